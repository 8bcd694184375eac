"""The oversight demo: one of each — an assessment of each form signed in kk and ru, a closed
and an open control case, two published reports with a held and an announced hearing, comments
published and withheld — dated on or before the load day (but a hearing ahead and an order's
due date), readable in kk and ru, and idempotent."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from qyzmet.core.tests.demo_texts import KAZAKH_ONLY, demo_texts, joined_pair
from qyzmet.oversight.enums import AssessmentStatus, CommentStatus, ControlStatus, DeliveryForm, ReportStatus
from qyzmet.oversight.models import Assessment, ControlCase, Hearing, HearingComment, YearlyReport


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 12, 7, 5, 0, tzinfo=dt.UTC), tick=False)  # a Monday, 10:00 in Almaty
def test_law_23_5_and_27_and_28_demo_has_one_of_each_in_kk_and_ru_and_is_idempotent() -> None:
    from qyzmet.complaints import demo as complaints_demo
    from qyzmet.delivery import demo as delivery_demo
    from qyzmet.monitoring import demo as monitoring_demo
    from qyzmet.orgs import demo as orgs_demo
    from qyzmet.oversight import demo
    from qyzmet.registry import demo as registry_demo

    for loader in (orgs_demo, registry_demo, delivery_demo, complaints_demo, monitoring_demo):
        loader.load(io.StringIO())
    demo.load(io.StringIO())
    today = timezone.localdate()
    signed = Assessment.objects.filter(status=AssessmentStatus.SIGNED)
    assert set(signed.values_list("form", flat=True)) == set(DeliveryForm.values)
    assert all(a.findings_kk and a.findings_ru for a in signed)
    # Law 28: last year's assessments rest on real evidence, and their findings quote it
    for a in signed:
        e = a.evidence
        applications, late = sum(e["applications"].values()), sum(e["term_violations"].values())
        assert applications > 0 and late > 0 and e["complaints"]["total"] == 2
        assert e["complaints"]["review_term_breaches"] == 1 and e["contact_centre_refusals"]["refused"] == 2
        assert len(e["monitoring_conclusions"]) == 1
        assert next(i for i in e["indicators"] if i["indicator"] == "1.1")["denominator"] == applications
        # STD appendix 2.1, 3.1, 5.1: the year's survey answers of this form's channels
        surveyed = {i["indicator"]: i["denominator"] for i in e["indicators"]}
        assert all(0 < surveyed[n] < applications for n in ("2.1", "3.1", "5.1"))
        for text in (a.findings_kk, a.findings_ru):
            assert f"{applications}" in text and f": {late})" in text
    assert set(ControlCase.objects.values_list("status", flat=True)) == {
        ControlStatus.CLOSED,
        ControlStatus.ORDERED,
    }
    reports = YearlyReport.objects.filter(status=ReportStatus.PUBLISHED)
    assert reports.count() == 2 and all(r.narrative_kk and r.narrative_ru for r in reports)
    assert not reports.filter(published_on__gt=today).exists()
    assert Hearing.objects.count() == 2
    assert set(HearingComment.objects.values_list("status", flat=True)) <= {
        CommentStatus.PUBLISHED,
        CommentStatus.REJECTED,
    }
    from qyzmet.quality.models import SurveyAnswer

    answers = SurveyAnswer.objects.count()
    assert SurveyAnswer.objects.filter(case_date__year=today.year - 1).count() == answers
    counts = (
        SurveyAnswer.objects.count(),
        Assessment.objects.count(),
        ControlCase.objects.count(),
        YearlyReport.objects.count(),
        Hearing.objects.count(),
    )
    demo.load(io.StringIO())
    assert (
        SurveyAnswer.objects.count(),
        Assessment.objects.count(),
        ControlCase.objects.count(),
        YearlyReport.objects.count(),
        Hearing.objects.count(),
    ) == counts
    client = Client()
    for lang in ("kk", "ru"):
        for r in reports:
            page = client.get(
                reverse("oversight:report", args=[r.body.code, r.year]), HTTP_ACCEPT_LANGUAGE=lang
            )
            assert (
                page.status_code == 200
                and (r.narrative_ru if lang == "ru" else r.narrative_kk) in page.content.decode()
            )
        assert client.get(reverse("oversight:control-outcomes"), HTTP_ACCEPT_LANGUAGE=lang).status_code == 200
    inspector = Client()
    inspector.force_login(signed.get(form=DeliveryForm.OTHER).assessor)
    other = signed.get(form=DeliveryForm.OTHER)
    for lang in ("kk", "ru"):
        page = inspector.get(reverse("oversight:assessment", args=[other.number]), HTTP_ACCEPT_LANGUAGE=lang)
        body = page.content.decode()
        assert page.status_code == 200 and (other.findings_ru if lang == "ru" else other.findings_kk) in body
        # the applications of this form's channels, shown in the evidence table
        assert f">{sum(other.evidence['applications'].values())}<" in body.replace(" ", "")


@pytest.mark.django_db
def test_demo_texts_are_one_language_each_in_the_oversight_evidence() -> None:
    """The evidence the oversight demo types (the contact centre's refused requests, the demo
    applications' recipient and refusal reason) holds one language, not a kk/ru pair joined."""
    from qyzmet.complaints import demo as complaints_demo
    from qyzmet.delivery import demo as delivery_demo
    from qyzmet.monitoring import demo as monitoring_demo
    from qyzmet.orgs import demo as orgs_demo
    from qyzmet.oversight import demo
    from qyzmet.registry import demo as registry_demo

    for loader in (orgs_demo, registry_demo, delivery_demo, complaints_demo, monitoring_demo, demo):
        loader.load(io.StringIO())
    texts = demo_texts("oversight", "contactcentre", "delivery")
    assert any(KAZAKH_ONLY.search(t) for t in texts) and len(texts) > 20
    assert [t for t in texts if joined_pair(t)] == []
