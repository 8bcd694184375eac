"""``calendar_override_set`` / ``calendar_override_delete``: validated, audited writes."""

from __future__ import annotations

import datetime as dt

import pytest

from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import AuditLog
from qyzmet.workcalendar.enums import OverrideKind
from qyzmet.workcalendar.errors import WorkCalendarErrorCode
from qyzmet.workcalendar.models import CalendarOverride
from qyzmet.workcalendar.services import calendar_override_delete, calendar_override_set
from qyzmet.workcalendar.tests.factories import CalendarOverrideFactory

pytestmark = pytest.mark.django_db
D = dt.date


def test_labour_code_85_override_set_creates_then_updates_and_audits() -> None:
    o = calendar_override_set(
        actor=None,
        date=D(2026, 6, 1),
        kind=OverrideKind.NON_WORKING,
        reason_kk=" Демалыс ",
        reason_ru="Выходной",
    )
    assert o.reason_kk == "Демалыс"
    again = calendar_override_set(
        actor=None,
        date=D(2026, 6, 1),
        kind=OverrideKind.WORKING,
        reason_kk="Жұмыс",
        reason_ru="Рабочий",
        decree="Приказ № 2",
    )
    assert again.pk == o.pk and CalendarOverride.objects.count() == 1
    assert CalendarOverride.objects.get().kind == OverrideKind.WORKING
    rows = list(AuditLog.objects.filter(action="workcalendar.override_set").order_by("id"))
    assert len(rows) == 2
    assert rows[1].before is not None and rows[1].before["kind"] == "non_working"
    assert rows[1].after is not None and rows[1].after["decree"] == "Приказ № 2"


def test_override_without_a_reason_is_refused_in_kazakh_and_russian() -> None:
    with pytest.raises(ApplicationError) as exc:
        calendar_override_set(
            actor=None, date=D(2026, 6, 1), kind=OverrideKind.WORKING, reason_kk=" ", reason_ru="Рабочий"
        )
    assert exc.value.code == WorkCalendarErrorCode.REASON_REQUIRED
    assert set(exc.value.fields) == {"reason_kk"} and exc.value.messages["kk"]
    assert not CalendarOverride.objects.exists() and not AuditLog.objects.exists()


def test_override_outside_2000_2040_is_refused() -> None:
    with pytest.raises(ApplicationError) as exc:
        calendar_override_set(
            actor=None, date=D(2041, 1, 1), kind=OverrideKind.WORKING, reason_kk="Жұмыс", reason_ru="Рабочий"
        )
    assert exc.value.code == WorkCalendarErrorCode.DATE_OUT_OF_RANGE
    assert not CalendarOverride.objects.exists()


def test_override_delete_is_audited() -> None:
    o = CalendarOverrideFactory.create()
    calendar_override_delete(actor=None, override=o)
    assert not CalendarOverride.objects.exists()
    row = AuditLog.objects.get(action="workcalendar.override_delete")
    assert row.before is not None and row.before["date"] == o.date.isoformat()
