"""``qyzmet psc-cycle YEAR``: the seven dated steps of the PSC selection of YEAR, one a line,
``<step> YYYY-MM-DD``, in order: proposals (PSC 5), list (PSC 6), commission (PSC 7),
protocol-1 and register-draft-1 (PSC 9, 10), protocol-2 and register-draft-2. The dates are
those the rules write, moved off non-working days by the working calendar with its overrides
(the next working day by default, ADR 0041). A year that is not a number from 2015 to 2100:
one line on stderr, exit 2."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from qyzmet.pscselection import terms
from qyzmet.workcalendar.management.commands._contract import BadInput, OneLineErrorCommand, cli_calendar


def cycle_year(value: str) -> int:
    text = (value or "").strip()
    if not (text.isascii() and text.isdigit()) or not terms.valid_year(int(text)):
        raise BadInput(
            f"invalid year {value!r}: expected a number from {terms.FIRST_YEAR} to {terms.LAST_YEAR}"
        )
    return int(text)


class Command(OneLineErrorCommand):
    help = "Print the due dates of the yearly PSC selection cycle (PSC 5-10), one step a line."

    def run_from_argv(self, argv: list[str]) -> None:
        # One line names the command as it is typed: ``qyzmet psc-cycle: error: ...``.
        super().run_from_argv([argv[0], "psc-cycle", *argv[2:]])

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("year", help=f"the year of the cycle, {terms.FIRST_YEAR}-{terms.LAST_YEAR}")

    def handle(self, *args: Any, **options: Any) -> None:
        year = cycle_year(options["year"])
        calendar = cli_calendar()
        for step in terms.cycle_dates(year, calendar=calendar):
            self.stdout.write(f"{step.step.value} {step.due_on.isoformat()}")
