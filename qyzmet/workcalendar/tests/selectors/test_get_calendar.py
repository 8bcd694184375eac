"""``get_calendar()``: the statutory calendar plus overrides, cached and invalidated at once."""

from __future__ import annotations

import datetime as dt

import pytest

from qyzmet.workcalendar.calendar import add_working_days, is_working_day
from qyzmet.workcalendar.enums import OverrideKind
from qyzmet.workcalendar.models import CalendarOverride
from qyzmet.workcalendar.selectors import get_calendar
from qyzmet.workcalendar.services import calendar_override_delete, calendar_override_set

pytestmark = pytest.mark.django_db
D = dt.date


def test_labour_code_85_override_changes_get_calendar_at_once() -> None:
    before = get_calendar()
    assert before.is_working_day(D(2026, 3, 20))
    assert before.add_working_days(D(2026, 3, 19), 1) == D(2026, 3, 20)

    override = calendar_override_set(
        actor=None,
        date=D(2026, 3, 20),
        kind=OverrideKind.NON_WORKING,
        reason_kk="Демалыс күні ауыстырылды",
        reason_ru="Перенесённый выходной день",
        decree="Приказ № 1",
    )
    after = get_calendar()
    assert not after.is_working_day(D(2026, 3, 20))
    assert after.add_working_days(D(2026, 3, 19), 1) == D(2026, 3, 26)
    assert add_working_days(D(2026, 3, 19), 1) == D(2026, 3, 26)  # module function, default calendar
    reason = after.reason(D(2026, 3, 20))
    assert reason is not None and reason.ru == "Перенесённый выходной день"

    calendar_override_delete(actor=None, override=override)
    assert get_calendar().is_working_day(D(2026, 3, 20))


def test_labour_code_85_working_override_wins_over_a_holiday_and_a_weekend() -> None:
    calendar_override_set(
        actor=None,
        date=D(2026, 3, 28),
        kind=OverrideKind.WORKING,
        reason_kk="Жұмыс күні",
        reason_ru="Рабочий день",
    )
    calendar_override_set(
        actor=None,
        date=D(2026, 3, 25),
        kind=OverrideKind.WORKING,
        reason_kk="Жұмыс күні",
        reason_ru="Рабочий день",
    )
    assert is_working_day(D(2026, 3, 28))  # a Saturday
    assert is_working_day(D(2026, 3, 25))  # Nauryz carried over in the package
    assert get_calendar().add_working_days(D(2026, 3, 20), 1) == D(2026, 3, 25)


def test_a_change_made_by_another_process_is_seen_at_once() -> None:
    """Another process does not run this process's invalidation hook: the fingerprint of the
    overrides table sees its insert, update and delete anyway."""
    first = get_calendar()
    assert get_calendar() is first  # cached while nothing changes
    row = CalendarOverride.objects.create(
        date=D(2026, 4, 1), kind=OverrideKind.NON_WORKING, reason_kk="Демалыс", reason_ru="Выходной"
    )
    assert not get_calendar().is_working_day(D(2026, 4, 1))
    row.kind = OverrideKind.WORKING
    row.save()
    assert get_calendar().is_working_day(D(2026, 4, 1))
    CalendarOverride.objects.create(
        date=D(2026, 4, 2), kind=OverrideKind.NON_WORKING, reason_kk="Демалыс", reason_ru="Выходной"
    )
    CalendarOverride.objects.filter(pk=row.pk).delete()
    cal = get_calendar()
    assert cal.is_working_day(D(2026, 4, 1)) and not cal.is_working_day(D(2026, 4, 2))


def test_get_calendar_costs_one_query(django_assert_num_queries: pytest.FixtureRequest) -> None:
    get_calendar()
    with django_assert_num_queries(1):  # type: ignore[operator]
        get_calendar()


def test_labour_code_85_a_decree_transfer_missing_from_the_package_is_fixed_by_two_overrides() -> None:
    """A transfer the package does not know (hypothetical here: the rest day of Saturday
    19 December 2026 moved to Thursday 17 December, the pattern of the 2009 and 2020 decrees)
    is entered as two overrides and every term sees it at once."""
    cal = get_calendar()
    assert cal.add_working_days(D(2026, 12, 15), 1) == D(2026, 12, 17)  # 16 December: Independence Day
    decree = "Приказ Министра труда (гипотетический)"
    calendar_override_set(
        actor=None,
        date=D(2026, 12, 17),
        kind=OverrideKind.NON_WORKING,
        reason_kk="Демалыс күні (19.12.2026 бастап ауыстырылды)",
        reason_ru="Выходной день (перенесён с 19.12.2026)",
        decree=decree,
    )
    calendar_override_set(
        actor=None,
        date=D(2026, 12, 19),
        kind=OverrideKind.WORKING,
        reason_kk="Жұмыс күні (демалыс 17.12.2026 күніне ауыстырылды)",
        reason_ru="Рабочий день (выходной перенесён на 17.12.2026)",
        decree=decree,
    )
    cal = get_calendar()
    assert cal.add_working_days(D(2026, 12, 15), 1) == D(2026, 12, 18)
    assert cal.add_working_days(D(2026, 12, 18), 1) == D(2026, 12, 19)  # the working Saturday
    assert cal.add_calendar_days(D(2026, 12, 7), 10) == D(2026, 12, 18)  # Civil Code 173
    assert cal.working_days_between(D(2026, 12, 14), D(2026, 12, 21)) == 4  # 15, 18, 19, 21
