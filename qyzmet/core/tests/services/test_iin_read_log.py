"""Reading an unmasked IIN is logged: each time a staff member is shown the full IIN of a case,
one audit row says who, when and which case; a masked view writes nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.core.models import AuditLog
from qyzmet.core.services import IIN_READ_ACTION, iin_reveal
from qyzmet.delivery.tests.factories import World, make_world, submit
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import StaffPositionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def _reads() -> list[AuditLog]:
    return list(AuditLog.objects.filter(action=IIN_READ_ACTION).order_by("id"))


def test_each_time_an_officer_is_shown_the_full_iin_one_row_is_written(client: Client, world: World) -> None:
    application = submit(world)
    iin = world.recipient.iin
    client.force_login(world.officer)
    url = reverse("delivery:detail", args=[application.number])
    first = client.get(url)
    assert first.status_code == 200 and iin in first.content.decode()
    [row] = _reads()
    assert row.actor == world.officer and row.actor_label == str(world.officer)
    assert (row.object_type, row.object_id) == ("delivery.application", str(application.pk))
    assert row.after == {"case": application.number}
    assert row.request_id == first["X-Request-Id"]
    assert iin not in str(row.after) and iin not in str(row.before)
    client.get(url)
    assert len(_reads()) == 2


def test_the_recipient_seeing_their_own_case_is_not_a_staff_read(client: Client, world: World) -> None:
    application = submit(world)
    client.force_login(world.recipient)
    assert client.get(reverse("delivery:detail", args=[application.number])).status_code == 200
    assert _reads() == []


def test_a_role_that_sees_the_mask_writes_nothing(world: World) -> None:
    application = submit(world)
    operator = StaffPositionFactory.create(role=StaffRole.CONTACT_CENTRE_OPERATOR).user
    shown = iin_reveal(viewer=operator, iin=world.recipient.iin, case=application)
    assert shown != world.recipient.iin and "*" in shown
    assert _reads() == []


def test_a_full_iin_from_the_service_is_logged_against_the_case(world: World) -> None:
    application = submit(world)
    assert iin_reveal(viewer=world.operator, iin=world.recipient.iin, case=application) == world.recipient.iin
    [row] = _reads()
    assert row.actor == world.operator and row.object_id == str(application.pk)
    assert iin_reveal(viewer=world.operator, iin="", case=application) == ""
    assert len(_reads()) == 1
