"""PSC 4 (ADR 0079): the decided volumes read from monthly aggregates kept current with the cases
equal the case-by-case count always: on random data, for whole years and partial ranges,
before any build, after a build, after a correction of an ended month and after the sweep."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from typing import Any

import pytest
import time_machine
from django.db.models import Count, Q

from qyzmet.delivery import jobs
from qyzmet.delivery import selectors_volumes as volumes
from qyzmet.delivery import services as delivery
from qyzmet.delivery.enums import RESULT_STATUSES, ApplicationStatus, Channel
from qyzmet.delivery.models import Application, DecidedVolumeChange, DecidedVolumeCoverage, DecidedVolumeMonth
from qyzmet.delivery.selectors import decided_volume_rows
from qyzmet.delivery.services import volumes as writes
from qyzmet.delivery.tests.factories import ALMATY, make_world, submit
from qyzmet.orgs.tests.factories import OrganisationFactory
from qyzmet.registry.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

D = dt.date
# the day the aggregates are built: 2025 and January-May 2026 have ended, June has not
BUILT_AT = dt.datetime(2026, 6, 20, 12, 0, tzinfo=ALMATY)
_numbers = itertools.count(1)
STATUSES = [
    ApplicationStatus.ISSUED,
    ApplicationStatus.ISSUED,
    ApplicationStatus.RESULT_READY,
    ApplicationStatus.HANDED_OVER,
    ApplicationStatus.REFUSED,
    ApplicationStatus.IN_WORK,
]
CHANNELS = [Channel.PROVIDER, Channel.EGOV_PORTAL, Channel.STATE_CORPORATION]
RANGES = [
    (D(2025, 1, 1), D(2025, 12, 31)),  # a past year: every month from the aggregates
    (D(2026, 1, 1), D(2026, 12, 31)),  # the current year: June on from the cases
    (D(2025, 3, 15), D(2025, 8, 10)),  # partial months at both ends
    (D(2025, 11, 30), D(2026, 2, 1)),  # across the year's end
    (D(2025, 4, 1), D(2025, 4, 30)),  # one month
    (D(2025, 4, 1), D(2025, 4, 1)),  # one day
]


def _case_by_case(*, start: dt.date, end: dt.date, count_refusals: bool) -> list[tuple[Any, ...]]:
    """The count before ADR 0079: the applications decided in the range, grouped."""
    since = dt.datetime.combine(start, dt.time.min, ALMATY)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, ALMATY)
    decided = Q(status__in=RESULT_STATUSES, result_ready_at__gte=since, result_ready_at__lt=until)
    if count_refusals:
        decided |= Q(status=ApplicationStatus.REFUSED, closed_at__gte=since, closed_at__lt=until)
    rows = (
        Application.objects.filter(decided, service__isnull=False)
        .order_by()
        .values_list("service_id", "channel", "provider_id")
        .annotate(n=Count("id"))
    )
    return sorted(rows, key=repr)


def _rows(**kwargs: Any) -> list[tuple[Any, ...]]:
    return sorted(decided_volume_rows(**kwargs), key=repr)


def _all_equal() -> None:
    for (start, end), refusals in itertools.product(RANGES, (False, True)):
        reference = _case_by_case(start=start, end=end, count_refusals=refusals)
        assert _rows(start=start, end=end, count_refusals=refusals) == reference, (start, end, refusals)
    # the comparison is not of empty counts
    assert _case_by_case(start=D(2025, 1, 1), end=D(2025, 12, 31), count_refusals=True)


def _random_cases(rng: random.Random, n: int = 400) -> None:
    """``n`` applications over 2025-2026 of three services at three providers (and none) on
    three channels, in every status, decided at any minute of the day (many close to local
    midnight at a month's end), and composite parents (no service, never counted)."""
    services = [ServiceFactory.create() for _ in range(3)]
    providers = [OrganisationFactory.create() for _ in range(3)] + [None]
    rows = []
    for i in range(n):
        if rng.random() < 0.3:  # the last or first minutes of a month
            month = D(2025 + rng.randint(0, 1), rng.randint(1, 12), 1)
            edge = dt.datetime.combine(month, dt.time.min, ALMATY)
            at = edge + dt.timedelta(minutes=rng.choice([-2, -1, 0, 1, 2]))
        else:
            day = D(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 729))
            at = dt.datetime.combine(day, dt.time(rng.randint(0, 23), rng.randint(0, 59)), ALMATY)
        status = rng.choice(STATUSES)
        rows.append(
            Application(
                number=f"V{next(_numbers):09d}",
                service=None if i % 50 == 0 else rng.choice(services),
                channel=rng.choice(CHANNELS),
                status=status,
                recipient_name="Сынақ",
                provider=rng.choice(providers),
                submitted_at=at - dt.timedelta(days=3),
                registered_on=(at - dt.timedelta(days=3)).date(),
                due_on=at.date(),
                result_ready_at=at if status in RESULT_STATUSES else None,
                closed_at=at if status in (ApplicationStatus.ISSUED, ApplicationStatus.REFUSED) else None,
            )
        )
    Application.objects.bulk_create(rows)  # set-based, as a load: no signals


def test_psc_4_the_volumes_from_the_monthly_aggregates_equal_the_count_from_the_cases(
    django_assert_num_queries: Any,
) -> None:
    _random_cases(random.Random(4))
    _all_equal()  # nothing built: every day from the cases
    written = writes.decided_volume_rebuild(start=D(2025, 1, 1), end=D(2026, 12, 31), now=BUILT_AT)
    assert written == DecidedVolumeMonth.objects.count() > 24
    # only the months that had ended ten minutes before the build are covered
    covered = set(DecidedVolumeCoverage.objects.values_list("month", flat=True))
    assert covered == set(volumes.month_starts(D(2025, 1, 1), D(2026, 5, 1)))
    assert not DecidedVolumeMonth.objects.filter(month__gte=D(2026, 6, 1)).exists()
    _all_equal()
    # a past year is read from the aggregates alone, the current one with the rest from the cases
    with django_assert_num_queries(1):
        decided_volume_rows(start=D(2025, 1, 1), end=D(2025, 12, 31), count_refusals=False)
    with django_assert_num_queries(2):
        decided_volume_rows(start=D(2026, 1, 1), end=D(2026, 12, 31), count_refusals=False)


def _correct(application: Application, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(application, name, value)
    application.save()


def test_psc_4_a_corrected_decision_in_an_ended_month_is_counted_from_the_cases_until_the_sweep() -> None:
    rng = random.Random(44)
    _random_cases(rng)
    writes.decided_volume_rebuild(start=D(2025, 1, 1), end=D(2026, 12, 31), now=BUILT_AT)
    issued = list(
        Application.objects.filter(
            status=ApplicationStatus.ISSUED, service__isnull=False, result_ready_at__year=2025
        ).order_by("pk")[:4]
    )
    other_service = ServiceFactory.create()
    with time_machine.travel(BUILT_AT, tick=False):
        # the result was in fact ready a month later (both months change)
        moved = issued[0]
        assert moved.result_ready_at is not None
        _correct(moved, result_ready_at=moved.result_ready_at + dt.timedelta(days=31))
        # entered for the wrong service, the wrong channel; a refusal recorded by mistake
        _correct(issued[1], service=other_service)
        _correct(
            issued[2], channel=Channel.MOBILE if issued[2].channel != Channel.MOBILE else Channel.PROVIDER
        )
        issued[3].delete()
        refused = Application.objects.filter(status=ApplicationStatus.REFUSED, closed_at__year=2025).first()
        assert refused is not None
        _correct(refused, status=ApplicationStatus.IN_WORK, closed_at=None)
    assert DecidedVolumeChange.objects.count() == 7  # moved twice, the service twice, three once
    _all_equal()  # the changed months are counted from the cases
    assert writes.decided_volume_sweep(now=BUILT_AT) > 0
    assert not DecidedVolumeChange.objects.exists()
    _all_equal()
    for (start, end), refusals in itertools.product(RANGES[:1], (False, True)):
        assert _rows(start=start, end=end, count_refusals=refusals)  # read from the aggregates again


def test_psc_4_a_decision_made_now_records_no_change_and_adds_no_statement() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    w = make_world()
    writes.decided_volume_rebuild(start=D(2026, 1, 1), end=D(2026, 12, 31), now=BUILT_AT)
    received = dt.datetime(2026, 11, 27, 10, 0, tzinfo=ALMATY)
    with CaptureQueriesContext(connection) as ctx:
        with time_machine.travel(received, tick=False):
            application = submit(w, received_at=received)
            application = delivery.application_result_ready(
                actor=w.officer, application=application, result_summary_ru="ok"
            )
        # issued in December: the decision (the day the result was ready, 27.11) does not change
        with time_machine.travel(dt.datetime(2026, 12, 2, 10, 0, tzinfo=ALMATY), tick=False):
            application = delivery.application_issue(actor=w.officer, application=application)
    assert application.status == ApplicationStatus.ISSUED
    assert not [q for q in ctx.captured_queries if "decidedvolume" in q["sql"].lower()]
    assert not DecidedVolumeChange.objects.exists()
    rows = decided_volume_rows(start=D(2026, 11, 1), end=D(2026, 11, 30), count_refusals=False)
    assert rows == [(w.service.pk, Channel.PROVIDER, w.provider.pk, 1)]
    # the same result corrected to 30.10 (an ended month) is recorded
    with time_machine.travel(dt.datetime(2026, 12, 2, 11, 0, tzinfo=ALMATY), tick=False):
        _correct(application, result_ready_at=dt.datetime(2026, 10, 30, 10, 0, tzinfo=ALMATY))
    assert sorted(DecidedVolumeChange.objects.values_list("month", flat=True)) == [
        D(2026, 10, 1),
        D(2026, 11, 1),
    ]


def test_psc_4_a_month_is_built_only_after_it_has_ended() -> None:
    _random_cases(random.Random(7), n=60)
    # ten minutes are a grace: a decision saved just before midnight has committed by then
    assert (
        writes.decided_volume_rebuild(
            start=D(2026, 5, 1), end=D(2026, 5, 31), now=dt.datetime(2026, 6, 1, 0, 9, tzinfo=ALMATY)
        )
        == 0
    )
    assert not DecidedVolumeCoverage.objects.exists()
    writes.decided_volume_rebuild(
        start=D(2026, 5, 1), end=D(2026, 6, 30), now=dt.datetime(2026, 6, 1, 0, 10, tzinfo=ALMATY)
    )
    assert list(DecidedVolumeCoverage.objects.values_list("month", flat=True)) == [D(2026, 5, 1)]
    assert not writes.decided_volume_changed(
        on=D(2026, 6, 1), service_id=1, provider_id=None, today=D(2026, 6, 1)
    )
    assert not writes.decided_volume_changed(
        on=D(2026, 5, 31), service_id=None, provider_id=None, today=D(2026, 6, 1)
    )


def test_psc_4_the_sweep_builds_the_month_just_ended_once_and_is_a_worker_job() -> None:
    assert ("delivery.refresh_decided_volumes", 60) in [(n, i) for n, i, _f in jobs.JOBS]
    _random_cases(random.Random(8))
    # just after midnight: within the grace, the month is not built yet
    assert writes.decided_volume_sweep(now=dt.datetime(2026, 6, 1, 0, 5, tzinfo=ALMATY)) == 0
    assert not DecidedVolumeCoverage.objects.exists()
    later = dt.datetime(2026, 6, 1, 0, 11, tzinfo=ALMATY)
    assert writes.decided_volume_sweep(now=later) > 0
    assert list(DecidedVolumeCoverage.objects.values_list("month", "refreshed_at")) == [
        (D(2026, 5, 1), later)
    ]
    assert writes.decided_volume_sweep(now=later + dt.timedelta(minutes=1)) == 0  # once
    _all_equal()
