"""STD 9: a working schedule (days, hours, breaks) is structured data, validated on write."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qyzmet.workcalendar.schedule import (
    AROUND_THE_CLOCK,
    DEFAULT_SCHEDULE,
    Break,
    DayHours,
    ScheduleError,
    WorkingSchedule,
    schedule_from_json,
    schedule_validate,
)

T = dt.time


def test_std_9_default_schedule_is_monday_to_friday_9_to_18_with_lunch() -> None:
    assert [d.weekday for d in DEFAULT_SCHEDULE.days] == [0, 1, 2, 3, 4]
    monday = DEFAULT_SCHEDULE.hours_on(0)
    assert monday == DayHours(0, T(9), T(18), (Break(T(13), T(14)),))
    assert monday.periods() == ((T(9), T(13)), (T(14), T(18)))
    assert DEFAULT_SCHEDULE.hours_on(5) is None


def test_std_9_schedule_round_trips_through_json() -> None:
    branch = WorkingSchedule(
        days=(
            *(DayHours(w, T(9), T(20)) for w in range(5)),
            DayHours(5, T(9), T(13)),
        )
    )
    assert schedule_validate(branch.to_json()) == branch
    assert schedule_validate(DEFAULT_SCHEDULE.to_json()) == DEFAULT_SCHEDULE
    assert schedule_validate({"around_the_clock": True, "days": []}) == AROUND_THE_CLOCK
    assert schedule_from_json({}) is None


@pytest.mark.parametrize(
    ("data", "names"),
    [
        ({"days": []}, "at least one working day"),
        ({"days": [{"weekday": 7, "opens": "09:00", "closes": "18:00"}]}, "row 1: the weekday"),
        ({"days": [{"weekday": 0, "opens": "9", "closes": "18:00"}]}, "Monday: give the opening"),
        ({"days": [{"weekday": 1, "opens": "18:00", "closes": "09:00"}]}, "Tuesday: the opening time"),
        (
            {
                "days": [
                    {
                        "weekday": 2,
                        "opens": "09:00",
                        "closes": "18:00",
                        "breaks": [{"start": "08:00", "end": "09:30"}],
                    }
                ]
            },
            "Wednesday: the break must lie inside",
        ),
        (
            {
                "days": [
                    {
                        "weekday": 3,
                        "opens": "09:00",
                        "closes": "18:00",
                        "breaks": [{"start": "13:00", "end": "14:00"}, {"start": "13:30", "end": "14:30"}],
                    }
                ]
            },
            "Thursday: the breaks overlap",
        ),
        (
            {
                "days": [
                    {"weekday": 4, "opens": "09:00", "closes": "18:00"},
                    {"weekday": 4, "opens": "09:00", "closes": "17:00"},
                ]
            },
            "Friday: this day is given twice",
        ),
        ("09:00-18:00", "malformed"),
    ],
)
def test_std_9_bad_schedule_is_refused_naming_the_row(data: object, names: str) -> None:
    with pytest.raises(ScheduleError) as exc:
        schedule_validate(data)
    assert names in exc.value.messages["en"]
    assert exc.value.messages["kk"] and exc.value.messages["ru"]


def test_std_9_saturday_made_working_by_decree_works_weekday_hours() -> None:
    """Labour Code 85: a Saturday transferred to a working day works like a weekday."""
    saturday = dt.date(2026, 11, 28)
    periods = DEFAULT_SCHEDULE.periods_on(saturday, working_day=True)
    assert periods[0][0] == dt.datetime(2026, 11, 28, 9)
    assert DEFAULT_SCHEDULE.periods_on(saturday, working_day=False) == ()


_time = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "weekday": st.integers(-1, 8),
                "opens": _time,
                "closes": _time,
                "breaks": st.lists(st.fixed_dictionaries({"start": _time, "end": _time}), max_size=2),
            }
        ),
        max_size=8,
    )
)
def test_std_9_validator_either_refuses_or_round_trips(rows: list[dict[str, object]]) -> None:
    try:
        schedule = schedule_validate({"days": rows})
    except ScheduleError as exc:
        assert set(exc.messages) == {"kk", "ru", "en"}
        return
    assert schedule_validate(schedule.to_json()) == schedule
    for day in schedule.days:
        assert day.opens < day.closes
        assert all(day.opens < b.start < b.end < day.closes for b in day.breaks)
