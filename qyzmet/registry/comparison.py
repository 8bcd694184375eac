"""The draft against the version in force, field by field, in the page's language: what the
drafter sees before posting a draft for discussion (Law 15) or approving it (Law 13.1).
A read: nothing here writes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from qyzmet.registry.enums import (
    DeliveryMethod,
    FeeExemption,
    RecipientCategory,
    RefusalGround,
    WorkPrinciple,
)
from qyzmet.registry.models import StandardVersion
from qyzmet.registry.services import CHILD_ROWS, version_payload
from qyzmet.workcalendar.schedule import schedule_from_json

LIST_LABELS: dict[str, Any] = {
    "recipient_categories": RecipientCategory,
    "fee_exemptions": FeeExemption,
    "delivery_methods": DeliveryMethod,
    "refusal_grounds": RefusalGround,
    "principles": WorkPrinciple,
}
SKIPPED = frozenset({"change_summary_kk", "change_summary_ru", "approval_act_kk", "approval_act_ru"})


@dataclass(frozen=True)
class Difference:
    label: str
    old: list[str]
    new: list[str]


def _lang() -> str:
    return "ru" if (get_language() or "kk")[:2] in {"ru", "en"} else "kk"


def _shown(field: Any, name: str, value: Any) -> str:
    """One value as a person reads it: a choice by its label, yes/no, a body by name."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if name in LIST_LABELS:
        enum = LIST_LABELS[name]
        return "; ".join(str(enum(v).label) if v in enum.values else str(v) for v in value)
    if isinstance(value, dict):
        schedule = schedule_from_json(value)
        return "; ".join(schedule.lines(_lang())) if schedule else "—"
    if isinstance(value, list):
        return "; ".join(
            " / ".join(str(v) for v in item.values()) if isinstance(item, dict) else str(item)
            for item in value
        )
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if hasattr(value, "name") and callable(value.name):
        return str(value.name(_lang()))
    return str(value)


def _row_text(model: type[models.Model], row: dict[str, Any]) -> str:
    parts = []
    for name, value in row.items():
        if name == "order" or value in (None, "", [], {}, False):
            continue
        field = model._meta.get_field(name)
        parts.append(f"{capfirst(field.verbose_name)}: {_shown(field, name, value)}")  # type: ignore[union-attr]
    return "; ".join(parts)


def version_comparison(*, draft: StandardVersion, in_force: StandardVersion | None) -> list[Difference]:
    """Every field and block of rows of ``draft`` that differs from ``in_force`` (with no
    version in force, everything the draft fills)."""
    new = version_payload(draft)
    old = version_payload(in_force) if in_force is not None else None
    out: list[Difference] = []
    for name, value in new["fields"].items():
        before = old["fields"][name] if old is not None else None
        if (
            name in SKIPPED
            or (old is not None and before == value)
            or (old is None and value in ("", [], None))
        ):
            continue
        field = StandardVersion._meta.get_field(name)
        out.append(
            Difference(
                str(capfirst(field.verbose_name)),  # type: ignore[union-attr]
                [_shown(field, name, before)] if old is not None else [],
                [_shown(field, name, value)],
            )
        )
    for relation, model in CHILD_ROWS.items():
        rows_new = [_row_text(model, r) for r in new.get(relation, [])]
        rows_old = [_row_text(model, r) for r in old.get(relation, [])] if old is not None else []
        if rows_new != rows_old:
            out.append(Difference(str(capfirst(model._meta.verbose_name_plural)), rows_old, rows_new))
    return out
