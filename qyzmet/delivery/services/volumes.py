"""The monthly decided volumes of the PSC selection (ADR 0079): built set-based for the months
that have ended, noted as changed in the transaction of a correction, folded in by the sweep.
The reads are in ``selectors_volumes.py``."""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction
from django.utils import timezone

from qyzmet.core.aggregates import writers_serialised
from qyzmet.delivery import selectors_volumes as volumes
from qyzmet.delivery.models import DecidedVolumeChange, DecidedVolumeCoverage, DecidedVolumeMonth

AGGREGATE_LOCK = 790079  # pg_advisory_xact_lock key: one writer of the decided volumes at a time


def _locked() -> None:
    writers_serialised(AGGREGATE_LOCK)


def _aggregate_insert(
    *,
    start: dt.date,
    end: dt.date,
    service_ids: set[int | None] | None,
    provider_ids: set[int | None] | None,
    now: dt.datetime,
) -> int:
    """Insert the ``DecidedVolumeMonth`` rows of the months ``start``..``end`` (of the keys
    given), counted from the cases set-based: one ``INSERT ... SELECT`` of the grouped query per
    kind (results, refusals). Returns the rows inserted."""
    results, refusals = volumes.decided_cases(
        start=start, end=end, service_ids=service_ids, provider_ids=provider_ids
    )
    table = connection.ops.quote_name(DecidedVolumeMonth._meta.db_table)
    columns = "created_at, updated_at, month, service_id, channel, provider_id, results, refusals"
    picked = 'g."month", g."service_id", g."channel", g."provider_id"'
    inserted = 0
    with connection.cursor() as cursor:
        for grouped, counts in ((results, 'g."n", 0'), (refusals, '0, g."n"')):
            sql, params = grouped.query.sql_with_params()
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT %s, %s, {picked}, {counts} FROM ({sql}) g",
                [now, now, *params],
            )
            inserted += cursor.rowcount
    return inserted


@transaction.atomic
def decided_volume_rebuild(*, start: dt.date, end: dt.date, now: dt.datetime | None = None) -> int:
    """Count again from the cases every month from ``start``'s to ``end``'s that ended at least
    the grace before ``now`` and replace its aggregate rows (installation, a correction of old
    data, the month just ended): one grouped ``INSERT ... SELECT`` per kind over the whole
    range, the months marked covered and the changes recorded for them before the count
    removed. A month not yet ended is skipped (it is always counted from the cases). Returns
    the number of rows written."""
    now = now or timezone.now()
    months = [m for m in volumes.month_starts(start, end) if volumes.counted_after_end(m, now)]
    if not months:
        return 0
    _locked()
    first, last = months[0], volumes.month_end(months[-1])
    # the changes recorded before the count are in it; those made during it stay for the sweep
    folded = list(
        DecidedVolumeChange.objects.filter(month__gte=first, month__lte=last).values_list("pk", flat=True)
    )
    DecidedVolumeMonth.objects.filter(month__gte=first, month__lte=last).delete()
    written = _aggregate_insert(start=first, end=last, service_ids=None, provider_ids=None, now=now)
    DecidedVolumeChange.objects.filter(pk__in=folded).delete()
    for month in months:
        DecidedVolumeCoverage.objects.update_or_create(month=month, defaults={"refreshed_at": now})
    return written


@transaction.atomic
def decided_volume_refresh(
    *,
    month: dt.date,
    service_ids: set[int | None],
    provider_ids: set[int | None],
    now: dt.datetime | None = None,
) -> int:
    """Count one month again for the services and providers given (every pair of them) and
    replace those rows only: what a correction touched."""
    now = now or timezone.now()
    _locked()
    first = month.replace(day=1)
    last = volumes.month_end(first)
    DecidedVolumeMonth.objects.filter(month=first).filter(
        volumes.ids_q("service", service_ids) & volumes.ids_q("provider", provider_ids)
    ).delete()
    return _aggregate_insert(
        start=first, end=last, service_ids=service_ids, provider_ids=provider_ids, now=now
    )


def decided_volume_changed(
    *, on: dt.date | None, service_id: int | None, provider_id: int | None, today: dt.date | None = None
) -> bool:
    """A decision dated ``on`` of a service at a provider changed (or was deleted): when its
    month has ended, record the change (one row, in the caller's transaction) so that the
    month is counted from the cases until the sweep has counted it again. A month not yet
    ended is always counted from the cases, and an application without a service is never
    counted: nothing to record. Returns whether a row was written."""
    today = today or timezone.localdate()
    if on is None or service_id is None or on >= today.replace(day=1):
        return False
    DecidedVolumeChange.objects.create(
        month=on.replace(day=1), service_id=service_id, provider_id=provider_id
    )
    return True


def decided_volume_sweep(*, now: dt.datetime | None = None, limit: int = 20000) -> int:
    """The worker's sweep (every minute): count again the keys the recorded changes touched and
    remove those change rows, month by month; then rebuild the month just ended once its grace
    has passed, if no count made after its end covers it. Older months are built by
    ``decided_volume_rebuild``. Returns the number of aggregate rows written."""
    now = now or timezone.now()
    written = 0
    changes = list(
        DecidedVolumeChange.objects.order_by("id").values_list("id", "month", "service_id", "provider_id")[
            :limit
        ]
    )
    by_month: dict[dt.date, list[tuple[int, int | None, int | None]]] = {}
    for pk, month, service_id, provider_id in changes:
        by_month.setdefault(month, []).append((pk, service_id, provider_id))
    for month, items in sorted(by_month.items()):
        with transaction.atomic():
            # under the lock: a rebuild that has counted this month but not yet committed its
            # coverage would otherwise leave the month covered without this change
            _locked()
            if DecidedVolumeCoverage.objects.filter(month=month).exists():
                written += decided_volume_refresh(
                    month=month,
                    service_ids={s for _, s, _ in items},
                    provider_ids={p for _, _, p in items},
                    now=now,
                )
            # a month never built is counted from the cases anyway: nothing to fold into
            DecidedVolumeChange.objects.filter(pk__in=[pk for pk, _, _ in items]).delete()
    just_ended = (timezone.localdate(now).replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    covered = DecidedVolumeCoverage.objects.filter(month=just_ended).exists()
    if not covered and volumes.counted_after_end(just_ended, now):
        written += decided_volume_rebuild(start=just_ended, end=just_ended, now=now)
    return written
