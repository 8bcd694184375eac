"""``{% load identity %}`` … ``{{ iin|masked_iin:request.user }}``: the full IIN only for the
roles that identify applicants (Law 20.3, ``core.selectors.can_see_full_iin``), the mask for
everyone else."""

from __future__ import annotations

from typing import Any

from django import template
from django.apps import apps

from qyzmet.core.identity import mask_iin
from qyzmet.core.selectors import can_see_full_iin

register = template.Library()


@register.filter
def masked_iin(iin: Any, user: Any = None) -> str:
    number = "" if iin is None else str(iin)
    if not number:
        return ""
    if user is not None and can_see_full_iin(user=user):
        return number
    return mask_iin(number)


@register.filter
def model_label(label_lower: Any) -> str:
    """``"delivery.application"`` -> the model's name in the page's language ("Өтініш", "Заявление");
    the label itself when no model has it (a row written by a later-removed model)."""
    try:
        model = apps.get_model(str(label_lower))
    except (LookupError, ValueError):
        return str(label_lower)
    return str(model._meta.verbose_name)
