"""Links and figures of the register on the landing page and the staff home."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from qyzmet.registry import selectors


def public_links() -> list[tuple[str, str]]:
    return [
        (_("Catalogue of public services"), reverse("registry:catalogue")),
        (_("Public discussion of draft standards"), reverse("registry:discussion-list")),
    ]


def public_figures() -> list[tuple[str, str | int]]:
    figures = selectors.catalogue_figures(on=timezone.localdate())
    return [
        (_("Public services in the register"), figures["services"]),
        (_("Spheres"), figures["spheres"]),
        (_("Available electronically"), figures["electronic"]),
        (_("Drafts in public discussion"), figures["open_discussions"]),
    ]


def staff_links(user: Any) -> list[tuple[str, str]]:
    try:
        selectors.access_registry_staff(user=user)
    except Exception:
        return []
    return [
        (_("Register of public services"), reverse("registry:staff-services")),
        (_("Contact-centre update tasks (Law 23.2)"), reverse("registry:staff-tasks")),
    ]
