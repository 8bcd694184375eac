"""``qyzmet worker``: delivers the outbox after commit and runs the apps' periodic jobs.

Loops every ``--interval`` seconds; ``--once`` runs one pass and exits; SIGTERM/SIGINT finish
the current pass and stop cleanly.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from qyzmet.notify.jobs_runner import jobs_run_due
from qyzmet.notify.services import outbox_deliver_due
from qyzmet.ops.services import heartbeat_record


class Command(BaseCommand):
    help = "Deliver the outbox and run periodic jobs (qyzmet/<app>/jobs.py)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run one pass and exit.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between passes.")
        parser.add_argument("--batch", type=int, default=100, help="Outbox messages per pass.")
        parser.add_argument("--no-jobs", action="store_true", help="Only deliver the outbox.")

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()

        def _stop(signum: int, frame: FrameType | None) -> None:
            self.stdout.write(f"worker: signal {signum}, stopping after this pass")
            stop.set()

        previous = {}
        if not options["once"]:
            for signum in (signal.SIGTERM, signal.SIGINT):
                previous[signum] = signal.signal(signum, _stop)
        try:
            while True:
                self.run_pass(batch=options["batch"], jobs=not options["no_jobs"])
                if options["once"] or stop.wait(options["interval"]):
                    break
                close_old_connections()  # a long-running loop must not hold a dead connection
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        self.stdout.write("worker: stopped")

    def run_pass(self, *, batch: int, jobs: bool) -> None:
        heartbeat_record()  # readiness and the metrics read its age (ADR 0070)
        sent = outbox_deliver_due(batch=batch)
        if sent:
            self.stdout.write(f"worker: {sent} message(s) sent")
        if jobs:
            for name in jobs_run_due():
                self.stdout.write(f"worker: job {name} ran")
