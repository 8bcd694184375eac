"""Admin writes go through the services: the Law 1.4/11 hierarchy is enforced there too."""

from __future__ import annotations

import pytest
from django.test import Client

from qyzmet.orgs.enums import OrganisationKind as K
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.models import Organisation, StaffPosition
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_() -> Client:
    client = Client()
    user = UserFactory.create(is_staff=True, is_superuser=True)
    StaffPositionFactory.create(user=user, role=StaffRole.SYSTEM_ADMINISTRATOR)
    client.force_login(user)
    return client


def _org_post(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "code": "new-org",
        "kind": K.CENTRAL_STATE_BODY,
        "parent": "",
        "name_kk": "Жаңа",
        "name_ru": "Новая",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_law_1_4_admin_refuses_a_rural_district_under_an_oblast(admin_client_: Client) -> None:
    oblast = OrganisationFactory.create(kind=K.OBLAST_AKIMAT)
    response = admin_client_.post(
        "/admin/orgs/organisation/add/", _org_post(kind=K.RURAL_DISTRICT_AKIM, parent=oblast.pk)
    )
    assert response.status_code == 200  # form redisplayed with the error
    assert not Organisation.objects.filter(code="new-org").exists()


def test_law_1_4_admin_creates_through_the_service_with_path(admin_client_: Client) -> None:
    district = OrganisationFactory.create(kind=K.DISTRICT_AKIMAT)
    response = admin_client_.post(
        "/admin/orgs/organisation/add/", _org_post(kind=K.RURAL_DISTRICT_AKIM, parent=district.pk)
    )
    assert response.status_code == 302
    assert Organisation.objects.get(code="new-org").path == f"{district.path}new-org/"


def test_admin_organisation_list_and_search(
    admin_client_: Client, django_assert_max_num_queries: object
) -> None:
    OrganisationFactory.create(code="findme", kind=K.RURAL_DISTRICT_AKIM)
    response = admin_client_.get("/admin/orgs/organisation/?q=findme")
    assert response.status_code == 200 and b"findme" in response.content
    assert admin_client_.get(f"/admin/orgs/organisation/?kind__exact={K.OBLAST_AKIMAT}").status_code == 200


def test_law_11_1_2_admin_refuses_an_operator_outside_a_branch(admin_client_: Client) -> None:
    user, ministry = UserFactory.create(), OrganisationFactory.create()
    data = {"user": user.pk, "organisation": ministry.pk, "role": StaffRole.STATE_CORPORATION_OPERATOR}
    assert admin_client_.post("/admin/orgs/staffposition/add/", data).status_code == 200
    assert not StaffPosition.objects.filter(user=user).exists()
    data["role"] = StaffRole.PROVIDER_OFFICER
    assert admin_client_.post("/admin/orgs/staffposition/add/", data).status_code == 302
    assert StaffPosition.objects.get(user=user).role == StaffRole.PROVIDER_OFFICER
