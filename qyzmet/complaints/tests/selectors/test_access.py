"""Who sees which complaints: an inspector every body's; a provider officer those addressed to
their body; a recipient their own (Law 7, 25; house rule access_*)."""

from __future__ import annotations

import datetime as dt

import pytest

from qyzmet.complaints import selectors
from qyzmet.complaints.enums import ComplaintAddressee, ComplaintChannel, ComplaintSubject
from qyzmet.complaints.tests.factories import complaint_make, inspector, officer
from qyzmet.core.errors import AccessDenied
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, RecipientFactory

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> object:
    body_a = OrganisationFactory.create(code="body-a")
    body_b = OrganisationFactory.create(code="body-b")
    alice = RecipientFactory.create(username="alice")
    bob = RecipientFactory.create(username="bob")
    to_a = complaint_make(provider=body_a, complainant=alice)
    to_b = complaint_make(provider=body_b, complainant=bob)
    to_qa = complaint_make(provider=body_a, complainant=bob, addressee=ComplaintAddressee.QUALITY_AUTHORITY)
    return type(
        "W", (), dict(body_a=body_a, body_b=body_b, alice=alice, bob=bob, to_a=to_a, to_b=to_b, to_qa=to_qa)
    )


def test_inspector_sees_complaints_of_every_body(world: object) -> None:
    w = world
    qa = inspector()
    assert set(selectors.complaint_list_for(user=qa)) == {w.to_a, w.to_b, w.to_qa}  # type: ignore[attr-defined]
    assert selectors.access_complaint(user=qa, complaint=w.to_b) == w.to_b  # type: ignore[attr-defined]
    # read-only for complaints to a body; acts on those addressed to the authority (bodies that
    # have their own reviewers: an unattended body's complaints are the inspectors' to chase)
    officer(w.body_a, "a.officer")  # type: ignore[attr-defined]
    officer(w.body_b, "b.officer")  # type: ignore[attr-defined]
    assert set(selectors.complaint_list_to_review(user=qa)) == {w.to_qa}  # type: ignore[attr-defined]
    with pytest.raises(AccessDenied):
        selectors.access_complaint(user=qa, complaint=w.to_a, act=True)  # type: ignore[attr-defined]


def test_provider_officer_sees_only_complaints_addressed_to_their_body(world: object) -> None:
    w = world
    clerk = officer(w.body_a)  # type: ignore[attr-defined]
    assert set(selectors.complaint_list_for(user=clerk)) == {w.to_a}  # type: ignore[attr-defined]
    assert selectors.access_complaint(user=clerk, complaint=w.to_a, act=True)  # type: ignore[attr-defined]
    for other in (w.to_b, w.to_qa):  # type: ignore[attr-defined]
        with pytest.raises(AccessDenied):
            selectors.access_complaint(user=clerk, complaint=other)


def test_provider_head_sees_complaints_to_subordinate_bodies() -> None:
    oblast = OrganisationFactory.create(kind="oblast_akimat")
    district = OrganisationFactory.create(kind="district_akimat", parent=oblast)
    complaint = complaint_make(provider=district)
    head = officer(oblast, username="head", role=StaffRole.PROVIDER_HEAD)
    assert list(selectors.complaint_list_for(user=head)) == [complaint]


def test_recipient_sees_only_their_own_complaints(world: object) -> None:
    w = world
    assert set(selectors.complaint_list_own(user=w.alice)) == {w.to_a}  # type: ignore[attr-defined]
    assert set(selectors.complaint_list_own(user=w.bob)) == {w.to_b, w.to_qa}  # type: ignore[attr-defined]
    assert not selectors.complaint_list_for(user=w.alice).exists()  # type: ignore[attr-defined]
    with pytest.raises(AccessDenied):
        selectors.access_complaint(user=w.alice, complaint=w.to_b)  # type: ignore[attr-defined]
    with pytest.raises(AccessDenied):
        selectors.access_complaint(user=w.alice, complaint=w.to_a, act=True)  # type: ignore[attr-defined]


def test_recipient_sees_a_paper_complaint_registered_under_their_iin() -> None:
    citizen = RecipientFactory.create()
    paper = complaint_make(complainant=citizen, channel=ComplaintChannel.PAPER)
    assert paper.complainant is None
    assert list(selectors.complaint_list_own(user=citizen)) == [paper]


def test_period_selectors_for_ucc_18_and_indicator_4_1() -> None:
    body = OrganisationFactory.create()
    std = complaint_make(
        provider=body, subject=ComplaintSubject.STANDARD_NONCOMPLIANCE, registered_on=D(2026, 10, 5)
    )
    staff = complaint_make(
        provider=body, subject=ComplaintSubject.OFFICER_ACTION, registered_on=D(2026, 10, 20)
    )
    complaint_make(provider=body, registered_on=D(2026, 11, 2))  # next month
    start, end = D(2026, 10, 1), D(2026, 10, 31)
    assert list(selectors.complaint_list_for_period(start=start, end=end)) == [std, staff]
    assert list(selectors.complaint_list_standard_noncompliance(start=start, end=end)) == [std]
    assert list(selectors.complaint_list_staff_actions(start=start, end=end)) == [staff]
    # both open after their due dates on 30.11.2026
    assert set(selectors.complaint_list_review_breaches(start=start, end=end, today=D(2026, 11, 30))) == {
        std,
        staff,
    }
    [row] = selectors.complaint_statistics_per_body(start=start, end=end, today=D(2026, 11, 30))
    assert (
        row.provider_code,
        row.total,
        row.open,
        row.breaches,
        row.standard_noncompliance,
        row.staff_actions,
    ) == (
        body.code,
        2,
        2,
        2,
        1,
        1,
    )
