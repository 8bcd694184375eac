"""Periodic jobs of the delivery app, run by ``qyzmet worker``."""

from __future__ import annotations

from collections.abc import Callable

from qyzmet.delivery.services import application_draft_sweep_expired, application_sweep_overdue
from qyzmet.delivery.services.volumes import decided_volume_sweep


def sweep_overdue() -> int:
    """Law 5.2.5: mark applications past their due date as term violations (idempotent)."""
    return application_sweep_overdue()


def sweep_expired_drafts() -> int:
    """ADR 0020: delete expired portal drafts and their scans (personal data)."""
    return application_draft_sweep_expired()


def refresh_decided_volumes() -> int:
    """ADR 0079: fold the recorded corrections into the monthly decided volumes and build the
    month just ended (the PSC 4 count reads such months from the cases until then)."""
    return decided_volume_sweep()


JOBS: list[tuple[str, int, Callable[[], object]]] = [
    ("delivery.sweep_overdue", 3600, sweep_overdue),
    ("delivery.sweep_expired_drafts", 3600, sweep_expired_drafts),
    ("delivery.refresh_decided_volumes", 60, refresh_decided_volumes),
]
