"""Periodic jobs of retention, run by ``qyzmet worker`` (ADR 0062)."""

from __future__ import annotations

from collections.abc import Callable

from qyzmet.retention.services import retention_propose_due


def propose_due() -> int:
    """Propose what has outlived its retention period (an officer approves); prune the outbox."""
    return len(retention_propose_due())


JOBS: list[tuple[str, int, Callable[[], object]]] = [
    ("retention.propose_due", 86400, propose_due),
]
