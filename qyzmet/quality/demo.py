"""Demo quality data: normative values of the STD appendix indicators, targets for 2027 for
the services of the demo register, survey invitations for the demo applications and complaints
(through the survey job) and answers to most of them (anonymous, deterministic by case).

Idempotent: norms and targets are update_or_create by natural key; invitations are one per case;
answered invitations are skipped."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import TextIO

from qyzmet.quality import services
from qyzmet.quality.enums import CaseKind, Indicator
from qyzmet.quality.models import IndicatorNorm, SurveyInvitation
from qyzmet.registry.selectors import service_list

# Normative values used in the demo (per cent).
NORMS: dict[str, tuple[Decimal, str]] = {
    Indicator.TIMELINESS: (Decimal("100"), "STD 19, appendix 1.1"),
    Indicator.PROCESS: (Decimal("90"), "STD 19, appendix 2.1"),
    Indicator.INFORMATION: (Decimal("90"), "STD 19, appendix 3.1"),
    Indicator.ELECTRONIC_INFORMATION: (Decimal("100"), "STD 19, appendix 3.2"),
    Indicator.COMPLAINT_PROCEDURE: (Decimal("80"), "STD 19, appendix 4.1"),
    Indicator.POLITENESS: (Decimal("95"), "STD 19, appendix 5.1"),
}
TARGETS_2027: dict[str, Decimal] = {
    Indicator.TIMELINESS: Decimal("99"),
    Indicator.PROCESS: Decimal("92"),
    Indicator.INFORMATION: Decimal("90"),
    Indicator.ELECTRONIC_INFORMATION: Decimal("100"),
    Indicator.COMPLAINT_PROCEDURE: Decimal("85"),
    Indicator.POLITENESS: Decimal("96"),
}


def _score(case_number: str, question: str) -> int | None:
    """A deterministic score 1-5 (mostly satisfied), or None (question skipped)."""
    h = int(hashlib.sha256(f"{case_number}:{question}".encode()).hexdigest()[:8], 16)
    return [5, 5, 4, 4, 4, 3, 2, 5, 1, None][h % 10]


def load(stdout: TextIO) -> None:
    for code, (value, basis) in NORMS.items():
        IndicatorNorm.objects.update_or_create(
            indicator=code, defaults={"value": value, "legal_basis": basis}
        )
    targets = 0
    for service in service_list(active_only=True)[:60]:
        for code, value in TARGETS_2027.items():
            services.indicator_target_set(
                actor=None,
                service=service,
                indicator=code,
                year=2027,
                value=value,
                order_reference="Бұйрық / Приказ № 2026-Q",
            )
            targets += 1
    invited = services.survey_invite_new(days=3650)
    answered = 0
    for invitation in SurveyInvitation.objects.filter(answered_at__isnull=True).order_by("id"):
        if int(hashlib.sha256(invitation.case_number.encode()).hexdigest()[:2], 16) % 5 == 0:
            continue  # about one in five does not answer
        questions = services.QUESTIONS[CaseKind(invitation.case_kind)]
        scores = {q: _score(invitation.case_number, q) for q in questions}
        if all(v is None for v in scores.values()):
            scores[questions[0]] = 4
        services.survey_answer_submit(token=invitation.token, scores=scores)
        answered += 1
    stdout.write(
        f"quality: {len(NORMS)} norms, {targets} targets for 2027, {invited} invitations, {answered} answers\n"
    )
