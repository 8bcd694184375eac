"""CRC 17.4, 17.6, 18, 24: an answer is delivered when it reaches the visitor by the way they
chose — handed over at the Result desk, shown in their personal cabinet, its postal dispatch
recorded, or e-mailed and reported sent by the outbox — not when it is registered; the
registration ticket is wholly in the visitor's language."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.notify.backends import MemoryBackend
from qyzmet.notify.enums import OutboxStatus
from qyzmet.notify.models import OutboxMessage
from qyzmet.notify.services import outbox_deliver_due
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory, UserFactory
from qyzmet.reception.answers import (
    answer_complain,
    answer_dispatch_record,
    answer_email_deliveries_record,
    answer_issue,
    answer_register,
)
from qyzmet.reception.documents import appeal_receipt_pdf
from qyzmet.reception.enums import AnswerMethod, AppealKind, AppealStatus, ZoneKind
from qyzmet.reception.jobs import JOBS
from qyzmet.reception.services import appeal_register, ticket_call_next, ticket_issue
from qyzmet.reception.tests.factories import (
    VALID_IIN,
    body_officer,
    consultation_desk,
    details,
    handed_over,
    reception_staff,
)

ALMATY = ZoneInfo("Asia/Almaty")
DAY = dt.date(2026, 11, 23)


def _at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, 23, hour, minute, tzinfo=ALMATY)


@pytest.fixture
def ministry() -> Any:
    return OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)


def _appeal(crc: Any, ministry: Any, **kw: Any) -> Any:
    [appeal] = appeal_register(
        actor=crc.staff, centre=crc.centre, details=details(**kw), competent_bodies=[ministry], now=_at(10)
    )
    return appeal


def _undelivered(appeal: Any) -> None:
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.ANSWERED and appeal.answer.issued_at is None


def _called_result_ticket(crc: Any, at: dt.datetime, iin: str = VALID_IIN, desk: int = 1) -> Any:
    """A visitor (``iin``) called to a Result desk by queue ticket at ``at`` (CRC 18)."""
    zone = crc.hall.zones.get(kind=ZoneKind.RESULT)
    ticket_issue(actor=None, zone=zone, language="ru", visitor_iin=iin, now=at - dt.timedelta(minutes=5))
    return ticket_call_next(actor=None, desk=zone.desks.get(number=desk), now=at)


@pytest.mark.django_db
def test_crc_18_an_answer_is_handed_over_only_by_the_ticket_of_the_applicant_called_today(
    crc: Any, ministry: Any
) -> None:
    """CRC 18 («жауаптар беру электрондық кезек тәртібімен»), CRC 3, 17.1: «handed over in person»
    needs the ticket of the applicant (or representative) called to a Result desk that day: no
    ticket, a ticket still waiting, yesterday's, or another IIN's is refused on the ticket field
    and the answer stays undelivered."""
    from qyzmet.orgs.tests.factories import make_iin

    appeal = _appeal(crc, ministry, answer_method=AnswerMethod.IN_PERSON)
    answer = answer_register(actor=None, appeal=appeal, text="Разъяснено.", answered_on=DAY, now=_at(10, 30))
    zone = crc.hall.zones.get(kind=ZoneKind.RESULT)
    stranger = _called_result_ticket(crc, _at(11, 0), iin=make_iin(dt.date(1975, 5, 5), male=True, serial=7))
    waiting = ticket_issue(actor=None, zone=zone, language="ru", visitor_iin=VALID_IIN, now=_at(11, 10))
    yesterday = _called_result_ticket(crc, dt.datetime(2026, 11, 20, 15, 0, tzinfo=ALMATY), desk=2)
    for ticket in (None, waiting, yesterday, stranger):
        with pytest.raises(ApplicationError) as exc:
            answer_issue(actor=crc.staff, answer=answer, ticket=ticket, now=_at(11, 20))
        assert set(exc.value.fields) == {"ticket"} and "(Регламент, " in exc.value.message_for("ru")
        _undelivered(appeal)
    own = ticket_call_next(actor=None, desk=zone.desks.get(number=3), now=_at(11, 25))
    assert own == waiting
    answer_issue(actor=crc.staff, answer=answer, ticket=own, now=_at(11, 30))
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.ISSUED and appeal.answer.issued_ticket == own


@pytest.mark.django_db
def test_crc_17_4_an_answer_in_person_is_delivered_when_handed_over_at_the_result_desk(
    crc: Any, ministry: Any
) -> None:
    appeal = _appeal(crc, ministry, answer_method=AnswerMethod.IN_PERSON)
    officer = body_officer(ministry, "officer.answers")
    answer = answer_register(actor=officer, appeal=appeal, text="Разъяснено.", answered_on=DAY, now=_at(11))
    _undelivered(appeal)
    zone = crc.hall.zones.get(kind=ZoneKind.RESULT)
    ticket_issue(actor=None, zone=zone, language="ru", visitor_iin=VALID_IIN, now=_at(14, 40))
    ticket = ticket_call_next(actor=None, desk=zone.desks.get(number=1), now=_at(14, 45))
    with pytest.raises(AccessDenied):  # the Result desk is the centre's, not the body's
        answer_issue(actor=officer, answer=answer, ticket=ticket)
    consultation = crc.hall.zones.get(kind=ZoneKind.CONSULTATION)
    consultation_desk(crc.hall, body=ministry, now=_at(9))  # CRC 19: a Consultation ticket names its body
    other = ticket_issue(
        actor=None,
        zone=consultation,
        language="ru",
        visitor_iin=VALID_IIN,
        competent_body=ministry,
        now=_at(14, 41),
    )
    with pytest.raises(ApplicationError) as exc:  # a Result-zone ticket, not another zone's
        answer_issue(actor=crc.staff, answer=answer, ticket=other)
    assert set(exc.value.fields) == {"ticket"}
    _undelivered(appeal)
    answer_issue(actor=crc.staff, answer=answer, ticket=ticket, now=_at(14, 50))
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.ISSUED
    assert appeal.answer.issued_at == _at(14, 50) and appeal.answer.issued_method == AnswerMethod.IN_PERSON
    assert appeal.answer.issued_ticket == ticket
    with pytest.raises(ApplicationError):  # delivered once
        answer_issue(actor=crc.staff, answer=answer)


@pytest.mark.django_db
def test_crc_17_4_an_answer_to_the_cabinet_is_delivered_when_it_is_in_the_citizens_cabinet(
    crc: Any, ministry: Any
) -> None:
    citizen = UserFactory.create(username="citizen.answer", iin=VALID_IIN, email="citizen@example.kz")
    appeal = _appeal(crc, ministry, answer_method=AnswerMethod.CABINET)
    assert appeal.applicant_user == citizen  # linked to the account by IIN
    client = Client()
    client.force_login(citizen)
    cabinet = client.get("/reception/cabinet/").content.decode()
    assert appeal.number in cabinet and "Ответ на ваш вопрос" not in cabinet
    answer_register(
        actor=None,
        appeal=appeal,
        text="Ответ на ваш вопрос: пособие назначено.",
        answered_on=DAY,
        now=_at(11),
    )
    appeal.refresh_from_db()
    answer = appeal.answer
    assert appeal.status == AppealStatus.ISSUED and answer.issued_method == AnswerMethod.CABINET
    assert answer.issued_at == answer.cabinet_published_at == _at(11)
    assert "Ответ на ваш вопрос: пособие назначено." in client.get("/reception/cabinet/").content.decode()
    assert 'href="/reception/cabinet/"' in client.get(reverse("web:cabinet")).content.decode()  # linked
    # told by e-mail that it is there, through the outbox
    notice = OutboxMessage.objects.get(kind="reception.answer_in_cabinet")
    assert (
        notice.to == "citizen@example.kz" and notice.user == citizen and "/reception/cabinet/" in notice.body
    )
    # nobody else's cabinet shows it
    stranger = Client()
    stranger.force_login(UserFactory.create(username="someone.else", iin=""))
    assert appeal.number not in stranger.get("/reception/cabinet/").content.decode()


@pytest.mark.django_db
def test_crc_17_4_a_cabinet_answer_without_an_active_account_waits_and_goes_through_the_centre(
    crc: Any, ministry: Any
) -> None:
    citizen = UserFactory.create(username="citizen.gone", iin=VALID_IIN)
    appeal = _appeal(crc, ministry, answer_method=AnswerMethod.CABINET)
    citizen.is_active = False
    citizen.save(update_fields=["is_active"])
    answer = answer_register(actor=None, appeal=appeal, text="Ответ.", answered_on=DAY)
    _undelivered(appeal)  # no cabinet can show it: not delivered
    ticket = _called_result_ticket(crc, _at(14, 55))
    answer_issue(actor=crc.staff, answer=answer, ticket=ticket, now=_at(15))  # CRC 17.4: through the centre
    appeal.refresh_from_db()
    assert appeal.answer.issued_method == AnswerMethod.IN_PERSON


@pytest.mark.django_db
def test_crc_17_4_the_cabinet_is_offered_only_with_an_account_of_that_iin(crc: Any, ministry: Any) -> None:
    with pytest.raises(ApplicationError) as exc:
        _appeal(crc, ministry, answer_method=AnswerMethod.CABINET)
    assert set(exc.value.fields) == {"answer_method"}
    assert "личного кабинета" in exc.value.field_messages_for("ru")["answer_method"]


@pytest.mark.django_db
def test_crc_17_4_an_answer_by_post_is_delivered_when_its_dispatch_is_recorded(
    crc: Any, ministry: Any
) -> None:
    appeal = _appeal(crc, ministry, answer_method=AnswerMethod.POST)
    officer = body_officer(ministry, "officer.post")
    answer = answer_register(actor=officer, appeal=appeal, text="Ответ почтой.", answered_on=DAY)
    _undelivered(appeal)  # registered is not delivered
    for posted_on, number, wrong in (
        (DAY, "RR123456784KZ", {"tracking_number"}),  # the check digit is 5, not 4
        (DAY, "12345", {"tracking_number"}),
        (dt.date(2026, 11, 24), "RR123456785KZ", {"posted_on"}),  # not yet
        (dt.date(2026, 11, 20), "RR123456785KZ", {"posted_on"}),  # before the answer
    ):
        with pytest.raises(ApplicationError) as exc:
            answer_dispatch_record(
                actor=officer, answer=answer, posted_on=posted_on, tracking_number=number, now=_at(16)
            )
        assert set(exc.value.fields) == wrong
        _undelivered(appeal)
    inspector = UserFactory.create(username="inspector.post")
    StaffPositionFactory.create(user=inspector, role=StaffRole.QUALITY_INSPECTOR)
    with pytest.raises(AccessDenied):
        answer_dispatch_record(actor=inspector, answer=answer, posted_on=DAY, tracking_number="RR123456785KZ")
    answer_dispatch_record(
        actor=officer, answer=answer, posted_on=DAY, tracking_number="rr 123456785 kz", now=_at(16)
    )
    appeal.refresh_from_db()
    answer = appeal.answer
    assert appeal.status == AppealStatus.ISSUED and answer.issued_method == AnswerMethod.POST
    assert (answer.posted_on, answer.post_tracking_number, answer.dispatch_recorded_by) == (
        DAY,
        "RR123456785KZ",
        officer,
    )
    assert answer.issued_at == _at(16)


@pytest.mark.django_db
def test_crc_17_4_a_dispatch_by_post_is_refused_for_an_answer_chosen_another_way(
    crc: Any, ministry: Any
) -> None:
    appeal = _appeal(crc, ministry, answer_method=AnswerMethod.IN_PERSON)
    answer = answer_register(actor=None, appeal=appeal, text="Ответ.", answered_on=DAY)
    with pytest.raises(ApplicationError) as exc:
        answer_dispatch_record(actor=crc.staff, answer=answer, posted_on=DAY, tracking_number="RR123456785KZ")
    assert "не выбирал получение ответа почтой" in exc.value.message_for("ru")
    _undelivered(appeal)


@pytest.mark.django_db
def test_crc_17_4_an_answer_by_email_is_delivered_when_the_outbox_reports_it_sent(
    crc: Any, ministry: Any
) -> None:
    MemoryBackend.reset()
    appeal = _appeal(crc, ministry, answer_method=AnswerMethod.EMAIL, email="anna@example.kz")
    answer_register(actor=None, appeal=appeal, text="Ответ по почте.", answered_on=DAY)
    message = OutboxMessage.objects.get(kind="reception.answer")
    assert message.to == "anna@example.kz" and message.status == OutboxStatus.PENDING
    assert answer_email_deliveries_record() == 0  # queued is not delivered
    _undelivered(appeal)
    MemoryBackend.fail_next = 1
    outbox_deliver_due(now=dt.datetime.now(tz=ALMATY))
    assert answer_email_deliveries_record() == 0  # a failed attempt is not delivered
    _undelivered(appeal)
    message.refresh_from_db()
    outbox_deliver_due(now=message.next_attempt_at)
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT and [m.to for m in MemoryBackend.outbox] == ["anna@example.kz"]
    jobs = {name: func for name, _interval, func in JOBS}
    assert jobs["reception.answer_emails"]() == 1  # the worker's job
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.ISSUED and appeal.answer.issued_method == AnswerMethod.EMAIL
    assert appeal.answer.issued_at == message.sent_at
    assert answer_email_deliveries_record() == 0  # once


@pytest.mark.django_db
def test_crc_17_4_an_answer_by_email_needs_an_address(crc: Any, ministry: Any) -> None:
    for email, message in (("", "укажите верный адрес"), ("not-an-address", "name@example.kz")):
        with pytest.raises(ApplicationError) as exc:
            _appeal(crc, ministry, answer_method=AnswerMethod.EMAIL, email=email)
        assert set(exc.value.fields) == {"email"} and message in exc.value.field_messages_for("ru")["email"]


@pytest.mark.django_db
def test_crc_18_the_answer_is_registered_by_the_body_or_the_centre_once_and_dated_from_registration(
    crc: Any, ministry: Any
) -> None:
    appeal = _appeal(crc, ministry)
    stranger_body = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    with pytest.raises(AccessDenied):
        answer_register(
            actor=body_officer(stranger_body, "officer.other"), appeal=appeal, text="x", answered_on=DAY
        )
    with pytest.raises(AccessDenied):
        answer_register(
            actor=reception_staff(
                OrganisationFactory.create(kind=OrganisationKind.RECEPTION_CENTRE), "elsewhere"
            ),
            appeal=appeal,
            text="x",
            answered_on=DAY,
        )
    with pytest.raises(ApplicationError) as exc:
        answer_register(actor=crc.staff, appeal=appeal, text=" ", answered_on=dt.date(2026, 11, 22))
    assert set(exc.value.fields) == {"text", "answered_on"}
    answer_register(actor=crc.staff, appeal=appeal, text="Ответ.", answered_on=DAY)
    with pytest.raises(ApplicationError):
        answer_register(actor=crc.staff, appeal=appeal, text="Ещё ответ.", answered_on=DAY)


@pytest.mark.django_db
def test_crc_18_a_complaint_about_the_answer_is_a_linked_appeal(crc: Any, ministry: Any) -> None:
    appeal = _appeal(crc, ministry)
    answer = answer_register(actor=None, appeal=appeal, text="Ответ.", answered_on=DAY)
    handed_over(answer)  # CRC 18: the visitor has the answer they disagree with
    complaint = answer_complain(actor=crc.staff, answer=answer, substance="Не согласен с ответом.")
    assert complaint.kind == AppealKind.COMPLAINT and complaint.complaint_of_id == answer.pk


def _text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "present", "absent"),
    [
        (
            "kk",
            ["Өтінішті тіркеу талоны", "Тіркеу нөмірі", "Өтініш беруші", "Орталықта жеке өзі"],
            ["Заявитель", "Талон о"],
        ),
        (
            "ru",
            ["Талон о регистрации обращения", "Заявитель", "Регистрационный номер", "Заявление"],
            ["Өтініш беруші", "тіркеу"],
        ),
    ],
)
def test_crc_17_6_the_registration_ticket_is_wholly_in_the_visitors_language(
    crc: Any, ministry: Any, language: str, present: list[str], absent: list[str]
) -> None:
    appeal = _appeal(crc, ministry, language=language, kind=AppealKind.STATEMENT)
    for page_language in ("kk", "ru", "en"):  # whatever the worker's page is in
        with translation.override(page_language):
            text = _text(appeal_receipt_pdf(appeal))
        for word in present:
            assert word in text, (page_language, word, text)
        for word in absent:
            assert word not in text, (page_language, word, text)
