"""The demo loader builds every onboarding step, contacts of every outcome, a reported refusal
pair and reports, and is idempotent."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine

from qyzmet.contactcentre.enums import ContactOutcome, OnboardingStep, RequestStatus
from qyzmet.contactcentre.models import (
    BodyExplanation,
    CentreReport,
    Contact,
    InformationRequest,
    InformationUpdate,
    KnowledgeArticleVersion,
    Onboarding,
    PlanSchedule,
    QualityAuthorityReport,
    RefusalFile,
)
from qyzmet.core.tests.demo_texts import KAZAKH_ONLY, demo_texts, joined_pair

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC), tick=False)
def test_demo_is_idempotent_and_covers_every_step() -> None:
    from qyzmet.contactcentre import demo as cc_demo
    from qyzmet.orgs import demo as orgs_demo
    from qyzmet.registry import demo as registry_demo
    from qyzmet.workcalendar import demo as calendar_demo

    out = io.StringIO()
    for module in (calendar_demo, orgs_demo, registry_demo, cc_demo):
        module.load(out)
    steps = set(Onboarding.objects.values_list("step", flat=True))
    assert steps == set(OnboardingStep.values) - {OnboardingStep.CONSULTING}  # consulting is derived by date
    assert Onboarding.objects.get(item__service__code="01020001").consultations_start_on == dt.date(
        2026, 4, 9
    )
    assert set(Contact.objects.values_list("outcome", flat=True)) == set(ContactOutcome.values)
    # UCC 11-12: refusals by letter and by call with files, reported; a later one joined the report
    report = QualityAuthorityReport.objects.get()
    assert set(report.requests.values_list("refusal_form", "added_later")) == {
        ("letter", False),
        ("call", False),
        ("no_answer", True),
    }
    assert report.refusals == 3 and RefusalFile.objects.filter(request__report=report).count() == 3
    assert set(BodyExplanation.objects.values_list("channel", flat=True)) == {"oral", "phone"}  # UCC 11.2
    # UCC 3: prepared by the centre, approved by the head of the informatization authority
    plan = PlanSchedule.objects.get(year=2026)
    assert plan.prepared_by is not None and plan.approved_by is not None
    assert (plan.prepared_by.username, plan.approved_by.username) == ("operator.1414", "head.mindigital")
    # UCC 5: the information signed by the body's head, by name
    signed = Onboarding.objects.exclude(information_signer=None)
    assert signed.exists()
    assert all(o.information_signer and o.information_signer.username.startswith("head.") for o in signed)
    assert CentreReport.objects.count() == 3
    assert InformationUpdate.objects.filter(kind="responsible_changed", is_late=True).exists()
    # UCC 10-12: requests sent (awaiting the Ministry of Justice), answered and refused
    assert set(InformationRequest.objects.values_list("status", flat=True)) == set(RequestStatus.values)
    counts = (
        Onboarding.objects.count(),
        KnowledgeArticleVersion.objects.count(),
        Contact.objects.count(),
        InformationRequest.objects.count(),
    )
    cc_demo.load(out)
    assert counts == (
        Onboarding.objects.count(),
        KnowledgeArticleVersion.objects.count(),
        Contact.objects.count(),
        InformationRequest.objects.count(),
    )


@time_machine.travel(dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC), tick=False)
def test_demo_texts_are_one_language_each_in_the_contact_centre() -> None:
    """The texts a person types (a position, a subject, a reason, an answer, a training's topic
    and result) hold one language, not a kk/ru pair joined by " / "."""
    from qyzmet.contactcentre import demo as cc_demo
    from qyzmet.orgs import demo as orgs_demo
    from qyzmet.registry import demo as registry_demo
    from qyzmet.workcalendar import demo as calendar_demo

    out = io.StringIO()
    for module in (calendar_demo, orgs_demo, registry_demo, cc_demo):
        module.load(out)
    texts = demo_texts("contactcentre")
    assert any(KAZAKH_ONLY.search(t) for t in texts) and len(texts) > 20
    assert [t for t in texts if joined_pair(t)] == []
