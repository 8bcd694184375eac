"""Benchmark of the public indicators page (``/public/quality/``, issue 18.5, ADR 0051) on
1,000,000 applications.

Run through ``make bench`` (a throwaway PostgreSQL). One application per service is submitted
through the delivery service; the rest are bulk copies of it (different numbers, due dates and
decisions) spread over 10 services, 20 providers and the 12 months of 2026, plus 50,000
anonymous survey answers and 20 published monitoring conclusions. The aggregates are built
once for the year (the sweep's work, timed), then the anonymous page is measured: national,
one service, one body; the open data (JSON, CSV) and the API; each with its query count. The
page reads only the aggregates, so its time does not depend on the number of applications.
``BENCH_PUBLIC_QUALITY_N`` changes the number of applications (a quick check).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import statistics
import time
import uuid
from typing import Any
from zoneinfo import ZoneInfo

N_APPLICATIONS = int(os.environ.get("BENCH_PUBLIC_QUALITY_N", "1000000"))
N_ANSWERS = 50_000
N_SERVICES = 10
N_PROVIDERS = 20
N_CONCLUSIONS = 20


def _load_applications(templates: list[Any], providers: list[Any], tag: str, rng: random.Random) -> None:
    from qyzmet.delivery.enums import ApplicationStatus
    from qyzmet.delivery.models import Application

    tz = ZoneInfo("Asia/Almaty")
    fields = [f.attname for f in Application._meta.concrete_fields]
    batch: list[Application] = []
    for i in range(N_APPLICATIONS):
        tpl = templates[i % len(templates)]
        app = Application(**{f: getattr(tpl, f) for f in fields})
        app.pk = None
        app.number = f"P{tag}-{i:07d}"
        app.idempotency_key = ""
        app.provider_id = providers[(i // len(templates)) % len(providers)].pk
        due = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(365))
        app.due_on = due
        roll = rng.random()
        if roll < 0.85:
            app.status = ApplicationStatus.ISSUED
            decided = dt.datetime.combine(due - dt.timedelta(days=rng.randrange(-3, 5)), dt.time(11), tz)
            app.result_ready_at = app.closed_at = decided
        elif roll < 0.95:
            app.status = ApplicationStatus.REFUSED
            app.closed_at = dt.datetime.combine(due - dt.timedelta(days=1), dt.time(15), tz)
            app.result_ready_at = None
        else:
            app.status = ApplicationStatus.IN_WORK
            app.result_ready_at = app.closed_at = None
        batch.append(app)
        if len(batch) == 10_000:
            Application.objects.bulk_create(batch)
            batch = []
    if batch:
        Application.objects.bulk_create(batch)


def _load_answers(worlds: list[Any], providers: list[Any], tag: str, rng: random.Random) -> None:
    from qyzmet.quality.enums import CaseKind
    from qyzmet.quality.models import SurveyAnswer, SurveyInvitation

    SurveyInvitation.objects.bulk_create(
        [
            SurveyInvitation(
                token=f"pbench-{tag}-{i}",
                case_kind=CaseKind.APPLICATION if i % 5 else CaseKind.COMPLAINT,
                case_number=f"P{tag}-{i:07d}",
                case_date=dt.date(2026, 1, 1) + dt.timedelta(days=i % 365),
                service_id=worlds[i % len(worlds)].service.pk,
                provider_id=providers[i % len(providers)].pk,
                channel="cabinet",
            )
            for i in range(N_ANSWERS)
        ],
        batch_size=5000,
    )
    answers = []
    for inv in SurveyInvitation.objects.filter(token__startswith=f"pbench-{tag}-").only(
        "id", "case_kind", "case_date", "service_id", "provider_id"
    ):
        complaint = inv.case_kind == CaseKind.COMPLAINT
        answers.append(
            SurveyAnswer(
                invitation_id=inv.pk,
                case_kind=inv.case_kind,
                case_date=inv.case_date,
                service_id=inv.service_id,
                provider_id=inv.provider_id,
                process=None if complaint else rng.randint(1, 5),
                information=None if complaint else rng.randint(1, 5),
                complaint_procedure=rng.randint(1, 5) if complaint else None,
                politeness=rng.randint(1, 5),
            )
        )
    SurveyAnswer.objects.bulk_create(answers, batch_size=5000)


def _norms_and_targets(services_: list[Any]) -> None:
    from qyzmet.quality import services
    from qyzmet.quality.enums import Indicator

    for code in Indicator.values:
        services.indicator_norm_set(actor=None, indicator=code, value=90, legal_basis="bench")
        for service in services_:
            services.indicator_target_set(
                actor=None,
                service=service,
                indicator=code,
                year=2026,
                value=95,
                order_number="bench-1",
                order_date=dt.date(2025, 12, 1),
            )


def _conclusions(worlds: list[Any]) -> None:
    from qyzmet.monitoring import services
    from qyzmet.monitoring.enums import MonitoringBasis, MonitorKind
    from qyzmet.orgs.tests.factories import RecipientFactory

    now = dt.datetime(2026, 12, 15, 10, tzinfo=ZoneInfo("Asia/Almaty"))
    for i in range(N_CONCLUSIONS):
        w = worlds[i % len(worlds)]
        monitor = RecipientFactory.create()
        monitoring = services.monitoring_register(
            actor=monitor,
            monitor_kind=MonitorKind.INDIVIDUAL,
            subject=f"bench {i}",
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 11, 30),
            bodies=[w.provider],
            services=[w.service],
            basis=MonitoringBasis.OWN_INITIATIVE,
            now=now,
        )
        conclusion = services.conclusion_save(
            actor=monitor,
            monitoring=monitoring,
            compliance="a",
            recommendations="b",
            quality_proposals="c",
            bylaw_proposals=[(w.service, "d")],
        )
        services.conclusion_publish(actor=monitor, conclusion=conclusion, now=now)


def run() -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    from qyzmet.delivery.tests.factories import make_world, submit
    from qyzmet.monitoring import services
    from qyzmet.monitoring.models import IndicatorAggregate
    from qyzmet.orgs.tests.factories import OrganisationFactory

    rng = random.Random(2026)
    tag = uuid.uuid4().hex[:6]
    worlds = [make_world() for _ in range(N_SERVICES)]
    providers = [w.provider for w in worlds] + [
        OrganisationFactory.create() for _ in range(N_PROVIDERS - len(worlds))
    ]
    templates = [submit(w) for w in worlds]
    started = time.perf_counter()
    _load_applications(templates, providers, tag, rng)
    _load_answers(worlds, providers, tag, rng)
    _norms_and_targets([w.service for w in worlds])
    _conclusions(worlds)
    load_s = time.perf_counter() - started
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    today = dt.date(2026, 12, 31)
    t = time.perf_counter()
    rows = services.indicator_aggregate_rebuild(
        start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31), now=dt.datetime(2026, 12, 31, 23, tzinfo=dt.UTC)
    )
    rebuild_s = time.perf_counter() - t
    t = time.perf_counter()
    services.indicator_aggregate_refresh(year=2026, month=12, today=today)
    month_s = time.perf_counter() - t
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")

    from django.test.utils import setup_test_environment

    with contextlib.suppress(RuntimeError):
        setup_test_environment()  # lets the test client in (ALLOWED_HOSTS "testserver")
    client = Client()  # anonymous

    def timed(url: str, params: dict[str, str]) -> tuple[float, int, int]:
        times, queries, status = [], 0, 0
        for _ in range(5):
            with CaptureQueriesContext(connection) as ctx:
                t0 = time.perf_counter()
                resp = client.get(url, params)
                times.append((time.perf_counter() - t0) * 1000)
            queries, status = len(ctx.captured_queries), resp.status_code
        return round(statistics.median(times), 1), queries, status

    service, body = worlds[0].service.code, providers[3].code
    figures: dict[str, Any] = {
        "applications": N_APPLICATIONS,
        "survey_answers": N_ANSWERS,
        "conclusions": N_CONCLUSIONS,
        "load_s": round(load_s, 1),
        "aggregate_rows": rows,
        "aggregate_rows_in_table": IndicatorAggregate.objects.count(),
        "aggregate_rebuild_year_s": round(rebuild_s, 1),
        "aggregate_refresh_month_s": round(month_s, 2),
    }
    for name, url, params in (
        ("page_national", "/public/quality/", {"year": "2026"}),
        ("page_service", "/public/quality/", {"year": "2026", "service": service}),
        ("page_body", "/public/quality/", {"year": "2026", "body": body}),
        ("json_national", "/public/quality/data.json", {"year": "2026"}),
        ("csv_indicators", "/public/quality/data.csv", {"year": "2026", "dataset": "indicators"}),
        ("api_indicators", "/api/v1/monitoring/indicators", {"year": "2026"}),
    ):
        ms, queries, status = timed(url, params)
        figures[f"{name}_status"] = status
        figures[f"{name}_queries"] = queries
        figures[f"{name}_median_ms"] = ms
    return figures
