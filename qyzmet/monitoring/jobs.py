"""Periodic jobs of the monitoring app, run by ``qyzmet worker``."""

from __future__ import annotations

from collections.abc import Callable

from qyzmet.monitoring.services import indicator_aggregate_refresh_recent


def refresh_indicator_aggregates() -> int:
    """ADR 0051: recompute the current and the previous month of the public indicators'
    aggregates (the page reads only them)."""
    return indicator_aggregate_refresh_recent()


JOBS: list[tuple[str, int, Callable[[], object]]] = [
    ("monitoring.refresh_indicator_aggregates", 3600, refresh_indicator_aggregates),
]
