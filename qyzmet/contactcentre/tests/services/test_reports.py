"""Reports: quarterly (UCC 13-14), monthly analytic from the complaints (UCC 18), discrepancies
(UCC 20)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from qyzmet.complaints.enums import ComplaintSubject
from qyzmet.complaints.tests.factories import complaint_make
from qyzmet.contactcentre import documents, services
from qyzmet.contactcentre.enums import ReportKind
from qyzmet.notify.models import OutboxMessage
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.tests.factories import OrganisationFactory

from ..factories import informatization_authority, operator, quality_authority

pytestmark = pytest.mark.django_db
D = dt.date


@time_machine.travel(dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC), tick=False)
def test_ucc_18_monthly_report_figures_per_body_kind_and_due_on_the_5th() -> None:
    quality_authority()
    ministry = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    akimat = OrganisationFactory.create(kind=OrganisationKind.OBLAST_AKIMAT)
    complaint_make(
        provider=ministry, subject=ComplaintSubject.STANDARD_NONCOMPLIANCE, registered_on=D(2026, 10, 5)
    )
    complaint_make(provider=akimat, subject=ComplaintSubject.OFFICER_ACTION, registered_on=D(2026, 10, 6))
    complaint_make(provider=akimat, registered_on=D(2026, 9, 30))  # another month
    ucc = operator()

    report = services.monthly_report_build(actor=ucc, year=2026, month=10, today=D(2026, 11, 20))
    assert (report.kind, report.due_on) == (ReportKind.MONTHLY_COMPLAINTS, D(2026, 11, 5))
    totals = report.data["totals"]
    assert (totals["complaints"], totals["standard_noncompliance"], totals["staff_actions"]) == (2, 1, 1)
    # both October complaints are open past their 5-working-day term on 20 November
    assert report.data["breaches_by_kind"] == {
        "central": 1,
        "local": 1,
        "state_corporation": 0,
        "other_provider": 0,
    }
    assert report.data["review_terms"] == {
        "provider": {
            "statutory_working_days": 5,
            "count": 2,
            "extended": 0,
            "answered": 0,
            "average_calendar_days": None,
        }
    }
    assert totals["electronic"] == 2
    assert report.data["standard_noncompliance"][0]["contact"]
    assert report.data["staff_actions"][0]["contact"]

    services.report_send(actor=ucc, report=report, sent_on=D(2026, 11, 6))
    report.refresh_from_db()
    assert report.sent_in_time() is False
    assert OutboxMessage.objects.filter(kind="cc_report").count() == 1

    services.report_discrepancy_record(
        actor=ucc,
        report=report,
        figure="total",
        body=akimat,
        body_value=2,
        explanation="Шағым қайта тіркелді",
    )
    assert documents.report_xlsx(report=report, language="ru")[:2] == b"PK"
    assert documents.report_pdf(report=report, language="kk")[:4] == b"%PDF"


@time_machine.travel(dt.datetime(2026, 10, 5, 10, 0, tzinfo=dt.UTC), tick=False)
def test_ucc_14_quarterly_report_due_10_calendar_days_after_the_quarter() -> None:
    informatization_authority()
    ucc = operator()
    services.contact_record(
        actor=ucc,
        channel="phone",
        language="kk",
        topic="procedure",
        outcome="informed",
        occurred_at=dt.datetime(2026, 8, 3, 9, 0, tzinfo=dt.UTC),
    )
    report = services.quarterly_report_build(actor=ucc, year=2026, quarter=3)
    assert (report.period_start, report.period_end, report.due_on) == (
        D(2026, 7, 1),
        D(2026, 9, 30),
        D(2026, 10, 12),
    )
    # 10 October 2026 is a Saturday: the term moves to Monday 12 October (Civil Code art. 173)
    assert report.data["totals"]["contacts"] == 1
    services.report_send(actor=ucc, report=report, sent_on=D(2026, 10, 5))
    report.refresh_from_db()
    assert report.sent_in_time() is True
