"""PSC 4 decided volumes read from monthly aggregates kept current with the cases (ADR 0079).

``decided_volume_rows`` sums ``DecidedVolumeMonth`` for the whole months of the range that a
count made after their end covers and no unswept change touches, and counts every other day
from the applications, so that it always equals the case-by-case count (``decided_cases``).
The writes (rebuild, refresh, change, sweep) are in ``services/volumes.py``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import CharField, Count, DateField, IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import TruncMonth
from django.utils import timezone

from qyzmet.core.aggregates import ids_q, month_end, month_starts
from qyzmet.delivery.enums import RESULT_STATUSES, ApplicationStatus
from qyzmet.delivery.models import Application, DecidedVolumeChange, DecidedVolumeCoverage, DecidedVolumeMonth

Row = tuple[int, str, int | None, int]

# A month's count is trusted when made this long after the month ended: a decision saved just
# before midnight has committed by then (the same grace as ADR 0078).
REBUILD_GRACE = dt.timedelta(minutes=10)


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, timezone.get_current_timezone())


def counted_after_end(month: dt.date, at: dt.datetime) -> bool:
    """Whether a count of ``month`` made at ``at`` holds every decision dated in it."""
    return at >= _local_midnight(month_end(month) + dt.timedelta(days=1)) + REBUILD_GRACE


def decision_day(
    status: str, result_ready_at: dt.datetime | None, closed_at: dt.datetime | None
) -> dt.date | None:
    """The local day an application counts as decided on (PSC 4, ADR 0040): a result by the day
    it was ready, a reasoned refusal by the day it was closed; None when not decided."""
    if status in RESULT_STATUSES:
        at = result_ready_at
    elif status == ApplicationStatus.REFUSED:
        at = closed_at
    else:
        return None
    if at is None:
        return None
    # a naive value assigned before a save is read as local time (as Django stores it), never an error
    return timezone.localdate(timezone.make_aware(at) if timezone.is_naive(at) else at)


def _decided_in(spans: Iterable[tuple[dt.date, dt.date]], *, refusals: bool) -> Q:
    """The applications decided on a day of ``spans`` (inclusive local dates): by the result,
    and with ``refusals`` also by the reasoned refusal. Never matches when there are no spans."""
    results, refused = Q(pk__in=[]), Q(pk__in=[])
    for start, end in spans:
        since, until = _local_midnight(start), _local_midnight(end + dt.timedelta(days=1))
        results |= Q(result_ready_at__gte=since, result_ready_at__lt=until)
        refused |= Q(closed_at__gte=since, closed_at__lt=until)
    decided = Q(status__in=RESULT_STATUSES) & results
    if refusals:
        decided |= Q(status=ApplicationStatus.REFUSED) & refused
    return decided


def decided_cases(
    *,
    start: dt.date,
    end: dt.date,
    service_ids: set[int | None] | None = None,
    provider_ids: set[int | None] | None = None,
) -> tuple[QuerySet[Application, dict[str, Any]], QuerySet[Application, dict[str, Any]]]:
    """The applications decided from ``start`` to ``end`` grouped by month, service, channel and
    provider, one query per kind: ``(results, refusals)``, each row with ``n``. A composite
    application's parent has no service and is not counted (its children are)."""
    keys = Q(service__isnull=False) & ids_q("service", service_ids) & ids_q("provider", provider_ids)
    since, until = _local_midnight(start), _local_midnight(end + dt.timedelta(days=1))

    def grouped(q: Q, field_name: str) -> QuerySet[Application, dict[str, Any]]:
        return (
            Application.objects.filter(q & keys)
            .annotate(month=TruncMonth(field_name, output_field=DateField()))
            .order_by()
            .values("month", "service_id", "channel", "provider_id")
            .annotate(n=Count("pk"))
        )

    return (
        grouped(
            Q(status__in=RESULT_STATUSES, result_ready_at__gte=since, result_ready_at__lt=until),
            "result_ready_at",
        ),
        grouped(Q(status=ApplicationStatus.REFUSED, closed_at__gte=since, closed_at__lt=until), "closed_at"),
    )


def _spans_without(start: dt.date, end: dt.date, months: set[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """The runs of days from ``start`` to ``end`` outside the whole ``months``."""
    spans: list[tuple[dt.date, dt.date]] = []
    day = start
    for month in sorted(months):
        if day < month:
            spans.append((day, month - dt.timedelta(days=1)))
        day = month_end(month) + dt.timedelta(days=1)
    if day <= end:
        spans.append((day, end))
    return spans


def _from_aggregates(
    months: list[dt.date], *, refusals: bool
) -> tuple[set[dt.date], dict[tuple[int, str, int | None], int]]:
    """One query: which of ``months`` are read from the aggregates (covered by a count made
    after their end, with no change waiting for the sweep) and their sums by service, channel
    and provider."""
    changed = DecidedVolumeChange.objects.filter(month__in=months).values("month")
    trusted = DecidedVolumeCoverage.objects.filter(month__in=months).exclude(month__in=changed)
    n = Sum("results") + Sum("refusals") if refusals else Sum("results")
    sums = (
        DecidedVolumeMonth.objects.filter(month__in=trusted.values("month"))
        .order_by()
        .values("service_id", "channel", "provider_id")
        .annotate(n=n, tag=Value(2), at=Value(None, output_field=DateField()))
        .values_list("tag", "at", "service_id", "channel", "provider_id", "n")
    )
    tagged = (
        trusted.order_by()
        .annotate(
            tag=Value(1),
            s=Value(None, output_field=IntegerField()),
            c=Value("", output_field=CharField()),
            p=Value(None, output_field=IntegerField()),
            n=Value(0, output_field=IntegerField()),
        )
        .values_list("tag", "month", "s", "c", "p", "n")
    )
    read: set[dt.date] = set()
    out: dict[tuple[int, str, int | None], int] = {}
    for tag, month, service_id, channel, provider_id, count in tagged.union(sums, all=True):
        if tag == 1:
            read.add(month if isinstance(month, dt.date) else dt.date.fromisoformat(str(month)[:10]))
        elif count:
            out[(service_id, channel, provider_id)] = int(count)
    return read, out


def decided_volume_rows(*, start: dt.date, end: dt.date, count_refusals: bool) -> list[Row]:
    """How many applications were decided from ``start`` to ``end`` (inclusive, local dates),
    as ``(service_id, channel, provider_id, count)`` rows (ADR 0079): the whole months read from
    the aggregates (one query) and every other day counted from the cases (one query, only when
    there are such days). Equal to the case-by-case count (``decided_cases``) always."""
    whole = [m for m in month_starts(start, end) if m >= start and month_end(m) <= end]
    read: set[dt.date] = set()
    totals: dict[tuple[int, str, int | None], int] = {}
    if whole:
        read, totals = _from_aggregates(whole, refusals=count_refusals)
    spans = _spans_without(start, end, read)
    if spans:
        rows = (
            Application.objects.filter(_decided_in(spans, refusals=count_refusals), service__isnull=False)
            .order_by()
            .values_list("service_id", "channel", "provider_id")
            .annotate(n=Count("id"))
        )
        for service_id, channel, provider_id, count in rows:
            key = (service_id, channel, provider_id)
            totals[key] = totals.get(key, 0) + count
    return [(s, c, p, n) for (s, c, p), n in totals.items() if n]
