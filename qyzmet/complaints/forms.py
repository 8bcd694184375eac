"""Input forms of complaint pages (types and shapes only; the rules live in services)."""

from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qyzmet.complaints.enums import (
    ComplaintAddressee,
    ComplaintOutcome,
    ComplaintStatus,
    ComplaintSubject,
    ExtensionGround,
)
from qyzmet.core.form_keys import new_submission_key
from qyzmet.core.listing import OrganisationChoiceField, PeriodFilterForm, filter_choice

LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский")]
DATE = {"input_formats": ["%Y-%m-%d"], "widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


NONE = [("", "—")]
# A choice list core/pickers.js turns into a searchable combobox (accessible-autocomplete).
PICKER = forms.Select(attrs={"data-picker": "1"})


class ComplaintListFilterForm(PeriodFilterForm):
    """The staff complaint lists' filters: registration period, body complained about (a
    searchable list of names), status and subject."""

    body = OrganisationChoiceField(
        label=_("Body complained about"), required=False, queryset=None, empty_label=_("all")
    )
    status = filter_choice(_("Status"), ComplaintStatus.choices)
    subject = filter_choice(_("Subject"), ComplaintSubject.choices)

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period_from"].label = _("Registered from")
        self.fields["period_to"].label = _("Registered to")
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]


class _SubmittedOnce(forms.Form):
    """Issue 20.4 on the web: one key per form shown, in the page's address (``?submission=``,
    so that Back, which fetches the no-store page again, shows the same form with the same key)
    and in a hidden field (sent back with a refused form, so the corrected one keeps it): the
    same form sent twice (a double click, a reload, Back and send again) is one filing; the
    service returns the complaint the first one filed."""

    KEY_PREFIX = ""

    def __init__(self, *args: Any, submission: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["submission"] = forms.CharField(
            widget=forms.HiddenInput,
            required=False,
            max_length=64,
            initial=submission or new_submission_key(),
        )

    def submission_key(self) -> str:
        """The idempotency key of this form's filing (empty when the form had no token)."""
        token = str(self.cleaned_data.get("submission") or "").strip()
        return f"{self.KEY_PREFIX}:{token}" if token else ""

    def renew_submission(self) -> None:
        """A new token for a form shown again after its token filed another complaint: sent
        once more, it is a new filing."""
        data: Any = copy.copy(self.data)  # a QueryDict's copy is mutable
        data[self.add_prefix("submission")] = new_submission_key()
        self.data = data


class ComplaintFileForm(_SubmittedOnce):
    KEY_PREFIX = "cabinet"

    # Optional: left empty with an application number, the body that delivered it (the service).
    provider = forms.ChoiceField(label=_("Body complained about"), required=False, widget=PICKER)
    subject = forms.ChoiceField(label=_("Subject"), choices=ComplaintSubject.choices)
    addressee = forms.ChoiceField(label=_("Addressed to"), choices=ComplaintAddressee.choices)
    application_number = forms.CharField(
        label=_("Application number (if any)"), required=False, max_length=32
    )
    service_code = forms.ChoiceField(label=_("Service (if any)"), required=False, widget=PICKER)
    text = forms.CharField(label=_("Complaint"), widget=forms.Textarea(attrs={"rows": 6}))
    phone = forms.CharField(label=_("Mobile phone"), required=False, max_length=20)
    email = forms.EmailField(label=_("E-mail"), required=False)
    language = forms.ChoiceField(label=_("Language of the answer"), choices=LANGUAGES)

    def __init__(
        self,
        *args: object,
        providers: list[tuple[str, str]],
        services: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = [*NONE, *providers]  # type: ignore[attr-defined]
        self.fields["service_code"].choices = [*NONE, *services]  # type: ignore[attr-defined]


class ComplaintRegisterForm(_SubmittedOnce):
    KEY_PREFIX = "paper"

    reviewing_body = forms.ChoiceField(label=pgettext_lazy("reviewing body", "Received by"), widget=PICKER)
    provider = forms.ChoiceField(label=_("Body complained about"), required=False, widget=PICKER)
    subject = forms.ChoiceField(label=_("Subject"), choices=ComplaintSubject.choices)
    addressee = forms.ChoiceField(label=_("Addressed to"), choices=ComplaintAddressee.choices)
    complainant_name = forms.CharField(label=_("Complainant"), max_length=300)
    complainant_iin = forms.CharField(label=_("IIN"), required=False, max_length=12)
    complainant_bin = forms.CharField(label=_("BIN"), required=False, max_length=12)
    complainant_address = forms.CharField(label=_("Postal address"), max_length=500, required=False)
    complainant_phone = forms.CharField(label=_("Mobile phone"), required=False, max_length=20)
    language = forms.ChoiceField(label=_("Language of the answer"), choices=LANGUAGES)
    application_number = forms.CharField(
        label=_("Application number (if any)"), required=False, max_length=32
    )
    service_code = forms.ChoiceField(label=_("Service (if any)"), required=False, widget=PICKER)
    text = forms.CharField(label=_("Complaint"), widget=forms.Textarea(attrs={"rows": 6}))
    registered_on = forms.DateField(label=_("Registered on"), required=False, **DATE)  # type: ignore[arg-type]

    def __init__(
        self,
        *args: object,
        bodies: list[tuple[str, str]],
        providers: list[tuple[str, str]],
        services: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewing_body"].choices = bodies  # type: ignore[attr-defined]
        self.fields["provider"].choices = [*NONE, *providers]  # type: ignore[attr-defined]
        self.fields["service_code"].choices = [*NONE, *services]  # type: ignore[attr-defined]


class ExtendForm(forms.Form):
    ground = forms.ChoiceField(
        label=_("Ground (Law 25.4)"), choices=[("", "—"), *ExtensionGround.choices], required=False
    )
    working_days = forms.IntegerField(label=_("Working days (at most 10)"), initial=10)
    reasons = forms.CharField(
        label=_("Reasons told to the complainant"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class NoticeForm(forms.Form):
    sent_on = forms.DateField(label=_("Letter sent on"), **DATE)  # type: ignore[arg-type]


class AnswerForm(forms.Form):
    # No outcome is preselected: the reviewer chooses one, and a refused answer keeps it.
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[*NONE, *ComplaintOutcome.choices], required=False
    )
    answer_text = forms.CharField(
        label=_("Reasoned answer"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )


class StudyForm(forms.Form):
    """Shown on the complaint page next to ``RecommendationForm``: own element ids (both have
    ``text``) so that each label names its own field."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "study_%s")
        super().__init__(*args, **kwargs)

    text = forms.CharField(
        label=_("Study of the reasons for dissatisfaction"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class RecommendationForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "recommendation_%s")  # see StudyForm
        super().__init__(*args, **kwargs)

    text = forms.CharField(
        label=_("Recommendation to restore the violated rights"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    due_on = forms.DateField(label=_("Due on"), **DATE)  # type: ignore[arg-type]


class ControlForm(forms.Form):
    fulfilled_on = forms.DateField(label=_("Fulfilled on"), required=False, **DATE)  # type: ignore[arg-type]
    in_full = forms.BooleanField(label=_("In full"), required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), **DATE)  # type: ignore[arg-type]
    end = forms.DateField(label=_("To"), **DATE)  # type: ignore[arg-type]
