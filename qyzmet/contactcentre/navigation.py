"""Links of the contact-centre app on the staff home page."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from qyzmet.contactcentre import selectors
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.selectors import has_role


def staff_links(user: Any) -> list[tuple[str, str]]:
    if selectors.is_ucc_staff(user=user):
        return [
            (_("1414: operator console"), reverse("contactcentre:console")),
            (_("1414: knowledge base"), reverse("contactcentre:knowledge")),
            (_("1414: onboarding of services"), reverse("contactcentre:onboardings")),
            (_("1414: plan-schedule (UCC 3)"), reverse("contactcentre:plans")),
            (_("1414: requests to bodies"), reverse("contactcentre:requests")),
            (_("1414: refusals to give information (UCC 12)"), reverse("contactcentre:refusal-reports")),
            (_("1414: reports"), reverse("contactcentre:reports")),
            (_("1414: training of the quality authority's staff"), reverse("contactcentre:trainings")),
        ]
    links = _authority_links(user)
    if has_role(user=user, roles=[StaffRole.PROVIDER_OFFICER, StaffRole.PROVIDER_HEAD]):
        links += [
            (_("1414: services being accepted for consultation"), reverse("contactcentre:onboardings")),
            (_("1414: requests of the contact centre"), reverse("contactcentre:requests")),
        ]
    return links


def _authority_links(user: Any) -> list[tuple[str, str]]:
    """UCC 3: the informatization authority approves the plan-schedule; UCC 12: the quality
    authority's inspectors read the refusal reports."""
    links: list[tuple[str, str]] = []
    if selectors.is_informatization_staff(user=user):
        links.append((_("1414: plan-schedule (UCC 3)"), reverse("contactcentre:plans")))
    if has_role(user=user, roles=[StaffRole.QUALITY_INSPECTOR]):
        links.append(
            (_("1414: refusals to give information (UCC 12)"), reverse("contactcentre:refusal-reports"))
        )
    # UCC 13-14, 18: the addressees' staff open the reports sent to them; UCC 19: training.
    if selectors.is_addressee_staff(user=user):
        links.append((_("1414: reports"), reverse("contactcentre:reports")))
    if selectors.is_quality_staff(user=user):
        links.append(
            (_("1414: training of the quality authority's staff"), reverse("contactcentre:trainings"))
        )
    return links


def public_links() -> list[tuple[str, str]]:
    return []
