"""The demo loader runs on top of the orgs demo and is idempotent."""

from __future__ import annotations

import io

import pytest

from qyzmet.core.tests.demo_texts import KAZAKH_ONLY, demo_texts, joined_pair
from qyzmet.reception.enums import AnswerMethod, AppealStatus, AttachmentRole, TicketStatus
from qyzmet.reception.models import (
    Appeal,
    AppealAnswer,
    PaperRegistry,
    PreRegistration,
    StaffingAlert,
    Ticket,
)


@pytest.mark.django_db
def test_demo_loads_every_state_and_is_idempotent_and_crc_17_4_and_17_7_and_15_are_shown() -> None:
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
    # CRC 17.4: an answer delivered on each channel, each when it reached the visitor
    delivered = AppealAnswer.objects.exclude(issued_at=None)
    assert set(delivered.values_list("issued_method", flat=True)) == set(AnswerMethod.values)
    posted = delivered.get(issued_method=AnswerMethod.POST)
    assert posted.posted_on is not None and posted.post_tracking_number.endswith("KZ")
    assert delivered.get(issued_method=AnswerMethod.CABINET).cabinet_published_at is not None
    # CRC 17.7: the received copy of a courier registry (who, when); CRC 15: a representative
    received = PaperRegistry.objects.get(received_on__isnull=False)
    assert received.received_by_name and received.received_recorded_at is not None
    assert received.appeals.filter(paper_only=True).exists()
    representative = Appeal.objects.get(by_representative=True)
    assert {s.role for s in representative.scans.all()} == {
        AttachmentRole.POWER_OF_ATTORNEY,
        AttachmentRole.APPOINTMENT_ORDER,
    }
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


@pytest.mark.django_db
def test_demo_texts_are_one_language_each_in_the_reception() -> None:
    """The texts the demo types (who received a registry, an answer, a ticket's purpose) hold
    one language, not a kk/ru pair joined by " / "."""
    from qyzmet.orgs import demo as orgs_demo
    from qyzmet.reception import demo

    orgs_demo.load(io.StringIO())
    demo.load(io.StringIO())
    texts = demo_texts("reception")
    assert any(KAZAKH_ONLY.search(t) for t in texts) and len(texts) > 20
    assert [t for t in texts if joined_pair(t)] == []
