"""Who may see and act on an application (Law 5.2.8, 5.2.11, 20.4, 23.4), per role."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from qyzmet.core.errors import AccessDenied
from qyzmet.core.models import User
from qyzmet.delivery import selectors
from qyzmet.delivery.enums import Channel
from qyzmet.delivery.models import Application
from qyzmet.delivery.tests.factories import World, make_world, submit
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, RecipientFactory, StaffPositionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def _can(user: User, app: Application, act: bool = False) -> bool:
    try:
        selectors.access_application(user=user, application=app, act=act)
    except AccessDenied:
        return False
    return True


def test_access_per_role(world: World) -> None:
    app = submit(world, channel=Channel.STATE_CORPORATION)
    other_officer = StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER).user
    other_operator = StaffPositionFactory.create(role=StaffRole.STATE_CORPORATION_OPERATOR).user
    contact = StaffPositionFactory.create(role=StaffRole.CONTACT_CENTRE_OPERATOR).user
    inspector = StaffPositionFactory.create(role=StaffRole.QUALITY_INSPECTOR).user
    stranger = RecipientFactory.create()
    # (user, may see, may act)
    rows = [
        (world.officer, True, True),  # provider officer of the provider
        (world.head, True, True),  # provider head of the parent body (subtree)
        (world.operator, True, True),  # State Corporation operator of the accepting branch
        (world.recipient, True, False),  # the recipient: own
        (inspector, True, False),  # quality inspector: read-only national
        (other_officer, False, False),  # provider officer of another body
        (other_operator, False, False),  # operator of another branch
        (contact, False, False),  # contact centre: stage lookup only
        (stranger, False, False),  # another citizen
    ]
    for user, see, act in rows:
        assert _can(user, app) is see, user
        assert _can(user, app, act=True) is act, user


def test_law_23_4_contact_centre_stage_lookup_needs_iin_last4(world: World) -> None:
    app = submit(world)
    assert (
        selectors.application_stage_lookup(
            number=app.number, iin_last4="0000" if not world.recipient.iin.endswith("0000") else "1111"
        )
        is None
    )
    found = selectors.application_stage_lookup(number=app.number.lower(), iin_last4=world.recipient.iin[-4:])
    assert found is not None
    assert found.status == "received"
    assert [k for k, _ in found.stages] == ["received"]


def test_law_5_2_11_worklist_flags_and_scope(world: World, django_assert_max_num_queries: Any) -> None:
    a = submit(world)  # due 30.11.2026
    submit(world, channel=Channel.EGOV_PORTAL)  # 3 wd: due 26.11.2026
    elsewhere = make_world()
    submit(elsewhere)
    with django_assert_max_num_queries(3):
        rows: list[Any] = list(
            selectors.application_worklist(user=world.officer, today=dt.date(2026, 11, 30))
        )
    assert len(rows) == 2
    assert rows[0].due_on < rows[1].due_on
    assert rows[0].is_overdue and not rows[0].is_due_today
    assert rows[1].pk == a.pk and rows[1].is_due_today
    assert len(selectors.application_worklist(user=world.head)) == 2
    assert len(selectors.application_worklist(user=world.officer, channel=Channel.PROVIDER)) == 1


def test_law_20_branch_lists(world: World) -> None:
    from qyzmet.delivery import services

    app = submit(world, channel=Channel.STATE_CORPORATION)
    submit(world)
    assert list(selectors.state_corporation_accepted_list(user=world.operator)) == [app]
    services.application_result_ready(actor=world.officer, application=app, result_summary_ru="ok")
    services.application_hand_over(actor=world.officer, application=app)
    assert list(selectors.state_corporation_pickup_list(user=world.operator)) == [app]
    branch2 = OrganisationFactory.create(kind=OrganisationKind.STATE_CORPORATION_BRANCH)
    op2 = StaffPositionFactory.create(role=StaffRole.STATE_CORPORATION_OPERATOR, organisation=branch2).user
    assert list(selectors.state_corporation_pickup_list(user=op2)) == []
    later = dt.date.today() + dt.timedelta(days=40)
    assert list(selectors.state_corporation_unclaimed_list(user=world.operator, today=later)) == [app]
    assert list(selectors.state_corporation_unclaimed_list(user=world.operator)) == []


def test_law_21_2_1_cabinet_lists_own_applications_only(world: World) -> None:
    from qyzmet.orgs.models import RecipientCompany
    from qyzmet.orgs.tests.factories import make_bin

    mine = submit(world)
    other = make_world()
    submit(other)
    other.service.recipient_categories = ["individual", "legal_entity"]
    other.service.save(update_fields=["recipient_categories"])
    bin_ = make_bin(dt.date(2018, 6, 1))
    RecipientCompany.objects.create(
        bin=bin_, name_kk="«Дала» ЖШС", name_ru="ТОО «Дала»", director=world.recipient
    )
    company_app = submit(
        other,
        recipient_kind="legal_entity",
        recipient_bin=bin_,
        recipient_user=None,
        recipient_name="ТОО «Дала»",
    )
    assert set(selectors.recipient_application_list(user=world.recipient)) == {mine, company_app}
    assert _can(world.recipient, company_app)


def test_application_list_matches_access_per_role(world: World, django_assert_max_num_queries: Any) -> None:
    app = submit(world, channel=Channel.STATE_CORPORATION)
    elsewhere = submit(make_world())
    inspector = StaffPositionFactory.create(role=StaffRole.QUALITY_INSPECTOR).user
    other_officer = StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER).user
    for user, expected in [
        (world.officer, {app}),
        (world.head, {app}),
        (world.operator, {app}),
        (world.recipient, {app}),
        (inspector, {app, elsewhere}),
        (other_officer, set()),
    ]:
        with django_assert_max_num_queries(8):
            got = set(selectors.application_list(user=user))
        assert got == expected, user
        for a in got:
            assert _can(user, a)


def test_operator_branch_and_notification_preference(world: World) -> None:
    from qyzmet.delivery.services import notification_preference_set

    assert selectors.operator_branch(user=world.operator) == world.branch
    assert selectors.operator_branch(user=world.officer) is None
    assert selectors.notification_preference_get(user=world.recipient) is None
    notification_preference_set(user=world.recipient, sms=True, email=True)
    pref = selectors.notification_preference_get(user=world.recipient)
    assert pref is not None and pref.email
