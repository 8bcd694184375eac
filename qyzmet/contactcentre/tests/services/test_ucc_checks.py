"""The tester's findings on the 1414 services (issue 15): a report only of a period that ended
(UCC 13-14, 18), a quarter 1-4, mails worded for people in the addressee's language, a planned
date inside the plan's year (UCC 3), one training per written request (UCC 19), one explanation
per discrepancy (UCC 20), review time in working days (UCC 18), plural forms (UCC 12)."""

from __future__ import annotations

import datetime as dt
import email
from email import policy

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail import EmailMessage
from django.utils import translation

from qyzmet.complaints import services as complaint_services
from qyzmet.complaints.tests.factories import complaint_make, inspector, officer
from qyzmet.contactcentre import documents, services
from qyzmet.contactcentre.enums import ReportKind
from qyzmet.contactcentre.models import (
    CentreReport,
    PlanItem,
    QualityAuthorityReport,
    ReportDiscrepancy,
    Training,
)
from qyzmet.core.errors import ApplicationError
from qyzmet.delivery.tests.factories import pdf_bytes
from qyzmet.notify.models import OutboxMessage
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory
from qyzmet.registry.tests.factories import ServiceFactory

from ..factories import (
    informatization_authority,
    informatization_head,
    operator,
    quality_authority,
)

pytestmark = pytest.mark.django_db
D = dt.date


# --- 1. a report of a period that has not ended ----------------------------------------------


def test_ucc_18_monthly_report_refused_before_its_month_ends() -> None:
    quality_authority()
    ucc = operator()
    with pytest.raises(ApplicationError) as refused:
        services.monthly_report_build(actor=ucc, year=2026, month=11, today=D(2026, 11, 23))
    assert refused.value.code == "cc_report_period_open"
    kk, ru, en = (refused.value.message_for(lang) for lang in ("kk", "ru", "en"))
    assert "18-тармағы" in kk and "01.12.2026" in kk and "қараша" in kk
    assert "п. 18 Правил ЕКЦ" in ru and "01.12.2026" in ru and "ноябрь 2026" in ru
    assert "UCC 18" in en and "01.12.2026" in en
    assert not CentreReport.objects.exists()
    # the last day of the month is still inside it; the next day the report is built
    with pytest.raises(ApplicationError):
        services.monthly_report_build(actor=ucc, year=2026, month=11, today=D(2026, 11, 30))
    report = services.monthly_report_build(actor=ucc, year=2026, month=11, today=D(2026, 12, 1))
    assert report.period_end == D(2026, 11, 30)


def test_ucc_13_to_14_quarterly_report_refused_before_its_quarter_ends() -> None:
    informatization_authority()
    ucc = operator()
    with pytest.raises(ApplicationError) as refused:
        services.quarterly_report_build(actor=ucc, year=2026, quarter=4, today=D(2026, 11, 23))
    assert refused.value.code == "cc_report_period_open"
    assert "01.01.2027" in refused.value.message_for("ru") and "13-14" in refused.value.message_for("ru")
    assert "01.01.2027" in refused.value.message_for("kk")
    assert not CentreReport.objects.exists()
    assert services.quarterly_report_build(actor=ucc, year=2026, quarter=3, today=D(2026, 10, 1))


def test_ucc_18_a_report_is_not_sent_before_its_period_ends() -> None:
    """A report of the running month (built before the check existed) is not sent either."""
    quality = quality_authority()
    ucc = operator()
    early = CentreReport.objects.create(
        kind=ReportKind.MONTHLY_COMPLAINTS,
        period_start=D(2026, 11, 1),
        period_end=D(2026, 11, 30),
        due_on=D(2026, 12, 7),
        addressee=quality,
    )
    with pytest.raises(ApplicationError) as refused:
        services.report_send(actor=ucc, report=early, sent_on=D(2026, 11, 23))
    assert refused.value.code == "cc_report_period_open" and "01.12.2026" in refused.value.message_for("ru")
    early.refresh_from_db()
    assert early.sent_on is None
    assert not OutboxMessage.objects.filter(kind="cc_report").exists()


# --- 2. quarter 1-4 --------------------------------------------------------------------------


@pytest.mark.parametrize("quarter", [0, 5, -1])
def test_ucc_13_a_quarter_outside_1_to_4_is_refused_on_its_field(quarter: int) -> None:
    informatization_authority()
    with pytest.raises(ApplicationError) as refused:
        services.quarterly_report_build(actor=operator(), year=2026, quarter=quarter, today=D(2027, 2, 1))
    assert refused.value.code == "cc_report_period_invalid"
    assert set(refused.value.fields) == {"quarter"}
    assert "1" in refused.value.fields["quarter"]["ru"] and "4" in refused.value.fields["quarter"]["ru"]
    assert not CentreReport.objects.exists()


# --- 3. mails for people ---------------------------------------------------------------------


def _october_month():
    quality = quality_authority()
    qa = inspector()
    qa.preferred_language = "ru"
    qa.save(update_fields=["preferred_language"])
    ministry = OrganisationFactory.create(
        code="minjust",
        kind=OrganisationKind.CENTRAL_STATE_BODY,
        name_kk="Әділет министрлігі",
        name_ru="Министерство юстиции",
    )
    ucc = operator()
    report = services.monthly_report_build(actor=ucc, year=2026, month=10, today=D(2026, 11, 20))
    return quality, qa, ministry, ucc, report


def test_ucc_18_report_mail_subject_names_the_month_and_files_read_in_the_mails_language() -> None:
    _quality, qa, _ministry, ucc, report = _october_month()
    services.report_send(actor=ucc, report=report, sent_on=D(2026, 11, 4))
    personal = OutboxMessage.objects.get(kind="cc_report", user=qa)
    assert personal.subject == "1414: ежемесячный аналитический отчёт о жалобах за октябрь 2026 г."
    files = {a.filename: bytes(a.content) for a in personal.attachments.all()}
    assert set(files) == {"1414-ezhemesyachnyj-otchet-2026-10.xlsx", "1414-ezhemesyachnyj-otchet-2026-10.pdf"}
    mailbox = OutboxMessage.objects.get(kind="cc_report", user=None)
    assert mailbox.subject == "1414: 2026 ж. қазан айындағы шағымдар туралы ай сайынғы талдамалық есеп"
    assert {a.filename for a in mailbox.attachments.all()} == {
        "1414-ai-saiyngy-taldamalyq-esep-2026-10.xlsx",
        "1414-ai-saiyngy-taldamalyq-esep-2026-10.pdf",
    }
    # what a mail client shows: the message as Django's mail builds it, parsed back
    built = EmailMessage(subject=personal.subject, body=personal.body, to=[personal.to])
    for name, content in files.items():
        built.attach(name, content, "application/pdf")
    parsed = email.message_from_bytes(built.message().as_bytes(), policy=policy.default)
    assert str(parsed["Subject"]).strip() == personal.subject
    assert {part.get_filename() for part in parsed.iter_attachments()} == set(files)


def test_ucc_20_discrepancy_mail_names_the_body_the_figure_and_the_month() -> None:
    _quality, _qa, ministry, ucc, report = _october_month()
    services.report_discrepancy_record(
        actor=ucc, report=report, figure="total", body=ministry, body_value=1, explanation="Қағаз шағым"
    )
    mail = OutboxMessage.objects.get(kind="cc_discrepancy")
    assert mail.subject == (
        "1414: 2026 ж. қазан айындағы есеп пен Әділет министрлігі деректері арасындағы алшақтық"
    )
    assert "minjust" not in mail.subject + mail.body and "total" not in mail.subject + mail.body
    assert "органға шағымдар" in mail.body and "жалобы на орган" in mail.body
    assert "Министерство юстиции" in mail.body


def test_ucc_12_refusal_report_mail_names_the_body_and_the_month() -> None:
    quality_authority()
    ucc = operator()
    akimat = OrganisationFactory.create(
        code="astana-akimat",
        kind=OrganisationKind.OBLAST_AKIMAT,
        name_kk="Астана қаласының әкімдігі",
        name_ru="Акимат города Астаны",
    )
    akimat_officer = officer(akimat, username="akimat.officer")
    for sent_on in (D(2026, 10, 1), D(2026, 10, 2)):
        request = services.information_request_send(
            actor=ucc, body=akimat, subject="Ақпарат", sent_on=sent_on
        )
        services.information_request_refuse(
            actor=akimat_officer, request=request, reason="Жоқ", refused_on=D(2026, 10, 12)
        )
    mail = OutboxMessage.objects.get(kind="cc_refusal_report")
    assert mail.subject == ("1414: Астана қаласының әкімдігі 2026 ж. қазан айында ақпарат беруден бас тартты")
    assert "astana-akimat" not in mail.subject


def test_ucc_4_and_3_and_19_mail_subjects_name_the_service_the_year_and_the_request() -> None:
    informatization_authority()
    quality = quality_authority()
    ucc = operator()
    body = OrganisationFactory.create(email="body@example.kz")
    service = ServiceFactory.create(
        code="01010001", responsible_body=body, name_kk="Мекенжай анықтамасы", name_ru="Адресная справка"
    )
    plan = services.plan_schedule_create(actor=ucc, year=2027)
    item = services.plan_item_add(
        actor=ucc, plan=plan, service=service, planned_on=D(2027, 2, 1), today=D(2026, 11, 23)
    )
    services.plan_schedule_prepare(actor=ucc, plan=plan, prepared_on=D(2026, 11, 23))
    assert OutboxMessage.objects.get(kind="cc_plan_prepared").subject == (
        "1414: 2027 жылғы жоспар-кесте бекітуге жіберілді"
    )
    services.plan_schedule_approve(actor=informatization_head(), plan=plan, approved_on=D(2026, 11, 23))
    services.onboarding_request_send(actor=ucc, item=item, sent_on=D(2026, 11, 23))
    subject = OutboxMessage.objects.get(kind="cc_onboarding_request").subject
    assert subject == "1414: «Мекенжай анықтамасы» қызметі бойынша ақпарат пен оқыту сұралады"
    assert "01010001" not in subject
    training = services.training_request_record(
        actor=ucc, letter_number="04-12/3317", letter_date=D(2026, 11, 10), letter_file=_letter()
    )
    services.training_schedule(
        actor=ucc, training=training, scheduled_on=D(2026, 11, 27), trainer="Ержанова Д.", topic=""
    )
    mail = OutboxMessage.objects.get(kind="cc_training")
    assert mail.to == quality.email
    assert mail.subject == "1414: 10.11.2026 № 04-12/3317 өтініш бойынша оқыту 27.11.2026 өтеді"


# --- 5. the plan-schedule's dates ------------------------------------------------------------


def test_ucc_3_a_planned_date_outside_the_plans_year_is_refused() -> None:
    ucc = operator()
    plan = services.plan_schedule_create(actor=ucc, year=2027)
    for planned in (D(2020, 1, 1), D(2026, 12, 31), D(2028, 1, 1)):
        with pytest.raises(ApplicationError) as refused:
            services.plan_item_add(
                actor=ucc,
                plan=plan,
                service=ServiceFactory.create(),
                planned_on=planned,
                today=D(2026, 11, 23),
            )
        assert refused.value.code == "cc_planned_outside_year"
        assert set(refused.value.fields) == {"planned_on"}
        assert "2027" in refused.value.fields["planned_on"]["ru"]
        assert "3" in refused.value.fields["planned_on"]["kk"]
    assert not PlanItem.objects.exists()


def test_ucc_3_a_planned_date_in_the_past_is_refused_when_added_and_when_prepared() -> None:
    ucc = operator()
    plan = services.plan_schedule_create(actor=ucc, year=2026)
    with pytest.raises(ApplicationError) as refused:
        services.plan_item_add(
            actor=ucc,
            plan=plan,
            service=ServiceFactory.create(),
            planned_on=D(2026, 3, 2),
            today=D(2026, 3, 3),
        )
    assert refused.value.code == "cc_planned_in_past" and set(refused.value.fields) == {"planned_on"}
    service = ServiceFactory.create(code="01010002")
    services.plan_item_add(
        actor=ucc, plan=plan, service=service, planned_on=D(2026, 3, 2), today=D(2026, 2, 1)
    )
    with pytest.raises(ApplicationError) as late:
        services.plan_schedule_prepare(actor=ucc, plan=plan, prepared_on=D(2026, 3, 3))
    assert late.value.code == "cc_planned_in_past"
    assert "01010002" in late.value.message_for("ru") and "02.03.2026" in late.value.message_for("ru")
    plan.refresh_from_db()
    assert plan.prepared_on is None
    assert services.plan_schedule_prepare(actor=ucc, plan=plan, prepared_on=D(2026, 2, 2)).prepared_on


def test_ucc_3_a_plan_changed_since_it_was_shown_is_neither_sent_nor_approved() -> None:
    from qyzmet.contactcentre.selectors import plan_schedule_fingerprint

    ucc = operator()
    plan = services.plan_schedule_create(actor=ucc, year=2027)
    services.plan_item_add(
        actor=ucc, plan=plan, service=ServiceFactory.create(), planned_on=D(2027, 2, 1), today=D(2026, 11, 2)
    )
    shown = plan_schedule_fingerprint(plan=plan)
    services.plan_item_add(
        actor=ucc, plan=plan, service=ServiceFactory.create(), planned_on=D(2027, 3, 1), today=D(2026, 11, 2)
    )
    with pytest.raises(ApplicationError) as changed:
        services.plan_schedule_prepare(actor=ucc, plan=plan, prepared_on=D(2026, 11, 3), seen=shown)
    assert changed.value.code == "cc_plan_changed" and "3" in changed.value.message_for("kk")
    plan.refresh_from_db()
    assert plan.prepared_on is None
    plan = services.plan_schedule_prepare(
        actor=ucc, plan=plan, prepared_on=D(2026, 11, 3), seen=plan_schedule_fingerprint(plan=plan)
    )
    with pytest.raises(ApplicationError):
        services.plan_schedule_approve(actor=informatization_head(), plan=plan, seen=shown)
    plan.refresh_from_db()
    assert plan.approved_on is None


# --- 7. duplicates ---------------------------------------------------------------------------


def _letter() -> SimpleUploadedFile:
    return SimpleUploadedFile("request.pdf", pdf_bytes("request"), content_type="application/pdf")


def test_ucc_19_the_same_written_request_is_not_recorded_twice() -> None:
    quality_authority()
    qa = inspector()
    first = services.training_request_record(
        actor=qa, letter_number="04-12/3317", letter_date=D(2026, 11, 10), letter_file=_letter()
    )
    with pytest.raises(ApplicationError) as twice:
        services.training_request_record(
            actor=operator(), letter_number=" 04-12/3317 ", letter_date=D(2026, 11, 10), letter_file=_letter()
        )
    assert twice.value.code == "cc_training_exists"
    assert set(twice.value.fields) == {"letter_number"}
    ru = twice.value.fields["letter_number"]["ru"]
    assert "04-12/3317" in ru and "10.11.2026" in ru and "п. 19 Правил ЕКЦ" in ru
    assert twice.value.fields["letter_number"]["kk"].count("19-тармағы") == 1  # cited once
    assert list(Training.objects.all()) == [first]
    # another letter of the same day is another request
    services.training_request_record(
        actor=qa, letter_number="04-12/3318", letter_date=D(2026, 11, 10), letter_file=_letter()
    )
    assert Training.objects.count() == 2


def test_ucc_20_the_same_discrepancy_is_not_recorded_twice() -> None:
    _quality, _qa, ministry, ucc, report = _october_month()
    first = services.report_discrepancy_record(
        actor=ucc, report=report, figure="total", body=ministry, body_value=1, explanation="Қағаз шағым"
    )
    with pytest.raises(ApplicationError) as twice:
        services.report_discrepancy_record(
            actor=ucc, report=report, figure="total", body=ministry, body_value=2, explanation="Тағы"
        )
    assert twice.value.code == "cc_discrepancy_exists"
    ru = twice.value.message_for("ru")
    assert "Министерство юстиции" in ru and "за октябрь 2026 г." in ru and "Қағаз шағым" in ru
    assert "п. 20 Правил ЕКЦ" in ru
    assert list(ReportDiscrepancy.objects.all()) == [first]
    assert OutboxMessage.objects.filter(kind="cc_discrepancy").count() == 1
    # another figure of the same body is another discrepancy; the same figure is no discrepancy
    services.report_discrepancy_record(
        actor=ucc, report=report, figure="breaches", body=ministry, body_value=1, explanation="Бір"
    )
    with pytest.raises(ApplicationError) as same:
        services.report_discrepancy_record(
            actor=ucc, report=report, figure="reviewed", body=ministry, body_value=0, explanation="x"
        )
    assert same.value.code == "cc_discrepancy_none"


# --- 8. working days -------------------------------------------------------------------------


def test_ucc_18_average_review_time_is_in_working_days() -> None:
    quality_authority()
    ministry = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    answerer = officer(ministry, username="ministry.officer")
    # registered on Friday 9 October, answered on Wednesday 14 October: 5 calendar days, 3 working
    complaint = complaint_make(provider=ministry, registered_on=D(2026, 10, 9))
    complaint_services.complaint_answer(
        complaint=complaint,
        actor=answerer,
        outcome="rejected",
        answer_text="Негізсіз.",
        answered_on=D(2026, 10, 14),
    )
    report = services.monthly_report_build(actor=operator(), year=2026, month=10, today=D(2026, 11, 20))
    provider = report.data["review_terms"]["provider"]
    assert provider["average_working_days"] == 3.0
    assert "average_calendar_days" not in provider
    rows = dict(documents.report_rows(report=report, language="ru"))
    assert "в среднем рабочих дней: 3.0" in rows["Срок рассмотрения: Услугодателю (5 рабочих дней)"]


# --- 9. plural forms, the service's name -----------------------------------------------------


@pytest.mark.parametrize(("refusals", "ru", "kk"), [(2, "2 отказа", "2 рет"), (5, "5 отказов", "5 рет")])
def test_ucc_12_the_number_of_refusals_is_worded_with_plural_forms(refusals: int, ru: str, kk: str) -> None:
    quality_authority()
    ucc = operator()
    akimat = OrganisationFactory.create(kind=OrganisationKind.OBLAST_AKIMAT, name_ru="Акимат Тестовый")
    akimat_officer = officer(akimat, username="akimat.officer")
    for n in range(refusals):
        request = services.information_request_send(
            actor=ucc, body=akimat, subject=f"Ақпарат {n}", sent_on=D(2026, 10, 1)
        )
        services.information_request_refuse(
            actor=akimat_officer, request=request, reason="Жоқ", refused_on=D(2026, 10, 12)
        )
    report = QualityAuthorityReport.objects.get(body=akimat)
    head_ru = report.text_ru.splitlines()[0]
    head_kk = report.text_kk.splitlines()[0]
    assert ru in head_ru and "раз(а)" not in head_ru and "(о)" not in head_ru
    assert "за октябрь 2026 г." in head_ru
    assert kk in head_kk and "2026 ж. қазан айында" in head_kk


def test_ucc_13_the_quarterly_reports_service_row_names_the_service_in_the_page_language() -> None:
    informatization_authority()
    ucc = operator()
    service = ServiceFactory.create(
        code="01010001", name_kk="Мекенжай анықтамасы", name_ru="Адресная справка"
    )
    services.contact_record(
        actor=ucc,
        channel="phone",
        language="kk",
        topic="procedure",
        outcome="informed",
        service=service,
        occurred_at=dt.datetime(2026, 8, 3, 9, 0, tzinfo=dt.UTC),
    )
    report = services.quarterly_report_build(actor=ucc, year=2026, quarter=3, today=D(2026, 10, 5))
    with translation.override("en"):
        rows_ru = dict(documents.report_rows(report=report, language="ru"))
        rows_kk = dict(documents.report_rows(report=report, language="kk"))
    assert rows_ru["Услуга: 01010001 Адресная справка"] == 1
    assert rows_kk["Қызмет: 01010001 Мекенжай анықтамасы"] == 1


def test_ucc_19_and_20_service_refusals_of_empty_fields_name_the_point() -> None:
    _quality, _qa, ministry, ucc, report = _october_month()
    with pytest.raises(ApplicationError) as no_explanation:
        services.report_discrepancy_record(
            actor=ucc, report=report, figure="total", body=ministry, body_value=1, explanation=" "
        )
    assert "20" in no_explanation.value.fields["explanation"]["kk"]
    with pytest.raises(ApplicationError) as no_number:
        services.training_request_record(
            actor=ucc, letter_number=" ", letter_date=D(2026, 11, 10), letter_file=_letter()
        )
    assert "п. 19 Правил ЕКЦ" in no_number.value.fields["letter_number"]["ru"]
    someone = StaffPositionFactory.create(role=StaffRole.CONTACT_CENTRE_OPERATOR).user
    services.plan_schedule_create(actor=someone, year=2026)
    with pytest.raises(ApplicationError) as exists:
        services.plan_schedule_create(actor=someone, year=2026)
    assert "п. 3 Правил ЕКЦ" in exists.value.fields["year"]["ru"]
