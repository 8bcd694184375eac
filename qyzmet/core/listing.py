"""Staff lists (worklists, complaint workspaces, registers): the period, the sort order and
the page a query string asks for, shared by every app.

- A period is two dates, ``period_from`` and ``period_to``; both days are in it. That is our
  rule (the product's, not a law's): a person who asks for "1 to 31 March" means the 31st too,
  as the complaint statistics period (``complaint_list_for_period``) already counts it.
- A selector names the columns it sorts by in a whitelist (``SortFields``); ``sort_order``
  refuses any other with :class:`~qyzmet.core.errors.UnknownSort`.
- A page holds ``PAGE_SIZE`` rows; junk page numbers give the nearest real page.
- ``staff_list`` runs a selector with the filters of a valid form and the sort asked for; a bad
  filter value or an unknown sort gives a message in the user's language and the list without
  it, never a server error (ADR 0012).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from qyzmet.core.errors import UnknownSort

PAGE_SIZE = 25

# Column key (as sent in ``?sort=``) -> the fields the list is ordered by for it, ascending.
SortFields = Mapping[str, Sequence[str]]


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both days included; either end may be open (None)."""

    start: dt.date | None = None
    end: dt.date | None = None

    def q(self, field_name: str) -> Q:
        """The filter keeping rows whose ``field_name`` (a date) falls in the period."""
        q = Q()
        if self.start is not None:
            q &= Q(**{f"{field_name}__gte": self.start})
        if self.end is not None:
            q &= Q(**{f"{field_name}__lte": self.end})
        return q


def period_presets(*, today: dt.date) -> list[tuple[str, Period]]:
    """The quick choices offered next to a period: this month, last month, this year."""
    this_month = today.replace(day=1)
    last_month_end = this_month - dt.timedelta(days=1)
    next_month = (this_month + dt.timedelta(days=32)).replace(day=1)
    return [
        (str(_("This month")), Period(this_month, next_month - dt.timedelta(days=1))),
        (str(_("Last month")), Period(last_month_end.replace(day=1), last_month_end)),
        (str(_("This year")), Period(today.replace(month=1, day=1), today.replace(month=12, day=31))),
    ]


def sort_order(sort: str, *, fields: SortFields, default: str) -> tuple[str, list[str]]:
    """The accepted sort key (``"field"`` ascending, ``"-field"`` descending; empty: ``default``)
    and the ``order_by`` arguments for it. A key outside ``fields`` raises ``UnknownSort``."""
    key = (sort or "").strip() or default
    name = key.removeprefix("-")
    if name not in fields:
        raise UnknownSort(key)
    descending = key.startswith("-")

    def flip(f: str) -> str:
        if not descending:
            return f
        return f.removeprefix("-") if f.startswith("-") else f"-{f}"

    return key, [flip(f) for f in fields[name]]


def list_page(items: QuerySet[Any] | Sequence[Any], number: str | None, *, size: int = PAGE_SIZE) -> Page:
    """The page ``number`` of ``items`` (the first for junk, the last past the end)."""
    return Paginator(items, size).get_page(number)


class PickerSelect(forms.Select):
    """A ``<select data-picker>``: a searchable list (the page script turns it into one)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"data-picker": "", "class": "govuk-select", **(attrs or {})})


def _lang() -> str:
    return "ru" if (get_language() or "kk").startswith("ru") else "kk"


class ServiceChoiceField(forms.ModelChoiceField):
    """A service chosen by its code and name in the page's language."""

    widget = PickerSelect

    def label_from_instance(self, obj: Any) -> str:
        name = obj.name_ru if _lang() == "ru" else obj.name_kk
        return f"{obj.code} {name}"


class OrganisationChoiceField(forms.ModelChoiceField):
    """A body chosen by its name in the page's language."""

    widget = PickerSelect

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name(_lang()))


_DATE_INVALID = _("Enter a real date, for example 2026-03-31.")
_CHOICE_INVALID = _("Choose one of the list.")


def filter_choice(label: Any, choices: Sequence[tuple[str, Any]]) -> forms.ChoiceField:
    """A list filter over an enum's values, "all" first (not required)."""
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[("", _("all")), *choices],
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )


class ListFilterForm(forms.Form):
    """The filters of a staff list; a field left empty filters nothing. ``filters()`` gives
    the selector's keyword arguments."""

    has_period = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            f.error_messages["invalid_choice"] = _CHOICE_INVALID

    def filters(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "", [])}


class PeriodFilterForm(ListFilterForm):
    """The filters of a staff list with a period (``period_from``, ``period_to``); subclasses
    add their own choices."""

    has_period = True
    period_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}),
        error_messages={"invalid": _DATE_INVALID},
    )
    period_to = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}),
        error_messages={"invalid": _DATE_INVALID},
    )
    # The selector's keyword argument the period goes to.
    period_argument = "period"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and start > end:
            self.add_error("period_to", _("The end of the period is before its start."))
        return data

    def filters(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        start, end = data.pop("period_from", None), data.pop("period_to", None)
        out: dict[str, Any] = {k: v for k, v in data.items() if v not in (None, "", [])}
        if start or end:
            out[self.period_argument] = Period(start, end)
        return out


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: an ellipsis
    query: str = ""
    current: bool = False


@dataclass
class StaffList:
    """What a list page shows: the page of rows, the filter form, the accepted sort, the
    problems with the query (messages in the user's language) and links that keep the query."""

    page: Page
    form: ListFilterForm
    sort: str
    params: QueryDict
    presets: list[tuple[str, str]] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (field id or "", message)

    def query(self, **changes: str) -> str:
        params = self.params.copy()
        params.pop("page", None)
        for key, value in changes.items():
            params[key] = value
        return params.urlencode()

    def page_query(self, number: int) -> str:
        return self.query(page=str(number))

    @property
    def previous_query(self) -> str:
        return self.page_query(self.page.previous_page_number()) if self.page.has_previous() else ""

    @property
    def next_query(self) -> str:
        return self.page_query(self.page.next_page_number()) if self.page.has_next() else ""

    def page_links(self) -> Iterator[PageLink]:
        paginator = self.page.paginator
        for n in paginator.get_elided_page_range(self.page.number, on_each_side=1, on_ends=1):
            if isinstance(n, int):
                yield PageLink(n, self.page_query(n), n == self.page.number)
            else:
                yield PageLink(None)


def staff_list(
    *,
    params: QueryDict,
    form_class: type[ListFilterForm],
    rows: Callable[..., QuerySet[Any]],
    today: dt.date,
    default_sort: str,
    form_kwargs: Mapping[str, Any] | None = None,
    size: int = PAGE_SIZE,
) -> StaffList:
    """Run ``rows`` (a selector taking the form's filters and ``sort=``) for the query string;
    ``default_sort`` is the selector's own order (marked on its column header).
    A bad filter value drops every filter, an unknown sort drops the sort; each is told."""
    # ids of their own ("filter-status"): the page may hold another form with the same fields
    form = form_class(params, auto_id="filter-%s", **(form_kwargs or {}))
    problems: list[tuple[str, str]] = []
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters = form.filters()
    else:
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            for error in errors:
                problems.append((form[name].id_for_label if name in form.fields else "", f"{label}: {error}"))
        problems.append(("", str(_("The list is shown without filters."))))
    sort = params.get("sort", "")
    try:
        qs = rows(**filters, sort=sort)
    except UnknownSort as exc:
        problems.append(("", exc.message_for()))
        sort = ""
        qs = rows(**filters, sort=sort)
    accepted = sort or default_sort
    presets = []
    for label, period in period_presets(today=today):
        p = params.copy()
        p.pop("page", None)
        p["period_from"] = f"{period.start:%Y-%m-%d}"
        p["period_to"] = f"{period.end:%Y-%m-%d}"
        presets.append((label, p.urlencode()))
    return StaffList(
        page=list_page(qs, params.get("page"), size=size),
        form=form,
        sort=accepted,
        params=params,
        presets=presets,
        problems=problems,
    )


def paged_list(*, params: QueryDict, items: QuerySet[Any], size: int = PAGE_SIZE) -> StaffList:
    """A list with pages only (no filters, its own order), e.g. a log."""
    form = ListFilterForm(params)
    form.is_valid()
    return StaffList(page=list_page(items, params.get("page"), size=size), form=form, sort="", params=params)
