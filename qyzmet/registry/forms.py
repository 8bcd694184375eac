"""Forms of the registry pages: input shape only; rules are in services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from qyzmet.core.listing import (
    ListFilterForm,
    OrganisationChoiceField,
    PeriodFilterForm,
    PickerSelect,
    ServiceChoiceField,
    filter_choice,
)
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.registry.editor_lines import LineError, document_row, form_field_row
from qyzmet.registry.enums import (
    Channel,
    CommentDecision,
    DeliveryMethod,
    DiscussionStatus,
    PaymentMethod,
    RecipientCategory,
    RefusalGround,
    TermUnit,
)
from qyzmet.registry.models import LifeSituation, Sphere
from qyzmet.workcalendar.forms import add_schedule_fields, schedule_rows

# Law 14.3-1, STD 9: the three schedules of a version, by form prefix and model field.
SCHEDULE_BLOCKS: tuple[tuple[str, str, object], ...] = (
    ("ws_provider", "working_schedule_provider", _("Provider's working schedule")),
    ("ws_state_corporation", "working_schedule_state_corporation", _("State Corporation's working schedule")),
    ("ws_echannels", "working_schedule_echannels", _("E-channels' working schedule")),
)


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    sphere = forms.ChoiceField(label=_("Sphere"), required=False)
    life_situation = forms.ChoiceField(label=_("Life situation"), required=False)
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("Any")), *list(Channel.choices)]
    )
    provider_kind = forms.ChoiceField(
        label=_("Provider"), required=False, choices=[("", _("Any")), *list(OrganisationKind.choices)]
    )
    paid = forms.ChoiceField(
        label=_("Fee"), required=False, choices=[("", _("Any")), ("free", _("Free")), ("paid", _("Paid"))]
    )

    def __init__(self, *args: object, spheres: list[Sphere], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["sphere"].choices = [("", _("Any"))] + [(s.code, s.name()) for s in spheres]  # type: ignore[attr-defined]
        self.fields["life_situation"].choices = [("", _("Any"))] + [  # type: ignore[attr-defined]
            (ls.code, f"{s.name()} — {ls.name()}") for s in spheres for ls in s.life_situations.all()
        ]


class CommentForm(forms.Form):
    field_name = forms.ChoiceField(label=_("Which part of the draft"), required=False)
    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)

    def __init__(self, *args: object, field_choices: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["field_name"].choices = [("", _("The whole draft")), *field_choices]  # type: ignore[attr-defined]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(CommentDecision.ACCEPTED, _("Accept")), (CommentDecision.REJECTED, _("Reject"))],
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ServiceForm(forms.Form):
    code = forms.CharField(label=_("Code (8 digits)"), max_length=8)
    name_kk = forms.CharField(label=_("Name (Kazakh)"), max_length=500)
    name_ru = forms.CharField(label=_("Name (Russian)"), max_length=500)
    description_kk = forms.CharField(
        label=_("Description (Kazakh)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    description_ru = forms.CharField(
        label=_("Description (Russian)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    life_situation = forms.ModelChoiceField(
        label=_("Life situation"), queryset=LifeSituation.objects.select_related("sphere")
    )
    # Picked by name (core/pickers.js makes the list searchable); the choices come from the view.
    responsible_body = forms.ChoiceField(
        label=_("Responsible central body"), widget=forms.Select(attrs={"data-picker": "1"})
    )
    recipient_categories = forms.MultipleChoiceField(
        label=_("Recipients"), choices=RecipientCategory.choices, widget=forms.CheckboxSelectMultiple
    )
    provider_kinds = forms.MultipleChoiceField(
        label=_("Providers"),
        choices=OrganisationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    is_socially_significant = forms.BooleanField(label=_("Socially significant"), required=False)
    is_proactive_capable = forms.BooleanField(label=_("Can be delivered proactively"), required=False)
    is_electronic_capable = forms.BooleanField(label=_("Can be delivered electronically"), required=False)
    is_via_state_corporation = forms.BooleanField(
        label=_("Delivered through the State Corporation"), required=False
    )
    needs_protected_data_consent = forms.BooleanField(
        label=_("Needs consent to protected data"), required=False
    )

    def __init__(self, *args: Any, bodies: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_body"].choices = [("", "—"), *bodies]  # type: ignore[attr-defined]


class VersionForm(forms.Form):
    """The main fields of a draft; channels and documents are edited as lines below."""

    change_summary = forms.CharField(
        label=_("What changes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    result_description_kk = forms.CharField(
        label=_("Result (Kazakh)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    result_description_ru = forms.CharField(
        label=_("Result (Russian)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    is_free_by_law = forms.BooleanField(label=_("Free by law (Law 24.2)"), required=False)
    is_paid = forms.BooleanField(label=_("Paid"), required=False)
    fee_mci = forms.DecimalField(label=_("Fee, MCI"), required=False, max_digits=8, decimal_places=2)
    payment_method = forms.ChoiceField(
        label=_("Payment method"), required=False, choices=PaymentMethod.choices
    )
    channels = forms.CharField(
        label=_("Channels and terms"),
        help_text=_("One per line: channel amount unit [paper], e.g. “egov_portal 1 working_days”."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    documents = forms.CharField(
        label=_("Required documents"),
        help_text=_(
            "One per line: name in Kazakh | name in Russian | original, copy or original_for_check "
            "| options: valid (a valid-until date proves it), valid=180 (valid 180 days from issue), "
            "state_system, privileged, role=application_form or role=identity_document."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    refusal_grounds = forms.MultipleChoiceField(
        label=_("Statutory refusal grounds (Law 19-1.2)"),
        choices=RefusalGround.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    is_licence_or_permit = forms.BooleanField(
        label=_("Issues a licence or permit (Law 19-1.4)"),
        help_text=_(
            "A licence or permit is refused only on the grounds of the Law “On permits and "
            "notifications” listed below; the grounds of Law 19-1.2 do not apply."
        ),
        required=False,
    )
    other_grounds = forms.CharField(
        label=_("Refusal grounds set by other laws (for a licence: the Law “On permits and notifications”)"),
        help_text=_("One per line: text in Kazakh | text in Russian | legal reference."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    delivery_methods = forms.MultipleChoiceField(
        label=_("Result delivery methods"),
        choices=DeliveryMethod.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    form_fields = forms.CharField(
        label=_("Application form fields"),
        help_text=_(
            "One per line: code | label in Kazakh | label in Russian | datatype | required (yes/no) "
            "| choices as key=kk/ru;key=kk/ru | options: min=1 max=1000000 (numbers), from=0 to=180 "
            "(dates, days from the application day), prefill=applicant_iin, applicant_phone or "
            "applicant_email | hint in Kazakh | hint in Russian"
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for prefix, _field, _title in SCHEDULE_BLOCKS:
            add_schedule_fields(self, prefix)

    def schedule_blocks(self) -> list[dict[str, object]]:
        """For the template: each schedule's title, "around the clock" field and weekday rows."""
        return [
            {
                "prefix": prefix,
                "title": title,
                "around": self[f"{prefix}_around"],
                "rows": schedule_rows(self, prefix),
            }
            for prefix, _field, title in SCHEDULE_BLOCKS
        ]

    def _rows(self, name: str, read: Callable[[str], dict[str, Any]], shape: Any) -> list[dict[str, Any]]:
        """Each non-empty line of ``name`` read by ``read``; the first bad line is named, with
        ``shape`` (a message taking ``%(n)s``) or the option at fault."""
        rows: list[dict[str, Any]] = []
        for number, line in enumerate(self.cleaned_data[name].splitlines(), start=1):
            if not line.strip():
                continue
            try:
                rows.append(read(line))
            except LineError as exc:
                message = (
                    _("Line %(n)s: “%(token)s” is not an option this line takes.")
                    % {"n": number, "token": exc.token}
                    if exc.token
                    else shape % {"n": number}
                )
                raise forms.ValidationError(message) from exc
        return rows

    def clean_form_fields(self) -> list[dict[str, Any]]:
        return self._rows(
            "form_fields", form_field_row, _("Line %(n)s: write a code, two labels and a datatype.")
        )

    def clean_other_grounds(self) -> list[dict[str, object]]:
        rows: list[dict[str, object]] = []
        for number, line in enumerate(self.cleaned_data["other_grounds"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) < 3 or not all(parts[:3]):
                raise forms.ValidationError(
                    _("Line %(n)s: write the Kazakh text, the Russian text and the legal reference.")
                    % {"n": number}
                )
            rows.append({"text_kk": parts[0], "text_ru": parts[1], "legal_reference": parts[2]})
        return rows

    def clean_channels(self) -> list[dict[str, object]]:
        rows: list[dict[str, object]] = []
        for number, line in enumerate(self.cleaned_data["channels"].splitlines(), start=1):
            parts = line.split()
            if not parts:
                continue
            if (
                len(parts) < 3
                or parts[0] not in Channel.values
                or not (parts[1].isascii() and parts[1].isdecimal())
                or parts[2] not in TermUnit.values
            ):
                raise forms.ValidationError(
                    _("Line %(n)s: write a channel, a number and a unit.") % {"n": number}
                )
            rows.append(
                {
                    "channel": parts[0],
                    "term_amount": int(parts[1]),
                    "term_unit": parts[2],
                    "paper_dispatch": "paper" in parts[3:],
                }
            )
        return rows

    def clean_documents(self) -> list[dict[str, Any]]:
        return self._rows("documents", document_row, _("Line %(n)s: write the Kazakh and the Russian name."))


class ApproveForm(forms.Form):
    effective_from = forms.DateField(label=_("In force from"), widget=forms.DateInput(attrs={"type": "date"}))
    approval_act = forms.CharField(label=_("Approving act"), required=False, max_length=300)


class CloseDiscussionForm(forms.Form):
    revised_draft_location = forms.CharField(label=_("Where to read the revised draft"), max_length=500)
    report_summary_kk = forms.CharField(
        label=_("Summary (Kazakh)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    report_summary_ru = forms.CharField(
        label=_("Summary (Russian)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AgreementForm(forms.Form):
    organisation = forms.ChoiceField(
        label=_("Interested body"), widget=forms.Select(attrs={"data-picker": "1"})
    )
    agreed = forms.BooleanField(label=_("Agrees"), required=False, initial=True)
    remarks = forms.CharField(label=_("Remarks"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, bodies: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", "—"), *bodies]  # type: ignore[attr-defined]


class SphereChoiceField(forms.ModelChoiceField):
    widget = PickerSelect

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name_ru if (get_language() or "kk").startswith("ru") else obj.name_kk)


class StaffServiceFilterForm(ListFilterForm):
    """The register's filters for its staff: the responsible body and the sphere, each chosen
    by name from a searchable list."""

    body = OrganisationChoiceField(
        label=_("Responsible body"), required=False, queryset=None, empty_label=_("all")
    )
    sphere = SphereChoiceField(label=_("Sphere"), required=False, queryset=None, empty_label=_("all"))

    def __init__(self, *args: Any, bodies: Any, spheres: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]
        self.fields["sphere"].queryset = spheres  # type: ignore[attr-defined]


class DiscussionFilterForm(PeriodFilterForm):
    """Law 15 discussions: posted in a period, of a service, open or closed."""

    service = ServiceChoiceField(label=_("Service"), required=False, queryset=None, empty_label=_("all"))
    status = filter_choice(_("Status"), DiscussionStatus.choices)

    def __init__(self, *args: Any, services: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period_from"].label = _("Posted from")
        self.fields["period_to"].label = _("Posted to")
        self.fields["service"].queryset = services  # type: ignore[attr-defined]
