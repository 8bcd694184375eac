"""Forms of the registry pages: input shape only; rules are in services."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import models
from django.forms import formset_factory
from django.utils.text import capfirst
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
from qyzmet.orgs.models import Organisation
from qyzmet.registry.enums import (
    Channel,
    CommentDecision,
    DeliveryMethod,
    DiscussionStatus,
    FeeExemption,
    RecipientCategory,
    RefusalGround,
    WorkPrinciple,
)
from qyzmet.registry.field_names import STD_POINTS, field_label
from qyzmet.registry.models import (
    ChannelTerm,
    ComplaintAddress,
    FormField,
    InformationSource,
    LifeSituation,
    OtherRefusalGround,
    OtherTerm,
    ProcessStep,
    RequiredDocument,
    Sphere,
    StandardVersion,
)
from qyzmet.registry.services import VERSION_FIELDS, VERSION_SCHEDULE_FIELDS, version_payload
from qyzmet.workcalendar.forms import (
    WEEKDAY_LABELS,
    add_schedule_fields,
    pop_schedule,
    schedule_initial,
    schedule_rows,
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
    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": _("Write your comment on the draft (Law 15).")},
    )

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


# --- the standard editor (STD 1-26; issue 15 item 2) ------------------------------------------
# Every attribute of a version and of its rows is its own labelled input, every choice a select
# or checkboxes labelled in the page's language; rows are repeatable (a few blank ones to add,
# a "remove" box). Input shape only: the service validates and names what is wrong.

# Law 14.3-1, STD 9: the three schedules of a version, by form prefix and model field.
SCHEDULE_BLOCKS: tuple[tuple[str, str, object], ...] = (
    ("ws_provider", "working_schedule_provider", _("Provider's working schedule")),
    ("ws_state_corporation", "working_schedule_state_corporation", _("State Corporation's working schedule")),
    ("ws_echannels", "working_schedule_echannels", _("E-channels' working schedule")),
)
SCHEDULE_PREFIXES = tuple(f"{prefix}_" for prefix, _field, _title in SCHEDULE_BLOCKS)
# Values kept as JSON lists of an enum's values: checkboxes labelled by the enum.
LIST_CHOICES: dict[str, Any] = {
    "recipient_categories": RecipientCategory,
    "fee_exemptions": FeeExemption,
    "delivery_methods": DeliveryMethod,
    "refusal_grounds": RefusalGround,
    "principles": WorkPrinciple,
}
# Not typed by the drafter: set when the draft is made (drafting body) or approved (act); the
# higher instance is the body of the STD 22 complaint address (one source, finding 8).
NOT_EDITED = frozenset(
    {"drafting_body", "approval_act_kk", "approval_act_ru", "is_free_by_law", "is_paid", "higher_instance"}
)
# Law 24, 24.2: one choice of three instead of two flags that could both be ticked.
FEE_FREE, FEE_FREE_BY_LAW, FEE_PAID = "free", "free_by_law", "paid"
FEE_FIELDS = ("fee_mci", "payment_method", "fee_exemptions")
EXTRA_ROWS = 2


class EditorText(forms.CharField):
    """A text kept exactly as typed (no stripping) with the browser's CRLF read as LF, so that
    saving an unchanged page changes nothing."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["strip"] = False
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).replace("\r\n", "\n")


class OneOfRadio(forms.RadioSelect):
    """A radio list that reports every value a post carries, so that two at once is refused."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        return values if len(values) > 1 else (values[0] if values else None)


class OneOfField(forms.ChoiceField):
    def to_python(self, value: Any) -> str:
        if isinstance(value, list):
            raise forms.ValidationError(self.error_messages["one_of"], code="one_of")
        return str(super().to_python(value))


def _editor_field(model: type[models.Model], name: str) -> forms.Field:
    """The form field of a model field: texts as kept-as-typed areas, lists as checkboxes,
    bodies by name, choices as selects."""
    field = model._meta.get_field(name)
    label = capfirst(field.verbose_name)  # type: ignore[union-attr]
    if name in LIST_CHOICES:
        return forms.MultipleChoiceField(
            label=label,
            choices=LIST_CHOICES[name].choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
    if isinstance(field, models.ForeignKey):
        return OrganisationChoiceField(
            label=label, queryset=Organisation.objects.order_by("name_ru"), required=False
        )
    if isinstance(field, models.URLField):
        return forms.URLField(label=label, required=False, max_length=field.max_length, assume_scheme="https")
    if isinstance(field, models.EmailField):
        return forms.EmailField(label=label, required=False, max_length=field.max_length)
    if isinstance(field, models.TextField):
        return EditorText(label=label, required=not field.blank, widget=forms.Textarea(attrs={"rows": 2}))
    if isinstance(field, models.CharField) and not field.choices:
        return EditorText(label=label, required=not field.blank, max_length=field.max_length)
    made = field.formfield()  # type: ignore[union-attr]
    if made is None:
        raise TypeError(f"{model.__name__}.{name} has no form field")
    made.label = label
    if isinstance(field, models.BooleanField):
        made.required = False
    return made


class EditorLayout(forms.Form):
    """For the templates: the fields in order, a Kazakh input next to its Russian one; each with
    the note of what approval would refuse about it (``notes``, by field or kk/ru stem)."""

    hidden_in_layout: frozenset[str] = frozenset()
    notes: dict[str, str]

    def note(self, name: str) -> str:
        return getattr(self, "notes", {}).get(name, "")

    def layout(self) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        for name in self.fields:
            if name in self.hidden_in_layout or (name.endswith("_ru") and f"{name[:-3]}_kk" in self.fields):
                continue
            if name.endswith("_kk") and f"{name[:-3]}_ru" in self.fields:
                items.append({"pair": [self[name], self[f"{name[:-3]}_ru"]], "note": self.note(name[:-3])})
            else:
                items.append({"field": self[name], "note": self.note(name)})
        return items


def _keep_order(chosen: list[str], before: Any) -> list[str]:
    """The ticked values in the order they were kept (new ones after), so that an unchanged
    page keeps the stored list as it is."""
    before = [v for v in (before or []) if v in chosen]
    return [*before, *[v for v in chosen if v not in before]]


class VersionForm(EditorLayout):
    """The fields of a draft (STD 1-26), schedules and the fee choice; rows are formsets."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        skip = {*NOT_EDITED, *VERSION_SCHEDULE_FIELDS}
        order = [f.name for f in StandardVersion._meta.concrete_fields]
        names = sorted((n for n in VERSION_FIELDS if n not in skip), key=order.index)
        for name in names:
            self.fields[name] = _editor_field(StandardVersion, name)
        self.fields["fee_mode"] = OneOfField(
            label=_("Fee (Law 24)"),
            choices=[
                (FEE_FREE, _("Free")),
                (FEE_FREE_BY_LAW, _("Free by law (Law 24.2)")),
                (FEE_PAID, _("Paid")),
            ],
            widget=OneOfRadio,
            error_messages={
                "one_of": _("Law 24.2: a service is either free by law or paid, not both: choose one.")
            },
        )
        for prefix, _field, _title in SCHEDULE_BLOCKS:
            add_schedule_fields(self, prefix)
        # STD 9: the fee and the schedules have blocks of their own; laid out once, not twice.
        self.hidden_in_layout = frozenset(
            {"fee_mode", *FEE_FIELDS, *(n for n in self.fields if n.startswith(SCHEDULE_PREFIXES))}
        )

    def schedule_blocks(self) -> list[dict[str, object]]:
        """For the template: each schedule's title, "around the clock" field and weekday rows."""
        return [
            {
                "prefix": prefix,
                "title": title,
                "around": self[f"{prefix}_around"],
                "rows": schedule_rows(self, prefix),
                "note": self.note(field),
            }
            for prefix, field, title in SCHEDULE_BLOCKS
        ]

    def fee_items(self) -> list[dict[str, Any]]:
        return [{"field": self[name], "note": self.note(name)} for name in FEE_FIELDS]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in LIST_CHOICES:
            if name in data:
                data[name] = _keep_order(data[name], self.initial.get(name))
        mode = data.get("fee_mode")
        if mode and mode != FEE_PAID and any(data.get(n) not in (None, "", [], "none") for n in FEE_FIELDS):
            self.add_error(
                "fee_mci",
                _(
                    "Law 24: the fee, its payment method and exemptions are given only for a paid "
                    "service: choose “Paid” or clear them."
                ),
            )
        return data

    def version_fields(self) -> dict[str, Any]:
        """The version's fields as the service takes them."""
        data = dict(self.cleaned_data)
        mode = data.pop("fee_mode")
        data["is_free_by_law"], data["is_paid"] = mode == FEE_FREE_BY_LAW, mode == FEE_PAID
        for prefix, field, _title in SCHEDULE_BLOCKS:
            data[field] = pop_schedule(prefix, data)
        return data

    @staticmethod
    def initial_for(version: StandardVersion) -> dict[str, Any]:
        initial: dict[str, Any] = {name: getattr(version, name) for name in VERSION_FIELDS}
        initial["fee_mode"] = (
            FEE_PAID if version.is_paid else FEE_FREE_BY_LAW if version.is_free_by_law else FEE_FREE
        )
        for prefix, field, _title in SCHEDULE_BLOCKS:
            initial.update(schedule_initial(prefix, getattr(version, field)))
        return initial


class RowForm(EditorLayout):
    """One row of a repeatable block; its fields come from the row's model."""

    model: type[models.Model]
    exclude: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        skip = {"id", "version", "created_at", "updated_at", *self.exclude}
        for field in self.model._meta.concrete_fields:
            if field.name not in skip:
                self.fields[field.name] = _editor_field(self.model, field.name)
        self.hidden_in_layout = frozenset({"DELETE"})

    def row(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "DELETE"}


class FormFieldRowForm(RowForm):
    """A field of the application form; its choices are rows of their own block."""

    model = FormField
    exclude = ("choices",)


class ChoiceRowForm(EditorLayout):
    """One choice of a "choice" field of the application form, named in Kazakh and Russian."""

    field_code = forms.SlugField(label=_("Code of the form field"), max_length=64)
    key = forms.SlugField(label=_("Value code"), max_length=64)
    name_kk = EditorText(label=_("Name (Kazakh)"), max_length=300)
    name_ru = EditorText(label=_("Name (Russian)"), max_length=300)
    hidden_in_layout = frozenset({"DELETE"})

    def row(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "DELETE"}


class ComplaintAddressRowForm(RowForm):
    """STD 21-23: a body to complain to, its working schedule by weekday (days, hours, break)."""

    model = ComplaintAddress
    exclude = ("schedule",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_schedule_fields(self, "sch")
        self.hidden_in_layout = frozenset({"DELETE", *(n for n in self.fields if n.startswith("sch_"))})
        if self.initial.get("schedule"):
            self.initial.update(schedule_initial("sch", self.initial["schedule"]))

    def schedule_block(self) -> dict[str, object]:
        """For the template; ``errors``: the schedule has an error of its own (shown open)."""
        return {
            "prefix": f"{self.prefix}-sch",
            "title": _("Working schedule"),
            "around": self["sch_around"],
            "rows": schedule_rows(self, "sch"),
            "errors": self.is_bound and any(n.startswith("sch_") for n in self.errors),
        }

    def row(self) -> dict[str, Any]:
        data = super().row()
        data["schedule"] = pop_schedule("sch", data)
        return data


def _row_form(model: type[models.Model]) -> type[RowForm]:
    return type(f"{model.__name__}RowForm", (RowForm,), {"model": model})


@dataclass(frozen=True)
class RowBlock:
    """A repeatable block: the service's argument, the form prefix, the title with its point."""

    relation: str
    prefix: str
    title: Any
    form: type[forms.Form]


def row_blocks() -> tuple[RowBlock, ...]:
    return (
        RowBlock(
            "information_source_entries",
            "sources",
            _("Where information on the service is published (STD 4)"),
            _row_form(InformationSource),
        ),
        RowBlock(
            "channel_terms", "channels", _("Channels and terms (Law 18, STD 7)"), _row_form(ChannelTerm)
        ),
        RowBlock("other_terms", "terms", _("Other terms (STD 7.4)"), _row_form(OtherTerm)),
        RowBlock(
            "required_documents", "documents", _("Required documents (STD 11)"), _row_form(RequiredDocument)
        ),
        RowBlock(
            "other_refusal_grounds",
            "grounds",
            _("Refusal grounds set by other laws (Law 19-1.4, 19-1.5)"),
            _row_form(OtherRefusalGround),
        ),
        RowBlock(
            "complaint_address_entries",
            "complaints",
            _("Where to complain (STD 21-23)"),
            ComplaintAddressRowForm,
        ),
        RowBlock("process_steps", "steps", _("Steps of the procedure (Law 14.2)"), _row_form(ProcessStep)),
        RowBlock("form_fields", "fields", _("Application form fields"), FormFieldRowForm),
        RowBlock("choices", "choices", _("Choices of the form's “choice” fields"), ChoiceRowForm),
    )


def _initial_rows(version: StandardVersion) -> dict[str, list[dict[str, Any]]]:
    payload = version_payload(version)
    payload.pop("fields")
    payload["choices"] = [
        {"field_code": row["code"], **{k: c.get(k, "") for k in ("key", "name_kk", "name_ru")}}
        for row in payload["form_fields"]
        for c in row.pop("choices") or []
    ]
    return payload


def _number_new_rows(formset: Any) -> None:
    """A blank row's number follows the kept rows', so that a row added goes last."""
    if "order" not in formset.empty_form.fields:
        return
    last = max((int(row.get("order") or 0) for row in formset.initial or []), default=0)
    for offset, form in enumerate(formset.extra_forms, start=1):
        form.fields["order"].initial = last + offset


@dataclass
class EditorBlock:
    block: RowBlock
    formset: Any
    note: str = ""


class StandardEditor:
    """The whole editor of one version: the fields' form and a formset per block of rows."""

    def __init__(self, version: StandardVersion, data: Any = None) -> None:
        self.version = version
        rows = _initial_rows(version)
        self.form = VersionForm(data, initial=VersionForm.initial_for(version))
        self.blocks = [
            EditorBlock(
                block,
                formset_factory(block.form, extra=EXTRA_ROWS, can_delete=True)(
                    data, initial=rows.get(block.relation, []), prefix=block.prefix
                ),
            )
            for block in row_blocks()
        ]
        for item in self.blocks:
            _number_new_rows(item.formset)

    def anchor(self, code: str) -> str:
        """The id of the input or block a part of the version (a field, a kk/ru stem, a list of
        rows, a schedule) is edited in; "" when the editor has none."""
        block = next((b.block.prefix for b in self.blocks if b.block.relation == code), None)
        schedule = next((prefix for prefix, field, _t in SCHEDULE_BLOCKS if field == code), None)
        field = code if code in self.form.fields else self._empty_of_pair(code)
        if block or schedule:
            return str(block or schedule)
        return self.form[field].auto_id if field else ""

    def _empty_of_pair(self, stem: str) -> str | None:
        """Of a kk/ru pair, the input to go to: the first left empty (tester's finding: not the
        Kazakh one when only the Russian is missing), else the Kazakh one."""
        pair = [f"{stem}_{lang}" for lang in ("kk", "ru") if f"{stem}_{lang}" in self.form.fields]
        empty = [name for name in pair if not str(self.form[name].value() or "").strip()]
        chosen = empty or pair
        return chosen[0] if chosen else None

    def mark(self, errors: dict[str, dict[str, str]], language: str) -> list[dict[str, str]]:
        """STD 1-26 (tester's finding 5): each message of ``errors`` (kk/ru/en by part) is put
        on the input or block it is about; the list for the page's banner: the part's name in
        ``language`` after its point, the message, the anchor of its input."""
        lang = language if language in ("kk", "ru") else "en"
        self.form.notes = {}
        listed = []
        for code, texts in errors.items():
            text = texts.get(lang) or texts.get("en", "")
            block = next((b for b in self.blocks if b.block.relation == code), None)
            if block is not None:
                block.note = text
            else:
                self.form.notes[code] = text
            listed.append({"label": field_label(code, lang), "text": text, "anchor": self.anchor(code)})
        return listed

    def disable(self) -> None:
        """Read only (Law 15: no edits while the discussion is open)."""
        for form in self.all_forms():
            for field in form.fields.values():
                field.disabled = True

    def all_forms(self) -> list[forms.BaseForm]:
        return [self.form, *(f for b in self.blocks for f in b.formset.forms)]

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        if not valid:
            self.name_type_errors()
        for item in self.blocks:
            formset, title = item.formset, item.block.title
            if formset.is_valid():
                continue
            valid = False
            for number, row_form in enumerate(formset.forms, start=1):
                for name, errors in row_form.errors.items():
                    label = row_form.fields[name].label if name in row_form.fields else ""
                    self.form.add_error(
                        None,
                        _("%(block)s, row %(n)s: %(field)s — %(error)s")
                        % {"block": title, "n": number, "field": label, "error": " ".join(errors)},
                    )
        return valid

    def kept(self, relation: str) -> list[Any]:
        """The row forms of a block that are saved (typed in, not removed), in order: the n-th
        row the service is given is ``kept(relation)[n]``."""
        item = next(b for b in self.blocks if b.block.relation == relation)
        return [
            f
            for f in item.formset.forms
            if (f.has_changed() or not f.empty_permitted)
            and getattr(f, "cleaned_data", None)
            and not f.cleaned_data.get("DELETE")
        ]

    def rows(self) -> dict[str, list[dict[str, Any]]]:
        return {
            item.block.relation: [f.row() for f in self.kept(item.block.relation)] for item in self.blocks
        }

    def channels(self) -> set[str]:
        """STD 7.1: the channels of the rows of "Channels and terms" as posted (not removed),
        read even when another input is wrong, so that the schedules are checked against them."""
        item = next(b for b in self.blocks if b.block.relation == "channel_terms")
        chosen = set()
        for f in item.formset.forms:
            if not f["DELETE"].value():
                chosen.add(str(f["channel"].value() or ""))
        return chosen - {""}

    def schedule_values(self) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """STD 9, 21-23: the schedules as typed (the version's three and each kept complaint
        address's), read from what was typed even when another input is wrong, so that their
        problems are said at once with the others (tester's finding 11)."""
        cleaned = dict(getattr(self.form, "cleaned_data", {}) or {})
        fields = {field: pop_schedule(prefix, cleaned) for prefix, field, _title in SCHEDULE_BLOCKS}
        rows = [
            {"schedule": pop_schedule("sch", dict(f.cleaned_data))}
            for f in self.kept("complaint_address_entries")
        ]
        return fields, rows

    def name_type_errors(self) -> None:
        """An input's own error (not a number, not a time, ...) names the input and its point, in
        the summary too: "7-тармақтың 2) тармақшасы: ...: Бүтін сан енгізіңіз"."""
        titles = {prefix: title for prefix, _field, title in SCHEDULE_BLOCKS}
        for name in [n for n in self.form.errors if n in self.form.fields]:
            field = self.form.fields[name]
            prefix = next((p for p in titles if name.startswith(f"{p}_")), None)
            if prefix is not None:
                day = name[len(prefix) + 1 :].split("_", 1)[0]
                weekday = f", {WEEKDAY_LABELS[int(day)]}" if day.isdigit() else ""
                label = f"{titles[prefix]}{weekday}: {field.label}"
            elif name in STD_POINTS or name[:-3] in STD_POINTS:
                label = field_label(name)
            else:
                label = str(field.label)
            self.form.errors[name] = self.form.error_class([f"{label}: {e}" for e in self.form.errors[name]])

    def payload(self) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
        """The fields and rows as ``standard_version_update`` takes them; a choice row naming no
        form field of the draft is refused on the form."""
        rows = self.rows()
        choices = rows.pop("choices")
        codes = {r["code"]: r for r in rows["form_fields"]}
        for r in codes.values():
            r["choices"] = []
        for number, choice in enumerate(choices, start=1):
            field = codes.get(choice.pop("field_code"))
            if field is None:
                self.form.add_error(
                    None,
                    _("%(block)s, row %(n)s: no field of the form has this code.")
                    % {"block": row_blocks()[-1].title, "n": number},
                )
                continue
            field["choices"].append(choice)
        return self.form.version_fields(), rows


class ApproveForm(forms.Form):
    effective_from = forms.DateField(
        label=_("In force from"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _(
                "Give the day the approved standard comes into force: the approval day or later (Law 13.1)."
            ),
            "invalid": _("Enter a real date, for example 2026-03-31."),
        },
    )
    approval_act_kk = forms.CharField(label=_("Approving act (Kazakh)"), required=False, max_length=300)
    approval_act_ru = forms.CharField(label=_("Approving act (Russian)"), required=False, max_length=300)


class CloseDiscussionForm(forms.Form):
    revised_draft_location = forms.CharField(
        label=_("Where to read the revised draft"),
        max_length=500,
        error_messages={
            "required": _("Say where the revised draft can be read: the closing report says it (Law 15.4).")
        },
    )
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
