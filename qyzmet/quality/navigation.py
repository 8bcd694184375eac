"""Links of the quality app on the staff home and in the recipient's cabinet."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from qyzmet.core.errors import AccessDenied
from qyzmet.quality import selectors


def staff_links(user: Any) -> list[tuple[str, str]]:
    try:
        selectors.quality_scope(user=user)
    except AccessDenied:
        return []
    links = [(_("Quality indicators of public services"), reverse("quality:indicators"))]
    if selectors.target_services_for(user=user).exists():
        links.append(
            (_("Normative values and targets of the quality indicators"), reverse("quality:targets"))
        )
    if selectors.is_quality_authority_inspector(user=user):
        links.append((_("National normative values of the quality indicators"), reverse("quality:norms")))
    try:
        selectors.access_iin_read_log(user=user)
        links.append((_("Who was shown an unmasked IIN"), reverse("quality:iin-reads")))
    except AccessDenied:
        pass
    return links


def cabinet_links(user: Any) -> list[tuple[str, str]]:
    """Unanswered satisfaction surveys of the recipient (STD appendix 2.1-5.1)."""
    return [
        (
            _("Rate the service: %(number)s") % {"number": inv.case_number},
            reverse("quality:survey", args=[inv.token]),
        )
        for inv in selectors.survey_pending_for(user=user)[:5]
    ]
