"""Periodic jobs of the core app, run by ``qyzmet worker``."""

from __future__ import annotations

from collections.abc import Callable

from qyzmet.core.services import kept_upload_sweep, throttle_counter_prune


def throttle_counters_prune() -> int:
    """ADR 0075: counters whose window ended are removed (the next attempt starts from 1)."""
    return throttle_counter_prune()


def kept_uploads_sweep() -> int:
    """Staff uploads kept across a refusal past their expiry are deleted with their files."""
    return kept_upload_sweep()


JOBS: list[tuple[str, int, Callable[[], object]]] = [
    ("core.throttle_counters_prune", 3600, throttle_counters_prune),
    ("core.kept_uploads_sweep", 3600, kept_uploads_sweep),
]
