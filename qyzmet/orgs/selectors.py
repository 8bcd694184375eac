"""Reads of organisations and staff positions, and the role-scope checks every app uses.

A staff member acts only for the organisation of their position, or its subtree, or the whole
country, as ``ROLE_SCOPE`` says for the role (Law 1.4 hierarchy; house rule: ``access_*``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from qyzmet.core.errors import AccessDenied
from qyzmet.core.models import User
from qyzmet.orgs.enums import ROLE_SCOPE, RoleScope, StaffRole
from qyzmet.orgs.models import Organisation, StaffPosition


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
    for position in position_list(user=user, roles=roles):
        scope = ROLE_SCOPE.get(position.role, RoleScope.OWN)
        if scope == RoleScope.NATIONAL:
            return True
        if scope == RoleScope.SUBTREE and organisation.path.startswith(position.organisation.path):
            return True
        if position.organisation_id == organisation.pk:
            return True
    return False


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
