"""``qyzmet sweep [--today YYYY-MM-DD]``: mark overdue applications as term violations
(Law 5.2.5; idempotent, safe to run any number of times)."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from qyzmet.delivery.services import application_sweep_overdue


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date {value!r}: expected YYYY-MM-DD") from None


class Command(BaseCommand):
    help = "Mark applications past their due date as term violations (Law 5.2.5)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=_date, default=None, help="the day to sweep as (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        marked = application_sweep_overdue(today=options["today"])
        self.stdout.write(f"{marked} application(s) marked as term violations")
