"""Reads of the working calendar: the database-aware ``get_calendar()``."""

from __future__ import annotations

import datetime as dt
import threading

from django.db import connection
from django.db.models import QuerySet

from qyzmet.workcalendar.calendar import DayReason, WorkCalendar
from qyzmet.workcalendar.enums import OverrideKind
from qyzmet.workcalendar.models import CalendarOverride
from qyzmet.workcalendar.statutory import statutory_days

_lock = threading.Lock()
_cached: tuple[tuple[object, ...], WorkCalendar] | None = None


def calendar_override_list() -> QuerySet[CalendarOverride]:
    return CalendarOverride.objects.order_by("date")


def _fingerprint() -> tuple[object, ...]:
    """A cheap summary of the overrides table: any insert, update or delete changes it
    (a delete lowers the count; an insert or update raises max(updated_at) or max(id))."""
    table = connection.ops.quote_name(CalendarOverride._meta.db_table)
    with connection.cursor() as cursor:  # raw SQL: a third of the ORM aggregate's cost
        cursor.execute(f"SELECT COUNT(*), MAX(updated_at), MAX(id) FROM {table}")
        row = cursor.fetchone()
    return tuple(row) if row else ()


def build_calendar(overrides: list[CalendarOverride]) -> WorkCalendar:
    """The statutory calendar (``holidays`` package) with ``overrides`` applied (they win)."""
    statutory_non_working, statutory_working = statutory_days()
    non_working: dict[dt.date, DayReason] = dict(statutory_non_working)
    working: set[dt.date] = set(statutory_working)
    for o in overrides:
        if o.kind == OverrideKind.WORKING:
            working.add(o.date)
            non_working.pop(o.date, None)
        else:
            working.discard(o.date)
            statutory = statutory_non_working.get(o.date)
            # No English reason is stored: keep the statutory name (now confirmed) if any.
            reason_en = (
                statutory.en.replace(" (estimated)", "") if statutory else "Day off (calendar override)"
            )
            non_working[o.date] = DayReason(o.reason_kk, o.reason_ru, reason_en)
    return WorkCalendar(non_working=non_working, working=working)


def get_calendar() -> WorkCalendar:
    """The working calendar: statutory holidays plus ``CalendarOverride`` rows.

    Cached in-process and keyed on a one-query fingerprint of the overrides table, so a change
    made by any process (admin, another worker, the CLI) is seen at the next call."""
    global _cached
    key = _fingerprint()
    cached = _cached
    if cached is not None and cached[0] == key:
        return cached[1]
    with _lock:
        calendar = build_calendar(list(CalendarOverride.objects.all()))
        _cached = (key, calendar)
    return calendar


def invalidate_calendar_cache() -> None:
    global _cached
    _cached = None


def is_working_day_any_year(d: dt.date, *, calendar: WorkCalendar | None = None) -> bool:
    """Whether ``d`` is a working day, for any year: inside the working calendar's years
    (2000-2040) by the calendar with its decree overrides (``calendar``, else ``get_calendar()``);
    after them by the statutory holidays of the ``holidays`` package alone, weekends excluded
    (no override or decree transfer can be recorded so far ahead). For the PSC cycle dates,
    which the ``qyzmet psc-cycle`` command gives up to 2100."""
    from qyzmet.workcalendar.calendar import FIRST_DAY, LAST_DAY

    if FIRST_DAY <= d <= LAST_DAY:
        return (calendar or get_calendar()).is_working_day(d)
    if d.weekday() >= 5:
        return False
    import holidays

    return d not in holidays.country_holidays("KZ", years=[d.year])
