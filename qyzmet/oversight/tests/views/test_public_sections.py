"""The oversight sections of the public indicators page (monitoring.public): the yearly reports
with their hearings (Law 23.5-23.6) and the outcomes of closed control cases (Law 27), in a
number of queries that does not grow with the data, in the open-data export, nothing personal."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qyzmet.monitoring.public import PublicFilter
from qyzmet.oversight import public_sections, services
from qyzmet.oversight.tests.factories import (
    D,
    body_make,
    case_make,
    hearing_make,
    quality_inspector,
    report_make,
)

pytestmark = pytest.mark.django_db


def _closed_case(qa: Any) -> None:
    body = body_make()
    case = case_make(body, actor=qa)
    services.control_findings_record(case=case, actor=qa, findings="Жоқ.", breaches_found=False)
    services.control_case_close(case=case, actor=qa, closed_on=D(2026, 10, 5))


def _queries(f: PublicFilter) -> int:
    with CaptureQueriesContext(connection) as ctx:
        public_sections.yearly_reports_context(f)
        public_sections.yearly_reports_rows(f)
        public_sections.control_outcomes_context(f)
        public_sections.control_outcomes_rows(f)
    return len(ctx.captured_queries)


def test_law_23_5_and_27_the_sections_cost_the_same_queries_for_one_or_many() -> None:
    qa = quality_inspector()
    body = body_make()
    hearing_make(report_make(body), body.officer)
    _closed_case(qa)
    f = PublicFilter(year=2026, language="kk")
    few = _queries(f)
    for _ in range(4):
        other = body_make()
        hearing_make(report_make(other), other.officer)
        _closed_case(qa)
    assert _queries(f) == few
    assert len(public_sections.yearly_reports_rows(f)) == 5  # the running year shows the year just ended
    assert len(public_sections.control_outcomes_rows(f)) == 5


def test_law_23_5_and_27_the_public_page_shows_them_and_the_export_carries_nothing_personal(
    client: Client,
) -> None:
    body = body_make()
    report = report_make(body)
    hearing = hearing_make(report, body.officer)
    comment = services.hearing_comment_submit(hearing=hearing, text="Пікір.", author_name="Айгүл Сейітова")
    services.hearing_comment_moderate(comment=comment, actor=body.officer, publish=True)
    _closed_case(quality_inspector())
    html = client.get(reverse("monitoring:public-quality")).content.decode()
    assert reverse("oversight:report", args=[body.org.code, 2025]) in html
    assert 'id="section-control_outcomes"' in html
    data = client.get(reverse("monitoring:public-quality-data", args=["json"])).json()
    text = str(data)
    assert data["datasets"]["yearly_reports"][0]["body_code"] == body.org.code
    assert len(data["datasets"]["control_outcomes"]) == 1
    assert "Айгүл" not in text and "Пікір." not in text
