"""Law 13.1, 15 (tester's finding 14): the forms of a standard's pages are checked by the server,
not the browser (``novalidate``): an empty required input is refused in the page's language
naming what to give and its article, not with the browser's own English bubble."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import StaffPositionFactory, UserFactory
from qyzmet.registry import services
from qyzmet.registry.enums import DiscussionStatus, VersionStatus
from qyzmet.registry.models import Discussion, StandardVersion
from qyzmet.registry.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def _draft() -> StandardVersion:
    return services.standard_version_copy(actor=None, version=ServiceFactory.create().versions.get())


def _login(version: StandardVersion, role: str, lang: str) -> Client:
    client = Client()
    client.force_login(
        StaffPositionFactory.create(role=role, organisation=version.service.responsible_body).user
    )
    client.cookies["qyzmet_language"] = lang
    return client


def _form_tag(page: str, action: str) -> str:
    found = re.search(
        rf'(<form[^>]*>)\s*(?:<h\d[^>]*>[^<]*</h\d>\s*)?<input type="hidden" name="csrfmiddlewaretoken"[^>]*>\s*<input type="hidden" name="action" value="{action}">',
        page,
    )
    assert found is not None, action
    return found.group(1)


@pytest.mark.parametrize(
    ("lang", "said"), [("kk", "15-бабының 4-тармағы"), ("ru", "пункт 4 статьи 15 Закона")]
)
def test_law_15_4_closing_without_where_to_read_the_revised_draft_is_refused_by_the_server(
    lang: str, said: str
) -> None:
    draft = _draft()
    client = _login(draft, StaffRole.PROVIDER_OFFICER, lang)
    StandardVersion.objects.filter(pk=draft.pk).update(status=VersionStatus.IN_DISCUSSION)
    Discussion.objects.create(
        version=draft,
        posted_by=UserFactory.create(),
        posted_on=dt.date(2026, 10, 1),
        ends_on=dt.date(2026, 10, 15),
        status=DiscussionStatus.OPEN,
    )
    url = reverse("registry:staff-version", args=[draft.service.code, draft.number])
    assert "novalidate" in _form_tag(client.get(url).content.decode(), "close")
    response = client.post(url, {"action": "close", "revised_draft_location": ""})
    assert response.status_code == 400
    error = re.search(r'id="id_revised_draft_location-error">(.*?)</p>', response.content.decode(), re.S)
    assert error is not None and said in error.group(1)
    assert Discussion.objects.get(version=draft).status == DiscussionStatus.OPEN


@pytest.mark.parametrize(
    ("lang", "said"), [("kk", "13-бабының 1-тармағы"), ("ru", "пункт 1 статьи 13 Закона")]
)
def test_law_13_1_approving_without_an_in_force_date_is_refused_by_the_server(lang: str, said: str) -> None:
    draft = _draft()
    StandardVersion.objects.filter(pk=draft.pk).update(status=VersionStatus.AGREED)
    client = _login(draft, StaffRole.PROVIDER_HEAD, lang)
    url = reverse("registry:staff-version", args=[draft.service.code, draft.number])
    assert "novalidate" in _form_tag(client.get(url).content.decode(), "approve")
    response = client.post(url, {"action": "approve", "effective_from": ""})
    assert response.status_code == 400
    error = re.search(r'id="id_effective_from-error">(.*?)</p>', response.content.decode(), re.S)
    assert error is not None and said in error.group(1)
    assert StandardVersion.objects.get(pk=draft.pk).status == VersionStatus.AGREED


@pytest.mark.parametrize(
    ("lang", "said"), [("kk", "салыстырылғаннан кейін өзгерді"), ("ru", "изменился после сравнения")]
)
def test_law_15_a_confirmation_of_a_draft_changed_since_it_was_compared_says_so_and_posts_nothing(
    lang: str, said: str
) -> None:
    draft = _draft()
    client = _login(draft, StaffRole.PROVIDER_OFFICER, lang)
    url = reverse("registry:staff-version", args=[draft.service.code, draft.number])
    shown = client.post(url, {"action": "open"}).content.decode()
    values = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', shown))
    assert "draft-changed" not in shown
    StandardVersion.objects.filter(pk=draft.pk).update(legal_basis_ru="Изменено после сравнения")
    again = client.post(url, values)
    page = again.content.decode()
    assert again.status_code == 200 and 'id="draft-changed"' in page and said in page
    assert not Discussion.objects.filter(version=draft).exists()
