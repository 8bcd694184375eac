"""Working schedules (STD 9: days, hours, breaks; Law 14.3-1: the provider's, the State
Corporation's and the information objects' schedules) as structured values.

Pure: no database, no Django. A schedule is stored as JSON of the shape::

    {"around_the_clock": false,
     "days": [{"weekday": 0, "opens": "09:00", "closes": "18:00",
               "breaks": [{"start": "13:00", "end": "14:00"}]}, ...]}

``weekday`` is 0 for Monday to 6 for Sunday. ``schedule_validate`` turns JSON into a
``WorkingSchedule`` or raises ``ScheduleError`` naming the bad row in kk/ru/en; it is what
services call before they write. ``schedule_from_json`` reads a stored value back (``None`` for
an empty one). Terms over a schedule are in the owning app (``delivery/terms.py``, ADR 0018).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

WEEKDAY_NAMES: dict[str, tuple[str, ...]] = {
    "kk": ("Дүйсенбі", "Сейсенбі", "Сәрсенбі", "Бейсенбі", "Жұма", "Сенбі", "Жексенбі"),
    "ru": ("Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота", "Воскресенье"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
MIDNIGHT = dt.time(0, 0)
# The breaks a day may have (a lunch and short technical breaks); the editor offers this many.
BREAKS_PER_DAY = 3


@dataclass(frozen=True)
class Break:
    start: dt.time
    end: dt.time


@dataclass(frozen=True)
class DayHours:
    """The hours of one weekday: open from ``opens`` to ``closes`` except the breaks."""

    weekday: int
    opens: dt.time
    closes: dt.time
    breaks: tuple[Break, ...] = ()

    def periods(self) -> tuple[tuple[dt.time, dt.time], ...]:
        """The open periods of the day in order (the breaks cut them)."""
        out: list[tuple[dt.time, dt.time]] = []
        start = self.opens
        for b in sorted(self.breaks, key=lambda b: b.start):
            out.append((start, b.start))
            start = b.end
        out.append((start, self.closes))
        return tuple(p for p in out if p[0] < p[1])


@dataclass(frozen=True)
class WorkingSchedule:
    """Which weekdays are open and when. ``around_the_clock``: open all day every day (an
    e-channel); ``days`` is then empty."""

    days: tuple[DayHours, ...] = ()
    around_the_clock: bool = False
    _by_weekday: dict[int, DayHours] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_weekday", {d.weekday: d for d in self.days})

    def hours_on(self, weekday: int) -> DayHours | None:
        return self._by_weekday.get(weekday)

    def periods_on(self, day: dt.date, *, working_day: bool) -> tuple[tuple[dt.datetime, dt.datetime], ...]:
        """Open periods on ``day`` as naive datetimes (the end may be the next midnight).

        Only a working day of the calendar has periods (ADR 0018). A Saturday or Sunday made a
        working day by decree (Labour Code 85) works the hours of the first weekday the
        schedule lists; a Monday-Friday the schedule does not list is closed."""
        if not working_day:
            return ()
        if self.around_the_clock:
            start = dt.datetime.combine(day, MIDNIGHT)
            return ((start, start + dt.timedelta(days=1)),)
        hours = self.hours_on(day.weekday())
        if hours is None and day.weekday() >= 5:
            hours = next((d for d in sorted(self.days, key=lambda d: d.weekday) if d.weekday < 5), None)
        if hours is None:
            return ()
        return tuple((dt.datetime.combine(day, a), dt.datetime.combine(day, b)) for a, b in hours.periods())

    def to_json(self) -> dict[str, Any]:
        return {
            "around_the_clock": self.around_the_clock,
            "days": [
                {
                    "weekday": d.weekday,
                    "opens": d.opens.strftime("%H:%M"),
                    "closes": d.closes.strftime("%H:%M"),
                    "breaks": [
                        {"start": b.start.strftime("%H:%M"), "end": b.end.strftime("%H:%M")} for b in d.breaks
                    ],
                }
                for d in sorted(self.days, key=lambda d: d.weekday)
            ],
        }

    def lines(self, language: str = "kk") -> list[str]:
        """Human lines for a page: "Дүйсенбі: 09:00–18:00, үзіліс 13:00–14:00"."""
        lang = language[:2] if language[:2] in WEEKDAY_NAMES else "kk"
        if self.around_the_clock:
            return [{"kk": "Тәулік бойы", "ru": "Круглосуточно", "en": "Around the clock"}[lang]]
        word = {"kk": "үзіліс", "ru": "перерыв", "en": "break"}[lang]
        out = []
        for d in sorted(self.days, key=lambda d: d.weekday):
            text = f"{WEEKDAY_NAMES[lang][d.weekday]}: {d.opens:%H:%M}–{d.closes:%H:%M}"
            if d.breaks:
                text += ", " + word + " " + ", ".join(f"{b.start:%H:%M}–{b.end:%H:%M}" for b in d.breaks)
            out.append(text)
        return out


def _weekdays(
    opens: dt.time, closes: dt.time, breaks: tuple[Break, ...], weekdays: range
) -> tuple[DayHours, ...]:
    return tuple(DayHours(weekday=w, opens=opens, closes=closes, breaks=breaks) for w in weekdays)


LUNCH = (Break(dt.time(13), dt.time(14)),)
# The default when a standard says nothing: Monday-Friday 09:00-18:00, lunch 13:00-14:00.
DEFAULT_SCHEDULE = WorkingSchedule(days=_weekdays(dt.time(9), dt.time(18), LUNCH, range(5)))
AROUND_THE_CLOCK = WorkingSchedule(around_the_clock=True)


def default_schedule_json() -> dict[str, Any]:
    """Model default: the JSON of ``DEFAULT_SCHEDULE``."""
    return DEFAULT_SCHEDULE.to_json()


class ScheduleError(ValueError):
    """A schedule that cannot be stored; ``messages`` in kk/ru/en name the bad row; ``row`` is
    its index in ``days`` and ``weekday`` its weekday when it has a valid one (``None`` for a
    problem of the whole schedule)."""

    def __init__(
        self, messages: dict[str, str], *, row: int | None = None, weekday: int | None = None
    ) -> None:
        super().__init__(messages["en"])
        self.messages = messages
        self.row = row
        self.weekday = weekday


def _row_name(index: int, weekday: Any) -> dict[str, str]:
    if _is_weekday(weekday):
        return {lang: names[weekday] for lang, names in WEEKDAY_NAMES.items()}
    return {"kk": f"{index + 1}-жол", "ru": f"строка {index + 1}", "en": f"row {index + 1}"}


def _is_weekday(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6


def _time(value: Any) -> dt.time | None:
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    if not isinstance(value, str):
        return None
    text = value.strip()
    hh, sep, mm = text.partition(":")
    if not sep or not (hh.isascii() and hh.isdigit() and mm.isascii() and mm.isdigit()) or len(mm) != 2:
        return None
    try:
        return dt.time(int(hh), int(mm))
    except ValueError:
        return None


def _whole(kk: str, ru: str, en: str) -> ScheduleError:
    return ScheduleError({"kk": kk, "ru": ru, "en": en})


def _rows(data: Any) -> list[Any] | None:
    """The rows of ``data`` (``None`` when it is around the clock), or ``ScheduleError`` for a
    schedule malformed as a whole."""
    if isinstance(data, WorkingSchedule):
        data = data.to_json()
    if not isinstance(data, Mapping):
        raise _whole(
            "Жұмыс кестесі дұрыс берілмеген.",
            "График работы задан неверно.",
            "The working schedule is malformed.",
        )
    rows = data.get("days") or []
    if not isinstance(rows, list):
        raise _whole("Күндер тізім болуы керек.", "Дни должны быть списком.", "Days must be a list.")
    if bool(data.get("around_the_clock", False)):
        return None
    if not rows:
        raise _whole(
            "Кемінде бір жұмыс күнін белгілеңіз (Үлгі стандарттың 9-тармағы).",
            "Отметьте хотя бы один рабочий день (пункт 9 Типового стандарта).",
            "Mark at least one working day (STD 9).",
        )
    return rows


def _day(index: int, row: Any, seen: set[int]) -> DayHours:
    """One row as the hours of its day, or ``ScheduleError`` naming the row."""
    weekday: Any = row.get("weekday") if isinstance(row, Mapping) else None
    name = _row_name(index, weekday)

    def bad(kk: str, ru: str, en: str) -> ScheduleError:
        return ScheduleError(
            {"kk": f"{name['kk']}: {kk}", "ru": f"{name['ru']}: {ru}", "en": f"{name['en']}: {en}"},
            row=index,
            weekday=weekday if _is_weekday(weekday) else None,
        )

    if not isinstance(row, Mapping):
        raise bad("жол дұрыс емес.", "строка задана неверно.", "the row is malformed.")
    if not _is_weekday(weekday):
        raise bad("апта күні 0-ден 6-ға дейін.", "день недели от 0 до 6.", "the weekday is 0 to 6.")
    if weekday in seen:
        raise bad("бұл күн екі рет берілген.", "этот день указан дважды.", "this day is given twice.")
    seen.add(weekday)
    opens, closes = _time(row.get("opens")), _time(row.get("closes"))
    if opens is None or closes is None:
        raise bad(
            "ашылу және жабылу уақытын СС:ММ түрінде жазыңыз.",
            "укажите время открытия и закрытия в виде ЧЧ:ММ.",
            "give the opening and closing time as HH:MM.",
        )
    if not opens < closes:
        raise bad(
            "ашылу уақыты жабылу уақытынан ерте болуы керек.",
            "время открытия должно быть раньше времени закрытия.",
            "the opening time must be before the closing time.",
        )
    breaks: list[Break] = []
    raw_breaks = row.get("breaks") or []
    if not isinstance(raw_breaks, list):
        raise bad("үзілістер тізім болуы керек.", "перерывы должны быть списком.", "breaks must be a list.")
    if len(raw_breaks) > BREAKS_PER_DAY:
        raise bad(
            f"күніне {BREAKS_PER_DAY} үзілістен артық болмайды.",
            f"не более {BREAKS_PER_DAY} перерывов в день.",
            f"at most {BREAKS_PER_DAY} breaks a day.",
        )
    for raw in raw_breaks:
        start = _time(raw.get("start")) if isinstance(raw, Mapping) else None
        end = _time(raw.get("end")) if isinstance(raw, Mapping) else None
        if start is None or end is None:
            raise bad(
                "үзілістің басы мен соңын СС:ММ түрінде жазыңыз.",
                "укажите начало и конец перерыва в виде ЧЧ:ММ.",
                "give the break's start and end as HH:MM.",
            )
        if not (opens < start < end < closes):
            raise bad(
                "үзіліс жұмыс уақытының ішінде болуы керек.",
                "перерыв должен быть внутри рабочего времени.",
                "the break must lie inside the working hours.",
            )
        if any(start < b.end and b.start < end for b in breaks):
            raise bad("үзілістер бір-бірімен қабаттасады.", "перерывы пересекаются.", "the breaks overlap.")
        breaks.append(Break(start, end))
    return DayHours(
        weekday=weekday, opens=opens, closes=closes, breaks=tuple(sorted(breaks, key=lambda b: b.start))
    )


def schedule_problems(data: Any) -> list[ScheduleError]:
    """Every problem of ``data`` at once: one per bad row (with its row and weekday), or the one
    problem of the whole schedule; ``[]`` when ``schedule_validate`` takes it."""
    try:
        rows = _rows(data)
    except ScheduleError as exc:
        return [exc]
    problems: list[ScheduleError] = []
    seen: set[int] = set()
    for index, row in enumerate(rows or []):
        try:
            _day(index, row, seen)
        except ScheduleError as exc:
            problems.append(exc)
    return problems


def schedule_validate(data: Any) -> WorkingSchedule:
    """The schedule ``data`` describes, or ``ScheduleError`` naming the first bad row: every day
    once, a weekday 0-6, opening before closing, each break inside the day and not overlapping
    another; at least one open day unless around the clock. ``schedule_problems`` names them all."""
    rows = _rows(data)
    if rows is None:
        return AROUND_THE_CLOCK
    seen: set[int] = set()
    days = [_day(index, row, seen) for index, row in enumerate(rows)]
    return WorkingSchedule(days=tuple(sorted(days, key=lambda d: d.weekday)))


def schedule_from_json(data: Any) -> WorkingSchedule | None:
    """A stored schedule, or ``None`` when none is stored (an empty value). Stored values were
    validated on write; one that no longer validates counts as not stored."""
    if not data:
        return None
    try:
        return schedule_validate(data)
    except ScheduleError:
        return None
