"""Input forms of the monitoring pages (types and shapes only; the rules live in services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from qyzmet.monitoring.enums import MonitoringBasis, MonitorKind, RefusalGround

DATE = {"input_formats": ["%Y-%m-%d"], "widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский")]
NONE = [("", "—")]
PICKER = forms.Select(attrs={"data-picker": "1"})
Choices = list[tuple[str, str]]


class MonitoringRegisterForm(forms.Form):
    monitor_kind = forms.ChoiceField(
        label=_("Who conducts the monitoring (Law 29.1)"), choices=MonitorKind.choices
    )
    organisation_name = forms.CharField(label=_("Non-profit organisation"), required=False, max_length=400)
    organisation_bin = forms.CharField(label=_("BIN of the organisation"), required=False, max_length=12)
    author_name = forms.CharField(
        label=_("Name the conclusion is published under"),
        required=False,
        max_length=400,
        help_text=_("Empty: the organisation's name, or your name."),
    )
    basis = forms.ChoiceField(label=_("Basis"), choices=MonitoringBasis.choices)
    social_order_reference = forms.CharField(
        label=_("State social order: contract number"), required=False, max_length=300
    )
    social_order_date = forms.DateField(label=_("Date of the social order"), required=False, **DATE)  # type: ignore[arg-type]
    subject = forms.CharField(label=_("Subject of the monitoring"), required=False, max_length=500)
    period_start = forms.DateField(label=_("Monitoring from"), required=False, **DATE)  # type: ignore[arg-type]
    period_end = forms.DateField(label=_("Monitoring until"), required=False, **DATE)  # type: ignore[arg-type]
    bodies = forms.MultipleChoiceField(
        label=_("Bodies monitored"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("You may choose several."),
    )
    services = forms.MultipleChoiceField(
        label=_("Services monitored"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("You may choose several."),
    )
    language = forms.ChoiceField(label=_("Language of the monitoring"), choices=LANGUAGES)

    def __init__(self, *args: Any, bodies: Choices, services: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bodies"].choices = bodies  # type: ignore[attr-defined]
        self.fields["services"].choices = services  # type: ignore[attr-defined]


class RequestSendForm(forms.Form):
    addressee = forms.ChoiceField(label=_("Addressed to"), required=False, widget=PICKER)
    question = forms.CharField(
        label=_("Information requested"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only information that is not on the body's internet resource (Law 29.2)."),
    )

    def __init__(self, *args: Any, addressees: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["addressee"].choices = [*NONE, *addressees]  # type: ignore[attr-defined]


class ConclusionForm(forms.Form):
    """The four parts of Law 29.3; the fourth per service (up to three rows) and in general."""

    compliance = forms.CharField(
        label=_("1. Compliance with the legislation on public services (Law 29.3.1)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    recommendations = forms.CharField(
        label=_("2. Recommendations to remove the breaches found (Law 29.3.2)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    quality_proposals = forms.CharField(
        label=_("3. Proposals to raise the quality of public services (Law 29.3.3)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    bylaw_proposals_text = forms.CharField(
        label=_("4. Proposals to change the by-laws on the order of delivery (Law 29.3.4)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    ROWS = 3

    def __init__(self, *args: Any, services: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(self.ROWS):
            self.fields[f"proposal_service_{i}"] = forms.ChoiceField(
                label=_("Service whose standard the proposal changes (%(n)s)") % {"n": i + 1},
                required=False,
                choices=[*NONE, *services],
                widget=PICKER,
            )
            self.fields[f"proposal_text_{i}"] = forms.CharField(
                label=_("Proposal for this service (%(n)s)") % {"n": i + 1},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )


class AnswerForm(forms.Form):
    answer_text = forms.CharField(label=_("Answer"), required=False, widget=forms.Textarea(attrs={"rows": 5}))


class RefuseForm(forms.Form):
    refusal_ground = forms.ChoiceField(
        label=_("Ground for the refusal (Law 29.2)"), required=False, choices=[*NONE, *RefusalGround.choices]
    )
    refusal_reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Which information, and which law protects it; or the address where it is published."),
    )


class MeasureForm(forms.Form):
    body = forms.ChoiceField(label=_("Body"))
    text = forms.CharField(
        label=_("Measure taken (Law 29.4)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    taken_on = forms.DateField(label=_("Taken on"), required=False, **DATE)  # type: ignore[arg-type]

    def __init__(self, *args: Any, bodies: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = bodies  # type: ignore[attr-defined]
