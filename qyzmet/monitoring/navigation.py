"""Links of the monitoring app: the public indicators page and conclusions on the landing
page, the monitor's monitorings in the cabinet, the addressed bodies' requests on the staff
home."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from qyzmet.monitoring import selectors
from qyzmet.quality.selectors import is_quality_authority_inspector


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
    links = []
    if selectors.acts_for_any_body(user=user):
        links.append((_("Public monitoring: requests and conclusions"), reverse("monitoring:staff-requests")))
    if getattr(user, "is_authenticated", False) and is_quality_authority_inspector(user=user):
        # Law 7.6: the quality authority follows the monitorings of its state social order
        links.append(
            (_("Public monitoring under the state social order"), reverse("monitoring:social-orders"))
        )
    return links
