"""Benchmark of the one search over the register (ADR 0024) on the demo register (43 services).

``make bench`` runs it on PostgreSQL; ``DJANGO_SETTINGS_MODULE=config.settings.test_sqlite
python tools/bench.py search`` on the embedded SQLite (in memory). Figures: median and p95
time of one ``service_search`` for a mix of queries (a name word, a word form, a synonym, a
phrase, a typo, a life event; kk, ru, en), and of the catalogue search with its prefetches.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

QUERIES = [
    "неке",
    "БРАКА",
    "прописка",
    '"заключения брака"',
    "удостоверния личности",
    "ребенок родился",
    "бала туылды",
    "a child is born",
]
ROUNDS = 30


def run() -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import connection

    from tools.timing import median_p95, times_ms

    call_command("migrate", verbosity=0)
    from qyzmet.orgs import demo as orgs_demo
    from qyzmet.registry import demo
    from qyzmet.registry.models import Service
    from qyzmet.registry.search import service_search
    from qyzmet.registry.selectors import catalogue_search

    orgs_demo.load(io.StringIO())
    demo.load(io.StringIO())
    on = dt.date(2026, 11, 23)

    def search_all() -> None:
        for q in QUERIES:
            service_search(q=q)

    def catalogue_all() -> None:
        for q in QUERIES:
            list(catalogue_search(on=on, q=q))

    per_query = [t / len(QUERIES) for t in times_ms(search_all, ROUNDS)]
    per_catalogue = [t / len(QUERIES) for t in times_ms(catalogue_all, ROUNDS)]
    return {
        "database": connection.vendor,
        "services": Service.objects.count(),
        **median_p95("service_search", per_query, 2),
        **median_p95("catalogue_search", per_catalogue, 2),
    }
