"""``qyzmet deadline START (--working-days N | --calendar-days N) [--count-start-day]``.

Prints the last day of the term as ``YYYY-MM-DD`` (Civil Code 171: the term starts the day
after START unless ``--count-start-day``; Civil Code 173: a calendar-day term ending on a
non-working day ends on the next working day). Bad input: one line on stderr, exit 2."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from qyzmet.workcalendar.management.commands._contract import (
    OneLineErrorCommand,
    cli_calendar,
    iso_date,
    non_negative_int,
)


class Command(OneLineErrorCommand):
    help = "Print the due date of a term in working or calendar days (Civil Code 171-173)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("start", type=iso_date, help="the day of the event, YYYY-MM-DD")
        unit = parser.add_mutually_exclusive_group(required=True)
        unit.add_argument("--working-days", type=non_negative_int, metavar="N")
        unit.add_argument("--calendar-days", type=non_negative_int, metavar="N")
        parser.add_argument("--count-start-day", action="store_true", help="a working start day is day 1")

    def handle(self, *args: Any, **options: Any) -> None:
        calendar = cli_calendar()
        if options["working_days"] is not None:
            due = calendar.add_working_days(
                options["start"], options["working_days"], count_start_day=options["count_start_day"]
            )
        else:
            due = calendar.add_calendar_days(
                options["start"], options["calendar_days"], count_start_day=options["count_start_day"]
            )
        self.stdout.write(due.isoformat())
