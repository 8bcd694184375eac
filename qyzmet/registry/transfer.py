"""Import and export of the whole register (JSON and XLSX), round-trip exact.

The data shape (``RegisterData``) is the same for both formats: spheres, life situations, MCI
values and services, each service with its versions and their child rows. XLSX holds one
sheet per kind of row; list-valued cells (provider kinds, refusal grounds, choices…) hold JSON.

``register_import`` validates every record and writes in one transaction; on any error, or on
a dry run, the transaction is rolled back, so nothing is written, and every error comes back
with its row and field.

Each service also carries its STD 19-20 appendix (``indicators``: normative values and the
yearly targets approved by order). They are exported to be read and not imported: the quality
app sets them, recording who set each and by which act."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Prefetch

from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.orgs.models import Organisation
from qyzmet.registry.enums import (
    AutomationForm,
    Channel,
    ComplaintAddressKind,
    DocumentPresence,
    DocumentRole,
    FormFieldPrefill,
    FormFieldType,
    InformationSourceKind,
    PaymentMethod,
    ResultForm,
    TermStart,
    TermUnit,
    VersionStatus,
)
from qyzmet.registry.models import (
    ChannelTerm,
    ComplaintAddress,
    FormField,
    InformationSource,
    LifeSituation,
    MciValue,
    OtherRefusalGround,
    OtherTerm,
    ProcessStep,
    RequiredDocument,
    Service,
    Sphere,
    StandardVersion,
)
from qyzmet.registry.services import (
    SERVICE_FIELDS,
    VERSION_SCHEDULE_FIELDS,
    VERSION_TEXT_FIELDS,
    service_data_validate,
    service_search_entry_refresh,
    standard_version_errors,
)
from qyzmet.workcalendar.schedule import ScheduleError, default_schedule_json, schedule_validate

FORMAT = "qyzmet-registry"
FORMAT_VERSION = 1

VERSION_SCALARS: tuple[str, ...] = (
    "number",
    "status",
    "effective_from",
    "effective_to",
    "approved_on",
    "drafting_body",
    "higher_instance",
    "recipient_categories",
    "automation_form",
    "result_form",
    "is_free_by_law",
    "is_paid",
    "fee_mci",
    "payment_method",
    "fee_exemptions",
    "max_queue_wait_minutes",
    "max_service_minutes",
    "pre_registration_available",
    "expedited_available",
    "expedited_fee_mci",
    "delivery_methods",
    "refusal_grounds",
    "principles",
    "is_licence_or_permit",
    *VERSION_SCHEDULE_FIELDS,
    *VERSION_TEXT_FIELDS,
)
SERVICE_COLUMNS: tuple[str, ...] = ("code", *(f for f in SERVICE_FIELDS))
CHILDREN: dict[str, tuple[type[Any], tuple[str, ...]]] = {
    "channel_terms": (
        ChannelTerm,
        (
            "channel",
            "term_amount",
            "term_unit",
            "counted_from",
            "count_start_day",
            "paper_dispatch",
            "note_kk",
            "note_ru",
        ),
    ),
    # STD 7.4
    "other_terms": (
        OtherTerm,
        ("order", "name_kk", "name_ru", "term_amount", "term_unit", "note_kk", "note_ru"),
    ),
    "required_documents": (
        RequiredDocument,
        (
            "order",
            "name_kk",
            "name_ru",
            "presence",
            "expires",
            "validity_days",
            "obtainable_from_state_system",
            "privileged_only",
            "role",
        ),
    ),
    "other_refusal_grounds": (OtherRefusalGround, ("order", "text_kk", "text_ru", "legal_reference")),
    "process_steps": (
        ProcessStep,
        ("order", "text_kk", "text_ru", "unit_kk", "unit_ru", "duration_amount", "duration_unit"),
    ),
    "form_fields": (
        FormField,
        (
            "code",
            "label_kk",
            "label_ru",
            "datatype",
            "required",
            "choices",
            "order",
            "help_kk",
            "help_ru",
            # ADR 0020: bounds checked on the server and what the portal knows from the profile.
            "min_value",
            "max_value",
            "date_min_days",
            "date_max_days",
            "prefill",
        ),
    ),
    # STD 4
    "information_source_entries": (InformationSource, ("order", "kind", "detail_kk", "detail_ru", "url")),
    # STD 21-23: ``body`` is an organisation code; ``schedule`` a JSON object per xlsx cell.
    "complaint_address_entries": (
        ComplaintAddress,
        (
            "order",
            "kind",
            "body",
            "name_kk",
            "name_ru",
            "address_kk",
            "address_ru",
            "office",
            "email",
            "phone",
            "schedule",
        ),
    ),
}
# Columns a file from before issue 15 lacks: read as their model default.
OPTIONAL_CHILD_COLUMNS = {"note_kk", "note_ru", "help_kk", "help_ru", "counted_from"}
# Per kind of row: the choices of its ``kind`` column.
CHILD_KINDS: dict[str, list[str]] = {
    "information_source_entries": list(InformationSourceKind.values),
    "complaint_address_entries": list(ComplaintAddressKind.values),
}
# Whole numbers that may be negative (a date bound before the application day) and decimals.
SIGNED_INT_FIELDS = {"date_min_days", "date_max_days"}
DECIMAL_FIELDS = {"fee_mci", "expedited_fee_mci", "min_value", "max_value"}
JSON_CELLS = {
    "provider_kinds",
    "recipient_categories",
    "delivery_methods",
    "refusal_grounds",
    "fee_exemptions",
    "principles",
    "choices",
}
# STD 21-23: a complaint address's structured schedule (empty allowed).
CHILD_SCHEDULE_CELLS = {"schedule"}
# STD 9: structured working schedules, a JSON object per cell in xlsx (ADR 0018).
SCHEDULE_CELLS = set(VERSION_SCHEDULE_FIELDS)
BOOL_FIELDS = {
    "is_socially_significant",
    "is_proactive_capable",
    "is_electronic_capable",
    "is_via_state_corporation",
    "needs_protected_data_consent",
    "is_active",
    "is_licence_or_permit",
    "is_free_by_law",
    "is_paid",
    "pre_registration_available",
    "expedited_available",
    "count_start_day",
    "paper_dispatch",
    "expires",
    "obtainable_from_state_system",
    "privileged_only",
    "required",
}
DATE_FIELDS = {"effective_from", "effective_to", "approved_on"}
INT_FIELDS = {
    "number",
    "term_amount",
    "order",
    "validity_days",
    "duration_amount",
    "max_queue_wait_minutes",
    "max_service_minutes",
    "year",
    "amount",
}
CHOICES: dict[str, list[str]] = {
    "status": list(VersionStatus.values),
    "automation_form": list(AutomationForm.values),
    "result_form": list(ResultForm.values),
    "payment_method": list(PaymentMethod.values),
    "channel": list(Channel.values),
    "term_unit": list(TermUnit.values),
    "duration_unit": ["", *TermUnit.values],
    "counted_from": list(TermStart.values),
    "presence": list(DocumentPresence.values),
    "datatype": list(FormFieldType.values),
    "role": list(DocumentRole.values),
    "prefill": list(FormFieldPrefill.values),
}


@dataclass
class ImportError_:
    row: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.row}: {self.field}: {self.message}"


@dataclass
class ImportReport:
    dry_run: bool
    errors: list[ImportError_] = field(default_factory=list)
    services: int = 0
    versions: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


# --- export -------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Organisation):
        return value.code
    return value


INDICATOR_COLUMNS: tuple[str, ...] = (
    "indicator",
    "normative_value",
    "normative_is_national_default",
    "normative_legal_basis",
    "targets",
)


def _indicators(services: list[Service]) -> dict[int, list[dict[str, Any]]]:
    """STD 19-20 of each service as plain data (decimals as strings, dates ISO)."""
    from qyzmet.quality.selectors import standard_indicators  # quality reads the register

    return {
        service_id: [
            {
                **{k: _plain(v) for k, v in row.items() if k != "targets"},
                "targets": [{k: _plain(v) for k, v in t.items()} for t in row["targets"]],
            }
            for row in rows
        ]
        for service_id, rows in standard_indicators(service_ids=[s.pk for s in services]).items()
    }


def register_export_data(progress: Callable[[Iterable[Any]], Iterable[Any]] = iter) -> dict[str, Any]:
    """The whole register as plain data (dates ISO, decimals as strings, orgs as codes)."""
    versions_qs = StandardVersion.objects.select_related("drafting_body", "higher_instance").prefetch_related(
        *CHILDREN, "complaint_address_entries__body"
    )
    services = (
        Service.objects.select_related("sphere", "life_situation", "responsible_body")
        .prefetch_related(Prefetch("versions", queryset=versions_qs))
        .order_by("code")
    )
    out_services = []
    service_list = list(services)
    indicators = _indicators(service_list)
    for service in progress(service_list):
        row: dict[str, Any] = {"code": service.code}
        for name in SERVICE_FIELDS:
            value = getattr(service, name)
            if isinstance(value, (Sphere, LifeSituation)):
                value = value.code
            row[name] = _plain(value)
        row["versions"] = []
        for version in sorted(service.versions.all(), key=lambda v: v.number):
            v_row = {name: _plain(getattr(version, name)) for name in VERSION_SCALARS}
            for relation, (_model, columns) in CHILDREN.items():
                v_row[relation] = [
                    {c: _plain(getattr(child, c)) for c in columns}
                    for child in getattr(version, relation).all()
                ]
            row["versions"].append(v_row)
        # STD 19-20: the appendix (normative values, yearly targets by order); exported to be
        # read, not imported: they are set in the quality app with who set them and by what act.
        row["indicators"] = indicators.get(service.pk, [])
        out_services.append(row)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "spheres": [
            {"code": s.code, "name_kk": s.name_kk, "name_ru": s.name_ru, "order": s.order}
            for s in Sphere.objects.order_by("order", "code")
        ],
        "life_situations": [
            {
                "code": ls.code,
                "sphere": ls.sphere.code,
                "name_kk": ls.name_kk,
                "name_ru": ls.name_ru,
                "order": ls.order,
            }
            for ls in LifeSituation.objects.select_related("sphere").order_by(
                "sphere__order", "order", "code"
            )
        ],
        "mci": [{"year": m.year, "amount": m.amount} for m in MciValue.objects.order_by("year")],
        "services": out_services,
    }


def _flat_tables(data: dict[str, Any]) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """One table per sheet; versions keyed by (service_code, version_number)."""
    tables: dict[str, tuple[list[str], list[list[Any]]]] = {
        "spheres": (["code", "name_kk", "name_ru", "order"], []),
        "life_situations": (["code", "sphere", "name_kk", "name_ru", "order"], []),
        "mci": (["year", "amount"], []),
        "services": (list(SERVICE_COLUMNS), []),
        "versions": (["service_code", *VERSION_SCALARS], []),
    }
    for relation, (_model, columns) in CHILDREN.items():
        tables[relation] = (["service_code", "version_number", *columns], [])
    # STD 19-20: one row per indicator of a service; ``targets`` a JSON list per cell (read only).
    tables["indicators"] = (["service_code", *INDICATOR_COLUMNS], [])
    for key in ("spheres", "life_situations", "mci"):
        header, rows = tables[key]
        rows.extend([[record[c] for c in header] for record in data[key]])

    def cell(name: str, value: Any) -> Any:
        return (
            json.dumps(value, ensure_ascii=False)
            if name in JSON_CELLS or name in SCHEDULE_CELLS or name in CHILD_SCHEDULE_CELLS
            else value
        )

    for service in data["services"]:
        tables["services"][1].append([cell(c, service[c]) for c in SERVICE_COLUMNS])
        for indicator in service.get("indicators", []):
            tables["indicators"][1].append(
                [
                    service["code"],
                    *[
                        json.dumps(indicator[c], ensure_ascii=False) if c == "targets" else indicator[c]
                        for c in INDICATOR_COLUMNS
                    ],
                ]
            )
        for version in service["versions"]:
            tables["versions"][1].append([service["code"], *[cell(c, version[c]) for c in VERSION_SCALARS]])
            for relation, (_model, columns) in CHILDREN.items():
                for child in version[relation]:
                    tables[relation][1].append(
                        [service["code"], version["number"], *[cell(c, child[c]) for c in columns]]
                    )
    return tables


def register_export(path: Path, progress: Callable[[Iterable[Any]], Iterable[Any]] = iter) -> None:
    data = register_export_data(progress)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        workbook = Workbook()
        workbook.remove(workbook.active)  # type: ignore[arg-type]
        for name, (header, rows) in _flat_tables(data).items():
            sheet = workbook.create_sheet(name)
            sheet.append(header)
            for row in rows:
                sheet.append(["" if v is None else v for v in row])
        workbook.save(path)
    else:
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


# --- reading ------------------------------------------------------------------------------------


def _read_xlsx(path: Path) -> tuple[dict[str, Any], dict[int, str]]:
    """Rebuild the nested data from the sheets; every record remembers its sheet row. An xlsx
    is zipped XML from outside: openpyxl parses it with defusedxml (no entities, no DTD, no
    bombs), and the import refuses to run if that protection is off (ADR 0012)."""
    import openpyxl
    from openpyxl import load_workbook

    if not openpyxl.DEFUSEDXML:
        raise RuntimeError("openpyxl must parse with defusedxml: install it, leave OPENPYXL_DEFUSEDXML unset")
    workbook = load_workbook(path, read_only=True, data_only=True)
    sheets: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for sheet in workbook.worksheets:
        rows = sheet.iter_rows(values_only=True)
        header = [str(h) for h in next(rows, ()) if h is not None]
        records = []
        for number, values in enumerate(rows, start=2):
            if values is None or all(v in (None, "") for v in values):
                continue
            record: dict[str, Any] = {
                h: ("" if v is None else v) for h, v in zip(header, values, strict=False)
            }
            records.append((f"{sheet.title}!{number}", record))
        sheets[sheet.title] = records
    where: dict[int, str] = {}

    def keep(location: str, record: dict[str, Any]) -> dict[str, Any]:
        where[id(record)] = location
        return record

    data: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "spheres": [keep(loc, r) for loc, r in sheets.get("spheres", [])],
        "life_situations": [keep(loc, r) for loc, r in sheets.get("life_situations", [])],
        "mci": [keep(loc, r) for loc, r in sheets.get("mci", [])],
        "services": [],
    }
    by_code: dict[str, dict[str, Any]] = {}
    for loc, record in sheets.get("services", []):
        record["versions"] = []
        by_code[str(record.get("code", ""))] = keep(loc, record)
        data["services"].append(record)
    by_version: dict[tuple[str, str], dict[str, Any]] = {}
    for loc, record in sheets.get("versions", []):
        code = str(record.pop("service_code", ""))
        for relation in CHILDREN:
            record[relation] = []
        keep(loc, record)
        by_version[(code, str(record.get("number", "")))] = record
        if code in by_code:
            by_code[code]["versions"].append(record)
        else:
            record["_orphan"] = code
            data.setdefault("_orphans", []).append(record)
    for relation in CHILDREN:
        for loc, record in sheets.get(relation, []):
            key = (str(record.pop("service_code", "")), str(record.pop("version_number", "")))
            keep(loc, record)
            if key in by_version:
                by_version[key][relation].append(record)
            else:
                record["_orphan"] = f"{key[0]} v{key[1]}"
                data.setdefault("_orphans", []).append(record)
    for records in (data["services"], *(s["versions"] for s in data["services"])):
        for record in records:
            for name in JSON_CELLS & set(record):
                if isinstance(record[name], str):
                    try:
                        record[name] = json.loads(record[name] or "[]")
                    except json.JSONDecodeError:
                        record[name] = {"_invalid_json": record[name]}
    for service in data["services"]:
        for version in service["versions"]:
            for name in SCHEDULE_CELLS & set(version):
                if isinstance(version[name], str):
                    try:
                        version[name] = json.loads(version[name] or "{}")
                    except json.JSONDecodeError:
                        version[name] = {"_invalid_json": version[name]}
            for relation in CHILDREN:
                for child in version[relation]:
                    for name, empty in (("choices", "[]"), ("schedule", "{}")):
                        if isinstance(child.get(name), str):
                            try:
                                child[name] = json.loads(child[name] or empty)
                            except json.JSONDecodeError:
                                child[name] = {"_invalid_json": child[name]}
    return data, where


def register_read(path: Path) -> tuple[dict[str, Any], dict[int, str]]:
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    where: dict[int, str] = {}
    if isinstance(data, dict):
        for key in ("spheres", "life_situations", "mci", "services"):
            for index, record in enumerate(data.get(key) or []):
                where[id(record)] = f"{key}[{index}]"
                if key == "services" and isinstance(record, dict):
                    for v_index, version in enumerate(record.get("versions") or []):
                        where[id(version)] = f"services[{index}].versions[{v_index}]"
                        for relation in CHILDREN:
                            for c_index, child in enumerate(version.get(relation) or []):
                                where[id(child)] = (
                                    f"services[{index}].versions[{v_index}].{relation}[{c_index}]"
                                )
    return data, where


# --- import -------------------------------------------------------------------------------------


class _Collector:
    def __init__(self, where: dict[int, str]) -> None:
        self.where = where
        self.errors: list[ImportError_] = []

    def add(self, record: Any, field_name: str, message: str) -> None:
        self.errors.append(ImportError_(self.where.get(id(record), "?"), field_name, message))

    def convert(self, record: dict[str, Any], name: str, value: Any) -> Any:
        """Type a cell; on failure note the error and return None."""
        try:
            if name in BOOL_FIELDS:
                if isinstance(value, bool):
                    return value
                text = str(value).strip().lower()
                if text in {"true", "1", "yes", "иә", "да"}:
                    return True
                if text in {"false", "0", "no", "", "жоқ", "нет"}:
                    return False
                raise ValueError(value)
            if name in DATE_FIELDS:
                if value in (None, ""):
                    return None
                if isinstance(value, dt.datetime):
                    return value.date()
                if isinstance(value, dt.date):
                    return value
                return dt.date.fromisoformat(str(value))
            if name in INT_FIELDS:
                if value in (None, ""):
                    return None
                number = Decimal(str(value))
                if number != number.to_integral() or number < 0:
                    raise ValueError(value)
                return int(number)
            if name in SIGNED_INT_FIELDS:
                if value in (None, ""):
                    return None
                number = Decimal(str(value))
                if number != number.to_integral():
                    raise ValueError(value)
                return int(number)
            if name in DECIMAL_FIELDS:
                return None if value in (None, "") else Decimal(str(value))
            if name in SCHEDULE_CELLS:
                if value in (None, ""):  # a file from before structured schedules
                    return default_schedule_json()
                try:
                    return schedule_validate(value).to_json()
                except ScheduleError as exc:
                    self.add(record, name, exc.messages["en"])
                    return None
            if name in CHILD_SCHEDULE_CELLS:
                return self._child_schedule(record, name, value)
            if name in JSON_CELLS:
                if value is None and name in {"principles", "recipient_categories"}:
                    return []  # a file from before issue 15 (STD 18) or before STD 6 was versioned
                if not isinstance(value, list):
                    raise ValueError(value)
                return value
            if name in CHOICES:
                text = "" if value is None else str(value)
                if text not in CHOICES[name]:
                    raise ValueError(value)
                return text
            return "" if value is None else str(value)
        except (ValueError, InvalidOperation, TypeError):
            self.add(record, name, f"invalid value {value!r}")
            return None

    def _child_schedule(self, record: dict[str, Any], name: str, value: Any) -> Any:
        if value in (None, "", {}):
            return {}
        try:
            return schedule_validate(value).to_json()
        except ScheduleError as exc:
            self.add(record, name, exc.messages["en"])
            return None


def _import_error_message(error: ApplicationError) -> dict[str, str]:
    return error.field_messages_for("en") or {"*": error.message_for("en")}


def register_import(
    *,
    actor: User | None,
    path: Path,
    dry_run: bool = False,
    progress: Callable[[Iterable[Any]], Iterable[Any]] = iter,
) -> ImportReport:
    """Import the register from JSON or XLSX. Services are matched by code, versions by
    (service, number); a version's child rows are replaced. All or nothing."""
    report = ImportReport(dry_run=dry_run)
    try:
        data, where = register_read(path)
    except (OSError, ValueError, KeyError) as exc:
        report.errors.append(ImportError_(str(path), "*", f"cannot read the file: {exc}"))
        return report
    collector = _Collector(where)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        report.errors.append(ImportError_(str(path), "format", f"not a {FORMAT} file"))
        return report
    for orphan in data.get("_orphans", []):
        collector.add(orphan, "service_code", f"no such service/version in the file: {orphan.get('_orphan')}")
    with transaction.atomic():
        _import_all(data, collector, report, progress)
        report.errors = collector.errors
        if report.errors or dry_run:
            transaction.set_rollback(True)
        else:
            audit_record(
                actor=actor,
                action="registry.import",
                object_type="registry.register",
                object_id=path.name,
                after={"services": report.services, "versions": report.versions},
            )
    return report


def _import_all(
    data: dict[str, Any],
    c: _Collector,
    report: ImportReport,
    progress: Callable[[Iterable[Any]], Iterable[Any]],
) -> None:
    for record in data.get("spheres") or []:
        values = {n: c.convert(record, n, record.get(n)) for n in ("name_kk", "name_ru", "order")}
        if not record.get("code"):
            c.add(record, "code", "required")
            continue
        Sphere.objects.update_or_create(
            code=str(record["code"]), defaults={**values, "order": values["order"] or 0}
        )
    spheres = {s.code: s for s in Sphere.objects.all()}
    for record in data.get("life_situations") or []:
        sphere = spheres.get(str(record.get("sphere", "")))
        if sphere is None:
            c.add(record, "sphere", f"unknown sphere {record.get('sphere')!r}")
            continue
        values = {n: c.convert(record, n, record.get(n)) for n in ("name_kk", "name_ru", "order")}
        LifeSituation.objects.update_or_create(
            code=str(record.get("code", "")),
            defaults={**values, "sphere": sphere, "order": values["order"] or 0},
        )
    for record in data.get("mci") or []:
        year, amount = (
            c.convert(record, "year", record.get("year")),
            c.convert(record, "amount", record.get("amount")),
        )
        if year and amount:
            MciValue.objects.update_or_create(year=year, defaults={"amount": amount})
    situations = {s.code: s for s in LifeSituation.objects.select_related("sphere")}
    orgs = {o.code: o for o in Organisation.objects.all()}
    for record in progress(data.get("services") or []):
        _import_service(record, c, report, spheres, situations, orgs)
    for orphan in data.get("_orphans", []):
        if "status" in orphan:  # a version whose service row is missing: check its cells too
            _version_values(orphan, c, orgs)


def _org(
    c: _Collector, record: dict[str, Any], name: str, orgs: dict[str, Organisation], required: bool
) -> Organisation | None:
    code = record.get(name)
    if code in (None, ""):
        if required:
            c.add(record, name, "required")
        return None
    org = orgs.get(str(code))
    if org is None:
        c.add(record, name, f"unknown organisation {code!r}")
    return org


def _import_service(
    record: dict[str, Any],
    c: _Collector,
    report: ImportReport,
    spheres: dict[str, Sphere],
    situations: dict[str, LifeSituation],
    orgs: dict[str, Organisation],
) -> None:
    errors_before = len(c.errors)
    code = str(record.get("code", ""))
    values: dict[str, Any] = {}
    for name in SERVICE_FIELDS:
        if name in {"sphere", "life_situation", "responsible_body"}:
            continue
        values[name] = c.convert(record, name, record.get(name))
    sphere = spheres.get(str(record.get("sphere", "")))
    if sphere is None:
        c.add(record, "sphere", f"unknown sphere {record.get('sphere')!r}")
    situation = (
        situations.get(str(record.get("life_situation") or "")) if record.get("life_situation") else None
    )
    if record.get("life_situation") and situation is None:
        c.add(record, "life_situation", f"unknown life situation {record.get('life_situation')!r}")
    body = _org(c, record, "responsible_body", orgs, required=True)
    if len(c.errors) > errors_before:
        for v_record in record.get("versions") or []:
            _version_values(v_record, c, orgs)  # report their errors too; nothing is written
        return
    values.update({"sphere": sphere, "life_situation": situation, "responsible_body": body})
    existing = Service.objects.filter(code=code).first()
    try:
        service_data_validate(code=code, data=values, exclude_pk=existing.pk if existing else None)
    except ApplicationError as error:
        for name, message in _import_error_message(error).items():
            c.add(record, name, message)
        for v_record in record.get("versions") or []:
            _version_values(v_record, c, orgs)
        return
    if existing is None:
        service = Service.objects.create(code=code, **values)
    else:
        service = existing
        for name, value in values.items():
            setattr(service, name, value)
        service.save()
    service_search_entry_refresh(service=service)
    report.services += 1
    versions = record.get("versions") or []
    for v_record in versions:
        _import_version(service, v_record, c, report, orgs)
    # Exactly one approved version in force on any date.
    approved = sorted(
        StandardVersion.objects.filter(service=service, status=VersionStatus.APPROVED),
        key=lambda v: v.effective_from or dt.date.min,
    )
    for previous, following in itertools.pairwise(approved):
        if (
            previous.effective_to is None
            or following.effective_from is None
            or previous.effective_to >= following.effective_from
        ):
            c.add(record, "versions", f"approved versions {previous.number} and {following.number} overlap")


def _version_values(
    record: dict[str, Any], c: _Collector, orgs: dict[str, Organisation]
) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """Typed fields and child rows of a version record; conversion errors go to ``c``."""
    values: dict[str, Any] = {}
    for name in VERSION_SCALARS:
        if name in {"drafting_body", "higher_instance"}:
            values[name] = _org(c, record, name, orgs, required=False)
        else:
            values[name] = c.convert(record, name, record.get(name))
    for stem in ("approval_act", "change_summary"):  # a file of before both languages were kept
        if record.get(stem) and not (record.get(f"{stem}_kk") or record.get(f"{stem}_ru")):
            values[f"{stem}_kk"] = values[f"{stem}_ru"] = str(record[stem])
    if not values.get("number"):
        c.add(record, "number", "required")
    children: dict[str, list[dict[str, Any]]] = {}
    for relation, (_model, columns) in CHILDREN.items():
        children[relation] = [
            _child_values(relation, columns, child, c, orgs) for child in record.get(relation) or []
        ]
    return values, children


def _child_values(
    relation: str,
    columns: tuple[str, ...],
    child: dict[str, Any],
    c: _Collector,
    orgs: dict[str, Organisation],
) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for col in columns:
        if col not in child and col in OPTIONAL_CHILD_COLUMNS:
            continue
        if col == "body":
            row[col] = _org(c, child, col, orgs, required=False)
        else:
            row[col] = c.convert(child, col, child.get(col))
    kinds = CHILD_KINDS.get(relation)
    if kinds is not None and row.get("kind") not in kinds:
        c.add(child, "kind", f"invalid value {child.get('kind')!r}")
    return row


def _same_value(current: Any, new: Any) -> bool:
    if isinstance(current, Organisation) or isinstance(new, Organisation):
        return getattr(current, "pk", None) == getattr(new, "pk", None)
    if current in (None, "") and new in (None, ""):
        return True
    return bool(current == new)


def _same_version(
    version: StandardVersion, values: dict[str, Any], children: dict[str, list[dict[str, Any]]]
) -> bool:
    if not all(_same_value(getattr(version, name), value) for name, value in values.items()):
        return False
    for relation, rows in children.items():
        current = list(getattr(version, relation).all())
        if len(current) != len(rows):
            return False
        for obj, row in zip(current, rows, strict=True):
            if not all(_same_value(getattr(obj, k), v) for k, v in row.items()):
                return False
    return True


def _import_version(
    service: Service,
    record: dict[str, Any],
    c: _Collector,
    report: ImportReport,
    orgs: dict[str, Organisation],
) -> None:
    errors_before = len(c.errors)
    values, children = _version_values(record, c, orgs)
    if len(c.errors) > errors_before:
        return
    # STD 1, 6: a file from before they were kept with the version reads them from its service.
    for name, from_service in (
        ("service_name_kk", service.name_kk),
        ("service_name_ru", service.name_ru),
        ("recipient_categories", list(service.recipient_categories or [])),
    ):
        if name not in record:
            values[name] = from_service
    for name in ("max_queue_wait_minutes", "max_service_minutes"):
        values.setdefault(name, None)
    existing = (
        StandardVersion.objects.filter(service=service, number=values["number"])
        .prefetch_related(*CHILDREN)
        .first()
    )
    if existing is not None and existing.status == VersionStatus.APPROVED:
        # An approved version is immutable (applications refer to its documents): the file
        # may only repeat it unchanged.
        if not _same_version(existing, values, children):
            c.add(
                record,
                "number",
                f"approved version {values['number']} of {service.code} exists and differs; "
                "approved versions cannot be changed: add a new version",
            )
        else:
            report.versions += 1
        return
    version, _created = StandardVersion.objects.update_or_create(
        service=service, number=values.pop("number"), defaults=values
    )
    for relation, (model, _columns) in CHILDREN.items():
        model.objects.filter(version=version).delete()
        objects = []
        for row in children[relation]:
            clean = {
                k: v for k, v in row.items() if v is not None or k in {"validity_days", "duration_amount"}
            }
            for key in (
                "note_kk",
                "note_ru",
                "help_kk",
                "help_ru",
                "duration_unit",
                "unit_kk",
                "unit_ru",
                "legal_reference",
            ):
                if key in clean and clean[key] is None:
                    clean[key] = ""
            objects.append(model(version=version, **clean))
        model.objects.bulk_create(objects)
    report.versions += 1
    if version.status == VersionStatus.APPROVED:
        errors = standard_version_errors(version=version)
        errors.pop("effective_from", None)  # overlap is checked per service after all versions
        for name, texts in errors.items():
            c.add(record, name, texts["en"])
