""" "One application" (Law 1.1-2, 4.1.4-1): the portal form for a composite service. It only
shapes input from the plan (``selectors_composite.composite_plan``): each form field once by
code, each document once (``doc<key>_…``), a provider choice per member service that more than
one organisation delivers (``provider.<service code>``), the consent when a member service
needs it; every rule is in ``services.composite_application_submit``. ADR 0020, as on the
single form: a field the profile answers (``prefill``) is shown, not asked, and filled on the
server (``selectors.form_field_prefill``)."""

from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from qyzmet.core.form_keys import new_submission_key
from qyzmet.delivery.forms import consent_field, data_field_name, provider_field
from qyzmet.delivery.selectors import form_field_prefill
from qyzmet.delivery.selectors_composite import CompositeDocument, CompositeField, CompositePlan
from qyzmet.orgs.models import Organisation
from qyzmet.registry.enums import FormFieldType

_DATE = forms.DateInput(attrs={"type": "date"})


def provider_field_name(service_code: str) -> str:
    return f"provider.{service_code}"


def doc_field_prefix(doc: CompositeDocument) -> str:
    return f"doc{doc.key}"


class CompositeApplyForm(forms.Form):
    def __init__(
        self,
        *args: Any,
        plan: CompositePlan,
        language: str,
        known: dict[str, str] | None = None,
        submission: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.language = language
        self.prefilled = form_field_prefill(fields=[f.field for f in plan.fields], known=known or {})
        self.known_fields = [f for f in plan.fields if f.code in self.prefilled]
        self.asked_fields = [f for f in plan.fields if f.code not in self.prefilled]
        self.fields["recipient_name"] = forms.CharField(label=_("Full name"), max_length=300)
        for child in plan.children:
            if child.provider_choice_needed:
                field = provider_field(child.providers, language)
                # Told by the service with the other refusals, all at once (Law 1.4).
                field.required = False
                self.fields[provider_field_name(child.service.code)] = field
        for f in self.asked_fields:
            self.fields[data_field_name(f.code)] = self._data_field(f)
        for doc in plan.documents:
            p = doc_field_prefix(doc)
            self.fields[f"{p}_number"] = forms.CharField(
                label=_("Number of the document: %(name)s") % {"name": doc.name(language)},
                max_length=100,
                required=False,
            )
            self.fields[f"{p}_issued_on"] = forms.DateField(
                label=_("Issued on"), required=False, widget=_DATE
            )
            if doc.expires:
                self.fields[f"{p}_valid_until"] = forms.DateField(
                    label=_("Valid until"), required=False, widget=_DATE
                )
            self.fields[f"{p}_file"] = forms.FileField(label=_("Scan (PDF or image)"), required=False)
        if plan.consent_services:
            self.fields["consent_method"] = consent_field()
        self.fields["notify_sms"] = forms.BooleanField(label=_("Notify me by SMS"), required=False)
        self.fields["notify_email"] = forms.BooleanField(label=_("Notify me by e-mail"), required=False)
        self.fields["submission"] = forms.CharField(
            widget=forms.HiddenInput,
            required=False,
            max_length=64,
            initial=submission or new_submission_key(),
        )

    def _data_field(self, f: CompositeField) -> forms.Field:
        ff = f.field
        help_text = (ff.help_ru if self.language == "ru" else ff.help_kk) or ""
        common: dict[str, Any] = {"label": ff.label(self.language), "required": False, "help_text": help_text}
        if ff.datatype == FormFieldType.DATE:
            return forms.DateField(widget=_DATE, **common)
        if ff.datatype == FormFieldType.NUMBER:
            return forms.DecimalField(**common)
        if ff.datatype == FormFieldType.BOOLEAN:
            return forms.BooleanField(**common)
        if ff.datatype == FormFieldType.CHOICE:
            key = "name_ru" if self.language == "ru" else "name_kk"
            return forms.ChoiceField(
                choices=[("", "—")]
                + [(c.get("key", ""), c.get(key) or c.get("key", "")) for c in ff.choices],
                **common,
            )
        if ff.datatype == FormFieldType.TEXT:
            return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)
        return forms.CharField(max_length=500, **common)

    # --- what the view shows and sends -------------------------------------------------

    def child_rows(self) -> list[tuple[Any, forms.BoundField | None, Organisation | None]]:
        """Each member service with its provider choice (None: one delivers it, shown as is)."""
        rows = []
        for child in self.plan.children:
            name = provider_field_name(child.service.code)
            only = child.providers[0] if len(child.providers) == 1 else None
            rows.append((child, self[name] if name in self.fields else None, only))
        return rows

    def data_rows(self) -> list[tuple[CompositeField, forms.BoundField]]:
        return [(f, self[data_field_name(f.code)]) for f in self.asked_fields]

    def known_rows(self) -> list[tuple[CompositeField, str, str]]:
        """The fields the profile answers: each with its label and the profile's value."""
        return [(f, f.field.label(self.language), self.prefilled[f.code]) for f in self.known_fields]

    def document_rows(self) -> list[tuple[CompositeDocument, list[forms.BoundField]]]:
        out = []
        for doc in self.plan.documents:
            p = doc_field_prefix(doc)
            names = [f"{p}_number", f"{p}_issued_on", f"{p}_valid_until", f"{p}_file"]
            out.append((doc, [self[n] for n in names if n in self.fields]))
        return out

    def chosen_providers(self) -> dict[str, Organisation]:
        out: dict[str, Organisation] = {}
        for child in self.plan.children:
            picked = str(self.cleaned_data.get(provider_field_name(child.service.code)) or "")
            org = next((o for o in child.providers if str(o.pk) == picked), None)
            if org is not None:
                out[child.service.code] = org
        return out

    def service_data(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.prefilled)
        for f in self.asked_fields:
            value = self.cleaned_data.get(data_field_name(f.code))
            if value in (None, ""):
                continue
            datatype = f.field.datatype
            if datatype == FormFieldType.BOOLEAN:
                if not value:
                    continue
                value = True
            elif datatype == FormFieldType.NUMBER:
                value = str(value)
            elif datatype == FormFieldType.DATE:
                value = value.isoformat()  # type: ignore[union-attr]
            out[f.code] = value
        return out

    def submitted_documents(self) -> list[dict[str, Any]]:
        """Each document filled in once (a number or a file), as the first standard's document
        that lists it; the service gives it to every member service that asks for it."""
        out = []
        for doc in self.plan.documents:
            p = doc_field_prefix(doc)
            number = self.cleaned_data.get(f"{p}_number") or ""
            file = self.cleaned_data.get(f"{p}_file")
            if not number and not file:
                continue
            out.append(
                {
                    "required_document": doc.first,
                    "document_number": number,
                    "issued_on": self.cleaned_data.get(f"{p}_issued_on"),
                    "valid_until": self.cleaned_data.get(f"{p}_valid_until"),
                    "file": file,
                }
            )
        return out

    def submission_key(self) -> str:
        token = str(self.cleaned_data.get("submission") or "").strip()
        return f"portal-composite:{token}" if token else ""

    def renew_submission(self) -> None:
        """A new token for a form shown again after its token submitted another application
        (issue 20.4): sent once more, it is a new submission."""
        data: Any = copy.copy(self.data)  # a QueryDict's copy is mutable
        data[self.add_prefix("submission")] = new_submission_key()
        self.data = data
