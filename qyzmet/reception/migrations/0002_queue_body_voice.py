"""CRC 14, 19: a Consultation ticket names its competent body (one line per body); the ticket's
key addresses its public page. CRC 9: a desk records when its body's worker took it. CRC 14:
the hall's board may play sound without a click (kiosk).

The ticket key is added in three steps (nullable, one uuid per existing row, then unique)."""

import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


def _fill_keys(apps, schema_editor):
    Ticket = apps.get_model("reception", "Ticket")
    for pk in Ticket.objects.values_list("pk", flat=True).iterator():
        Ticket.objects.filter(pk=pk).update(key=uuid.uuid4())


def _staffed_since(apps, schema_editor):
    """A desk with a worker on it was staffed from its last change."""
    Desk = apps.get_model("reception", "Desk")
    for desk in Desk.objects.filter(operator__isnull=False, organisation__isnull=False):
        Desk.objects.filter(pk=desk.pk).update(staffed_since=desk.updated_at, unstaffed_since=None)


class Migration(migrations.Migration):

    dependencies = [
        ('orgs', '0004_working_schedules'),
        ('reception', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='desk',
            name='staffed_since',
            field=models.DateTimeField(blank=True, null=True, verbose_name='staffed since'),
        ),
        migrations.AddField(
            model_name='hall',
            name='board_autoplay',
            field=models.BooleanField(default=False, help_text="Tick it for a board computer run as a kiosk: Chromium started with --kiosk --autoplay-policy=no-user-gesture-required plays every call without anyone touching the screen. Left unticked, a browser that blocks sound shows a one-time 'Enable sound' overlay on the board.", verbose_name='board plays sound without a click (kiosk)'),
        ),
        migrations.AddField(
            model_name='ticket',
            name='competent_body',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='reception_tickets', to='orgs.organisation', verbose_name='competent body'),
        ),
        migrations.AddField(
            model_name='ticket',
            name='key',
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(_fill_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='ticket',
            name='key',
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.RunPython(_staffed_since, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='ticket',
            index=models.Index(fields=['zone', 'day', 'competent_body', 'status', 'queued_at'], name='reception_ticket_line_idx'),
        ),
    ]
