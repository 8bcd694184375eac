"""CRC 18 and issue 20.4: a complaint about an answer filed with an idempotency key (the
hidden key of the form on the appeal's page) is filed once: the same call again returns the
complaint filed the first time and writes nothing (no second appeal, audit row or message);
the same key with another complaint, or by another actor, is refused and writes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from qyzmet.core.errors import IdempotencyKeyReused
from qyzmet.core.models import AuditLog
from qyzmet.notify.models import OutboxMessage
from qyzmet.reception.answers import answer_complain
from qyzmet.reception.enums import AppealKind
from qyzmet.reception.models import Appeal
from qyzmet.reception.tests.factories import answered_appeal, handed_over, reception_staff

pytestmark = pytest.mark.django_db
ALMATY = ZoneInfo("Asia/Almaty")
DAY = dt.date(2026, 11, 23)
KEY = "answer:3f1c9a0e6b7d4c2a8e5f1b0c9d8e7f6a"


@pytest.fixture
def answer(crc: Any) -> Any:
    return answered_appeal(centre=crc.centre, actor=crc.staff)


def _written() -> tuple[int, int, int]:
    """What filing a complaint writes: appeals, their registration audit rows, outbox messages."""
    return (
        Appeal.objects.count(),
        AuditLog.objects.filter(action="reception.appeal_register").count(),
        OutboxMessage.objects.count(),
    )


def test_crc_18_a_complaint_about_an_answer_sent_twice_is_filed_once(crc: Any, answer: Any) -> None:
    first = answer_complain(
        actor=crc.staff, answer=answer, substance="Не согласен с ответом.", idempotency_key=KEY
    )
    written = _written()
    again = answer_complain(
        actor=crc.staff, answer=answer, substance="Не согласен с ответом.", idempotency_key=KEY
    )
    assert again.pk == first.pk and again.number == first.number
    assert _written() == written  # no second complaint, audit row or message
    assert first.kind == AppealKind.COMPLAINT and first.complaint_of_id == answer.pk
    assert first.idempotency_key == KEY
    assert list(answer.complaints.all()) == [first]


def test_crc_18_a_complaint_key_sent_again_with_another_substance_files_nothing(
    crc: Any, answer: Any
) -> None:
    answer_complain(actor=crc.staff, answer=answer, substance="Не согласен с ответом.", idempotency_key=KEY)
    written = _written()
    with pytest.raises(IdempotencyKeyReused):
        answer_complain(actor=crc.staff, answer=answer, substance="Ответ неполный.", idempotency_key=KEY)
    assert _written() == written


def test_crc_18_a_complaint_key_of_another_actor_files_nothing_and_hands_back_nothing(
    crc: Any, answer: Any
) -> None:
    answer_complain(actor=crc.staff, answer=answer, substance="Не согласен с ответом.", idempotency_key=KEY)
    written = _written()
    colleague = reception_staff(crc.centre, username="reception.colleague")
    with pytest.raises(IdempotencyKeyReused):
        answer_complain(
            actor=colleague, answer=answer, substance="Не согласен с ответом.", idempotency_key=KEY
        )
    assert _written() == written


def test_crc_18_complaints_with_new_keys_or_without_a_key_are_each_filed(crc: Any, answer: Any) -> None:
    a = answer_complain(actor=crc.staff, answer=answer, substance="Не согласен.", idempotency_key=KEY)
    b = answer_complain(actor=crc.staff, answer=answer, substance="Не согласен.", idempotency_key=KEY + "0")
    c = answer_complain(actor=crc.staff, answer=answer, substance="Не согласен.")
    d = answer_complain(actor=crc.staff, answer=answer, substance="Не согласен.")
    assert len({a.pk, b.pk, c.pk, d.pk}) == 4
    assert (c.idempotency_key, d.idempotency_key) == ("", "")  # many unkeyed appeals: no constraint clash


def test_crc_3_an_anonymised_complaint_keeps_no_digest_of_its_substance(crc: Any, answer: Any) -> None:
    from qyzmet.reception.services import appeal_anonymise

    complaint = answer_complain(actor=crc.staff, answer=answer, substance="Не согласен.", idempotency_key=KEY)
    assert complaint.idempotency_fingerprint
    appeal_anonymise(actor=None, pks=[complaint.pk], rule="test")
    complaint.refresh_from_db()
    assert (complaint.substance, complaint.idempotency_fingerprint) == ("", "")
    written = _written()
    with pytest.raises(IdempotencyKeyReused):  # sent again after that: still nothing is filed
        answer_complain(actor=crc.staff, answer=answer, substance="Не согласен.", idempotency_key=KEY)
    assert _written() == written


def test_crc_18_only_the_centre_s_reception_staff_take_a_complaint_about_the_answer(
    crc: Any, answer: Any
) -> None:
    """CRC 18: the State Corporation's worker takes the complaint at the visitor's wish. The
    competent body's officer, whose answer it is, and another centre's reception staff are
    refused, and nothing is written."""
    from qyzmet.core.errors import AccessDenied
    from qyzmet.reception.tests.factories import body_officer, centre_create

    officer = body_officer(answer.appeal.competent_body, username="ministry.officer")
    elsewhere = reception_staff(centre_create(), username="reception.elsewhere")
    written = _written()
    for actor in (officer, elsewhere):
        with pytest.raises(AccessDenied):
            answer_complain(actor=actor, answer=answer, substance="Не согласен.", idempotency_key="")
    assert _written() == written
    complaint = answer_complain(actor=crc.staff, answer=answer, substance="Не согласен.")
    assert complaint.kind == AppealKind.COMPLAINT


def test_crc_18_a_complaint_about_an_answer_waits_until_the_visitor_has_the_answer(crc: Any) -> None:
    """CRC 18: one disagrees with an answer one has: before it reaches the visitor (waiting at
    the Result desk, not yet posted) the complaint is refused and nothing is written."""
    from qyzmet.core.errors import ApplicationError

    waiting = answered_appeal(centre=crc.centre, actor=crc.staff, handed=False)
    written = _written()
    with pytest.raises(ApplicationError) as refused:
        answer_complain(actor=crc.staff, answer=waiting, substance="Не согласен.")
    assert "сначала выдайте его" in refused.value.messages["ru"]
    assert "алдымен оны беріңіз" in refused.value.messages["kk"]
    assert _written() == written
    handed_over(waiting)
    assert (
        answer_complain(actor=crc.staff, answer=waiting, substance="Не согласен.").kind
        == AppealKind.COMPLAINT
    )
