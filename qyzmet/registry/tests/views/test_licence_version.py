"""Law 19-1.4 in the register: a version marked as issuing a licence or permit carries the
grounds of the Law "On permits and notifications" and none of 19-1.2."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from qyzmet.orgs import demo as orgs_demo
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import StaffPositionFactory
from qyzmet.registry import demo
from qyzmet.registry.enums import VersionStatus
from qyzmet.registry.models import Service
from qyzmet.registry.selectors import standard_in_force
from qyzmet.registry.tests.factories import ServiceFactory, StandardVersionFactory
from qyzmet.registry.tests.views.editor_page import add_rows, editor_data

pytestmark = pytest.mark.django_db


def test_law_19_1_4_demo_licence_services_carry_the_permits_law_grounds() -> None:
    orgs_demo.load(io.StringIO())
    demo.load(io.StringIO())
    for code in ("06030001", "08030001"):  # medical-licensing, business-licensing
        version = standard_in_force(service=Service.objects.get(code=code), on=timezone.localdate())
        assert version.is_licence_or_permit and version.refusal_grounds == []
        refs = {g.legal_reference for g in version.other_refusal_grounds.all()}
        assert len(version.other_refusal_grounds.all()) >= 5
        assert all("48" in r and "О разрешениях и уведомлениях" in r for r in refs)
    assert not standard_in_force(
        service=Service.objects.get(code="02010002"), on=timezone.localdate()
    ).is_licence_or_permit


def test_law_19_1_4_editor_marks_a_licence_and_lists_its_grounds() -> None:
    service = ServiceFactory.create()
    admin = StaffPositionFactory.create(
        role=StaffRole.PROVIDER_OFFICER, organisation=service.responsible_body
    ).user
    StandardVersionFactory.create(service=service, number=9, status=VersionStatus.DRAFT, effective_from=None)
    staff = Client()
    staff.force_login(admin)
    url = reverse("registry:staff-version", args=[service.code, 9])
    data = editor_data(staff, url)
    data.update(result_description_kk=["Лицензия"], result_description_ru=["Лицензия"])
    data.update(is_licence_or_permit=["on"], refusal_grounds=[])
    add_rows(data, "channels", {"channel": "egov_portal", "term_amount": 15, "term_unit": "working_days"})
    permits_ground = {"text_kk": "Лицензиялық алым енгізілмеген", "text_ru": "Не внесён лицензионный сбор"}
    permits_ground["legal_reference"] = "Закон РК «О разрешениях и уведомлениях», ст. 48"
    add_rows(data, "grounds", permits_ground)
    resp = staff.post(url, data)
    assert resp.status_code in (200, 302), resp.content.decode()[:2000]
    version = service.versions.get(number=9)
    assert version.is_licence_or_permit
    [ground] = version.other_refusal_grounds.all()
    assert ground.text_ru == "Не внесён лицензионный сбор"
    page = staff.get(url).content.decode()
    assert "Не внесён лицензионный сбор</textarea>" in page and 'value="Закон РК' in page
