"""``make bench-scale`` (issue 20.1): the product on national volume.

Loads, into the throwaway PostgreSQL of ``tools/with-postgres.sh``, by set-based SQL
(``tools/bulk_sql.py``): ``BENCH_SCALE_APPLICATIONS`` applications (default 10,000,000) over
2026 up to the day before the run (nothing in the future: a decision not yet due is still in
work, so a run during 2026 measures the current month in progress) with their stages (received, and the decision for the closed ones), ``BENCH_SCALE_COMPLAINTS``
complaints (1,000,000) and ``BENCH_SCALE_ANSWERS`` survey answers (1,000,000), spread over
``SERVICES`` services and ``PROVIDERS`` providers. Then measures, each beside the raw SQL it
needs in the same run:

* the public status page, p50/p95 over ``LOOKUPS`` random numbers, through gunicorn; the same
  lookups by raw SQL direct and by a bare WSGI app behind the same gunicorn (tools/rawsql_wsgi.py);
* the quality page's monthly aggregates built as production builds them (ADR 0078), timed;
* the PSC 4 monthly decided volumes (ADR 0079) built for 2026 as of the day the list is formed
  (18.3.2027, when the whole year has ended), timed;
* a provider's worklist page, the quality indicators page for a year (as an inspector), the
  contact centre's monthly report figures (UCC 18) and the PSC 4 candidate selection: each
  timed as the product runs it and as the raw SQL it ran (the same statements, captured and
  executed again without Django); the quality page also beside its case-by-case count
  (timed, and checked equal), and the PSC volumes likewise (timed, checked equal), and once more
  with December counted from the cases (the year read before it has ended).

Every figure is printed beside its limit; results go to ``var/bench/scale.json`` and under
``scale`` in ``var/bench/results.json``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

N_APPLICATIONS = int(os.environ.get("BENCH_SCALE_APPLICATIONS", "10000000"))
N_COMPLAINTS = int(os.environ.get("BENCH_SCALE_COMPLAINTS", "1000000"))
N_ANSWERS = int(os.environ.get("BENCH_SCALE_ANSWERS", "1000000"))
SERVICES = 20
PROVIDERS = 200
LOOKUPS = 400
ROUNDS = 5
STATUS_P95_LIMIT_MS = 50.0
STATUS_OVER_BARE_LIMIT = 2.0
REPORT_LIMIT_MS = 1000.0
# PSC 4: the list of 2026 is formed by 20 March 2027 (PSC 6), when every month of 2026 has ended
PSC_LIST_DAY = dt.date(2027, 3, 18)

# Over 2026 up to yesterday (never in the future, as the demo): a day and a minute of the
# working day from the copy's ordinal g. Run during 2026, the current month is in progress.
DAYS = max(1, min(365, (dt.date.today() - dt.date(2026, 1, 1)).days))
SUBMITTED = f"(timestamptz '2026-01-01 09:00+05' + ((g::bigint * 7919) %% {DAYS}) * interval '1 day' + (g %% 480) * interval '1 minute')"
CLOSED_ROLL = "((g::bigint * 31) %% 100)"  # < 80 issued, < 90 refused, else open


def _setup() -> dict[str, Any]:
    """The services (one world each: provider, officer, standard) and a template of each row."""
    from qyzmet.complaints.tests.factories import complaint_make, inspector
    from qyzmet.delivery.tests.factories import make_world, submit
    from qyzmet.orgs.tests.factories import OrganisationFactory
    from qyzmet.quality.enums import CaseKind
    from qyzmet.quality.models import SurveyAnswer, SurveyInvitation

    worlds = [make_world() for _ in range(SERVICES)]
    providers = [w.provider.pk for w in worlds]
    providers += [OrganisationFactory.create().pk for _ in range(PROVIDERS - len(providers))]
    application = submit(worlds[0])
    complaint = complaint_make(provider=worlds[0].provider, registered_on=dt.date(2026, 3, 2))
    invitation = SurveyInvitation.objects.create(
        token="scale-template",
        case_kind=CaseKind.APPLICATION,
        case_number=application.number,
        case_date=dt.date(2026, 3, 2),
        service=worlds[0].service,
        provider=worlds[0].provider,
        channel="cabinet",
    )
    answer = SurveyAnswer.objects.create(
        invitation=invitation, case_kind=CaseKind.APPLICATION, case_date=dt.date(2026, 3, 2), process=5
    )
    return {
        "worlds": worlds,
        "providers": providers,
        "application": application,
        "complaint": complaint,
        "invitation": invitation,
        "answer": answer,
        "inspector": inspector("scale.inspector"),
    }


def _load_applications(s: dict[str, Any]) -> None:
    from qyzmet.delivery.models import Application, Stage
    from tools.bulk_sql import clone, insert_select, plain_indexes_dropped, sql_array

    services = sql_array([w.service.pk for w in s["worlds"]])
    versions = sql_array([w.service.versions.get().pk for w in s["worlds"]])
    providers = sql_array(s["providers"])
    pick = f"1 + (g %% {SERVICES})"
    closed = f"({SUBMITTED} + ((g %% 7) + 1) * interval '1 day')"
    # a decision due after the load's moment is not made yet: the application is still in work
    decided = f"({closed} <= now())"
    status = (
        f"(CASE WHEN NOT {decided} THEN 'in_work' WHEN {CLOSED_ROLL} < 80 THEN 'issued'"
        f" WHEN {CLOSED_ROLL} < 90 THEN 'refused' ELSE 'in_work' END)"
    )
    with plain_indexes_dropped(Application._meta.db_table, Stage._meta.db_table):
        clone(
            Application,
            s["application"].pk,
            N_APPLICATIONS,
            {
                "number": "'SC-' || lpad(g::text, 8, '0')",
                "service_id": f"({services})[{pick}]",
                "standard_version_id": f"({versions})[{pick}]",
                "provider_id": f"({providers})[1 + ((g / {SERVICES}) %% {PROVIDERS})]",
                "channel": "(ARRAY['provider','egov_portal','state_corporation','mobile'])[1 + (g %% 4)]",
                "idempotency_key": "''",
                "status": status,
                "submitted_at": SUBMITTED,
                "registered_on": f"({SUBMITTED} AT TIME ZONE 'Asia/Almaty')::date",
                "due_on": f"(({SUBMITTED} + interval '5 days') AT TIME ZONE 'Asia/Almaty')::date",
                "result_ready_at": f"(CASE WHEN {decided} AND {CLOSED_ROLL} < 80 THEN {closed} END)",
                "closed_at": f"(CASE WHEN {decided} AND {CLOSED_ROLL} < 90 THEN {closed} END)",
                "created_at": SUBMITTED,
                "updated_at": "now()",
            },
        )
        common = {"created_at": "a.submitted_at", "updated_at": "a.submitted_at", "application_id": "a.id"}
        insert_select(
            Stage,
            {
                **common,
                "kind": "'received'",
                "occurred_at": "a.submitted_at",
                "organisation_id": "a.provider_id",
                "note": "''",
            },
            "delivery_application a WHERE a.number LIKE 'SC-%%'",
        )
        insert_select(
            Stage,
            {
                **common,
                "kind": "a.status",
                "occurred_at": "a.closed_at",
                "organisation_id": "a.provider_id",
                "note": "''",
            },
            "delivery_application a WHERE a.number LIKE 'SC-%%' AND a.closed_at IS NOT NULL",
        )


def _load_complaints(s: dict[str, Any]) -> None:
    from qyzmet.complaints.models import Complaint
    from tools.bulk_sql import clone, plain_indexes_dropped, sql_array

    providers = sql_array(s["providers"])
    registered = f"(date '2026-01-01' + ((g::bigint * 7919) %% {DAYS})::int)"
    answered = f"({registered} + (g %% 7))"
    unanswered = f"(g %% 10 = 0 OR {answered} >= current_date)"  # never answered in the future
    with plain_indexes_dropped(Complaint._meta.db_table):
        clone(
            Complaint,
            s["complaint"].pk,
            N_COMPLAINTS,
            {
                "number": "'SCC-' || lpad(g::text, 8, '0')",
                "provider_id": f"({providers})[1 + (g %% {PROVIDERS})]",
                "reviewing_body_id": f"({providers})[1 + (g %% {PROVIDERS})]",
                "channel": "(CASE WHEN g %% 5 = 0 THEN 'paper' ELSE 'electronic' END)",
                "subject": "(ARRAY['decision','officer_action','standard_noncompliance','state_corporation'])[1 + (g %% 4)]",
                "registered_on": registered,
                "original_due_on": f"({registered} + 5)",
                "due_on": f"({registered} + 5)",
                "status": f"(CASE WHEN {unanswered} THEN 'registered' ELSE 'answered' END)",
                "answered_on": f"(CASE WHEN {unanswered} THEN NULL ELSE {answered} END)",
                "review_term_breached": f"(NOT {unanswered} AND g %% 7 = 6)",
                "created_at": f"({registered}::timestamp AT TIME ZONE 'Asia/Almaty')",
                "updated_at": "now()",
            },
        )


def _load_answers(s: dict[str, Any]) -> None:
    from qyzmet.quality.models import SurveyAnswer, SurveyInvitation
    from tools.bulk_sql import clone, insert_select, plain_indexes_dropped, sql_array

    services = sql_array([w.service.pk for w in s["worlds"]])
    providers = sql_array(s["providers"])
    day = f"(date '2026-01-01' + ((g::bigint * 7919) %% {DAYS})::int)"
    with plain_indexes_dropped(SurveyInvitation._meta.db_table, SurveyAnswer._meta.db_table):
        clone(
            SurveyInvitation,
            s["invitation"].pk,
            N_ANSWERS,
            {
                "token": "'scale-' || g::text",
                "case_number": "'SC-' || lpad(g::text, 8, '0')",
                "case_date": day,
                "service_id": f"({services})[1 + (g %% {SERVICES})]",
                "provider_id": f"({providers})[1 + ((g / {SERVICES}) %% {PROVIDERS})]",
                "answered_at": f"({day}::timestamp AT TIME ZONE 'Asia/Almaty')",
            },
        )
        score = "(1 + (i.id * 7 %% 5))"
        insert_select(
            SurveyAnswer,
            {
                "created_at": "i.answered_at",
                "updated_at": "i.answered_at",
                "invitation_id": "i.id",
                "case_kind": "i.case_kind",
                "case_date": "i.case_date",
                "service_id": "i.service_id",
                "provider_id": "i.provider_id",
                "process": score,
                "information": score,
                "complaint_procedure": "NULL",
                "politeness": score,
                "comment": "''",
                "delivery_channel": "i.delivery_channel",
            },
            "quality_surveyinvitation i WHERE i.token LIKE 'scale-%%' AND i.token <> 'scale-template'",
        )


def _raw(statements: list[str]) -> float:
    """The captured SELECTs run again on a bare psycopg connection: milliseconds."""
    import psycopg
    from bench_delivery import _dsn

    # as the product's connections run (config/env.py: no JIT, ADR 0078)
    with psycopg.connect(_dsn(), options="-c jit=off") as conn, conn.cursor() as cur:
        started = time.perf_counter()
        for sql in statements:
            cur.execute(sql.encode())
            cur.fetchall()
        return (time.perf_counter() - started) * 1000


def _product_and_raw(name: str, fn: Callable[[], object]) -> dict[str, Any]:
    """``fn`` as the product runs it (median of ROUNDS after a warm-up, its query count) and the
    SELECTs it ran, as raw SQL (median of ROUNDS)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fn()
    times, statements = [], []
    for _ in range(ROUNDS):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            fn()
            times.append((time.perf_counter() - started) * 1000)
        statements = [
            q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")
        ]
    raw = [_raw(statements) for _ in range(ROUNDS)]
    return {
        f"{name}_ms": round(statistics.median(times), 1),
        f"{name}_queries": len(ctx.captured_queries),
        f"{name}_raw_sql_ms": round(statistics.median(raw), 1),
        f"{name}_limit_ms": REPORT_LIMIT_MS,
        f"{name}_within_limit": statistics.median(times) < REPORT_LIMIT_MS,
    }


def _page(client: Any, url: str) -> Callable[[], object]:
    def get() -> object:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    return get


def _status(s: dict[str, Any]) -> dict[str, Any]:
    from bench_delivery import _free_port, _pct, _raw_status_latency, _start_gunicorn, _status_latency

    rng = random.Random(20)
    numbers = [f"SC-{rng.randint(1, N_APPLICATIONS):08d}" for _ in range(LOOKUPS)]
    last4 = s["worlds"][0].recipient.iin[-4:]
    port, raw_port = _free_port(), _free_port()
    from bench_delivery import _dsn

    procs = [
        _start_gunicorn(port),
        _start_gunicorn(
            raw_port,
            app="rawsql_wsgi:application",
            extra_env={"RAWSQL_DSN": _dsn(), "RAWSQL_TEMPLATE_ID": str(s["application"].pk)},
        ),
    ]
    try:
        _status_latency(port, numbers[:20], last4)
        http = _status_latency(port, numbers, last4)
        _status_latency(raw_port, numbers[:20], last4, path="/status", post=False)
        bare = _status_latency(raw_port, numbers, last4, path="/status", post=False)
        raw = _raw_status_latency(numbers)
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=10)
    return {
        "status_http_p50_ms": _pct(http, 0.50),
        "status_http_p95_ms": _pct(http, 0.95),
        "status_http_p95_limit_ms": STATUS_P95_LIMIT_MS,
        "status_bare_wsgi_p50_ms": _pct(bare, 0.50),
        "status_bare_wsgi_p95_ms": _pct(bare, 0.95),
        "status_raw_sql_p50_ms": _pct(raw, 0.50),
        "status_raw_sql_p95_ms": _pct(raw, 0.95),
        "status_http_over_bare_wsgi_p95": round(_pct(http, 0.95) / _pct(bare, 0.95), 2),
        "status_http_over_bare_wsgi_limit": STATUS_OVER_BARE_LIMIT,
    }


def _aggregates() -> dict[str, Any]:
    """The quality page's monthly aggregates (ADR 0078) built for the loaded year as production
    builds them: ``indicator_month_rebuild`` of the ended months (two grouped queries over the
    range, one bulk insert) and ``indicator_month_build_in_progress`` of the current one; then
    the sweep's units, a month rebuilt and one key refreshed after a change."""
    from django.utils import timezone

    from qyzmet.quality import services
    from qyzmet.quality.models import IndicatorMonth

    # as an installation runs: the ended months of the page's 13-month chart rebuilt whole once,
    # and the month in progress built in part, as the sweep builds it every ten minutes
    this_month = timezone.localdate().replace(day=1)
    started = time.perf_counter()
    rows = services.indicator_month_rebuild(
        start=dt.date(2025, 12, 1), end=min(dt.date(2026, 12, 31), this_month - dt.timedelta(days=1))
    )
    rebuild_s = time.perf_counter() - started
    in_progress_s = None
    if this_month.year == 2026:
        started = time.perf_counter()
        rows += services.indicator_month_build_in_progress(month=this_month)
        in_progress_s = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    services.indicator_month_rebuild(start=dt.date(2026, 6, 1), end=dt.date(2026, 6, 30))
    month_s = time.perf_counter() - started
    key = IndicatorMonth.objects.filter(month=dt.date(2026, 3, 1)).values("service_id", "provider_id").first()
    started = time.perf_counter()
    if key is not None:
        services.indicator_month_refresh(
            month=dt.date(2026, 3, 1), service_ids={key["service_id"]}, provider_ids={key["provider_id"]}
        )
    key_ms = (time.perf_counter() - started) * 1000
    return {
        "quality_aggregate_rows": rows,
        "quality_aggregate_rebuild_year_s": round(rebuild_s, 1),
        "quality_aggregate_rebuild_month_s": round(month_s, 1),
        "quality_aggregate_build_month_in_progress_s": in_progress_s,
        "quality_aggregate_refresh_one_key_ms": round(key_ms, 1),
        "quality_aggregate_today": timezone.localdate().isoformat(),
    }


def _psc_list_at() -> dt.datetime:
    from django.utils import timezone

    return dt.datetime.combine(PSC_LIST_DAY, dt.time(12), timezone.get_current_timezone())


def _volumes() -> dict[str, Any]:
    """The PSC 4 monthly decided volumes (ADR 0079) of 2026 built as production builds them
    (``decided_volume_rebuild``: one grouped ``INSERT ... SELECT`` per kind over the range), as of
    the day the list is formed, when the whole year has ended."""
    from qyzmet.delivery.services import volumes

    started = time.perf_counter()
    rows = volumes.decided_volume_rebuild(
        start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31), now=_psc_list_at()
    )
    return {"psc_volume_rows": rows, "psc_volume_rebuild_year_s": round(time.perf_counter() - started, 1)}


def _psc_case_by_case() -> dict[str, Any]:
    """The year's volumes as counted before ADR 0079 (one grouped count of the cases), timed, and
    whether ``decided_volume_rows`` equals it; then the same selection as the year is read before
    December has ended (December counted from the cases), and the sweep's units: December
    rebuilt, one key counted again."""
    from django.db.models import Count, Q

    from qyzmet.delivery.enums import RESULT_STATUSES, ApplicationStatus
    from qyzmet.delivery.models import Application, DecidedVolumeCoverage, DecidedVolumeMonth
    from qyzmet.delivery.selectors import decided_volume_rows
    from qyzmet.delivery.services import volumes
    from qyzmet.pscselection.selectors import candidate_list

    start, end = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    figures: dict[str, Any] = {}
    same, case_ms = True, []
    for refusals in (False, True):
        since = dt.datetime.combine(start, dt.time.min, _psc_list_at().tzinfo)
        until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, _psc_list_at().tzinfo)
        decided = Q(status__in=RESULT_STATUSES, result_ready_at__gte=since, result_ready_at__lt=until)
        if refusals:
            decided |= Q(status=ApplicationStatus.REFUSED, closed_at__gte=since, closed_at__lt=until)
        started = time.perf_counter()
        reference = sorted(
            Application.objects.filter(decided, service__isnull=False)
            .order_by()
            .values_list("service_id", "channel", "provider_id")
            .annotate(n=Count("id")),
            key=repr,
        )
        case_ms.append((time.perf_counter() - started) * 1000)
        same = (
            same
            and sorted(decided_volume_rows(start=start, end=end, count_refusals=refusals), key=repr)
            == reference
        )
    figures["psc_volumes_case_by_case_ms"] = round(statistics.median(case_ms), 1)
    figures["psc_volumes_equal_case_by_case"] = same
    december = dt.date(2026, 12, 1)
    DecidedVolumeCoverage.objects.filter(month=december).delete()
    figures |= _product_and_raw(
        "psc_candidates_december_from_cases", lambda: candidate_list(year=2026, on=PSC_LIST_DAY)
    )
    started = time.perf_counter()
    volumes.decided_volume_rebuild(start=december, end=december, now=_psc_list_at())
    figures["psc_volume_rebuild_month_s"] = round(time.perf_counter() - started, 1)
    key = (
        DecidedVolumeMonth.objects.filter(month=dt.date(2026, 3, 1))
        .values("service_id", "provider_id")
        .first()
    )
    started = time.perf_counter()
    if key is not None:
        volumes.decided_volume_refresh(
            month=dt.date(2026, 3, 1),
            service_ids={key["service_id"]},
            provider_ids={key["provider_id"]},
            now=_psc_list_at(),
        )
    figures["psc_volume_refresh_one_key_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return figures


def _quality_case_by_case(s: dict[str, Any]) -> dict[str, Any]:
    """The year's page as it was counted before ADR 0078 (case by case: the table and the
    chart's series), timed once, and whether the page from the aggregates shows the same."""
    from django.utils import timezone

    from qyzmet.quality import selectors

    user, start, end = s["inspector"], dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    started = time.perf_counter()
    scope = selectors.quality_scope(user=user)
    reference = selectors.compute_indicator_table(start=start, end=end, scope=scope)
    reference_series = selectors.indicator_series(user=user, start=start, end=end)
    case_by_case_ms = (time.perf_counter() - started) * 1000
    table, series = selectors.indicator_page(user=user, start=start, end=end, chart_start=start)

    def rows(t: selectors.IndicatorTable) -> list[Any]:
        return [
            (
                r.service.pk if r.service else None,
                r.provider.pk if r.provider else None,
                sorted(r.figures.items()),
            )
            for r in t.rows
        ] + [sorted(t.total.figures.items())]

    same = rows(table) == rows(reference) and [(p.month, sorted(p.figures.items())) for p in series] == [
        (p.month, sorted(p.figures.items())) for p in reference_series
    ]
    return {
        "quality_page_year_case_by_case_selectors_ms": round(case_by_case_ms, 1),
        "quality_page_year_counted_months": len(
            selectors.counted_months(start=start, end=end, today=timezone.localdate())
        ),
        "quality_page_year_equals_case_by_case": same,
    }


def _reports(s: dict[str, Any]) -> dict[str, Any]:
    from django.test import Client

    from qyzmet.contactcentre.selectors import monthly_report_figures
    from qyzmet.pscselection.selectors import candidate_list
    from tools.bulk_load import allow_test_client

    allow_test_client()
    officer, inspector = Client(), Client()
    officer.force_login(s["worlds"][0].officer)
    inspector.force_login(s["inspector"])
    figures: dict[str, Any] = {}
    figures |= _product_and_raw("worklist_page", _page(officer, "/delivery/work/"))
    figures |= _product_and_raw("quality_page_year", _page(inspector, "/quality/?period=2026"))
    figures |= _product_and_raw(
        "ucc_monthly_report",
        lambda: monthly_report_figures(
            start=dt.date(2026, 6, 1), end=dt.date(2026, 6, 30), today=dt.date(2026, 7, 3)
        ),
    )
    figures |= _product_and_raw("psc_candidates", lambda: candidate_list(year=2026, on=PSC_LIST_DAY))
    return figures


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    call_command("migrate", verbosity=0)
    figures: dict[str, Any] = {
        "applications": N_APPLICATIONS,
        "complaints": N_COMPLAINTS,
        "survey_answers": N_ANSWERS,
    }
    with override_settings(QYZMET_THROTTLE_ENABLED=False):
        s = _setup()
        for name, load in (
            ("applications", _load_applications),
            ("complaints", _load_complaints),
            ("answers", _load_answers),
        ):
            started = time.perf_counter()
            load(s)
            figures[f"load_{name}_s"] = round(time.perf_counter() - started, 1)
            print(f"loaded {name} in {figures[f'load_{name}_s']} s", flush=True)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        started = time.perf_counter()
        figures |= _aggregates()
        print(f"built the quality aggregates in {time.perf_counter() - started:.1f} s", flush=True)
        figures |= _volumes()
        print(f"built the PSC volumes in {figures['psc_volume_rebuild_year_s']} s", flush=True)
        figures |= _status(s)
        figures |= _reports(s)
        figures |= _quality_case_by_case(s)
        figures |= _psc_case_by_case()
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "scale.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False))
    merged_path = out / "results.json"
    merged = json.loads(merged_path.read_text()) if merged_path.exists() else {}
    merged["scale"] = figures
    merged_path.write_text(json.dumps(merged, indent=2, ensure_ascii=False))
    print("== scale")
    for key, value in figures.items():
        print(f"  {key}: {value}")
    print(
        f"  quality page for a year: {figures['quality_page_year_ms']} ms (limit {REPORT_LIMIT_MS:.0f} ms;"
        f" raw SQL {figures['quality_page_year_raw_sql_ms']} ms; {figures['quality_page_year_queries']} queries;"
        f" case by case {figures['quality_page_year_case_by_case_selectors_ms']} ms;"
        f" equal: {figures['quality_page_year_equals_case_by_case']})"
    )
    print(
        f"  PSC 4 candidates: {figures['psc_candidates_ms']} ms (limit {REPORT_LIMIT_MS:.0f} ms;"
        f" raw SQL {figures['psc_candidates_raw_sql_ms']} ms; {figures['psc_candidates_queries']} queries;"
        f" case by case {figures['psc_volumes_case_by_case_ms']} ms;"
        f" equal: {figures['psc_volumes_equal_case_by_case']};"
        f" with December from the cases {figures['psc_candidates_december_from_cases_ms']} ms)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
