"""Role scope (Law 1.4 hierarchy; house rule ``access_*``): who may act for which organisation."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from qyzmet.core.errors import AccessDenied
from qyzmet.orgs.enums import Authority, StaffRole
from qyzmet.orgs.enums import OrganisationKind as K
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import (
    access_organisation,
    authority,
    can_act_for,
    companies_of,
    competent_body_list,
    has_role,
    organisation_tree,
    organisations_visible_to,
    state_corporation_branch_list,
)
from qyzmet.orgs.services import organisation_update, recipient_company_create, staff_position_deactivate
from qyzmet.orgs.tests.factories import (
    OrganisationFactory,
    RecipientFactory,
    StaffPositionFactory,
    UserFactory,
    make_bin,
)

pytestmark = pytest.mark.django_db

OWN_SCOPE_ROLES = [
    (StaffRole.PROVIDER_OFFICER, K.CENTRAL_STATE_BODY),  # Law 1.4: a provider officer acts for own body
    (StaffRole.STATE_CORPORATION_OPERATOR, K.STATE_CORPORATION_BRANCH),  # Law 11-1: own branch
    (StaffRole.CONTACT_CENTRE_OPERATOR, K.CONTACT_CENTRE),  # Law 1.9: the UCC only
    (StaffRole.RECEPTION_STAFF, K.RECEPTION_CENTRE),  # CRC 1: the Reception Centre only
]


@pytest.mark.parametrize(("role", "kind"), OWN_SCOPE_ROLES)
def test_role_scope_own_organisation_allowed_another_refused(role: str, kind: str) -> None:
    position = StaffPositionFactory.create(role=role, organisation=OrganisationFactory.create(kind=kind))
    other = OrganisationFactory.create(kind=kind)
    assert (
        access_organisation(user=position.user, organisation=position.organisation) == position.organisation
    )
    with pytest.raises(AccessDenied):
        access_organisation(user=position.user, organisation=other)
    assert list(organisations_visible_to(user=position.user)) == [position.organisation]


def test_role_scope_provider_officer_does_not_see_subordinate_bodies() -> None:
    oblast = OrganisationFactory.create(kind=K.OBLAST_AKIMAT)
    district = OrganisationFactory.create(kind=K.DISTRICT_AKIMAT, parent=oblast)
    position = StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER, organisation=oblast)
    with pytest.raises(AccessDenied):
        access_organisation(user=position.user, organisation=district)


def test_law_1_4_hierarchy_provider_head_sees_subtree_but_not_a_sibling_oblast() -> None:
    oblast = OrganisationFactory.create(code="akmola-oblast", kind=K.OBLAST_AKIMAT)
    district = OrganisationFactory.create(code="akmola-tselinograd", kind=K.DISTRICT_AKIMAT, parent=oblast)
    rural = OrganisationFactory.create(code="akmola-akmol", kind=K.RURAL_DISTRICT_AKIM, parent=district)
    sibling = OrganisationFactory.create(code="turkistan-oblast", kind=K.OBLAST_AKIMAT)
    # a code that shares the prefix must not leak into the subtree
    lookalike = OrganisationFactory.create(code="akmola-oblast-2", kind=K.OBLAST_AKIMAT)
    head = StaffPositionFactory.create(role=StaffRole.PROVIDER_HEAD, organisation=oblast).user
    for org in (oblast, district, rural):
        access_organisation(user=head, organisation=org)
    for org in (sibling, lookalike):
        with pytest.raises(AccessDenied):
            access_organisation(user=head, organisation=org)
    assert set(organisations_visible_to(user=head)) == {oblast, district, rural}


def test_law_1_4_hierarchy_district_head_does_not_see_the_oblast_above() -> None:
    district = OrganisationFactory.create(kind=K.DISTRICT_AKIMAT)
    head = StaffPositionFactory.create(role=StaffRole.PROVIDER_HEAD, organisation=district).user
    assert district.parent is not None
    with pytest.raises(AccessDenied):
        access_organisation(user=head, organisation=district.parent)


@pytest.mark.parametrize(
    "role",
    [
        StaffRole.QUALITY_INSPECTOR,  # Law 7: the quality authority inspects every body
        StaffRole.REGISTRY_ADMINISTRATOR,  # Law 8: the register is national
        StaffRole.SYSTEM_ADMINISTRATOR,
    ],
)
def test_role_scope_national_roles_cover_every_organisation(role: str) -> None:
    position = StaffPositionFactory.create(role=role)
    elsewhere = OrganisationFactory.create(kind=K.RURAL_DISTRICT_AKIM)
    access_organisation(user=position.user, organisation=position.organisation)
    access_organisation(user=position.user, organisation=elsewhere)
    # ... but only for that role: asking for another role's rights is refused
    with pytest.raises(AccessDenied):
        access_organisation(user=position.user, organisation=elsewhere, roles=[StaffRole.PROVIDER_OFFICER])


@pytest.mark.parametrize("role", list(StaffRole))
def test_role_scope_user_of_another_organisation_is_refused(role: str) -> None:
    """For every role: a staff member of organisation B may not act for A in that role."""
    mine = StaffPositionFactory.create(role=role)
    stranger = StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER).user
    access_organisation(user=mine.user, organisation=mine.organisation, roles=[role])
    with pytest.raises(AccessDenied):
        access_organisation(user=stranger, organisation=mine.organisation, roles=[role])
    with pytest.raises(AccessDenied):
        access_organisation(user=stranger, organisation=mine.organisation)


@pytest.mark.parametrize("role", list(StaffRole))
def test_role_scope_inactive_position_grants_nothing(role: str) -> None:
    position = StaffPositionFactory.create(role=role)
    staff_position_deactivate(position=position)
    assert not can_act_for(user=position.user, organisation=position.organisation)
    assert not organisations_visible_to(user=position.user).exists()
    assert not has_role(user=position.user, roles=[role])


@pytest.mark.parametrize("role", list(StaffRole))
def test_role_scope_inactive_organisation_grants_nothing(role: str) -> None:
    position = StaffPositionFactory.create(role=role)
    organisation_update(organisation=position.organisation, is_active=False)
    with pytest.raises(AccessDenied):
        access_organisation(user=position.user, organisation=position.organisation)
    assert not has_role(user=position.user, roles=[role])


def test_role_scope_anonymous_and_recipient_get_nothing() -> None:
    org = OrganisationFactory.create()
    for user in (AnonymousUser(), RecipientFactory.create(), UserFactory.create()):
        assert not can_act_for(user=user, organisation=org)  # type: ignore[arg-type]
        assert not organisations_visible_to(user=user).exists()  # type: ignore[arg-type]
        with pytest.raises(AccessDenied):
            access_organisation(user=user, organisation=org)  # type: ignore[arg-type]


def test_organisation_tree_orders_parents_before_children() -> None:
    oblast = OrganisationFactory.create(code="b-oblast", kind=K.OBLAST_AKIMAT)
    district = OrganisationFactory.create(code="a-district", kind=K.DISTRICT_AKIMAT, parent=oblast)
    top = OrganisationFactory.create(code="a-ministry")
    assert list(organisation_tree()) == [top, oblast, district]
    assert [o.depth for o in organisation_tree()] == [0, 0, 1]


def test_crc_4_3_competent_bodies_include_state_bodies_not_the_ucc_or_crc() -> None:
    ministry = OrganisationFactory.create()
    rural = OrganisationFactory.create(kind=K.RURAL_DISTRICT_AKIM)
    prosecutor = OrganisationFactory.create(kind=K.OTHER_COMPETENT_BODY)
    ucc = OrganisationFactory.create(kind=K.CONTACT_CENTRE)
    crc = OrganisationFactory.create(kind=K.RECEPTION_CENTRE)
    branch = OrganisationFactory.create(kind=K.STATE_CORPORATION_BRANCH)
    bodies = set(competent_body_list())
    assert {ministry, rural, prosecutor} <= bodies
    assert not {ucc, crc, branch} & bodies
    assert list(state_corporation_branch_list()) == [branch]


def test_law_7_to_9_authority_returns_the_flagged_organisation() -> None:
    assert authority(Authority.QUALITY) is None
    adgs = OrganisationFactory.create(is_quality_authority=True)
    digital = OrganisationFactory.create(is_public_services_authority=True, is_informatization_authority=True)
    assert authority(Authority.QUALITY) == adgs
    assert authority(Authority.PUBLIC_SERVICES) == digital
    assert authority(Authority.INFORMATIZATION) == digital


def test_law_1_3_company_director_sees_only_own_companies() -> None:
    director, other = RecipientFactory.create(), RecipientFactory.create()
    import datetime as dt

    company = recipient_company_create(
        bin=make_bin(dt.date(2015, 3, 1)), name_kk="«Дала» ЖШС", name_ru="ТОО «Дала»", director=director
    )
    assert list(companies_of(director)) == [company]
    assert not companies_of(other).exists()
    assert not companies_of(AnonymousUser()).exists()  # type: ignore[arg-type]
    assert Organisation.objects.count() == 0


def test_role_scope_position_in_an_organisation_created_inactive_grants_nothing() -> None:
    org = OrganisationFactory.create(is_active=False)
    position = StaffPositionFactory.create(organisation=org, role=StaffRole.PROVIDER_HEAD)
    assert position.is_active
    with pytest.raises(AccessDenied):
        access_organisation(user=position.user, organisation=org)
