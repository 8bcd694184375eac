"""Periodic jobs of the oversight app, run by ``qyzmet worker``."""

from __future__ import annotations

from collections.abc import Callable

from qyzmet.oversight.services import hearing_missing_sweep


def hearing_sweep() -> int:
    """Law 23.6: flag to the quality authority the bodies that held no public hearing on their
    report in the year that ended (idempotent)."""
    return hearing_missing_sweep()


JOBS: list[tuple[str, int, Callable[[], object]]] = [
    ("oversight.hearing_sweep", 86400, hearing_sweep),
]
