"""Links of the oversight app: on the landing page (the published yearly reports and the
outcomes of state control, public) and on the staff home (the user's work)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from qyzmet.oversight import selectors


def public_links() -> list[tuple[str, str]]:
    return [
        (_("Yearly reports and public hearings"), reverse("oversight:reports")),
        (_("Outcomes of state control"), reverse("oversight:control-outcomes")),
    ]


def staff_links(user: Any) -> list[tuple[str, str]]:
    if selectors.is_overseer(user=user) or selectors.is_body_staff(user=user):
        return [(_("Public accountability: assessments, control, yearly reports"), reverse("oversight:home"))]
    return []
