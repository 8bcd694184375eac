"""Periodic jobs of the reception app, run by ``qyzmet worker``."""

from __future__ import annotations

from collections.abc import Callable

from qyzmet.reception.answers import answer_email_deliveries_record
from qyzmet.reception.appeal_drafts import appeal_draft_sweep_expired
from qyzmet.reception.registries import paper_registries_due
from qyzmet.reception.services import staffing_alerts_raise


def paper_registries() -> int:
    """CRC 17.7: form the registries of the latest 12:00 / 18:00 forming time that has come
    today. Forming is idempotent, so the job may run every few minutes."""
    return len(paper_registries_due())


def answer_emails() -> int:
    """CRC 17.4: answers e-mailed through the outbox are delivered once it reports them sent."""
    return answer_email_deliveries_record()


def appeal_drafts() -> int:
    """Appeals begun at the Result desk and never registered are dropped after their time."""
    return appeal_draft_sweep_expired()


def staffing_alerts() -> int:
    """CRC 9: the shift starts without the workers who have not taken their desks, and desks
    without their body's worker for more than three opening hours raise an alert."""
    return len(staffing_alerts_raise())


def personal_reception_daily() -> int:
    """CRC 21-22 (daily, idempotent): send the final lists fixed by today; flag the follow-up
    tasks past their due date (their owners and the Department are told once)."""
    from qyzmet.reception.personal_services import final_lists_send_due, follow_ups_flag_overdue

    return len(final_lists_send_due()) + len(follow_ups_flag_overdue())


JOBS: list[tuple[str, int, Callable[[], object]]] = [
    ("reception.paper_registries", 300, paper_registries),
    ("reception.answer_emails", 60, answer_emails),
    ("reception.appeal_drafts", 3600, appeal_drafts),
    ("reception.staffing_alerts", 600, staffing_alerts),
    # hourly, so the day's sweep runs early in the morning whenever the worker starts
    ("reception.personal_reception_daily", 3600, personal_reception_daily),
]
