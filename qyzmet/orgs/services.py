"""Writes of organisations and staff positions.

The hierarchy of Law 1.4 and 11: central state bodies, the akimats of oblasts, the capital and
cities of republican significance stand at the top; districts and cities of oblast
significance under an oblast; akims of towns, settlements, villages and rural districts under a
district (or a city of oblast significance); State Corporation branches (Public Service
Centres, Law 1.1, 11-1) under the State Corporation; foreign institutions under a central
state body (the MFA).
"""

from __future__ import annotations

from types import EllipsisType
from typing import Any

from django.db import transaction

from qyzmet.core.errors import ApplicationError
from qyzmet.core.identity import is_valid_bin
from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.orgs.enums import PROVIDER_KINDS, OrganisationKind, StaffRole
from qyzmet.orgs.errors import OrgsErrorCode
from qyzmet.orgs.models import Organisation, RecipientCompany, StaffPosition
from qyzmet.workcalendar.schedule import ScheduleError, schedule_validate

K = OrganisationKind

# Law 1.4, 11: the kinds a parent of each kind may have; ``None`` means "top level".
ALLOWED_PARENT_KINDS: dict[str, frozenset[str | None]] = {
    K.CENTRAL_STATE_BODY: frozenset({None}),
    K.FOREIGN_INSTITUTION: frozenset({K.CENTRAL_STATE_BODY}),
    K.OBLAST_AKIMAT: frozenset({None}),
    K.CITY_REPUBLICAN_AKIMAT: frozenset({None}),
    K.CAPITAL_AKIMAT: frozenset({None}),
    K.DISTRICT_AKIMAT: frozenset({K.OBLAST_AKIMAT}),
    K.CITY_OBLAST_AKIMAT: frozenset({K.OBLAST_AKIMAT}),
    K.CITY_DISTRICT_AKIM: frozenset({K.CITY_REPUBLICAN_AKIMAT, K.CAPITAL_AKIMAT, K.CITY_OBLAST_AKIMAT}),
    K.TOWN_AKIM: frozenset({K.DISTRICT_AKIMAT}),
    K.SETTLEMENT_AKIM: frozenset({K.DISTRICT_AKIMAT, K.CITY_OBLAST_AKIMAT}),
    K.VILLAGE_AKIM: frozenset({K.DISTRICT_AKIMAT, K.CITY_OBLAST_AKIMAT}),
    K.RURAL_DISTRICT_AKIM: frozenset({K.DISTRICT_AKIMAT, K.CITY_OBLAST_AKIMAT}),
    K.OTHER_PROVIDER: frozenset({None, *OrganisationKind.values}),
    K.STATE_CORPORATION: frozenset({None}),
    K.STATE_CORPORATION_BRANCH: frozenset({K.STATE_CORPORATION}),
    K.CONTACT_CENTRE: frozenset({None, K.CENTRAL_STATE_BODY, K.STATE_CORPORATION}),
    K.RECEPTION_CENTRE: frozenset({None}),
    K.GOVERNMENT_APPARATUS: frozenset({None}),
    K.APPARATUS_DEPARTMENT: frozenset({K.GOVERNMENT_APPARATUS}),
    K.OTHER_COMPETENT_BODY: frozenset({None, K.CENTRAL_STATE_BODY}),
}

# Roles tied to one kind of organisation (Law 11-1.2, 1.9; CRC 1). Other roles are free.
ROLE_KINDS: dict[str, frozenset[str]] = {
    StaffRole.PROVIDER_OFFICER: PROVIDER_KINDS,
    StaffRole.PROVIDER_HEAD: PROVIDER_KINDS,
    StaffRole.STATE_CORPORATION_OPERATOR: frozenset({K.STATE_CORPORATION, K.STATE_CORPORATION_BRANCH}),
    StaffRole.CONTACT_CENTRE_OPERATOR: frozenset({K.CONTACT_CENTRE}),
    StaffRole.RECEPTION_STAFF: frozenset({K.RECEPTION_CENTRE}),
    StaffRole.RECEPTION_HEAD: frozenset({K.RECEPTION_CENTRE}),
    StaffRole.APPEALS_DEPARTMENT_OFFICER: frozenset({K.APPARATUS_DEPARTMENT}),
    StaffRole.HEAD_OF_APPARATUS: frozenset({K.GOVERNMENT_APPARATUS}),
}

# The fields an administrator may set on an organisation, in the order the admin shows them.
UPDATABLE_FIELDS: tuple[str, ...] = (
    "name_kk",
    "name_ru",
    "short_name_kk",
    "short_name_ru",
    "bin",
    "region",
    "address",
    "phone",
    "email",
    "is_quality_authority",
    "is_public_services_authority",
    "is_informatization_authority",
    "is_quasi_state_sector",
    "is_active",
    "working_schedule",
)


def _kind_label(kind: str | None, lang: str) -> str:
    if kind is None:
        return {"kk": "жоғарғы деңгей", "ru": "верхний уровень", "en": "top level"}[lang]
    return str(OrganisationKind(kind).label)


def organisation_check_parent(*, kind: str, parent: Organisation | None) -> None:
    """Law 1.4, 11: refuse a parent the hierarchy forbids for ``kind``."""
    allowed = ALLOWED_PARENT_KINDS.get(kind, frozenset({None}))
    parent_kind = parent.kind if parent is not None else None
    if parent_kind in allowed:
        return
    if parent is None:
        messages = {
            "kk": "Бұл түрдегі ұйымның жоғары тұрған органы болуы керек (Заң 1.4, 11-бап).",
            "ru": "У организации этого вида должен быть вышестоящий орган (Закон, ст. 1.4, 11).",
            "en": "An organisation of this kind must have a parent body (Law 1.4, 11).",
        }
    else:
        messages = {
            "kk": f"«{parent.name_kk}» бұл түрдегі ұйымның жоғары тұрған органы бола алмайды "
            "(Заң 1.4, 11-бап).",
            "ru": f"«{parent.name_ru}» не может быть вышестоящим органом для организации этого вида "
            "(Закон, ст. 1.4, 11).",
            "en": f"“{parent.code}” cannot be the parent of an organisation of this kind (Law 1.4, 11).",
        }
    raise ApplicationError(
        OrgsErrorCode.PARENT_KIND_FORBIDDEN,
        messages,
        fields={"parent": messages},
        extra={"kind": kind, "parent_kind": parent_kind},
    )


def _check_bin(bin_: str) -> None:
    if bin_ and not is_valid_bin(bin_):
        msg = {
            "kk": "БСН жарамсыз: 12 цифр және бақылау разряды дұрыс болуы керек.",
            "ru": "БИН недействителен: 12 цифр с правильным контрольным разрядом.",
            "en": "Invalid BIN: 12 digits with a valid check digit.",
        }
        raise ApplicationError(OrgsErrorCode.INVALID_BIN, msg, fields={"bin": msg})


def organisation_check_working_schedule(*, kind: str, value: Any) -> dict[str, Any]:
    """Law 20.1, STD 9 (ADR 0018): a State Corporation branch may keep its own working
    schedule (validated, stored normalised); other organisations keep none here (a provider's
    hours are in the standard). Empty means "the standard's State Corporation schedule"."""
    if not value:
        return {}
    if kind != OrganisationKind.STATE_CORPORATION_BRANCH:
        msg = {
            "kk": "Өз жұмыс кестесін тек Мемлекеттік корпорацияның филиалы жүргізеді; қызмет берушінің "
            "кестесі қызмет стандартында (Үлгі стандарттың 9-тармағы).",
            "ru": "Собственный график работы ведёт только филиал Государственной корпорации; график "
            "услугодателя указан в стандарте услуги (пункт 9 Типового стандарта).",
            "en": "Only a State Corporation branch keeps its own working schedule here; a provider's "
            "hours are in the service's standard (STD 9).",
        }
        raise ApplicationError(OrgsErrorCode.SCHEDULE_NOT_A_BRANCH, msg, fields={"working_schedule": msg})
    try:
        return schedule_validate(value).to_json()
    except ScheduleError as exc:
        raise ApplicationError(
            OrgsErrorCode.SCHEDULE_INVALID, exc.messages, fields={"working_schedule": exc.messages}
        ) from exc


def _path_for(*, code: str, parent: Organisation | None) -> tuple[str, int]:
    if parent is None:
        return f"/{code}/", 0
    return f"{parent.path}{code}/", parent.depth + 1


@transaction.atomic
def organisation_create(
    *,
    code: str,
    kind: str,
    name_kk: str,
    name_ru: str,
    parent: Organisation | None = None,
    actor: User | None = None,
    **fields: Any,
) -> Organisation:
    """Create an organisation in the Law 1.4/11 hierarchy, maintaining ``path`` and ``depth``
    (audited)."""
    unknown = set(fields) - set(UPDATABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown organisation fields: {sorted(unknown)}")
    if kind not in OrganisationKind.values:
        raise ValueError(f"unknown organisation kind {kind!r}")
    organisation_check_parent(kind=kind, parent=parent)
    _check_bin(fields.get("bin", ""))
    if "working_schedule" in fields:
        fields["working_schedule"] = organisation_check_working_schedule(
            kind=kind, value=fields["working_schedule"]
        )
    if Organisation.objects.filter(code=code).exists():
        msg = {
            "kk": f"«{code}» коды бар ұйым бұрыннан бар.",
            "ru": f"Организация с кодом «{code}» уже существует.",
            "en": f"An organisation with code “{code}” already exists.",
        }
        raise ApplicationError(OrgsErrorCode.CODE_TAKEN, msg, fields={"code": msg})
    path, depth = _path_for(code=code, parent=parent)
    organisation = Organisation(
        code=code,
        kind=kind,
        name_kk=name_kk,
        name_ru=name_ru,
        parent=parent,
        path=path,
        depth=depth,
        **fields,
    )
    organisation.full_clean()
    organisation.save()
    audit_record(
        actor=actor,
        action="orgs.organisation_create",
        obj=organisation,
        after={"code": code, "kind": kind, "parent": parent.code if parent else None},
    )
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    kind: str | None = None,
    parent: Organisation | EllipsisType | None = ...,
    actor: User | None = None,
    **fields: Any,
) -> Organisation:
    """Change names, contacts, flags; a new ``kind`` or ``parent`` is checked against the
    hierarchy (Law 1.4, 11) and the whole subtree's ``path`` is rewritten."""
    unknown = set(fields) - set(UPDATABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown organisation fields: {sorted(unknown)}")
    new_kind = kind if kind is not None else organisation.kind
    new_parent: Organisation | None = organisation.parent if isinstance(parent, EllipsisType) else parent
    if new_parent is not None and new_parent.path.startswith(organisation.path):
        msg = {
            "kk": "Ұйымды өзінің бағынысты органына бағындыруға болмайды.",
            "ru": "Нельзя подчинить организацию её собственному подчинённому органу.",
            "en": "An organisation cannot be placed under its own subordinate body.",
        }
        raise ApplicationError(OrgsErrorCode.PARENT_CYCLE, msg, fields={"parent": msg})
    organisation_check_parent(kind=new_kind, parent=new_parent)
    for child in organisation.children.all():
        organisation_check_parent(
            kind=child.kind,
            parent=Organisation(
                kind=new_kind,
                code=organisation.code,
                name_kk=organisation.name_kk,
                name_ru=organisation.name_ru,
            ),
        )
    if "bin" in fields:
        _check_bin(fields["bin"])
    if "working_schedule" in fields:
        fields["working_schedule"] = organisation_check_working_schedule(
            kind=new_kind, value=fields["working_schedule"]
        )
    elif new_kind != organisation.kind and organisation.working_schedule:
        organisation_check_working_schedule(kind=new_kind, value=organisation.working_schedule)
    changed: list[str] = []
    before: dict[str, Any] = {}
    for name, value in fields.items():
        if getattr(organisation, name) != value:
            before[name] = getattr(organisation, name)
            setattr(organisation, name, value)
            changed.append(name)
    if new_kind != organisation.kind:
        before["kind"] = organisation.kind
        organisation.kind = new_kind
        changed.append("kind")
    old_path = organisation.path
    if (new_parent.pk if new_parent else None) != organisation.parent_id:
        before["parent"] = organisation.parent.code if organisation.parent else None
        organisation.parent = new_parent
        organisation.path, organisation.depth = _path_for(code=organisation.code, parent=new_parent)
        changed += ["parent", "path", "depth"]
    if not changed:
        return organisation
    organisation.full_clean()
    organisation.save(update_fields=[*changed, "updated_at"])
    audit_record(
        actor=actor,
        action="orgs.organisation_update",
        obj=organisation,
        before={k: _plain(v) for k, v in before.items()},
        after={k: _plain(getattr(organisation, k)) for k in before},
    )
    if organisation.path != old_path:
        delta = organisation.depth - old_path.count("/") + 2
        for node in Organisation.objects.filter(path__startswith=old_path).exclude(pk=organisation.pk):
            node.path = organisation.path + node.path[len(old_path) :]
            node.depth = node.depth + delta
            node.save(update_fields=["path", "depth", "updated_at"])
    return organisation


def _plain(value: Any) -> Any:
    if isinstance(value, Organisation):
        return value.code
    if value is None or isinstance(value, (str, int, bool, float)):
        return value
    return str(value)


def _role_kind_error(*, role: str, organisation: Organisation) -> ApplicationError:
    role_label = StaffRole(role).label
    msg = {
        "kk": f"«{role_label}» рөлін «{organisation.name_kk}» ұйымында беруге болмайды.",
        "ru": f"Роль «{role_label}» нельзя назначить в организации «{organisation.name_ru}».",
        "en": f"The role “{role}” cannot be held in “{organisation.code}”.",
    }
    return ApplicationError(OrgsErrorCode.ROLE_KIND_MISMATCH, msg, fields={"role": msg})


def staff_position_check(*, organisation: Organisation, role: str) -> None:
    """Law 11-1.2, 1.9, CRC 1: the role suits the kind of organisation, which is active."""
    allowed = ROLE_KINDS.get(role)
    if allowed is not None and organisation.kind not in allowed:
        raise _role_kind_error(role=role, organisation=organisation)
    if not organisation.is_active:
        msg = {
            "kk": "Ұйым белсенді емес: оған лауазым беруге болмайды.",
            "ru": "Организация неактивна: назначить в неё должность нельзя.",
            "en": "The organisation is inactive: no position can be created in it.",
        }
        raise ApplicationError(OrgsErrorCode.ORGANISATION_INACTIVE, msg, fields={"organisation": msg})


@transaction.atomic
def staff_position_create(
    *, user: User, organisation: Organisation, role: str, actor: User | None = None
) -> StaffPosition:
    """Give ``user`` the ``role`` in ``organisation`` (an inactive identical position is
    reactivated). Operators sit in State Corporation branches (Law 11-1.2), contact-centre
    operators in the UCC (Law 1.9), reception staff in the CRC (CRC 1)."""
    if role not in StaffRole.values:
        raise ValueError(f"unknown role {role!r}")
    staff_position_check(organisation=organisation, role=role)
    position = StaffPosition.objects.filter(user=user, organisation=organisation, role=role).first()
    if position is not None:
        if not position.is_active:
            position.is_active = True
            position.save(update_fields=["is_active", "updated_at"])
            _audit_position(actor, "orgs.position_reactivate", position)
        return position
    position = StaffPosition.objects.create(user=user, organisation=organisation, role=role)
    _audit_position(actor, "orgs.position_create", position)
    return position


def _audit_position(actor: User | None, action: str, position: StaffPosition) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=position,
        after={
            "user": position.user.username,
            "organisation": position.organisation.code,
            "role": position.role,
            "is_active": position.is_active,
        },
    )


@transaction.atomic
def staff_position_deactivate(*, position: StaffPosition, actor: User | None = None) -> StaffPosition:
    """End a position: it grants nothing any more (kept for the audit trail)."""
    if position.is_active:
        position.is_active = False
        position.save(update_fields=["is_active", "updated_at"])
        _audit_position(actor, "orgs.position_deactivate", position)
    return position


@transaction.atomic
def recipient_company_create(*, bin: str, name_kk: str, name_ru: str, director: User) -> RecipientCompany:
    """Record a legal-entity recipient (Law 1.3) and the user acting for it."""
    _check_bin(bin)
    if RecipientCompany.objects.filter(bin=bin).exists():
        msg = {
            "kk": "Бұл БСН-мен компания бұрыннан тіркелген.",
            "ru": "Компания с этим БИН уже зарегистрирована.",
            "en": "A company with this BIN is already registered.",
        }
        raise ApplicationError(OrgsErrorCode.CODE_TAKEN, msg, fields={"bin": msg})
    return RecipientCompany.objects.create(bin=bin, name_kk=name_kk, name_ru=name_ru, director=director)
