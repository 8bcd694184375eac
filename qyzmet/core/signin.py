"""How the user signed in to this session (ADR 0020).

The sign-in view records the method in the session (``sign_in_method_record``); pages read it
with ``sign_in_method``. A session with no record (signed in before this existed, or by a test
client's ``force_login``) counts as a password sign-in. An e-signature sign-in identifies the
person (their certificate carries the IIN), so the portal then asks for no identity document.
Today the platform's only sign-in form takes a password; an e-signature (NCALayer) sign-in
must call ``sign_in_method_record(request, SignInMethod.E_SIGNATURE)`` after ``login``.
"""

from __future__ import annotations

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

SESSION_KEY = "qyzmet_sign_in_method"


class SignInMethod(models.TextChoices):
    PASSWORD = "password", _("Password")
    E_SIGNATURE = "e_signature", _("E-signature (EDS)")


def sign_in_method_record(request: HttpRequest, method: SignInMethod) -> None:
    """Call right after ``django.contrib.auth.login`` (which starts a new session)."""
    request.session[SESSION_KEY] = str(method)


def sign_in_method(request: HttpRequest) -> SignInMethod:
    value = request.session.get(SESSION_KEY, "") if hasattr(request, "session") else ""
    return SignInMethod(value) if value in SignInMethod.values else SignInMethod.PASSWORD


def signed_in_with_e_signature(request: HttpRequest) -> bool:
    return sign_in_method(request) == SignInMethod.E_SIGNATURE
