"""Periodic jobs of the reception app, run by ``qyzmet worker``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

from qyzmet.reception.services import REGISTRY_HOURS, paper_registry_form, staffing_alerts_raise


def paper_registries_due(now: dt.datetime | None = None) -> int:
    """CRC 17.7: form the registries of the latest 12:00 / 18:00 moment that has passed today.
    Forming is idempotent, so the job may run every few minutes."""
    local = timezone.localtime(now or timezone.now())
    slots = [timezone.make_aware(dt.datetime.combine(local.date(), t), local.tzinfo) for t in REGISTRY_HOURS]
    passed = [s for s in slots if s <= local]
    if not passed:
        return 0
    return len(paper_registry_form(at=passed[-1]))


def staffing_alerts() -> int:
    """CRC 9: alert on desks unstaffed for more than three hours."""
    return len(staffing_alerts_raise())


def personal_reception_daily() -> int:
    """CRC 21-22 (daily, idempotent): send the final lists fixed by today; flag the follow-up
    tasks past their due date (their owners and the Department are told once)."""
    from qyzmet.reception.personal_services import final_lists_send_due, follow_ups_flag_overdue

    return len(final_lists_send_due()) + len(follow_ups_flag_overdue())


JOBS: list[tuple[str, int, Callable[[], object]]] = [
    ("reception.paper_registries", 300, paper_registries_due),
    ("reception.staffing_alerts", 600, staffing_alerts),
    # hourly, so the day's sweep runs early in the morning whenever the worker starts
    ("reception.personal_reception_daily", 3600, personal_reception_daily),
]
