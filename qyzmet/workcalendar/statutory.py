"""The statutory calendar from the ``holidays`` package (Kazakhstan), 2000-2040.

The package models holidays, weekend-holiday carry-overs ("observed") and the days off the
Government transferred by decree (``KazakhstanStaticHolidays.special_public_holidays``: a
weekday made a day off, "substituted from" a Saturday or Sunday that becomes a working day).
It has no Russian names, so they are mapped here from the English ones.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

import holidays
from holidays.countries.kazakhstan import KazakhstanStaticHolidays

from qyzmet.workcalendar.calendar import FIRST_YEAR, LAST_YEAR, DayReason

_RU = {
    "New Year's Day": "Новый год",
    "Orthodox Christmas": "Православное Рождество",
    "International Women's Day": "Международный женский день",
    "Nowruz Holiday": "Наурыз мейрамы",
    "Kazakhstan's People Solidarity Holiday": "Праздник единства народа Казахстана",
    "Defender of the Fatherland Day": "День защитника Отечества",
    "Victory Day": "День Победы",
    "Eid al-Adha": "Курбан айт",
    "Capital Day": "День Столицы",
    "Constitution Day": "День Конституции Республики Казахстан",
    "Republic Day": "День Республики",
    "Independence Day": "День Независимости",
    "First President Day": "День Первого Президента Республики Казахстан",
}
_SUBSTITUTED = re.compile(r"^Day off \(substituted from (\d\d)/(\d\d)/(\d{4})\)$")


def _ru_name(en: str) -> str:
    parts = []
    for part in en.split("; "):
        m = _SUBSTITUTED.match(part)
        if m:
            parts.append(f"Выходной день (перенесён с {m.group(2)}.{m.group(1)}.{m.group(3)})")
            continue
        base, suffixes = part, list[str]()
        for suffix, ru in (
            (" (estimated)", " (ожидаемая дата)"),
            (" (observed)", " (перенесённый выходной)"),
        ):
            if base.endswith(suffix):
                base = base.removesuffix(suffix)
                suffixes.insert(0, ru)
        parts.append(_RU.get(base, base) + "".join(suffixes))
    return "; ".join(parts)


@lru_cache(maxsize=1)
def statutory_days() -> tuple[dict[dt.date, DayReason], frozenset[dt.date]]:
    """(non-working dates with reasons, Saturdays/Sundays made working by a decree).

    Built once per process: it is the expensive part of the calendar."""
    years = range(FIRST_YEAR, LAST_YEAR + 1)
    kk = holidays.country_holidays("KZ", years=years, language="kk")
    en = holidays.country_holidays("KZ", years=years, language="en_US")
    non_working = {d: DayReason(str(kk[d]), _ru_name(str(en[d])), str(en[d])) for d in en}
    working: set[dt.date] = set()
    special: dict[int, Any] = KazakhstanStaticHolidays.special_public_holidays
    for year, entries in special.items():
        rows: tuple[tuple[int, ...], ...] = entries if isinstance(entries[0], tuple) else (entries,)
        for row in rows:
            # (to_month, to_day, from_month, from_day[, from_year]): "from" becomes working.
            from_year = row[4] if len(row) > 4 else year
            working.add(dt.date(from_year, row[2], row[3]))
    return non_working, frozenset(working)
