"""The standard editor's lines for required documents and form fields: each line shows every
attribute the registry keeps for the row, and reading it back gives the same row, so saving a
draft never drops a validity period, a role, a bound or a hint (Law 19, 20.2; ADR 0020).

A document line: ``name kk | name ru | original/copy/original_for_check | options`` with the
options ``valid`` (a validity period proved by a valid-until date), ``valid=180`` (valid for
180 days from issue), ``state_system`` (obtainable from a state system: never demanded, Law
5.2), ``privileged`` (only for privileged persons), ``role=application_form`` or
``role=identity_document``.

A form-field line: ``code | label kk | label ru | datatype | required (yes/no) | choices as
key=kk/ru;key=kk/ru | options | hint kk | hint ru`` with the options ``min=1``, ``max=1000000``
(numbers and amounts), ``from=0``, ``to=180`` (dates, days from the application day) and
``prefill=applicant_iin`` / ``applicant_phone`` / ``applicant_email``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from qyzmet.registry.enums import DocumentPresence, DocumentRole, FormFieldPrefill, FormFieldType
from qyzmet.registry.models import FormField, RequiredDocument

YES = frozenset({"yes", "y", "1", "true", "иә", "да"})


class LineError(ValueError):
    """A line that cannot be read; ``token`` is the part at fault ("" for the line's shape)."""

    def __init__(self, token: str = "") -> None:
        super().__init__(token)
        self.token = token


# --- documents -------------------------------------------------------------------------------


def document_line(d: RequiredDocument) -> str:
    options = []
    if d.expires:
        options.append(f"valid={d.validity_days}" if d.validity_days else "valid")
    if d.obtainable_from_state_system:
        options.append("state_system")
    if d.privileged_only:
        options.append("privileged")
    if d.role:
        options.append(f"role={d.role}")
    parts = [d.name_kk, d.name_ru, d.presence]
    return " | ".join([*parts, " ".join(options)] if options else parts)


def _document_option(row: dict[str, Any], token: str) -> None:
    key, _sep, value = token.partition("=")
    if key == "valid" and (not value or (value.isascii() and value.isdecimal() and int(value) > 0)):
        row["expires"], row["validity_days"] = True, int(value) if value else None
    elif key == "state_system" and not value:
        row["obtainable_from_state_system"] = True
    elif key == "privileged" and not value:
        row["privileged_only"] = True
    elif key == "role" and value in DocumentRole.values and value:
        row["role"] = value
    else:
        raise LineError(token)


def document_row(line: str) -> dict[str, Any]:
    parts = [p.strip() for p in line.split("|")]
    if len(parts) < 2 or not parts[0] or not parts[1]:
        raise LineError()
    presence = parts[2] if len(parts) > 2 and parts[2] else DocumentPresence.ORIGINAL
    if presence not in DocumentPresence.values:
        raise LineError(presence)
    row: dict[str, Any] = {"name_kk": parts[0], "name_ru": parts[1], "presence": presence}
    row.update(expires=False, validity_days=None, obtainable_from_state_system=False)
    row.update(privileged_only=False, role=DocumentRole.OTHER)
    for token in " ".join(parts[3:]).split():
        _document_option(row, token)
    return row


# --- form fields -----------------------------------------------------------------------------


def _number(value: Decimal | int | None) -> str:
    return "" if value is None else f"{value.normalize():f}" if isinstance(value, Decimal) else str(value)


def form_field_line(f: FormField) -> str:
    choices = ";".join(f"{c.get('key')}={c.get('name_kk')}/{c.get('name_ru')}" for c in f.choices)
    bounds = (("min", f.min_value), ("max", f.max_value), ("from", f.date_min_days), ("to", f.date_max_days))
    options = [f"{key}={_number(value)}" for key, value in bounds if value is not None]
    if f.prefill:
        options.append(f"prefill={f.prefill}")
    parts = [f.code, f.label_kk, f.label_ru, f.datatype, "yes" if f.required else "no", choices]
    tail = [" ".join(options), f.help_kk, f.help_ru]
    while tail and not tail[-1]:
        tail.pop()
    return " | ".join([*parts, *tail])


def _choices(text: str) -> list[dict[str, str]]:
    out = []
    for item in text.split(";") if text else []:
        key, _sep, names = item.partition("=")
        kk, _sep2, ru = names.partition("/")
        out.append({"key": key.strip(), "name_kk": kk.strip(), "name_ru": (ru or kk).strip()})
    return out


def _field_option(row: dict[str, Any], token: str) -> None:
    key, _sep, value = token.partition("=")
    try:
        if key in {"min", "max"}:
            row[f"{key}_value"] = Decimal(value)
        elif key in {"from", "to"}:
            row["date_min_days" if key == "from" else "date_max_days"] = int(value)
        elif key == "prefill" and value in FormFieldPrefill.values and value:
            row["prefill"] = value
        else:
            raise LineError(token)
    except (InvalidOperation, ValueError) as exc:
        raise LineError(token) from exc


def form_field_row(line: str) -> dict[str, Any]:
    parts = [p.strip() for p in line.split("|")]
    if len(parts) < 4 or not parts[0] or parts[3] not in FormFieldType.values:
        raise LineError()
    parts += [""] * (9 - len(parts))
    row: dict[str, Any] = {
        "code": parts[0],
        "label_kk": parts[1],
        "label_ru": parts[2],
        "datatype": parts[3],
        "required": (parts[4] or "yes").lower() in YES,
        "choices": _choices(parts[5]),
        "help_kk": parts[7],
        "help_ru": parts[8],
        "min_value": None,
        "max_value": None,
        "date_min_days": None,
        "date_max_days": None,
        "prefill": FormFieldPrefill.NONE,
    }
    for token in parts[6].split():
        _field_option(row, token)
    return row
