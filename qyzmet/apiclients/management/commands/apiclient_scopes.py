"""``qyzmet apiclient-scopes``: every scope an API client may hold, with its description."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from qyzmet.apiclients.scopes import SCOPES


class Command(BaseCommand):
    help = "List every API scope with its description."

    def handle(self, *args: Any, **options: Any) -> None:
        width = max(len(name) for name in SCOPES)
        for scope in SCOPES.values():
            self.stdout.write(f"{scope.name.ljust(width)}  {scope.description}")
