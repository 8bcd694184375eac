"""``qyzmet search_index_rebuild``: rewrite the search index row of every service (ADR 0024),
e.g. after editing ``qyzmet/registry/search_vocabulary.py``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from qyzmet.registry.services import search_index_rebuild


class Command(BaseCommand):
    help = "Rebuild the search index of the register (names, synonyms, life events; kk/ru/en)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = search_index_rebuild()
        self.stdout.write(f"search index: {count} services indexed")
