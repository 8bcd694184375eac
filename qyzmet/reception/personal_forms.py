"""Forms of personal reception (types and shapes only; the rules of CRC 5, 20-23 live in
``personal_services``). Every field is optional here so that a missing value is refused by the
service naming the point, with everything typed kept."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский")]


def _date(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _time(label: Any) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        input_formats=["%H:%M", "%H:%M:%S"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )


class ScheduleForm(forms.Form):
    """CRC 20: a reception on the body's schedule (the body, the official in kk and ru, the day,
    from-until inside the centre's hours, CRC 5)."""

    organisation = forms.ChoiceField(label=_("Body"), required=False)
    official_name_kk = forms.CharField(label=_("Official (Kazakh)"), required=False, max_length=300)
    official_name_ru = forms.CharField(label=_("Official (Russian)"), required=False, max_length=300)
    position_kk = forms.CharField(label=_("Position (Kazakh)"), required=False, max_length=300)
    position_ru = forms.CharField(label=_("Position (Russian)"), required=False, max_length=300)
    day = _date(_("Reception day"))
    starts_at = _time(_("From"))
    ends_at = _time(_("Until"))

    def __init__(self, *args: Any, bodies: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if bodies is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].choices = bodies  # type: ignore[attr-defined]
        self.fields["official_name_kk"].widget.attrs["lang"] = "kk"
        self.fields["position_kk"].widget.attrs["lang"] = "kk"
        self.fields["official_name_ru"].widget.attrs["lang"] = "ru"
        self.fields["position_ru"].widget.attrs["lang"] = "ru"
        self.fields["starts_at"].help_text = _("The centre is open 09:00-18:30, lunch 13:00-14:30.")


class ReturnForm(forms.Form):
    """CRC 20: why the Department or the Head sends a schedule back to the body."""

    reason = forms.CharField(
        label=_("Why it is returned"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PreRegistrationForm(forms.Form):
    """CRC 21: a visitor registered at the centre."""

    visitor_name = forms.CharField(label=_("Visitor"), required=False, max_length=300)
    visitor_iin = forms.CharField(label=_("IIN"), required=False, max_length=12)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES, required=False)
    issue = forms.CharField(label=_("Issue"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["visitor_iin"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})


class OnlineRegistrationForm(forms.Form):
    issue = forms.CharField(label=_("Issue"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class FollowUpForm(forms.Form):
    """CRC 22: a follow-up task on an issue raised, with its owner and due date."""

    registration = forms.ChoiceField(label=_("Visitor"), required=False)
    description = forms.CharField(label=_("Task"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    due_date = _date(_("Due date"))
    responsible = forms.ChoiceField(label=_("Responsible executive"), required=False)

    def __init__(
        self,
        *args: Any,
        registrations: list[tuple[str, str]],
        responsibles: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["registration"].choices = registrations  # type: ignore[attr-defined]
        self.fields["responsible"].choices = [("", "—"), *responsibles]  # type: ignore[attr-defined]


class FollowUpCloseForm(forms.Form):
    outcome = forms.CharField(
        label=_("What was done"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class JointReceptionForm(forms.Form):
    """CRC 23: the local executive body holding the reception jointly."""

    local_body = forms.ChoiceField(label=_("Local executive body"), required=False)

    def __init__(self, *args: Any, bodies: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["local_body"].choices = [("", "—"), *bodies]  # type: ignore[attr-defined]
