"""Links of the complaints app on the staff home and in the recipient's cabinet."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from qyzmet.complaints import selectors


def staff_links(user: Any) -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    inspector = selectors.is_inspector(user=user)
    if inspector or selectors.is_reviewer(user=user):
        links.append((_("Complaints to review"), reverse("complaints:workspace")))
        links.append((_("Recommendations of the quality authority"), reverse("complaints:recommendations")))
    if inspector:
        links.append((_("Complaint statistics per body"), reverse("complaints:statistics")))
    return links


def cabinet_links(user: Any) -> list[tuple[str, str]]:
    return [
        (_("My complaints"), reverse("complaints:mine")),
        (_("File a complaint"), reverse("complaints:file")),
    ]
