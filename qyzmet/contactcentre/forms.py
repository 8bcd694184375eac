"""Forms of the contact-centre pages: input shapes only (the rules are in services)."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from qyzmet.contactcentre.enums import (
    DISCREPANCY_FIGURES,
    OPERATOR_REFUSAL_FORMS,
    ContactChannel,
    ContactOutcome,
    ContactTopic,
    ExplanationChannel,
    RefusalForm,
    RequestStatus,
)
from qyzmet.contactcentre.rules import names_a_point
from qyzmet.core.listing import OrganisationChoiceField, PeriodFilterForm, filter_choice

LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский")]
NONE = [("", "—")]


def cite_point(point: str) -> str:
    """A point of the rules as an error cites it, in the active language ("ББО қағидаларының
    20-тармағы", "п. 20 Правил ЕКЦ", "UCC 20"); ``13-14`` is a range."""
    if "-" in point:
        return pgettext("points of the rules", "UCC %(points)s") % {"points": point}
    return gettext("UCC %(point)s") % {"point": point}


class RuleForm(forms.Form):
    """A form of a point of the rules: each error names its field ("«Signed on»: …") and the
    point the form enforces (``point``), whether Django or the service found it; a refusal of
    the service that names its point already is not cited twice."""

    point: ClassVar[str] = ""

    def rule_point(self) -> str:
        return self.point

    def add_error(self, field: str | None, error: Any) -> None:
        if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            super().add_error(field, error)
            return
        messages = error.messages if isinstance(error, ValidationError) else [str(error)]
        point = self.rule_point()
        named = []
        for text in messages:
            text = str(text)
            if field in self.fields and str(self.fields[field].label) not in text:
                text = gettext("“%(field)s”: %(error)s") % {
                    "field": self.fields[field].label,
                    "error": text[:1].lower() + text[1:],
                }
            if point and not names_a_point(text):
                text = f"{text.rstrip('.')} ({cite_point(point)})."
            named.append(text)
        super().add_error(field, named)


def _picker(label: Any, *, required: bool = True) -> forms.ChoiceField:
    """A choice list core/pickers.js makes searchable; its choices come from the view."""
    return forms.ChoiceField(label=label, required=required, widget=forms.Select(attrs={"data-picker": "1"}))


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Caller's words"), max_length=200)


class StageLookupForm(forms.Form):
    number = forms.CharField(label=_("Application number"), max_length=40)
    iin_last4 = forms.RegexField(label=_("Last four digits of the IIN/BIN"), regex=r"^\d{4}$", max_length=4)


class ContactForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=ContactChannel.choices)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES)
    topic = forms.ChoiceField(label=_("Topic"), choices=ContactTopic.choices)
    service_code = _picker(_("Service"), required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ContactOutcome.choices)
    caller_name = forms.CharField(label=_("Caller"), max_length=200, required=False)
    caller_phone = forms.CharField(label=_("Caller's phone"), max_length=40, required=False)
    application_number = forms.CharField(label=_("Application number"), max_length=40, required=False)
    redirected_to = forms.CharField(label=_("Redirected to"), max_length=300, required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, services: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_code"].choices = [*NONE, *services]  # type: ignore[attr-defined]


class ResponsibleForm(RuleForm):
    point = "5"

    name = forms.CharField(label=_("Responsible person"), max_length=200)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    named_on = forms.DateField(label=_("Named on"), widget=forms.DateInput(attrs={"type": "date"}))


class InformationForm(RuleForm):
    point = "5"

    extra_kk = forms.CharField(
        label=_("Additional information (kk)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    extra_ru = forms.CharField(
        label=_("Additional information (ru)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    # UCC 5: signed by the head of the body, who confirms it here (no name is typed)
    signed_on = forms.DateField(label=_("Signed on"), widget=forms.DateInput(attrs={"type": "date"}))


class TrainingForm(RuleForm):
    point = "8"

    held_on = forms.DateField(label=_("Training held on"), widget=forms.DateInput(attrs={"type": "date"}))
    trained_staff = forms.IntegerField(label=_("Staff trained"), min_value=1)


class ProtocolForm(RuleForm):
    point = "8"

    signed_on = forms.DateField(label=_("Protocol signed on"), widget=forms.DateInput(attrs={"type": "date"}))
    body_signatory = forms.CharField(label=_("Signatory of the body"), max_length=200)
    ucc_signatory = forms.CharField(label=_("Signatory of the centre"), max_length=200)


class RequestForm(forms.Form):
    body = _picker(_("Body"))
    subject = forms.CharField(label=_("What is asked"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, bodies: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [*NONE, *bodies]  # type: ignore[attr-defined]


class RequestAnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Answer or reason of the refusal"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ReportBuildForm(RuleForm):
    """UCC 13-14 (quarterly) or UCC 18 (monthly): the report of a period that has ended."""

    kind = forms.ChoiceField(
        label=_("Report"),
        choices=[("monthly", _("Monthly (UCC 18)")), ("quarterly", _("Quarterly (UCC 13-14)"))],
    )
    year = forms.IntegerField(label=_("Year"), min_value=2013, max_value=2040)
    period = forms.IntegerField(label=_("Month or quarter"), min_value=1, max_value=12)

    def rule_point(self) -> str:
        return "18" if self.data.get("kind") == "monthly" else "13-14"


class InformationChangeForm(RuleForm):
    """UCC 6, Law 23.2: the body sends changed information."""

    point = "6"

    extra_kk = forms.CharField(
        label=_("Additional information (kk)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    extra_ru = forms.CharField(
        label=_("Additional information (ru)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    changed_on = forms.DateField(label=_("Changed on"), widget=forms.DateInput(attrs={"type": "date"}))


class ResponsibleChangeForm(ResponsibleForm):
    """UCC 7: a new responsible person."""

    point = "7"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # shown next to InformationChangeForm, which also has ``changed_on``: own element ids
        kwargs.setdefault("auto_id", "responsible_%s")
        super().__init__(*args, **kwargs)

    named_on = None  # type: ignore[assignment]
    changed_on = forms.DateField(label=_("Changed on"), widget=forms.DateInput(attrs={"type": "date"}))


class DiscrepancyForm(RuleForm):
    """UCC 20: a body's own figure differs from the centre's figure for that body (its row of
    the monthly report): the body and the figure are chosen from lists."""

    point = "20"

    body = _picker(_("Body"))
    figure = forms.ChoiceField(label=_("Figure"), choices=list(DISCREPANCY_FIGURES.items()))
    body_value = forms.IntegerField(label=_("The body's figure"), min_value=0)
    explanation = forms.CharField(label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, bodies: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [*NONE, *bodies]  # type: ignore[attr-defined]


class TrainingRequestForm(RuleForm):
    """UCC 19: the quality authority's written request for training."""

    point = "19"

    letter_number = forms.CharField(label=_("Request number"), max_length=64)
    letter_date = forms.DateField(label=_("Request date"), widget=forms.DateInput(attrs={"type": "date"}))
    letter_file = forms.FileField(label=_("Request letter (PDF or image)"))
    # The letter uploaded with a post refused on another field, kept server-side (core.KeptUpload).
    letter_file_key = forms.CharField(required=False, widget=forms.HiddenInput)

    def keep(self, name: str) -> None:
        """The letter is kept (``name``): it need not be chosen again."""
        self.fields["letter_file"].help_text = _("Kept: %(name)s. Choose a file only to replace it.") % {
            "name": name
        }


class TrainingScheduleForm(RuleForm):
    """UCC 19: the centre schedules the training."""

    point = "19"

    scheduled_on = forms.DateField(label=_("Training date"), widget=forms.DateInput(attrs={"type": "date"}))
    trainer = forms.CharField(label=_("Trainer"), max_length=200)
    topic = forms.CharField(label=_("Topic"), max_length=300, required=False)


class TrainingHeldForm(RuleForm):
    """UCC 19: the training was held."""

    point = "19"

    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    trainees = forms.CharField(
        label=_("Staff trained (one per line)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    result = forms.CharField(label=_("Result"), widget=forms.Textarea(attrs={"rows": 2}))


class PlanItemForm(RuleForm):
    """UCC 3: a service planned for acceptance in a draft plan-schedule."""

    point = "3"

    year = forms.IntegerField(label=_("Year"), min_value=2013, max_value=2040)
    service_code = _picker(_("Service"))
    planned_on = forms.DateField(label=_("Planned"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, services: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_code"].choices = [*NONE, *services]  # type: ignore[attr-defined]


class ArticleForm(forms.Form):
    """An operator edits the plain-language text and the callers' everyday words."""

    title_kk = forms.CharField(label=_("title (kk)"), max_length=500)
    title_ru = forms.CharField(label=_("title (ru)"), max_length=500)
    procedure_kk = forms.CharField(label=_("procedure (kk)"), widget=forms.Textarea(attrs={"rows": 6}))
    procedure_ru = forms.CharField(label=_("procedure (ru)"), widget=forms.Textarea(attrs={"rows": 6}))
    keywords_kk = forms.CharField(
        label=_("everyday words (kk)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    keywords_ru = forms.CharField(
        label=_("everyday words (ru)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    reason = forms.CharField(label=_("reason"), max_length=300, required=False)


class RequestListFilterForm(PeriodFilterForm):
    """UCC 10-12 requests: sent in a period, to a body (a searchable list of names), of a status."""

    body = OrganisationChoiceField(label=_("Body"), required=False, queryset=None, empty_label=_("all"))
    status = filter_choice(_("Status"), RequestStatus.choices)

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period_from"].label = _("Sent from")
        self.fields["period_to"].label = _("Sent to")
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; what they may be is checked by the service (ADR 0014)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(d, initial) for d in items if d]


class RefusalRecordForm(forms.Form):
    """UCC 11-12: an operator records a body's refusal with the supporting files."""

    request = _picker(_("Request"))
    form = forms.ChoiceField(
        label=_("Form of the refusal"),
        choices=[*NONE, *[(f.value, f.label) for f in RefusalForm if f in OPERATOR_REFUSAL_FORMS]],
        required=False,
    )
    refused_on = forms.DateField(
        label=_("Refused on"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
    reason = forms.CharField(
        label=_("What the body said"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    documents = MultipleFileField(label=_("Supporting documents (PDF, JPEG, PNG)"), required=False)

    def __init__(self, *args: Any, open_requests: list[tuple[str, str]], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "refusal_%s")
        super().__init__(*args, **kwargs)
        self.fields["request"].choices = [*NONE, *open_requests]  # type: ignore[attr-defined]


class ExplanationForm(forms.Form):
    """UCC 11.2: an oral or telephone explanation given by a body."""

    body = _picker(_("Body"))
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[*NONE, *ExplanationChannel.choices], required=False
    )
    given_by = forms.CharField(label=_("Who explained (name, position)"), max_length=300, required=False)
    given_at = forms.DateTimeField(
        label=_("When"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        required=False,
    )
    content = forms.CharField(
        label=_("What was explained"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, bodies: list[tuple[str, str]], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "explanation_%s")
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [*NONE, *bodies]  # type: ignore[attr-defined]
