"""Links of the PSC selection on the staff home page and the landing page."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from qyzmet.pscselection import selectors


def staff_links(user: Any) -> list[tuple[str, str]]:
    """The workspace of whoever takes part: the authorities' cycle board and list, the
    commission's meetings, a body's proposals and tasks; quality inspectors read it all."""
    if not selectors.sees_cycle(user=user):
        return []
    year = timezone.localdate().year
    links = [(_("Selection of services for the Public Service Centres"), reverse("pscselection:index"))]
    if selectors.sees_everything(user=user):
        links += [
            (_("PSC selection: the cycle of this year"), reverse("pscselection:cycle", args=[year])),
            (_("PSC selection: the list (PSC 6)"), reverse("pscselection:list", args=[year])),
            (
                _("PSC selection: the commission's meetings (PSC 7-8)"),
                reverse("pscselection:commission", args=[year]),
            ),
        ]
    links += [
        (_("PSC selection: proposals (PSC 5)"), reverse("pscselection:proposals")),
        (_("PSC selection: organising delivery (PSC 11)"), reverse("pscselection:tasks")),
    ]
    return links


def public_links() -> list[tuple[str, str]]:
    return [
        (
            _("Selection of services for the Public Service Centres: conclusions and protocols"),
            reverse("pscselection:public"),
        )
    ]
