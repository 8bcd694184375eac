"""Who may act in the PSC selection and the checks every step shares (the dates, the
required fields, the cycle of a year, mail through the outbox)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils import timezone

from qyzmet.core.errors import AccessDenied
from qyzmet.core.models import User
from qyzmet.notify.services import Attachment, outbox_enqueue
from qyzmet.orgs.models import Organisation
from qyzmet.pscselection import selectors, terms
from qyzmet.pscselection.enums import (
    CommissionFunction,
)
from qyzmet.pscselection.errors import PscErrorCode as E
from qyzmet.pscselection.errors import refusal
from qyzmet.pscselection.models import (
    CommissionMember,
    Cycle,
    Meeting,
    Proposal,
    Protocol,
    RegisterAmendment,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _today() -> dt.date:
    return timezone.localdate()


# --- who may act ---------------------------------------------------------------------------


def _require_informatization(user: User, point: str) -> Organisation:
    org = selectors.informatization_authority_of(user=user)
    if org is None:
        raise AccessDenied(
            _texts(
                "Бұл қадамды ақпараттандыру саласындағы уәкілетті орган жасайды",
                "Этот шаг выполняет уполномоченный орган в сфере информатизации",
                "The informatization authority takes this step",
                point,
            )
        )
    return org


def _require_public_services(user: User) -> Organisation:
    org = selectors.public_services_authority_of(user=user)
    if org is None:
        raise AccessDenied(
            _texts(
                "Тізілімге өзгеріс жобасын мемлекеттік көрсетілетін қызметтер саласындағы уәкілетті орган әзірлейді",
                "Проект изменения реестра разрабатывает уполномоченный орган в сфере оказания государственных услуг",
                "The public-services authority prepares the draft amendment of the register",
                "10",
            )
        )
    return org


def _require_member(user: User, *functions: str) -> CommissionMember:
    member = selectors.commission_membership(user=user)
    if member is None or member.function not in functions:
        who: dict[str, tuple[str, str, str]] = {
            CommissionFunction.CHAIR: ("төрағасы", "председатель", "chair"),
            CommissionFunction.SECRETARY: ("хатшысы", "секретарь", "secretary"),
        }
        kk = " немесе ".join(who[f][0] for f in functions if f in who)
        ru = " или ".join(who[f][1] for f in functions if f in who)
        en = " or ".join(who[f][2] for f in functions if f in who)
        raise AccessDenied(
            _texts(
                f"Мұны ведомствоаралық комиссияның {kk} жасайды",
                f"Это делает {ru} межведомственной комиссии",
                f"The interdepartmental commission's {en} does this",
                "8",
            )
        )
    return member


def _texts(kk: str, ru: str, en: str, point: str) -> dict[str, str]:
    from qyzmet.pscselection.errors import cite

    where = cite(point)
    return {"kk": f"{kk} ({where['kk']}).", "ru": f"{ru} ({where['ru']}).", "en": f"{en} ({where['en']})."}


# --- common checks -----------------------------------------------------------------------------


def _check_year(year: int) -> None:
    if not terms.valid_year(year):
        raise refusal(
            E.YEAR_INVALID,
            f"Жыл {terms.FIRST_YEAR}-{terms.LAST_YEAR} аралығында болуы керек",
            f"Год должен быть в пределах {terms.FIRST_YEAR}-{terms.LAST_YEAR}",
            f"The year must be within {terms.FIRST_YEAR}-{terms.LAST_YEAR}",
            point="5",
            field="year",
        )


def _check_day(day: dt.date, *, field: str, point: str, not_before: dt.date | None = None) -> None:
    if day > _today():
        raise refusal(
            E.DATE_IN_FUTURE,
            "Күн болашақта болмауы керек: болған күнін жазыңыз",
            "Дата не может быть в будущем: укажите день, когда это было",
            "The date cannot be in the future: give the day it happened",
            point=point,
            field=field,
        )
    if not_before is not None and day < not_before:
        raise refusal(
            E.DATE_TOO_EARLY,
            f"Күн алдыңғы қадамның күнінен ({not_before:%d.%m.%Y}) ерте болмайды",
            f"Дата не может быть раньше предыдущего шага ({not_before:%d.%m.%Y})",
            f"The date cannot be before the previous step ({not_before:%d.%m.%Y})",
            point=point,
            field=field,
        )


def _required(value: str, *, field: str, point: str) -> str:
    value = (value or "").strip()
    if not value:
        raise refusal(
            E.FIELD_REQUIRED,
            "Толтыру міндетті",
            "Обязательное поле",
            "This field is required",
            point=point,
            field=field,
        )
    return value


def cycle_for(year: int) -> Cycle:
    """The cycle of ``year`` (made on first use: a year has one selection)."""
    _check_year(year)
    cycle, _created = Cycle.objects.get_or_create(year=year)
    return cycle


def _next_number(
    prefix: str, model: type[Proposal] | type[Meeting] | type[Protocol] | type[RegisterAmendment]
) -> str:
    count = model.objects.filter(number__startswith=prefix).count()
    return f"{prefix}{count + 1:03d}"


def _email(
    org: Organisation | None,
    *,
    subject: str,
    body: str,
    key: str,
    kind: str,
    attachments: Sequence[Attachment] = (),
) -> None:
    if org is None or not org.email:
        return
    outbox_enqueue(
        channel="email",
        to=org.email,
        subject=subject,
        body=body,
        dedup_key=key,
        kind=kind,
        attachments=attachments,
    )
