"""Demo quality data: the national default normative values of the STD appendix indicators
(set by the quality authority), the own values of a few services (set by their responsible
bodies), next year's targets approved by order (STD 20) for the services of the demo register
(one of them changed by a later order, so the history shows), survey invitations for the demo
applications and complaints (through the survey job) and answers to most of them (anonymous,
deterministic by case). Orders are dated relative to the load day, never in the future.

Idempotent: norms are set by natural key (unchanged values write nothing); a target already
approved is left as it is; invitations are one per case; answered invitations are skipped."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from typing import TextIO

from django.utils import timezone

from qyzmet.quality import selectors, services
from qyzmet.quality.enums import CaseKind, Indicator
from qyzmet.quality.models import SurveyInvitation
from qyzmet.registry.models import Service
from qyzmet.registry.selectors import service_list

# National default normative values (per cent).
NORMS: dict[str, Decimal] = {
    Indicator.TIMELINESS: Decimal("100"),
    Indicator.PROCESS: Decimal("90"),
    Indicator.INFORMATION: Decimal("90"),
    Indicator.ELECTRONIC_INFORMATION: Decimal("100"),
    Indicator.COMPLAINT_PROCEDURE: Decimal("80"),
    Indicator.POLITENESS: Decimal("95"),
}
# The legal basis of a normative value is one text, the citation the body types: its order's
# number and date (the page asks for just that). Not the act's name in both languages joined by
# " / ": the page shows it as typed, so both languages came out on the kk and on the ru page.
NATIONAL_BASIS = "№ 15, {date}"
# A few services' own values: where delivery on paper is slower or complaints harder.
OWN_NORMS: list[dict[str, Decimal]] = [
    {Indicator.TIMELINESS: Decimal("98"), Indicator.PROCESS: Decimal("85")},
    {Indicator.COMPLAINT_PROCEDURE: Decimal("75"), Indicator.POLITENESS: Decimal("97")},
    {Indicator.ELECTRONIC_INFORMATION: Decimal("100"), Indicator.INFORMATION: Decimal("92")},
]
OWN_BASIS = "№ {number}, {date}"
TARGETS: dict[str, Decimal] = {
    Indicator.TIMELINESS: Decimal("99"),
    Indicator.PROCESS: Decimal("92"),
    Indicator.INFORMATION: Decimal("90"),
    Indicator.ELECTRONIC_INFORMATION: Decimal("100"),
    Indicator.COMPLAINT_PROCEDURE: Decimal("85"),
    Indicator.POLITENESS: Decimal("96"),
}
# Just the number: the pages word it ("Бұйрық № 0001-НМ, 30.10.2026" / "Приказ № 0001-НМ от ...").
TARGET_ORDER = "{code}-НМ"
CHANGE_ORDER = "{code}-НМ/2"


def _basis_day(today: dt.date) -> dt.date:
    """The day of the norms' orders: 12 January of the load day's year (of the year before when
    the load day is earlier): never in the future, the same all year (a reload writes nothing)."""
    day = dt.date(today.year, 1, 12)
    return day if day <= today else day.replace(year=today.year - 1)


def _load_norms(services_: list[Service], today: dt.date) -> int:
    count, day = 0, _basis_day(today)
    date = day.strftime("%d.%m.%Y")
    for code, value in NORMS.items():
        services.indicator_norm_set(
            actor=None, indicator=code, value=value, legal_basis=NATIONAL_BASIS.format(date=date)
        )
        count += 1
    for service, values in zip(services_, OWN_NORMS, strict=False):
        basis = OWN_BASIS.format(number=f"{service.code[-3:]}-{day.year}", date=date)
        for code, value in values.items():
            services.indicator_norm_set(
                actor=None, service=service, indicator=code, value=value, legal_basis=basis
            )
            count += 1
    return count


def _load_targets(services_: list[Service], today: dt.date) -> int:
    """STD 20: next year's targets by an order of a month ago; the first service's 1.1 target is
    then raised by an order of a week ago (a change with history)."""
    year, count = today.year + 1, 0
    for service in services_:
        approved = selectors.target_values(service=service, year=year)
        for code, value in TARGETS.items():
            if code in approved:
                continue
            services.indicator_target_set(
                actor=None,
                service=service,
                indicator=code,
                year=year,
                value=value,
                order_number=TARGET_ORDER.format(code=service.code[-4:]),
                order_date=today - dt.timedelta(days=30),
            )
            count += 1
    if services_ and selectors.target_history(service=services_[0], year=year).count() == len(TARGETS):
        services.indicator_target_change(
            actor=None,
            service=services_[0],
            indicator=Indicator.TIMELINESS,
            year=year,
            value=Decimal("99.5"),
            order_number=CHANGE_ORDER.format(code=services_[0].code[-4:]),
            order_date=today - dt.timedelta(days=7),
        )
    return count


def _score(case_number: str, question: str) -> int | None:
    """A deterministic score 1-5 (mostly satisfied), or None (question skipped)."""
    h = int(hashlib.sha256(f"{case_number}:{question}".encode()).hexdigest()[:8], 16)
    return [5, 5, 4, 4, 4, 3, 2, 5, 1, None][h % 10]


def survey_answer_demo(invitation: SurveyInvitation) -> bool:
    """Answer ``invitation`` with deterministic scores, as about four in five recipients do;
    False for the one in five who does not answer."""
    if int(hashlib.sha256(invitation.case_number.encode()).hexdigest()[:2], 16) % 5 == 0:
        return False
    questions = services.QUESTIONS[CaseKind(invitation.case_kind)]
    scores = {q: _score(invitation.case_number, q) for q in questions}
    if all(v is None for v in scores.values()):
        scores[questions[0]] = 4
    services.survey_answer_submit(token=invitation.token, scores=scores)
    return True


def load(stdout: TextIO) -> None:
    today = timezone.localdate()
    services_ = list(service_list(active_only=True)[:60])
    norms = _load_norms(services_, today)
    targets = _load_targets(services_, today)
    from qyzmet.oversight import demo as oversight_demo
    from qyzmet.pscselection import demo as psc_demo

    # The bulk histories (the PSC selection's volumes, the assessments' year of evidence) are
    # not asked again on each load; the oversight demo surveys its year itself.
    invited = services.survey_invite_new(
        days=3650, skip_prefixes=(psc_demo.NUMBER_PREFIX, oversight_demo.EVIDENCE_PREFIX)
    )
    answered = sum(
        survey_answer_demo(invitation)
        for invitation in SurveyInvitation.objects.filter(answered_at__isnull=True).order_by("id")
    )
    stdout.write(
        f"quality: {norms} norms, {targets} targets for {today.year + 1}, {invited} invitations, "
        f"{answered} answers\n"
    )
