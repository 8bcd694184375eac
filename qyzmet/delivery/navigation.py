"""Links of the delivery app on the staff home, the cabinet and the landing page."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from qyzmet.delivery import selectors, selectors_web


def public_links() -> list[tuple[str, str]]:
    return [
        (_("Check the status of an application"), reverse("delivery:status")),
        # Law 1.1-2, 4.1.4-1: several services of one life situation on one application.
        (_("One application: several services at once"), reverse("delivery:composite-list")),
    ]


def cabinet_links(user: Any) -> list[tuple[str, str]]:
    return [
        (_("My applications"), reverse("delivery:mine")),
        (_("Notification channels"), reverse("delivery:notifications")),
    ]


def staff_links(user: Any) -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    if selectors_web.is_provider_staff(user=user):
        links.append((_("Applications to deliver"), reverse("delivery:worklist")))
        links.append((_("Proactive services"), reverse("delivery:proactive-staff")))
    if selectors_web.operator_branch(user=user) is not None:
        links.append((_("State Corporation desk"), reverse("delivery:desk")))
    return links


def staff_figures(user: Any) -> list[tuple[str, str | int]]:
    if not selectors_web.is_provider_staff(user=user):
        return []
    today = timezone.localdate()
    qs = selectors.application_worklist(user=user, today=today).exclude(status__in=selectors_web.CLOSED)
    return [
        (_("Open applications"), qs.count()),
        (_("Overdue"), qs.filter(due_on__lt=today).count()),
        (_("Due today"), qs.filter(due_on=today).count()),
    ]
