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


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_law_15_marking_a_draft_agreed_refused_says_each_missing_point_once(lang: str) -> None:
    """The same for "mark the draft as agreed" (an action without a form of its own)."""
    import datetime as dt

    from qyzmet.orgs.enums import OrganisationKind
    from qyzmet.orgs.tests.factories import OrganisationFactory
    from qyzmet.registry.enums import DiscussionStatus
    from qyzmet.registry.models import Discussion

    service = ServiceFactory.create()
    draft = services.standard_version_copy(actor=None, version=service.versions.get())
    StandardVersion.objects.filter(pk=draft.pk).update(status=VersionStatus.IN_DISCUSSION, legal_basis_ru="")
    officer = StaffPositionFactory.create(
        role=StaffRole.PROVIDER_OFFICER, organisation=service.responsible_body
    ).user
    Discussion.objects.create(
        version=draft,
        posted_by=officer,
        posted_on=dt.date(2026, 10, 1),
        ends_on=dt.date(2026, 10, 15),
        status=DiscussionStatus.CLOSED,
    )
    interested = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    agreeing = StaffPositionFactory.create(role=StaffRole.PROVIDER_HEAD, organisation=interested).user
    services.draft_agreement_record(actor=agreeing, version=draft, organisation=interested, agreed=True)
    client = Client()
    client.force_login(officer)
    client.cookies["qyzmet_language"] = lang
    url = reverse("registry:staff-version", args=[service.code, draft.number])
    page = client.post(url, {"action": "agreed"}, follow=True).content.decode()
    # In the box and on its input in the editor; the refusal itself only points to the box.
    banner = page[page.index('id="before-approval"') :]
    assert POINT_3[lang] in banner and POINTER[lang] in page
    whole = (
        "Үлгі стандарттың толтырылмаған тармақтары"
        if lang == "kk"
        else "Не заполнены пункты Типового стандарта"
    )
    assert whole not in page
    draft.refresh_from_db()
    assert draft.status == VersionStatus.IN_DISCUSSION
