from typing import Any

from django.apps import AppConfig


def _desks_left_on_sign_off(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """CRC 9: a worker who signs off leaves their desks (the rule is the service's)."""
    if user is None or not getattr(user, "pk", None):
        return
    from qyzmet.reception.staffing import desk_sign_off

    desk_sign_off(user=user)


class ReceptionConfig(AppConfig):
    name = "qyzmet.reception"
    label = "reception"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_out

        user_logged_out.connect(_desks_left_on_sign_off, dispatch_uid="reception.desks_left_on_sign_off")
        # ADR 0062: appeals and queue tickets have retention periods.
        from qyzmet.reception.retention import APPEALS, TICKETS
        from qyzmet.retention.kinds import register_record_kind

        register_record_kind(APPEALS)
        register_record_kind(TICKETS)
