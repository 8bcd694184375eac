"""GOV.UK form markup for staff forms: ``{% error_summary form other_form %}`` (the error
summary of the forms a page shows) and ``{{ field|govuk_control }}`` (the control with its
GOV.UK class and the ids of its hint and error).

Each error is listed once at the top, linked to its field (the field shows it next to itself);
an error of no field (a refusal of the service as a whole) is listed here only, not again in a
banner of messages.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import BaseForm, BoundField
from django.utils.safestring import SafeString

register = template.Library()

# A ``ValidationError`` of a whole form naming a part of the page elsewhere carries the link to
# it in its params, e.g. ``params={SUMMARY_LINK: "#before-approval"}``: its summary line links.
SUMMARY_LINK = "summary_link"


def error_entries(*forms: BaseForm | None) -> list[tuple[str, str]]:
    """(link, text) of every error of ``forms``: ``#<field id>`` for a visible field, ``""``
    for an error of the form as a whole or of a hidden field."""
    entries: list[tuple[str, str]] = []
    for form in forms:
        if form is None or not form.is_bound or not form.errors:
            continue
        for error in form.non_field_errors().as_data():
            params = error.params if isinstance(error.params, dict) else {}
            entries.append((str(params.get(SUMMARY_LINK, "")), " ".join(str(m) for m in error)))
        for field in form:
            entries += [(_link(field), _named(field, str(e))) for e in field.errors]
    return entries


def _link(field: BoundField) -> str:
    """The input an error links to: the field's own, a group's (radios, checkboxes) first."""
    if field.is_hidden:
        return ""
    if field.use_fieldset:
        return f"#{field.auto_id}_0"
    return f"#{field.id_for_label or field.auto_id}"


def _named(field: BoundField, text: str) -> str:
    """A generic "this field is required" says which field (tester's finding: the summary is
    read apart from the inputs); a message of our own names its field already."""
    if field.label and text == str(field.field.error_messages.get("required", "")):
        return f"{field.label}: {text}"
    return text


@register.inclusion_tag("core/_error_summary.html")
def error_summary(*forms: BaseForm | None) -> dict[str, Any]:
    return {"entries": error_entries(*forms)}


_CLASSES = {
    "select": "govuk-select",
    "selectmultiple": "govuk-select",
    "textarea": "govuk-textarea",
    "checkbox": "govuk-checkboxes__input",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}


@register.filter
def govuk_control(field: BoundField) -> SafeString:
    """The field's control with its GOV.UK class (an error state when it has errors) and
    ``aria-describedby`` naming its hint and error."""
    kind = field.widget_type
    css = _CLASSES.get(kind, "govuk-input")
    if field.errors and kind != "checkbox":
        css += f" {css}--error"
    attrs: dict[str, Any] = {"class": " ".join(filter(None, [field.field.widget.attrs.get("class"), css]))}
    described = ([f"{field.auto_id}_helptext"] if field.help_text else []) + (
        [f"{field.auto_id}-error"] if field.errors else []
    )
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)
