"""Law 10.1, 13.1, 15 (tester's finding 13): staff of another body are refused with 403 (no
right), not 400 (bad input), and nothing is written; the pages offer an action only to those
who may take it: a new draft to the developing body's staff, the agreement form to the staff of
an interested body, listing only their own bodies."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory
from qyzmet.registry import services
from qyzmet.registry.enums import DiscussionStatus, VersionStatus
from qyzmet.registry.models import Discussion, StandardVersion
from qyzmet.registry.tests.factories import ServiceFactory
from qyzmet.registry.tests.views.editor_page import editor_data

pytestmark = pytest.mark.django_db


def _login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["qyzmet_language"] = "ru"
    return client


def _staff(body: Any, role: str = StaffRole.PROVIDER_OFFICER) -> Any:
    return StaffPositionFactory.create(role=role, organisation=body).user


def _draft() -> StandardVersion:
    service = ServiceFactory.create(
        responsible_body=OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    )
    return services.standard_version_copy(actor=None, version=service.versions.get())


@pytest.mark.parametrize(
    "role", [StaffRole.PROVIDER_OFFICER, StaffRole.PROVIDER_HEAD, StaffRole.REGISTRY_ADMINISTRATOR]
)
def test_law_13_1_staff_of_another_body_are_refused_with_403_and_nothing_is_written(role: str) -> None:
    draft = _draft()
    url = reverse("registry:staff-version", args=[draft.service.code, draft.number])
    page = editor_data(_login(_staff(draft.service.responsible_body)), url)
    other = _login(_staff(OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY), role))
    before = services.version_content_hash(draft)
    page["legal_basis_ru"] = ["Подделано"]
    assert other.post(url, page).status_code == 403  # the whole editor, forged
    for action in ({"action": "open", "confirmed": "1"}, {"action": "agreed"}):
        assert other.post(url, action).status_code == 403, action
    if role == StaffRole.REGISTRY_ADMINISTRATOR:  # staff of no body that could agree
        assert other.post(url, {"action": "agreement", "organisation": "x"}).status_code == 403
    StandardVersion.objects.filter(pk=draft.pk).update(status=VersionStatus.AGREED)
    approve = {"action": "approve", "effective_from": "2027-01-01", "confirmed": "1"}
    assert other.post(url, approve).status_code == 403
    assert other.post(reverse("registry:staff-version-draft", args=[draft.service.code])).status_code == 403
    draft.refresh_from_db()
    assert draft.status == VersionStatus.AGREED and services.version_content_hash(draft) == before
    assert draft.service.versions.count() == 2


def test_law_13_1_the_register_offers_a_new_draft_only_of_the_services_of_the_users_body() -> None:
    own, foreign = _draft().service, _draft().service
    page = _login(_staff(own.responsible_body)).get(reverse("registry:staff-services")).content.decode()
    assert reverse("registry:staff-version-draft", args=[own.code]) in page
    assert reverse("registry:staff-version-draft", args=[foreign.code]) not in page


def test_law_15_the_agreement_form_lists_only_the_bodies_the_user_agrees_for() -> None:
    draft = _draft()
    drafter = _staff(draft.service.responsible_body)
    StandardVersion.objects.filter(pk=draft.pk).update(status=VersionStatus.IN_DISCUSSION)
    Discussion.objects.create(
        version=draft,
        posted_by=drafter,
        posted_on=dt.date(2026, 10, 1),
        ends_on=dt.date(2026, 10, 15),
        status=DiscussionStatus.CLOSED,
        closed_on=dt.date(2026, 10, 16),
    )
    interested = OrganisationFactory.create(name_ru="Заинтересованное министерство")
    bystander = OrganisationFactory.create(name_ru="Постороннее министерство")
    url = reverse("registry:staff-version", args=[draft.service.code, draft.number])
    page = _login(_staff(interested)).get(url).content.decode()
    assert f'<option value="{interested.code}">Заинтересованное министерство</option>' in page
    assert bystander.code not in page and 'value="agreement"' in page
    page = _login(drafter).get(url).content.decode()
    assert 'value="agreement"' not in page  # the developing body does not agree with itself
