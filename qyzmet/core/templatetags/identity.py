"""``{% load identity %}`` … ``{{ iin|masked_iin:request.user }}``: the full IIN only for the
roles that identify applicants (Law 20.3, ``core.selectors.can_see_full_iin``), the mask for
everyone else."""

from __future__ import annotations

from typing import Any

from django import template

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
