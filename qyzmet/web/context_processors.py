"""Template context shared by every page: the navigation of the header."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from qyzmet.web import selectors


def _nav(request: HttpRequest) -> dict[str, str | None]:
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    staff = signed_in and selectors.is_staff_member(user=user)  # type: ignore[arg-type]
    return {
        "catalogue": selectors.catalogue_url(),
        "status": selectors.url_or_none("delivery:status"),
        "staff_home": selectors.url_or_none("web:staff-home") if staff else None,
        "cabinet": selectors.url_or_none("web:cabinet") if signed_in else None,
    }


def navigation(request: HttpRequest) -> dict[str, Any]:
    return {"qyzmet_nav": SimpleLazyObject(lambda: _nav(request))}
