"""Periodic jobs of the PSC selection, run by ``qyzmet worker``."""

from __future__ import annotations

from collections.abc import Callable

from qyzmet.pscselection.services import cycle_sweep


def steps_sweep() -> int:
    """PSC 5-11: flag late steps and tasks, tell their owners; close tasks whose standard
    version is approved (idempotent)."""
    return cycle_sweep()


JOBS: list[tuple[str, int, Callable[[], object]]] = [
    ("pscselection.steps_sweep", 3600, steps_sweep),
]
