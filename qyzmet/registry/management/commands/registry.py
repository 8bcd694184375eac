"""``qyzmet registry export FILE`` / ``qyzmet registry import FILE [--dry-run]``.

JSON or XLSX by the file's extension. The import is all-or-nothing; a dry run lists every
error with its row and field and writes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from qyzmet.registry.transfer import register_export, register_import


class Command(BaseCommand):
    help = "Import or export the register of public services (JSON or XLSX)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="Write the whole register to FILE (.json or .xlsx).")
        export.add_argument("file")
        imp = sub.add_parser("import", help="Read the register from FILE (.json or .xlsx).")
        imp.add_argument("file")
        imp.add_argument(
            "--dry-run", action="store_true", help="Check only: list every error, write nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        show = options.get("verbosity", 1) > 0

        def progress(items: Any) -> Any:
            return tqdm(list(items), desc=str(options["action"]), unit="service", disable=not show)

        if options["action"] == "export":
            register_export(path, progress=progress)
            self.stdout.write(f"exported to {path}")
            return
        if not path.exists():
            raise CommandError(f"{path}: no such file")
        report = register_import(actor=None, path=path, dry_run=options["dry_run"], progress=progress)
        for error in report.errors:
            self.stdout.write(str(error))
        if report.errors:
            raise CommandError(f"{len(report.errors)} error(s); nothing was written")
        verb = "would import" if report.dry_run else "imported"
        self.stdout.write(f"{verb} {report.services} services, {report.versions} versions")
