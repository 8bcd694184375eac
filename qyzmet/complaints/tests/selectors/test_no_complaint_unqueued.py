"""No registered complaint ends up in nobody's queue (issue 13.10): every complaint, whatever
path registered it (the demo, the cabinet, the API, paper registration, the test factories),
appears in the workspace of some reviewer; one addressed to a body that no active reviewer
covers appears, flagged, in the quality inspectors' workspace."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.complaints import selectors, services
from qyzmet.complaints.enums import (
    ComplaintAddressee,
    ComplaintChannel,
    ComplaintSource,
    ComplaintSubject,
)
from qyzmet.complaints.models import Complaint
from qyzmet.complaints.tests.factories import complaint_make, inspector, officer, quality_authority
from qyzmet.core.models import User
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.models import StaffPosition
from qyzmet.orgs.tests.factories import OrganisationFactory, RecipientFactory

pytestmark = pytest.mark.django_db


def _unqueued() -> list[str]:
    """Complaints in no staff member's workspace selector."""
    queued: set[int] = set()
    for user in User.objects.filter(positions__is_active=True).distinct():
        queued |= set(selectors.complaint_list_to_review(user=user).values_list("pk", flat=True))
    return sorted(Complaint.objects.exclude(pk__in=queued).values_list("number", flat=True))


def test_law_25_2_every_registered_complaint_is_in_some_reviewers_workspace() -> None:
    from qyzmet.complaints import demo
    from qyzmet.orgs import demo as orgs_demo

    orgs_demo.load(io.StringIO())
    demo.load(io.StringIO())  # the demo's filing paths: cabinet and paper, both addressees
    assert Complaint.objects.count() > 0
    inspector("qa.inspector")

    staffed = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    clerk = officer(staffed, "staffed.officer")
    nobody = OrganisationFactory.create()  # a body without any staff in the system
    parent = OrganisationFactory.create(kind=OrganisationKind.OBLAST_AKIMAT)
    # covered by the oblast head only (a head acts for the subtree)
    child = OrganisationFactory.create(kind=OrganisationKind.DISTRICT_AKIMAT, parent=parent)
    officer(parent, "parent.head", role=StaffRole.PROVIDER_HEAD)
    left = OrganisationFactory.create()  # its only officer has left
    StaffPosition.objects.filter(user=officer(left, "left.officer")).update(is_active=False)
    citizen = RecipientFactory.create()

    for body in (staffed, nobody, child, left):
        for addressee in ComplaintAddressee.values:
            for channel in ComplaintChannel.values:
                complaint_make(provider=body, addressee=addressee, channel=channel)  # factories
        for source in (ComplaintSource.CABINET, ComplaintSource.API):
            services.complaint_file(
                actor=citizen,
                subject=ComplaintSubject.OFFICER_ACTION,
                addressee=ComplaintAddressee.PROVIDER,
                provider=body,
                text="Маман дөрекі сөйледі.",
                source=source,
            )
    services.complaint_register_paper(
        actor=clerk,
        reviewing_body=staffed,
        subject=ComplaintSubject.DECISION,
        addressee=ComplaintAddressee.PROVIDER,
        provider=staffed,
        text="Шешім негізсіз.",
        complainant_name="Иванов Иван",
        complainant_iin=citizen.iin,
        complainant_address="Астана қ., Абай д-лы, 1",
    )
    services.complaint_register_paper(
        actor=inspector("qa.clerk"),
        reviewing_body=quality_authority(),
        subject=ComplaintSubject.STANDARD_NONCOMPLIANCE,
        addressee=ComplaintAddressee.QUALITY_AUTHORITY,
        provider=nobody,
        text="Стандарт сақталмады.",
        complainant_name="Иванов Иван",
        complainant_iin=citizen.iin,
        complainant_address="Астана қ., Абай д-лы, 1",
    )

    assert _unqueued() == []


def test_law_25_2_unattended_body_complaints_go_flagged_to_the_inspectors_only() -> None:
    nobody = OrganisationFactory.create()
    staffed = OrganisationFactory.create()
    officer(staffed, "staffed.officer")
    unattended = complaint_make(provider=nobody)
    attended = complaint_make(provider=staffed)
    qa = inspector()
    rows = {c.pk: c for c in selectors.complaint_list_to_review(user=qa)}
    assert unattended.pk in rows and rows[unattended.pk].unattended is True  # type: ignore[attr-defined]
    assert attended.pk not in rows
    assert list(selectors.complaint_list_unattended()) == [unattended]
    # read-only for the inspector: the body itself reviews (Law 25.2)
    assert selectors.can_act_on(user=qa, complaint=unattended) is False
    # once the body has a reviewer, the complaint leaves the inspectors' workspace
    officer(nobody, "new.officer")
    assert unattended.pk not in {c.pk for c in selectors.complaint_list_to_review(user=qa)}


def test_law_25_2_inspectors_workspace_flags_the_unattended_complaint(client: Client) -> None:
    unattended = complaint_make(provider=OrganisationFactory.create())
    client.force_login(inspector())
    html = client.get(reverse("complaints:workspace"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert unattended.number in html and "В органе некому рассматривать" in html
