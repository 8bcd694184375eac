"""Benchmark of the quality indicator page (STD 19-20 appendix) on 100,000 applications.

Run through ``make bench`` (a throwaway PostgreSQL). One application per service is submitted
through the delivery service; the rest are bulk copies of it (different numbers, due dates and
decisions) spread over 3 services, 5 providers and 12 months, plus 20,000 anonymous survey
answers. Figures: the query count and time of the indicator page for a year (national, as an
inspector), of the API for a month, and of the XLSX export.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import statistics
import time
import uuid
from typing import Any
from zoneinfo import ZoneInfo

N_APPLICATIONS = 100_000
N_ANSWERS = 20_000


def run() -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    from qyzmet.delivery.enums import ApplicationStatus
    from qyzmet.delivery.models import Application
    from qyzmet.delivery.tests.factories import make_world, submit
    from qyzmet.orgs.tests.factories import OrganisationFactory
    from qyzmet.quality.enums import CaseKind
    from qyzmet.quality.models import SurveyAnswer, SurveyInvitation
    from qyzmet.quality.tests.factories import inspector

    tz = ZoneInfo("Asia/Almaty")
    rng = random.Random(2026)
    tag = uuid.uuid4().hex[:6]
    worlds = [make_world() for _ in range(3)]
    providers = [w.provider for w in worlds] + [OrganisationFactory.create() for _ in range(2)]
    templates = [submit(w) for w in worlds]
    started = time.perf_counter()
    batch: list[Application] = []
    for i in range(N_APPLICATIONS):
        tpl = templates[i % len(templates)]
        app = Application(**{f.attname: getattr(tpl, f.attname) for f in Application._meta.concrete_fields})
        app.pk = None
        app.number = f"B{tag}-{i:07d}"
        app.idempotency_key = ""
        app.provider_id = providers[i % len(providers)].pk
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
        if len(batch) == 5000:
            Application.objects.bulk_create(batch)
            batch = []
    if batch:
        Application.objects.bulk_create(batch)
    invitations = [
        SurveyInvitation(
            token=f"bench-{tag}-{i}",
            case_kind=CaseKind.APPLICATION if i % 5 else CaseKind.COMPLAINT,
            case_number=f"B{tag}-{i:07d}",
            case_date=dt.date(2026, 1, 1) + dt.timedelta(days=i % 365),
            service_id=worlds[i % 3].service.pk,
            provider_id=providers[i % len(providers)].pk,
            channel="cabinet",
        )
        for i in range(N_ANSWERS)
    ]
    SurveyInvitation.objects.bulk_create(invitations, batch_size=5000)
    answers = []
    for inv in SurveyInvitation.objects.filter(token__startswith=f"bench-{tag}-").only(
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
    _norms_and_targets([w.service for w in worlds])
    load_s = time.perf_counter() - started
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")

    from django.test.utils import setup_test_environment

    with contextlib.suppress(RuntimeError):
        setup_test_environment()  # lets the test client in (ALLOWED_HOSTS "testserver")
    client = Client()
    client.force_login(inspector())

    def timed(url: str, params: dict[str, str]) -> tuple[list[float], int, int]:
        times, queries, status = [], 0, 0
        for _ in range(5):
            with CaptureQueriesContext(connection) as ctx:
                t = time.perf_counter()
                resp = client.get(url, params)
                times.append((time.perf_counter() - t) * 1000)
            queries, status = len(ctx.captured_queries), resp.status_code
        return times, queries, status

    page, page_q, page_status = timed("/quality/", {"period": "2026"})
    month, month_q, _s = timed("/quality/", {"period": "2026-06"})
    one, one_q, _o = timed("/quality/", {"period": "2026", "service": worlds[0].service.code})
    api, api_q, api_status = timed("/api/v1/quality/indicators", {"period": "2026-06"})
    xlsx, xlsx_q, _x = timed("/quality/export.xlsx", {"period": "2026"})
    return {
        "applications": Application.objects.filter(number__startswith=f"B{tag}-").count(),
        "survey_answers": len(answers),
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
