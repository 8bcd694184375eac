from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "qyzmet.payments"
    label = "payments"

    def ready(self) -> None:
        # The gateways declared once (ADR 0019): importing the package registers them.
        from qyzmet.payments import gateways  # noqa: F401
