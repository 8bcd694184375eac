"""The Django admin is for system administrators only: an active SYSTEM_ADMINISTRATOR position
is needed; ``is_staff``/``is_superuser`` alone, other staff and citizens are refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.test import Client

from qyzmet.core.admin_site import QyzmetAdminSite
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import StaffPositionFactory, UserFactory

pytestmark = pytest.mark.django_db

ADMIN_PAGES = ["/admin/", "/admin/core/auditlog/", "/admin/orgs/organisation/"]


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_default_admin_site_is_the_qyzmet_site() -> None:
    assert isinstance(admin.site, QyzmetAdminSite)


def test_a_system_administrator_uses_the_admin() -> None:
    user = UserFactory.create(username="sys", is_staff=True, is_superuser=True)
    StaffPositionFactory.create(user=user, role=StaffRole.SYSTEM_ADMINISTRATOR)
    client = _signed_in(user)
    for url in ADMIN_PAGES:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    ("role", "flags"),
    [
        (None, {"is_staff": True, "is_superuser": True}),  # a superuser without the position
        (StaffRole.REGISTRY_ADMINISTRATOR, {"is_staff": True}),
        (StaffRole.PROVIDER_OFFICER, {"is_staff": True}),
        (StaffRole.QUALITY_INSPECTOR, {"is_staff": True, "is_superuser": True}),
        (None, {}),  # a citizen
    ],
)
def test_anyone_but_a_system_administrator_is_refused(role: Any, flags: dict[str, bool]) -> None:
    user = UserFactory.create(username="someone", **flags)
    if role:
        StaffPositionFactory.create(user=user, role=role)
    client = _signed_in(user)
    for url in ADMIN_PAGES:
        response = client.get(url, follow=True)
        assert response.status_code == 403, url


def test_an_inactive_position_or_an_account_without_is_staff_is_refused() -> None:
    former = UserFactory.create(username="former", is_staff=True, is_superuser=True)
    StaffPositionFactory.create(user=former, role=StaffRole.SYSTEM_ADMINISTRATOR, is_active=False)
    not_staff = UserFactory.create(username="notstaff")
    StaffPositionFactory.create(user=not_staff, role=StaffRole.SYSTEM_ADMINISTRATOR)
    for user in (former, not_staff):
        assert _signed_in(user).get("/admin/", follow=True).status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_products_sign_in_page() -> None:
    response = Client().get("/admin/core/auditlog/", follow=True)
    assert response.redirect_chain[-1][0] == "/login/?next=%2Fadmin%2Fcore%2Fauditlog%2F"
    assert response.status_code == 200


def test_the_admin_has_no_password_form_of_its_own(demo_password: str) -> None:
    user = UserFactory.create(username="sys", is_staff=True)
    StaffPositionFactory.create(user=user, role=StaffRole.SYSTEM_ADMINISTRATOR)
    client = Client()
    response = client.post("/admin/login/", {"username": "sys", "password": demo_password})
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert "_auth_user_id" not in client.session


def test_staff_home_links_the_admin_only_for_a_system_administrator() -> None:
    sys = UserFactory.create(username="sys", is_staff=True)
    StaffPositionFactory.create(user=sys, role=StaffRole.SYSTEM_ADMINISTRATOR)
    registry = UserFactory.create(username="reg", is_staff=True)
    StaffPositionFactory.create(user=registry, role=StaffRole.REGISTRY_ADMINISTRATOR)
    assert 'href="/admin/"' in _signed_in(sys).get("/staff/").content.decode()
    assert 'href="/admin/"' not in _signed_in(registry).get("/staff/").content.decode()
