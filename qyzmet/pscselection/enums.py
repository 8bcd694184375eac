"""Choices of the yearly selection of services for the Public Service Centres (PSC 1-11)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Criterion(models.TextChoices):
    """PSC 4: the criteria a service is selected on (one or several)."""

    INFORMATIONAL = "informational", _("Informational: certificates and other information documents")  # 4.1
    DUPLICATE = "duplicate", _("Issue of a duplicate of a document")  # PSC 4.2
    LICENCE_OR_PERMIT = "licence_or_permit", _("Licences and other permits")  # PSC 4.3


CRITERION_POINT: dict[str, str] = {
    Criterion.INFORMATIONAL: "4.1",
    Criterion.DUPLICATE: "4.2",
    Criterion.LICENCE_OR_PERMIT: "4.3",
}


class Step(models.TextChoices):
    """The dated steps of a yearly cycle (PSC 5-7, 9-10), in order; the value is the CLI's name."""

    PROPOSALS = "proposals", _("Proposals of the bodies")  # PSC 5: by 20 February
    LIST = "list", _("The list formed")  # PSC 6: by 20 March
    COMMISSION = "commission", _("The list put to the commission")  # PSC 7: by 20 April
    PROTOCOL_1 = "protocol-1", _("Protocol sent to the bodies (first half)")  # PSC 9: by 10 May
    REGISTER_DRAFT_1 = "register-draft-1", _("Draft amendment of the register (first half)")  # PSC 10: 1 July
    PROTOCOL_2 = "protocol-2", _("Protocol sent to the bodies (second half)")  # PSC 9: by 10 October
    REGISTER_DRAFT_2 = "register-draft-2", _("Draft amendment of the register (second half)")  # PSC 10


class Owner(models.TextChoices):
    """Who owes a step."""

    BODIES = "bodies", _("Central state bodies and local executive bodies")  # PSC 5
    INFORMATIZATION = "informatization", _("The informatization authority")  # PSC 6, 7, 9
    COMMISSION = "commission", _("The interdepartmental commission")  # PSC 7-8
    PUBLIC_SERVICES = "public_services", _("The public-services authority")  # PSC 10


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("proposal", "Draft")
    SUBMITTED = "submitted", _("Submitted, signed by the head")


class EntrySource(models.TextChoices):
    """PSC 6: where a list entry comes from."""

    PROPOSAL = "proposal", _("Proposal of a body")
    ANALYSIS = "analysis", _("The authority's own analysis")
    BOTH = "both", _("Proposal and the authority's analysis")


class MeetingForm(models.TextChoices):
    """PSC 7: the commission meets in person, or in absentia (at most twice a year)."""

    IN_PERSON = "in_person", pgettext_lazy("meeting", "In person")
    IN_ABSENTIA = "in_absentia", pgettext_lazy("meeting", "In absentia")


class CommissionFunction(models.TextChoices):
    """PSC 3.2, 7-8: the members of the interdepartmental commission."""

    CHAIR = "chair", pgettext_lazy("commission", "Chair")
    SECRETARY = "secretary", pgettext_lazy("commission", "Secretary")
    MEMBER = "member", pgettext_lazy("commission", "Member")


class ConclusionKind(models.TextChoices):
    """PSC 8: whether delivering the service through the Public Service Centres is advisable."""

    POSITIVE = "positive", pgettext_lazy("conclusion", "Positive")
    NEGATIVE = "negative", pgettext_lazy("conclusion", "Negative")


class TaskKind(models.TextChoices):
    """PSC 11: the measures taken within three months of the register amendment."""

    STANDARD = "standard", _("A standard version with the State Corporation channel")
    MEASURES = "measures", _("Measures to organise delivery in the Public Service Centres")


class DueRule(models.TextChoices):
    """ADR 0041: what happens to a due date on a non-working day (the text does not say)."""

    NEXT = "next", _("The next working day")
    PREVIOUS = "previous", _("The previous working day")
    KEEP = "keep", _("The date as written")


class EntryProblem(models.TextChoices):
    """Why a service of the list does not meet the rules (it is excluded before the list goes
    to the commission)."""

    BELOW_THRESHOLD = "below_threshold", _("Rendered fewer than 1,000 times in the year before (PSC 4)")
    NO_CRITERION = "no_criterion", _("Meets no criterion of PSC 4")
    VIA_STATE_CORPORATION = "via_state_corporation", _("Already delivered through the State Corporation")
    NEGATIVE_IN_FORCE = "negative_in_force", _("A negative conclusion of the commission is in force (PSC 8)")
