"""Issue 12.3: staff verify a second factor (TOTP, django-otp) after the password.

When ``settings.QYZMET_REQUIRE_STAFF_OTP`` is on (always under the production settings), a
signed-in staff member whose session is not verified by django-otp reaches only the second-
factor pages (enrol, verify), sign-out, the language switch and static files; every other
request is sent to the verify page (or to enrolment when the user has no device yet), with
``next`` so that they come back to it afterwards. Needs ``django_otp.middleware.OTPMiddleware``
before it (it sets ``request.user.is_verified``)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from qyzmet.web import selectors

EXEMPT_NAMES = ("web:otp-verify", "web:otp-setup", "web:logout", "web:set-language")


class StaffSecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.QYZMET_REQUIRE_STAFF_OTP
            and user.is_authenticated
            and not user.is_verified()  # type: ignore[attr-defined]  # set by OTPMiddleware
            and not self._exempt(request.path)
            and selectors.needs_second_factor(user=user)
        ):
            step = "web:otp-verify" if selectors.totp_device_confirmed(user=user) else "web:otp-setup"
            return HttpResponseRedirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        prefixes = [reverse(name) for name in EXEMPT_NAMES]
        prefixes += [settings.STATIC_URL, "/i18n/"]
        return any(path.startswith(p) for p in prefixes)
