"""REST v1 operations of the `complaints` app (Law 25). Thin: each operation calls a service
or selector; business errors come back as 400 with kk/ru/en text, access as 403."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Header, Router, Schema

from qyzmet.api.auth import client_of, scoped
from qyzmet.complaints import selectors, services
from qyzmet.complaints.enums import ComplaintSource
from qyzmet.complaints.models import Complaint
from qyzmet.core.models import User
from qyzmet.orgs.models import Organisation

router = Router(tags=["complaints"])


class ComplaintFileIn(Schema):
    subject: str
    addressee: str
    # organisation code; empty with an application number: the body that delivered it
    provider: str = ""
    text: str
    application_number: str = ""
    service_code: str = ""
    complainant_bin: str = ""
    # An API client filing for the recipient it identified (complaints:file): their IIN (or
    # ``complainant_bin``) and name. Ignored for a person's session (they file for themselves).
    complainant_iin: str = ""
    complainant_name: str = ""
    phone: str = ""
    email: str = ""
    language: str = ""


class ExtensionOut(Schema):
    ground: str
    reasons: str
    working_days: int
    extended_on: dt.date
    previous_due_on: dt.date
    new_due_on: dt.date
    notice_due_on: dt.date
    notice_channel: str
    notice_sent_on: dt.date | None = None
    notice_late: bool


class ComplaintOut(Schema):
    number: str
    channel: str
    subject: str
    addressee: str
    provider: str
    reviewing_body: str
    application_number: str
    service_code: str
    status: str
    registered_on: dt.date
    original_due_on: dt.date
    due_on: dt.date
    overdue: bool
    outcome: str
    answered_on: dt.date | None = None
    review_term_breached: bool


class ComplaintDetailOut(ComplaintOut):
    text: str
    answer_text: str
    extension: ExtensionOut | None = None


class ExtendIn(Schema):
    ground: str
    reasons: str
    working_days: int


class AnswerIn(Schema):
    outcome: str
    answer_text: str


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _out(c: Complaint, *, detail: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": c.number,
        "channel": c.channel,
        "subject": c.subject,
        "addressee": c.addressee,
        "provider": c.provider.code,
        "reviewing_body": c.reviewing_body.code,
        "application_number": c.application_number,
        "service_code": c.service_code,
        "status": c.status,
        "registered_on": c.registered_on,
        "original_due_on": c.original_due_on,
        "due_on": c.due_on,
        "overdue": c.is_overdue(timezone.localdate()),
        "outcome": c.outcome,
        "answered_on": c.answered_on,
        "review_term_breached": c.review_term_breached,
    }
    if detail:
        ext = getattr(c, "extension", None)
        data["text"] = c.text
        data["answer_text"] = c.answer_text
        data["extension"] = (
            {
                f: getattr(ext, f)
                for f in (
                    "ground",
                    "reasons",
                    "working_days",
                    "extended_on",
                    "previous_due_on",
                    "new_due_on",
                    "notice_due_on",
                    "notice_channel",
                    "notice_sent_on",
                    "notice_late",
                )
            }
            if ext is not None
            else None
        )
    return data


def _get(request: HttpRequest, number: str, *, act: bool = False) -> Complaint:
    complaint = get_object_or_404(
        Complaint.objects.select_related("provider", "reviewing_body"), number=number
    )
    client = client_of(request)
    if client is not None and not act:
        # ``complaints:read``: about or addressed to its organisation, or filed by it.
        return selectors.access_complaint_by_client(
            organisation=client.organisation,
            user=client.user,
            scopes=client.scopes or [],
            complaint=complaint,
        )
    return selectors.access_complaint(user=_user(request), complaint=complaint, act=act)


@router.post(
    "/complaints", response=ComplaintDetailOut, auth=scoped("complaints:file"), operation_id="complaint_file"
)
def complaint_file(
    request: HttpRequest,
    payload: ComplaintFileIn,
    idempotency_key: str = Header("", alias="Idempotency-Key"),
) -> dict[str, Any]:
    """File an electronic complaint (Law 25.2: reviewed in 5 or 15 working days). Without
    ``provider`` the complaint about ``application_number`` goes to the body that delivered it.

    ``Idempotency-Key`` (one per filing, per filer; its first 100 characters are kept): a request
    sent again with the same key and the same body (after a connection reset or a 5xx) gets
    the complaint registered the first time, nothing is filed twice; the same key with another
    body is refused with 422 ``idempotency_key_reused`` and nothing is filed."""
    provider = get_object_or_404(Organisation, code=payload.provider) if payload.provider else None
    client = client_of(request)
    complaint = services.complaint_file(
        actor=_user(request),
        subject=payload.subject,
        addressee=payload.addressee,
        provider=provider,
        text=payload.text,
        application_number=payload.application_number,
        service_code=payload.service_code,
        complainant_bin=payload.complainant_bin,
        phone=payload.phone,
        email=payload.email,
        language=payload.language,
        source=ComplaintSource.API,
        complainant_iin=payload.complainant_iin if client else None,
        complainant_name=payload.complainant_name if client else None,
        idempotency_key=idempotency_key[:100],
    )
    return _out(complaint, detail=True)


@router.get(
    "/complaints", response=list[ComplaintOut], auth=scoped("complaints:read"), operation_id="complaint_list"
)
def complaint_list(request: HttpRequest, mine: bool = False) -> list[dict[str, Any]]:
    """Staff: the complaints they may see (by due date); recipients (or ``mine=true``): their own.
    An API client (``complaints:read``): those about or addressed to its organisation and its
    subordinate bodies, and those it filed (``mine=true``: only those it filed)."""
    user = _user(request)
    client = client_of(request)
    if client is not None and not mine:
        qs = selectors.complaint_list_for_client(
            organisation=client.organisation, user=client.user, scopes=client.scopes or []
        )
        return [_out(c) for c in qs[:500]]
    qs = selectors.complaint_list_own(user=user) if mine else selectors.complaint_list_for(user=user)
    if not mine and not qs.exists():
        qs = selectors.complaint_list_own(user=user)
    return [_out(c) for c in qs[:500]]


@router.get(
    "/complaints/{number}",
    response=ComplaintDetailOut,
    auth=scoped("complaints:read"),
    operation_id="complaint_detail",
)
def complaint_detail(request: HttpRequest, number: str) -> dict[str, Any]:
    return _out(_get(request, number), detail=True)


@router.post(
    "/complaints/{number}/extend",
    response=ComplaintDetailOut,
    auth=scoped("complaints:review"),
    operation_id="complaint_extend",
)
def complaint_extend(request: HttpRequest, number: str, payload: ExtendIn) -> dict[str, Any]:
    """Law 25.4: extend once by at most 10 working days on a ground (extra_study, on_site_check,
    more_information), with reasons told to the complainant within 3 working days."""
    complaint = _get(request, number, act=True)
    services.complaint_extend(
        complaint=complaint,
        actor=_user(request),
        ground=payload.ground,
        reasons=payload.reasons,
        working_days=payload.working_days,
    )
    return _out(_get(request, number), detail=True)


@router.post(
    "/complaints/{number}/answer",
    response=ComplaintDetailOut,
    auth=scoped("complaints:review"),
    operation_id="complaint_answer",
)
def complaint_answer(request: HttpRequest, number: str, payload: AnswerIn) -> dict[str, Any]:
    """The reasoned answer: satisfied, partly_satisfied or rejected."""
    complaint = _get(request, number, act=True)
    services.complaint_answer(
        complaint=complaint, actor=_user(request), outcome=payload.outcome, answer_text=payload.answer_text
    )
    return _out(_get(request, number), detail=True)
