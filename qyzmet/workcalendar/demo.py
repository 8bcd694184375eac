"""Demo calendar overrides (idempotent: keyed by date, written through the services).

The ``holidays`` package (0.109) already has every decree transfer of 2024-2026 found in the
sources (2024: 4 May worked, 8 May off; 2025: 5 January worked, 3 January off; 2026: none; see
tests/test_kazakhstan.py). What it lacks is the confirmed date of Kurban ait 2026: it only
estimates it ("estimated"). The override records the date as announced (27 May 2026), so the
reason the calendar gives is no longer marked as an estimate.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple, TextIO

from qyzmet.workcalendar.enums import OverrideKind
from qyzmet.workcalendar.models import CalendarOverride
from qyzmet.workcalendar.services import calendar_override_set


class DemoOverride(NamedTuple):
    date: dt.date
    kind: OverrideKind
    reason_kk: str
    reason_ru: str
    decree: str


OVERRIDES = [
    DemoOverride(
        date=dt.date(2026, 5, 27),
        kind=OverrideKind.NON_WORKING,
        reason_kk="Құрбан айт (2026 жылғы күні ресми жарияланды)",
        reason_ru="Курбан айт (дата 2026 года объявлена официально)",
        decree="Закон РК «О праздниках в Республике Казахстан» № 267-II, ст. 1; календарь egov.kz на 2026 год",
    ),
]


def load(stdout: TextIO) -> None:
    created = 0
    for row in OVERRIDES:
        if CalendarOverride.objects.filter(date=row.date).exists():
            continue
        calendar_override_set(actor=None, **row._asdict())
        created += 1
    stdout.write(f"workcalendar: {created} calendar override(s) created\n")
