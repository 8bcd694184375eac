"""Input forms (types and shapes only; the rules live in services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from qyzmet.core.listing import OrganisationChoiceField, PeriodFilterForm, filter_choice
from qyzmet.reception.enums import (
    AppealKind,
    AppealStatus,
)


class TicketIssueForm(forms.Form):
    """CRC 14: the reception desk's ticket. A Consultation ticket names the competent body the
    visitor needs (CRC 19), typed and picked from a list of names in the visitor's language
    (a plain input with a ``<datalist>`` per language: ``reception/ticket_issue.js`` switches it
    with the language; without script the page language's list is offered)."""

    zone = forms.ChoiceField(label=_("Zone"))
    language = forms.ChoiceField(
        label=_("Language of service"), choices=[("kk", "Қазақша"), ("ru", "Русский")]
    )
    competent_body = forms.CharField(
        label=_("Competent body (Consultation zone)"),
        required=False,
        max_length=400,
        help_text=_("Type a few letters of the body's name and pick it from the list."),
        widget=forms.TextInput(attrs={"list": "bodies-kk", "autocomplete": "off", "spellcheck": "false"}),
    )
    visitor_iin = forms.CharField(label=_("IIN"), required=False, max_length=12)
    visitor_document = forms.CharField(label=_("Identity document number"), required=False, max_length=40)
    visitor_name = forms.CharField(label=_("Visitor"), required=False, max_length=300)
    purpose = forms.CharField(label=_("Purpose of the visit"), required=False, max_length=300)

    def __init__(self, *args: Any, bodies: Any = None, list_language: str = "kk", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.bodies = list(bodies or [])
        self.fields["competent_body"].widget.attrs["list"] = f"bodies-{list_language}"

    def clean_competent_body(self) -> Any:
        """The body whose name (in Kazakh or Russian, full or short) or code was picked; a name
        not in the list is an error on the field, the typed text kept."""
        typed = " ".join(str(self.cleaned_data.get("competent_body") or "").split()).casefold()
        if not typed:
            return None
        for body in self.bodies:
            names = (body.name_kk, body.name_ru, body.short_name_kk, body.short_name_ru, body.code)
            if typed in {" ".join(n.split()).casefold() for n in names if n}:
                return body
        raise forms.ValidationError(_("Choose the body from the list: type part of its name and pick it."))


class AppealListFilterForm(PeriodFilterForm):
    """The appeal register's filters: registration period, competent body (a searchable list
    of names), kind and status."""

    body = OrganisationChoiceField(
        label=_("Competent body"), required=False, queryset=None, empty_label=_("all")
    )
    kind = filter_choice(_("Kind"), AppealKind.choices)
    status = filter_choice(_("Status"), AppealStatus.choices)

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period_from"].label = _("Registered from")
        self.fields["period_to"].label = _("Registered to")
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]
