"""Periodic jobs of the delivery app, run by ``qyzmet worker``."""

from __future__ import annotations

from collections.abc import Callable

from qyzmet.delivery.services import application_sweep_overdue


def sweep_overdue() -> int:
    """Law 5.2.5: mark applications past their due date as term violations (idempotent)."""
    return application_sweep_overdue()


JOBS: list[tuple[str, int, Callable[[], object]]] = [
    ("delivery.sweep_overdue", 3600, sweep_overdue),
]
