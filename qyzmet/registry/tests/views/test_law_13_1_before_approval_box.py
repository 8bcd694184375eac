"""STD 9, Law 13.1: the "before approval" box of the staff editor (tester's findings 8 and 10c).
After a refused save it keeps its links to the inputs; the error summary's refusal line links to
the box; staff of another body are neither shown the box nor let save: a ``save`` is refused 403
with the refusal before what was typed is read, and nothing is written."""

from __future__ import annotations

import pytest
from django.test import Client

from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory
from qyzmet.registry import services
from qyzmet.registry.enums import VersionStatus
from qyzmet.registry.models import StandardVersion
from qyzmet.registry.tests.editor_pages import editor_url as _url
from qyzmet.registry.tests.factories import ServiceFactory
from qyzmet.registry.tests.views.editor_page import editor_data

pytestmark = pytest.mark.django_db

POINTER = {
    "kk": "Қабылданбады: «Бекіту алдында түзетіңіз:» бөлігінде аталғандарды түзетіңіз.",
    "ru": "Отказано: исправьте части, перечисленные в блоке «До утверждения исправьте:».",
}
NOT_THE_DRAFTER = {
    "kk": "Жобаны тек оны әзірлейтін орталық мемлекеттік орган ғана әзірлейді (Заңның 13-бабының 1-тармағы).",
    "ru": "Проект разрабатывает только центральный государственный орган-разработчик (пункт 1 статьи 13 Закона).",
}
BOX = 'id="before-approval"'


@pytest.fixture
def draft() -> StandardVersion:
    """A draft offering pre-registration with its conditions in Kazakh only (STD 9): the box
    lists it, linked to the empty Russian input."""
    in_force = ServiceFactory.create().versions.get()
    version = services.standard_version_copy(actor=None, version=in_force)
    StandardVersion.objects.filter(pk=version.pk).update(
        pre_registration_available=True,
        pre_registration_conditions_kk="Алдын ала жазылу порталда.",
        pre_registration_conditions_ru="",
    )
    version.refresh_from_db()
    return version


def _client(user: object, lang: str) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    client.cookies["qyzmet_language"] = lang
    return client


def _staff(version: StandardVersion, lang: str, role: str = StaffRole.PROVIDER_OFFICER) -> Client:
    body = version.service.responsible_body
    return _client(StaffPositionFactory.create(role=role, organisation=body).user, lang)


def _other_body_staff(lang: str, role: str) -> Client:
    other = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    return _client(StaffPositionFactory.create(role=role, organisation=other).user, lang)


def _box(page: str) -> str:
    start = page.index(BOX)
    return page[start : page.index("</div>", start)]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_std_9_the_before_approval_box_keeps_its_links_after_a_refused_save(
    draft: StandardVersion, lang: str
) -> None:
    staff = _staff(draft, lang)
    assert 'href="#id_pre_registration_conditions_ru"' in _box(staff.get(_url(draft)).content.decode())
    data = editor_data(staff, _url(draft))
    data.update(ws_provider_2_opens=["18:00"], ws_provider_2_closes=["09:00"])  # refused
    response = staff.post(_url(draft), data)
    assert response.status_code == 400
    box = _box(response.content.decode())
    assert 'href="#id_pre_registration_conditions_ru"' in box


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_law_13_1_the_summary_s_refusal_line_links_to_the_before_approval_box(lang: str) -> None:
    service = ServiceFactory.create()
    draft = services.standard_version_copy(actor=None, version=service.versions.get())
    StandardVersion.objects.filter(pk=draft.pk).update(status=VersionStatus.AGREED, legal_basis_ru="")
    head = _staff(draft, lang, role=StaffRole.PROVIDER_HEAD)
    response = head.post(_url(draft), {"action": "approve", "effective_from": "2030-01-01"})
    assert response.status_code == 400
    page = response.content.decode()
    summary = page[page.index('id="error-summary"') : page.index(BOX)]
    assert f'<a href="#before-approval">{POINTER[lang]}</a>' in summary
    draft.refresh_from_db()
    assert draft.status == VersionStatus.AGREED


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("role", [StaffRole.PROVIDER_OFFICER, StaffRole.PROVIDER_HEAD])
def test_law_13_1_staff_of_another_body_are_not_told_to_correct_the_draft_and_a_save_is_refused_first(
    draft: StandardVersion, lang: str, role: str
) -> None:
    drafter = _staff(draft, lang)
    data = editor_data(drafter, _url(draft))
    data.update(
        pre_registration_conditions_ru=["Запись на портале."],
        max_queue_wait_minutes=["abc"],  # the form's own error: not what they are answered
    )
    other = _other_body_staff(lang, role)
    page = other.get(_url(draft)).content.decode()
    assert BOX not in page
    # They read the draft without its editor, and are told why (tester's finding 23.5).
    assert 'id="not-the-drafter"' in page and NOT_THE_DRAFTER[lang] in page
    assert 'value="save"' not in page
    before = StandardVersion.objects.filter(pk=draft.pk).values().get()
    response = other.post(_url(draft), data)
    assert response.status_code == 403
    page = response.content.decode()
    assert NOT_THE_DRAFTER[lang] in page
    assert 'id="id_max_queue_wait_minutes-error"' not in page and BOX not in page
    del data["max_queue_wait_minutes"]
    assert other.post(_url(draft), {**data, "max_queue_wait_minutes": ["5"]}).status_code == 403
    assert StandardVersion.objects.filter(pk=draft.pk).values().get() == before


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_law_13_1_the_developing_body_s_staff_see_the_box_and_save(draft: StandardVersion, lang: str) -> None:
    staff = _staff(draft, lang)
    page = staff.get(_url(draft)).content.decode()
    assert BOX in page and 'id="not-the-drafter"' not in page
    data = editor_data(staff, _url(draft))
    data["pre_registration_conditions_ru"] = ["Запись на портале."]
    response = staff.post(_url(draft), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.pre_registration_conditions_ru == "Запись на портале."
