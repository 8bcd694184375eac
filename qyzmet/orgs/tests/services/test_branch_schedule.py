"""Law 20.1, STD 9 (ADR 0018): a State Corporation branch keeps its own working schedule,
validated on write; no other organisation keeps one here."""

from __future__ import annotations

import pytest
from django.test import Client

from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import AuditLog
from qyzmet.orgs.enums import OrganisationKind as K
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.errors import OrgsErrorCode
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import branch_working_schedule
from qyzmet.orgs.services import organisation_update
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory, UserFactory

pytestmark = pytest.mark.django_db

SATURDAY_MORNING = {
    "days": [
        {"weekday": 0, "opens": "9:00", "closes": "19:00", "breaks": [{"start": "13:00", "end": "14:00"}]},
        {"weekday": 5, "opens": "09:00", "closes": "13:00"},
    ]
}


def test_law_20_1_branch_keeps_its_own_schedule_normalised_and_audited() -> None:
    branch = OrganisationFactory.create(kind=K.STATE_CORPORATION_BRANCH)
    organisation_update(organisation=branch, working_schedule=SATURDAY_MORNING)
    branch.refresh_from_db()
    assert branch.working_schedule["days"][0]["opens"] == "09:00"
    schedule = branch_working_schedule(organisation=branch)
    assert schedule is not None and schedule.hours_on(5) is not None
    assert AuditLog.objects.filter(action="orgs.organisation_update", object_id=str(branch.pk)).exists()
    organisation_update(organisation=branch, working_schedule={})  # back to the standard's
    assert branch_working_schedule(organisation=branch) is None


def test_law_20_1_only_a_branch_keeps_its_own_schedule() -> None:
    akimat = OrganisationFactory.create(kind=K.DISTRICT_AKIMAT)
    with pytest.raises(ApplicationError) as exc:
        organisation_update(organisation=akimat, working_schedule=SATURDAY_MORNING)
    assert exc.value.code == OrgsErrorCode.SCHEDULE_NOT_A_BRANCH
    assert Organisation.objects.get(pk=akimat.pk).working_schedule == {}


def test_std_9_bad_branch_schedule_row_is_refused_and_nothing_written() -> None:
    branch = OrganisationFactory.create(kind=K.STATE_CORPORATION_BRANCH)
    bad = {"days": [{"weekday": 5, "opens": "13:00", "closes": "09:00"}]}
    with pytest.raises(ApplicationError) as exc:
        organisation_update(organisation=branch, working_schedule=bad)
    assert exc.value.code == OrgsErrorCode.SCHEDULE_INVALID
    assert exc.value.field_messages_for("ru")["working_schedule"].startswith("Суббота:")
    assert exc.value.field_messages_for("kk")["working_schedule"].startswith("Сенбі:")
    assert Organisation.objects.get(pk=branch.pk).working_schedule == {}


@pytest.fixture
def admin_client_() -> Client:
    client = Client()
    user = UserFactory.create(is_staff=True, is_superuser=True)
    StaffPositionFactory.create(user=user, role=StaffRole.SYSTEM_ADMINISTRATOR)
    client.force_login(user)
    return client


def _post(branch: Organisation, **schedule: str) -> dict[str, object]:
    return {
        "kind": K.STATE_CORPORATION_BRANCH,
        "parent": branch.parent_id,
        "name_kk": branch.name_kk,
        "name_ru": branch.name_ru,
        "is_active": "on",
        **schedule,
    }


def test_law_20_1_admin_edits_a_branch_schedule_by_weekday_rows(admin_client_: Client) -> None:
    corporation = OrganisationFactory.create(kind=K.STATE_CORPORATION)
    branch = OrganisationFactory.create(kind=K.STATE_CORPORATION_BRANCH, parent=corporation)
    url = f"/admin/orgs/organisation/{branch.pk}/change/"
    page = admin_client_.get(url)
    assert page.status_code == 200 and 'name="ws_5_opens"' in page.content.decode()
    response = admin_client_.post(
        url,
        _post(
            branch,
            ws_0_open="on",
            ws_0_opens="09:00",
            ws_0_closes="19:00",
            ws_5_open="on",
            ws_5_opens="09:00",
            ws_5_closes="13:00",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    branch.refresh_from_db()
    assert [d["weekday"] for d in branch.working_schedule["days"]] == [0, 5]


def test_std_9_admin_keeps_what_was_typed_on_a_bad_row(admin_client_: Client) -> None:
    corporation = OrganisationFactory.create(kind=K.STATE_CORPORATION)
    branch = OrganisationFactory.create(kind=K.STATE_CORPORATION_BRANCH, parent=corporation)
    response = admin_client_.post(
        f"/admin/orgs/organisation/{branch.pk}/change/",
        _post(branch, ws_5_open="on", ws_5_opens="13:00", ws_5_closes="09:00"),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="13:00"' in body
    assert "Saturday" in body or "Сенбі" in body
    branch.refresh_from_db()
    assert branch.working_schedule == {}
