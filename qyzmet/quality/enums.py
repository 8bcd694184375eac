"""Quality indicators and survey choices (STD 19-20 and its appendix; Law 26-29)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Indicator(models.TextChoices):
    """The table of the STD appendix (STD 19): quality and efficiency indicators of a public
    service, worded as the appendix words them (column 1)."""

    TIMELINESS = (
        "1.1",
        _(
            "1.1 Share of cases of delivering the service within the set term from the moment the "
            "documents are handed in"
        ),
    )
    PROCESS = "2.1", _("2.1 Share of recipients satisfied with the quality of the delivery process")
    INFORMATION = (
        "3.1",
        _(
            "3.1 Share of recipients satisfied with the quality of delivery and the information on "
            "the procedure of its delivery"
        ),
    )
    ELECTRONIC_INFORMATION = (
        "3.2",
        _("3.2 Share of services whose information is accessible in electronic format"),
    )
    COMPLAINT_PROCEDURE = "4.1", _("4.1 Share of recipients satisfied with the existing complaint procedure")
    POLITENESS = "5.1", _("5.1 Share of recipients satisfied with the politeness of the staff")


# Indicators fed by survey answers, and the answer field of each.
SURVEY_FIELDS: dict[str, str] = {
    Indicator.PROCESS: "process",
    Indicator.INFORMATION: "information",
    Indicator.COMPLAINT_PROCEDURE: "complaint_procedure",
    Indicator.POLITENESS: "politeness",
}


class CaseKind(models.TextChoices):
    """What the survey is about: a delivered service or an answered complaint."""

    APPLICATION = "application", _("Public service application")
    COMPLAINT = "complaint", _("Complaint")


class InvitationChannel(models.TextChoices):
    SMS = "sms", _("SMS link")
    CABINET = "cabinet", _("Cabinet")


class Score(models.IntegerChoices):
    """A five-point answer; 4 and 5 count as satisfied."""

    VERY_BAD = 1, _("Very dissatisfied")
    BAD = 2, _("Dissatisfied")
    NEUTRAL = 3, _("Neither satisfied nor dissatisfied")
    GOOD = 4, pgettext_lazy("survey answer", "Satisfied")
    VERY_GOOD = 5, _("Very satisfied")


SATISFIED_FROM = 4
