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
    zone = forms.ChoiceField(label=_("Zone"))
    language = forms.ChoiceField(
        label=_("Language of service"), choices=[("kk", "Қазақша"), ("ru", "Русский")]
    )
    visitor_iin = forms.CharField(label=_("IIN"), required=False, max_length=12)
    visitor_document = forms.CharField(label=_("Identity document number"), required=False, max_length=40)
    visitor_name = forms.CharField(label=_("Visitor"), required=False, max_length=300)
    purpose = forms.CharField(label=_("Purpose of the visit"), required=False, max_length=300)


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
