"""A small world for the service and page tests, and steps that walk a cycle through the
services (each test takes it as far as it needs)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from qyzmet.core.models import User
from qyzmet.pscselection import services
from qyzmet.pscselection.enums import ConclusionKind, Criterion, MeetingForm
from qyzmet.pscselection.models import Cycle, ListEntry, Meeting, Proposal, Protocol, RegisterAmendment
from qyzmet.registry.models import Service

from .factories import Body, authority_officer, body, chair, decided, registry_admin, secretary, service

D = dt.date
YEAR = 2026
DAY_2026_02_16 = D(2026, 2, 16)
DAY_2026_03_18 = D(2026, 3, 18)
DAY_2026_04_17 = D(2026, 4, 17)
DAY_2026_04_28 = D(2026, 4, 28)
DAY_2026_05_06 = D(2026, 5, 6)
DAY_2026_06_24 = D(2026, 6, 24)
DAY_2026_09_02 = D(2026, 9, 2)


@dataclass
class World:
    officer: User  # the informatization (and public-services) authority
    secretary: User
    chair: User
    keeper: User  # the registry administrator
    health: Body  # a central state body
    certificate: Service  # 1,200 in 2025, informational: a candidate
    licence: Service  # 998 in 2025, proposed by the body
    duplicate: Service  # 1,000 in 2025, a duplicate: a candidate

    @property
    def cycle(self) -> Cycle:
        return services.cycle_for(YEAR)


def make_world() -> World:
    health = body()
    certificate = service(responsible_body=health.org)
    licence = service(responsible_body=health.org, informational=False, licence=True)
    duplicate = service(informational=False, duplicate=True)
    decided(certificate, 1200)
    decided(licence, 998)
    decided(duplicate, 1000)
    return World(
        authority_officer(), secretary(), chair(), registry_admin(), health, certificate, licence, duplicate
    )


def propose(w: World, *, on: dt.date = DAY_2026_02_16) -> Proposal:
    proposal = services.proposal_create(actor=w.health.officer, body=w.health.org, year=YEAR)
    services.proposal_item_add(
        actor=w.health.officer,
        proposal=proposal,
        service=w.licence,
        criterion=Criterion.LICENCE_OR_PERMIT,
        yearly_volume=1050,
        current_channels=["provider", "egov_portal"],
        reasons="Өтініш берушілер ХҚО-ға жиі келеді",
    )
    return services.proposal_submit(actor=w.health.head, proposal=proposal, submitted_on=on)


def form_list(w: World, *, on: dt.date = DAY_2026_03_18) -> None:
    services.selection_list_form(actor=w.officer, cycle=w.cycle, formed_on=on)


def entry(w: World, svc: Service) -> ListEntry:
    return ListEntry.objects.get(selection_list__cycle=w.cycle, service=svc)


def send_list(w: World, *, on: dt.date = DAY_2026_04_17) -> None:
    services.list_entry_exclude(actor=w.officer, entry=entry(w, w.licence), reason="Жылына 1000-нан аз")
    services.selection_list_send(actor=w.officer, selection_list=w.cycle.selection_list, sent_on=on)


def meet(w: World, *, on: dt.date = DAY_2026_04_28, form: str = MeetingForm.IN_PERSON) -> Meeting:
    meeting = services.meeting_record(actor=w.secretary, cycle=w.cycle, held_on=on, form=form)
    services.conclusion_record(
        actor=w.secretary,
        meeting=meeting,
        entry=entry(w, w.certificate),
        kind=ConclusionKind.POSITIVE,
        reasons="Анықтама ХҚО-да бір күнде беріледі",
    )
    services.conclusion_record(
        actor=w.secretary,
        meeting=meeting,
        entry=entry(w, w.duplicate),
        kind=ConclusionKind.NEGATIVE,
        reasons="Телнұсқа түпнұсқаның мұрағатынан ғана беріледі",
    )
    return services.meeting_adopt(actor=w.chair, meeting=meeting, adopted_on=on)


def send_protocol(w: World, meeting: Meeting, *, on: dt.date = DAY_2026_05_06) -> Protocol:
    return services.protocol_send(actor=w.officer, meeting=meeting, sent_on=on)


def prepare(w: World, protocol: Protocol, *, on: dt.date = DAY_2026_06_24) -> RegisterAmendment:
    return services.amendment_prepare(
        actor=w.officer, protocol=protocol, draft_title="Тізілімге өзгерістер енгізу туралы", prepared_on=on
    )


def apply(w: World, amendment: RegisterAmendment, *, on: dt.date = DAY_2026_09_02) -> RegisterAmendment:
    return services.amendment_apply(
        actor=w.keeper,
        amendment=amendment,
        decree_reference="ҚР Үкіметінің 2026 жылғы 2 қыркүйектегі № 700 қаулысы",
        adopted_on=on,
    )


def through_protocol(w: World) -> Protocol:
    propose(w)
    form_list(w)
    send_list(w)
    return send_protocol(w, meet(w))
