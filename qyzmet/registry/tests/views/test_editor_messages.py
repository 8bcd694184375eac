"""The standard's staff page names every part in the page's language after its STD point, never
by its code (tester's finding 5): the "before approval" list, the refusals of marking agreed and
of a comment decision, the comment table; and what approval would refuse is marked on the input
or block it is about."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client

from qyzmet.core.models import User
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory, UserFactory
from qyzmet.registry import services
from qyzmet.registry.enums import DiscussionStatus, VersionStatus
from qyzmet.registry.models import Discussion, DraftAgreement, StandardVersion
from qyzmet.registry.tests.editor_pages import editor_url as _url
from qyzmet.registry.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

CODES = re.compile(
    r"\b(legal_basis|information_source_entries|refusal_grounds|complaint_address_entries|fee_mci|"
    r"payment_method|channel_terms|agreements|reason|required_documents|approval_act)\b\s*:"
)


def _draft(**changes: Any) -> StandardVersion:
    service = ServiceFactory.create()
    draft = services.standard_version_copy(actor=None, version=service.versions.get())
    StandardVersion.objects.filter(pk=draft.pk).update(**changes)
    draft.refresh_from_db()
    return draft


def _client(
    version: StandardVersion, lang: str, role: str = StaffRole.PROVIDER_OFFICER
) -> tuple[Client, User]:
    user = StaffPositionFactory.create(role=role, organisation=version.service.responsible_body).user
    client = Client()
    client.force_login(user)
    client.cookies["qyzmet_language"] = lang
    return client, user


@pytest.mark.parametrize(
    ("lang", "basis", "sources"),
    [
        ("kk", "3-тармақ: құқықтық негіз", "4-тармақ: ақпарат көздері"),
        ("ru", "пункт 3: правовое основание", "пункт 4: источники информации"),
    ],
)
def test_std_3_and_4_before_approval_each_part_is_named_by_its_point_and_marked_on_its_input(
    lang: str, basis: str, sources: str
) -> None:
    draft = _draft(legal_basis_ru="")
    draft.information_source_entries.all().delete()
    client, _user = _client(draft, lang)
    page = client.get(_url(draft)).content.decode()
    banner = re.search(r'id="before-approval">(.*?)</div>', page, re.S)
    assert banner is not None
    assert CODES.search(banner.group(1)) is None
    assert f'href="#id_legal_basis_ru"><strong>{basis}</strong>' in banner.group(1)  # the input left empty
    assert f'href="#sources"><strong>{sources}' in banner.group(1)
    # Marked where it is edited: under the kk/ru pair of the legal basis, at the top of the block.
    assert 'id="id_legal_basis_kk-note"' in page
    assert 'id="sources-note"' in page


def test_law_15_4_a_refused_mark_agreed_names_the_agreement_in_the_language_not_by_code() -> None:
    draft = _draft(status=VersionStatus.IN_DISCUSSION)
    client, officer = _client(draft, "ru")
    Discussion.objects.create(
        version=draft,
        posted_by=officer,
        posted_on=dt.date(2026, 10, 1),
        ends_on=dt.date(2026, 10, 15),
        status=DiscussionStatus.CLOSED,
        closed_on=dt.date(2026, 10, 16),
    )
    DraftAgreement.objects.create(
        version=draft,
        organisation=OrganisationFactory.create(),
        agreed=True,
        recorded_by=officer,
        recorded_on=dt.date(2026, 10, 20),
        content_hash="0" * 64,
    )
    response = client.post(_url(draft), {"action": "agreed"}, follow=True)
    page = response.content.decode()
    assert "Проект изменён после согласования" in page
    assert "Согласование заинтересованных органов: Нужно согласовать заново." in page
    assert CODES.search(page) is None
    draft.refresh_from_db()
    assert draft.status == VersionStatus.IN_DISCUSSION


@pytest.mark.parametrize(("lang", "said"), [("kk", "Себебі:"), ("ru", "Причина:")])
def test_law_15_a_decision_without_a_reason_names_the_reason_in_the_language_and_the_part_commented(
    lang: str, said: str
) -> None:
    draft = _draft()
    client, officer = _client(draft, lang)
    discussion = services.discussion_open(actor=officer, version=draft)
    services.discussion_comment_add(
        author=UserFactory.create(),
        discussion=discussion,
        text="Срок слишком длинный",
        field_name="channel_terms",
    )
    comment = discussion.comments.get()
    page = client.get(_url(draft)).content.decode()
    part = {"kk": "7-тармақ: арналар мен мерзімдер", "ru": "пункт 7: способы и сроки"}[lang]
    assert f"· {part}<br>" in page
    response = client.post(
        _url(draft),
        {"action": "decide", "comment": comment.pk, "decision": "accepted", "reason": ""},
        follow=True,
    )
    page = response.content.decode()
    assert said in page
    assert CODES.search(page) is None
    comment.refresh_from_db()
    assert comment.decision == "pending"
