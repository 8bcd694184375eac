"""The demo loader runs on top of the orgs demo, covers every subject and status, and is idempotent."""

from __future__ import annotations

import io

import pytest

from qyzmet.complaints.enums import ComplaintAddressee, ComplaintChannel, ComplaintStatus, ComplaintSubject
from qyzmet.complaints.models import Complaint, ComplaintExtension, Recommendation


@pytest.mark.django_db
def test_demo_covers_subjects_statuses_addressees_and_is_idempotent() -> None:
    from qyzmet.complaints import demo
    from qyzmet.orgs import demo as orgs_demo

    orgs_demo.load(io.StringIO())
    demo.load(io.StringIO())
    assert set(Complaint.objects.values_list("subject", flat=True)) == set(ComplaintSubject.values)
    assert set(Complaint.objects.values_list("status", flat=True)) == set(ComplaintStatus.values)
    assert set(Complaint.objects.values_list("addressee", flat=True)) == set(ComplaintAddressee.values)
    assert set(Complaint.objects.values_list("language", flat=True)) == {"kk", "ru"}
    assert ComplaintExtension.objects.filter(
        notice_channel=ComplaintChannel.PAPER, notice_sent_on__isnull=False
    ).exists()
    assert ComplaintExtension.objects.filter(notice_channel=ComplaintChannel.ELECTRONIC).exists()
    assert Complaint.objects.filter(review_term_breached=True, answered_on__isnull=True).exists()
    assert set(Recommendation.objects.values_list("status", flat=True)) == {
        "pending",
        "fulfilled",
        "not_fulfilled",
    }
    count = Complaint.objects.count()
    demo.load(io.StringIO())
    assert Complaint.objects.count() == count
