"""Benchmark of the quality indicator page (STD 19-20 appendix) on 100,000 applications.

Run through ``make bench`` (a throwaway PostgreSQL). One application per service is submitted
through the delivery service; the rest are bulk copies of it (different numbers, due dates and
decisions) spread over 3 services, 5 providers and 12 months, plus 20,000 anonymous survey
answers. Figures: the query count and time of the indicator page for a year (national, as an
inspector), of the API for a month, and of the XLSX export.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import statistics
import time
import uuid
from typing import Any

from tools.bulk_load import allow_test_client, analyze, bulk_applications, bulk_survey_answers, timed_get

N_APPLICATIONS = 100_000
N_ANSWERS = 20_000


def run() -> dict[str, Any]:
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    from qyzmet.delivery.models import Application
    from qyzmet.delivery.tests.factories import make_world, submit
    from qyzmet.orgs.tests.factories import OrganisationFactory
    from qyzmet.quality.tests.factories import inspector

    rng = random.Random(2026)
    tag = uuid.uuid4().hex[:6]
    worlds = [make_world() for _ in range(3)]
    providers = [w.provider for w in worlds] + [OrganisationFactory.create() for _ in range(2)]
    templates = [submit(w) for w in worlds]
    started = time.perf_counter()
    bulk_applications(templates=templates, providers=providers, prefix=f"B{tag}", n=N_APPLICATIONS, rng=rng)
    n_answers = bulk_survey_answers(
        services=[w.service for w in worlds], providers=providers, prefix=f"bench-{tag}", n=N_ANSWERS, rng=rng
    )
    _norms_and_targets([w.service for w in worlds])
    load_s = time.perf_counter() - started
    analyze()
    allow_test_client()
    client = Client()
    client.force_login(inspector())
    timed = functools.partial(timed_get, client)

    page, page_q, page_status = timed("/quality/", {"period": "2026"})
    month, month_q, _s = timed("/quality/", {"period": "2026-06"})
    one, one_q, _o = timed("/quality/", {"period": "2026", "service": worlds[0].service.code})
    api, api_q, api_status = timed("/api/v1/quality/indicators", {"period": "2026-06"})
    xlsx, xlsx_q, _x = timed("/quality/export.xlsx", {"period": "2026"})
    return {
        "applications": Application.objects.filter(number__startswith=f"B{tag}-").count(),
        "survey_answers": n_answers,
        "load_s": round(load_s, 1),
        "page_year_status": page_status,
        "page_year_queries": page_q,
        "page_year_median_ms": round(statistics.median(page), 1),
        "page_month_queries": month_q,
        "page_month_median_ms": round(statistics.median(month), 1),
        "page_service_queries": one_q,
        "page_service_median_ms": round(statistics.median(one), 1),
        "api_month_status": api_status,
        "api_month_queries": api_q,
        "api_month_median_ms": round(statistics.median(api), 1),
        "xlsx_year_queries": xlsx_q,
        "xlsx_year_median_ms": round(statistics.median(xlsx), 1),
    }


def _norms_and_targets(services_: list[Any]) -> None:
    """The national defaults, the own normative values of two services and next year's targets
    approved by order (STD 20), so the page reads columns 2 and 3 too."""
    from qyzmet.quality import services
    from qyzmet.quality.enums import Indicator

    order_date = dt.date(2026, 11, 2)
    for code in Indicator.values:
        services.indicator_norm_set(actor=None, indicator=code, value=90, legal_basis="bench")
        for i, service in enumerate(services_):
            if i < 2:
                services.indicator_norm_set(
                    actor=None, service=service, indicator=code, value=85, legal_basis="bench"
                )
            services.indicator_target_set(
                actor=None,
                service=service,
                indicator=code,
                year=2027,
                value=95,
                order_number="bench-1",
                order_date=order_date,
            )
