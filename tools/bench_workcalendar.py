"""Benchmark of the working calendar (run by ``tools/bench.py workcalendar``).

Figures: deadline computations per second (``add_working_days`` / ``add_calendar_days`` over
random starts in 2024-2027 and terms of 1-60 days, on the ``WorkCalendar`` object), the cost of
a cold build of the calendar, and the cost per call of ``get_calendar()`` (one fingerprint
query against the database when nothing changed).
"""

from __future__ import annotations

import datetime as dt
import random
import time

N_TERMS = 200_000


def _rate(fn: object, cases: list[tuple[dt.date, int, bool]]) -> float:
    call = fn  # a bound method
    started = time.perf_counter()
    for start, n, count_start_day in cases:
        call(start, n, count_start_day=count_start_day)  # type: ignore[operator]
    return len(cases) / (time.perf_counter() - started)


def run() -> dict[str, object]:
    from django.core.management import call_command
    from django.db import connection

    from qyzmet.workcalendar.selectors import build_calendar, get_calendar, invalidate_calendar_cache
    from qyzmet.workcalendar.statutory import statutory_days

    rng = random.Random(20260323)
    first = dt.date(2024, 1, 1).toordinal()
    last = dt.date(2027, 12, 31).toordinal()
    cases = [
        (dt.date.fromordinal(rng.randint(first, last)), rng.randint(1, 60), rng.random() < 0.2)
        for _ in range(N_TERMS)
    ]

    started = time.perf_counter()
    statutory_days.cache_clear()
    statutory_days()
    holidays_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    calendar = build_calendar([])
    build_ms = (time.perf_counter() - started) * 1000

    working_rate = _rate(calendar.add_working_days, cases)
    calendar_rate = _rate(calendar.add_calendar_days, cases)

    figures: dict[str, object] = {
        "terms": N_TERMS,
        "add_working_days_per_s": round(working_rate),
        "add_calendar_days_per_s": round(calendar_rate),
        "target_per_s": 200_000,
        "holidays_build_ms_once_per_process": round(holidays_ms, 2),
        "calendar_build_ms": round(build_ms, 2),
    }

    # get_calendar() needs the table: migrate the database of DATABASE_URL quietly.
    try:
        call_command("migrate", "workcalendar", verbosity=0)
        invalidate_calendar_cache()
        started = time.perf_counter()
        get_calendar()
        figures["get_calendar_cold_ms"] = round((time.perf_counter() - started) * 1000, 2)
        calls = 2000
        started = time.perf_counter()
        for _ in range(calls):
            get_calendar()
        figures["get_calendar_warm_us_per_call"] = round((time.perf_counter() - started) / calls * 1e6, 1)
        figures["database"] = connection.vendor
    except Exception as exc:
        figures["get_calendar_error"] = f"{type(exc).__name__}: {exc}"
    return figures
