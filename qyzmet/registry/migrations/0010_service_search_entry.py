"""ADR 0024: one search index row per service; on PostgreSQL a GIN full-text index and a
pg_trgm GIN index (pg_trgm is enabled by 0002) on its ``document``; the rows are built from the
services already in the register."""

import django.db.models.deletion
from django.db import migrations, models

FTS_INDEX = "registry_search_document_fts"
TRGM_INDEX = "registry_search_document_trgm"


def _indexes():  # type: ignore[no-untyped-def]
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    return [
        GinIndex(SearchVector("document", config="simple"), name=FTS_INDEX),
        GinIndex(fields=["document"], opclasses=["gin_trgm_ops"], name=TRGM_INDEX),
    ]


def add_pg_indexes(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    model = apps.get_model("registry", "ServiceSearchEntry")
    for index in _indexes():
        schema_editor.add_index(model, index)


def drop_pg_indexes(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    model = apps.get_model("registry", "ServiceSearchEntry")
    for index in _indexes():
        schema_editor.remove_index(model, index)


def build_entries(apps, schema_editor):  # type: ignore[no-untyped-def]
    from qyzmet.registry.search import entry_fields

    Service = apps.get_model("registry", "Service")
    Entry = apps.get_model("registry", "ServiceSearchEntry")
    for service in Service.objects.select_related("sphere", "life_situation"):
        situation = service.life_situation
        fields = entry_fields(
            code=service.code,
            texts={
                "name_kk": service.name_kk,
                "name_ru": service.name_ru,
                "description_kk": service.description_kk,
                "description_ru": service.description_ru,
                "situation_kk": situation.name_kk if situation else "",
                "situation_ru": situation.name_ru if situation else "",
                "sphere_kk": service.sphere.name_kk,
                "sphere_ru": service.sphere.name_ru,
            },
            situation_codes=[situation.code] if situation else [],
        )
        Entry.objects.update_or_create(service=service, defaults=fields)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0009_form_field_type_iban"),
    ]

    operations = [
        migrations.CreateModel(
            name="ServiceSearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("names", models.TextField(blank=True)),
                ("name_stems", models.TextField(blank=True)),
                ("synonyms", models.TextField(blank=True)),
                ("synonym_stems", models.TextField(blank=True)),
                ("descriptions", models.TextField(blank=True)),
                ("description_stems", models.TextField(blank=True)),
                ("document", models.TextField(blank=True)),
                (
                    "service",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="search_entry",
                        to="registry.service",
                    ),
                ),
            ],
            options={
                "verbose_name": "search entry",
                "verbose_name_plural": "search entries",
                "ordering": ["service_id"],
            },
        ),
        migrations.RunPython(add_pg_indexes, drop_pg_indexes),
        migrations.RunPython(build_entries, migrations.RunPython.noop),
    ]
