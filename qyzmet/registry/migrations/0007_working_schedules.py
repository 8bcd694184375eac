"""Law 14.3-1, STD 9: working schedules become structured data (ADR 0018).

Adds one JSON working schedule per place of acceptance to every standard version (the
provider's office, the State Corporation, the e-channels) and fills it from the version's
existing free text where the text obviously says it:

- "круглосуточно" / "тәулік бойы" -> around the clock;
- "понедельник–пятница 9:00–18:30" / "дүйсенбі–жұма ..." (or a bare "9:00–18:30") ->
  Monday-Friday those hours;
- "перерыв 13:00–14:30" / "түскі үзіліс ..." -> that break every such day ("без перерыва" /
  "үзіліссіз" -> none);
- "суббота 9:00–13:00" / "сенбі ..." -> Saturday those hours (no break).

Anything else (no text, text without hours, hours that do not make a day) gets the default:
Monday-Friday 09:00-18:00 with a 13:00-14:00 break. The Russian text is read first, then the
Kazakh. The texts stay as human notes and are never parsed again. Self-contained on purpose
(no app code), so it keeps doing the same thing when the app changes.
"""

import re

import qyzmet.workcalendar.schedule
from django.db import migrations, models

_RANGE = r"(\d{1,2})[:.](\d{2})\s*[-–—]\s*(\d{1,2})[:.](\d{2})"
_WEEK = re.compile(r"(понедельник|дүйсенбі)\s*[-–—]\s*(пятница|жұма)\D{0,20}?" + _RANGE, re.IGNORECASE)
_SAT = re.compile(r"\b(суббота|сенбі)\D{0,20}?" + _RANGE, re.IGNORECASE)
_BREAK = re.compile(r"(перерыв|үзіліс)\D{0,20}?" + _RANGE, re.IGNORECASE)
_BARE = re.compile(_RANGE)
_ALWAYS = re.compile(r"круглосуточно|тәулік бойы", re.IGNORECASE)
DEFAULT = {
    "around_the_clock": False,
    "days": [
        {"weekday": w, "opens": "09:00", "closes": "18:00", "breaks": [{"start": "13:00", "end": "14:00"}]}
        for w in range(5)
    ],
}


def _span(groups):
    h1, m1, h2, m2 = (int(g) for g in groups[-4:])
    if not (0 <= h1 <= 23 and 0 <= h2 <= 23 and m1 < 60 and m2 < 60) or (h1, m1) >= (h2, m2):
        return None
    return f"{h1:02d}:{m1:02d}", f"{h2:02d}:{m2:02d}"


def schedule_from_old_text(text):
    text = text or ""
    if _ALWAYS.search(text):
        return {"around_the_clock": True, "days": []}
    week = _WEEK.search(text)
    hours = _span(week.groups()) if week else None
    if hours is None:
        bare = _BARE.search(text)
        hours = _span(bare.groups()) if bare and not _SAT.search(text[: bare.end()]) else None
    if hours is None:
        return DEFAULT
    breaks = []
    found = _BREAK.search(text)
    if found:
        lunch = _span(found.groups())
        if lunch is None or not (hours[0] < lunch[0] and lunch[1] < hours[1]):
            return DEFAULT
        breaks = [{"start": lunch[0], "end": lunch[1]}]
    days = [{"weekday": w, "opens": hours[0], "closes": hours[1], "breaks": breaks} for w in range(5)]
    saturday = _SAT.search(text)
    if saturday:
        sat = _span(saturday.groups())
        if sat is None:
            return DEFAULT
        days.append({"weekday": 5, "opens": sat[0], "closes": sat[1], "breaks": []})
    return {"around_the_clock": False, "days": days}


def fill(apps, schema_editor):
    StandardVersion = apps.get_model("registry", "StandardVersion")
    for version in StandardVersion.objects.all().iterator():
        for which in ("provider", "state_corporation", "echannels"):
            text = getattr(version, f"schedule_{which}_ru") or getattr(version, f"schedule_{which}_kk")
            setattr(version, f"working_schedule_{which}", schedule_from_old_text(text))
        version.save(
            update_fields=[
                "working_schedule_provider",
                "working_schedule_state_corporation",
                "working_schedule_echannels",
            ]
        )


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0006_form_field_bounds_document_role'),
    ]

    operations = [
        migrations.AddField(
            model_name='standardversion',
            name='working_schedule_echannels',
            field=models.JSONField(blank=True, default=qyzmet.workcalendar.schedule.default_schedule_json, verbose_name="e-channels' working schedule"),
        ),
        migrations.AddField(
            model_name='standardversion',
            name='working_schedule_provider',
            field=models.JSONField(blank=True, default=qyzmet.workcalendar.schedule.default_schedule_json, verbose_name="provider's working schedule"),
        ),
        migrations.AddField(
            model_name='standardversion',
            name='working_schedule_state_corporation',
            field=models.JSONField(blank=True, default=qyzmet.workcalendar.schedule.default_schedule_json, verbose_name="State Corporation's working schedule"),
        ),
        migrations.AlterField(
            model_name='standardversion',
            name='schedule_echannels_kk',
            field=models.TextField(blank=True, verbose_name="e-channels' schedule, notes (Kazakh)"),
        ),
        migrations.AlterField(
            model_name='standardversion',
            name='schedule_echannels_ru',
            field=models.TextField(blank=True, verbose_name="e-channels' schedule, notes (Russian)"),
        ),
        migrations.AlterField(
            model_name='standardversion',
            name='schedule_provider_kk',
            field=models.TextField(blank=True, verbose_name="provider's schedule, notes (Kazakh)"),
        ),
        migrations.AlterField(
            model_name='standardversion',
            name='schedule_provider_ru',
            field=models.TextField(blank=True, verbose_name="provider's schedule, notes (Russian)"),
        ),
        migrations.AlterField(
            model_name='standardversion',
            name='schedule_state_corporation_kk',
            field=models.TextField(blank=True, verbose_name="State Corporation's schedule, notes (Kazakh)"),
        ),
        migrations.AlterField(
            model_name='standardversion',
            name='schedule_state_corporation_ru',
            field=models.TextField(blank=True, verbose_name="State Corporation's schedule, notes (Russian)"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
