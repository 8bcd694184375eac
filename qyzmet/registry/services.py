"""Writes of the register (Law 12-15, 23.2, 24; STD). Every function is keyword-only, atomic,
validates before it writes and leaves an audit row."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.notify.events import EventKind, event_publish
from qyzmet.orgs.enums import PROVIDER_KINDS, OrganisationKind, StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import can_act_for, has_role
from qyzmet.registry.completeness import (
    POINT_9_CITED,
    missing_points_text,
    schedule_left_empty,
    schedules_not_used,
    std_completeness_errors,
)
from qyzmet.registry.enums import (
    Channel,
    CommentDecision,
    ComplaintAddressKind,
    DeliveryMethod,
    DiscussionStatus,
    FeeExemption,
    RecipientCategory,
    RefusalGround,
    TermUnit,
    VersionStatus,
)
from qyzmet.registry.errors import RegistryErrorCode
from qyzmet.registry.models import (
    SERVICE_CODE_VALIDATOR,
    ChannelTerm,
    ComplaintAddress,
    ContactCentreUpdateTask,
    Discussion,
    DiscussionComment,
    DraftAgreement,
    FormField,
    InformationSource,
    LifeSituation,
    OtherRefusalGround,
    OtherTerm,
    ProcessStep,
    RequiredDocument,
    Service,
    ServiceProvider,
    ServiceSearchEntry,
    Sphere,
    StandardVersion,
)
from qyzmet.registry.selectors import (
    AGREEING_ROLES,
    commentable_field_names,
    may_approve_version,
    may_draft_version,
)
from qyzmet.registry.selectors import drafting_body as _drafting_body_of
from qyzmet.workcalendar.calendar import add_working_days
from qyzmet.workcalendar.schedule import ScheduleError, schedule_problems, schedule_validate

Texts = dict[str, str]

# Law 15: the public discussion lasts 10 working days from posting.
DISCUSSION_WORKING_DAYS = 10
# Law 23.2: service information updated and sent to the UCC within 3 working days of approval.
CONTACT_CENTRE_UPDATE_WORKING_DAYS = 3

VERSION_TEXT_FIELDS: tuple[str, ...] = tuple(
    f"{base}_{lang}"
    for base in (
        # STD 1, 6
        "service_name",
        "provider_name",
        "provider_address",
        "recipients_note",
        "legal_basis",
        "information_sources",
        "interaction",
        "result_description",
        "fee_note",
        "schedule_provider",
        "schedule_state_corporation",
        "schedule_echannels",
        "pre_registration_conditions",
        "expedited_conditions",
        "premises",
        "document_office",
        "forms_blanks",
        "receipt_document",
        "suspension_grounds",
        "principles_note",
        "complaint_addresses",
        "complaint_documents",
        "complaint_receipt",
        "other_information",
        "change_summary",
        "approval_act",
    )
    for lang in ("kk", "ru")
)
# Law 14.3-1, STD 9: structured schedules (validated JSON, ADR 0018).
VERSION_SCHEDULE_FIELDS: tuple[str, ...] = (
    "working_schedule_provider",
    "working_schedule_state_corporation",
    "working_schedule_echannels",
)
VERSION_SCALAR_FIELDS: tuple[str, ...] = (
    *VERSION_SCHEDULE_FIELDS,
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
    "higher_instance",
    "drafting_body",
)
VERSION_FIELDS: tuple[str, ...] = VERSION_TEXT_FIELDS + VERSION_SCALAR_FIELDS
SERVICE_FIELDS: tuple[str, ...] = (
    "name_kk",
    "name_ru",
    "description_kk",
    "description_ru",
    "sphere",
    "life_situation",
    "responsible_body",
    "provider_kinds",
    "recipient_categories",
    "is_socially_significant",
    "is_proactive_capable",
    "is_electronic_capable",
    "is_via_state_corporation",
    "needs_protected_data_consent",
    "is_active",
)
CHILD_ROWS: dict[str, type[Any]] = {
    "channel_terms": ChannelTerm,
    "other_terms": OtherTerm,
    "required_documents": RequiredDocument,
    "other_refusal_grounds": OtherRefusalGround,
    "process_steps": ProcessStep,
    "form_fields": FormField,
    "information_source_entries": InformationSource,
    "complaint_address_entries": ComplaintAddress,
}


def _t(kk: str, ru: str, en: str) -> Texts:
    return {"kk": kk, "ru": ru, "en": en}


def _today() -> dt.date:
    return timezone.localdate()


def _add_working_days(start: dt.date, n: int) -> dt.date:
    return add_working_days(start, n)


# --- permissions --------------------------------------------------------------------------


def _is_registry_admin(user: User) -> bool:
    return has_role(user=user, roles=[StaffRole.REGISTRY_ADMINISTRATOR, StaffRole.SYSTEM_ADMINISTRATOR])


def _require_registry_admin(user: User) -> None:
    if not _is_registry_admin(user):
        raise AccessDenied(
            _t(
                "Бұл әрекетті тек тізілім әкімшісі жасай алады.",
                "Это действие доступно только администратору реестра.",
                "Only a registry administrator may do this.",
            )
        )


# Law 13.1: why staff of another body may read a draft but not edit it (the refusal, and the
# page they are shown).
NOT_THE_DRAFTER: Texts = _t(
    "Жобаны тек оны әзірлейтін орталық мемлекеттік орган ғана әзірлейді (Заңның 13-бабының 1-тармағы).",
    "Проект разрабатывает только центральный государственный орган-разработчик (пункт 1 статьи 13 Закона).",
    "Only the central state body that develops the by-law may do this (Law 13.1).",
)


def _require_drafter(user: User, version: StandardVersion) -> None:
    """Law 10.1, 13.1: the central state body that develops the by-law drafts it, posts it and
    answers the discussion (its head or officers). An akimat, or the registry administrator who
    keeps the register (Law 8), does not."""
    if may_draft_version(user=user, version=version):
        return
    raise AccessDenied(NOT_THE_DRAFTER)


def standard_version_edit_check(*, actor: User, version: StandardVersion) -> None:
    """Law 13.1 (tester's finding 10c): who may edit the draft, asked before what was typed is
    read: staff of another body are refused (``AccessDenied``), not told what to correct."""
    _require_drafter(actor, version)


def _require_approver(user: User, version: StandardVersion) -> None:
    """Law 10.1, 13.1: the by-law is approved by the central state body that develops it — its
    head; not an akimat, not the registry administrator."""
    if may_approve_version(user=user, version=version):
        return
    raise AccessDenied(
        _t(
            "Заңға тәуелді актіні оны әзірлеген орталық мемлекеттік органның басшысы бекітеді "
            "(Заңның 10-бабының 1) тармақшасы, 13-бабының 1-тармағы).",
            "Подзаконный акт утверждает руководитель центрального государственного органа-разработчика "
            "(подпункт 1) статьи 10, пункт 1 статьи 13 Закона).",
            "The head of the central state body that develops the by-law approves it (Law 10.1, 13.1).",
        )
    )


def version_content_hash(version: StandardVersion) -> str:
    """Law 15.4: a fingerprint of the text that is agreed (fields and child rows)."""
    payload = version_payload(version)
    blob = json.dumps(payload, sort_keys=True, default=lambda v: str(_jsonable(v)), ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()


# --- services (register entries) ------------------------------------------------------------


def service_data_validate(*, code: str | None, data: Mapping[str, Any], exclude_pk: int | None) -> None:
    errors: dict[str, Texts] = {}
    if code is not None:
        try:
            SERVICE_CODE_VALIDATOR(code)
        except Exception:
            errors["code"] = _t(
                "Қызмет коды 8 цифрдан тұруы керек.",
                "Код услуги должен состоять из 8 цифр.",
                "A service code is exactly 8 digits.",
            )
        else:
            clash = Service.objects.filter(code=code)
            if exclude_pk is not None:
                clash = clash.exclude(pk=exclude_pk)
            if clash.exists():
                errors["code"] = _t(
                    f"{code} коды тізілімде бар.",
                    f"Код {code} уже есть в реестре.",
                    f"Code {code} is already in the register.",
                )
    for name in ("name_kk", "name_ru"):
        if name in data and not str(data[name] or "").strip():
            errors[name] = _t("Атауы толтырылуы керек.", "Укажите наименование.", "The name is required.")
    body = data.get("responsible_body")
    if body is not None and body.kind != OrganisationKind.CENTRAL_STATE_BODY:
        errors["responsible_body"] = _t(
            "Қызмет стандартын орталық мемлекеттік орган әзірлеп, бекітеді (Заңның 13-бабының 1-тармағы); "
            "жергілікті органдар көрсететін қызметтер үшін де.",
            "Стандарт услуги разрабатывает и утверждает центральный государственный орган (пункт 1 статьи 13 "
            "Закона), в том числе для услуг местных органов.",
            "A central state body develops and approves the standard (Law 13.1), local bodies' services too.",
        )
    kinds = set(OrganisationKind.values)
    if "provider_kinds" in data and any(k not in kinds for k in data["provider_kinds"] or []):
        errors["provider_kinds"] = _t(
            "Көрсетілетін қызметті берушінің түрі белгісіз.",
            "Неизвестный вид услугодателя.",
            "Unknown provider kind.",
        )
    categories = set(RecipientCategory.values)
    if "recipient_categories" in data:
        values = data["recipient_categories"] or []
        if not values or any(c not in categories for c in values):
            errors["recipient_categories"] = _t(
                "Алушылар санатын таңдаңыз (жеке тұлға, заңды тұлға).",
                "Выберите категории услугополучателей (физическое, юридическое лицо).",
                "Choose the recipient categories (individual, legal entity).",
            )
    sphere = data.get("sphere")
    situation = data.get("life_situation")
    if situation is not None and sphere is not None and situation.sphere_id != sphere.pk:
        errors["life_situation"] = _t(
            "Өмірлік жағдай таңдалған салаға жатпайды.",
            "Жизненная ситуация не относится к выбранной сфере.",
            "The life situation does not belong to the chosen sphere.",
        )
    if errors:
        raise ApplicationError(
            RegistryErrorCode.SERVICE_INVALID,
            _t("Қызмет деректерін түзетіңіз.", "Исправьте данные услуги.", "Correct the service data."),
            fields=errors,
        )


@transaction.atomic
def service_create(
    *,
    actor: User | None,
    code: str,
    name_kk: str,
    name_ru: str,
    sphere: Sphere,
    responsible_body: Organisation,
    life_situation: LifeSituation | None = None,
    check_permission: bool = True,
    **fields: Any,
) -> Service:
    """Law 12: a new entry of the register (registry administrator only)."""
    if check_permission and actor is not None:
        _require_registry_admin(actor)
    unknown = set(fields) - set(SERVICE_FIELDS)
    if unknown:
        raise TypeError(f"unknown service fields: {sorted(unknown)}")
    data: dict[str, Any] = {
        "name_kk": name_kk,
        "name_ru": name_ru,
        "sphere": sphere,
        "life_situation": life_situation,
        "responsible_body": responsible_body,
        "recipient_categories": fields.pop("recipient_categories", [RecipientCategory.INDIVIDUAL.value]),
        "provider_kinds": fields.pop("provider_kinds", []),
        **fields,
    }
    service_data_validate(code=code, data=data, exclude_pk=None)
    service = Service.objects.create(code=code, **data)
    service_search_entry_refresh(service=service)
    audit_record(actor=actor, action="registry.service_create", obj=service, after={"code": code})
    return service


@transaction.atomic
def service_providers_set(
    *, actor: User | None, service: Service, organisations: Iterable[Organisation]
) -> list[Organisation]:
    """Law 1.4, 8: the registry administrator records which organisations deliver ``service``.
    Each must be a provider (Law 1.4) of a kind the register allows for the service."""
    if actor is not None:
        _require_registry_admin(actor)
    chosen = list({org.pk: org for org in organisations}.values())
    if not chosen and service.is_active:
        # Law 12.1, 1.4: a service in the register is delivered by someone.
        raise ApplicationError(
            RegistryErrorCode.PROVIDER_NOT_ELIGIBLE,
            _t(
                "Тізілімдегі қызметті кемінде бір ұйым көрсетуі керек.",
                "Услугу из реестра должна оказывать хотя бы одна организация.",
                "A service in the register needs at least one organisation that delivers it.",
            ),
            fields={"providers": _t("Ұйымды таңдаңыз.", "Выберите организацию.", "Choose an organisation.")},
        )
    kinds = set(service.provider_kinds or []) or set(PROVIDER_KINDS)
    wrong = [org for org in chosen if org.kind not in PROVIDER_KINDS or org.kind not in kinds]
    if wrong:
        raise ApplicationError(
            RegistryErrorCode.PROVIDER_NOT_ELIGIBLE,
            _t(
                "Бұл ұйымдар бұл қызметті көрсете алмайды (Заңның 1-бабы 4) тармақшасы): "
                + "; ".join(org.short_name("kk") for org in wrong),
                "Эти организации не могут оказывать эту услугу (подпункт 4) статьи 1 Закона): "
                + "; ".join(org.short_name("ru") for org in wrong),
                "These organisations cannot deliver this service (Law 1.4): "
                + "; ".join(org.code for org in wrong),
            ),
            fields={"providers": _t("Таңдауды тексеріңіз.", "Проверьте выбор.", "Check the choice.")},
        )
    before = sorted(
        ServiceProvider.objects.filter(service=service).values_list("organisation__code", flat=True)
    )
    ServiceProvider.objects.filter(service=service).exclude(organisation__in=chosen).delete()
    existing = set(ServiceProvider.objects.filter(service=service).values_list("organisation_id", flat=True))
    ServiceProvider.objects.bulk_create(
        [ServiceProvider(service=service, organisation=org) for org in chosen if org.pk not in existing]
    )
    after = sorted(org.code for org in chosen)
    if before != after:
        audit_record(
            actor=actor,
            action="registry.service_providers_set",
            obj=service,
            before={"providers": before},
            after={"providers": after},
        )
    return chosen


@transaction.atomic
def service_update(
    *, actor: User | None, service: Service, check_permission: bool = True, **fields: Any
) -> Service:
    if check_permission and actor is not None:
        _require_registry_admin(actor)
    unknown = set(fields) - set(SERVICE_FIELDS)
    if unknown:
        raise TypeError(f"unknown service fields: {sorted(unknown)}")
    merged = {"sphere": fields.get("sphere", service.sphere), **fields}
    if "life_situation" not in merged and "sphere" in fields:
        merged["life_situation"] = service.life_situation
    service_data_validate(code=None, data=merged, exclude_pk=service.pk)
    before = {k: _jsonable(getattr(service, k)) for k in fields}
    for key, value in fields.items():
        setattr(service, key, value)
    if fields:
        service.save(update_fields=[*fields, "updated_at"])
        service_search_entry_refresh(service=service)
    audit_record(
        actor=actor,
        action="registry.service_update",
        obj=service,
        before=before,
        after={k: _jsonable(v) for k, v in fields.items()},
    )
    return service


def _jsonable(value: Any) -> Any:
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, (dt.date, Decimal)):
        return str(value)
    return value


# --- standard versions ------------------------------------------------------------------------


def _next_number(service: Service) -> int:
    current = StandardVersion.objects.filter(service=service).aggregate(m=Max("number"))["m"]
    return int(current or 0) + 1


def _clean_complaint_schedules(
    rows: Sequence[Mapping[str, Any]] | None,
) -> list[dict[str, Any]] | None:
    """STD 21-23: each complaint address's schedule (STD 9 shape) validated and normalised
    before anything is written; every bad one is refused at once naming its row (kk/ru/en)."""
    if rows is None:
        return None
    errors = standard_version_schedule_errors(fields={}, complaint_address_entries=rows)
    if errors:
        raise ApplicationError(
            RegistryErrorCode.SCHEDULE_INVALID, errors["complaint_address_entries"], fields=errors
        )
    out = []
    for row in rows:
        data = dict(row)
        if data.get("schedule"):
            data["schedule"] = schedule_validate(data["schedule"]).to_json()
        out.append(data)
    return out


# STD 9, cited after each schedule problem.
_STD_9: Texts = {
    "kk": "Үлгі стандарттың 9-тармағы",
    "ru": "пункт 9 Типового стандарта",
    "en": "model standard, point 9",
}


def _schedule_texts(place: Texts, problems: Sequence[ScheduleError]) -> Texts:
    out: Texts = {}
    for lang in ("kk", "ru", "en"):
        # A problem citing point 9 itself is cited once, by the sentence around it.
        said = " ".join(p.messages[lang] for p in problems).replace(POINT_9_CITED[lang], "").rstrip(".")
        out[lang] = f"{place[lang]}. {said} ({_STD_9[lang]})."
    return out


def standard_version_schedule_errors(
    *,
    fields: Mapping[str, Any],
    complaint_address_entries: Sequence[Mapping[str, Any]] | None = None,
    channels: Iterable[str] | None = None,
) -> dict[str, Texts]:
    """STD 9, 21-23 (tester's finding 11): every problem of the schedules among ``fields`` and
    of the complaint addresses' schedules, at once (a read: nothing is written). Each schedule
    with problems is named by its field (``working_schedule_provider``,
    ``complaint_address_entries``) with all of them, and each bad day again by
    ``<field>[<weekday>]`` (a complaint address's as ``complaint_address_entries[<row>][<weekday>]``,
    rows counted from 0), so that a page puts it on that day's row; each cites STD 9.

    Law 14.3-1, STD 9 (tester's finding 7): with the version's ``channels`` given, the schedule
    of a place it is not delivered through may be left empty (approval does not ask for it,
    ``completeness.schedules_not_used``); one filled in is still checked."""
    errors: dict[str, Texts] = {}
    unused = schedules_not_used(channels) if channels is not None else frozenset()
    for name in VERSION_SCHEDULE_FIELDS:
        if name not in fields or (name in unused and schedule_left_empty(fields[name])):
            continue
        problems = schedule_problems(fields[name])
        if problems:
            errors[name] = _schedule_texts(_SCHEDULE_PLACE[name], problems)
            for p in problems:
                if p.weekday is not None:
                    errors[f"{name}[{p.weekday}]"] = _schedule_texts(_SCHEDULE_PLACE[name], [p])
    found: list[ScheduleError] = []
    for index, row in enumerate(complaint_address_entries or []):
        problems = schedule_problems(row["schedule"]) if row.get("schedule") else []
        if not problems:
            continue
        number = {"kk": f"{index + 1}-жол", "ru": f"строка {index + 1}", "en": f"row {index + 1}"}
        place = {
            lang: f"{_COMPLAINT_ADDRESSES[lang]}, {number[lang]}, {_A_SCHEDULE[lang]}" for lang in number
        }
        found += problems
        whole = _schedule_texts(place, problems)
        errors["complaint_address_entries"] = (
            {lang: f"{errors['complaint_address_entries'][lang]} {whole[lang]}" for lang in whole}
            if "complaint_address_entries" in errors
            else whole
        )
        for p in problems:
            key = f"complaint_address_entries[{index}]" + (f"[{p.weekday}]" if p.weekday is not None else "")
            errors[key] = _schedule_texts(_A_SCHEDULE_CAP, [p])
    return errors


_COMPLAINT_ADDRESSES: Texts = {
    "kk": "Шағым мекенжайлары",
    "ru": "Адреса для жалоб",
    "en": "Complaint addresses",
}
_A_SCHEDULE: Texts = {"kk": "жұмыс кестесі", "ru": "график работы", "en": "working schedule"}
_A_SCHEDULE_CAP: Texts = {"kk": "Жұмыс кестесі", "ru": "График работы", "en": "Working schedule"}


def _sync_higher_instance(version: StandardVersion) -> None:
    """STD 22 (tester's finding 8): the higher instance is the body of the version's STD 22
    complaint address, one source for the page, the REST standard and the export; the field
    only mirrors it (``None`` when that address names a body by name alone)."""
    row = (
        version.complaint_address_entries.filter(kind=ComplaintAddressKind.HIGHER_INSTANCE)
        .exclude(body=None)
        .order_by("order", "id")
        .first()
    )
    body_id = row.body_id if row is not None else None
    if version.higher_instance_id != body_id:
        version.higher_instance_id = body_id
        version.save(update_fields=["higher_instance", "updated_at"])


def _write_children(
    version: StandardVersion, children: Mapping[str, Sequence[Mapping[str, Any]] | None]
) -> None:
    for relation, model in CHILD_ROWS.items():
        rows = children.get(relation)
        if rows is None:
            continue
        model.objects.filter(version=version).delete()
        objects = []
        for index, row in enumerate(rows, start=1):
            data = dict(row)
            if relation != "channel_terms":
                data.setdefault("order", index)
            objects.append(model(version=version, **data))
        model.objects.bulk_create(objects)


@transaction.atomic
def standard_version_create(
    *,
    actor: User | None,
    service: Service,
    fields: Mapping[str, Any] | None = None,
    channel_terms: Sequence[Mapping[str, Any]] = (),
    required_documents: Sequence[Mapping[str, Any]] = (),
    other_refusal_grounds: Sequence[Mapping[str, Any]] = (),
    process_steps: Sequence[Mapping[str, Any]] = (),
    form_fields: Sequence[Mapping[str, Any]] = (),
    other_terms: Sequence[Mapping[str, Any]] = (),
    information_source_entries: Sequence[Mapping[str, Any]] = (),
    complaint_address_entries: Sequence[Mapping[str, Any]] = (),
    check_permission: bool = True,
) -> StandardVersion:
    """A new draft version of a service's standard (Law 14, 15). Drafted by the registry
    administrator or the responsible central body."""
    data = dict(fields or {})
    unknown = set(data) - set(VERSION_FIELDS)
    if unknown:
        raise TypeError(f"unknown version fields: {sorted(unknown)}")
    data.setdefault("drafting_body", service.responsible_body)
    # STD 1, 6: a first draft starts from what the register says of the service.
    data.setdefault("service_name_kk", service.name_kk)
    data.setdefault("service_name_ru", service.name_ru)
    data.setdefault("recipient_categories", list(service.recipient_categories or []))
    version = StandardVersion(
        service=service, number=_next_number(service), status=VersionStatus.DRAFT, **data
    )
    if check_permission and actor is not None:
        _require_drafter(actor, version)
    _require_term_bounds(data, {"channel_terms": channel_terms, "other_terms": other_terms})
    _clean_schedules(data, channels=_channels_of(version, channel_terms))
    complaint_address_entries = _clean_complaint_schedules(complaint_address_entries) or []
    for name in VERSION_SCHEDULE_FIELDS:
        if name in data:
            setattr(version, name, data[name])
    version.save()
    _write_children(
        version,
        {
            "channel_terms": channel_terms,
            "required_documents": required_documents,
            "other_refusal_grounds": other_refusal_grounds,
            "process_steps": process_steps,
            "form_fields": form_fields,
            "other_terms": other_terms,
            "information_source_entries": information_source_entries,
            "complaint_address_entries": complaint_address_entries,
        },
    )
    _sync_higher_instance(version)
    audit_record(actor=actor, action="registry.version_create", obj=version, after={"number": version.number})
    return version


def version_payload(version: StandardVersion) -> dict[str, Any]:
    """The fields and child rows of a version as plain data (copying, export)."""
    fields: dict[str, Any] = {name: getattr(version, name) for name in VERSION_FIELDS}
    children: dict[str, list[dict[str, Any]]] = {}
    skip = {"id", "version", "created_at", "updated_at"}
    for relation, model in CHILD_ROWS.items():
        names = [f.name for f in model._meta.concrete_fields if f.name not in skip]
        children[relation] = [{n: getattr(row, n) for n in names} for row in getattr(version, relation).all()]
    return {"fields": fields, **children}


@transaction.atomic
def standard_version_copy(*, actor: User | None, version: StandardVersion) -> StandardVersion:
    """A new draft copying ``version`` (the usual start of an amendment)."""
    payload = version_payload(version)
    fields = payload.pop("fields")
    for name in ("approval_act_kk", "approval_act_ru", "change_summary_kk", "change_summary_ru"):
        fields[name] = ""
    return standard_version_create(actor=actor, service=version.service, fields=fields, **payload)


# Law 15: a version not yet approved is the service's amendment in progress.
OPEN_VERSION_STATUSES = (VersionStatus.DRAFT, VersionStatus.IN_DISCUSSION, VersionStatus.AGREED)


@transaction.atomic
def standard_version_draft_start(*, actor: User, service: Service) -> tuple[StandardVersion, bool]:
    """Law 14, 15 (tester's finding): "draft a new version" opens the service's amendment. When
    one is in progress (a draft, in discussion or agreed: a second click, a colleague's) it is
    that version; else a draft copying the latest version, else an empty draft. The service row
    is locked so that two clicks at once make one draft. Returns the version and whether it was
    created now."""
    Service.objects.select_for_update().filter(pk=service.pk).first()
    in_progress = service.versions.filter(status__in=OPEN_VERSION_STATUSES).order_by("-number").first()
    if in_progress is not None:
        _require_drafter(actor, in_progress)
        return in_progress, False
    latest = service.versions.order_by("-number").first()
    if latest is not None:
        return standard_version_copy(actor=actor, version=latest), True
    return standard_version_create(actor=actor, service=service), True


_SCHEDULE_PLACE: dict[str, Texts] = {
    "working_schedule_provider": {
        "kk": "Қызмет берушінің жұмыс кестесі",
        "ru": "График работы услугодателя",
        "en": "Provider's working schedule",
    },
    "working_schedule_state_corporation": {
        "kk": "Мемлекеттік корпорацияның жұмыс кестесі",
        "ru": "График работы Государственной корпорации",
        "en": "State Corporation's working schedule",
    },
    "working_schedule_echannels": {
        "kk": "Электрондық арналардың жұмыс кестесі",
        "ru": "График работы электронных каналов",
        "en": "E-channels' working schedule",
    },
}


# A schedule left empty (of a place the version is not delivered through), as stored.
EMPTY_SCHEDULE: dict[str, Any] = {"around_the_clock": False, "days": []}


def _clean_schedules(data: dict[str, Any], *, channels: Iterable[str]) -> None:
    """Law 14.3-1, STD 9: validate every schedule given in ``data`` and store it normalised;
    refuse every bad row at once with kk/ru/en messages naming the schedule and the day. The
    schedule of a place not among ``channels`` may be left empty: stored with no day."""
    channels = set(channels)
    unused = schedules_not_used(channels)
    errors = standard_version_schedule_errors(fields=data, channels=channels)
    if errors:
        raise ApplicationError(RegistryErrorCode.SCHEDULE_INVALID, next(iter(errors.values())), fields=errors)
    for name in VERSION_SCHEDULE_FIELDS:
        if name not in data:
            continue
        if name in unused and schedule_left_empty(data[name]):
            data[name] = dict(EMPTY_SCHEDULE)
        else:
            data[name] = schedule_validate(data[name]).to_json()


def _channels_of(version: StandardVersion, channel_terms: Sequence[Mapping[str, Any]] | None) -> set[str]:
    """STD 7.1: the channels of a version as it is written now: the rows given, else those kept."""
    if channel_terms is not None:
        return {str(row.get("channel") or "") for row in channel_terms} - {""}
    if version.pk is None:
        return set()
    return set(version.channel_terms.values_list("channel", flat=True))


def _require_status(version: StandardVersion, *allowed: str) -> None:
    if version.status not in allowed:
        raise ApplicationError(
            RegistryErrorCode.VERSION_WRONG_STATUS,
            _t(
                f"Нұсқа «{version.get_status_display()}» күйінде; бұл әрекет мүмкін емес.",
                f"Версия в статусе «{version.get_status_display()}»; это действие невозможно.",
                f"The version is {version.status}; this action is not possible.",
            ),
        )


# Law 24.2: a service free by law carries no fee (one of: free, free by law, paid).
FREE_BY_LAW_AND_PAID = _t(
    "Заң бойынша тегін қызметке төлемақы белгілеуге болмайды (Заңның 24-бабы 2-тармағы): "
    "«тегін», «заң бойынша тегін» немесе «ақылы» дегеннің біреуін таңдаңыз.",
    "Для услуги, бесплатной в силу закона, плата не устанавливается (пункт 2 статьи 24 Закона): "
    "выберите одно — «бесплатно», «бесплатно в силу закона» или «платно».",
    "A service free by law may carry no fee (Law 24.2): choose one of free, free by law or paid.",
)


def _require_free_or_paid(version: StandardVersion, data: Mapping[str, Any]) -> None:
    free_by_law = data.get("is_free_by_law", version.is_free_by_law)
    if free_by_law and data.get("is_paid", version.is_paid):
        raise ApplicationError(
            RegistryErrorCode.VERSION_INVALID, FREE_BY_LAW_AND_PAID, fields={"fee_mci": FREE_BY_LAW_AND_PAID}
        )


# STD 7 (tester's finding 12): the most a term can sensibly be, by unit; the waiting and service
# times of STD 7.2 and 7.3 are spent on the day of the application, so within a day's hours.
TERM_MAX: dict[str, int] = {
    TermUnit.MINUTES: 720,
    TermUnit.HOURS: 168,
    TermUnit.WORKING_DAYS: 260,
    TermUnit.CALENDAR_DAYS: 366,
}
SAME_DAY_MINUTES_MAX = 720
_TERM_POINTS: dict[str, Texts] = {
    "channel_terms": _t(
        "Үлгі стандарттың 7-тармағының 1) тармақшасы",
        "подпункт 1) пункта 7 Типового стандарта",
        "model standard, point 7.1",
    ),
    "other_terms": _t(
        "Үлгі стандарттың 7-тармағының 4) тармақшасы",
        "подпункт 4) пункта 7 Типового стандарта",
        "model standard, point 7.4",
    ),
}
_SAME_DAY: dict[str, Texts] = {
    "max_queue_wait_minutes": _t(
        "Кезекте күтудің ең ұзақ уақыты",
        "Максимальное время ожидания в очереди",
        "The longest wait in the queue",
    ),
    "max_service_minutes": _t(
        "Қызмет көрсетудің ең ұзақ уақыты",
        "Максимальное время обслуживания",
        "The longest service time",
    ),
}
_SAME_DAY_POINTS = {"max_queue_wait_minutes": "2", "max_service_minutes": "3"}


def _unit_label(unit: str, lang: str) -> str:
    with translation.override(lang):
        return str(TermUnit(unit).label) if unit in TermUnit.values else str(unit)


def _term_bound_errors(
    data: Mapping[str, Any],
    rows: Mapping[str, Sequence[Mapping[str, Any]] | None],
) -> dict[str, Texts]:
    """STD 7.1-7.4: every term written is at least 1 and at most ``TERM_MAX`` of its unit, the
    STD 7.2/7.3 times at most ``SAME_DAY_MINUTES_MAX`` minutes; each bad one named by its point
    (and its row as ``<rows>[<i>].term_amount``, rows counted from 0), all at once."""
    errors: dict[str, Texts] = {}
    for name, label in _SAME_DAY.items():
        value = data.get(name)
        if value is not None and not 1 <= int(value) <= SAME_DAY_MINUTES_MAX:
            sub, top = _SAME_DAY_POINTS[name], SAME_DAY_MINUTES_MAX
            errors[name] = _t(
                f"{label['kk']} 1-ден {top} минутқа дейін болады: ол өтініш берілген күні өтеді (Үлгі "
                f"стандарттың 7-тармағының {sub}) тармақшасы). Нақты минут санын жазыңыз.",
                f"{label['ru']} — от 1 до {top} минут: оно проходит в день обращения (подпункт {sub}) "
                "пункта 7 Типового стандарта). Укажите реальное число минут.",
                f"{label['en']} is 1 to {top} minutes: it is spent on the day of the application "
                f"(model standard, point 7.{sub}). Give a real number of minutes.",
            )
    for relation, point in _TERM_POINTS.items():
        whole: dict[str, list[str]] = {"kk": [], "ru": [], "en": []}
        for index, row in enumerate(rows.get(relation) or []):
            amount, unit = row.get("term_amount"), row.get("term_unit", TermUnit.WORKING_DAYS)
            limit = TERM_MAX.get(str(unit))
            if amount is None or limit is None or 1 <= int(amount) <= limit:
                continue
            texts = {
                lang: (
                    {
                        "kk": f"мерзім 1-ден {limit}-ге дейін болады ({_unit_label(unit, lang)}) ({point[lang]})",
                        "ru": f"срок — от 1 до {limit} ({_unit_label(unit, lang)}) ({point[lang]})",
                        "en": f"the term is 1 to {limit} ({_unit_label(unit, lang)}) ({point[lang]})",
                    }[lang]
                )
                for lang in ("kk", "ru", "en")
            }
            errors[f"{relation}[{index}].term_amount"] = {
                lang: f"{t[:1].upper()}{t[1:]}." for lang, t in texts.items()
            }
            number = {"kk": f"{index + 1}-жол", "ru": f"строка {index + 1}", "en": f"row {index + 1}"}
            for lang in whole:
                whole[lang].append(f"{number[lang]}: {texts[lang]}")
        if whole["en"]:
            errors[relation] = {lang: "; ".join(items) + "." for lang, items in whole.items()}
    return errors


def _require_term_bounds(
    data: Mapping[str, Any], rows: Mapping[str, Sequence[Mapping[str, Any]] | None]
) -> None:
    errors = _term_bound_errors(data, rows)
    if errors:
        raise ApplicationError(RegistryErrorCode.VERSION_INVALID, next(iter(errors.values())), fields=errors)


def _require_no_open_discussion(version: StandardVersion) -> None:
    """Law 15: the draft posted for discussion is what everyone comments on; it is revised only
    after the discussion closes (with its report)."""
    if Discussion.objects.filter(version=version, status=DiscussionStatus.OPEN).exists():
        raise ApplicationError(
            RegistryErrorCode.VERSION_WRONG_STATUS,
            _t(
                "Жоба жария талқылауда (Заңның 15-бабы): талқылау жабылғанша оны өзгертуге болмайды. "
                "Талқылауды қорытынды есеппен жабыңыз, содан кейін пысықталған жобаны түзетіңіз.",
                "Проект на публичном обсуждении (статья 15 Закона): до закрытия обсуждения его менять "
                "нельзя. Закройте обсуждение итоговым отчётом, затем правьте доработанный проект.",
                "The draft is in public discussion (Law 15): it cannot be changed until the discussion "
                "closes. Close it with its report, then revise the draft.",
            ),
        )


@transaction.atomic
def standard_version_update(
    *,
    actor: User | None,
    version: StandardVersion,
    fields: Mapping[str, Any] | None = None,
    channel_terms: Sequence[Mapping[str, Any]] | None = None,
    required_documents: Sequence[Mapping[str, Any]] | None = None,
    other_refusal_grounds: Sequence[Mapping[str, Any]] | None = None,
    process_steps: Sequence[Mapping[str, Any]] | None = None,
    form_fields: Sequence[Mapping[str, Any]] | None = None,
    other_terms: Sequence[Mapping[str, Any]] | None = None,
    information_source_entries: Sequence[Mapping[str, Any]] | None = None,
    complaint_address_entries: Sequence[Mapping[str, Any]] | None = None,
) -> StandardVersion:
    """Edit a draft (or the revised draft during/after discussion). Approved versions are
    immutable: amend them with a new version."""
    if actor is not None:
        _require_drafter(actor, version)
    _require_status(version, VersionStatus.DRAFT, VersionStatus.IN_DISCUSSION)
    _require_no_open_discussion(version)
    data = dict(fields or {})
    unknown = set(data) - set(VERSION_FIELDS)
    if unknown:
        raise TypeError(f"unknown version fields: {sorted(unknown)}")
    _require_free_or_paid(version, data)
    _require_term_bounds(data, {"channel_terms": channel_terms, "other_terms": other_terms})
    _clean_schedules(data, channels=_channels_of(version, channel_terms))
    complaint_address_entries = _clean_complaint_schedules(complaint_address_entries)
    before = {k: _jsonable(getattr(version, k)) for k in data}
    for key, value in data.items():
        setattr(version, key, value)
    if data:
        version.save(update_fields=[*data, "updated_at"])
    _write_children(
        version,
        {
            "channel_terms": channel_terms,
            "required_documents": required_documents,
            "other_refusal_grounds": other_refusal_grounds,
            "process_steps": process_steps,
            "form_fields": form_fields,
            "other_terms": other_terms,
            "information_source_entries": information_source_entries,
            "complaint_address_entries": complaint_address_entries,
        },
    )
    if complaint_address_entries is not None or "higher_instance" in data:
        _sync_higher_instance(version)
    audit_record(
        actor=actor,
        action="registry.version_update",
        obj=version,
        before=before,
        after={k: _jsonable(v) for k, v in data.items()},
    )
    return version


def standard_version_errors(
    *, version: StandardVersion, effective_from: dt.date | None = None
) -> dict[str, Texts]:
    """Per-field kk/ru/en messages for an inconsistent version (empty when consistent)."""
    service = version.service
    errors: dict[str, Texts] = {}
    terms = list(version.channel_terms.all())
    documents = list(version.required_documents.all())
    channels = {t.channel for t in terms}

    # Law 5.2: documents obtainable from state information systems may not be demanded.
    demanded = [d for d in documents if d.obtainable_from_state_system]
    if demanded:
        names_kk = ", ".join(d.name_kk for d in demanded)
        names_ru = ", ".join(d.name_ru for d in demanded)
        errors["required_documents"] = _t(
            f"Мемлекеттік ақпараттық жүйелерден алынатын құжаттарды талап етуге болмайды "
            f"(Заңның 5-бабы 2-тармағы): {names_kk}.",
            f"Нельзя требовать документы, получаемые из государственных информационных систем "
            f"(пункт 2 статьи 5 Закона): {names_ru}.",
            f"Documents obtainable from state information systems may not be demanded (Law 5.2): {names_ru}.",
        )
    # Law 24.2: a service free by law carries no fee.
    if version.is_free_by_law and (version.is_paid or (version.fee_mci or 0) > 0):
        errors["fee_mci"] = FREE_BY_LAW_AND_PAID
    elif version.is_paid and not (version.fee_mci and version.fee_mci > 0):
        errors["fee_mci"] = _t(
            "Ақылы қызметтің төлем мөлшерін АЕК-пен көрсетіңіз.",
            "Укажите размер платы за платную услугу в МРП.",
            "Give the fee of a paid service in MCI.",
        )
    elif not version.is_paid and (version.fee_mci or 0) > 0:
        errors["fee_mci"] = _t(
            "Тегін қызметке төлем мөлшері көрсетілмейді.",
            "Для бесплатной услуги размер платы не указывается.",
            "A free service has no fee amount.",
        )
    if version.is_paid and not version.payment_method:
        errors["payment_method"] = _t(
            "Төлем тәсілін көрсетіңіз (Заңның 24-бабы).",
            "Укажите способ оплаты (статья 24 Закона).",
            "Give the payment method (Law 24).",
        )
    # STD 8, 11 (ADR 0019): exemptions are named categories, and only a paid service has any.
    exemptions = version.fee_exemptions or []
    if any(e not in FeeExemption.values for e in exemptions) or (exemptions and not version.is_paid):
        errors["fee_exemptions"] = _t(
            "Төлемнен босату санаты белгісіз немесе қызмет тегін.",
            "Неизвестная категория освобождения от платы, или услуга бесплатна.",
            "An exemption from the fee is unknown, or the service is free.",
        )
    # STD 8: where the standard provides an expedited service, its cost is given (0 when it
    # costs nothing more); no cost without an expedited service; Law 24.2: none on a service
    # free by law.
    expedited_fee = version.expedited_fee_mci
    if version.expedited_available and expedited_fee is None:
        errors["expedited_fee_mci"] = _t(
            "Жедел қызмет көрсетілетіндіктен, оның құнын АЕК-пен көрсетіңіз (қосымша ақы алынбаса, 0) "
            "(Үлгі стандарттың 8-тармағы).",
            "Предусмотрено ускоренное обслуживание: укажите его стоимость в МРП (0, если дополнительная "
            "плата не взимается) (пункт 8 Типового стандарта).",
            "An expedited service is provided: give its cost in MCI (0 when nothing more is charged) "
            "(model standard, point 8).",
        )
    elif expedited_fee is not None and not version.expedited_available:
        errors["expedited_fee_mci"] = _t(
            "Жедел қызмет көрсетілмейді: оның құнын өшіріңіз немесе жедел қызметті белгілеңіз (Үлгі "
            "стандарттың 8, 9-тармақтары).",
            "Ускоренное обслуживание не предусмотрено: удалите его стоимость или отметьте ускоренное "
            "обслуживание (пункты 8, 9 Типового стандарта).",
            "No expedited service is provided: clear its cost or tick the expedited service (model "
            "standard, points 8, 9).",
        )
    elif expedited_fee is not None and expedited_fee < 0:
        errors["expedited_fee_mci"] = _t(
            "Жедел қызметтің құны теріс сан бола алмайды (Үлгі стандарттың 8-тармағы).",
            "Стоимость ускоренного обслуживания не может быть отрицательной (пункт 8 Типового стандарта).",
            "The cost of the expedited service cannot be negative (model standard, point 8).",
        )
    elif expedited_fee and version.is_free_by_law:
        errors["expedited_fee_mci"] = FREE_BY_LAW_AND_PAID
    # STD 6: the recipients are named categories of natural and legal persons.
    if any(c not in RecipientCategory.values for c in version.recipient_categories or []):
        errors["recipient_categories"] = _t(
            "Қызмет алушылардың санаты белгісіз (Үлгі стандарттың 6-тармағы).",
            "Неизвестная категория услугополучателей (пункт 6 Типового стандарта).",
            "Unknown category of recipients (model standard, point 6).",
        )
    # Law 18: at least one channel.
    if not terms:
        errors["channel_terms"] = _t(
            "Кемінде бір көрсету арнасын және оның мерзімін көрсетіңіз (Заңның 18-бабы).",
            "Укажите хотя бы один способ оказания услуги и его срок (статья 18 Закона).",
            "Give at least one delivery channel with its term (Law 18).",
        )
    else:
        # Law 20: the State Corporation channel only for a service delivered through it,
        # and then with its own term.
        if Channel.STATE_CORPORATION in channels and not service.is_via_state_corporation:
            errors["channel_terms"] = _t(
                "Қызмет Мемлекеттік корпорация арқылы көрсетілетін қызмет ретінде белгіленбеген, "
                "бірақ Мемлекеттік корпорация арнасы көрсетілген (Заңның 20-бабы).",
                "Указан канал Государственной корпорации, но услуга не отмечена как оказываемая "
                "через Государственную корпорацию (статья 20 Закона).",
                "The State Corporation channel is given but the service is not flagged as "
                "delivered through the State Corporation (Law 20).",
            )
        elif service.is_via_state_corporation and Channel.STATE_CORPORATION not in channels:
            errors["channel_terms"] = _t(
                "Қызмет Мемлекеттік корпорация арқылы көрсетіледі: Мемлекеттік корпорация арнасының "
                "мерзімін көрсетіңіз (Заңның 14-бабы, 20-бабы).",
                "Услуга оказывается через Государственную корпорацию: укажите срок для канала "
                "Государственной корпорации (статьи 14, 20 Закона).",
                "The service is delivered through the State Corporation: give the State "
                "Corporation channel's term (Law 14, 20).",
            )
        bad_term = [t for t in terms if t.term_amount <= 0 or t.term_unit not in TermUnit.values]
        bad_paper = [t for t in terms if t.paper_dispatch and t.channel != Channel.STATE_CORPORATION]
        if bad_term and "channel_terms" not in errors:
            errors["channel_terms"] = _t(
                "Әр арнаның мерзімі оң сан болуы керек.",
                "Срок для каждого канала должен быть положительным.",
                "Each channel's term must be positive.",
            )
        if bad_paper and "channel_terms" not in errors:
            errors["channel_terms"] = _t(
                "Қағаз түрінде жөнелту тек Мемлекеттік корпорация арнасына қатысты (Заңның 20-бабы 1-тармағы).",
                "Отправка на бумаге относится только к каналу Государственной корпорации (пункт 1 статьи 20 Закона).",
                "Paper dispatch applies only to the State Corporation channel (Law 20.1).",
            )
    grounds = version.refusal_grounds or []
    if any(g not in RefusalGround.values for g in grounds):
        errors["refusal_grounds"] = _t(
            "Бас тарту негізі Заңның 19-1-бабы 2-тармағындағы тізімде жоқ.",
            "Основание отказа отсутствует в перечне пункта 2 статьи 19-1 Закона.",
            "A refusal ground is not one of Law 19-1.2.",
        )
    if version.is_licence_or_permit:
        # Law 19-1.4: 19-1.2 does not apply to licences; the permits law's grounds are listed.
        if grounds:
            errors["refusal_grounds"] = _t(
                "Лицензия (рұқсат) үшін Заңның 19-1-бабы 2-тармағының негіздері қолданылмайды "
                "(Заңның 19-1-бабы 4-тармағы): «Рұқсаттар және хабарламалар туралы» Заңның негіздерін көрсетіңіз.",
                "К лицензии (разрешению) основания пункта 2 статьи 19-1 Закона не применяются "
                "(пункт 4 статьи 19-1 Закона): укажите основания Закона «О разрешениях и уведомлениях».",
                "The grounds of Law 19-1.2 do not apply to a licence or permit (Law 19-1.4): "
                'list the grounds of the Law "On permits and notifications".',
            )
        if not version.other_refusal_grounds.exists():
            errors["other_refusal_grounds"] = _t(
                "Лицензия (рұқсат) үшін «Рұқсаттар және хабарламалар туралы» Заңның бас тарту "
                "негіздерін кемінде біреуін көрсетіңіз (Заңның 19-1-бабы 4-тармағы).",
                "Для лицензии (разрешения) укажите хотя бы одно основание отказа по Закону "
                "«О разрешениях и уведомлениях» (пункт 4 статьи 19-1 Закона).",
                "A licence or permit needs at least one refusal ground of the Law "
                '"On permits and notifications" (Law 19-1.4).',
            )
    if any(m not in DeliveryMethod.values for m in version.delivery_methods or []):
        errors["delivery_methods"] = _t(
            "Нәтижені беру тәсілі белгісіз.",
            "Неизвестный способ выдачи результата.",
            "Unknown result delivery method.",
        )
    if not (version.result_description_kk.strip() and version.result_description_ru.strip()):
        errors["result_description"] = _t(
            "Қызмет нәтижесін қазақ және орыс тілдерінде сипаттаңыз (Заңның 14-бабы).",
            "Опишите результат услуги на казахском и русском языках (статья 14 Закона).",
            "Describe the result in Kazakh and Russian (Law 14).",
        )
    # STD 1, 3, 4, 9, 17, 21-23 (and the values of STD 7.1, 7.4, 18): every missing point at once.
    for field, message in std_completeness_errors(version).items():
        errors.setdefault(field, message)
    # Exactly one approved version in force on any date.
    start = effective_from or version.effective_from
    if start is not None:
        if version.effective_to is not None and version.effective_to < start:
            errors["effective_to"] = _t(
                "Қолданылу мерзімінің соңы басынан ерте.",
                "Дата окончания действия раньше даты начала.",
                "The end date is before the start date.",
            )
        later = (
            StandardVersion.objects.filter(
                service=service, status=VersionStatus.APPROVED, effective_from__gte=start
            )
            .exclude(pk=version.pk)
            .order_by("effective_from")
            .first()
        )
        ends_before_later = (
            later is not None
            and later.effective_from is not None
            and version.effective_to is not None
            and version.effective_to < later.effective_from
        )
        if later is not None and not ends_before_later:
            errors["effective_from"] = _t(
                f"Күні {later.number}-нұсқаның қолданылу кезеңімен қабаттасады "
                f"({later.effective_from:%d.%m.%Y} бастап).",
                f"Дата пересекается со сроком действия версии {later.number} "
                f"(с {later.effective_from:%d.%m.%Y}).",
                f"The date overlaps version {later.number} (in force from {later.effective_from}).",
            )
    return errors


def standard_version_validate(*, version: StandardVersion, effective_from: dt.date | None = None) -> None:
    """Refuse an inconsistent version with one kk/ru/en message per field (Law 5.2, 14, 18,
    20, 24.2; exactly one version in force)."""
    _refuse_errors(standard_version_errors(version=version, effective_from=effective_from))


def _not_before_approval(effective_from: dt.date, today: dt.date) -> Texts | None:
    """Law 13.1: the standard is approved as a by-law (the Law "On legal acts"): it acts from
    its approval on, never before, so approving never shortens the version in force back in
    time. ``None`` when ``effective_from`` is the approval day or later."""
    if effective_from >= today:
        return None
    return _t(
        f"Күшіне ену күні ({effective_from:%d.%m.%Y}) бекіту күнінен ({today:%d.%m.%Y}) ерте болмайды: "
        "бекітілген стандарт кері күшпен қолданылмайды және қолданыстағы нұсқаның мерзімін өткен "
        f"күнмен қысқартпайды (Заңның 13-бабының 1-тармағы). {today:%d.%m.%Y} немесе одан кейінгі "
        "күнді көрсетіңіз.",
        f"Дата вступления в силу ({effective_from:%d.%m.%Y}) не может быть раньше дня утверждения "
        f"({today:%d.%m.%Y}): утверждённый стандарт не имеет обратной силы и не сокращает задним "
        f"числом срок действующей версии (пункт 1 статьи 13 Закона). Укажите {today:%d.%m.%Y} или "
        "более позднюю дату.",
        f"The in-force date ({effective_from:%d.%m.%Y}) cannot be before the approval day "
        f"({today:%d.%m.%Y}): an approved standard does not act retroactively nor shorten the version "
        f"in force back in time (Law 13.1). Give {today:%d.%m.%Y} or a later date.",
    )


def standard_version_approval_check(
    *, version: StandardVersion, effective_from: dt.date, today: dt.date | None = None
) -> None:
    """Everything approving ``version`` from ``effective_from`` would refuse, at once, without
    writing: the version's consistency and an in-force date not before the approval day
    (``today``). The page asks it before showing the comparison to confirm."""
    errors = standard_version_errors(version=version, effective_from=effective_from)
    retroactive = _not_before_approval(effective_from, today or _today())
    if retroactive is not None:
        errors["effective_from"] = retroactive
    _refuse_errors(errors)


def _refuse_errors(errors: dict[str, Texts]) -> None:
    if len(errors) == 1:
        raise ApplicationError(RegistryErrorCode.VERSION_INVALID, next(iter(errors.values())), fields=errors)
    if errors:
        message = _t(
            "Стандарт нұсқасы қайшы: төменде аталған бөліктерді түзетіңіз (редакторда белгіленген).",
            "Версия стандарта противоречива: исправьте части, названные ниже (они отмечены в редакторе).",
            "The standard version is inconsistent: correct the parts named below (marked in the editor).",
        )
        missing = {lang: missing_points_text(errors, lang) for lang in ("kk", "ru", "en")}
        if missing["kk"]:
            message = _t(
                f"{message['kk']} Үлгі стандарттың толтырылмаған тармақтары: {missing['kk']}.",
                f"{message['ru']} Не заполнены пункты Типового стандарта: {missing['ru']}.",
                f"{message['en']} Points of the model standard not filled: {missing['en']}.",
            )
        raise ApplicationError(RegistryErrorCode.VERSION_INVALID, message, fields=errors)


def _put_in_force(version: StandardVersion, effective_from: dt.date) -> None:
    """Close the version currently open at ``effective_from`` the day before; then the new one
    is the only one in force from that day."""
    previous = list(
        StandardVersion.objects.select_for_update()
        .filter(service=version.service, status=VersionStatus.APPROVED, effective_from__lt=effective_from)
        .exclude(pk=version.pk)
        .exclude(effective_to__lt=effective_from)
    )
    for old in previous:
        old.effective_to = effective_from - dt.timedelta(days=1)
        old.save(update_fields=["effective_to", "updated_at"])


def _create_contact_centre_task(version: StandardVersion, approved_on: dt.date) -> ContactCentreUpdateTask:
    # Law 23.2: within 3 working days of approval.
    return ContactCentreUpdateTask.objects.create(
        service=version.service,
        version=version,
        due_on=_add_working_days(approved_on, CONTACT_CENTRE_UPDATE_WORKING_DAYS),
    )


@transaction.atomic
def standard_version_approve(
    *,
    actor: User,
    version: StandardVersion,
    effective_from: dt.date,
    approval_act_kk: str = "",
    approval_act_ru: str = "",
    today: dt.date | None = None,
) -> StandardVersion:
    """Approve an agreed version (Law 15, 14) on ``today`` (the approval day): validates it,
    puts it in force from ``effective_from`` — that day or later, never back in time (Law 13.1)
    — closing the previous version the day before, and creates the Law 23.2 contact-centre
    update task. Only the head of the developing central state body (Law 13.1)."""
    version = StandardVersion.objects.select_for_update().select_related("service").get(pk=version.pk)
    _require_approver(actor, version)
    _require_status(version, VersionStatus.AGREED)
    _require_current_agreements(version)
    today = today or _today()
    standard_version_approval_check(version=version, effective_from=effective_from, today=today)
    _put_in_force(version, effective_from)
    version.status = VersionStatus.APPROVED
    version.effective_from = effective_from
    version.approved_on = today
    version.approved_by = actor
    if approval_act_kk or approval_act_ru:
        version.approval_act_kk, version.approval_act_ru = approval_act_kk, approval_act_ru
    version.save(
        update_fields=[
            "status",
            "effective_from",
            "approved_on",
            "approved_by",
            "approval_act_kk",
            "approval_act_ru",
            "updated_at",
        ]
    )
    _create_contact_centre_task(version, today)
    audit_record(
        actor=actor,
        action="registry.version_approve",
        obj=version,
        before={"status": VersionStatus.AGREED},
        after={"status": VersionStatus.APPROVED, "effective_from": str(effective_from)},
    )
    event_publish(kind=EventKind.STANDARD_APPROVED, **_event_of(version))
    return version


def _event_of(version: StandardVersion) -> dict[str, Any]:
    """What subscribed systems learn of an approved standard (issue 19.4): the service, the
    version, the developing body and the REST URL of the standard in force from its first day."""
    code = version.service.code
    return {
        "object_type": "standard_version",
        "number": f"{code}/{version.number}",
        "path": f"/api/v1/registry/services/{code}/standard/?on={version.effective_from}",
        "service_code": code,
        "organisation": version.drafting_body,
    }


@transaction.atomic
def standard_version_register_approved(
    *,
    actor: User | None,
    version: StandardVersion,
    effective_from: dt.date,
    effective_to: dt.date | None = None,
    approved_on: dt.date | None = None,
    create_update_task: bool = False,
) -> StandardVersion:
    """Record a version already approved by an act outside the system (loading the existing
    register, import, demo): validated like an approval, without a discussion. Keeping the
    register is the registry administrator's (Law 8); the system itself when ``actor`` is None."""
    if actor is not None:
        _require_registry_admin(actor)
    version.effective_to = effective_to
    standard_version_validate(version=version, effective_from=effective_from)
    _put_in_force(version, effective_from)
    version.status = VersionStatus.APPROVED
    version.effective_from = effective_from
    version.approved_on = approved_on or effective_from
    version.save(update_fields=["status", "effective_from", "effective_to", "approved_on", "updated_at"])
    if create_update_task:
        _create_contact_centre_task(version, version.approved_on)
    audit_record(
        actor=actor,
        action="registry.version_register_approved",
        obj=version,
        after={"effective_from": str(effective_from)},
    )
    event_publish(kind=EventKind.STANDARD_APPROVED, **_event_of(version))
    return version


# --- public discussion (Law 15) -------------------------------------------------------------


@transaction.atomic
def discussion_open(*, actor: User, version: StandardVersion) -> Discussion:
    """Law 15: post a draft for public discussion, open for 10 working days from posting."""
    _require_drafter(actor, version)
    version = StandardVersion.objects.select_for_update().select_related("service").get(pk=version.pk)
    _require_status(version, VersionStatus.DRAFT)
    posted_on = _today()
    discussion = Discussion.objects.create(
        version=version,
        posted_by=actor,
        posted_on=posted_on,
        ends_on=_add_working_days(posted_on, DISCUSSION_WORKING_DAYS),
    )
    version.status = VersionStatus.IN_DISCUSSION
    version.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="registry.discussion_open",
        obj=discussion,
        after={"posted_on": str(posted_on), "ends_on": str(discussion.ends_on)},
    )
    return discussion


def _discussion_closed_error(discussion: Discussion) -> ApplicationError:
    return ApplicationError(
        RegistryErrorCode.DISCUSSION_CLOSED,
        _t(
            f"Жария талқылау {discussion.ends_on:%d.%m.%Y} аяқталды; кейін келген ескертулер "
            "қаралмайды (Заңның 15-бабы).",
            f"Публичное обсуждение завершилось {discussion.ends_on:%d.%m.%Y}; замечания, "
            "поступившие позже, не рассматриваются (статья 15 Закона).",
            f"The public discussion ended on {discussion.ends_on:%Y-%m-%d}; later comments are "
            "not considered (Law 15).",
        ),
    )


@transaction.atomic
def discussion_comment_add(
    *, author: User, discussion: Discussion, text: str, field_name: str = ""
) -> DiscussionComment:
    """Law 15: a signed-in recipient comments on the whole draft or a named field, within the
    window only; a late comment is refused and stored nowhere."""
    if not author.is_authenticated or not author.pk:
        raise AccessDenied(
            _t(
                "Ескерту қалдыру үшін жүйеге кіріңіз.",
                "Чтобы оставить замечание, войдите в систему.",
                "Sign in to comment.",
            )
        )
    today = _today()
    if discussion.status != DiscussionStatus.OPEN or today > discussion.ends_on:
        raise _discussion_closed_error(discussion)
    errors: dict[str, Texts] = {}
    if not text.strip():
        errors["text"] = _t("Ескерту мәтінін жазыңыз.", "Напишите текст замечания.", "Write the comment.")
    if field_name and field_name not in commentable_field_names():
        errors["field_name"] = _t(
            "Стандартта мұндай өріс жоқ.", "В стандарте нет такого поля.", "The standard has no such field."
        )
    if errors:
        raise ApplicationError(
            RegistryErrorCode.COMMENT_INVALID,
            _t("Ескертуді түзетіңіз.", "Исправьте замечание.", "Correct the comment."),
            fields=errors,
        )
    comment = DiscussionComment.objects.create(
        discussion=discussion, author=author, field_name=field_name, text=text.strip(), submitted_on=today
    )
    audit_record(actor=author, action="registry.comment_add", obj=comment, after={"field_name": field_name})
    return comment


@transaction.atomic
def discussion_comment_decide(
    *, actor: User, comment: DiscussionComment, decision: str, reason: str
) -> DiscussionComment:
    """Law 15: the drafting body accepts or rejects each comment, giving a reason."""
    discussion = comment.discussion
    _require_drafter(actor, discussion.version)
    if discussion.status != DiscussionStatus.OPEN:
        raise ApplicationError(
            RegistryErrorCode.DISCUSSION_INVALID,
            _t(
                "Талқылау қорытындысы жарияланған; шешімді өзгертуге болмайды.",
                "Отчёт по обсуждению опубликован; решение изменить нельзя.",
                "The report is published; decisions can no longer change.",
            ),
        )
    errors: dict[str, Texts] = {}
    if decision not in (CommentDecision.ACCEPTED, CommentDecision.REJECTED):
        errors["decision"] = _t(
            "Қабылдау немесе қабылдамау шешімін таңдаңыз.",
            "Выберите решение: принято или отклонено.",
            "Choose accepted or rejected.",
        )
    if not reason.strip():
        errors["reason"] = _t(
            "Шешімнің себебін көрсетіңіз (Заңның 15-бабы).",
            "Укажите причину решения (статья 15 Закона).",
            "Give the reason for the decision (Law 15).",
        )
    if errors:
        raise ApplicationError(
            RegistryErrorCode.COMMENT_INVALID,
            _t("Шешімді түзетіңіз.", "Исправьте решение.", "Correct the decision."),
            fields=errors,
        )
    before = {"decision": comment.decision}
    comment.decision = decision
    comment.reason = reason.strip()
    comment.decided_by = actor
    comment.decided_at = timezone.now()
    comment.save(update_fields=["decision", "reason", "decided_by", "decided_at", "updated_at"])
    audit_record(
        actor=actor,
        action="registry.comment_decide",
        obj=comment,
        before=before,
        after={"decision": decision},
    )
    return comment


@transaction.atomic
def discussion_close(
    *,
    actor: User,
    discussion: Discussion,
    revised_draft_location: str,
    report_summary_kk: str = "",
    report_summary_ru: str = "",
) -> Discussion:
    """Law 15: after the window, publish the closing report: every comment decided with a
    reason, and where to read the revised draft."""
    _require_drafter(actor, discussion.version)
    discussion = Discussion.objects.select_for_update().get(pk=discussion.pk)
    today = _today()
    errors: dict[str, Texts] = {}
    if discussion.status != DiscussionStatus.OPEN:
        raise ApplicationError(
            RegistryErrorCode.DISCUSSION_INVALID,
            _t("Талқылау жабылған.", "Обсуждение уже закрыто.", "The discussion is already closed."),
        )
    if today <= discussion.ends_on:
        raise ApplicationError(
            RegistryErrorCode.DISCUSSION_INVALID,
            _t(
                f"Талқылау {discussion.ends_on:%d.%m.%Y} дейін жалғасады (10 жұмыс күні, Заңның 15-бабы).",
                f"Обсуждение продолжается до {discussion.ends_on:%d.%m.%Y} (10 рабочих дней, статья 15 Закона).",
                f"The discussion runs until {discussion.ends_on:%Y-%m-%d} (10 working days, Law 15).",
            ),
        )
    if discussion.comments.filter(decision=CommentDecision.PENDING).exists():
        errors["comments"] = _t(
            "Әр ескерту бойынша шешім қабылдаңыз.",
            "Примите решение по каждому замечанию.",
            "Decide on every comment.",
        )
    if not revised_draft_location.strip():
        errors["revised_draft_location"] = _t(
            "Қайта қаралған жобаны қай жерден оқуға болатынын көрсетіңіз.",
            "Укажите, где можно ознакомиться с доработанным проектом.",
            "Say where the revised draft can be read.",
        )
    if errors:
        raise ApplicationError(
            RegistryErrorCode.DISCUSSION_INVALID,
            _t(
                "Қорытынды есепті жариялау мүмкін емес.",
                "Нельзя опубликовать отчёт.",
                "The report cannot be published.",
            ),
            fields=errors,
        )
    discussion.status = DiscussionStatus.CLOSED
    discussion.closed_on = today
    discussion.revised_draft_location = revised_draft_location.strip()
    discussion.report_summary_kk = report_summary_kk
    discussion.report_summary_ru = report_summary_ru
    discussion.save(
        update_fields=[
            "status",
            "closed_on",
            "revised_draft_location",
            "report_summary_kk",
            "report_summary_ru",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor, action="registry.discussion_close", obj=discussion, after={"closed_on": str(today)}
    )
    return discussion


@transaction.atomic
def draft_agreement_record(
    *, actor: User, version: StandardVersion, organisation: Organisation, agreed: bool, remarks: str = ""
) -> DraftAgreement:
    """Law 15: an interested body records its agreement (or objection) to the revised draft,
    after the closing report, on the text as it stands (its fingerprint is kept). Staff of that
    body only; the developing body does not agree with itself."""
    if not can_act_for(user=actor, organisation=organisation, roles=AGREEING_ROLES):
        raise AccessDenied()
    version = StandardVersion.objects.select_for_update().select_related("service").get(pk=version.pk)
    if organisation.pk == _drafting_body_of(version=version).pk:
        raise ApplicationError(
            RegistryErrorCode.DISCUSSION_INVALID,
            _t(
                "Әзірлеуші орган жобаны өзімен келіспейді: мүдделі органды таңдаңыз.",
                "Орган-разработчик не согласует проект сам с собой: выберите заинтересованный орган.",
                "The developing body does not agree with itself: choose an interested body.",
            ),
            fields={"organisation": _t("Мүдделі орган.", "Заинтересованный орган.", "An interested body.")},
        )
    _require_status(version, VersionStatus.IN_DISCUSSION)
    discussion = Discussion.objects.filter(version=version).first()
    if discussion is None or discussion.status != DiscussionStatus.CLOSED:
        raise ApplicationError(
            RegistryErrorCode.DISCUSSION_INVALID,
            _t(
                "Келісу жария талқылаудың қорытынды есебі жарияланғаннан кейін ғана (Заңның 15-бабы).",
                "Согласование возможно только после публикации отчёта о публичном обсуждении (статья 15 Закона).",
                "Agreement comes only after the discussion report is published (Law 15).",
            ),
        )
    if not agreed and not remarks.strip():
        raise ApplicationError(
            RegistryErrorCode.DISCUSSION_INVALID,
            _t(
                "Қарсылықтың себебін жазыңыз.",
                "Укажите причину возражения.",
                "Give the reason for the objection.",
            ),
            fields={"remarks": _t("Себебін жазыңыз.", "Укажите причину.", "Give the reason.")},
        )
    agreement, _created = DraftAgreement.objects.update_or_create(
        version=version,
        organisation=organisation,
        defaults={
            "agreed": agreed,
            "remarks": remarks.strip(),
            "recorded_by": actor,
            "recorded_on": _today(),
            "content_hash": version_content_hash(version),
        },
    )
    audit_record(actor=actor, action="registry.agreement_record", obj=agreement, after={"agreed": agreed})
    return agreement


def _require_current_agreements(version: StandardVersion) -> None:
    """Law 15.4: what the interested bodies agree is the revised text; a draft changed after an
    agreement was recorded goes back to them."""
    current = version_content_hash(version)
    stale = [
        a.organisation for a in version.agreements.select_related("organisation") if a.content_hash != current
    ]
    if not stale:
        return
    kk = ", ".join(o.name_kk for o in stale)
    ru = ", ".join(o.name_ru for o in stale)
    en = ", ".join(o.code for o in stale)
    raise ApplicationError(
        RegistryErrorCode.DISCUSSION_INVALID,
        _t(
            f"Жоба келісілгеннен кейін өзгерді: қайта келісіңіз ({kk}; Заңның 15-бабының 4-тармағы).",
            f"Проект изменён после согласования: согласуйте заново ({ru}; пункт 4 статьи 15 Закона).",
            f"The draft changed after it was agreed: agree it again ({en}; Law 15.4).",
        ),
        fields={"agreements": _t("Қайта келісу қажет.", "Нужно согласовать заново.", "Agree it again.")},
    )


@transaction.atomic
def standard_version_mark_agreed(*, actor: User, version: StandardVersion) -> StandardVersion:
    """Law 15: the revised draft is agreed when at least one interested body agreed and none
    objects, each on the text as it stands now (Law 15.4). Then it can be approved. The developing
    body marks it."""
    version = StandardVersion.objects.select_for_update().select_related("service").get(pk=version.pk)
    _require_drafter(actor, version)
    _require_status(version, VersionStatus.IN_DISCUSSION)
    agreements = list(version.agreements.all())
    discussion = Discussion.objects.filter(version=version).first()
    if discussion is None or discussion.status != DiscussionStatus.CLOSED:
        raise ApplicationError(
            RegistryErrorCode.DISCUSSION_INVALID,
            _t(
                "Алдымен жария талқылау қорытындысын жариялаңыз (Заңның 15-бабы).",
                "Сначала опубликуйте отчёт о публичном обсуждении (статья 15 Закона).",
                "Publish the discussion report first (Law 15).",
            ),
        )
    if not agreements or any(not a.agreed for a in agreements):
        raise ApplicationError(
            RegistryErrorCode.DISCUSSION_INVALID,
            _t(
                "Мүдделі органдардың келісімі жоқ немесе қарсылық бар.",
                "Нет согласования заинтересованных органов или есть возражения.",
                "The interested bodies have not agreed, or one objects.",
            ),
            fields={"agreements": _t("Келісім қажет.", "Нужно согласование.", "Agreement is needed.")},
        )
    _require_current_agreements(version)
    standard_version_validate(version=version)
    return _version_status_move(
        actor=actor, version=version, to=VersionStatus.AGREED, action="registry.version_agree"
    )


def _version_status_move(*, actor: User, version: StandardVersion, to: str, action: str) -> StandardVersion:
    """A version's status changed and audited (from what it was to ``to``)."""
    before = version.status
    version.status = to
    version.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action=action, obj=version, before={"status": before}, after={"status": to})
    return version


@transaction.atomic
def standard_version_return_for_revision(*, actor: User, version: StandardVersion) -> StandardVersion:
    """Law 15 (tester's finding): an agreed draft that cannot be approved as it stands (a point
    of the model standard asked for since it was agreed) goes back to its developing body for
    revision: in discussion again, its discussion closed, editable; what the interested bodies
    agreed no longer matches once it is changed, so it is agreed again (Law 15.4)."""
    version = StandardVersion.objects.select_for_update().get(pk=version.pk)
    _require_drafter(actor, version)
    _require_status(version, VersionStatus.AGREED)
    return _version_status_move(
        actor=actor,
        version=version,
        to=VersionStatus.IN_DISCUSSION,
        action="registry.version_return_for_revision",
    )


@transaction.atomic
def contact_centre_update_task_complete(
    *, actor: User, task: ContactCentreUpdateTask
) -> ContactCentreUpdateTask:
    """Law 23.2: the information was updated and sent to the UCC."""
    if (
        not _is_registry_admin(actor)
        and not has_role(user=actor, roles=[StaffRole.CONTACT_CENTRE_OPERATOR])
        and not can_act_for(user=actor, organisation=task.service.responsible_body)
    ):
        raise AccessDenied()
    if task.done_at is not None:
        return task
    task.done_at = timezone.now()
    task.done_by = actor
    task.save(update_fields=["done_at", "done_by", "updated_at"])
    audit_record(actor=actor, action="registry.contact_centre_task_done", obj=task, after={"done": True})
    return task


# --- search index (ADR 0024) ------------------------------------------------------------------


@transaction.atomic
def service_search_entry_refresh(*, service: Service) -> ServiceSearchEntry:
    """Rewrite the search index row of ``service`` from its names, descriptions, sphere, life
    situation and the everyday words of ``search_vocabulary`` (every write of a service calls
    this; ``qyzmet search_index_rebuild`` rewrites every row)."""
    from qyzmet.registry.search import service_entry_fields

    entry, _created = ServiceSearchEntry.objects.update_or_create(
        service=service, defaults=service_entry_fields(service)
    )
    return entry


@transaction.atomic
def search_index_rebuild() -> int:
    """Rewrite the search index row of every service of the register; the number of rows."""
    services = list(Service.objects.select_related("sphere", "life_situation"))
    ServiceSearchEntry.objects.exclude(service__in=services).delete()
    for service in services:
        service_search_entry_refresh(service=service)
    return len(services)


# --- the PSC selection's register amendment (PSC 10) -------------------------------------------


@transaction.atomic
def service_state_corporation_delivery_enable(
    *, actor: User, service: Service, decree_reference: str, adopted_on: dt.date
) -> Service:
    """PSC 10, Law 8: a Government decree amending the register makes ``service`` one delivered
    through the State Corporation. Only the register's keeper (a registry administrator) applies
    it, with the decree's reference and date, audited; a service already delivered so, a blank
    reference or a date after today is refused and nothing is written. The standard gets its
    State Corporation channel in a new version (PSC 11), which the version's checks then ask for."""
    _require_registry_admin(actor)
    errors: dict[str, Texts] = {}
    reference = (decree_reference or "").strip()
    if not reference:
        errors["decree_reference"] = _t(
            "Тізілімге өзгеріс енгізген қаулының нөмірі мен күнін жазыңыз.",
            "Укажите номер и дату постановления, внесшего изменение в реестр.",
            "Give the number and date of the decree that amended the register.",
        )
    if adopted_on > _today():
        errors["adopted_on"] = _t(
            "Қаулы күні болашақта болмайды.",
            "Дата постановления не может быть в будущем.",
            "The decree's date cannot be in the future.",
        )
    service = Service.objects.select_for_update().get(pk=service.pk)
    if service.is_via_state_corporation:
        errors["service"] = _t(
            f"{service.code} қызметі Мемлекеттік корпорация арқылы көрсетіледі.",
            f"Услуга {service.code} уже оказывается через Государственную корпорацию.",
            f"Service {service.code} is already delivered through the State Corporation.",
        )
    if errors:
        raise ApplicationError(
            RegistryErrorCode.SERVICE_INVALID,
            _t(
                "Тізілімге өзгеріс енгізілмеді.",
                "Изменение в реестр не внесено.",
                "The register is not changed.",
            ),
            fields=errors,
        )
    service.is_via_state_corporation = True
    service.save(update_fields=["is_via_state_corporation", "updated_at"])
    audit_record(
        actor=actor,
        action="registry.service_state_corporation_delivery_enable",
        obj=service,
        before={"is_via_state_corporation": False},
        after={"is_via_state_corporation": True, "decree": reference, "adopted_on": str(adopted_on)},
    )
    return service
