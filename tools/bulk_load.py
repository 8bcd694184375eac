"""Bulk loading and timing shared by the quality benchmarks (``tools/bench_quality.py``,
``tools/bench_public_quality.py``): copies of submitted applications spread over providers and
the 12 months of 2026, anonymous survey answers, and the median of a page read through the test
client with its query count."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import time
from typing import Any
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Almaty")


def bulk_applications(
    *, templates: list[Any], providers: list[Any], prefix: str, n: int, rng: random.Random
) -> None:
    """``n`` copies of ``templates`` (round robin), numbered ``<prefix>-0000000``..., each service
    spread over every provider; due dates over 2026; 85% issued (some late), 10% refused, 5% in work."""
    from qyzmet.delivery.enums import ApplicationStatus
    from qyzmet.delivery.models import Application

    fields = [f.attname for f in Application._meta.concrete_fields]
    batch: list[Application] = []
    for i in range(n):
        tpl = templates[i % len(templates)]
        app = Application(**{f: getattr(tpl, f) for f in fields})
        app.pk = None
        app.number = f"{prefix}-{i:07d}"
        app.idempotency_key = ""
        app.provider_id = providers[(i // len(templates)) % len(providers)].pk
        due = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(365))
        app.due_on = due
        roll = rng.random()
        if roll < 0.85:
            app.status = ApplicationStatus.ISSUED
            decided = dt.datetime.combine(due - dt.timedelta(days=rng.randrange(-3, 5)), dt.time(11), TZ)
            app.result_ready_at = app.closed_at = decided
        elif roll < 0.95:
            app.status = ApplicationStatus.REFUSED
            app.closed_at = dt.datetime.combine(due - dt.timedelta(days=1), dt.time(15), TZ)
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


def bulk_survey_answers(
    *, services: list[Any], providers: list[Any], prefix: str, n: int, rng: random.Random
) -> int:
    """``n`` anonymous survey answers (one in five about a complaint) over 2026; their count."""
    from qyzmet.quality.enums import CaseKind
    from qyzmet.quality.models import SurveyAnswer, SurveyInvitation

    SurveyInvitation.objects.bulk_create(
        [
            SurveyInvitation(
                token=f"{prefix}-{i}",
                case_kind=CaseKind.APPLICATION if i % 5 else CaseKind.COMPLAINT,
                case_number=f"{prefix}-{i:07d}",
                case_date=dt.date(2026, 1, 1) + dt.timedelta(days=i % 365),
                service_id=services[i % len(services)].pk,
                provider_id=providers[i % len(providers)].pk,
                channel="cabinet",
            )
            for i in range(n)
        ],
        batch_size=5000,
    )
    answers = []
    for inv in SurveyInvitation.objects.filter(token__startswith=f"{prefix}-").only(
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
    return len(answers)


def analyze() -> None:
    """Fresh planner statistics after a bulk load (PostgreSQL only)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def allow_test_client() -> None:
    """Lets the Django test client in (ALLOWED_HOSTS "testserver") outside pytest."""
    from django.test.utils import setup_test_environment

    with contextlib.suppress(RuntimeError):
        setup_test_environment()


def timed_get(client: Any, url: str, params: dict[str, str], rounds: int = 5) -> tuple[list[float], int, int]:
    """``rounds`` GETs of ``url``: their milliseconds, the query count and the status of the last."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries, status = [], 0, 0
    for _ in range(rounds):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            resp = client.get(url, params)
            times.append((time.perf_counter() - started) * 1000)
        queries, status = len(ctx.captured_queries), resp.status_code
    return times, queries, status
