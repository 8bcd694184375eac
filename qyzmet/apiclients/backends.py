"""The outbox's ``webhook`` channel (registered in ``ApiClientsConfig.ready``): an event
delivery is POSTed to its subscription's address, signed with the subscription's secret
(``qyzmet.notify.webhooks``). The address and secret are read at each attempt, so a retry after
a rotation or a change of address goes where and as the subscription now says."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qyzmet.apiclients.events import RECEIVE_SCOPE
from qyzmet.apiclients.models import EventDelivery
from qyzmet.apiclients.services import subscription_secret_unseal
from qyzmet.notify.backends import Delivered, DeliveryFailed
from qyzmet.notify.webhooks import EVENT_HEADER, webhook_post

if TYPE_CHECKING:
    from qyzmet.notify.models import OutboxMessage


class EventWebhookBackend:
    def send(self, message: OutboxMessage, *, idempotency_key: str) -> Delivered:
        delivery = (
            EventDelivery.objects.select_related("subscription__client").filter(message_id=message.pk).first()
        )
        if delivery is None:
            raise DeliveryFailed("no event delivery holds this message", permanent=True)
        subscription = delivery.subscription
        client = subscription.client
        if not subscription.is_active or not client.is_active or RECEIVE_SCOPE not in (client.scopes or []):
            raise DeliveryFailed("the subscription or its client is no longer active", permanent=True)
        return webhook_post(
            url=subscription.url,
            body=message.body.encode(),
            secret=subscription_secret_unseal(subscription.secret_sealed),
            delivery_id=idempotency_key,
            headers={EVENT_HEADER: delivery.kind},
        )
