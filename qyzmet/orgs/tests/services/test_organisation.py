"""Law 1.4, 11: the hierarchy of service providers and the materialised path."""

from __future__ import annotations

import pytest

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.identity import is_valid_iin
from qyzmet.orgs.enums import OrganisationKind as K
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.errors import OrgsErrorCode
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import access_organisation
from qyzmet.orgs.services import (
    organisation_create,
    organisation_update,
    staff_position_create,
    staff_position_deactivate,
)
from qyzmet.orgs.tests.factories import (
    OrganisationFactory,
    RecipientFactory,
    StaffPositionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_law_1_4_path_and_depth_follow_the_parent_chain() -> None:
    oblast = organisation_create(code="akmola-oblast", kind=K.OBLAST_AKIMAT, name_kk="а", name_ru="а")
    district = organisation_create(
        code="akmola-tselinograd", kind=K.DISTRICT_AKIMAT, name_kk="б", name_ru="б", parent=oblast
    )
    rural = organisation_create(
        code="akmola-akmol", kind=K.RURAL_DISTRICT_AKIM, name_kk="в", name_ru="в", parent=district
    )
    assert (oblast.path, oblast.depth) == ("/akmola-oblast/", 0)
    assert (district.path, district.depth) == ("/akmola-oblast/akmola-tselinograd/", 1)
    assert (rural.path, rural.depth) == ("/akmola-oblast/akmola-tselinograd/akmola-akmol/", 2)


@pytest.mark.parametrize(
    ("kind", "parent_kind"),
    [
        (K.RURAL_DISTRICT_AKIM, K.OBLAST_AKIMAT),  # Law 11: a rural district sits under a district
        (K.RURAL_DISTRICT_AKIM, None),  # Law 11: never top level
        (K.STATE_CORPORATION_BRANCH, K.CENTRAL_STATE_BODY),  # Law 11-1: branch under the SC only
        (K.DISTRICT_AKIMAT, K.CAPITAL_AKIMAT),  # Law 1.4: districts belong to an oblast
        (K.OBLAST_AKIMAT, K.CENTRAL_STATE_BODY),  # Law 1.4: oblast akimats are top level
        (K.FOREIGN_INSTITUTION, None),  # Law 1.4: foreign institutions under the MFA
    ],
)
def test_law_1_4_forbidden_parent_kind_is_refused(kind: str, parent_kind: str | None) -> None:
    parent = OrganisationFactory.create(kind=parent_kind) if parent_kind else None
    with pytest.raises(ApplicationError) as exc:
        organisation_create(code="child", kind=kind, name_kk="к", name_ru="р", parent=parent)
    assert exc.value.code == OrgsErrorCode.PARENT_KIND_FORBIDDEN
    assert set(exc.value.messages) == {"kk", "ru", "en"}
    assert "parent" in exc.value.fields


@pytest.mark.parametrize(
    ("kind", "parent_kind"),
    [
        (K.RURAL_DISTRICT_AKIM, K.DISTRICT_AKIMAT),
        (K.RURAL_DISTRICT_AKIM, K.CITY_OBLAST_AKIMAT),
        (K.STATE_CORPORATION_BRANCH, K.STATE_CORPORATION),
        (K.CITY_DISTRICT_AKIM, K.CITY_REPUBLICAN_AKIMAT),
        (K.TOWN_AKIM, K.DISTRICT_AKIMAT),
    ],
)
def test_law_1_4_allowed_parent_kind_is_accepted(kind: str, parent_kind: str) -> None:
    parent = OrganisationFactory.create(kind=parent_kind)
    child = organisation_create(code="child", kind=kind, name_kk="к", name_ru="р", parent=parent)
    assert child.path == f"{parent.path}child/"


def test_duplicate_code_and_invalid_bin_write_nothing() -> None:
    OrganisationFactory.create(code="minjust")
    with pytest.raises(ApplicationError) as exc:
        organisation_create(code="minjust", kind=K.CENTRAL_STATE_BODY, name_kk="а", name_ru="а")
    assert exc.value.code == OrgsErrorCode.CODE_TAKEN
    with pytest.raises(ApplicationError) as exc:
        organisation_create(code="x", kind=K.CENTRAL_STATE_BODY, name_kk="а", name_ru="а", bin="123456789012")
    assert exc.value.code == OrgsErrorCode.INVALID_BIN
    assert not Organisation.objects.filter(code="x").exists()


def test_law_1_4_moving_an_organisation_rewrites_the_subtree_paths() -> None:
    first = OrganisationFactory.create(code="ob1", kind=K.OBLAST_AKIMAT)
    second = OrganisationFactory.create(code="ob2", kind=K.OBLAST_AKIMAT)
    district = OrganisationFactory.create(code="d", kind=K.DISTRICT_AKIMAT, parent=first)
    village = OrganisationFactory.create(code="v", kind=K.VILLAGE_AKIM, parent=district)
    organisation_update(organisation=district, parent=second, name_ru="Новое")
    village.refresh_from_db()
    assert district.path == "/ob2/d/"
    assert (village.path, village.depth) == ("/ob2/d/v/", 2)
    with pytest.raises(ApplicationError) as exc:
        organisation_update(organisation=second, parent=village)
    assert exc.value.code == OrgsErrorCode.PARENT_CYCLE


def test_law_11_1_2_operator_role_only_in_a_state_corporation_branch() -> None:
    user = UserFactory.create()
    with pytest.raises(ApplicationError) as exc:
        staff_position_create(
            user=user, organisation=OrganisationFactory.create(), role=StaffRole.STATE_CORPORATION_OPERATOR
        )
    assert exc.value.code == OrgsErrorCode.ROLE_KIND_MISMATCH
    branch = OrganisationFactory.create(kind=K.STATE_CORPORATION_BRANCH)
    assert branch.parent is not None and branch.parent.kind == K.STATE_CORPORATION
    staff_position_create(user=user, organisation=branch, role=StaffRole.STATE_CORPORATION_OPERATOR)


def test_deactivated_position_grants_nothing_and_recreate_reactivates() -> None:
    position = StaffPositionFactory.create()
    access_organisation(user=position.user, organisation=position.organisation)
    staff_position_deactivate(position=position)
    with pytest.raises(AccessDenied):
        access_organisation(user=position.user, organisation=position.organisation)
    again = staff_position_create(user=position.user, organisation=position.organisation, role=position.role)
    assert again.pk == position.pk and again.is_active


def test_recipient_factory_gives_a_valid_iin() -> None:
    assert all(is_valid_iin(RecipientFactory.create().iin) for _ in range(5))
