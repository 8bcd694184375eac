"""Law 13.1, STD 1-26 (tester's finding): a refused approval says each missing point once. The
page's "before approval" box lists the points with their inputs; the error summary points to
that box instead of repeating them, in the page's language."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import StaffPositionFactory
from qyzmet.registry import services
from qyzmet.registry.enums import VersionStatus
from qyzmet.registry.models import StandardVersion
from qyzmet.registry.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

POINT_3 = {
    "kk": "Қызмет көрсетуге негіз болатын нормативтік құқықтық актінің атауы мен бабын",
    "ru": "Укажите на казахском и русском языках наименование и статью (пункт) нормативного",
}
POINTER = {
    "kk": "Қабылданбады: «Бекіту алдында түзетіңіз:» бөлігінде аталғандарды түзетіңіз.",
    "ru": "Отказано: исправьте части, перечисленные в блоке «До утверждения исправьте:».",
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_law_13_1_a_refused_approval_says_each_missing_point_once(lang: str) -> None:
    service = ServiceFactory.create()
    draft = services.standard_version_copy(actor=None, version=service.versions.get())
    StandardVersion.objects.filter(pk=draft.pk).update(status=VersionStatus.AGREED, legal_basis_ru="")
    head = StaffPositionFactory.create(
        role=StaffRole.PROVIDER_HEAD, organisation=service.responsible_body
    ).user
    client = Client()
    client.force_login(head)
    client.cookies["qyzmet_language"] = lang
    url = reverse("registry:staff-version", args=[service.code, draft.number])
    response = client.post(url, {"action": "approve", "effective_from": "2030-01-01"})
    assert response.status_code == 400
    page = response.content.decode()
    assert page.count(POINT_3[lang]) == 1
    summary = page[page.index('id="error-summary"') : page.index('id="before-approval"')]
    assert POINTER[lang] in summary and POINT_3[lang] not in summary
    assert 'value="2030-01-01"' in page  # what was typed is kept
    draft.refresh_from_db()
    assert draft.status == VersionStatus.AGREED
