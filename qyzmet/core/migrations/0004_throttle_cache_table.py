"""The table of the "throttle" cache (ADR 0011), made by Django's own ``createcachetable`` so
that ``make run`` (SQLite) and the suite and production (PostgreSQL) all have it."""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLE = "core_throttle_cache"


def forward(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def backward(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0003_auditlog_append_only")]

    operations = [migrations.RunPython(forward, backward)]
