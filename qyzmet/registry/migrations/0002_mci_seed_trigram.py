"""Seed MCI values (2024-2026, tenge) and enable pg_trgm for misspelling-tolerant search."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

MCI = {2024: 3692, 2025: 3932, 2026: 4325}


def seed_mci(apps, schema_editor):  # type: ignore[no-untyped-def]
    MciValue = apps.get_model("registry", "MciValue")
    for year, amount in MCI.items():
        MciValue.objects.update_or_create(year=year, defaults={"amount": amount})


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(seed_mci, migrations.RunPython.noop),
    ]
