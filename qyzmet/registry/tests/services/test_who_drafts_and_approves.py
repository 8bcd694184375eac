"""Law 10.1, 13.1: central state bodies develop and approve the by-laws of their services,
those delivered by local executive bodies and akims included; an akimat cannot draft, post or
approve one; the registry administrator keeps the register (Law 8) and approves nobody's by-law.
Law 15.4: what the interested bodies agree is the revised text — changed after an agreement, the
draft goes back to them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import AuditLog
from qyzmet.orgs.enums import OrganisationKind as K
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory
from qyzmet.registry.enums import VersionStatus
from qyzmet.registry.models import Discussion, DraftAgreement, StandardVersion
from qyzmet.registry.services import (
    discussion_close,
    discussion_open,
    draft_agreement_record,
    service_create,
    standard_version_approve,
    standard_version_copy,
    standard_version_mark_agreed,
    standard_version_update,
)
from qyzmet.registry.tests.factories import LifeSituationFactory, ServiceFactory
from qyzmet.workcalendar.calendar import add_working_days

pytestmark = pytest.mark.django_db

TZ = dt.timezone(dt.timedelta(hours=5))
POSTED = dt.date(2026, 11, 2)  # Monday


def _at(day: dt.date) -> time_machine.travel:
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, 11, 0, tzinfo=TZ), tick=False)


def _staff(role: str, organisation: Any = None) -> Any:
    if organisation is None:
        return StaffPositionFactory.create(role=role).user
    return StaffPositionFactory.create(role=role, organisation=organisation).user


@pytest.fixture
def cycle() -> dict[str, Any]:
    """A ministry's service delivered by akimats, its draft posted, reported and ready for
    agreement."""
    ministry = OrganisationFactory.create(kind=K.CENTRAL_STATE_BODY)
    akimat = OrganisationFactory.create(kind=K.CAPITAL_AKIMAT)
    interested = OrganisationFactory.create(kind=K.CENTRAL_STATE_BODY)
    service = ServiceFactory.create(
        responsible_body=ministry, provider_kinds=[K.CAPITAL_AKIMAT], providers=[akimat]
    )
    people = {
        "officer": _staff(StaffRole.PROVIDER_OFFICER, ministry),
        "head": _staff(StaffRole.PROVIDER_HEAD, ministry),
        "akimat_head": _staff(StaffRole.PROVIDER_HEAD, akimat),
        "akimat_officer": _staff(StaffRole.PROVIDER_OFFICER, akimat),
        "registry_admin": _staff(StaffRole.REGISTRY_ADMINISTRATOR),
        "agreeing": _staff(StaffRole.PROVIDER_OFFICER, interested),
    }
    with _at(POSTED):
        draft = standard_version_copy(actor=people["officer"], version=service.versions.get())
        discussion = discussion_open(actor=people["officer"], version=draft)
    with _at(add_working_days(POSTED, 11)):
        discussion_close(actor=people["officer"], discussion=discussion, revised_draft_location="https://x")
    return {**people, "ministry": ministry, "akimat": akimat, "interested": interested, "draft": draft}


def test_law_13_1_an_akimat_cannot_draft_post_or_approve_the_by_law_of_a_service_it_delivers(
    cycle: dict[str, Any],
) -> None:
    service = cycle["draft"].service
    approved = service.versions.get(status=VersionStatus.APPROVED)
    for akimat_staff in (cycle["akimat_head"], cycle["akimat_officer"]):
        with pytest.raises(AccessDenied) as refused:
            standard_version_copy(actor=akimat_staff, version=approved)
        assert "13" in refused.value.messages["ru"] and set(refused.value.messages) == {"kk", "ru", "en"}
    new = StandardVersion.objects.create(service=service, number=9, status=VersionStatus.DRAFT)
    with pytest.raises(AccessDenied):
        discussion_open(actor=cycle["akimat_head"], version=new)
    assert not Discussion.objects.filter(version=new).exists()
    with pytest.raises(AccessDenied):
        standard_version_update(
            actor=cycle["akimat_officer"], version=cycle["draft"], fields={"change_summary_kk": "x"}
        )


def test_law_13_1_the_registry_administrator_keeps_the_register_but_drafts_and_approves_nothing(
    cycle: dict[str, Any],
) -> None:
    admin, draft = cycle["registry_admin"], cycle["draft"]
    with pytest.raises(AccessDenied):
        standard_version_copy(actor=admin, version=draft.service.versions.get(status=VersionStatus.APPROVED))
    with pytest.raises(AccessDenied):
        standard_version_mark_agreed(actor=admin, version=draft)
    with pytest.raises(AccessDenied):
        draft_agreement_record(actor=admin, version=draft, organisation=cycle["interested"], agreed=True)
    draft_agreement_record(
        actor=cycle["agreeing"], version=draft, organisation=cycle["interested"], agreed=True
    )
    standard_version_mark_agreed(actor=cycle["officer"], version=draft)
    with pytest.raises(AccessDenied):
        standard_version_approve(actor=admin, version=draft, effective_from=dt.date(2027, 1, 1))
    draft.refresh_from_db()
    assert draft.status == VersionStatus.AGREED and draft.approved_by is None


def test_law_13_1_the_officer_drafts_and_the_head_of_the_central_state_body_approves(
    cycle: dict[str, Any],
) -> None:
    draft = cycle["draft"]
    draft_agreement_record(
        actor=cycle["agreeing"], version=draft, organisation=cycle["interested"], agreed=True
    )
    standard_version_mark_agreed(actor=cycle["officer"], version=draft)
    for refused in (cycle["officer"], cycle["akimat_head"]):
        with pytest.raises(AccessDenied):
            standard_version_approve(actor=refused, version=draft, effective_from=dt.date(2027, 1, 1))
    standard_version_approve(actor=cycle["head"], version=draft, effective_from=dt.date(2027, 1, 1))
    draft.refresh_from_db()
    assert draft.status == VersionStatus.APPROVED and draft.approved_by == cycle["head"]
    assert AuditLog.objects.filter(action="registry.version_approve", actor=cycle["head"]).exists()


def test_issue_19_4_an_approved_standard_is_an_event_for_subscribed_systems(
    cycle: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from qyzmet.notify import events

    seen: list[events.Event] = []
    monkeypatch.setitem(events._SINKS, "test", seen.append)
    draft = cycle["draft"]
    draft_agreement_record(
        actor=cycle["agreeing"], version=draft, organisation=cycle["interested"], agreed=True
    )
    standard_version_mark_agreed(actor=cycle["officer"], version=draft)
    assert seen == []
    standard_version_approve(actor=cycle["head"], version=draft, effective_from=dt.date(2027, 1, 1))
    (event,) = seen
    code = draft.service.code
    payload = event.payload()
    assert payload["url"].endswith(f"/api/v1/registry/services/{code}/standard/?on=2027-01-01")
    assert {
        k: payload[k] for k in ("kind", "object_type", "number", "service_code", "organisation_code")
    } == {
        "kind": "standard.approved",
        "object_type": "standard_version",
        "number": f"{code}/{draft.number}",
        "service_code": code,
        "organisation_code": cycle["ministry"].code,
    }


def test_law_13_1_a_service_is_filed_under_the_central_state_body_that_develops_its_by_law() -> None:
    admin = _staff(StaffRole.REGISTRY_ADMINISTRATOR)
    akimat = OrganisationFactory.create(kind=K.CAPITAL_AKIMAT)
    situation = LifeSituationFactory.create()
    with pytest.raises(ApplicationError) as refused:
        service_create(
            actor=admin,
            code="07019999",
            name_kk="Жер",
            name_ru="Земля",
            sphere=situation.sphere,
            life_situation=situation,
            responsible_body=akimat,
        )
    assert "responsible_body" in refused.value.fields
    assert set(refused.value.fields["responsible_body"]) == {"kk", "ru", "en"}


def test_law_15_4_an_interested_body_agrees_only_for_itself_and_not_the_developer_with_itself(
    cycle: dict[str, Any],
) -> None:
    draft = cycle["draft"]
    with pytest.raises(AccessDenied):
        draft_agreement_record(
            actor=cycle["agreeing"], version=draft, organisation=cycle["akimat"], agreed=True
        )
    with pytest.raises(ApplicationError) as itself:
        draft_agreement_record(
            actor=cycle["officer"], version=draft, organisation=cycle["ministry"], agreed=True
        )
    assert "organisation" in itself.value.fields
    assert not DraftAgreement.objects.exists()


def test_law_15_4_a_draft_changed_after_it_was_agreed_must_be_agreed_again(cycle: dict[str, Any]) -> None:
    draft, officer = cycle["draft"], cycle["officer"]
    draft_agreement_record(
        actor=cycle["agreeing"], version=draft, organisation=cycle["interested"], agreed=True
    )
    standard_version_update(actor=officer, version=draft, fields={"change_summary_kk": "Мерзім қысқарды"})
    with pytest.raises(ApplicationError) as stale:
        standard_version_mark_agreed(actor=officer, version=draft)
    assert "agreements" in stale.value.fields
    assert cycle["interested"].name_ru in stale.value.messages["ru"]
    draft.refresh_from_db()
    assert draft.status == VersionStatus.IN_DISCUSSION
    # agreed again on the changed text: now it can be marked agreed and approved
    draft_agreement_record(
        actor=cycle["agreeing"], version=draft, organisation=cycle["interested"], agreed=True
    )
    standard_version_mark_agreed(actor=officer, version=draft)
    standard_version_approve(actor=cycle["head"], version=draft, effective_from=dt.date(2027, 1, 1))
    draft.refresh_from_db()
    assert draft.status == VersionStatus.APPROVED
