"""Table-driven rows of the Kazakh calendar 2024-2026 (statutory calendar, no overrides).

Sources, cited per row:
- LAW: Law of the RK "On holidays in the Republic of Kazakhstan" No. 267-II of 13.12.2001
  (adilet.zan.kz Z010000267_): the holidays; Labour Code 84-85: a holiday falling on a day
  off moves to the next working day (not religious holidays: Orthodox Christmas, Kurban ait).
- D2024: order of the Minister of Labour "On transferring a day of rest in 2024"
  (adilet G24G0000109; altainews.kz / alataunews.kz): rest moved from Saturday 4 May to
  Wednesday 8 May 2024.
- D2025: order of the Minister of Labour of 21.11.2024 (adilet G24G0000436; energy-city.kz,
  smartnews.kz): rest moved from Sunday 5 January to Friday 3 January 2025; "other transfers
  in 2025 are not planned" (Ministry of Labour to smartnews.kz, informburo.kz: 8 May 2025 works).
- C2026: egov.kz calendar of 2026 as reported by alau.kz (02.01.2026) and inform.kz
  (28.11.2025): 1-2 and 7 January, 9 March, 21-25 March, 11 May, 27 May (Kurban ait),
  6 July, 26 October, 16 December; no decree transfer in January 2026.
- K2026: Ministry of Labour via taspanews.kz (18.03.2026): with the new Constitution, 30 August
  is no longer Constitution Day from 2026 (the holiday moves to 15 March from 2027).
"""

from __future__ import annotations

import datetime as dt

import pytest

from qyzmet.workcalendar.selectors import build_calendar

D = dt.date
KZ = build_calendar([])

# (date, working?, source)
DAYS = [
    # 2024
    (D(2024, 1, 1), False, "LAW: New Year"),
    (D(2024, 1, 2), False, "LAW: New Year"),
    (D(2024, 1, 3), True, "LAW: ordinary Wednesday"),
    (D(2024, 1, 7), False, "LAW: Orthodox Christmas (a Sunday)"),
    (D(2024, 1, 8), True, "LAW: Christmas is a religious holiday, not carried over"),
    (D(2024, 3, 8), False, "LAW: International Women's Day"),
    (D(2024, 3, 21), False, "LAW: Nauryz"),
    (D(2024, 3, 22), False, "LAW: Nauryz"),
    (D(2024, 3, 25), False, "LAW + Labour Code 85: Nauryz of Saturday 23 March carried over"),
    (D(2024, 3, 26), True, "LAW: ordinary Tuesday"),
    (D(2024, 5, 4), True, "D2024: Saturday 4 May worked"),
    (D(2024, 5, 7), False, "LAW: Defender of the Fatherland Day"),
    (D(2024, 5, 8), False, "D2024: rest moved to Wednesday 8 May"),
    (D(2024, 5, 9), False, "LAW: Victory Day"),
    (D(2024, 7, 8), False, "LAW + Labour Code 85: Capital Day of Saturday 6 July carried over"),
    (D(2024, 8, 30), False, "LAW: Constitution Day"),
    (D(2024, 10, 25), False, "LAW: Republic Day"),
    (D(2024, 12, 16), False, "LAW: Independence Day"),
    (D(2024, 12, 17), True, "LAW: since 2022 Independence Day is one day"),
    (D(2024, 12, 31), True, "LAW: 31 December is a working day"),
    # 2025
    (D(2025, 1, 3), False, "D2025: rest moved to Friday 3 January"),
    (D(2025, 1, 4), False, "D2025: Saturday"),
    (D(2025, 1, 5), True, "D2025: Sunday 5 January worked"),
    (D(2025, 1, 6), True, "D2025: ordinary Monday"),
    (D(2025, 1, 7), False, "LAW: Orthodox Christmas"),
    (D(2025, 3, 10), False, "LAW + Labour Code 85: Women's Day of Saturday 8 March carried over"),
    (D(2025, 3, 24), False, "LAW + Labour Code 85: Nauryz of Saturday 22 March carried over"),
    (D(2025, 3, 25), False, "LAW + Labour Code 85: Nauryz of Sunday 23 March carried over"),
    (D(2025, 3, 26), True, "LAW: ordinary Wednesday"),
    (D(2025, 5, 8), True, "D2025: no transfer in May 2025"),
    (D(2025, 6, 6), False, "LAW: Kurban ait"),
    (D(2025, 7, 7), False, "LAW + Labour Code 85: Capital Day of Sunday 6 July carried over"),
    (D(2025, 9, 1), False, "LAW + Labour Code 85: Constitution Day of Saturday 30 August carried over"),
    (D(2025, 10, 27), False, "LAW + Labour Code 85: Republic Day of Saturday 25 October carried over"),
    (D(2025, 12, 31), True, "LAW: 31 December is a working day"),
    # 2026
    (D(2026, 1, 1), False, "C2026: New Year"),
    (D(2026, 1, 2), False, "C2026: New Year"),
    (D(2026, 1, 3), False, "C2026: Saturday, no decree transfer"),
    (D(2026, 1, 5), True, "C2026: working Monday"),
    (D(2026, 1, 6), True, "C2026: working Tuesday"),
    (D(2026, 1, 7), False, "C2026: Orthodox Christmas"),
    (D(2026, 3, 9), False, "C2026: Women's Day of Sunday 8 March carried over"),
    (D(2026, 3, 20), True, "C2026: Friday before Nauryz"),
    (D(2026, 3, 21), False, "C2026: Nauryz (Saturday)"),
    (D(2026, 3, 22), False, "C2026: Nauryz (Sunday)"),
    (D(2026, 3, 23), False, "C2026: Nauryz"),
    (D(2026, 3, 24), False, "C2026: Nauryz of Saturday 21 March carried over"),
    (D(2026, 3, 25), False, "C2026: Nauryz of Sunday 22 March carried over"),
    (D(2026, 3, 26), True, "C2026: first working day after Nauryz"),
    (D(2026, 5, 11), False, "C2026: Victory Day of Saturday 9 May carried over"),
    (D(2026, 5, 27), False, "C2026: Kurban ait"),
    (D(2026, 7, 6), False, "C2026: Capital Day"),
    (D(2026, 8, 31), True, "K2026: 30 August is no longer a holiday, nothing carried over"),
    (D(2026, 10, 26), False, "C2026: Republic Day of Sunday 25 October carried over"),
    (D(2026, 12, 16), False, "C2026: Independence Day"),
    (D(2026, 12, 31), True, "LAW: 31 December is a working day"),
]


@pytest.mark.parametrize(
    ("day", "working", "source"), DAYS, ids=[f"{d}-{s.split(':')[0]}" for d, _w, s in DAYS]
)
def test_labour_code_84_85_kazakh_working_days(day: dt.date, working: bool, source: str) -> None:
    assert KZ.is_working_day(day) is working, source


# (start, n, count_start_day, due, source)
WORKING_TERMS = [
    (D(2024, 12, 31), 1, False, D(2025, 1, 5), "D2025: 1-4 January off, Sunday 5 January worked"),
    (D(2025, 12, 31), 1, False, D(2026, 1, 5), "C2026: 1-4 January off"),
    (D(2025, 12, 31), 2, False, D(2026, 1, 6), "C2026"),
    (D(2025, 12, 31), 3, False, D(2026, 1, 8), "C2026: 7 January Christmas"),
    (D(2025, 12, 31), 1, True, D(2025, 12, 31), "Civil Code 171: a working start day counts"),
    (D(2026, 1, 1), 1, True, D(2026, 1, 5), "Civil Code 171: a holiday start day never counts"),
    (D(2026, 3, 20), 1, False, D(2026, 3, 26), "C2026: Nauryz 21-25 March"),
    (D(2026, 3, 19), 2, False, D(2026, 3, 26), "C2026: Nauryz 21-25 March"),
    (D(2026, 3, 21), 1, True, D(2026, 3, 26), "C2026: Nauryz; a non-working start day is not counted"),
    (D(2024, 5, 3), 1, False, D(2024, 5, 4), "D2024: Saturday 4 May worked"),
    (D(2024, 5, 6), 1, False, D(2024, 5, 10), "D2024 + LAW: 7, 8, 9 May off"),
    (D(2025, 5, 6), 1, False, D(2025, 5, 8), "D2025: 8 May 2025 worked"),
]


@pytest.mark.parametrize(("start", "n", "count_start_day", "due", "source"), WORKING_TERMS)
def test_civil_code_171_working_day_terms(
    start: dt.date, n: int, count_start_day: bool, due: dt.date, source: str
) -> None:
    assert KZ.add_working_days(start, n, count_start_day=count_start_day) == due, source


CALENDAR_TERMS = [
    (D(2026, 3, 11), 10, False, D(2026, 3, 26), "Civil Code 173 + C2026: ends on Nauryz, moves to 26 March"),
    (D(2026, 3, 11), 10, True, D(2026, 3, 20), "Civil Code 171: 11 March is day 1, ends Friday 20 March"),
    (D(2025, 12, 22), 10, False, D(2026, 1, 5), "Civil Code 173 + C2026: 1 January moves to 5 January"),
    (D(2024, 12, 24), 10, False, D(2025, 1, 5), "Civil Code 173 + D2025: 3 January moves to worked Sunday 5"),
    (D(2024, 4, 27), 10, False, D(2024, 5, 10), "Civil Code 173 + D2024: 7 May moves past 8 and 9 May"),
    (
        D(2026, 8, 20),
        10,
        False,
        D(2026, 8, 31),
        "Civil Code 173 + K2026: Sunday 30 August moves to Monday 31",
    ),
]


@pytest.mark.parametrize(("start", "n", "count_start_day", "due", "source"), CALENDAR_TERMS)
def test_civil_code_173_calendar_day_terms(
    start: dt.date, n: int, count_start_day: bool, due: dt.date, source: str
) -> None:
    assert KZ.add_calendar_days(start, n, count_start_day=count_start_day) == due, source


def test_reasons_in_kazakh_russian_and_english() -> None:
    nauryz = KZ.reason(D(2026, 3, 21))
    assert nauryz is not None
    assert (nauryz.kk, nauryz.ru, nauryz.en) == ("Наурыз мейрамы", "Наурыз мейрамы", "Nowruz Holiday")
    carried = KZ.reason(D(2026, 3, 24))
    assert carried is not None and carried.ru == "Наурыз мейрамы (перенесённый выходной)"
    transferred = KZ.reason(D(2025, 1, 3))
    assert transferred is not None and transferred.ru == "Выходной день (перенесён с 05.01.2025)"
    victory = KZ.reason(D(2026, 5, 9))
    assert victory is not None and victory.ru == "День Победы"
    assert KZ.reason(D(2026, 3, 26)) is None
