"""ADR 0078: the indicators page reads monthly aggregates kept current with the cases, and
every figure it shows equals the case-by-case count (``compute_indicator_table`` and
``indicator_series``): over a year of cases, after a case of an ended month changes, after the
sweep, for a month still open, and with the aggregates missing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine

from qyzmet.core.errors import AccessDenied
from qyzmet.delivery import services as delivery
from qyzmet.delivery.enums import ApplicationStatus, Channel
from qyzmet.delivery.models import Application
from qyzmet.delivery.tests.factories import ALMATY, World, submit
from qyzmet.quality import jobs, selectors, services
from qyzmet.quality.enums import CaseKind
from qyzmet.quality.models import IndicatorMonth, IndicatorMonthChange, IndicatorMonthCoverage
from qyzmet.quality.tests.factories import (
    answer_make,
    application_make,
    inspector,
    local,
    make_world,
    officer,
)
from qyzmet.registry.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

YEAR_START, YEAR_END = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
TODAY = dt.date(2027, 1, 20)
NOW = dt.datetime(2027, 1, 20, 12, 0, tzinfo=ALMATY)
ISSUED, REFUSED, OPEN = ApplicationStatus.ISSUED, ApplicationStatus.REFUSED, ApplicationStatus.IN_WORK


def _at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=ALMATY)


@pytest.fixture
def year() -> tuple[World, World, Any]:
    """2026 at two providers and three services: in every month an application on time, one
    late, a refusal, one never decided (late once its term ran out) and survey answers about
    services and complaints (some questions left blank); State Corporation cases handed over
    in time and kept at the provider; an answer with no service or provider."""
    w, w2 = make_world(), make_world()
    other = ServiceFactory.create(responsible_body=w.provider)
    for m in range(1, 13):
        due = dt.date(2026, m, 10)
        application_make(w, due_on=due, decided_at=local(2026, m, 9))
        application_make(w, due_on=due, decided_at=local(2026, m, 12))
        application_make(w, due_on=due, status=REFUSED, decided_at=local(2026, m, 10, 23, 30))
        application_make(w, due_on=dt.date(2026, m, 20), status=OPEN)
        application_make(w2, due_on=dt.date(2026, m, 3), decided_at=local(2026, m, 2 + m % 3))
        if m % 2:
            application_make(w, service=other, due_on=due, decided_at=local(2026, m, 11))
        answer_make(case_date=due, service=w.service, provider=w.provider, process=5, information=2)
        answer_make(case_date=due, service=w.service, provider=w.provider, process=3, politeness=4)
        answer_make(case_date=due, service=w2.service, provider=w2.provider, information=4, politeness=1)
        answer_make(
            case_kind=CaseKind.COMPLAINT,
            case_date=due,
            service=w.service,
            provider=w.provider,
            complaint_procedure=4 + m % 2,
        )
    answer_make(case_date=dt.date(2026, 7, 7), service=None, provider=None, politeness=5)
    # the State Corporation: received on 23.11.2026, one handed over in time, one kept
    handed = delivery.application_result_ready(
        actor=w.officer, application=submit(w, channel=Channel.STATE_CORPORATION), result_summary_ru="ok"
    )
    assert handed.handover_due_on is not None
    with time_machine.travel(_at(handed.handover_due_on), tick=False):
        delivery.application_hand_over(actor=w.officer, application=handed)
    delivery.application_result_ready(
        actor=w.officer, application=submit(w, channel=Channel.STATE_CORPORATION), result_summary_ru="ok"
    )
    return w, w2, other


def _figures(figures: dict[str, selectors.Figure]) -> dict[str, tuple[int, int]]:
    return {code: (f.numerator, f.denominator) for code, f in sorted(figures.items())}


def _table(table: selectors.IndicatorTable) -> list[Any]:
    rows = [
        (
            r.service.pk if r.service else None,
            r.provider.pk if r.provider else None,
            _figures(r.figures),
            r.norms,
            r.targets,
        )
        for r in table.rows
    ]
    return [rows, _figures(table.total.figures), table.norms, table.total.targets, table.target_year]


def _series(series: list[selectors.SeriesPoint]) -> list[Any]:
    return [(p.month, _figures(p.figures)) for p in series]


def _both(
    user: Any,
    *,
    start: dt.date = YEAR_START,
    end: dt.date = YEAR_END,
    chart_start: dt.date | None = None,
    today: dt.date = TODAY,
    **narrow: Any,
) -> tuple[list[Any], list[Any]]:
    """The page from the aggregates and the same page counted case by case."""
    chart_start = chart_start or start
    table, series = selectors.indicator_page(
        user=user, start=start, end=end, chart_start=chart_start, today=today, **narrow
    )
    scope = selectors.quality_scope(user=user)
    reference = selectors.compute_indicator_table(start=start, end=end, scope=scope, today=today, **narrow)
    reference_series = selectors.indicator_series(
        user=user, start=chart_start, end=end, today=today, **narrow
    )
    assert _table(
        selectors.indicator_table(user=user, start=start, end=end, today=today, **narrow)
    ) == _table(table)
    return [_table(table), _series(series)], [_table(reference), _series(reference_series)]


def _pages_equal(w: World, w2: World, other: Any, *, today: dt.date = TODAY) -> None:
    quality = inspector()
    cases = [
        {},
        {"service": w.service},
        {"service": other},
        {"provider": w2.provider},
        {"start": dt.date(2026, 6, 1), "end": dt.date(2026, 6, 30), "chart_start": dt.date(2025, 7, 1)},
    ]
    for narrow in cases:
        page, reference = _both(quality, today=today, **narrow)
        assert page == reference, narrow
        assert page[0][1], narrow  # the total has figures: the comparison is not of empty tables
    page, reference = _both(officer(w.provider), today=today)  # a provider's own scope
    assert page == reference


def test_std_appendix_the_yearly_page_from_aggregates_equals_the_case_by_case_count(year) -> None:
    w, w2, other = year
    written = services.indicator_month_rebuild(start=YEAR_START, end=YEAR_END, now=NOW)
    assert written == IndicatorMonth.objects.count() > 24
    # every month of 2026 ended and was rebuilt after its end: none is counted from the cases
    assert selectors.counted_months(start=YEAR_START, end=YEAR_END, today=TODAY) == set()
    _pages_equal(w, w2, other)


def test_std_appendix_after_a_case_of_an_ended_month_changes_the_page_still_equals_the_case_by_case_count(
    year,
) -> None:
    w, w2, other = year
    services.indicator_month_rebuild(start=YEAR_START, end=YEAR_END, now=NOW)
    late = Application.objects.get(service=w.service, due_on=dt.date(2026, 3, 20))
    with time_machine.travel(NOW, tick=False):
        # a result that arrives ten months late, and a survey answered late about May
        late.status, late.closed_at = ISSUED, NOW
        late.save()
        answer_make(case_date=dt.date(2026, 5, 10), service=w.service, provider=w.provider, process=1)
    assert IndicatorMonthChange.objects.count() == 2
    months = selectors.counted_months(start=YEAR_START, end=YEAR_END, today=TODAY)
    assert months == {dt.date(2026, 3, 1), dt.date(2026, 5, 1)}  # counted from the cases until swept
    _pages_equal(w, w2, other)
    assert services.indicator_month_sweep(now=NOW) > 0
    assert not IndicatorMonthChange.objects.exists()
    assert selectors.counted_months(start=YEAR_START, end=YEAR_END, today=TODAY) == set()
    _pages_equal(w, w2, other)


def test_std_appendix_a_month_not_yet_ended_and_missing_aggregates_are_counted_from_the_cases(year) -> None:
    w, w2, other = year
    # no aggregates at all: every month is counted from the cases
    assert selectors.counted_months(start=YEAR_START, end=YEAR_END, today=TODAY) == set(
        selectors.month_starts(YEAR_START, YEAR_END)
    )
    _pages_equal(w, w2, other)
    # built on 26.11.2026: November (not ended) and December (not built) are counted from the
    # cases, and the answer for a pending case whose term is still ahead depends on the day
    services.indicator_month_rebuild(start=YEAR_START, end=YEAR_END, now=_at(dt.date(2026, 11, 26)))
    nov, dec = dt.date(2026, 11, 1), dt.date(2026, 12, 1)
    assert selectors.counted_months(start=YEAR_START, end=YEAR_END, today=dt.date(2026, 11, 26)) == {nov, dec}
    _pages_equal(w, w2, other, today=dt.date(2026, 11, 26))
    # a pending case of a settled month whose term is on or after today: counted from the cases
    row = IndicatorMonth.objects.filter(month=dt.date(2026, 4, 1), pending__gt=0).first()
    assert row is not None
    row.pending_term_last = dt.date(2026, 11, 26)
    row.save()
    assert dt.date(2026, 4, 1) in selectors.counted_months(
        start=YEAR_START, end=YEAR_END, today=dt.date(2026, 11, 26)
    )


def test_std_appendix_the_sweep_rebuilds_the_month_just_ended_once_and_is_a_worker_job(year) -> None:
    assert ("quality.refresh_indicator_months", 60) in [(n, i) for n, i, _f in jobs.JOBS]
    services.indicator_month_rebuild(start=YEAR_START, end=YEAR_END, now=_at(dt.date(2026, 11, 26)))
    # just after midnight: within the grace, the month is not rebuilt yet
    services.indicator_month_sweep(now=dt.datetime(2026, 12, 1, 0, 5, tzinfo=ALMATY))
    nov = IndicatorMonthCoverage.objects.get(month=dt.date(2026, 11, 1))
    assert not selectors.rebuilt_after_end(nov.month, nov.refreshed_at)
    later = dt.datetime(2026, 12, 1, 0, 11, tzinfo=ALMATY)
    assert services.indicator_month_sweep(now=later) > 0
    nov.refresh_from_db()
    assert nov.refreshed_at == later and selectors.rebuilt_after_end(nov.month, nov.refreshed_at)
    assert services.indicator_month_sweep(now=later + dt.timedelta(minutes=1)) == 0  # once


def test_std_appendix_a_new_application_records_no_change_and_an_ended_month_s_case_does(year) -> None:
    w, _w2, _other = year
    IndicatorMonthChange.objects.all().delete()
    with time_machine.travel(_at(dt.date(2026, 11, 23)), tick=False):
        submit(w)  # due in a month not yet ended: counted from the cases, nothing recorded
    assert not IndicatorMonthChange.objects.exists()
    with time_machine.travel(NOW, tick=False):
        assert not services.indicator_month_changed(on=TODAY, service_id=w.service.pk, provider_id=None)
        assert services.indicator_month_changed(
            on=dt.date(2026, 12, 31), service_id=w.service.pk, provider_id=w.provider.pk
        )
    assert list(IndicatorMonthChange.objects.values_list("month", flat=True)) == [dt.date(2026, 12, 1)]


def test_std_19_the_page_from_aggregates_is_for_inspectors_and_providers_only(year) -> None:
    from qyzmet.orgs.tests.factories import UserFactory

    with pytest.raises(AccessDenied):
        selectors.indicator_page(
            user=UserFactory.create(), start=YEAR_START, end=YEAR_END, chart_start=YEAR_START, today=TODAY
        )


def test_adr_0078_postgresql_sessions_run_without_jit_and_other_engines_are_left_alone() -> None:
    from django.db import connection

    from config.env import postgres_without_jit

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
    timed = {"ENGINE": "django.db.backends.postgresql", "OPTIONS": {"options": "-c lock_timeout=3000"}}
    assert postgres_without_jit(timed)["OPTIONS"] == {"options": "-c lock_timeout=3000 -c jit=off"}
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": "x"}
    assert postgres_without_jit(sqlite) == sqlite


# --- the month in progress (ADR 0078): built in part, the rest counted from the cases -------

NOW_DEC = dt.datetime(2026, 12, 15, 12, 0, tzinfo=ALMATY)
TODAY_DEC = NOW_DEC.date()
DEC = dt.date(2026, 12, 1)


def _december(w: World) -> dict[str, Application]:
    """December 2026 cases entered under a frozen clock, three days before ``NOW_DEC``."""
    with time_machine.travel(NOW_DEC - dt.timedelta(days=3), tick=False):
        out = {
            "settled": application_make(w, due_on=dt.date(2026, 12, 10), decided_at=local(2026, 12, 9)),
            "refused": application_make(
                w, due_on=dt.date(2026, 12, 11), status=REFUSED, decided_at=local(2026, 12, 11, 16)
            ),
            "late": application_make(w, due_on=dt.date(2026, 12, 11), status=OPEN),
            "ahead": application_make(w, due_on=dt.date(2026, 12, 22), status=OPEN),
        }
        handed = delivery.application_result_ready(
            actor=w.officer, application=submit(w, channel=Channel.STATE_CORPORATION), result_summary_ru="ok"
        )
        assert handed.handover_due_on is not None
    with time_machine.travel(_at(handed.handover_due_on), tick=False):
        out["handed"] = delivery.application_hand_over(actor=w.officer, application=handed)
    for name in ("late", "ahead"):
        Application.objects.filter(pk=out[name].pk).update(result_ready_at=None, closed_at=None)
    # the factory's applications are received on 23.11.2026: this one due in December
    Application.objects.filter(pk=out["handed"].pk).update(due_on=dt.date(2026, 12, 12))
    # and a State Corporation case handed over and issued before the build: it arrived at the
    # handover, so it is never in the aggregates of a month in progress
    issued = Application.objects.get(pk=out["handed"].pk)
    issued.pk, issued.number = None, issued.number + "-I"
    issued.status, issued.closed_at = ISSUED, local(2026, 12, 13)
    Application.objects.bulk_create([issued])
    out["handed_issued"] = issued
    out = {name: Application.objects.get(pk=a.pk) for name, a in out.items()}
    assert out["handed"].closed_at is None and out["handed"].handover_due_on is not None
    return out


def _held_in_december() -> tuple[int, int]:
    rows = IndicatorMonth.objects.filter(month=DEC)
    return sum(r.arrived for r in rows), sum(r.pending for r in rows)


def test_std_appendix_1_1_a_month_in_progress_holds_its_settled_cases_and_the_page_counts_the_rest(
    year,
) -> None:
    w, w2, other = year
    dec = _december(w)
    services.indicator_month_rebuild(start=YEAR_START, end=dt.date(2026, 11, 30), now=NOW_DEC)
    assert services.indicator_month_build_in_progress(month=DEC, now=NOW_DEC) > 0
    before = NOW_DEC - selectors.REBUILD_GRACE
    assert selectors.month_sources(start=YEAR_START, end=YEAR_END, today=TODAY_DEC) == (set(), {DEC: before})
    # the aggregates hold the results arrived before the build, never a pending case nor a
    # State Corporation one (its arrival is a stage)
    settled = (
        selectors.timeliness_base(start=DEC, end=dt.date(2026, 12, 31))
        .filter(selectors.settled_q(before))
        .count()
    )
    assert _held_in_december() == (settled, 0)
    assert settled >= 2 and selectors.timeliness_base(start=DEC, end=dt.date(2026, 12, 31)).count() > settled
    _pages_equal(w, w2, other, today=TODAY_DEC)
    _pages_equal(w, w2, other, today=dt.date(2026, 12, 23))  # the case due on 22.12 is late by then
    with time_machine.travel(NOW_DEC + dt.timedelta(hours=1), tick=False):
        # the month goes on: a decision made now, a new application, an answer: nothing is
        # recorded, the page counts them as the rest of the month
        late = dec["late"]
        late.status, late.closed_at = ISSUED, NOW_DEC + dt.timedelta(hours=1)
        late.save()
        # (the factory receives on 23.11.2026: moved into December, as a new one would be due)
        Application.objects.filter(pk=submit(w).pk).update(due_on=dt.date(2026, 12, 14))
        answer_make(case_date=dt.date(2026, 12, 12), service=w.service, provider=w.provider, process=2)
        assert not IndicatorMonthChange.objects.exists()
        _pages_equal(w, w2, other, today=TODAY_DEC)
        # a settled case corrected: recorded, and December is counted wholly from the cases
        corrected = dec["settled"]
        corrected.closed_at = local(2026, 12, 11, 18)
        corrected.save()
        assert list(IndicatorMonthChange.objects.values_list("month", flat=True)) == [DEC]
        assert DEC in selectors.counted_months(start=YEAR_START, end=YEAR_END, today=TODAY_DEC)
        _pages_equal(w, w2, other, today=TODAY_DEC)
        # a result entered as arrived two days ago (after the build's count, before its moment)
        ahead = dec["ahead"]
        ahead.status, ahead.closed_at = ISSUED, local(2026, 12, 13)
        ahead.save()
        assert IndicatorMonthChange.objects.filter(month=DEC).count() == 2
        # the sweep builds December again and folds both changes in
        assert services.indicator_month_sweep(now=NOW_DEC + dt.timedelta(hours=1)) > 0
        assert not IndicatorMonthChange.objects.exists()
        _pages_equal(w, w2, other, today=TODAY_DEC)
        # a settled case deleted is recorded too
        dec["refused"].delete()
        assert IndicatorMonthChange.objects.filter(month=DEC).count() == 1
        _pages_equal(w, w2, other, today=TODAY_DEC)


def test_std_appendix_1_1_the_sweep_builds_the_month_in_progress_every_ten_minutes_or_after_a_change(
    year,
) -> None:
    w, _w2, _other = year
    IndicatorMonthChange.objects.all().delete()
    assert services.indicator_month_sweep(now=NOW_DEC) > 0  # never built: built now
    coverage = IndicatorMonthCoverage.objects.get(month=DEC)
    assert (coverage.refreshed_at, coverage.settled_before) == (NOW_DEC, NOW_DEC - selectors.REBUILD_GRACE)
    assert services.indicator_month_sweep(now=NOW_DEC + dt.timedelta(minutes=5)) == 0  # still fresh
    assert services.indicator_month_changed(
        on=dt.date(2026, 12, 10),
        service_id=w.service.pk,
        provider_id=w.provider.pk,
        today=TODAY_DEC,
        settled=True,
    )
    assert services.indicator_month_sweep(now=NOW_DEC + dt.timedelta(minutes=6)) > 0  # a change
    assert not IndicatorMonthChange.objects.exists()
    assert services.indicator_month_sweep(now=NOW_DEC + dt.timedelta(minutes=15)) == 0
    assert services.indicator_month_sweep(now=NOW_DEC + dt.timedelta(minutes=16)) > 0  # ten minutes on
    # a change of the current month to a case not settled, or of a later month, is not recorded
    for on, settled in ((dt.date(2026, 12, 10), False), (dt.date(2027, 1, 5), True)):
        assert not services.indicator_month_changed(
            on=on, service_id=w.service.pk, provider_id=w.provider.pk, today=TODAY_DEC, settled=settled
        )


def test_std_appendix_1_1_a_month_built_in_part_that_has_ended_is_rebuilt_whole_never_key_by_key(
    year,
) -> None:
    w, w2, other = year
    IndicatorMonthChange.objects.all().delete()
    nov = dt.date(2026, 11, 1)
    services.indicator_month_rebuild(start=YEAR_START, end=dt.date(2026, 10, 31), now=NOW_DEC)
    services.indicator_month_sweep(now=dt.datetime(2026, 11, 30, 23, 0, tzinfo=ALMATY))
    assert IndicatorMonthCoverage.objects.get(month=nov).settled_before is not None
    # just after midnight a November case changes: recorded (November has ended)
    assert services.indicator_month_changed(
        on=dt.date(2026, 11, 10),
        service_id=w.service.pk,
        provider_id=w.provider.pk,
        today=dt.date(2026, 12, 1),
    )
    services.indicator_month_sweep(now=dt.datetime(2026, 12, 1, 0, 6, tzinfo=ALMATY))
    assert IndicatorMonthChange.objects.filter(month=nov).count() == 1  # left for the whole rebuild
    assert nov in selectors.counted_months(start=YEAR_START, end=YEAR_END, today=dt.date(2026, 12, 1))
    _pages_equal(w, w2, other, today=dt.date(2026, 12, 1))
    services.indicator_month_sweep(now=dt.datetime(2026, 12, 1, 0, 11, tzinfo=ALMATY))
    coverage = IndicatorMonthCoverage.objects.get(month=nov)
    assert coverage.settled_before is None and not IndicatorMonthChange.objects.exists()
    assert selectors.month_sources(
        start=YEAR_START, end=dt.date(2026, 11, 30), today=dt.date(2026, 12, 1)
    ) == (
        set(),
        {},
    )
    _pages_equal(w, w2, other, today=dt.date(2026, 12, 1))
