"""``qyzmet openapi [--check]``: write the REST v1 OpenAPI document to docs/openapi.json (the
committed contract), or with ``--check`` exit 1 when the code has drifted from it."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from qyzmet.api.v1 import api

CONTRACT = Path(settings.BASE_DIR) / "docs" / "openapi.json"


def openapi_text() -> str:
    return json.dumps(api.get_openapi_schema(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


class Command(BaseCommand):
    help = "Write (or --check) the committed OpenAPI document docs/openapi.json."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        text = openapi_text()
        if options["check"]:
            if not CONTRACT.exists() or CONTRACT.read_text() != text:
                sys.stderr.write(
                    "docs/openapi.json differs from the code: run `qyzmet openapi` and review the diff\n"
                )
                sys.exit(1)
            return
        CONTRACT.write_text(text)
        self.stdout.write(str(CONTRACT))
