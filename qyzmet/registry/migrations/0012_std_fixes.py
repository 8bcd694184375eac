"""Tester's finding 9: the approving act and what a version changes are kept in Kazakh and in
Russian, each shown on the page of its language. A text kept so far (in one language or in both
joined by " / ") is copied into both; the drafter words it per language on the next draft."""

from typing import Any

from django.db import migrations, models


def _copy_to_both(apps: Any, schema_editor: Any) -> None:
    StandardVersion = apps.get_model("registry", "StandardVersion")
    for version in StandardVersion.objects.exclude(approval_act="", change_summary=""):
        version.approval_act_kk = version.approval_act_ru = version.approval_act
        version.change_summary_kk = version.change_summary_ru = version.change_summary
        version.save(update_fields=["approval_act_kk", "approval_act_ru", "change_summary_kk", "change_summary_ru"])


def _join(apps: Any, schema_editor: Any) -> None:
    StandardVersion = apps.get_model("registry", "StandardVersion")
    for version in StandardVersion.objects.all():
        version.approval_act = version.approval_act_ru or version.approval_act_kk
        version.change_summary = version.change_summary_ru or version.change_summary_kk
        version.save(update_fields=["approval_act", "change_summary"])


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0011_std_every_point"),
    ]

    operations = [
        migrations.AddField(
            model_name="standardversion",
            name="approval_act_kk",
            field=models.CharField(blank=True, max_length=300, verbose_name="approving act (Kazakh)"),
        ),
        migrations.AddField(
            model_name="standardversion",
            name="approval_act_ru",
            field=models.CharField(blank=True, max_length=300, verbose_name="approving act (Russian)"),
        ),
        migrations.AddField(
            model_name="standardversion",
            name="change_summary_kk",
            field=models.TextField(blank=True, verbose_name="what changes (Kazakh)"),
        ),
        migrations.AddField(
            model_name="standardversion",
            name="change_summary_ru",
            field=models.TextField(blank=True, verbose_name="what changes (Russian)"),
        ),
        migrations.RunPython(_copy_to_both, _join),
        migrations.RemoveField(
            model_name="standardversion",
            name="approval_act",
        ),
        migrations.RemoveField(
            model_name="standardversion",
            name="change_summary",
        ),
    ]
