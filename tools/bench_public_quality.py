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

import datetime as dt
import os
import random
import statistics
import time
import uuid
from typing import Any
from zoneinfo import ZoneInfo

from tools.bulk_load import allow_test_client, analyze, bulk_applications, bulk_survey_answers, timed_get

N_APPLICATIONS = int(os.environ.get("BENCH_PUBLIC_QUALITY_N", "1000000"))
N_ANSWERS = 50_000
N_SERVICES = 10
N_PROVIDERS = 20
N_CONCLUSIONS = 20


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
    from django.test import Client

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
    bulk_applications(templates=templates, providers=providers, prefix=f"P{tag}", n=N_APPLICATIONS, rng=rng)
    bulk_survey_answers(
        services=[w.service for w in worlds],
        providers=providers,
        prefix=f"pbench-{tag}",
        n=N_ANSWERS,
        rng=rng,
    )
    _norms_and_targets([w.service for w in worlds])
    _conclusions(worlds)
    load_s = time.perf_counter() - started
    analyze()
    today = dt.date(2026, 12, 31)
    t = time.perf_counter()
    rows = services.indicator_aggregate_rebuild(
        start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31), now=dt.datetime(2026, 12, 31, 23, tzinfo=dt.UTC)
    )
    rebuild_s = time.perf_counter() - t
    t = time.perf_counter()
    services.indicator_aggregate_refresh(year=2026, month=12, today=today)
    month_s = time.perf_counter() - t
    analyze()
    allow_test_client()
    client = Client()  # anonymous

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
        times, queries, status = timed_get(client, url, params)
        figures[f"{name}_status"] = status
        figures[f"{name}_queries"] = queries
        figures[f"{name}_median_ms"] = round(statistics.median(times), 1)
    return figures
