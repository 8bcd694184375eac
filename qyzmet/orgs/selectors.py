"""Reads of organisations and staff positions, and the role-scope checks every app uses.

A staff member acts only for the organisation of their position, or its subtree, or the whole
country, as ``ROLE_SCOPE`` says for the role (Law 1.4 hierarchy; house rule: ``access_*``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from qyzmet.core.errors import AccessDenied
from qyzmet.core.models import User
from qyzmet.orgs.enums import (
    LOCAL_BODY_KINDS,
    PROVIDER_KINDS,
    ROLE_SCOPE,
    Authority,
    OrganisationKind,
    RoleScope,
    StaffRole,
)
from qyzmet.orgs.models import Organisation, RecipientCompany, StaffPosition
from qyzmet.workcalendar.schedule import WorkingSchedule, schedule_from_json


def position_list(*, user: User, roles: Iterable[str] | None = None) -> QuerySet[StaffPosition]:
    """The active positions of a user (optionally only those with the given roles)."""
    if not user.is_authenticated or not user.pk:
        return StaffPosition.objects.none()
    qs = StaffPosition.objects.filter(user=user, is_active=True, organisation__is_active=True)
    if roles is not None:
        qs = qs.filter(role__in=[str(r) for r in roles])
    return qs.select_related("organisation")


def organisation_subtree(*, organisation: Organisation) -> QuerySet[Organisation]:
    """The organisation and every body below it (materialised path prefix)."""
    return Organisation.objects.filter(path__startswith=organisation.path)


def organisations_visible_to(*, user: User, roles: Iterable[str] | None = None) -> QuerySet[Organisation]:
    """Every organisation the user may act for through a position with one of ``roles``."""
    query = Q(pk__in=[])
    for position in position_list(user=user, roles=roles):
        scope = ROLE_SCOPE.get(position.role, RoleScope.OWN)
        if scope == RoleScope.NATIONAL:
            return Organisation.objects.all()
        if scope == RoleScope.SUBTREE:
            query |= Q(path__startswith=position.organisation.path)
        else:
            query |= Q(pk=position.organisation_id)
    return Organisation.objects.filter(query)


def can_act_for(*, user: User, organisation: Organisation, roles: Iterable[str] | None = None) -> bool:
    """True when one of the user's positions (with one of ``roles``) covers ``organisation``."""
    return _covers(list(position_list(user=user, roles=roles)), organisation)


def _covers(positions: Iterable[StaffPosition], organisation: Organisation) -> bool:
    for position in positions:
        scope = ROLE_SCOPE.get(position.role, RoleScope.OWN)
        if scope == RoleScope.NATIONAL:
            return True
        if scope == RoleScope.SUBTREE and organisation.path.startswith(position.organisation.path):
            return True
        if position.organisation_id == organisation.pk:
            return True
    return False


def organisations_acted_for(
    *, user: User, organisations: Iterable[Organisation], roles: Iterable[str] | None = None
) -> set[int]:
    """The pks of ``organisations`` the user may act for (``can_act_for`` of each, one query)."""
    positions = list(position_list(user=user, roles=roles))
    return {o.pk for o in organisations if _covers(positions, o)}


def access_organisation(
    *, user: User, organisation: Organisation, roles: Iterable[str] | None = None
) -> Organisation:
    """The organisation, or :class:`AccessDenied` when the user may not act for it."""
    if not can_act_for(user=user, organisation=organisation, roles=roles):
        raise AccessDenied()
    return organisation


def has_role(*, user: User, roles: Iterable[str]) -> bool:
    return position_list(user=user, roles=roles).exists()


def staff_roles(*, user: User) -> set[StaffRole]:
    return {StaffRole(p.role) for p in position_list(user=user)}


# --- Lookups and lists -----------------------------------------------------------------------


def organisation_tree(*, include_inactive: bool = False) -> QuerySet[Organisation]:
    """Every organisation in tree order (the materialised path sorts parents before children;
    ``depth`` gives the indentation)."""
    qs = Organisation.objects.all() if include_inactive else Organisation.objects.filter(is_active=True)
    return qs.select_related("parent").order_by("path")


def organisation_get_by_code(*, code: str) -> Organisation:
    """The organisation with ``code`` (``Organisation.DoesNotExist`` when there is none)."""
    return Organisation.objects.get(code=code)


def organisation_find_by_code(*, code: str) -> Organisation | None:
    return Organisation.objects.filter(code=code).first()


def organisation_list_by_codes(*, codes: Iterable[str]) -> dict[str, Organisation]:
    return {o.code: o for o in Organisation.objects.filter(code__in=list(codes))}


# CRC 4.3: the bodies entitled to decide on an appeal forwarded by the Citizens' Reception
# Centre: every state body providing services, the State Corporation, the authorities and the
# other competent bodies (prosecutor's office, pension fund ...).
COMPETENT_BODY_KINDS: frozenset[str] = frozenset(
    {
        *PROVIDER_KINDS - {OrganisationKind.OTHER_PROVIDER},
        OrganisationKind.STATE_CORPORATION,
        OrganisationKind.OTHER_COMPETENT_BODY,
    }
)


def competent_body_list() -> QuerySet[Organisation]:
    """CRC 4.3: every active state body that can decide on an appeal, and the quasi-state sector
    entities that can (``is_quasi_state_sector``), in tree order."""
    return Organisation.objects.filter(
        Q(kind__in=COMPETENT_BODY_KINDS)
        | Q(is_quasi_state_sector=True)
        | Q(is_quality_authority=True)
        | Q(is_public_services_authority=True)
        | Q(is_informatization_authority=True),
        is_active=True,
    ).order_by("path")


def state_corporation_branch_list() -> QuerySet[Organisation]:
    """Law 11-1: the active branches of the State Corporation (Public Service Centres)."""
    return Organisation.objects.filter(
        kind=OrganisationKind.STATE_CORPORATION_BRANCH, is_active=True
    ).order_by("path")


def branch_working_schedule(*, organisation: Organisation | None) -> WorkingSchedule | None:
    """Law 20.1, ADR 0018: a State Corporation branch's own working schedule; ``None`` for
    another kind of organisation or a branch that keeps none (then the standard's)."""
    if organisation is None or organisation.kind != OrganisationKind.STATE_CORPORATION_BRANCH:
        return None
    return schedule_from_json(organisation.working_schedule)


def branch_schedule_list() -> list[tuple[Organisation, WorkingSchedule]]:
    """Law 20.1: the active State Corporation branches that keep their own hours, by path."""
    out = []
    for branch in state_corporation_branch_list().exclude(working_schedule={}):
        schedule = schedule_from_json(branch.working_schedule)
        if schedule is not None:
            out.append((branch, schedule))
    return out


_AUTHORITY_FLAG: dict[str, str] = {
    Authority.QUALITY: "is_quality_authority",
    Authority.PUBLIC_SERVICES: "is_public_services_authority",
    Authority.INFORMATIZATION: "is_informatization_authority",
}


def authority(kind: str) -> Organisation | None:
    """The active organisation holding an authority: quality assessment and control (Law 7),
    public services (Law 8) or informatization (Law 9); ``None`` when none is configured."""
    flag = _AUTHORITY_FLAG[Authority(kind)]
    return Organisation.objects.filter(is_active=True, **{flag: True}).order_by("path").first()


def staff_position_list(
    *, organisation: Organisation, include_inactive: bool = False
) -> QuerySet[StaffPosition]:
    qs = StaffPosition.objects.filter(organisation=organisation)
    if not include_inactive:
        qs = qs.filter(is_active=True)
    return qs.select_related("user", "organisation")


def staff_with_roles(*, roles: Iterable[str]) -> list[User]:
    """The active users holding an active position with one of ``roles`` in an active
    organisation, each once, in the order of their ids (e.g. every 1414 operator, CRC 20)."""
    positions = StaffPosition.objects.filter(
        role__in=[str(r) for r in roles], is_active=True, organisation__is_active=True, user__is_active=True
    ).select_related("user")
    users = {p.user_id: p.user for p in positions}
    return [users[pk] for pk in sorted(users)]


def companies_of(user: User) -> QuerySet[RecipientCompany]:
    """The legal entities the user acts for as director (Law 1.3)."""
    if not user.is_authenticated or not user.pk:
        return RecipientCompany.objects.none()
    return RecipientCompany.objects.filter(director=user)


# Law 1.3: these are never service recipients.
NOT_RECIPIENT_KINDS: frozenset[str] = frozenset(
    {
        OrganisationKind.CENTRAL_STATE_BODY,
        OrganisationKind.FOREIGN_INSTITUTION,
        *LOCAL_BODY_KINDS,
        OrganisationKind.GOVERNMENT_APPARATUS,
        OrganisationKind.APPARATUS_DEPARTMENT,
    }
)


def is_state_body_bin(bin_number: str) -> bool:
    """Law 1.3: whether a BIN belongs to a central or local state body, akim or foreign institution."""
    return (
        bool(bin_number)
        and Organisation.objects.filter(bin=bin_number, kind__in=NOT_RECIPIENT_KINDS).exists()
    )


def local_body_list() -> QuerySet[Organisation]:
    """Law 1.4: the active local executive bodies and akims, by region and tree order: the
    territories a recipient may live in."""
    return Organisation.objects.filter(kind__in=LOCAL_BODY_KINDS, is_active=True).order_by("region", "path")


def organisation_choices(
    *, language: str, queryset: QuerySet[Organisation] | None = None
) -> list[tuple[str, str]]:
    """Bodies a staff member picks from, as (code, name in ``language``), ordered by name:
    chosen by name, never by typing a code. ``queryset`` narrows them (default: the active)."""
    qs = queryset if queryset is not None else Organisation.objects.filter(is_active=True)
    rows = [(o.code, o.name(language)) for o in qs.only("code", "name_kk", "name_ru")]
    return sorted(rows, key=lambda row: row[1].casefold())


def staff_choices(*, organisation: Organisation) -> list[tuple[str, str]]:
    """The active staff of ``organisation`` a staff member assigns work to, as (user id, full
    name: surname, name, patronymic), ordered by name: chosen by name, never by a user name."""
    rows: dict[str, str] = {}
    for position in staff_position_list(organisation=organisation):
        u = position.user
        name = " ".join(p for p in (u.last_name, u.first_name, u.patronymic) if p) or u.username
        rows[str(u.pk)] = name
    return sorted(rows.items(), key=lambda row: row[1].casefold())


def organisation_in_bulk(*, ids: Iterable[int]) -> dict[int, Organisation]:
    """The organisations with ``ids``, by id, in one query (names of providers in a report)."""
    return Organisation.objects.in_bulk([i for i in ids if i is not None])


def staff_member_choices(*, roles: Iterable[str], language: str) -> list[tuple[str, str]]:
    """Staff members holding an active position with one of ``roles`` anywhere, as (user id,
    "surname name patronymic — organisation"), ordered by name: picked by name, never typed."""
    rows: dict[str, str] = {}
    qs = StaffPosition.objects.filter(
        is_active=True, organisation__is_active=True, role__in=[str(r) for r in roles]
    ).select_related("user", "organisation")
    for position in qs:
        u = position.user
        name = " ".join(p for p in (u.last_name, u.first_name, u.patronymic) if p) or u.username
        rows.setdefault(str(u.pk), f"{name} — {position.organisation.short_name(language)}")
    return sorted(rows.items(), key=lambda row: row[1].casefold())
