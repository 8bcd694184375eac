"""Reports: the monthly analytic report on the complaints filed through the portal (UCC 18),
the quarterly report on appeals (UCC 13-14), both sent to their addressees' staff with the
figures and the files (outbox), and discrepancies with a body's own figure (UCC 20)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlparse

import pytest
import time_machine
from django.test import Client
from django.utils import translation

from qyzmet.complaints import services as complaint_services
from qyzmet.complaints.enums import ComplaintAddressee, ComplaintChannel, ComplaintSubject
from qyzmet.complaints.tests.factories import complaint_make, inspector, officer
from qyzmet.contactcentre import documents, services
from qyzmet.contactcentre.enums import ContactChannel, ReportKind
from qyzmet.contactcentre.models import CentreReport, QualityAuthorityReport
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.signing import document_verify
from qyzmet.notify.models import OutboxMessage
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory

from ..factories import body_officer, informatization_authority, operator, quality_authority

pytestmark = pytest.mark.django_db
D = dt.date
NOV_20 = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)


def _october_by_hand() -> dict[str, Any]:
    """October 2026 built by hand: three complaints filed through the portal (one on the
    standard about a ministry, one on staff actions about an akimat, one about the akimat
    addressed to the quality authority and answered late by it), one paper complaint about the
    akimat (not the centre's figure), one portal complaint of September, and two refusals of
    the akimat by letter."""
    quality = quality_authority()
    qa_inspector = inspector()
    ministry = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    akimat = OrganisationFactory.create(kind=OrganisationKind.OBLAST_AKIMAT)
    ministry_officer = officer(ministry, username="ministry.officer")
    akimat_officer = officer(akimat, username="akimat.officer")
    on_standard = complaint_make(
        provider=ministry, subject=ComplaintSubject.STANDARD_NONCOMPLIANCE, registered_on=D(2026, 10, 5)
    )
    on_staff = complaint_make(
        provider=akimat, subject=ComplaintSubject.OFFICER_ACTION, registered_on=D(2026, 10, 6)
    )
    to_quality = complaint_make(
        provider=akimat, addressee=ComplaintAddressee.QUALITY_AUTHORITY, registered_on=D(2026, 10, 7)
    )
    complaint_make(provider=akimat, channel=ComplaintChannel.PAPER, registered_on=D(2026, 10, 8))
    complaint_make(provider=akimat, registered_on=D(2026, 9, 30))
    for complaint, actor, day in (
        (on_standard, ministry_officer, D(2026, 10, 9)),
        (on_staff, akimat_officer, D(2026, 10, 9)),
        (to_quality, qa_inspector, D(2026, 11, 3)),  # 15 working days ended on 28 October
    ):
        complaint_services.complaint_answer(
            complaint=complaint, actor=actor, outcome="rejected", answer_text="Негізсіз.", answered_on=day
        )
    ucc = operator()
    for sent_on in (D(2026, 10, 1), D(2026, 10, 2)):
        request = services.information_request_send(
            actor=ucc, body=akimat, subject="Қызмет тәртібі туралы ақпарат", sent_on=sent_on
        )
        services.information_request_refuse(
            actor=akimat_officer, request=request, reason="Хатпен бас тартты", refused_on=D(2026, 10, 12)
        )
    return {"quality": quality, "inspector": qa_inspector, "ministry": ministry, "akimat": akimat, "ucc": ucc}


def _path_of_link(body: str) -> str:
    link = next(word for word in body.split() if "/contactcentre/reports/" in word)
    return urlparse(link).path


def test_ucc_18_monthly_report_of_a_month_built_by_hand_equals_the_hand_count_and_reaches_the_inspector(
    client: Client,
) -> None:
    # on the suite's clock (23 November, ADR 0008): the report is signed and verified today
    month = _october_by_hand()
    quality, akimat, ministry, ucc = month["quality"], month["akimat"], month["ministry"], month["ucc"]

    report = services.monthly_report_build(actor=ucc, year=2026, month=10, today=D(2026, 11, 20))

    assert (report.kind, report.addressee, report.due_on) == (
        ReportKind.MONTHLY_COMPLAINTS,
        quality,
        D(2026, 11, 5),
    )
    # the hand count: 3 through the portal (not the paper one, not September's); one breach
    assert report.data["totals"] == {
        "complaints": 3,
        "breaches": 1,
        "standard_noncompliance": 1,
        "staff_actions": 1,
    }
    per_body = report.data["per_body"]
    # the breach is the quality authority's, which reviewed late, not the akimat's
    assert {k: per_body[quality.code][k] for k in ("total", "reviewed", "breaches")} == {
        "total": 0,
        "reviewed": 1,
        "breaches": 1,
    }
    assert {k: per_body[akimat.code][k] for k in ("total", "staff_actions", "reviewed", "breaches")} == {
        "total": 2,
        "staff_actions": 1,
        "reviewed": 1,
        "breaches": 0,
    }
    assert (per_body[ministry.code]["standard_noncompliance"], per_body[ministry.code]["breaches"]) == (1, 0)
    assert report.data["breaches_by_kind"] == {
        "central": 1,
        "local": 0,
        "state_corporation": 0,
        "other_provider": 0,
    }
    assert report.data["review_terms"]["quality_authority"]["count"] == 1
    assert report.data["review_terms"]["provider"]["count"] == 2
    assert report.data["standard_noncompliance"][0]["contact"]
    # the two refusals by letter went to the quality authority under UCC 12, not into these figures
    assert QualityAuthorityReport.objects.get(body=akimat, month=D(2026, 10, 1)).refusals == 2

    services.report_send(actor=ucc, report=report, sent_on=D(2026, 11, 5))

    mail = OutboxMessage.objects.get(kind="cc_report", user=month["inspector"])
    assert "ЭҮП арқылы берілген шағымдардың жалпы саны: 3" in mail.body
    files = {a.filename: bytes(a.content) for a in mail.attachments.all()}
    name = "1414-ai-saiyngy-taldamalyq-esep-2026-10"  # the mail is in Kazakh (UCC 18)
    assert set(files) == {f"{name}.xlsx", f"{name}.pdf"}
    assert files[f"{name}.xlsx"][:2] == b"PK"
    assert document_verify(files[f"{name}.pdf"]).valid
    path = _path_of_link(mail.body)

    client.force_login(month["inspector"])
    page = client.get(path)
    assert page.status_code == 200
    assert "ЭҮП арқылы берілген шағымдардың жалпы саны" in page.content.decode()
    assert client.get(path.rstrip("/") + ".pdf").content == files[f"{name}.pdf"]

    client.force_login(body_officer(akimat, username="akimat.other"))
    assert client.get(path).status_code == 403


@time_machine.travel(NOV_20, tick=False)
def test_ucc_18_a_sent_report_cannot_be_rebuilt_and_only_the_centre_builds_or_sends() -> None:
    quality_authority()
    ucc = operator()
    outsider = body_officer(OrganisationFactory.create(), username="outsider")
    with pytest.raises(AccessDenied):
        services.monthly_report_build(actor=outsider, year=2026, month=10)
    report = services.monthly_report_build(actor=ucc, year=2026, month=10)
    with pytest.raises(AccessDenied):
        services.report_send(actor=outsider, report=report)
    services.report_send(actor=ucc, report=report)
    with pytest.raises(ApplicationError):
        services.monthly_report_build(actor=ucc, year=2026, month=10)


@time_machine.travel(dt.datetime(2026, 10, 5, 10, 0, tzinfo=dt.UTC), tick=False)
def test_ucc_13_quarterly_report_goes_to_the_informatization_authority_staff_who_alone_open_it(
    client: Client,
) -> None:
    it = informatization_authority()
    it_staff = StaffPositionFactory.create(
        user__username="it.head", user__preferred_language="ru", role=StaffRole.PROVIDER_HEAD, organisation=it
    ).user
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
    assert (report.addressee, report.due_on, report.data["totals"]["contacts"]) == (it, D(2026, 10, 12), 1)
    path = f"/contactcentre/reports/{report.pk}/"
    client.force_login(it_staff)
    assert client.get(path).status_code == 403  # not sent yet: a draft of the centre

    services.report_send(actor=ucc, report=report, sent_on=D(2026, 10, 5))
    report.refresh_from_db()
    assert report.sent_in_time() is True
    mails = OutboxMessage.objects.filter(kind="cc_report")
    assert {m.to for m in mails} == {it_staff.email, it.email}
    personal = mails.get(user=it_staff)
    assert personal.language == "ru"
    assert "Число обращений: 1" in personal.body
    assert {a.filename[-4:] for a in personal.attachments.all()} == {"xlsx", ".pdf"}
    assert _path_of_link(personal.body) == path
    assert client.get(path).status_code == 200

    client.force_login(inspector())  # the quality authority is not this report's addressee
    assert client.get(path).status_code == 403


@time_machine.travel(NOV_20, tick=False)
def test_ucc_13_sending_a_report_is_confirmed_first(client: Client) -> None:
    quality_authority()
    ucc = operator()
    report = services.monthly_report_build(actor=ucc, year=2026, month=10)
    client.force_login(ucc)
    path = f"/contactcentre/reports/{report.pk}/"
    asked = client.post(path, {"action": "send"})
    assert asked.status_code == 200
    assert "confirmed" in asked.content.decode()
    report.refresh_from_db()
    assert report.sent_on is None
    assert client.post(path, {"action": "send", "confirmed": "1"}).status_code == 302
    report.refresh_from_db()
    assert report.sent_on == D(2026, 11, 20)
    assert OutboxMessage.objects.filter(kind="cc_report").exists()


def test_ucc_20_a_discrepancy_compares_the_bodys_own_figure_not_the_national_total(client: Client) -> None:
    month = _october_by_hand()
    ucc, akimat = month["ucc"], month["akimat"]
    report = services.monthly_report_build(actor=ucc, year=2026, month=10, today=D(2026, 11, 20))
    assert report.data["totals"]["complaints"] == 3

    d = services.report_discrepancy_record(
        actor=ucc,
        report=report,
        figure="total",
        body=akimat,
        body_value=3,
        explanation="Қағаз шағым да саналды",
    )
    assert (d.centre_value, d.body_value) == (2, 3)  # the akimat's own row, not the total of 3
    quiet = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    assert (
        services.report_discrepancy_record(
            actor=ucc, report=report, figure="breaches", body=quiet, body_value=1, explanation="Бір бұзушылық"
        ).centre_value
        == 0
    )
    assert OutboxMessage.objects.filter(kind="cc_discrepancy").count() == 2

    with pytest.raises(ApplicationError) as wrong_figure:
        services.report_discrepancy_record(
            actor=ucc, report=report, figure="national", body=akimat, body_value=1, explanation="x"
        )
    assert "20" in wrong_figure.value.message_for("kk")

    # the page: the body and the figure are chosen from lists; bad input keeps what was typed
    client.force_login(ucc)
    path = f"/contactcentre/reports/{report.pk}/"
    page = client.get(path).content.decode()
    assert f'value="{akimat.code}"' in page
    kept = client.post(
        path, {"body": akimat.code, "figure": "staff_actions", "body_value": "", "explanation": "Түсіндірме"}
    )
    assert kept.status_code == 400
    assert "Түсіндірме" in kept.content.decode()
    assert report.discrepancies.count() == 2
    assert (
        client.post(
            path,
            {"body": akimat.code, "figure": "staff_actions", "body_value": "2", "explanation": "Қайталанды"},
        ).status_code
        == 302
    )
    assert report.discrepancies.get(figure="staff_actions").centre_value == 1


@time_machine.travel(dt.datetime(2026, 10, 5, 10, 0, tzinfo=dt.UTC), tick=False)
def test_ucc_20_a_discrepancy_is_recorded_on_a_monthly_report_only() -> None:
    informatization_authority()
    ucc = operator()
    quarterly = services.quarterly_report_build(actor=ucc, year=2026, quarter=3)
    with pytest.raises(ApplicationError) as refused:
        services.report_discrepancy_record(
            actor=ucc,
            report=quarterly,
            figure="total",
            body=Organisation.objects.exclude(pk=quarterly.addressee_id).first() or quarterly.addressee,
            body_value=1,
            explanation="x",
        )
    assert "20" in refused.value.message_for("ru")
    assert not CentreReport.objects.get(pk=quarterly.pk).discrepancies.exists()


def test_ucc_18_report_documents_in_kk_and_ru() -> None:
    quality_authority()
    ucc = operator()
    report = services.monthly_report_build(actor=ucc, year=2026, month=10)
    assert documents.report_xlsx(report=report, language="ru")[:2] == b"PK"
    assert documents.report_pdf(report=report, language="kk")[:4] == b"%PDF"
    subject, body = documents.report_message(report=report, language="ru")
    assert subject.startswith("1414: ")
    assert "Общее число жалоб, поданных через портал: 0" in body


def test_ucc_18_the_report_list_shows_the_addressee_only_the_reports_sent_to_it(client: Client) -> None:
    quality_authority()
    informatization_authority()
    ucc = operator()
    monthly = services.monthly_report_build(actor=ucc, year=2026, month=10)
    services.quarterly_report_build(actor=ucc, year=2026, quarter=3)
    client.force_login(inspector())
    assert list(client.get("/contactcentre/reports/").context["reports"]) == []  # drafts are the centre's
    services.report_send(actor=ucc, report=monthly)
    assert list(client.get("/contactcentre/reports/").context["reports"]) == [monthly]
    client.force_login(body_officer(OrganisationFactory.create(), username="not.an.addressee"))
    assert client.get("/contactcentre/reports/").status_code == 403


@time_machine.travel(dt.datetime(2026, 10, 5, 10, 0, tzinfo=dt.UTC), tick=False)
def test_ucc_13_the_mails_figures_are_labelled_in_the_mails_language_whatever_language_is_active() -> None:
    informatization_authority()
    ucc = operator()
    services.contact_record(
        actor=ucc,
        channel="bot",
        language="kk",
        topic="procedure",
        outcome="informed",
        occurred_at=dt.datetime(2026, 8, 3, 9, 0, tzinfo=dt.UTC),
    )
    report = services.quarterly_report_build(actor=ucc, year=2026, quarter=3)
    with translation.override("en"):  # e.g. a management command (the demo loader, the worker)
        _, body_ru = documents.report_message(report=report, language="ru")
        _, body_kk = documents.report_message(report=report, language="kk")
    assert "Chatbot" not in body_ru + body_kk
    with translation.override("ru"):
        assert f"Канал: {ContactChannel.BOT.label}: 1" in body_ru
    with translation.override("kk"):
        assert f"Арна: {ContactChannel.BOT.label}: 1" in body_kk


def test_ucc_18_the_monthly_figures_take_five_queries_whatever_the_number_of_complaints(
    django_assert_num_queries,
) -> None:
    """UCC 18 at national volume: the figures of a month are five grouped or plain-row reads,
    however many complaints the month has; the lists keep each complaint on its subject."""
    from qyzmet.contactcentre.selectors import monthly_report_figures

    ministry = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    counts = []
    for n in (1, 4):
        for _ in range(n):
            for subject in (ComplaintSubject.STANDARD_NONCOMPLIANCE, ComplaintSubject.OFFICER_ACTION):
                complaint_make(provider=ministry, subject=subject, registered_on=D(2026, 10, 5))
        figures = monthly_report_figures(start=D(2026, 10, 1), end=D(2026, 10, 31), today=D(2026, 11, 20))
        with django_assert_num_queries(5):
            monthly_report_figures(start=D(2026, 10, 1), end=D(2026, 10, 31), today=D(2026, 11, 20))
        counts.append((len(figures["standard_noncompliance"]), len(figures["staff_actions"])))
        assert all(r["service_code"] is not None for r in figures["standard_noncompliance"])
        assert all("service_code" not in r for r in figures["staff_actions"])
    assert counts == [(1, 1), (5, 5)]
