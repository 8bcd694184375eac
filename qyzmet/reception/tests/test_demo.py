"""The demo loader runs on top of the orgs demo and is idempotent."""

from __future__ import annotations

import io

import pytest

from qyzmet.reception.enums import AppealStatus, TicketStatus
from qyzmet.reception.models import Appeal, PaperRegistry, PreRegistration, StaffingAlert, Ticket


@pytest.mark.django_db
def test_demo_loads_every_state_and_is_idempotent() -> None:
    from qyzmet.orgs import demo as orgs_demo
    from qyzmet.reception import demo

    orgs_demo.load(io.StringIO())
    demo.load(io.StringIO())
    counts = (
        Ticket.objects.count(),
        Appeal.objects.count(),
        PaperRegistry.objects.count(),
        PreRegistration.objects.count(),
        StaffingAlert.objects.count(),
    )
    assert set(Ticket.objects.values_list("status", flat=True)) == set(TicketStatus.values)
    assert set(Appeal.objects.values_list("status", flat=True)) == set(AppealStatus.values)  # CRC 18
    assert Appeal.objects.exclude(split_group=None).count() == 2
    assert PaperRegistry.objects.filter(received_on__isnull=False).count() == 1
    assert PaperRegistry.objects.filter(received_on__isnull=True).count() == 1
    # CRC 20-22: schedules in every state, a final list fixed and sent, an overdue follow-up
    from qyzmet.reception.enums import ScheduleStatus
    from qyzmet.reception.models import FollowUpTask, ReceptionSchedule

    assert set(ReceptionSchedule.objects.values_list("status", flat=True)) == set(ScheduleStatus.values)
    assert ReceptionSchedule.objects.filter(list_sent_at__isnull=False).count() >= 2
    assert FollowUpTask.objects.filter(overdue_flagged_on__isnull=False, done_at__isnull=True).count() == 1
    assert FollowUpTask.objects.filter(done_at__isnull=False).count() == 1
    assert PreRegistration.objects.filter(attended=True).count() >= 2
    alert = StaffingAlert.objects.select_related("organisation").get()
    assert alert.organisation is not None and alert.organisation.code == "astana-akimat"  # CRC 9
    demo.load(io.StringIO())
    assert counts == (
        Ticket.objects.count(),
        Appeal.objects.count(),
        PaperRegistry.objects.count(),
        PreRegistration.objects.count(),
        StaffingAlert.objects.count(),
    )
