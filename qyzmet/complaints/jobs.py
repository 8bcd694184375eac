"""Periodic jobs of the complaints app, run by ``qyzmet worker``."""

from __future__ import annotations

from collections.abc import Callable

from qyzmet.complaints.services import complaint_review_breach_sweep


def review_breach_sweep() -> int:
    """Law 25.2, 25.4: mark breached review terms and late extension notices (idempotent)."""
    return complaint_review_breach_sweep()


JOBS: list[tuple[str, int, Callable[[], object]]] = [
    ("complaints.review_breach_sweep", 3600, review_breach_sweep),
]
