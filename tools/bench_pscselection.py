"""Benchmark of the PSC 4 candidate selector on 1,000,000 applications.

Run through ``make bench`` (a throwaway PostgreSQL). One application is written through the
model; the rest are copies of it made by one ``INSERT ... SELECT generate_series`` (each with
its own number, service, provider, channel, decision and date in 2025): 50 services with
20,000 applications each and two at the threshold (999 and 1,000), over 10 providers and four
channels; a tenth refused, a twentieth still open (in blocks of 20 numbers a service). Figures: the load time, the selector's
query count and median time (the candidates of 2025 as the 2026 list is formed), the time to
form the list (which also freezes the volumes and reads the quality indicators) and the count
of candidates checked against the hand count.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
import uuid
from typing import Any

from tools.bulk_sql import clone, plain_indexes_dropped, sql_array

N_APPLICATIONS = 1_000_000
N_SERVICES = 50
N_PROVIDERS = 10


def run() -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    from qyzmet.delivery.models import Application
    from qyzmet.orgs.tests.factories import OrganisationFactory
    from qyzmet.pscselection import selectors, services
    from qyzmet.pscselection.tests.factories import authority_officer, decided, service

    started = time.perf_counter()
    tag = uuid.uuid4().hex[:6]
    providers = [OrganisationFactory.create() for _ in range(N_PROVIDERS)]
    # 30 services meeting a criterion, 5 of them already in the PSCs, 20 meeting none
    rows = []
    for i in range(N_SERVICES):
        rows.append(service(informational=i < 30, via_state_corporation=i < 5))
    at_999, at_1000 = service(), service()
    decided(at_999, 999)
    decided(at_1000, 1000)
    template = Application.objects.filter(service=at_1000).first()
    assert template is not None
    _bulk_copy(template, tag, [s.pk for s in rows], [p.pk for p in providers], N_APPLICATIONS)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    load_s = time.perf_counter() - started
    total = Application.objects.count()

    on = dt.date(2026, 3, 18)
    times, queries, found = [], 0, 0
    for _ in range(3):
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            found = len(selectors.candidate_list(year=2025, on=on))
            times.append((time.perf_counter() - t) * 1000)
        queries = len(ctx.captured_queries)
    expected = 25 + 1  # 30 with a criterion, less 5 in the PSCs; and the one at 1,000
    officer = authority_officer("bench.it.officer")
    t = time.perf_counter()
    with CaptureQueriesContext(connection) as form_ctx:
        the_list = services.selection_list_form(actor=officer, cycle=services.cycle_for(2026), formed_on=on)
    form_ms = (time.perf_counter() - t) * 1000
    return {
        "applications": total,
        "load_s": round(load_s, 1),
        "candidate_selector_queries": queries,
        "candidate_selector_median_ms": round(statistics.median(times), 1),
        "candidates": found,
        "candidates_hand_count": expected,
        "candidates_match_hand_count": found == expected,
        "list_form_ms": round(form_ms, 1),
        "list_form_queries": len(form_ctx.captured_queries),
        "list_entries": the_list.entries.count(),
    }


def _bulk_copy(template: Any, tag: str, service_ids: list[int], provider_ids: list[int], n: int) -> None:
    """``n`` copies of ``template`` in one statement (tools/bulk_sql.py), each decided on a day of 2025."""
    from qyzmet.delivery.models import Application

    table = Application._meta.db_table
    services_sql = sql_array(service_ids)
    providers_sql = sql_array(provider_ids)
    decided = "(timestamptz '2025-01-01 11:00+05' + ((g %% 365) * interval '1 day'))"
    status = "(CASE WHEN g %% 10 = 0 THEN 'refused' WHEN g %% 20 = 1 THEN 'in_work' ELSE 'issued' END)"
    overrides = {
        "number": f"'B{tag}-' || lpad(g::text, 8, '0')",
        "service_id": f"({services_sql})[1 + ((g / 20) %% {len(service_ids)})]",
        "provider_id": f"({providers_sql})[1 + ((g / 7) %% {len(provider_ids)})]",
        "channel": "(ARRAY['provider','egov_portal','state_corporation','mobile'])[1 + (g %% 4)]",
        "status": status,
        "result_ready_at": f"(CASE WHEN g %% 10 = 0 OR g %% 20 = 1 THEN NULL ELSE {decided} END)",
        "closed_at": f"(CASE WHEN g %% 20 = 1 THEN NULL ELSE {decided} END)",
        "submitted_at": f"({decided} - interval '3 days')",
        "registered_on": f"(({decided} - interval '3 days') AT TIME ZONE 'Asia/Almaty')::date",
        "due_on": f"({decided} AT TIME ZONE 'Asia/Almaty')::date",
        "created_at": "now()",
        "updated_at": "now()",
    }
    with plain_indexes_dropped(table):
        clone(Application, template.pk, n, overrides)
