"""Reads for the web shell: public figures, the user's positions and the links and figures
other apps contribute through their optional ``qyzmet/<app>/navigation.py`` module.

A ``navigation`` module may define any of::

    public_links() -> list[tuple[str, str]]                # (label, url) on the landing page
    public_figures() -> list[tuple[str, str | int]]        # (label, value) on the landing page
    staff_links(user) -> list[tuple[str, str]]             # on the staff home page
    staff_figures(user) -> list[tuple[str, str | int]]     # on the staff home page
    cabinet_links(user) -> list[tuple[str, str]]           # on the recipient's cabinet

Apps without the module, or without one of the functions, are skipped.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from django.apps import apps
from django.db.models import Count
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.translation import gettext_lazy as _

from qyzmet.core.models import User
from qyzmet.orgs.enums import LOCAL_BODY_KINDS, ROLE_SCOPE, OrganisationKind, RoleScope
from qyzmet.orgs.models import Organisation, StaffPosition
from qyzmet.orgs.selectors import position_list

logger = logging.getLogger(__name__)

Link = tuple[str, str]
Figure = tuple[str, "str | int"]


@dataclass
class AppSection:
    """What one app contributes to a page."""

    label: str
    verbose_name: str
    links: list[Link] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.links and not self.figures


# Section titles for the apps that have no translated verbose_name of their own.
APP_TITLES: dict[str, Any] = {
    "workcalendar": _("Working calendar"),
    "orgs": _("Organisations"),
    "notify": _("Notifications"),
    "registry": _("Register of public services"),
    "delivery": _("Service delivery"),
    "complaints": _("Complaints"),
    "quality": _("Quality control"),
    "reception": _("Citizens' reception"),
    "contactcentre": _("Contact centre 1414"),
    "pscselection": _("Public Service Centre selection"),
}


def url_or_none(name: str, *args: Any) -> str | None:
    """The URL of a named route, or ``None`` while the route does not exist yet."""
    try:
        return reverse(name, args=args or None)
    except NoReverseMatch:
        return None


def path_or_none(url_path: str) -> str | None:
    """``url_path`` when some page answers it, else ``None`` (links only to pages that exist)."""
    try:
        resolve(url_path)
    except Resolver404:
        return None
    return url_path


def catalogue_url() -> str | None:
    """The public catalogue of services (the registry app's pages under /registry/)."""
    return url_or_none("registry:catalogue") or url_or_none("registry:index") or path_or_none("/registry/")


def navigation_modules() -> list[tuple[str, str, ModuleType]]:
    """(app label, verbose name, module) for each installed ``qyzmet`` app with navigation.py."""
    found: list[tuple[str, str, ModuleType]] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("qyzmet.") or config.name == "qyzmet.web":
            continue
        module_name = f"{config.name}.navigation"
        if importlib.util.find_spec(module_name) is None:
            continue
        title = APP_TITLES.get(config.label, config.verbose_name)
        found.append((config.label, str(title), importlib.import_module(module_name)))
    return found


def _call(module: ModuleType, name: str, *args: Any) -> list[Any]:
    func: Callable[..., Any] | None = getattr(module, name, None)
    if func is None:
        return []
    try:
        return list(func(*args) or [])
    except Exception:  # one app's broken contribution must not take the shell down
        logger.exception("navigation %s.%s failed", module.__name__, name)
        return []


def _sections(links_name: str, figures_name: str | None, *args: Any) -> list[AppSection]:
    sections = []
    for label, verbose_name, module in navigation_modules():
        section = AppSection(
            label=label,
            verbose_name=verbose_name,
            links=_call(module, links_name, *args),
            figures=_call(module, figures_name, *args) if figures_name else [],
        )
        if not section.is_empty:
            sections.append(section)
    return sections


def public_sections() -> list[AppSection]:
    return _sections("public_links", "public_figures")


def staff_sections(*, user: User) -> list[AppSection]:
    return _sections("staff_links", "staff_figures", user)


def cabinet_sections(*, user: User) -> list[AppSection]:
    return _sections("cabinet_links", None, user)


def organisation_kind_counts() -> list[tuple[str, int]]:
    """(kind, count) of active organisations, in the order of :class:`OrganisationKind`."""
    counts = dict(
        Organisation.objects.filter(is_active=True)
        .order_by()
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    return [(kind.value, counts[kind.value]) for kind in OrganisationKind if counts.get(kind.value)]


# The landing page groups the kinds of Law 1.4, 11, 11-1 into what a citizen recognises.
_PUBLIC_GROUPS: list[tuple[Any, frozenset[str]]] = [
    (_("Central state bodies"), frozenset({OrganisationKind.CENTRAL_STATE_BODY})),
    (
        _("Local executive bodies and akims"),
        LOCAL_BODY_KINDS,
    ),
    (_("Public Service Centres"), frozenset({OrganisationKind.STATE_CORPORATION_BRANCH})),
    (_("Foreign institutions"), frozenset({OrganisationKind.FOREIGN_INSTITUTION})),
    (
        _("Other bodies and organisations"),
        frozenset(
            {
                OrganisationKind.STATE_CORPORATION,
                OrganisationKind.CONTACT_CENTRE,
                OrganisationKind.RECEPTION_CENTRE,
                OrganisationKind.OTHER_COMPETENT_BODY,
                OrganisationKind.OTHER_PROVIDER,
            }
        ),
    ),
]


def organisation_figures() -> list[tuple[str, int]]:
    """Active organisations in the landing page's groups (empty groups left out)."""
    counts = dict(organisation_kind_counts())
    figures = [(str(label), sum(counts.get(k, 0) for k in kinds)) for label, kinds in _PUBLIC_GROUPS]
    return [(label, n) for label, n in figures if n]


@dataclass
class PositionView:
    position: StaffPosition
    role_label: str
    organisation_name: str
    scope_label: str
    scope_help: str


_SCOPE_HELP = {
    RoleScope.OWN: "own",
    RoleScope.SUBTREE: "subtree",
    RoleScope.NATIONAL: "national",
}


def user_positions(*, user: User) -> list[PositionView]:
    """The user's active positions with role, organisation name (current language) and scope."""
    views = []
    for position in position_list(user=user):
        scope = RoleScope(ROLE_SCOPE.get(position.role, RoleScope.OWN))
        views.append(
            PositionView(
                position=position,
                role_label=str(position.get_role_display()),
                organisation_name=position.organisation.name(),
                scope_label=str(scope.label),
                scope_help=_SCOPE_HELP[scope],
            )
        )
    return views


def is_staff_member(*, user: User) -> bool:
    return position_list(user=user).exists() or bool(user.is_superuser)


# --- Second factor (issue 12.3) ----------------------------------------------------------------


def needs_second_factor(*, user: User) -> bool:
    """True when ``QYZMET_REQUIRE_STAFF_OTP`` is on and the user is staff: an active staff
    position (every role reads recipients' personal data: names, IINs, documents, appeals)
    or an administrator account (``is_staff``/``is_superuser``). Citizens never need one."""
    from django.conf import settings

    if not settings.QYZMET_REQUIRE_STAFF_OTP or not user.is_authenticated:
        return False
    return bool(user.is_staff) or is_staff_member(user=user)


def totp_device_confirmed(*, user: User) -> Any:
    """The user's confirmed TOTP device, or None (then the user enrols first)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


# --- landing page (issue 14.6) -------------------------------------------------------------

# When nothing has been applied for lately (a fresh install, the demo before its walk): the
# services people ask for most, by their demo register codes.
POPULAR_FALLBACK_CODES: tuple[str, ...] = (
    "01010001",  # birth registration
    "01020001",  # marriage registration
    "02010001",  # identity card
    "02020001",  # registration at the place of residence
    "05020001",  # birth allowance
    "01030001",  # certificate of (no) criminal record
)


def popular_services(*, today: Any, limit: int = 6) -> list[Any]:
    """The services most applied for in the last 90 days (delivery selectors), filled up with
    the fixed list above; active services only, in that order."""
    from qyzmet.delivery.selectors import popular_service_ids
    from qyzmet.registry.models import Service

    ids = popular_service_ids(until=today, limit=limit)
    by_id = {s.pk: s for s in Service.objects.filter(pk__in=ids, is_active=True)}
    chosen = [by_id[pk] for pk in ids if pk in by_id]
    if len(chosen) < limit:
        extra = Service.objects.filter(code__in=POPULAR_FALLBACK_CODES, is_active=True).exclude(
            pk__in=[s.pk for s in chosen]
        )
        by_code = {s.code: s for s in extra}
        chosen += [by_code[c] for c in POPULAR_FALLBACK_CODES if c in by_code]
    return chosen[:limit]


def life_situation_list() -> list[Any]:
    """Life situations that have services, by sphere, for the landing page."""
    from qyzmet.registry.models import LifeSituation

    return list(
        LifeSituation.objects.filter(services__is_active=True)
        .select_related("sphere")
        .distinct()
        .order_by("sphere__order", "order", "code")
    )
