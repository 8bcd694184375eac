"""REST v1 operations of the `reception` app. Thin: each operation calls a service or selector."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from qyzmet.api.auth import scoped
from qyzmet.core.errors import AccessDenied
from qyzmet.orgs.models import Organisation
from qyzmet.reception import selectors, services
from qyzmet.reception.enums import AnswerMethod, AppealForm, ApplicantType, LegalArea
from qyzmet.reception.models import Desk, Hall, Zone

router = Router(tags=["reception"])


class TicketIssueIn(Schema):
    hall: str
    zone: str
    language: str
    competent_body: str = ""  # CRC 19: the code of the body a Consultation ticket waits for
    visitor_iin: str = ""
    visitor_document: str = ""
    visitor_name: str = ""
    purpose: str = ""


class TicketOut(Schema):
    id: int
    code: str
    zone: str
    status: str
    language: str
    desk: int | None = None
    competent_body: str | None = None


def _ticket_out(t: Any) -> dict[str, Any]:
    return {
        "id": t.pk,
        "code": t.code,
        "zone": t.zone.kind,
        "status": t.status,
        "language": t.language,
        "desk": t.desk.number if t.desk else None,
        "competent_body": t.competent_body.code if t.competent_body else None,
    }


@router.post("/tickets", response=TicketOut, auth=scoped("reception:write"))
def ticket_issue(request: HttpRequest, payload: TicketIssueIn) -> dict[str, Any]:
    hall = get_object_or_404(Hall, code=payload.hall)
    selectors.access_hall(user=request.user, hall=hall)  # type: ignore[arg-type]
    zone = get_object_or_404(Zone, hall=hall, kind=payload.zone)
    body = (
        Organisation.objects.filter(code=payload.competent_body).first() if payload.competent_body else None
    )
    ticket = services.ticket_issue(
        actor=request.user,  # type: ignore[arg-type]
        zone=zone,
        language=payload.language,
        competent_body=body,
        visitor_iin=payload.visitor_iin,
        visitor_document=payload.visitor_document,
        visitor_name=payload.visitor_name,
        purpose=payload.purpose,
    )
    return _ticket_out(ticket)


@router.post("/desks/{desk_id}/call-next", response=TicketOut, auth=scoped("reception:write"))
def ticket_call_next(request: HttpRequest, desk_id: int) -> dict[str, Any]:
    desk = selectors.access_desk(user=request.user, desk=get_object_or_404(Desk, pk=desk_id))  # type: ignore[arg-type]
    return _ticket_out(services.ticket_call_next(actor=request.user, desk=desk))  # type: ignore[arg-type]


@router.get("/board/{hall}", auth=None)
def board_state(request: HttpRequest, hall: str) -> dict[str, Any]:
    """CRC 14: the public board state (ticket numbers only)."""
    return selectors.board_state(hall=get_object_or_404(Hall, code=hall))


class AppealIn(Schema):
    kind: str
    form: str = AppealForm.WRITTEN
    language: str = "kk"
    competent_bodies: list[str]
    substance: str = ""
    appeal_date: dt.date | None = None
    signed: bool = False
    applicant_type: str = ApplicantType.INDIVIDUAL
    is_collective: bool = False
    surname: str = ""
    first_name: str = ""
    patronymic: str = ""
    iin: str = ""
    entity_name: str = ""
    bin: str = ""
    postal_address: str = ""
    email: str = ""
    attachments: list[str] = []
    attachment_count: int = 0
    by_representative: bool = False
    representative_kind: str = ""
    representative_name: str = ""
    representative_iin: str = ""
    power_of_attorney: str = ""
    power_of_attorney_date: dt.date | None = None
    appointment_order: str = ""
    appointment_order_date: dt.date | None = None
    original_language: str = ""
    translation_notarised: bool = False
    legal_area: str = LegalArea.GENERAL
    data_consent: bool = False
    paper_only: bool = False
    paper_reason: str = ""
    answer_method: str = AnswerMethod.IN_PERSON


class AppealOut(Schema):
    number: str
    kind: str
    status: str
    competent_body: str
    registered_at: dt.datetime
    split_group: str | None = None


def _appeal_out(a: Any) -> dict[str, Any]:
    return {
        "number": a.number,
        "kind": a.kind,
        "status": a.status,
        "competent_body": a.competent_body.code,
        "registered_at": a.registered_at,
        "split_group": str(a.split_group) if a.split_group else None,
    }


@router.post("/appeals", response=list[AppealOut], auth=scoped("reception:write"))
def appeal_register(request: HttpRequest, payload: AppealIn) -> list[dict[str, Any]]:
    """CRC 17: as the Result desk registers it. Scans are not taken here: an appeal that needs
    them (a representative's, one with attachments entered electronically) is refused, naming
    each, and is registered on the desk's pages."""
    hall = selectors.hall_list_for(user=request.user).first()  # type: ignore[arg-type]
    if hall is None:
        raise AccessDenied()
    data = payload.dict()
    codes = data.pop("competent_bodies")
    data["attachments"] = tuple(data["attachments"])
    bodies = list(Organisation.objects.filter(code__in=codes))
    appeals = services.appeal_register(
        actor=request.user,  # type: ignore[arg-type]
        centre=hall.centre,
        details=services.AppealDetails(**data),
        competent_bodies=bodies,
    )
    return [_appeal_out(a) for a in appeals]


@router.get("/appeals", response=list[AppealOut], auth=scoped("reception:read"))
def appeal_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Reception staff: their centre's appeals; a competent body's officer: the body's."""
    return [_appeal_out(a) for a in selectors.appeal_list_for(user=request.user)[:500]]  # type: ignore[arg-type]
