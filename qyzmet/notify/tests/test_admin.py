from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.core.models import AuditLog, User
from qyzmet.notify.enums import OutboxStatus
from qyzmet.notify.models import OutboxMessage
from qyzmet.notify.services import outbox_enqueue

pytestmark = pytest.mark.django_db


def test_admin_retry_now_action_goes_through_the_service(admin_client: Client, admin_user: User) -> None:
    message = outbox_enqueue(channel="email", to="a@example.kz", subject="S", body="B")
    OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxStatus.FAILED, attempts=10)
    url = reverse("admin:notify_outboxmessage_changelist")
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"action": "retry_now", "_selected_action": [message.pk]})
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING
    assert AuditLog.objects.filter(action="notify.outbox_retry_now", actor=admin_user).count() == 1


def test_admin_outbox_is_read_only(admin_client: Client) -> None:
    message = outbox_enqueue(channel="sms", to="+77011234567", subject="", body="B")
    assert admin_client.get(reverse("admin:notify_outboxmessage_add")).status_code == 403
    assert (
        admin_client.get(reverse("admin:notify_outboxmessage_delete", args=[message.pk])).status_code == 403
    )
    page = admin_client.get(reverse("admin:notify_outboxmessage_change", args=[message.pk]))
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
