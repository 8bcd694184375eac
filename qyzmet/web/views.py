"""Pages of the web shell: landing, sign in/out (with the staff second factor), staff home,
recipient cabinet, language."""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views import View
from django.views.generic import TemplateView
from django.views.i18n import set_language
from django_otp import login as otp_login

from qyzmet.core.admin_site import may_use_admin
from qyzmet.core.errors import ApplicationError
from qyzmet.core.signin import SignInMethod, sign_in_method_record
from qyzmet.core.throttling import (
    Limit,
    by_address,
    by_target,
    by_target_from_address,
    refusal,
    throttle_check,
    throttle_count,
)
from qyzmet.web import selectors, services
from qyzmet.web.services import user_language_set


class LandingView(TemplateView):
    """The public front page: what Qyzmet is and figures read from the database."""

    template_name = "web/landing.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        kinds = selectors.organisation_figures()
        context.update(
            organisation_kinds=kinds,
            organisation_total=sum(n for _label, n in kinds),
            sections=selectors.public_sections(),
            catalogue_url=selectors.catalogue_url(),
            popular_services=selectors.popular_services(today=timezone.localdate()),
            life_situations=selectors.life_situation_list(),
        )
        return context


def _sign_in_limits(request: HttpRequest) -> tuple[Limit, Limit, Limit]:
    username = str(request.POST.get("username", ""))
    return (
        by_address("login_address"),
        by_target_from_address("login_username_address", username),
        by_target("login_username", username),
    )


def _sign_in_refused(request: HttpRequest) -> HttpResponse | None:
    """ADR 0011: wrong passwords count per address, per user name from that address, and per
    user name from everywhere (a far higher limit); a right one counts nothing, so colleagues
    behind one address (a service centre's hall) never lock each other out by signing in, and
    one stranger's guesses lock only the stranger's address out of the account. Over a limit the
    attempt is refused before the password is checked, the right one too (otherwise the lock
    would protect nothing); the way back is the lock's end, which the page names in minutes, or
    a sysadmin's ``qyzmet signin_unlock``."""
    if request.method != "POST":
        return None
    wait = throttle_check(request, *_sign_in_limits(request))
    return refusal(request, wait) if wait else None


def admin_login(request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
    """The admin's sign-in form, with the same counts as ours (one account, two doors)."""
    return _sign_in_refused(request) or admin.site.login(request, extra_context)


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return _sign_in_refused(request) or super().post(request, *args, **kwargs)

    def form_invalid(self, form: Any) -> HttpResponse:
        throttle_count(self.request, *_sign_in_limits(self.request))
        return super().form_invalid(form)

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        # ADR 0020: the session knows how its user signed in (here: a password).
        sign_in_method_record(self.request, SignInMethod.PASSWORD)
        # The interface follows the language the user chose before.
        language = getattr(form.get_user(), "preferred_language", "") or settings.LANGUAGE_CODE
        translation.activate(language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
        )
        return response


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


class StaffHomeView(LoginRequiredMixin, TemplateView):
    """A staff member's positions and what every app offers them; recipients go to the cabinet."""

    template_name = "web/staff_home.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not selectors.is_staff_member(user=request.user):  # type: ignore[arg-type]
            return redirect("web:cabinet")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            positions=selectors.user_positions(user=user),  # type: ignore[arg-type]
            sections=selectors.staff_sections(user=user),  # type: ignore[arg-type]
            admin_url=selectors.url_or_none("admin:index") if may_use_admin(user=user) else None,  # type: ignore[arg-type]
        )
        return context


class CabinetView(LoginRequiredMixin, TemplateView):
    """The recipient's cabinet; apps add their links through ``navigation.cabinet_links``."""

    template_name = "web/cabinet.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            sections=selectors.cabinet_sections(user=user),  # type: ignore[arg-type]
            is_staff_member=selectors.is_staff_member(user=user),  # type: ignore[arg-type]
        )
        return context


class SetLanguageView(View):
    """Django's ``set_language`` (cookie ``qyzmet_language``), and for a signed-in user also
    ``User.preferred_language`` so that the next sign-in opens in the same language."""

    http_method_names = ["post", "options"]

    def post(self, request: HttpRequest) -> HttpResponseBase:
        response = set_language(request)
        language = request.POST.get("language", "")
        if request.user.is_authenticated and isinstance(response, HttpResponseRedirect):
            try:
                user_language_set(user=request.user, language=language)
            except ApplicationError as error:
                messages.error(request, error.message_for())
        return response


# --- Second factor (issue 12.3) ----------------------------------------------------------------


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


class SecondFactorSetupView(LoginRequiredMixin, View):
    """Enrol a TOTP app: a QR code (and the key, to type in) of a new device; the first code
    the app shows confirms it and verifies this session."""

    def _render(self, request: HttpRequest, error: str = "", status: int = 200) -> HttpResponse:
        device = services.totp_device_start(user=request.user)  # type: ignore[arg-type]
        qr = segno.make(device.config_url, error="m")
        ctx = {
            "qr_svg": mark_safe(qr.svg_inline(scale=5, border=2)),  # segno's own SVG, no user text
            "key": base64.b32encode(device.bin_key).decode(),
            "next": _next_url(request),
            "error": error,
        }
        return render(request, "web/otp_setup.html", ctx, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        if selectors.totp_device_confirmed(user=request.user):  # type: ignore[arg-type]
            return redirect(f"{reverse('web:otp-verify')}?{urlencode({'next': _next_url(request)})}")
        return self._render(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        if selectors.totp_device_confirmed(user=request.user):  # type: ignore[arg-type]
            return redirect("web:otp-verify")
        try:
            device = services.totp_device_confirm(
                user=request.user,  # type: ignore[arg-type]
                token=request.POST.get("token", ""),
            )
        except ApplicationError as exc:
            return self._render(request, error=exc.message_for(), status=400)
        otp_login(request, device)
        return redirect(_next_url(request))


class SecondFactorVerifyView(LoginRequiredMixin, View):
    """After the password: the current code of the staff member's TOTP app."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not selectors.totp_device_confirmed(user=request.user):  # type: ignore[arg-type]
            return redirect(f"{reverse('web:otp-setup')}?{urlencode({'next': _next_url(request)})}")
        return render(request, "web/otp_verify.html", {"next": _next_url(request), "error": ""})

    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            device = services.second_factor_verify(
                user=request.user,  # type: ignore[arg-type]
                token=request.POST.get("token", ""),
            )
        except ApplicationError as exc:
            ctx = {"next": _next_url(request), "error": exc.message_for()}
            return render(request, "web/otp_verify.html", ctx, status=400)
        otp_login(request, device)
        return redirect(_next_url(request))
