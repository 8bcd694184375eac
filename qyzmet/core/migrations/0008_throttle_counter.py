"""ADR 0075: throttle counts live in ``core_throttlecounter`` (one upsert per attempt); the
"throttle" cache table of ADR 0011 (migration 0004) goes."""

from django.db import migrations, models


def drop_cache_table(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS core_throttle_cache")


def make_cache_table(apps, schema_editor):
    from django.core.management.commands.createcachetable import Command as CreateCacheTable

    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, "core_throttle_cache", dry_run=False)


class Migration(migrations.Migration):
    dependencies = [("core", "0007_auditlog_api_client")]

    operations = [
        migrations.CreateModel(
            name="ThrottleCounter",
            fields=[
                ("key", models.CharField(max_length=64, primary_key=True, serialize=False, verbose_name="key")),
                ("count", models.PositiveIntegerField(verbose_name="count")),
                ("expires", models.DateTimeField(db_index=True, verbose_name="window ends")),
            ],
            options={"verbose_name": "throttle counter", "verbose_name_plural": "throttle counters"},
        ),
        migrations.RunPython(drop_cache_table, make_cache_table),
    ]
