"""Links of the reception app on the staff home, the cabinet and the public landing page."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from qyzmet.reception import selectors
from qyzmet.reception.models import Hall


def staff_links(user: Any) -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    if selectors.hall_list_for(user=user).exists() or selectors.desk_list_for(user=user).exists():
        links.append((_("Citizens' Reception Centre"), reverse("reception:home")))
    if selectors.appeal_list_for(user=user).exists():
        links.append((_("Appeals from the Citizens' Reception Centre"), reverse("reception:appeal-list")))
    # CRC 20-22: the schedules' way, the schedules given, the escort's page, follow-up tasks
    from qyzmet.reception import personal_selectors

    if personal_selectors.may_open_workflow(user=user):
        links.append((_("Personal reception schedules"), reverse("reception:personal-reception-workflow")))
    if personal_selectors.may_escort(user=user):
        links.append((_("Escort: today's visitors"), reverse("reception:personal-reception-escort")))
    if personal_selectors.may_open_follow_ups(user=user):
        links.append((_("Follow-up tasks"), reverse("reception:follow-ups")))
    return links


def cabinet_links(user: Any) -> list[tuple[str, str]]:
    """CRC 17.4: the visitor's appeals to the centre (linked by IIN), with the answers shown there."""
    if not selectors.cabinet_appeal_list(user=user).exists():
        return []
    return [(_("My appeals to the Citizens' Reception Centre"), reverse("reception:cabinet"))]


def public_links() -> list[tuple[str, str]]:
    links = [
        (_("Personal reception by heads of central state bodies"), reverse("reception:personal-reception"))
    ]
    hall = Hall.objects.order_by("code").first()
    if hall is not None:
        links.append(
            (_("Queue board of the Citizens' Reception Centre"), reverse("reception:board", args=[hall.code]))
        )
    return links
