"""Law 1.4, 8: the registry administrator records on a page which organisations deliver a
service; other staff see the list but cannot change it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.core.models import AuditLog
from qyzmet.orgs.enums import OrganisationKind as K
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory
from qyzmet.registry.selectors import service_provider_list
from qyzmet.registry.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_law_1_4_the_registry_administrator_records_the_providers_on_a_page(client: Client) -> None:
    ministry = OrganisationFactory.create(kind=K.CENTRAL_STATE_BODY)
    service = ServiceFactory.create(
        responsible_body=ministry, provider_kinds=[K.CENTRAL_STATE_BODY, K.CAPITAL_AKIMAT]
    )
    akimat = OrganisationFactory.create(kind=K.CAPITAL_AKIMAT, region="astana")
    school = OrganisationFactory.create(kind=K.OTHER_PROVIDER)
    admin = StaffPositionFactory.create(role=StaffRole.REGISTRY_ADMINISTRATOR, organisation=ministry).user
    officer = StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER, organisation=ministry).user
    url = reverse("registry:staff-service-providers", args=[service.code])
    client.force_login(officer)  # sees the page (a ministry drafts its standards), cannot change it
    assert 'name="providers"' in client.get(url).content.decode()
    assert client.post(url, {"providers": [str(akimat.pk)]}).status_code == 403
    assert list(service_provider_list(service=service)) == [ministry]
    client.force_login(admin)
    page = client.get(url).content.decode()
    assert "Астана" in page
    assert f'value="{school.pk}"' not in page  # not a kind the register allows for it
    resp = client.post(url, {"providers": [str(ministry.pk), str(akimat.pk)]})
    assert resp.status_code == 302
    assert set(service_provider_list(service=service)) == {ministry, akimat}
    assert AuditLog.objects.filter(action="registry.service_providers_set", actor=admin).count() == 1
    assert client.get(reverse("registry:staff-service-providers", args=["99999999"])).status_code == 404
