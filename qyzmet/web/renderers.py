"""The form renderer (settings.FORM_RENDERER): Django forms come out in GOV.UK Frontend markup.

``{{ form }}`` and ``{{ field.as_field_group }}`` render a ``govuk-form-group`` with its label,
hint, error message (once, ``id="err-<field id>"``) and the widget, whose ``aria-describedby``
names the hint and the error; every form any app renders gets the GOV.UK classes on its text
inputs, selects, textareas and file inputs, also where a template writes ``{{ form.field }}``
by hand. Choices (radios, checkbox lists) keep Django's markup, which qyzmet.scss styles.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.forms.widgets import Input

_CLASSES: list[tuple[type[forms.Widget], str]] = [
    (forms.RadioSelect, ""),
    (forms.CheckboxSelectMultiple, ""),
    (forms.CheckboxInput, ""),
    (forms.HiddenInput, ""),
    (forms.Textarea, "govuk-textarea"),
    (forms.SelectMultiple, "govuk-select"),
    (forms.Select, "govuk-select"),
    (forms.FileInput, "govuk-file-upload"),
    (Input, "govuk-input"),
]


def error_id(auto_id: str) -> str:
    """The id of a field's error message: the ids the delivery pages already use."""
    return f"err-{auto_id}"


def widget_class(widget: forms.Widget, *, invalid: bool) -> str:
    """The GOV.UK Frontend class of a widget (``""`` where Django's own markup stays)."""
    for kind, css in _CLASSES:
        if isinstance(widget, kind):
            return f"{css} {css}--error" if css and invalid else css
    return ""


class GovukBoundField(BoundField):
    @property
    def aria_describedby(self) -> str | None:
        if self.field.widget.attrs.get("aria-describedby"):
            return None
        ids = []
        if self.auto_id and not self.is_hidden:
            if self.help_text:
                ids.append(f"{self.auto_id}_helptext")
            if self.errors:
                ids.append(error_id(self.auto_id))
        return " ".join(ids)

    def build_widget_attrs(self, attrs: dict[str, Any], widget: forms.Widget | None = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        css = widget_class(widget, invalid=bool(self.errors))
        if css:
            own = str(attrs.get("class") or widget.attrs.get("class") or "")
            attrs["class"] = f"{own} {css}".strip() if css not in own.split() else own
        return attrs


class QyzmetFormRenderer(DjangoTemplates):
    form_template_name = "web/forms/div.html"
    field_template_name = "web/forms/field.html"
    bound_field_class = GovukBoundField
