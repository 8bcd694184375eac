"""The log of unmasked IIN reads is visible to the quality authority only (read-only page)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from qyzmet.core.models import AuditLog
from qyzmet.core.services import iin_reveal
from qyzmet.delivery.tests.factories import make_world, submit
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/quality/iin-reads/"


@pytest.fixture
def read() -> Any:
    world = make_world()
    application = submit(world)
    iin_reveal(viewer=world.officer, iin=world.recipient.iin, case=application)
    return world, application


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_quality_inspector_of_the_quality_authority_sees_who_read_which_case(read: Any) -> None:
    world, application = read
    inspector = StaffPositionFactory.create(role=StaffRole.QUALITY_INSPECTOR).user
    assert inspector.positions.get().organisation.is_quality_authority
    response = _client(inspector).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert application.number in html and world.officer.username in html
    assert world.recipient.iin not in html
    row = AuditLog.objects.get(action="core.iin_read")
    assert timezone.localtime(row.occurred_at).strftime("%d.%m.%Y %H:%M") in html
    assert 'href="/quality/iin-reads/"' in _client(inspector).get("/staff/").content.decode()


def test_the_case_is_named_in_the_readers_language_not_by_its_model_label(read: Any) -> None:
    """Found by trying it: the page showed ``delivery.application``."""
    inspector = StaffPositionFactory.create(role=StaffRole.QUALITY_INSPECTOR).user
    client = _client(inspector)
    client.cookies["qyzmet_language"] = "ru"
    html = client.get(URL).content.decode()
    assert "delivery.application" not in html
    assert "<small>заявление</small>" in html


def test_the_page_is_read_only(read: Any) -> None:
    inspector = StaffPositionFactory.create(role=StaffRole.QUALITY_INSPECTOR).user
    assert _client(inspector).post(URL, {}).status_code == 405
    assert AuditLog.objects.filter(action="core.iin_read").count() == 1


def _inspector_elsewhere() -> Any:
    user = UserFactory.create(username="inspector.elsewhere")
    StaffPositionFactory.create(
        user=user, role=StaffRole.QUALITY_INSPECTOR, organisation=OrganisationFactory.create()
    )
    return user


@pytest.mark.parametrize(
    "who",
    [
        lambda w: w.recipient,  # a citizen
        lambda w: w.officer,  # the staff member who read it
        lambda w: w.head,
        lambda w: StaffPositionFactory.create(role=StaffRole.SYSTEM_ADMINISTRATOR).user,
        lambda w: UserFactory.create(username="root", is_staff=True, is_superuser=True),
        lambda w: _inspector_elsewhere(),  # an inspector role outside the quality authority
    ],
)
def test_anyone_but_the_quality_authority_is_refused(read: Any, who: Any) -> None:
    world, _application = read
    user = who(world)
    response = _client(user).get(URL)
    assert response.status_code == 403
    assert 'href="/quality/iin-reads/"' not in _client(user).get("/staff/").content.decode()


def test_an_anonymous_visitor_is_sent_to_sign_in(read: Any) -> None:
    response = Client().get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/login/")
