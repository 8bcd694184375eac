from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "qyzmet.delivery"
    label = "delivery"

    def ready(self) -> None:
        # ADR 0019: what a paid payment for a portal draft does (payments never imports delivery).
        from qyzmet.delivery.services.drafts import PORTAL_DRAFT_PURPOSE, portal_draft_on_paid
        from qyzmet.delivery.services.fees import API_PURPOSE
        from qyzmet.payments.purposes import register_purpose

        register_purpose(PORTAL_DRAFT_PURPOSE, on_paid=portal_draft_on_paid)
        # A payment started through the REST API: the application submitted with it uses it up.
        register_purpose(API_PURPOSE)
        # ADR 0062: applications have retention periods by service (anonymised at the end).
        from qyzmet.delivery.retention import RECORD_KIND
        from qyzmet.retention.kinds import register_record_kind

        register_record_kind(RECORD_KIND)
        # ADR 0079: the monthly decided volumes follow the applications' saves and deletions.
        from qyzmet.delivery import signals

        signals.connect()
