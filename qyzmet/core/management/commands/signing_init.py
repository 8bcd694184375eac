"""``qyzmet signing_init``: create the demo CA that signs the organisations' document keys
(issue 13.4, ADR 0017) in ``QYZMET_SIGNING_DIR`` (``var/signing``) unless one is there. Run by
``make demo``; an organisation's key is then issued on first use. A deployment brings its own
directory (its CA certificate and its organisations' keys) instead. Idempotent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from qyzmet.core import signing


class Command(BaseCommand):
    help = "Create the demo CA for signed documents in QYZMET_SIGNING_DIR (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", dest="directory", default="", help="another directory than the setting")

    def handle(self, *args: Any, directory: str, **options: Any) -> None:
        path = signing.signing_init(directory=Path(directory) if directory else None)
        self.stdout.write(f"Trust root: {path}")
