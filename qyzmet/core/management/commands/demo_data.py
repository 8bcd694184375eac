"""Load the demo data of every app (safe to run again: each loader is idempotent).

Each app that has demo data exposes ``qyzmet.<app>.demo.load(stdout)``; they run in the order of
``DEMO_ORDER`` (an app's data may build on the apps before it) in one transaction per app.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

DEMO_ORDER = [
    "workcalendar",
    "orgs",
    "notify",
    "registry",
    "delivery",
    "apiclients",
    "complaints",
    "quality",
    "reception",
    "retention",
    "contactcentre",
    "pscselection",
    "monitoring",
    "oversight",
    "web",
]


class Command(BaseCommand):
    help = "Load the demo data (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.QYZMET_PRODUCTION:
            # The demo users' password is published (docs/demo-users.md).
            raise CommandError("demo_data refuses to run under the production settings.")
        for app in DEMO_ORDER:
            try:
                module = importlib.import_module(f"qyzmet.{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name in {f"qyzmet.{app}", f"qyzmet.{app}.demo"}:
                    continue
                raise
            with transaction.atomic():
                module.load(stdout=self.stdout)
            self.stdout.write(f"demo data: {app} ready")
