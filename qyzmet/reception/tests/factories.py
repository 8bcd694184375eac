"""Test factories of the reception app."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory, UserFactory, make_iin
from qyzmet.reception.enums import AppealForm, AppealKind
from qyzmet.reception.models import Hall
from qyzmet.reception.services import AppealDetails, hall_create

VALID_IIN = make_iin(dt.date(1990, 5, 17), serial=7)


def centre_create() -> Organisation:
    return OrganisationFactory.create(kind=OrganisationKind.RECEPTION_CENTRE)


def hall_make(*, centre: Organisation | None = None, code: str = "main", **kw: Any) -> Hall:
    return hall_create(
        code=code, centre=centre or centre_create(), name_kk="Негізгі зал", name_ru="Основной зал", **kw
    )


def reception_staff(centre: Organisation, username: str = "reception") -> Any:
    user = UserFactory.create(username=username)
    StaffPositionFactory.create(user=user, organisation=centre, role=StaffRole.RECEPTION_STAFF)
    return user


def body_officer(body: Organisation, username: str) -> Any:
    user = UserFactory.create(username=username)
    StaffPositionFactory.create(user=user, organisation=body, role=StaffRole.PROVIDER_OFFICER)
    return user


def details(**kw: Any) -> AppealDetails:
    base: dict[str, Any] = {
        "kind": AppealKind.STATEMENT,
        "form": AppealForm.WRITTEN,
        "language": "ru",
        "substance": "Прошу разъяснить порядок назначения пособия.",
        "appeal_date": dt.date(2026, 11, 23),
        "signed": True,
        "surname": "Әбілов",
        "first_name": "Нұрлан",
        "patronymic": "Серікұлы",
        "iin": VALID_IIN,
        "postal_address": "Астана, ул. Бейбітшілік, 10, кв. 5",
        "data_consent": True,  # CRC 17.5
    }
    base.update(kw)
    return AppealDetails(**base)


def scan_pdf(name: str = "scan.pdf", text: str = "Скан") -> Any:
    """A small PDF that opens (``core.files.upload_check`` takes it), as a scan would be."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from qyzmet.core import pdf

    return SimpleUploadedFile(name, pdf.build_pdf([pdf.para(text)], doc_title=name), "application/pdf")


REPRESENTATIVE_IIN = make_iin(dt.date(1984, 2, 9), serial=41)

# CRC 15: a representative by power of attorney, every detail given
BY_ATTORNEY: dict[str, Any] = {
    "by_representative": True,
    "representative_kind": "attorney",
    "representative_name": "Омаров Тимур Серікұлы",
    "representative_iin": REPRESENTATIVE_IIN,
    "power_of_attorney": "№ 15",
    "power_of_attorney_date": dt.date(2026, 11, 2),
}

# CRC 17.7: a written appeal whose attachment cannot be entered electronically goes on paper
PAPER: dict[str, Any] = {
    "attachment_count": 1,
    "attachments": ("Сшитый оригинал трудовой книжки, 48 л.",),
    "paper_only": True,
    "paper_reason": "Сшитый оригинал нельзя расшить для сканирования.",
}


def consultation_desk(
    hall: Hall, *, number: int = 1, body: Organisation | None = None, now: Any = None, **kw: Any
) -> Any:
    """A Consultation desk of ``hall`` given to a central state body (CRC 8, 19) at ``now``
    (no worker at it yet); returns the desk (its ``organisation`` is the body)."""
    from qyzmet.reception.services import desk_assign

    body = body or OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY, **kw)
    desk = hall.zones.get(kind="consultation").desks.get(number=number)
    return desk_assign(actor=None, desk=desk, organisation=body, now=now)


def handed_over(answer: Any, at: dt.datetime | None = None) -> None:
    """Test state: the answer handed to the visitor in person (CRC 18) at ``at``."""
    from zoneinfo import ZoneInfo

    from qyzmet.reception.enums import AnswerMethod
    from qyzmet.reception.models import AppealAnswer

    at = at or dt.datetime(2026, 11, 24, 11, tzinfo=ZoneInfo("Asia/Almaty"))
    AppealAnswer.objects.filter(pk=answer.pk).update(issued_at=at, issued_method=AnswerMethod.IN_PERSON)
    answer.refresh_from_db()


def answered_appeal(
    *, centre: Organisation, actor: Any = None, text: str = "Ответ.", handed: bool = True
) -> Any:
    """Test state: an appeal to a new ministry registered at ``centre`` on 23 November 2026
    and answered that day; ``handed`` hands the answer to the visitor (CRC 18). Returns the
    answer."""
    from zoneinfo import ZoneInfo

    from qyzmet.reception.answers import answer_register
    from qyzmet.reception.services import appeal_register

    ministry = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    [appeal] = appeal_register(
        actor=actor,
        centre=centre,
        details=details(),
        competent_bodies=[ministry],
        now=dt.datetime(2026, 11, 23, 10, tzinfo=ZoneInfo("Asia/Almaty")),
    )
    answer = answer_register(actor=None, appeal=appeal, text=text, answered_on=dt.date(2026, 11, 23))
    if handed:
        handed_over(answer)
    return answer
