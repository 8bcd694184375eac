"""Test factories of personal reception (CRC 20-23): the people of each step and a schedule
taken through the steps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory, UserFactory
from qyzmet.reception import personal_services as ps
from qyzmet.reception.enums import ZoneKind
from qyzmet.reception.models import Hall, ReceptionSchedule
from qyzmet.reception.services import desk_assign

# The suite's clock is Monday 23 November 2026, 16:00 (conftest.SUITE_NOW). The reception is on
# Monday 30 November; its list is fixed on Thursday 26 November (CRC 21).
RECEPTION_DAY = dt.date(2026, 11, 30)
LOCK_DAY = dt.date(2026, 11, 26)


def _staff(username: str, role: str, organisation: Organisation, **kw: Any) -> Any:
    user = UserFactory.create(username=username, email=f"{username}@example.kz", **kw)
    StaffPositionFactory.create(user=user, organisation=organisation, role=role)
    return user


@dataclass
class People:
    centre: Organisation
    hall: Hall
    ministry: Organisation
    other_ministry: Organisation
    officer: Any  # the ministry's officer: drafts, escorts, owns follow-ups
    ministry_head: Any
    executive: Any  # another of the ministry's staff, owner of a follow-up
    other_officer: Any
    reception: Any  # the centre's reception staff (State Corporation)
    centre_head: Any
    department: Any
    head: Any  # Head of the Government Apparatus
    operator_1414: Any
    consultant: Any  # the ministry's worker at a Consultation desk
    other_consultant: Any


def people_make(*, centre: Organisation, hall: Hall) -> People:
    ministry = OrganisationFactory.create(
        kind=OrganisationKind.CENTRAL_STATE_BODY,
        code="minlabour-t",
        name_kk="Еңбек министрлігі",
        name_ru="Министерство труда",
    )
    other = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY, code="minhealth-t")
    apparatus = OrganisationFactory.create(kind=OrganisationKind.GOVERNMENT_APPARATUS, code="apparatus-t")
    department = OrganisationFactory.create(
        kind=OrganisationKind.APPARATUS_DEPARTMENT, code="appeals-dept-t", parent=apparatus
    )
    ucc = OrganisationFactory.create(kind=OrganisationKind.CONTACT_CENTRE, code="ucc-t")
    p = People(
        centre=centre,
        hall=hall,
        ministry=ministry,
        other_ministry=other,
        officer=_staff(
            "officer.t", StaffRole.PROVIDER_OFFICER, ministry, last_name="Төлегенов", first_name="Ерлан"
        ),
        ministry_head=_staff("head.t", StaffRole.PROVIDER_HEAD, ministry),
        executive=_staff(
            "executive.t", StaffRole.PROVIDER_OFFICER, ministry, last_name="Әлиева", first_name="Дана"
        ),
        other_officer=_staff("other.t", StaffRole.PROVIDER_OFFICER, other),
        reception=_staff("reception.t", StaffRole.RECEPTION_STAFF, centre),
        centre_head=_staff("centre.head.t", StaffRole.RECEPTION_HEAD, centre),
        department=_staff(
            "department.t", StaffRole.APPEALS_DEPARTMENT_OFFICER, department, preferred_language="ru"
        ),
        head=_staff("apparatus.head.t", StaffRole.HEAD_OF_APPARATUS, apparatus),
        operator_1414=_staff("op1414.t", StaffRole.CONTACT_CENTRE_OPERATOR, ucc, preferred_language="ru"),
        consultant=_staff("consultant.t", StaffRole.PROVIDER_OFFICER, ministry),
        other_consultant=_staff("consultant2.t", StaffRole.PROVIDER_OFFICER, other),
    )
    consult = hall.zones.get(kind=ZoneKind.CONSULTATION)
    desk_assign(actor=None, desk=consult.desks.get(number=1), organisation=ministry, operator=p.consultant)
    desk_assign(actor=None, desk=consult.desks.get(number=2), organisation=other, operator=p.other_consultant)
    return p


def schedule_drafted(p: People, *, day: dt.date = RECEPTION_DAY, **kw: Any) -> ReceptionSchedule:
    fields: dict[str, Any] = {
        "official_name_kk": "Ертаев С. К.",
        "official_name_ru": "Ертаев С. К.",
        "position_kk": "Еңбек және халықты әлеуметтік қорғау министрі",
        "position_ru": "Министр труда и социальной защиты населения",
        "day": day,
        "starts_at": dt.time(15, 0),
        "ends_at": dt.time(18, 0),
    }
    fields.update(kw)
    return ps.schedule_draft(actor=p.officer, organisation=p.ministry, **fields)


def schedule_approved(p: People, **kw: Any) -> ReceptionSchedule:
    s = schedule_drafted(p, **kw)
    ps.schedule_submit(actor=p.officer, schedule=s)
    ps.schedule_agree(actor=p.department, schedule=s)
    return ps.schedule_approve(actor=p.head, schedule=s)


def approved_schedule_for(organisation: Organisation, *, day: dt.date, **kw: Any) -> ReceptionSchedule:
    """A reception of ``organisation`` taken through CRC 20 by fresh actors of each step."""
    apparatus = OrganisationFactory.create(kind=OrganisationKind.GOVERNMENT_APPARATUS)
    department = OrganisationFactory.create(kind=OrganisationKind.APPARATUS_DEPARTMENT, parent=apparatus)
    officer = _staff(f"drafts.{organisation.code}", StaffRole.PROVIDER_OFFICER, organisation)
    agrees = _staff(f"agrees.{organisation.code}", StaffRole.APPEALS_DEPARTMENT_OFFICER, department)
    approves = _staff(f"approves.{organisation.code}", StaffRole.HEAD_OF_APPARATUS, apparatus)
    fields: dict[str, Any] = {
        "official_name_kk": "Ертаев С. К.",
        "official_name_ru": "Ертаев С. К.",
        "position_kk": "Министр",
        "position_ru": "Министр",
        "day": day,
        "starts_at": dt.time(15, 0),
        "ends_at": dt.time(18, 0),
    }
    fields.update(kw)
    s = ps.schedule_draft(actor=officer, organisation=organisation, **fields)
    ps.schedule_submit(actor=officer, schedule=s)
    ps.schedule_agree(actor=agrees, schedule=s)
    return ps.schedule_approve(actor=approves, schedule=s)
