"""Forms of the PSC selection pages: input shapes only (the rules are in the services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from qyzmet.pscselection.enums import CommissionFunction, ConclusionKind, Criterion, MeetingForm
from qyzmet.registry.enums import Channel as RegistryChannel

NONE = [("", "—")]


def _date(label: Any) -> forms.DateField:
    """A day in the browser's date picker, which shows only ``YYYY-MM-DD``: its initial value is
    rendered so (a localized ``07.12.2026`` would open empty and the step be refused as blank)."""
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _picker(label: Any) -> forms.ChoiceField:
    """A choice list core/pickers.js makes searchable; the view gives its choices."""
    return forms.ChoiceField(label=label, widget=forms.Select(attrs={"data-picker": "1"}))


class ProposalStartForm(forms.Form):
    body = forms.ChoiceField(label=_("Body"))
    year = forms.IntegerField(label=_("Year of the selection"), min_value=2015, max_value=2100)

    def __init__(self, *args: Any, bodies: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = bodies  # type: ignore[attr-defined]


class ProposalItemForm(forms.Form):
    """PSC 5, appendix: one proposed service."""

    service = _picker(_("Public service"))
    criterion = forms.ChoiceField(
        label=_("Criterion (PSC 4)"), choices=[*NONE, *Criterion.choices], required=False
    )
    yearly_volume = forms.IntegerField(
        label=_("Services rendered a year"),
        min_value=0,
        max_value=100_000_000,
        required=False,
        help_text=_("At least 1,000 a year (PSC 4)."),
    )
    current_channels = forms.MultipleChoiceField(
        label=_("Delivered today through"),
        choices=RegistryChannel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    reasons = forms.CharField(
        label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )

    def __init__(self, *args: Any, services: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [*NONE, *services]  # type: ignore[attr-defined]
        self.fields["service"].required = False


class SubmitForm(forms.Form):
    submitted_on = _date(_("Signed and submitted on"))


class DayForm(forms.Form):
    """One date of a step: formed, put to the commission, adopted, sent."""

    on = _date(_("Date"))

    def __init__(self, *args: Any, label: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if label is not None:
            self.fields["on"].label = label


class ExcludeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the service is left out (PSC 6)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )


class MeetingRecordForm(forms.Form):
    held_on = _date(_("Held on"))
    form = forms.ChoiceField(
        label=_("Form of the meeting (PSC 7)"), choices=MeetingForm.choices, widget=forms.RadioSelect
    )


class ConclusionForm(forms.Form):
    entry = forms.ChoiceField(label=_("Service of the list"))
    kind = forms.ChoiceField(
        label=_("Conclusion (PSC 8)"),
        choices=ConclusionKind.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    reasons = forms.CharField(
        label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )

    def __init__(self, *args: Any, entries: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [*NONE, *entries]  # type: ignore[attr-defined]
        self.fields["entry"].required = False


class AmendmentPrepareForm(forms.Form):
    draft_title = forms.CharField(
        label=_("Draft decree amending the register"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
    prepared_on = _date(_("Prepared on"))


class AmendmentApplyForm(forms.Form):
    decree_reference = forms.CharField(
        label=_("Decree of the Government (number and date)"), required=False, max_length=300
    )
    adopted_on = _date(_("Decree adopted on"))


class MeasuresForm(forms.Form):
    note = forms.CharField(
        label=_("Measures taken (PSC 11)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=4000,
    )
    done_on = _date(_("Done on"))


class CriteriaForm(forms.Form):
    service = _picker(_("Public service"))
    informational = forms.BooleanField(label=Criterion.INFORMATIONAL.label, required=False)
    duplicate = forms.BooleanField(label=Criterion.DUPLICATE.label, required=False)
    licence_or_permit = forms.BooleanField(label=Criterion.LICENCE_OR_PERMIT.label, required=False)

    def __init__(self, *args: Any, services: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [*NONE, *services]  # type: ignore[attr-defined]


class MemberForm(forms.Form):
    organisation = _picker(_("Body represented"))
    user = _picker(_("Staff member"))
    function = forms.ChoiceField(label=_("Function"), choices=CommissionFunction.choices)

    def __init__(
        self, *args: Any, bodies: list[tuple[str, str]], people: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [*NONE, *bodies]  # type: ignore[attr-defined]
        self.fields["user"].choices = [*NONE, *people]  # type: ignore[attr-defined]
