"""Law 14, 15 (tester's finding): "draft a new version" opens the service's amendment. While a
version is not yet approved (a draft, in public discussion, agreed) a second click, or a
colleague's, leads to that version instead of a second draft; once it is approved the next click
starts a new draft copying it. Staff of another body are refused and nothing is written."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.core.errors import AccessDenied
from qyzmet.core.models import AuditLog
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory
from qyzmet.registry import services
from qyzmet.registry.enums import VersionStatus
from qyzmet.registry.models import Service, StandardVersion
from qyzmet.registry.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def _service() -> Service:
    return ServiceFactory.create(
        responsible_body=OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    )


def _staff(body: Any, role: str = StaffRole.PROVIDER_OFFICER) -> Any:
    return StaffPositionFactory.create(role=role, organisation=body).user


def _login(user: Any, lang: str) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["qyzmet_language"] = lang
    return client


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_law_15_a_second_click_on_draft_a_new_version_opens_the_draft_in_progress(lang: str) -> None:
    service = _service()
    client = _login(_staff(service.responsible_body), lang)
    url = reverse("registry:staff-version-draft", args=[service.code])
    first = client.post(url)
    assert first.status_code == 302 and first["Location"].endswith(f"/{service.code}/versions/2/")
    second = client.post(url, follow=True)
    assert second.redirect_chain[-1][0] == first["Location"]
    assert list(service.versions.order_by("number").values_list("number", "status")) == [
        (1, VersionStatus.APPROVED),
        (2, VersionStatus.DRAFT),
    ]
    page = second.content.decode()
    said = "стандарттың 2-нұсқасы" if lang == "kk" else "Версия 2 этого стандарта"
    assert said in page


@pytest.mark.parametrize("status", [VersionStatus.DRAFT, VersionStatus.IN_DISCUSSION, VersionStatus.AGREED])
def test_law_15_a_colleague_starting_an_amendment_continues_the_version_not_yet_approved(status: str) -> None:
    service = _service()
    draft = services.standard_version_copy(actor=None, version=service.versions.get())
    StandardVersion.objects.filter(pk=draft.pk).update(status=status)
    colleague = _staff(service.responsible_body, StaffRole.PROVIDER_HEAD)
    version, created = services.standard_version_draft_start(actor=colleague, service=service)
    assert (version.pk, created) == (draft.pk, False)
    assert service.versions.count() == 2


def test_law_15_once_the_amendment_is_approved_the_next_one_copies_it() -> None:
    service = _service()
    officer = _staff(service.responsible_body)
    draft, created = services.standard_version_draft_start(actor=officer, service=service)
    assert created and draft.number == 2
    StandardVersion.objects.filter(pk=draft.pk).update(
        status=VersionStatus.APPROVED, effective_from=dt.date(2027, 1, 1), legal_basis_ru="Новое основание"
    )
    following, created = services.standard_version_draft_start(actor=officer, service=service)
    assert created and following.number == 3 and following.status == VersionStatus.DRAFT
    assert following.legal_basis_ru == "Новое основание"


@pytest.mark.parametrize("role", [StaffRole.PROVIDER_OFFICER, StaffRole.REGISTRY_ADMINISTRATOR])
def test_law_13_1_staff_of_another_body_cannot_start_or_reach_the_amendment_in_progress(role: str) -> None:
    service = _service()
    services.standard_version_copy(actor=None, version=service.versions.get())
    other = _staff(OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY), role)
    audited = AuditLog.objects.count()
    with pytest.raises(AccessDenied):
        services.standard_version_draft_start(actor=other, service=service)
    assert (
        _login(other, "ru").post(reverse("registry:staff-version-draft", args=[service.code])).status_code
        == 403
    )
    assert service.versions.count() == 2 and AuditLog.objects.count() == audited


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_law_15_an_agreed_draft_that_cannot_be_approved_goes_back_for_revision(lang: str) -> None:
    """Tester's finding: an agreed version refused at approval was a dead end ("draft a new
    version" leads back to it). Its developing body returns it for revision: in discussion again
    (its discussion closed), editable, audited; the head of another body may not."""
    service = _service()
    draft = services.standard_version_copy(actor=None, version=service.versions.get())
    StandardVersion.objects.filter(pk=draft.pk).update(status=VersionStatus.AGREED)
    url = reverse("registry:staff-version", args=[service.code, draft.number])
    other = _staff(
        OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY), StaffRole.PROVIDER_HEAD
    )
    assert _login(other, lang).post(url, {"action": "revise"}).status_code == 403
    draft.refresh_from_db()
    assert draft.status == VersionStatus.AGREED
    officer = _login(_staff(service.responsible_body), lang)
    assert 'value="revise"' in officer.get(url).content.decode()
    page = officer.post(url, {"action": "revise"}, follow=True).content.decode()
    draft.refresh_from_db()
    assert draft.status == VersionStatus.IN_DISCUSSION
    said = "Жоба пысықтауға қайтарылды" if lang == "kk" else "Проект возвращён на доработку"
    assert said in page and 'value="save"' in page  # the editor is back
    audit = AuditLog.objects.get(action="registry.version_return_for_revision")
    assert (audit.before, audit.after) == ({"status": "agreed"}, {"status": "in_discussion"})


def test_law_15_only_an_agreed_draft_is_returned_for_revision() -> None:
    from qyzmet.core.errors import ApplicationError

    service = _service()
    draft = services.standard_version_copy(actor=None, version=service.versions.get())
    with pytest.raises(ApplicationError):
        services.standard_version_return_for_revision(actor=_staff(service.responsible_body), version=draft)
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


SEE_IT_HERE = {
    "kk": "Бұл стандарттың 2-нұсқасы жария талқылауда: оны осында қараңыз;",
    "ru": "Версия 2 этого стандарта на публичном обсуждении: смотрите её здесь;",
    "en": "Version 2 of this standard is in public discussion: see it here;",
}
GOES_ON = {
    "kk": "өзгеріс соны жалғастырады",
    "ru": "изменение продолжается с ней",
    "en": "the amendment goes on with it",
}


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_law_15_a_version_in_public_discussion_is_offered_to_see_not_to_continue(lang: str) -> None:
    """Tester's finding 10d: while the discussion is open the draft cannot be changed, so the
    notice says "see it here"; once it is closed with its report the amendment goes on with it."""
    from qyzmet.registry.enums import DiscussionStatus
    from qyzmet.registry.models import Discussion

    service = _service()
    officer = _staff(service.responsible_body)
    draft = services.standard_version_copy(actor=None, version=service.versions.get())
    StandardVersion.objects.filter(pk=draft.pk).update(status=VersionStatus.IN_DISCUSSION)
    discussion = Discussion.objects.create(
        version=draft,
        posted_by=officer,
        posted_on=dt.date(2026, 10, 1),
        ends_on=dt.date(2026, 10, 15),
        status=DiscussionStatus.OPEN,
    )
    client = _login(officer, lang)
    url = reverse("registry:staff-version-draft", args=[service.code])
    page = client.post(url, follow=True).content.decode()
    assert SEE_IT_HERE[lang] in page and GOES_ON[lang] not in page
    Discussion.objects.filter(pk=discussion.pk).update(status=DiscussionStatus.CLOSED)
    page = client.post(url, follow=True).content.decode()
    assert GOES_ON[lang] in page and SEE_IT_HERE[lang] not in page
    assert service.versions.count() == 2
