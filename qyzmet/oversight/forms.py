"""Forms of public accountability: they take what was typed and check only its type; every
rule is in the services, whose refusals the views put back on these forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from qyzmet.oversight.enums import CommentRejection, ControlGround, DeliveryForm, Rating

DATE = {"input_formats": ["%Y-%m-%d"], "widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
DATETIME = {
    "input_formats": ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    "widget": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
}
NONE = [("", "—")]
PICKER = forms.Select(attrs={"data-picker": "1"})
YEAR = {"min_value": 2000, "max_value": 2100}


def _text(label: Any, rows: int = 4, required: bool = False, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


class _Prefixed(forms.Form):
    """Each form of a page gets its own element ids (two forms on one page never share one)."""

    id_prefix = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if self.id_prefix:
            kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class AssessmentOpenForm(_Prefixed):
    id_prefix = "assessment"
    body = forms.ChoiceField(label=_("Assessed body"), choices=NONE, widget=PICKER)
    service = forms.ChoiceField(label=_("Service"), choices=NONE, widget=PICKER)
    year = forms.IntegerField(label=_("Year"), **YEAR)  # type: ignore[arg-type]
    form = forms.ChoiceField(
        label=_("Form of delivery"), choices=DeliveryForm.choices, widget=forms.RadioSelect
    )

    def __init__(
        self, *args: Any, bodies: list[tuple[str, str]], services: list[tuple[str, str]], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [*NONE, *bodies]  # type: ignore[attr-defined]
        self.fields["service"].choices = [*NONE, *services]  # type: ignore[attr-defined]


class AssessmentSignForm(_Prefixed):
    id_prefix = "sign"
    findings_kk = _text(_("Findings (Kazakh)"), rows=6)
    findings_ru = _text(_("Findings (Russian)"), rows=6)
    rating = forms.ChoiceField(label=_("Rating"), choices=[*NONE, *Rating.choices], required=False)


class ControlOpenForm(_Prefixed):
    id_prefix = "control"
    object = forms.ChoiceField(label=_("Object of control"), choices=NONE, widget=PICKER)
    ground = forms.ChoiceField(label=_("Ground"), choices=[*NONE, *ControlGround.choices], required=False)
    ground_text = _text(_("Ground in detail"), rows=3)
    ground_complaints = forms.CharField(
        label=_("Complaint numbers (for a pattern of complaints)"),
        required=False,
        help_text=_("Separated by commas or spaces."),
        max_length=2000,
    )
    ground_assessment = forms.CharField(
        label=_("Assessment number (for the results of an assessment)"), required=False, max_length=32
    )
    period_start = forms.DateField(label=_("Period checked from"), required=False, **DATE)  # type: ignore[arg-type]
    period_end = forms.DateField(label=_("Period checked to"), required=False, **DATE)  # type: ignore[arg-type]
    services = forms.MultipleChoiceField(label=_("Services checked"), choices=[], required=False)

    def __init__(
        self, *args: Any, objects: list[tuple[str, str]], services: list[tuple[str, str]], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.fields["object"].choices = [*NONE, *objects]  # type: ignore[attr-defined]
        self.fields["services"].choices = services  # type: ignore[attr-defined]


class ControlFindingsForm(_Prefixed):
    id_prefix = "findings"
    findings = _text(_("Findings of the check"), rows=5)
    breaches_found = forms.BooleanField(label=_("Breaches were found"), required=False)


class ControlOrderForm(_Prefixed):
    id_prefix = "order"
    text = _text(_("Order to remove breaches"), rows=3)
    due_on = forms.DateField(label=_("Due on"), required=False, **DATE)  # type: ignore[arg-type]
    repeats = forms.TypedChoiceField(
        label=_("Repeats the order not fulfilled"), choices=NONE, coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args: Any, repeatable: list[tuple[int, str]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["repeats"].choices = [*NONE, *(repeatable or [])]  # type: ignore[attr-defined]


class OrderReportForm(forms.Form):
    text = _text(_("What was done"), rows=3)


class OrderControlForm(forms.Form):
    fulfilled_on = forms.DateField(label=_("Fulfilled on"), required=False, **DATE)  # type: ignore[arg-type]
    in_full = forms.BooleanField(label=_("In full"), required=False)
    note = _text(_("Note"), rows=2)


class ReportCreateForm(_Prefixed):
    id_prefix = "report"
    body = forms.ChoiceField(label=_("Body"), choices=NONE)
    year = forms.IntegerField(label=_("Year"), **YEAR)  # type: ignore[arg-type]

    def __init__(self, *args: Any, bodies: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [*NONE, *bodies]  # type: ignore[attr-defined]


class ReportNarrativeForm(_Prefixed):
    id_prefix = "narrative"
    narrative_kk = _text(_("Text of the report (Kazakh)"), rows=10)
    narrative_ru = _text(_("Text of the report (Russian)"), rows=10)


class HearingAnnounceForm(_Prefixed):
    id_prefix = "hearing"
    held_at = forms.DateTimeField(label=_("Date and time"), required=False, **DATETIME)  # type: ignore[arg-type]
    place_kk = forms.CharField(label=_("Place (Kazakh)"), required=False, max_length=400)
    place_ru = forms.CharField(label=_("Place (Russian)"), required=False, max_length=400)


class CommentForm(_Prefixed):
    id_prefix = "comment"
    author_name = forms.CharField(
        label=_("Your name as it will be shown (may be left empty)"), required=False, max_length=120
    )
    text = _text(_("Your comment on the report"), rows=5, max_length=4000)


class ModerateForm(forms.Form):
    publish = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Publish")), ("0", _("Do not publish"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    rejection = forms.ChoiceField(
        label=_("Reason (by the rule)"), choices=[*NONE, *CommentRejection.choices], required=False
    )


class MinutesForm(_Prefixed):
    id_prefix = "minutes"
    participants = forms.IntegerField(
        label=_("Participants"), required=False, min_value=0, max_value=1_000_000
    )
    minutes_kk = _text(_("Minutes (Kazakh)"), rows=6)
    minutes_ru = _text(_("Minutes (Russian)"), rows=6)


class ResultsForm(_Prefixed):
    id_prefix = "results"
    results_use_kk = _text(_("How the results were used (Kazakh)"), rows=5)
    results_use_ru = _text(_("How the results were used (Russian)"), rows=5)
