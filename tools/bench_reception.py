"""Benchmark of the electronic queue (CRC 14): concurrent ticket issuing and the board read.

Run through ``make bench`` (a throwaway PostgreSQL). Figures: tickets issued per second by 8
parallel issuers, whether every number was distinct, and the median/p95 time of the board
state read the board polls every second.
"""

from __future__ import annotations

import statistics
import threading
import time
import uuid
from typing import Any


def run() -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    call_command("migrate", verbosity=0)
    from qyzmet.orgs.enums import OrganisationKind
    from qyzmet.orgs.services import organisation_create
    from qyzmet.reception.enums import ZoneKind
    from qyzmet.reception.models import Ticket
    from qyzmet.reception.selectors import board_state
    from qyzmet.reception.services import hall_create, ticket_call_next, ticket_issue

    tag = uuid.uuid4().hex[:8]
    centre = organisation_create(
        code=f"bench-crc-{tag}", kind=OrganisationKind.RECEPTION_CENTRE, name_kk="Бенч", name_ru="Бенч"
    )
    hall = hall_create(code=f"bench-{tag}", centre=centre, name_kk="Бенч", name_ru="Бенч")
    zone = hall.zones.get(kind=ZoneKind.RESULT)
    threads_n, per_thread = 8, 25

    def issuer() -> None:
        try:
            for _ in range(per_thread):
                ticket_issue(actor=None, zone=zone, language="kk", visitor_document="BENCH")
        finally:
            connection.close()

    with override_settings(QYZMET_RECEPTION_ENFORCE_HOURS=False):
        started = time.perf_counter()
        workers = [threading.Thread(target=issuer) for _ in range(threads_n)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        elapsed = time.perf_counter() - started
        for desk in zone.desks.all():
            ticket_call_next(actor=None, desk=desk)
    numbers = list(Ticket.objects.filter(zone=zone).values_list("number", flat=True))
    reads = []
    for _ in range(50):
        t = time.perf_counter()
        board_state(hall=hall)
        reads.append((time.perf_counter() - t) * 1000)
    reads.sort()
    return {
        "tickets": len(numbers),
        "distinct_numbers": len(set(numbers)) == len(numbers) == threads_n * per_thread,
        "tickets_per_s": round(len(numbers) / elapsed, 1),
        "board_state_median_ms": round(statistics.median(reads), 2),
        "board_state_p95_ms": round(reads[int(len(reads) * 0.95) - 1], 2),
    }
