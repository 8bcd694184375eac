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
    """CRC 9: the shift starts without the workers who have not taken their desks, and desks
    without their body's worker for more than three opening hours raise an alert."""
    return len(staffing_alerts_raise())


JOBS: list[tuple[str, int, Callable[[], object]]] = [
    ("reception.paper_registries", 300, paper_registries_due),
    ("reception.staffing_alerts", 600, staffing_alerts),
]
