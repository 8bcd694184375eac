"""Test settings on the embedded SQLite (ADR 0024): the search tests run here as well as on
PostgreSQL, so both databases give the same answers. In-memory database."""

from config.settings.test import *  # noqa: F403

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
QYZMET_DATABASE_RUNTIME_USER = ""
