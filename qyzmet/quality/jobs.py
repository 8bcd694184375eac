"""Periodic jobs of the quality app, run by ``qyzmet worker``."""

from __future__ import annotations

from collections.abc import Callable

from qyzmet.quality.services import survey_invite_new


def invite_surveys() -> int:
    """STD appendix 2.1-5.1: invite recipients of newly issued applications and answered
    complaints to the satisfaction survey (idempotent: one invitation per case)."""
    return survey_invite_new()


JOBS: list[tuple[str, int, Callable[[], object]]] = [
    ("quality.invite_surveys", 900, invite_surveys),
]
