"""Law 13.1 (tester's finding 3): a standard is approved as a by-law and acts from its approval
on. An in-force date before the approval day is refused, in kk/ru/en, naming the point and what
to do; nothing is written and the version in force keeps its dates. The page says it next to the
date, before any comparison is shown."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from qyzmet.core.errors import ApplicationError
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import StaffPositionFactory
from qyzmet.registry import services
from qyzmet.registry.enums import VersionStatus
from qyzmet.registry.models import StandardVersion
from qyzmet.registry.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

APPROVAL_DAY = dt.date(2026, 12, 3)


def _agreed() -> tuple[StandardVersion, StandardVersion, Any]:
    service = ServiceFactory.create()
    in_force = service.versions.get()
    draft = services.standard_version_copy(actor=None, version=in_force)
    StandardVersion.objects.filter(pk=draft.pk).update(status=VersionStatus.AGREED)
    draft.refresh_from_db()
    head = StaffPositionFactory.create(
        role=StaffRole.PROVIDER_HEAD, organisation=service.responsible_body
    ).user
    return in_force, draft, head


def test_law_13_1_an_in_force_date_before_the_approval_day_is_refused_and_nothing_is_written() -> None:
    in_force, draft, head = _agreed()
    with pytest.raises(ApplicationError) as refused:
        services.standard_version_approve(
            actor=head, version=draft, effective_from=dt.date(2026, 6, 1), today=APPROVAL_DAY
        )
    messages = refused.value.field_messages_for("kk"), refused.value.field_messages_for("ru")
    assert "13-бабының 1-тармағы" in messages[0]["effective_from"]
    assert "03.12.2026 немесе одан кейінгі" in messages[0]["effective_from"]
    assert "пункт 1 статьи 13 Закона" in messages[1]["effective_from"]
    assert "Укажите 03.12.2026 или более позднюю дату" in messages[1]["effective_from"]
    assert "Law 13.1" in refused.value.field_messages_for("en")["effective_from"]
    in_force.refresh_from_db()
    draft.refresh_from_db()
    assert in_force.effective_to is None
    assert draft.status == VersionStatus.AGREED and draft.effective_from is None


def test_law_13_1_the_approval_day_itself_puts_the_version_in_force_closing_the_one_before() -> None:
    in_force, draft, head = _agreed()
    services.standard_version_approve(
        actor=head, version=draft, effective_from=APPROVAL_DAY, today=APPROVAL_DAY
    )
    in_force.refresh_from_db()
    draft.refresh_from_db()
    assert in_force.effective_to == dt.date(2026, 12, 2)
    assert (draft.status, draft.effective_from, draft.approved_on) == (
        VersionStatus.APPROVED,
        APPROVAL_DAY,
        APPROVAL_DAY,
    )


@pytest.mark.parametrize(
    ("lang", "said"), [("kk", "13-бабының 1-тармағы"), ("ru", "пункт 1 статьи 13 Закона")]
)
def test_law_13_1_the_page_refuses_a_past_in_force_date_next_to_the_date_before_comparing(
    lang: str, said: str
) -> None:
    in_force, draft, head = _agreed()
    client = Client()
    client.force_login(head)
    client.cookies["qyzmet_language"] = lang
    past = timezone.localdate() - dt.timedelta(days=30)
    url = reverse("registry:staff-version", args=[draft.service.code, draft.number])
    response = client.post(url, {"action": "approve", "effective_from": past.isoformat()})
    assert response.status_code == 400
    page = response.content.decode()
    error = re.search(r'id="id_effective_from-error">(.*?)</p>', page, re.S)
    assert error is not None and said in error.group(1)
    assert f'value="{past.isoformat()}"' in page
    assert "compared" not in page  # no comparison to confirm
    draft.refresh_from_db()
    in_force.refresh_from_db()
    assert draft.status == VersionStatus.AGREED and in_force.effective_to is None
