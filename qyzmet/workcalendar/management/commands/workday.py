"""``qyzmet workday DATE``: prints ``working`` or ``non-working: <reason>``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser

from qyzmet.workcalendar.management.commands._contract import OneLineErrorCommand, cli_calendar, iso_date


class Command(OneLineErrorCommand):
    help = "Tell whether a date is a working day, and why not."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("date", type=iso_date, help="YYYY-MM-DD")
        parser.add_argument(
            "--language",
            choices=["kk", "ru", "en"],
            default=None,
            help="language of the reason (default: kk)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        calendar = cli_calendar()
        reason = calendar.reason(options["date"])
        if reason is None:
            self.stdout.write("working")
        else:
            language = options["language"] or settings.LANGUAGE_CODE
            self.stdout.write(f"non-working: {reason.text(language)}")
