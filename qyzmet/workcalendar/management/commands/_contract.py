"""The CLI contract of ``qyzmet deadline`` / ``qyzmet workday``: bad input prints ONE line on
stderr and exits 2 (Django prints usage lines on argparse errors and exits 1 on CommandError)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser, handle_default_options
from django.db import DatabaseError

from qyzmet.workcalendar.calendar import WorkCalendar
from qyzmet.workcalendar.selectors import build_calendar, get_calendar

BAD_INPUT_EXIT = 2


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else dt.date.fromisoformat("x")
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date {value!r}: expected YYYY-MM-DD") from None


def non_negative_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid number {value!r}: expected an integer >= 0") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"invalid number {value!r}: a term must be >= 0")
    return n


def cli_calendar() -> WorkCalendar:
    """The database-aware calendar; when the overrides table cannot be read (a database not
    migrated yet: there are no overrides) the statutory calendar, with a one-line warning."""
    try:
        return get_calendar()
    except DatabaseError as exc:
        message = " ".join(str(exc).split())
        sys.stderr.write(f"warning: calendar overrides not read ({message}): statutory calendar used\n")
        return build_calendar([])


class BadInput(CommandError):
    pass


class OneLineErrorCommand(BaseCommand):
    requires_system_checks: list[str] = []

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def error(message: str) -> NoReturn:
            raise BadInput(message)

        parser.error = error  # type: ignore[method-assign]
        return parser

    def run_from_argv(self, argv: list[str]) -> None:
        self._called_from_command_line = True
        parser = self.create_parser(argv[0], argv[1])
        try:
            options = parser.parse_args(argv[2:])
            cmd_options = vars(options)
            args = cmd_options.pop("args", ())
            handle_default_options(options)
            self.execute(*args, **cmd_options)
        except (CommandError, ValueError) as exc:
            message = " ".join(str(exc).split())
            sys.stderr.write(f"{argv[0]} {argv[1]}: error: {message}\n")
            sys.stderr.flush()
            sys.exit(BAD_INPUT_EXIT)
        except DatabaseError as exc:  # e.g. the database is not migrated: one line, exit 1
            message = " ".join(str(exc).split())
            sys.stderr.write(f"{argv[0]} {argv[1]}: database error: {message} (run 'qyzmet migrate')\n")
            sys.stderr.flush()
            sys.exit(1)
