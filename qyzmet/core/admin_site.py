"""The Django admin is for system administrators only (issue 12.3).

``QyzmetAdminSite`` replaces Django's default site (``qyzmet.core.apps.QyzmetAdminConfig`` in INSTALLED_APPS),
so every ``@admin.register`` lands on it. It lets in only an active account with
``is_staff`` that holds an active ``SYSTEM_ADMINISTRATOR`` staff position in an active
organisation; ``is_staff`` or ``is_superuser`` alone is not enough (a registry administrator,
an officer or a superuser without the position is refused). The admin has no password form of
its own: signing in goes through the product's sign-in page (and its second factor when
``QYZMET_REQUIRE_STAFF_OTP`` is on), which then comes back to the admin."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

if TYPE_CHECKING:
    from qyzmet.core.models import User

ADMIN_ROLES: tuple[str, ...] = ("system_administrator",)


def may_use_admin(*, user: User | None) -> bool:
    """True for an active staff account with an active system-administrator position."""
    if user is None or not user.is_authenticated or not user.is_active or not user.is_staff:
        return False
    from qyzmet.orgs.selectors import has_role  # orgs depends on core, not the other way round

    return has_role(user=user, roles=ADMIN_ROLES)


class QyzmetAdminSite(admin.AdminSite):
    site_header = "Qyzmet"
    site_title = "Qyzmet"

    def has_permission(self, request: HttpRequest) -> bool:
        return may_use_admin(user=request.user)  # type: ignore[arg-type]

    def login(self, request: HttpRequest, extra_context: dict[str, object] | None = None) -> HttpResponse:
        """No second password form: send the visitor to the product's sign-in page."""
        target = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = ""
        target = target or reverse("admin:index", current_app=self.name)
        if request.user.is_authenticated:
            if not self.has_permission(request):
                # Signed in, but not a system administrator: refused, not asked to sign in again.
                raise PermissionDenied
            return HttpResponseRedirect(target)
        return HttpResponseRedirect(f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': target})}")
