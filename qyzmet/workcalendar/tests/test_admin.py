"""The admin saves and deletes overrides through the services (audited)."""

from __future__ import annotations

import pytest
from django.test import Client

from qyzmet.core.models import AuditLog, User
from qyzmet.workcalendar.models import CalendarOverride
from qyzmet.workcalendar.tests.factories import CalendarOverrideFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client: Client) -> Client:
    from qyzmet.orgs.enums import StaffRole
    from qyzmet.orgs.tests.factories import StaffPositionFactory

    user = User.objects.create_superuser(username="root", password="x", email="r@example.kz")
    StaffPositionFactory.create(user=user, role=StaffRole.SYSTEM_ADMINISTRATOR)
    client.force_login(user)
    return client


def test_admin_add_goes_through_the_service(admin_client_: Client) -> None:
    response = admin_client_.post(
        "/admin/workcalendar/calendaroverride/add/",
        {
            "date": "2026-06-01",
            "kind": "non_working",
            "reason_kk": "Демалыс",
            "reason_ru": "Выходной",
            "decree": "№ 3",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assert CalendarOverride.objects.get().decree == "№ 3"
    assert AuditLog.objects.get(action="workcalendar.override_set").actor is not None


def test_admin_delete_goes_through_the_service(admin_client_: Client) -> None:
    o = CalendarOverrideFactory.create()
    response = admin_client_.post(f"/admin/workcalendar/calendaroverride/{o.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not CalendarOverride.objects.exists()
    assert AuditLog.objects.filter(action="workcalendar.override_delete").count() == 1


def test_admin_changelist_lists_overrides(admin_client_: Client) -> None:
    o = CalendarOverrideFactory.create(reason_ru="Перенесённый выходной")
    response = admin_client_.get("/admin/workcalendar/calendaroverride/")
    assert response.status_code == 200
    assert "Перенесённый выходной" in response.content.decode()
    assert admin_client_.get(f"/admin/workcalendar/calendaroverride/{o.pk}/change/").status_code == 200
