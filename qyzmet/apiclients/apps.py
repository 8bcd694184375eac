from django.apps import AppConfig


class ApiClientsConfig(AppConfig):
    name = "qyzmet.apiclients"
    label = "apiclients"
    verbose_name = "API clients"

    def ready(self) -> None:
        # Issue 19.4 (ADR 0061): events reach the subscriptions of API clients through the
        # outbox's webhook channel (the owning apps call notify.events.event_publish only).
        from qyzmet.apiclients.backends import EventWebhookBackend
        from qyzmet.apiclients.selectors import client_key_of_request
        from qyzmet.apiclients.services import event_deliver
        from qyzmet.core.middleware import set_client_key_resolver
        from qyzmet.notify.backends import register_backend
        from qyzmet.notify.enums import Channel
        from qyzmet.notify.events import register_event_sink

        register_event_sink("apiclients.subscriptions", event_deliver)
        register_backend(Channel.WEBHOOK, EventWebhookBackend)
        # Issue 19: the POST throttle counts a token-holding client per client, not per address.
        set_client_key_resolver(client_key_of_request)
