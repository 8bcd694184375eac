"""The region becomes a code of the first-level unit, named in the reader's language. Texts are
converted by their Kazakh or Russian name (the demo's and any typed the same way: "Ақмола
облысы", "Акмолинская область", "Астана"...); a text that names no unit is left empty, since the
organisation's address still says where it is."""

from django.db import migrations, models

_STEMS = {
    "абай": "abai", "ақмола": "akmola", "акмол": "akmola", "ақтөбе": "aktobe", "актюб": "aktobe",
    "алматы облысы": "almaty_region", "алматинская": "almaty_region", "атырау": "atyrau",
    "шығыс қазақстан": "east_kazakhstan", "восточно": "east_kazakhstan", "жамбыл": "jambyl",
    "жетісу": "jetisu", "қарағанды": "karaganda", "карагандин": "karaganda", "қостанай": "kostanay",
    "костанай": "kostanay", "қызылорда": "kyzylorda", "кызылордин": "kyzylorda",
    "маңғыстау": "mangystau", "мангистау": "mangystau", "солтүстік": "north_kazakhstan",
    "северо": "north_kazakhstan", "павлодар": "pavlodar", "түркістан": "turkistan",
    "туркестан": "turkistan", "ұлытау": "ulytau", "улытау": "ulytau", "батыс": "west_kazakhstan",
    "западно": "west_kazakhstan", "астана": "astana", "алматы": "almaty", "шымкент": "shymkent",
    "берлин": "abroad", "франкфурт": "abroad",
}


def _code(text: str) -> str:
    low = " ".join(text.lower().split())
    for stem, code in _STEMS.items():  # "алматы облысы" is tried before "алматы"
        if low.startswith(stem):
            return code
    return ""


def forwards(apps, schema_editor):
    Organisation = apps.get_model("orgs", "Organisation")
    for org in Organisation.objects.exclude(region="").only("pk", "region"):
        Organisation.objects.filter(pk=org.pk).update(region=_code(org.region))


class Migration(migrations.Migration):

    dependencies = [
        ('orgs', '0002_recipientcompany'),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='organisation',
            name='region',
            field=models.CharField(blank=True, choices=[('abai', 'Abai Region'), ('akmola', 'Akmola Region'), ('aktobe', 'Aktobe Region'), ('almaty_region', 'Almaty Region'), ('atyrau', 'Atyrau Region'), ('east_kazakhstan', 'East Kazakhstan Region'), ('jambyl', 'Jambyl Region'), ('jetisu', 'Jetisu Region'), ('karaganda', 'Karaganda Region'), ('kostanay', 'Kostanay Region'), ('kyzylorda', 'Kyzylorda Region'), ('mangystau', 'Mangystau Region'), ('north_kazakhstan', 'North Kazakhstan Region'), ('pavlodar', 'Pavlodar Region'), ('turkistan', 'Turkistan Region'), ('ulytau', 'Ulytau Region'), ('west_kazakhstan', 'West Kazakhstan Region'), ('astana', 'Astana'), ('almaty', 'Almaty'), ('shymkent', 'Shymkent'), ('abroad', 'Abroad')], db_index=True, max_length=30, verbose_name='region'),
        ),
    ]
