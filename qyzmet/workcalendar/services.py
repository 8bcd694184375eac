"""Writes of the working calendar: calendar overrides (decree transfers of days off)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.workcalendar.calendar import FIRST_DAY, LAST_DAY
from qyzmet.workcalendar.enums import OverrideKind
from qyzmet.workcalendar.errors import WorkCalendarErrorCode
from qyzmet.workcalendar.models import CalendarOverride
from qyzmet.workcalendar.selectors import invalidate_calendar_cache


def _snapshot(o: CalendarOverride) -> dict[str, Any]:
    return {
        "date": o.date.isoformat(),
        "kind": o.kind,
        "reason_kk": o.reason_kk,
        "reason_ru": o.reason_ru,
        "decree": o.decree,
    }


@transaction.atomic
def calendar_override_set(
    *,
    actor: User | None,
    date: dt.date,
    kind: str,
    reason_kk: str,
    reason_ru: str,
    decree: str = "",
) -> CalendarOverride:
    """Make ``date`` a working or non-working day (Labour Code 85: the Government transfers
    days off by decree). Creates or updates the override for that date."""
    if not FIRST_DAY <= date <= LAST_DAY:
        raise ApplicationError(
            WorkCalendarErrorCode.DATE_OUT_OF_RANGE,
            {
                "kk": "Күн 2000-2040 жылдар аралығында болуы керек.",
                "ru": "Дата должна быть в пределах 2000-2040 годов.",
                "en": "The date must be within 2000-2040.",
            },
            fields={"date": {"kk": "2000-2040 жылдар", "ru": "2000-2040 годы", "en": "2000-2040"}},
        )
    kind = OverrideKind(kind)
    reason_kk, reason_ru, decree = reason_kk.strip(), reason_ru.strip(), decree.strip()
    missing = [name for name, value in (("reason_kk", reason_kk), ("reason_ru", reason_ru)) if not value]
    if missing:
        raise ApplicationError(
            WorkCalendarErrorCode.REASON_REQUIRED,
            {
                "kk": "Себебін қазақ және орыс тілдерінде көрсетіңіз.",
                "ru": "Укажите причину на казахском и русском языках.",
                "en": "Give the reason in Kazakh and Russian.",
            },
            fields={
                name: {"kk": "Міндетті өріс.", "ru": "Обязательное поле.", "en": "Required."}
                for name in missing
            },
        )
    existing = CalendarOverride.objects.select_for_update().filter(date=date).first()
    if existing is None:
        override = CalendarOverride.objects.create(
            date=date, kind=kind, reason_kk=reason_kk, reason_ru=reason_ru, decree=decree
        )
        before: dict[str, Any] = {}
    else:
        override = existing
        before = _snapshot(override)
        override.kind = kind
        override.reason_kk = reason_kk
        override.reason_ru = reason_ru
        override.decree = decree
        override.save(update_fields=["kind", "reason_kk", "reason_ru", "decree", "updated_at"])
    audit_record(
        actor=actor,
        action="workcalendar.override_set",
        obj=override,
        before=before,
        after=_snapshot(override),
    )
    transaction.on_commit(invalidate_calendar_cache)
    return override


@transaction.atomic
def calendar_override_delete(*, actor: User | None, override: CalendarOverride) -> None:
    before = _snapshot(override)
    pk = override.pk
    audit_record(
        actor=actor,
        action="workcalendar.override_delete",
        object_type=override._meta.label_lower,
        object_id=str(pk),
        before=before,
        after={},
    )
    override.delete()
    transaction.on_commit(invalidate_calendar_cache)
