"""UCC 11-12: contact-centre operators record a body's refusal whatever its form (a letter, a
call, no answer within the term) with the supporting files; every refusal counts for its month
and one recorded after the month's report was sent joins it, marked as added later."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from qyzmet.contactcentre import selectors, services
from qyzmet.contactcentre.models import InformationRequest, QualityAuthorityReport, RefusalFile
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.notify.models import OutboxMessage
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory

from ..factories import body_officer, operator, pdf_upload, quality_authority

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(dt.datetime(2026, 6, 10, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def _request(ucc, body, day: dt.date) -> InformationRequest:
    return services.information_request_send(
        actor=ucc, body=body, subject="Ақпарат / Информация", sent_on=day
    )


def test_ucc_11_operator_records_refusals_by_letter_by_call_and_no_answer_with_their_files() -> None:
    quality_authority()
    body = OrganisationFactory.create()
    ucc = operator()
    letter = services.information_refusal_record(
        actor=ucc,
        request=_request(ucc, body, D(2026, 5, 4)),
        form="letter",
        reason="Хатпен бас тартты / Отказ письмом",
        refused_on=D(2026, 5, 6),
        files=[pdf_upload("хат.pdf"), pdf_upload("конверт.pdf")],
    )
    assert (letter.status, letter.refusal_form, letter.answered_on, letter.refusal_recorded_by) == (
        "refused",
        "letter",
        D(2026, 5, 6),
        ucc,
    )
    assert sorted(letter.refusal_files.values_list("name", flat=True)) == ["конверт.pdf", "хат.pdf"]
    stored = RefusalFile.objects.filter(request=letter).first()
    assert stored is not None and stored.file.name.startswith("contactcentre/refusalfile/")
    assert stored.file.name.endswith(".pdf") and "хат" not in stored.file.name  # ADR 0014
    call = services.information_refusal_record(
        actor=ucc,
        request=_request(ucc, body, D(2026, 5, 11)),
        form="call",
        reason="Телефонмен бас тартты / Отказ по телефону",
        refused_on=D(2026, 5, 11),
        files=[pdf_upload("қоңырау.pdf")],
    )
    silent = services.information_refusal_record(
        actor=ucc,
        request=_request(ucc, body, D(2026, 5, 12)),
        form="no_answer",
        refused_on=D(2026, 5, 20),
        files=[pdf_upload("сұрау.pdf")],
    )
    assert silent.refusal_reason == ""
    # UCC 12: every refusal of the month counts, whatever its form
    assert selectors.request_refusal_count(body_id=body.pk, month_start=D(2026, 5, 1)) == 3
    report = QualityAuthorityReport.objects.get(body=body)
    assert report.refusals == 3 and set(report.requests.all()) == {letter, call, silent}
    silent.refresh_from_db()
    assert silent.added_later is True  # the report went at the second; the third joined it
    call.refresh_from_db()
    assert call.report == report and not call.added_later


def test_ucc_12_a_refusal_recorded_after_the_report_was_sent_joins_it_with_the_date() -> None:
    quality_authority()
    body = OrganisationFactory.create()
    ucc = operator()
    for day in (D(2026, 5, 4), D(2026, 5, 5)):
        services.information_refusal_record(
            actor=ucc,
            request=_request(ucc, body, day),
            form="letter",
            reason="Жоқ / Нет",
            refused_on=day,
            recorded_on=day,
            files=[pdf_upload()],
        )
    report = QualityAuthorityReport.objects.get(body=body)
    assert (report.sent_on, report.refusals) == (D(2026, 5, 5), 2)
    # recorded on 10 June, the refusal of 29 May belongs to May: it joins the sent May report
    late = services.information_refusal_record(
        actor=ucc,
        request=_request(ucc, body, D(2026, 5, 27)),
        form="call",
        reason="Телефонмен / По телефону",
        refused_on=D(2026, 5, 29),
        files=[pdf_upload()],
    )
    report.refresh_from_db()
    assert report.refusals == 3
    assert (late.report, late.added_later, late.report_added_on) == (report, True, D(2026, 6, 10))
    assert "добавлен позже 10.06.2026" in report.text_ru and "кейін қосылды 10.06.2026" in report.text_kk
    assert QualityAuthorityReport.objects.filter(body=body).count() == 1
    # the inspector opens the report from the e-mail
    mails = OutboxMessage.objects.filter(kind="cc_refusal_report")
    assert mails.count() == 2
    assert all(m.body.endswith(f"/contactcentre/refusal-reports/{report.pk}/") for m in mails)


def test_ucc_12_a_refusal_without_a_supporting_file_or_with_an_html_one_is_refused_and_nothing_written() -> (
    None
):
    body = OrganisationFactory.create()
    ucc = operator()
    request = _request(ucc, body, D(2026, 5, 4))
    html = SimpleUploadedFile(
        "letter.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )
    for files, code in (([], "cc_refusal_files_required"), ([html], "upload_invalid")):
        with pytest.raises(ApplicationError) as err:
            services.information_refusal_record(
                actor=ucc, request=request, form="letter", reason="Жоқ", refused_on=D(2026, 5, 5), files=files
            )
        assert err.value.code == code and "documents" in err.value.fields
        if code == "cc_refusal_files_required":
            assert "п. 12 Правил ЕКЦ" in err.value.message_for("ru")
            assert "12-тармағы" in err.value.message_for("kk")
    assert (
        "п. 12 Правил ЕКЦ" in ApplicationError.message_for(err.value, "ru")
        or err.value.code == "upload_invalid"
    )
    request.refresh_from_db()
    assert request.status == "sent" and not RefusalFile.objects.exists()


def test_ucc_11_a_refusal_needs_its_form_and_what_the_body_said_naming_the_point() -> None:
    body = OrganisationFactory.create()
    ucc = operator()
    request = _request(ucc, body, D(2026, 5, 4))
    with pytest.raises(ApplicationError) as err:
        services.information_refusal_record(actor=ucc, request=request, form="", files=[pdf_upload()])
    assert err.value.code == "cc_refusal_form_unknown" and "пп. 11-12 Правил ЕКЦ" in err.value.message_for(
        "ru"
    )
    assert "11-12-тармақтары" in err.value.message_for("kk")
    with pytest.raises(ApplicationError) as err:
        services.information_refusal_record(actor=ucc, request=request, form="letter", files=[pdf_upload()])
    assert err.value.code == "cc_field_required" and "reason" in err.value.fields
    with pytest.raises(ApplicationError) as err:
        services.information_refusal_record(
            actor=ucc,
            request=request,
            form="call",
            reason="x",
            refused_on=D(2026, 5, 3),
            files=[pdf_upload()],
        )
    assert err.value.code == "cc_date_before_previous"
    request.refresh_from_db()
    assert request.status == "sent"


@pytest.mark.parametrize(
    "role", [StaffRole.PROVIDER_OFFICER, StaffRole.QUALITY_INSPECTOR, StaffRole.RECEPTION_STAFF]
)
def test_ucc_11_only_contact_centre_operators_record_a_refusal(role) -> None:
    body = OrganisationFactory.create()
    request = _request(operator(), body, D(2026, 5, 4))
    user = (
        body_officer(body)
        if role == StaffRole.PROVIDER_OFFICER
        else StaffPositionFactory.create(role=role).user
    )
    with pytest.raises(AccessDenied):
        services.information_refusal_record(
            actor=user, request=request, form="letter", reason="x", files=[pdf_upload()]
        )
    request.refresh_from_db()
    assert request.status == "sent"


def test_ucc_11_2_oral_and_telephone_explanations_are_recorded_who_when_what_channel() -> None:
    body = OrganisationFactory.create()
    ucc = operator()
    request = _request(ucc, body, D(2026, 6, 1))
    at = dt.datetime(2026, 6, 2, 11, 30, tzinfo=dt.UTC)
    explanation = services.body_explanation_record(
        actor=ucc,
        body=body,
        channel="phone",
        given_by="Ахметова Д., бас маман",
        given_at=at,
        content="Мерзімі 1 жұмыс күні / Срок 1 рабочий день",
        request=request,
    )
    assert (explanation.channel, explanation.given_by, explanation.given_at, explanation.recorded_by) == (
        "phone",
        "Ахметова Д., бас маман",
        at,
        ucc,
    )
    assert list(request.explanations.all()) == [explanation]
    assert list(selectors.body_explanation_list(user=body_officer(body))) == [explanation]
    assert not selectors.body_explanation_list(
        user=body_officer(OrganisationFactory.create(), "other")
    ).exists()
    with pytest.raises(AccessDenied):
        selectors.body_explanation_list(user=StaffPositionFactory.create(role=StaffRole.RECEPTION_STAFF).user)


def test_ucc_11_2_an_explanation_without_channel_who_or_what_is_refused_naming_the_point() -> None:
    body = OrganisationFactory.create()
    ucc = operator()
    with pytest.raises(ApplicationError) as err:
        services.body_explanation_record(actor=ucc, body=body, channel="fax", given_by="А", content="Б")
    assert err.value.code == "cc_explanation_channel_unknown" and "пп. 2 п. 11" in err.value.message_for("ru")
    with pytest.raises(ApplicationError) as err:
        services.body_explanation_record(actor=ucc, body=body, channel="oral", given_by=" ", content="Б")
    assert "given_by" in err.value.fields
    other = _request(ucc, OrganisationFactory.create(), D(2026, 6, 1))
    with pytest.raises(ApplicationError) as err:
        services.body_explanation_record(
            actor=ucc, body=body, channel="oral", given_by="А", content="Б", request=other
        )
    assert err.value.code == "cc_wrong_body"
    with pytest.raises(AccessDenied):
        services.body_explanation_record(
            actor=body_officer(body), body=body, channel="oral", given_by="А", content="Б"
        )
    assert not selectors.body_explanation_list(user=ucc).exists()


def test_ucc_11_a_missing_reason_or_a_refusal_before_the_request_names_the_point_in_kk_and_ru() -> None:
    body = OrganisationFactory.create()
    ucc = operator()
    request = _request(ucc, body, D(2026, 5, 4))
    with pytest.raises(ApplicationError) as err:
        services.information_refusal_record(
            actor=ucc, request=request, form="call", reason="", refused_on=D(2026, 5, 3), files=[pdf_upload()]
        )
    assert err.value.field_messages_for("ru")["reason"] == "Обязательное поле (п. 11 Правил ЕКЦ)."
    assert err.value.field_messages_for("kk")["reason"] == "Толтыру міндетті (ББО қағидаларының 11-тармағы)."
    with pytest.raises(ApplicationError) as err:
        services.body_explanation_record(actor=ucc, body=body, channel="oral", given_by="А", content="")
    assert "пп. 2 п. 11 Правил ЕКЦ" in err.value.field_messages_for("ru")["content"]
