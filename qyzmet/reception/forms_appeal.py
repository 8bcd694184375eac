"""The appeal form of the Result desk as question pages (ADR 0025's pattern): types and shapes
only, and which page asks which field (presentation). Every rule is in the services
(``services.appeal_check``), which refuses with a message per field."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from qyzmet.reception.enums import (
    AnswerMethod,
    AppealForm,
    AppealKind,
    ApplicantType,
    AttachmentRole,
    LegalArea,
    RepresentativeKind,
)
from qyzmet.reception.services import AppealDetails

APPEAL_STEPS = ("who", "to_whom", "what", "attachments", "answer")
CHECK = "check"
ATTACHMENT_ROWS = 5
STEP_TITLES = {
    "who": _("Who is appealing"),
    "to_whom": _("To whom"),
    "what": _("What the appeal is about"),
    "attachments": _("Attachments"),
    "answer": _("How the answer is received"),
}
LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский")]
YES, NO = "yes", "no"

_WHO = [
    "ticket",
    "language",
    "applicant_type",
    "is_collective",
    "surname",
    "first_name",
    "patronymic",
    "iin",
    "entity_name",
    "bin",
    "postal_address",
    "by_representative",
    "representative_kind",
    "representative_name",
    "representative_iin",
    "power_of_attorney",
    "power_of_attorney_date",
    "power_of_attorney_file",
    "appointment_order",
    "appointment_order_date",
    "appointment_order_file",
]
_STEP_OF: dict[str, str] = {
    **{name: "who" for name in _WHO},
    **{name: "to_whom" for name in ("competent_bodies", "add_body", "legal_area")},
    **{
        name: "what"
        for name in (
            "kind",
            "form",
            "substance",
            "appeal_date",
            "signed",
            "original_language",
            "translation_notarised",
        )
    },
    **{name: "attachments" for name in ("attachment_count", "paper_only", "paper_reason")},
    **{f"att_name_{i}": "attachments" for i in range(1, ATTACHMENT_ROWS + 1)},
    **{f"att_file_{i}": "attachments" for i in range(1, ATTACHMENT_ROWS + 1)},
    **{name: "answer" for name in ("answer_method", "email", "data_consent")},
}
FILE_FIELDS = (
    "power_of_attorney_file",
    "appointment_order_file",
    *tuple(f"att_file_{i}" for i in range(1, ATTACHMENT_ROWS + 1)),
)
LIST_FIELDS = ("competent_bodies",)


def appeal_step_of(name: str) -> str:
    """The question page a field is asked on ("" when none)."""
    return _STEP_OF.get(name, "")


def form_field_of(service_name: str) -> str:
    """The form field a service error names (``services.appeal_check``'s names)."""
    if service_name == "competent_body":
        return "competent_bodies"
    if service_name == "attachments":
        return "att_name_1"
    if service_name.startswith("attachments."):
        return f"att_file_{service_name.split('.', 1)[1]}"
    return service_name


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a real date, as the document bears it (CRC 17.3).")},
    )


def _text(label: Any, max_length: int = 300, **kw: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        error_messages={"max_length": _("Shorten it to %(limit_value)d characters.")},
        **kw,
    )


def _radio(label: Any, choices: Any, **kw: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect, **kw)


class AppealStepsForm(forms.Form):
    """Every question of the appeal; each page shows those of its step (``appeal_step_of``).
    Presence and validity are the service's (``services.appeal_check``)."""

    ticket = forms.ChoiceField(label=_("Queue ticket of the visitor"), required=False)
    language = _radio(
        _("Language of the visitor (the registration ticket is in it)"),
        LANGUAGES,
        error_messages={"required": _("Choose the visitor's language: Kazakh or Russian (CRC 17.6).")},
    )
    applicant_type = _radio(
        _("Applicant"),
        ApplicantType.choices,
        error_messages={
            "required": _("Choose who the applicant is: an individual or a legal entity (CRC 17.3).")
        },
    )
    is_collective = forms.BooleanField(label=_("Collective appeal"), required=False)
    surname = _text(_("Surname"), 150)
    first_name = _text(_("Name"), 150)
    patronymic = _text(_("Patronymic (if any)"), 150)
    iin = _text(_("IIN"), 12, widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    entity_name = _text(_("Name of the legal entity"))
    bin = _text(_("BIN (if any)"), 12, widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    postal_address = _text(_("Postal address"), 400)
    by_representative = forms.BooleanField(label=_("Filed by a representative (CRC 15)"), required=False)
    representative_kind = _radio(_("Kind of representative"), RepresentativeKind.choices, required=False)
    representative_name = _text(_("Representative: surname, name, patronymic"))
    representative_iin = _text(
        _("Representative's IIN"),
        12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    power_of_attorney = _text(
        _("Number of the power of attorney or of the document of legal representation"), 200
    )
    power_of_attorney_date = _date_field(_("Its date"))
    power_of_attorney_file = forms.FileField(
        label=_("Scan of the power of attorney or of the document of legal representation (PDF, JPEG, PNG)"),
        required=False,
    )
    appointment_order = _text(_("Entity: number of the order appointing its first head"), 200)
    appointment_order_date = _date_field(_("Date of the order"))
    appointment_order_file = forms.FileField(
        label=_("Scan of the copy of the order (PDF, JPEG, PNG)"), required=False
    )

    competent_bodies = forms.MultipleChoiceField(
        label=_("Competent bodies"), required=False, widget=forms.MultipleHiddenInput
    )
    add_body = forms.ChoiceField(label=_("Add a competent body"), required=False)
    legal_area = forms.ChoiceField(
        label=_("Legal area"), choices=LegalArea.choices, initial=LegalArea.GENERAL
    )

    kind = _radio(
        _("Kind of appeal"),
        AppealKind.choices,
        error_messages={"required": _("Choose the kind of appeal (CRC 4.4).")},
    )
    form = _radio(
        _("Form of the appeal"),
        AppealForm.choices,
        error_messages={
            "required": _("Choose the form of the appeal: written, oral or electronic (CRC 4.4).")
        },
    )
    substance = _text(_("Substance of the appeal"), 10000, widget=forms.Textarea(attrs={"rows": 5}))
    appeal_date = _date_field(_("Date the appeal bears"))
    signed = forms.BooleanField(label=_("Signed by the applicant or the representative"), required=False)
    original_language = _text(_("Language of the original, if neither Kazakh nor Russian"), 20)
    translation_notarised = forms.BooleanField(
        label=_("A notarised Kazakh or Russian translation is attached"), required=False
    )

    attachment_count = forms.IntegerField(
        label=_("How many attachments the appeal mentions"),
        required=False,
        min_value=0,
        max_value=ATTACHMENT_ROWS,
        error_messages={
            "invalid": _("Enter a whole number of attachments (CRC 17.3)."),
            "min_value": _("Enter a whole number of attachments (CRC 17.3)."),
            "max_value": _("Up to %(limit_value)s attachments are entered here; list the rest in one line."),
        },
    )
    paper_only = forms.BooleanField(
        label=_(
            "The attachments cannot be entered into the system: the written appeal goes on paper (CRC 17.7)"
        ),
        required=False,
    )
    paper_reason = _text(_("Why they cannot be entered"))

    answer_method = _radio(
        _("How does the visitor want to receive the answer?"),
        AnswerMethod.choices,
        error_messages={"required": _("Choose how the visitor receives the answer (CRC 17.4).")},
    )
    email = _text(_("E-mail"), 254, widget=forms.EmailInput(attrs={"autocomplete": "off"}))
    data_consent = _radio(
        _("Does the visitor give written consent to use information protected by law (CRC 17.5)?"),
        [(YES, _("Yes, the written consent is given")), (NO, _("No"))],
        error_messages={"required": _("Answer whether the visitor gives the written consent (CRC 17.5).")},
    )

    def __init__(
        self,
        *args: Any,
        tickets: Iterable[tuple[str, str]] = (),
        bodies: Iterable[tuple[str, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, ATTACHMENT_ROWS + 1):
            self.fields[f"att_name_{i}"] = _text(_("Attachment %(n)d: name") % {"n": i})
            self.fields[f"att_file_{i}"] = forms.FileField(
                label=_("Attachment %(n)d: scan (PDF, JPEG, PNG)") % {"n": i}, required=False
            )
        self.fields["ticket"].choices = [("", _("— no queue ticket —")), *tickets]  # type: ignore[attr-defined]
        body_rows = list(bodies)
        self.body_names = dict(body_rows)
        self.fields["competent_bodies"].choices = body_rows  # type: ignore[attr-defined]
        self.fields["add_body"].choices = [("", "—"), *body_rows]  # type: ignore[attr-defined]
        self.fields["add_body"].widget.attrs["data-picker"] = "1"
        # tell each field's page (the templates show one page's fields)
        for name, f in self.fields.items():
            f.step = appeal_step_of(name)  # type: ignore[attr-defined]

    # --- reading the answers ----------------------------------------------------------------

    def _v(self, name: str) -> Any:
        return getattr(self, "cleaned_data", {}).get(name)

    def listed_attachments(self) -> tuple[str, ...]:
        """The attachment rows, in their places (an empty row keeps its place)."""
        rows = [str(self._v(f"att_name_{i}") or "").strip() for i in range(1, ATTACHMENT_ROWS + 1)]
        while rows and not rows[-1]:
            rows.pop()
        return tuple(rows)

    def details(self) -> AppealDetails:
        """The answers as the service takes them (empty where a field failed its type)."""

        def text(name: str) -> str:
            return str(self._v(name) or "")

        return AppealDetails(
            kind=text("kind"),
            form=text("form"),
            language=text("language") or "kk",
            substance=text("substance"),
            appeal_date=self._v("appeal_date"),
            signed=bool(self._v("signed")),
            applicant_type=text("applicant_type") or ApplicantType.INDIVIDUAL,
            is_collective=bool(self._v("is_collective")),
            surname=text("surname"),
            first_name=text("first_name"),
            patronymic=text("patronymic"),
            iin=text("iin"),
            entity_name=text("entity_name"),
            bin=text("bin"),
            postal_address=text("postal_address"),
            email=text("email"),
            attachments=self.listed_attachments(),
            attachment_count=int(self._v("attachment_count") or 0),
            by_representative=bool(self._v("by_representative")),
            representative_kind=text("representative_kind"),
            representative_name=text("representative_name"),
            representative_iin=text("representative_iin"),
            power_of_attorney=text("power_of_attorney"),
            power_of_attorney_date=self._v("power_of_attorney_date"),
            appointment_order=text("appointment_order"),
            appointment_order_date=self._v("appointment_order_date"),
            original_language=text("original_language"),
            translation_notarised=bool(self._v("translation_notarised")),
            legal_area=text("legal_area") or LegalArea.GENERAL,
            data_consent=self._v("data_consent") == YES,
            paper_only=bool(self._v("paper_only")),
            paper_reason=text("paper_reason"),
            answer_method=text("answer_method"),
        )

    def chosen_bodies(self) -> list[str]:
        return [str(v) for v in (self._v("competent_bodies") or [])]

    def scan_roles(self) -> dict[str, tuple[str, str, int]]:
        """Each file field as a scan: (role, name, place among the attachments)."""
        legal = self._v("representative_kind") == RepresentativeKind.LEGAL
        roles: dict[str, tuple[str, str, int]] = {
            "power_of_attorney_file": (
                AttachmentRole.LEGAL_AUTHORITY if legal else AttachmentRole.POWER_OF_ATTORNEY,
                str(self._v("power_of_attorney") or ""),
                0,
            ),
            "appointment_order_file": (
                AttachmentRole.APPOINTMENT_ORDER,
                str(self._v("appointment_order") or ""),
                0,
            ),
        }
        if not self._v("by_representative"):
            roles = {}
        elif self._v("applicant_type") != ApplicantType.ENTITY:
            roles.pop("appointment_order_file")
        if not self._v("paper_only"):
            for i, name in enumerate(self.listed_attachments(), 1):
                if name:
                    roles[f"att_file_{i}"] = (AttachmentRole.ATTACHMENT, name, i)
        return roles

    # --- errors ------------------------------------------------------------------------------

    def place_service_errors(self, fields: Mapping[str, str], *, step: str | None) -> None:
        """Each problem the service named next to its field, once; a page (``step``) shows only
        those of its own fields (the others are told on their pages and on "Check")."""
        for service_name, text in fields.items():
            name = form_field_of(service_name)
            if name not in self.fields:
                self.add_error(None, text)
            elif (step is None or appeal_step_of(name) == step) and name not in self.errors:
                self.add_error(name, text)

    def keep_errors_of(self, step: str) -> None:
        for name in list(self.errors):
            if name and appeal_step_of(name) != step:
                del self.errors[name]

    def steps_with_errors(self) -> list[str]:
        found = {appeal_step_of(name or "") for name in self.errors}
        return [step for step in APPEAL_STEPS if step in found]

    def error_summary(self) -> list[tuple[str, str]]:
        """(anchor, text) of every error, in the order of the fields (a radio's first option)."""
        rows = []
        for name in self.fields:
            if name in self.errors:
                bound = self[name]
                anchor = f"{bound.auto_id}_0" if bound.widget_type == "radioselect" else str(bound.auto_id)
                rows += [(anchor, str(e)) for e in self.errors[name]]
        return rows


def bound_data(values: Mapping[str, Any]) -> MultiValueDict[str, Any]:
    """A draft's values as form data (lists for the fields that hold several)."""
    data: MultiValueDict[str, Any] = MultiValueDict()
    for name, value in values.items():
        data.setlist(name, [str(v) for v in value] if isinstance(value, list) else [value])
    return data


def page_values(post: Any, *, step: str) -> dict[str, Any]:
    """The answers of one page as posted (a box left unticked is an answer: absent). The chosen
    bodies are not taken from the post: they change only by "Add" and "Remove"."""
    out: dict[str, Any] = {}
    for name in post:
        if appeal_step_of(name) != step or name in FILE_FIELDS or name in ("add_body", *LIST_FIELDS):
            continue
        out[name] = post.get(name)
    return out
