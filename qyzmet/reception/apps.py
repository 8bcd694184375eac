from django.apps import AppConfig


class ReceptionConfig(AppConfig):
    name = "qyzmet.reception"
    label = "reception"

    def ready(self) -> None:
        # ADR 0062: appeals and queue tickets have retention periods.
        from qyzmet.reception.retention import APPEALS, TICKETS
        from qyzmet.retention.kinds import register_record_kind

        register_record_kind(APPEALS)
        register_record_kind(TICKETS)
