"""``qyzmet apiclient-create NAME --organisation CODE --scope SCOPE [--scope SCOPE ...]``:
creates the client and prints its first token alone on stdout (exit 0); bad input prints one
line on stderr and exits 2."""

from __future__ import annotations

import sys
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from qyzmet.apiclients.services import apiclient_create
from qyzmet.core.errors import ApplicationError
from qyzmet.orgs.models import Organisation


def fail(message: str) -> NoReturn:
    sys.stderr.write(message.replace("\n", " ") + "\n")
    sys.exit(2)


class Command(BaseCommand):
    help = "Create an API client of an organisation with its scopes; print its first token."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def one_line(message: str) -> NoReturn:  # argparse's error as one line, not the usage block
            fail(f"{parser.prog}: {message}")

        parser.error = one_line  # type: ignore[method-assign]
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--organisation", required=True, help="organisation code")
        parser.add_argument("--scope", action="append", required=True, help="a scope (repeatable)")
        parser.add_argument("--days", type=int, default=365, help="token validity in days")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(code=options["organisation"]).first()
        if organisation is None:
            fail(f"unknown organisation: {options['organisation']}")
        try:
            _client, token = apiclient_create(
                actor=None,
                name=options["name"],
                organisation=organisation,
                scopes=options["scope"],
                token_days=options["days"],
            )
        except ApplicationError as exc:
            fail(exc.message_for("en"))
        self.stdout.write(token)
