"""Forms of the delivery pages. They only shape input; every rule is in the services."""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from qyzmet.core.form_keys import new_submission_key
from qyzmet.core.listing import PeriodFilterForm, ServiceChoiceField, filter_choice
from qyzmet.delivery.enums import ApplicationStatus, Channel, ConsentMethod
from qyzmet.delivery.selectors import form_field_prefill
from qyzmet.orgs.models import Organisation, RecipientCompany
from qyzmet.registry.enums import FormFieldType, RefusalGround
from qyzmet.registry.models import FormField, OtherRefusalGround, RequiredDocument

_DATE = forms.DateInput(attrs={"type": "date"})


def date_shown(value: Any) -> str:
    """A date answered or known, as the rest of the site writes dates (dd.mm.yyyy), not as a
    draft or a profile keeps it; what is not a date, as it was typed."""
    day = value if isinstance(value, dt.date) else parse_date(str(value or ""))
    return date_format(day, "SHORT_DATE_FORMAT") if day is not None else str(value or "")


# The desk's explicit answer "the visitor does not consent" (Law 20.6): asked, never assumed.
NO_CONSENT = "none"


def data_field_name(code: str) -> str:
    """The form field of a standard's data field; the service reports errors as ``data.<code>``."""
    return f"data.{code}"


def doc_prefix(rd: RequiredDocument) -> str:
    return f"doc{rd.pk}"


class WorklistFilterForm(PeriodFilterForm):
    """Law 5.2.11: the worklist's filters: stage (empty: the open ones), channel, term flag,
    service and a period of due dates."""

    period_argument = "period"

    status = forms.ChoiceField(
        label=_("Stage"),
        required=False,
        choices=[("", _("all open")), ("all", _("all")), *ApplicationStatus.choices],
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    channel = filter_choice(_("Channel"), Channel.choices)
    flag = forms.ChoiceField(
        label=_("Term"),
        required=False,
        choices=[("", _("all")), ("overdue", _("overdue")), ("today", _("due today"))],
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    service = ServiceChoiceField(label=_("Service"), required=False, queryset=None, empty_label=_("all"))

    def __init__(self, *args: Any, services: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period_from"].label = _("Due from")
        self.fields["period_to"].label = _("Due to")
        self.fields["service"].queryset = services  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        out = super().filters()
        status = out.pop("status", "")
        if status and status != "all":
            out["status"] = status
        elif not status:
            out["open_only"] = True
        return out


class VerifyFileForm(forms.Form):
    """Law 21.2-2: the verification page also checks a PDF its holder uploads."""

    document = forms.FileField(label=_("The PDF you hold"))

    def clean_document(self) -> Any:
        upload = self.cleaned_data["document"]
        if upload.size > int(settings.QYZMET_MAX_UPLOAD_BYTES):
            raise forms.ValidationError(_("The file is too large."))
        return upload


class StatusLookupForm(forms.Form):
    """Law 5.2.8: the public status page asks for the number and the last four IIN/BIN digits."""

    number = forms.CharField(label=_("Application number"), max_length=32)
    iin_last4 = forms.RegexField(
        label=_("Last four digits of the IIN/BIN"),
        regex=r"^\d{4}$",
        max_length=4,
        min_length=4,
        error_messages={"invalid": _("Enter four digits.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


def provider_field(providers: Sequence[Organisation], language: str) -> forms.ChoiceField:
    """Law 1.4: a choice of the organisations that deliver the service, each named with its
    region; optional when only one delivers it (the service then takes that one)."""
    return forms.ChoiceField(
        label=_("Service provider (your territory, or the embassy)"),
        choices=[("", "—")]
        + [
            (
                str(org.pk),
                f"{org.get_region_display()} — {org.short_name(language)}"
                if org.region
                else org.short_name(language),
            )
            for org in providers
        ],
        required=len(providers) > 1,
    )


def consent_field() -> forms.ChoiceField:
    """Law 5.2.12, 20.6: the portal's consent question (how consent is given, or none); the
    service refuses a service that needs it without it (Law 19-1.2). The single and the
    composite forms ask it the same way."""
    return forms.ChoiceField(
        label=_("Consent to use information protected by law (Law 20.6)"),
        choices=[("", _("I do not give consent")), *ConsentMethod.choices],
        required=False,
    )


# ADR 0020: what the browser is told of each type (the server checks every value itself).
_WIDGETS: dict[str, dict[str, str]] = {
    FormFieldType.IIN: {"inputmode": "numeric", "maxlength": "12", "autocomplete": "off"},
    FormFieldType.BIN: {"inputmode": "numeric", "maxlength": "12", "autocomplete": "off"},
    FormFieldType.EMAIL: {"type": "email", "autocomplete": "email"},
    FormFieldType.PHONE_KZ: {"type": "tel", "autocomplete": "tel", "placeholder": "+7 7XX XXX XX XX"},
    FormFieldType.IBAN_KZ: {
        "autocomplete": "off",
        "placeholder": "KZ00 000A BCDE FGHI JKLM",
        "spellcheck": "false",
    },
    FormFieldType.NUMBER: {"inputmode": "decimal"},
    FormFieldType.AMOUNT: {"inputmode": "decimal"},
    FormFieldType.DATE: {"type": "date"},
}


# ADR 0025: the question pages of the portal application, in order, and the page each field
# (and each field a service error names) is asked on. Presentation only: which page shows
# what; every rule stays in the services.
APPLY_STEPS = ("applicant", "details", "documents", "consent")
_STEP_FIELDS = {
    "applicant_for": "applicant",
    "provider": "applicant",
    "recipient_iin": "applicant",
    "recipient_bin": "applicant",
    "documents": "documents",
    "fee_exemption": "consent",
    "consent_method": "consent",
    "notify_sms": "consent",
    "notify_email": "consent",
    "payment": "consent",
}
_DOCUMENT_FIELD = re.compile(r"^doc\d+_")


def apply_step_of(name: str) -> str:
    """The question page a field of the portal form is on ("" when it is on none)."""
    if name.startswith("data."):
        return "details"
    if _DOCUMENT_FIELD.match(name):
        return "documents"
    return _STEP_FIELDS.get(name, "")


_GOVUK_CLASSES = {
    "text": "govuk-input",
    "email": "govuk-input",
    "tel": "govuk-input",
    "date": "govuk-input govuk-input--width-10",
    "select": "govuk-select",
    "textarea": "govuk-textarea",
    "checkbox": "govuk-checkboxes__input",
    "radioselect": "govuk-radios__input",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}


class ApplyForm(forms.Form):
    """The portal application form generated from the standard in force (Law 19, 20.2, STD 11-12):
    the data fields, then the checklist of documents the applicant must present (never those
    obtainable from state systems, Law 5.2), then the consent (Law 5.2.12, 20.6) and the
    notification channels (Law 21.2-1).

    ADR 0020: the data fields only carry text: their types and bounds are checked by the
    service (``form_data_check``), in the same round as the documents. Fields the profile
    already answers (``known``: the applicant's IIN, phone, e-mail) are shown, not asked."""

    def __init__(
        self,
        *args: Any,
        fields: list[FormField],
        checklist: list[RequiredDocument],
        language: str,
        providers: Sequence[Organisation] = (),
        companies: Sequence[RecipientCompany] = (),
        known: dict[str, str] | None = None,
        exemptions: Sequence[tuple[str, str]] = (),
        consent_answer: bool = False,
        submission: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.language = language
        self.consent_answer = consent_answer
        self.known = {k: v for k, v in (known or {}).items() if v}
        self.prefilled = form_field_prefill(fields=fields, known=self.known)
        self.known_fields = [f for f in fields if f.code in self.prefilled]
        self.data_fields = [f for f in fields if f not in self.known_fields]
        self.checklist = checklist
        self.providers = {str(org.pk): org for org in providers}
        self.companies = {company.bin: company for company in companies}
        # Law 1.3: for oneself, or for a legal entity one directs.
        self.fields["applicant_for"] = forms.ChoiceField(
            label=_("I apply for"),
            choices=[("", _("myself"))] + [(c.bin, f"{c.name(language)} ({c.bin})") for c in companies],
            required=False,
        )
        # Law 1.4: the organisation that delivers the service to this recipient (the service
        # says when it must be chosen, with the other problems).
        self.fields["provider"] = provider_field(providers, language)
        self.fields["provider"].required = False
        for f in self.data_fields:
            self.fields[data_field_name(f.code)] = self._data_field(f)
        for rd in checklist:
            p = doc_prefix(rd)
            name = rd.name(language)
            self.fields[f"{p}_number"] = forms.CharField(
                label=_("Number of the document: %(name)s") % {"name": name}, max_length=100, required=False
            )
            self.fields[f"{p}_issued_on"] = forms.DateField(
                label=_("Issued on"), required=False, widget=_DATE
            )
            if rd.expires:
                self.fields[f"{p}_valid_until"] = forms.DateField(
                    label=_("Valid until"), required=False, widget=_DATE
                )
            self.fields[f"{p}_file"] = forms.FileField(label=_("Scan (PDF or image)"), required=False)
        if exemptions:
            # STD 8, 11 (ADR 0019): an exemption the standard names; its proof is a document
            # for privileged persons.
            self.fields["fee_exemption"] = forms.ChoiceField(
                label=_("Exemption from the fee"),
                choices=[("", _("I pay the fee")), *exemptions],
                required=False,
            )
        self.fields["consent_method"] = consent_field()
        if consent_answer:
            # ADR 0025, Law 20.6: the question pages ask the consent as a question answered
            # either way (as the desk does: asked, never assumed); "no" is an answer.
            self.fields["consent_method"] = forms.ChoiceField(
                label=_("Do you consent to the use of information protected by law (Law 20.6)?"),
                choices=[*ConsentMethod.choices, (NO_CONSENT, _("I do not give consent"))],
                widget=forms.RadioSelect,
                error_messages={"required": _("Answer whether you give consent.")},
            )
        self.fields["notify_sms"] = forms.BooleanField(label=_("Notify me by SMS"), required=False)
        self.fields["notify_email"] = forms.BooleanField(label=_("Notify me by e-mail"), required=False)
        # One token per form shown, from the page's address (``form_keys``: Back shows the same
        # token): the same form sent twice (a double click, a reload, Back and send again) is one
        # submission; the service returns the application the first one created.
        self.fields["submission"] = forms.CharField(
            widget=forms.HiddenInput,
            required=False,
            max_length=64,
            initial=submission or new_submission_key(),
        )

    def govuk(self) -> ApplyForm:
        """Give each widget its GOV.UK Frontend class (the question pages' markup)."""
        for bound in self:
            css = _GOVUK_CLASSES.get(bound.widget_type)
            if css:
                bound.field.widget.attrs.setdefault("class", css)
        return self

    def consent(self) -> str:
        """The method consent was given by, or "" when it was not (Law 20.6)."""
        value = str(getattr(self, "cleaned_data", {}).get("consent_method") or "")
        return "" if value == NO_CONSENT else value

    def step_fields(self, step: str) -> list[str]:
        """The names of the form's fields asked on the question page ``step``."""
        return [name for name in self.fields if apply_step_of(name) == step]

    def keep_errors_of(self, step: str) -> None:
        """ADR 0025: a question page shows the problems of its own fields only (the others are
        told on their pages and on "Check your answers")."""
        for name in list(self.errors):
            if apply_step_of(name or "") != step:
                del self.errors[name]

    def steps_with_errors(self) -> list[str]:
        found = {apply_step_of(name or "") for name in self.errors}
        return [step for step in APPLY_STEPS if step in found]

    def summary_anchor(self, name: str) -> str:
        """The id the error summary links to: the field, or a choice list's first option."""
        bound = self[name]
        if bound.widget_type in ("radioselect", "checkboxselectmultiple"):
            return f"{bound.auto_id}_0"
        return str(bound.auto_id or name)

    def submission_key(self) -> str:
        """The idempotency key of this form's submission (empty when the form had no token)."""
        token = str(self.cleaned_data.get("submission") or "").strip()
        return f"portal:{token}" if token else ""

    def renew_submission(self) -> None:
        """A new token for a form shown again after its token submitted another application
        (issue 20.4): sent once more, it is a new submission."""
        data: Any = copy.copy(self.data)  # a QueryDict's copy is mutable
        data[self.add_prefix("submission")] = new_submission_key()
        self.data = data

    def _data_field(self, f: FormField) -> forms.Field:
        label = f.label(self.language)
        help_text = (f.help_ru if self.language == "ru" else f.help_kk) or ""
        common: dict[str, Any] = {"label": label, "required": False, "help_text": help_text}
        if f.datatype == FormFieldType.BOOLEAN:
            return forms.BooleanField(**common)
        if f.datatype == FormFieldType.CHOICE:
            key = "name_ru" if self.language == "ru" else "name_kk"
            choices = [("", "—")] + [(c.get("key", ""), c.get(key) or c.get("key", "")) for c in f.choices]
            return forms.CharField(widget=forms.Select(choices=choices), **common)
        if f.datatype == FormFieldType.TEXT:
            return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), strip=False, **common)
        attrs = dict(_WIDGETS.get(f.datatype, {}))
        if f.datatype == FormFieldType.AMOUNT and not help_text:
            common["help_text"] = _("In tenge.")
        return forms.CharField(widget=forms.TextInput(attrs=attrs), strip=False, **common)

    def chosen_provider(self) -> Organisation | None:
        return self.providers.get(self.cleaned_data.get("provider") or "")

    def chosen_company(self) -> RecipientCompany | None:
        return self.companies.get(self.cleaned_data.get("applicant_for") or "")

    def document_groups(self) -> list[tuple[RequiredDocument, list[forms.BoundField]]]:
        out = []
        for rd in self.checklist:
            p = doc_prefix(rd)
            names = [f"{p}_number", f"{p}_issued_on", f"{p}_valid_until", f"{p}_file"]
            out.append((rd, [self[n] for n in names if n in self.fields]))
        return out

    def data_bound_fields(self) -> list[forms.BoundField]:
        return [self[data_field_name(f.code)] for f in self.data_fields]

    def known_values(self) -> list[tuple[str, str]]:
        """The fields the profile answers, labelled, with the profile's value (a date as the
        site writes dates)."""
        return [
            (
                f.label(self.language),
                date_shown(self.prefilled[f.code])
                if f.datatype == FormFieldType.DATE
                else self.prefilled[f.code],
            )
            for f in self.known_fields
        ]

    def _raw(self, name: str) -> Any:
        """What was typed in a field: the cleaned value when the form is valid, else the raw
        text (the service checks the data fields either way)."""
        cleaned = getattr(self, "cleaned_data", {})
        if name in cleaned:
            return cleaned[name]
        return self[name].value() if name in self.fields else None

    def service_data(self) -> dict[str, Any]:
        """What was typed in the data fields, as text, and the profile's values for the fields
        it answers; the service checks and normalises every value (``form_data_check``)."""
        out: dict[str, Any] = dict(self.prefilled)
        for f in self.data_fields:
            value = self._raw(data_field_name(f.code))
            if value in (None, "", False):
                continue
            out[f.code] = True if f.datatype == FormFieldType.BOOLEAN else str(value)
        return out

    def submitted_documents(self) -> list[dict[str, Any]]:
        """Documents the applicant filled in (a number or a date); the scans are kept in the
        draft (``uploads``). The service decides completeness."""
        out = []
        cleaned = getattr(self, "cleaned_data", {})
        for rd in self.checklist:
            p = doc_prefix(rd)
            number = cleaned.get(f"{p}_number") or ""
            issued_on = cleaned.get(f"{p}_issued_on")
            valid_until = cleaned.get(f"{p}_valid_until")
            if not number and not issued_on and not valid_until:
                continue
            out.append(
                {
                    "required_document": rd,
                    "document_number": number,
                    "issued_on": issued_on,
                    "valid_until": valid_until,
                }
            )
        return out

    def uploads(self) -> dict[int, Any]:
        """The scans sent with this submission, by required document."""
        out = {}
        for rd in self.checklist:
            file = self.files.get(f"{doc_prefix(rd)}_file") if self.files else None
            if file:
                out[int(rd.pk)] = file
        return out

    def removed(self) -> list[int]:
        """The attached scans the applicant ticked to remove."""
        return [int(rd.pk) for rd in self.checklist if self.data.get(f"{doc_prefix(rd)}_remove")]

    def draft_values(self) -> dict[str, Any]:
        """What to keep in the draft: every typed value except the scans and the tokens."""
        keep = {}
        for name in self.fields:
            if name.endswith("_file") or name == "submission":
                continue
            value = self[name].value()
            if value not in (None, ""):
                keep[name] = value if isinstance(value, bool | str) else str(value)
        return keep

    def error_summary(self) -> list[tuple[str, str, str]]:
        """Every error, in page order, as (field id, label, text), for the summary at the top."""
        out = []
        for name, field in self.fields.items():
            if self.errors.get(name):
                out.append(
                    (
                        self.summary_anchor(name),
                        str(field.label),
                        " ".join(str(e) for e in self.errors[name]),
                    )
                )
        return out


class NotificationForm(forms.Form):
    sms = forms.BooleanField(label=_("SMS"), required=False)
    email = forms.BooleanField(label=_("E-mail"), required=False)


class TerritoryForm(forms.Form):
    """Law 1.4: where the recipient lives (the default provider of local services)."""

    territory = forms.ChoiceField(label=_("Where I live (akimat or akim)"), required=False)

    def __init__(
        self, *args: Any, territories: Sequence[Organisation] = (), language: str = "kk", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.territories = {str(org.pk): org for org in territories}
        field = self.fields["territory"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—")] + [
            (str(org.pk), f"{org.get_region_display()} — {org.short_name(language)}") for org in territories
        ]

    def chosen(self) -> Organisation | None:
        return self.territories.get(self.cleaned_data.get("territory") or "")


class RequestOtherBodyForm(forms.Form):
    other_body = forms.ChoiceField(label=_("Body asked"), required=False)
    note = forms.CharField(label=_("What is asked"), max_length=1000, required=False)

    def __init__(self, *args: Any, bodies: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["other_body"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *bodies]


class ResultReadyForm(forms.Form):
    result_file = forms.FileField(
        label=_("Result document (leave empty to generate the e-document)"), required=False
    )
    # A document uploaded with a post not written yet, kept server-side (core.KeptUpload).
    result_file_key = forms.CharField(required=False, widget=forms.HiddenInput)
    result_summary_kk = forms.CharField(label=_("Result (Kazakh)"), max_length=2000, required=False)
    result_summary_ru = forms.CharField(label=_("Result (Russian)"), max_length=2000, required=False)


class RefuseForm(forms.Form):
    """Law 19-1: a refusal names at least one statutory ground (or a ground of another law) and
    gives the reason; the form cannot be submitted without both."""

    grounds = forms.MultipleChoiceField(
        label=_("Statutory grounds (Law 19-1.2)"),
        choices=RefusalGround.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_grounds = forms.ModelMultipleChoiceField(
        label=_("Grounds set by other laws"),
        queryset=OtherRefusalGround.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(label=_("Reasoned answer"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, version: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if version is not None:
            field = self.fields["other_grounds"]
            assert isinstance(field, forms.ModelMultipleChoiceField)
            field.queryset = OtherRefusalGround.objects.filter(version=version)
            if version.is_licence_or_permit:
                # Law 19-1.4: only the permits-law grounds configured on the version.
                field.label = _("Grounds of the Law “On permits and notifications” (Law 19-1.4)")
                grounds = self.fields["grounds"]
                assert isinstance(grounds, forms.MultipleChoiceField)
                grounds.choices = []

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("grounds") and not data.get("other_grounds"):
            raise forms.ValidationError(_("Choose at least one ground for the refusal."), code="no_ground")
        return data


VISITOR_LANGUAGES = [("kk", "Қазақ тілі"), ("ru", "Русский язык")]


class DeskAcceptForm(forms.Form):
    """State Corporation desk: the operator accepts an application for a visitor (Law 20.3)."""

    # Picked from the register by code or name (core/pickers.js makes the list searchable).
    service_code = forms.ChoiceField(label=_("Service"), widget=forms.Select(attrs={"data-picker": "1"}))
    recipient_iin = forms.CharField(label=_("Visitor's IIN"), max_length=12)
    recipient_name = forms.CharField(label=_("Visitor's full name"), max_length=300)
    # The language of the visitor's documents: the receipt, the letters, the SMS.
    language = forms.ChoiceField(label=_("Visitor's language"), choices=VISITOR_LANGUAGES, required=False)
    identity_confirmed = forms.BooleanField(
        label=_("I have checked the visitor's identity document"), required=True
    )
    # Law 5.2.12, 20.6: ask the visitor; nothing is recorded unless they consent.
    consent_method = forms.ChoiceField(
        label=_("The visitor's consent to use information protected by law (Law 20.6)"),
        choices=[("", "—"), (NO_CONSENT, _("The visitor does not give consent")), *ConsentMethod.choices],
        required=True,
    )
    # ADR 0019: a fee the visitor paid through the payment gateway (its receipt is then not
    # asked); otherwise the receipt of a bank or cash desk is one of the documents.
    payment_reference = forms.CharField(
        label=_("Reference of the fee paid through the payment gateway"), max_length=64, required=False
    )

    def __init__(
        self,
        *args: Any,
        services: Sequence[tuple[str, str]] = (),
        providers: Sequence[Organisation] = (),
        language: str = "kk",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_code"].choices = [("", "—"), *services]  # type: ignore[attr-defined]
        self.providers = {str(org.pk): org for org in providers}
        if providers:
            self.fields["provider"] = provider_field(providers, language)

    def chosen_provider(self) -> Organisation | None:
        return self.providers.get(self.cleaned_data.get("provider") or "")

    def consent(self) -> str:
        """The method the visitor consented by, or "" when they said no."""
        value = str(self.cleaned_data.get("consent_method") or "")
        return "" if value == NO_CONSENT else value


class AcceptanceRefusalForm(forms.Form):
    """Law 20.2: what a refusal to accept at the desk needs of the desk form (the documents are
    read from the same post); consent and the rest of the acceptance do not matter to it."""

    service_code = forms.CharField(max_length=8)
    recipient_iin = forms.CharField(max_length=12)
    recipient_name = forms.CharField(max_length=300)
    language = forms.ChoiceField(choices=VISITOR_LANGUAGES, required=False)
    identity_confirmed = forms.BooleanField(required=False)


class ProactiveConsentForm(forms.Form):
    """Law 21-1: the recipient's consent to proactive services (the processing of their data)."""

    proactive_consent = forms.BooleanField(
        label=_("I consent to the collection and processing of my personal data for proactive services"),
        required=False,
    )


class ProactiveOfferForm(forms.Form):
    """Law 21-1: provider staff offer one of their proactive services to a recipient by IIN."""

    service = forms.ChoiceField(label=_("Service"))
    recipient_iin = forms.CharField(label=_("Recipient's IIN"), min_length=12, max_length=12)

    def __init__(self, *args: Any, services: Any = (), language: str = "kk", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["service"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(s.code, f"{s.code} {s.name(language)}") for s in services]

    def clean_recipient_iin(self) -> str:
        iin = str(self.cleaned_data["recipient_iin"]).strip()
        if not iin.isdigit():
            raise forms.ValidationError(_("An IIN is 12 digits."), code="iin")
        return iin
