"""Periodic jobs of the quality app, run by ``qyzmet worker``."""

from __future__ import annotations

from collections.abc import Callable

from qyzmet.quality.services import indicator_month_sweep, survey_invite_new


def invite_surveys() -> int:
    """STD appendix 2.1-5.1: invite recipients of newly issued applications and answered
    complaints to the satisfaction survey (idempotent: one invitation per case)."""
    return survey_invite_new()


def refresh_indicator_months() -> int:
    """ADR 0078: fold the recorded case changes into the monthly aggregates and rebuild the
    month just ended (the indicators page counts such months from the cases until then)."""
    return indicator_month_sweep()


JOBS: list[tuple[str, int, Callable[[], object]]] = [
    ("quality.invite_surveys", 900, invite_surveys),
    ("quality.refresh_indicator_months", 60, refresh_indicator_months),
]
