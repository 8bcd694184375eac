"""Form fields for a working schedule (STD 9): per weekday an "open" checkbox, opening and
closing times and up to ``BREAKS_PER_DAY`` breaks; plus "around the clock". Input shape only: the JSON they give is
validated by the owning app's service (``schedule_validate``), which names the bad row.

A form adds the fields of one schedule with ``add_schedule_fields(form, prefix)``, reads its
initial values with ``schedule_initial(prefix, data)`` and the JSON back with
``schedule_from_cleaned(prefix, cleaned_data)``; templates loop over ``schedule_rows``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from qyzmet.workcalendar.schedule import BREAKS_PER_DAY, schedule_from_json

WEEKDAY_LABELS = (
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
)
_TIME = {"type": "time", "step": "60"}


def _time_field(label: Any) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        input_formats=["%H:%M", "%H.%M"],
        widget=forms.TimeInput(_TIME, format="%H:%M"),
    )


def schedule_fields(prefix: str, *, around_the_clock: bool = True) -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    if around_the_clock:
        fields[f"{prefix}_around"] = forms.BooleanField(label=_("Around the clock"), required=False)
    for weekday, name in enumerate(WEEKDAY_LABELS):
        fields[f"{prefix}_{weekday}_open"] = forms.BooleanField(label=name, required=False)
        fields[f"{prefix}_{weekday}_opens"] = _time_field(_("Opens"))
        fields[f"{prefix}_{weekday}_closes"] = _time_field(_("Closes"))
        for slot in range(BREAKS_PER_DAY):
            fields[_break_name(prefix, weekday, slot, "start")] = _time_field(_("Break from"))
            fields[_break_name(prefix, weekday, slot, "end")] = _time_field(_("Break until"))
    return fields


def _break_name(prefix: str, weekday: int, slot: int, end: str) -> str:
    """The first break keeps its old name (``..._break_start``); the next are ``..._break2_start``."""
    return f"{prefix}_{weekday}_break{slot + 1 if slot else ''}_{end}"


def add_schedule_fields(form: forms.BaseForm, prefix: str, *, around_the_clock: bool = True) -> None:
    form.fields.update(schedule_fields(prefix, around_the_clock=around_the_clock))


def schedule_initial(prefix: str, data: Any) -> dict[str, Any]:
    """Initial values of the fields from a stored schedule (nothing ticked for an empty one)."""
    schedule = schedule_from_json(data)
    if schedule is None:
        return {}
    initial: dict[str, Any] = {f"{prefix}_around": schedule.around_the_clock}
    for day in schedule.days:
        initial[f"{prefix}_{day.weekday}_open"] = True
        initial[f"{prefix}_{day.weekday}_opens"] = day.opens
        initial[f"{prefix}_{day.weekday}_closes"] = day.closes
        for slot, pause in enumerate(sorted(day.breaks, key=lambda b: b.start)):
            initial[_break_name(prefix, day.weekday, slot, "start")] = pause.start
            initial[_break_name(prefix, day.weekday, slot, "end")] = pause.end
    return initial


def _hhmm(value: dt.time | None) -> str:
    return value.strftime("%H:%M") if value is not None else ""


def schedule_from_cleaned(prefix: str, cleaned: dict[str, Any]) -> dict[str, Any]:
    """The JSON the ticked rows describe (``{}`` when nothing is ticked). An empty time stays an
    empty string so that the service names the row."""
    if cleaned.get(f"{prefix}_around"):
        return {"around_the_clock": True, "days": []}
    days = []
    for weekday in range(7):
        if not cleaned.get(f"{prefix}_{weekday}_open"):
            continue
        row: dict[str, Any] = {
            "weekday": weekday,
            "opens": _hhmm(cleaned.get(f"{prefix}_{weekday}_opens")),
            "closes": _hhmm(cleaned.get(f"{prefix}_{weekday}_closes")),
            "breaks": [],
        }
        for slot in range(BREAKS_PER_DAY):
            start = cleaned.get(_break_name(prefix, weekday, slot, "start"))
            end = cleaned.get(_break_name(prefix, weekday, slot, "end"))
            if start is not None or end is not None:
                row["breaks"].append({"start": _hhmm(start), "end": _hhmm(end)})
        days.append(row)
    if not days:
        return {}
    return {"around_the_clock": False, "days": days}


def pop_schedule(prefix: str, cleaned: dict[str, Any]) -> dict[str, Any]:
    """``schedule_from_cleaned`` and remove the fields from ``cleaned``."""
    value = schedule_from_cleaned(prefix, cleaned)
    for name in [k for k in cleaned if k.startswith(f"{prefix}_")]:
        cleaned.pop(name)
    return value


@dataclass(frozen=True)
class ScheduleRow:
    label: Any
    open: forms.BoundField
    opens: forms.BoundField
    closes: forms.BoundField
    breaks: tuple[tuple[forms.BoundField, forms.BoundField], ...]


def schedule_rows(form: forms.BaseForm, prefix: str) -> list[ScheduleRow]:
    return [
        ScheduleRow(
            label=WEEKDAY_LABELS[w],
            open=form[f"{prefix}_{w}_open"],
            opens=form[f"{prefix}_{w}_opens"],
            closes=form[f"{prefix}_{w}_closes"],
            breaks=tuple(
                (form[_break_name(prefix, w, slot, "start")], form[_break_name(prefix, w, slot, "end")])
                for slot in range(BREAKS_PER_DAY)
            ),
        )
        for w in range(7)
    ]
