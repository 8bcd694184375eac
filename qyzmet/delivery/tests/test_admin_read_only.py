"""Issue "Delivery acts for the right parties", item 9 — no silent edits: in the Django admin a
case, its consent and provider, term violations and notification consents are read-only (they
change only through the audited services); organisation and staff-position writes made there are
audited."""

from __future__ import annotations

import pytest
from django.test import Client

from qyzmet.core.models import AuditLog
from qyzmet.delivery.models import NotificationPreference
from qyzmet.delivery.tests.factories import make_world, submit
from qyzmet.orgs.enums import OrganisationKind as K
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client() -> tuple[Client, object]:
    user = UserFactory.create(is_staff=True, is_superuser=True)
    # the admin is for system administrators only (issue 12.3)
    StaffPositionFactory.create(user=user, role=StaffRole.SYSTEM_ADMINISTRATOR)
    client = Client()
    client.force_login(user)
    return client, user


def test_admin_shows_an_application_but_cannot_change_its_consent_or_provider(superuser_client) -> None:
    client, _user = superuser_client
    application = submit(make_world())
    other = OrganisationFactory.create()
    url = f"/admin/delivery/application/{application.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert b'name="consent_method"' not in page.content and b'name="provider"' not in page.content
    assert b"_save" not in page.content
    response = client.post(url, {"provider": other.pk, "consent_method": "written"})
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.provider_id != other.pk
    for model in (
        "application",
        "termviolation",
        "notificationpreference",
        "proactiveoffer",
        "compositeservice",
    ):
        assert client.get(f"/admin/delivery/{model}/add/").status_code == 403


def test_admin_cannot_change_a_notification_consent(superuser_client) -> None:
    client, _user = superuser_client
    owner = UserFactory.create()
    preference = NotificationPreference.objects.create(user=owner, sms=False, proactive_consent=False)
    url = f"/admin/delivery/notificationpreference/{preference.pk}/change/"
    assert client.post(url, {"user": owner.pk, "sms": "on", "proactive_consent": "on"}).status_code == 403
    assert (
        client.post(
            f"/admin/delivery/notificationpreference/{preference.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )
    preference.refresh_from_db()
    assert preference.proactive_consent is False


def test_admin_organisation_and_position_writes_are_audited(superuser_client) -> None:
    client, user = superuser_client
    data = {
        "code": "new-org",
        "kind": K.CENTRAL_STATE_BODY,
        "parent": "",
        "name_kk": "Жаңа",
        "name_ru": "Новая",
    }
    assert client.post("/admin/orgs/organisation/add/", {**data, "is_active": "on"}).status_code == 302
    created = AuditLog.objects.exclude(actor=None).get(action="orgs.organisation_create")
    assert created.actor == user and (created.after or {})["code"] == "new-org"

    from qyzmet.orgs.models import Organisation

    org = Organisation.objects.get(code="new-org")
    response = client.post(
        f"/admin/orgs/organisation/{org.pk}/change/", {**data, "name_ru": "Переименована", "is_active": "on"}
    )
    assert response.status_code == 302
    updated = AuditLog.objects.get(action="orgs.organisation_update")
    assert updated.actor == user
    assert updated.before == {"name_ru": "Новая"}
    assert updated.after == {"name_ru": "Переименована"}

    officer = UserFactory.create()
    position = {"user": officer.pk, "organisation": org.pk, "role": StaffRole.PROVIDER_OFFICER}
    assert client.post("/admin/orgs/staffposition/add/", position).status_code == 302
    row = AuditLog.objects.exclude(actor=None).get(action="orgs.position_create")
    assert row.actor == user and (row.after or {})["role"] == StaffRole.PROVIDER_OFFICER
