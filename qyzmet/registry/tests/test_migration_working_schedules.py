"""STD 9: the data migration turns the old free-text schedules into structured ones only where
the text obviously says the hours; anything else gets the default (ADR 0018)."""

from __future__ import annotations

import importlib

import pytest

from qyzmet.workcalendar.schedule import DEFAULT_SCHEDULE, Break, DayHours, WorkingSchedule, schedule_validate

migration = importlib.import_module("qyzmet.registry.migrations.0007_working_schedules")
T = __import__("datetime").time


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Понедельник–пятница 9:00–18:30, перерыв 13:00–14:30; кроме выходных",
            WorkingSchedule(
                days=tuple(DayHours(w, T(9), T(18, 30), (Break(T(13), T(14, 30)),)) for w in range(5))
            ),
        ),
        (
            "Дүйсенбі–жұма 9:00–20:00, сенбі 9:00–13:00, түскі үзіліссіз",
            WorkingSchedule(days=(*(DayHours(w, T(9), T(20)) for w in range(5)), DayHours(5, T(9), T(13)))),
        ),
        ("Круглосуточно (кроме технических перерывов)", WorkingSchedule(around_the_clock=True)),
        ("9.00-17.00", WorkingSchedule(days=tuple(DayHours(w, T(9), T(17)) for w in range(5)))),
        ("", DEFAULT_SCHEDULE),
        ("по графику организации", DEFAULT_SCHEDULE),
        ("Понедельник–пятница 18:00–9:00", DEFAULT_SCHEDULE),
        ("Понедельник–пятница 9:00–18:00, перерыв 19:00–20:00", DEFAULT_SCHEDULE),
    ],
)
def test_std_9_migration_reads_only_obvious_text(text: str, expected: WorkingSchedule) -> None:
    assert schedule_validate(migration.schedule_from_old_text(text)) == expected
