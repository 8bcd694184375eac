"""Links of the monitoring app: the public indicators page and conclusions on the landing
page, the monitor's monitorings in the cabinet, the addressed bodies' requests on the staff
home."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from qyzmet.monitoring import selectors


def public_links() -> list[tuple[str, str]]:
    return [
        (_("Quality indicators anyone can read"), reverse("monitoring:public-quality")),
        (_("Conclusions of public monitoring"), reverse("monitoring:public-conclusions")),
    ]


def cabinet_links(user: Any) -> list[tuple[str, str]]:
    """Law 29.1: an individual identified by IIN conducts a public monitoring."""
    if not getattr(user, "iin", ""):
        return []
    return [(_("My public monitorings"), reverse("monitoring:mine"))]


def staff_links(user: Any) -> list[tuple[str, str]]:
    if not selectors.acts_for_any_body(user=user):
        return []
    return [(_("Public monitoring: requests and conclusions"), reverse("monitoring:staff-requests"))]
