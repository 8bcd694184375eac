"""REST v1 operations for "one application" (Law 1.1-2, 4.1.4-1): the composite services
(public, like the catalogue), a composite application submitted on channel ``api`` (Law 18.6)
with the checks of the portal form, and a parent read with its children. Thin: selectors read,
``composite_application_submit`` writes; errors in the API's format (``qyzmet.api.errors``).

Documents: give each document once, as any of the ``required_documents`` ids the list names
for it; it goes to every member service whose standard asks for it (ADR 0022). ``providers``
maps a member service's code to the code of the organisation that delivers it (Law 1.4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Header, Router, Schema

from qyzmet.api.auth import scoped
from qyzmet.api.delivery import DocumentIn
from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import User
from qyzmet.delivery import selectors, services
from qyzmet.delivery.enums import Channel
from qyzmet.delivery.models import Application, CompositeService
from qyzmet.delivery.selectors_composite import (
    CompositePlan,
    access_composite_application,
    composite_plan,
    composite_service_get,
    composite_service_list,
)

router = Router(tags=["delivery"])


class ProviderOut(Schema):
    code: str
    name_kk: str
    name_ru: str


class TermOut(Schema):
    channel: str
    term_amount: int
    term_unit: str


class MemberServiceOut(Schema):
    code: str
    name_kk: str
    name_ru: str
    providers: list[ProviderOut]
    terms: list[TermOut]
    offered_on_api: bool


class CompositeFieldOut(Schema):
    code: str
    label_kk: str
    label_ru: str
    datatype: str
    required: bool
    choices: list[dict[str, Any]]
    services: list[str]


class CompositeDocumentOut(Schema):
    required_documents: list[int]
    name_kk: str
    name_ru: str
    expires: bool
    validity_days: int | None
    privileged_only: bool
    services: list[str]


class CompositeServiceOut(Schema):
    code: str
    name_kk: str
    name_ru: str
    description_kk: str
    description_ru: str
    life_situation: str | None
    services: list[MemberServiceOut]
    fields: list[CompositeFieldOut]
    documents: list[CompositeDocumentOut]
    consent_needed_by: list[str]


class CompositeSubmitIn(Schema):
    composite_code: str
    recipient_name: str
    data: dict[str, Any] = {}
    documents: list[DocumentIn] = []
    providers: dict[str, str] = {}
    consent_method: str = ""
    language: str = "kk"
    notify_sms: bool | None = None
    notify_email: bool | None = None


class ChildOut(Schema):
    number: str
    service_code: str
    provider: str
    status: str
    stage: str
    stage_at: dt.datetime | None
    due_on: dt.date
    result_available: bool
    refusal_grounds: list[str]
    refusal_reason: str


class CompositeApplicationOut(Schema):
    number: str
    composite_code: str
    channel: str
    status: str
    submitted_at: dt.datetime
    due_on: dt.date
    children: list[ChildOut]


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _plan_out(plan: CompositePlan) -> dict[str, Any]:
    c = plan.composite
    return {
        "code": c.code,
        "name_kk": c.name_kk,
        "name_ru": c.name_ru,
        "description_kk": c.description_kk,
        "description_ru": c.description_ru,
        "life_situation": c.life_situation.code if c.life_situation else None,
        "services": [
            {
                "code": ch.service.code,
                "name_kk": ch.service.name_kk,
                "name_ru": ch.service.name_ru,
                "providers": [
                    {"code": o.code, "name_kk": o.name_kk, "name_ru": o.name_ru} for o in ch.providers
                ],
                "terms": [
                    {"channel": t.channel, "term_amount": t.term_amount, "term_unit": t.term_unit}
                    for t in ch.version.channel_terms.all()
                ],
                "offered_on_api": ch.term is not None,
            }
            for ch in plan.children
        ],
        "fields": [
            {
                "code": f.code,
                "label_kk": f.field.label_kk,
                "label_ru": f.field.label_ru,
                "datatype": f.field.datatype,
                "required": f.required,
                "choices": list(f.field.choices or []),
                "services": f.service_codes,
            }
            for f in plan.fields
        ],
        "documents": [
            {
                "required_documents": [rd.pk for rd in d.required_documents],
                "name_kk": d.first.name_kk,
                "name_ru": d.first.name_ru,
                "expires": d.expires,
                "validity_days": d.validity_days,
                "privileged_only": d.optional,
                "services": d.service_codes,
            }
            for d in plan.documents
        ],
        "consent_needed_by": [s.code for s in plan.consent_services],
    }


def _composite(code: str) -> CompositeService:
    try:
        return composite_service_get(code=code)
    except ApplicationError as exc:  # an unknown code is a 404, like the page
        raise Http404 from exc


def _plan(composite: CompositeService) -> CompositePlan:
    return composite_plan(composite_service=composite, on=timezone.localdate(), channel=Channel.API)


def _application_out(parent: Application, user: User) -> dict[str, Any]:
    access = access_composite_application(user=user, application=parent)
    children = []
    for child in access.children:
        stages = list(child.stages.all())
        last = stages[-1] if stages else None
        children.append(
            {
                "number": child.number,
                "service_code": child.service.code if child.service else "",
                "provider": child.provider.code if child.provider else "",
                "status": child.status,
                "stage": last.kind if last else "",
                "stage_at": last.occurred_at if last else None,
                "due_on": child.due_on,
                "result_available": selectors.result_available(user=user, application=child),
                "refusal_grounds": list(child.refusal_grounds or []),
                "refusal_reason": child.refusal_reason,
            }
        )
    return {
        "number": parent.number,
        "composite_code": parent.composite_service.code if parent.composite_service else "",
        "channel": parent.channel,
        "status": parent.status,
        "submitted_at": parent.submitted_at,
        "due_on": parent.due_on,
        "children": children,
    }


@router.get("/composite-services", response=list[CompositeServiceOut])
def composite_service_list_op(request: HttpRequest, q: str = "") -> list[dict[str, Any]]:
    """Public: the composite services ("one application", Law 1.1-2), each with its member
    services, their providers and terms, and the fields and documents one application asks
    (each once). ``q`` searches the names (kk/ru), a member service's name or code."""
    out = []
    for composite in composite_service_list(q=q[:200])[:100]:
        try:
            out.append(_plan_out(_plan(composite)))
        except ApplicationError:
            continue  # a member service without a standard in force (Law 14): not offered today
    return out


@router.get("/composite-services/{code}", response=CompositeServiceOut)
def composite_service_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    composite = _composite(code)
    try:
        return _plan_out(_plan(composite))
    except ApplicationError as exc:
        raise Http404 from exc


@router.post("/composite-applications", response=CompositeApplicationOut, auth=scoped("applications:submit"))
def composite_application_submit(
    request: HttpRequest,
    payload: CompositeSubmitIn,
    idempotency_key: str = Header("", alias="Idempotency-Key"),
) -> dict[str, Any]:
    """Submit one application for a composite service for the signed-in recipient on channel
    ``api`` (Law 18.6): every member service is checked as its own application; when any is
    refused acceptance, 400 names every refused service and nothing is saved."""
    user = _user(request)
    composite = _composite(payload.composite_code)
    parent = services.composite_application_submit(
        actor=user,
        composite_service=composite,
        channel=Channel.API,
        providers={
            code: org
            for code, org_code in payload.providers.items()
            if (org := selectors.provider_by_code(code=org_code)) is not None
        },
        recipient_iin=user.iin,
        recipient_name=payload.recipient_name,
        recipient_user=user,
        language=payload.language,
        data=payload.data,
        documents=[services.SubmittedDocument(**d.dict()) for d in payload.documents],
        consent_method=payload.consent_method,
        notify_sms=payload.notify_sms,
        notify_email=payload.notify_email,
        idempotency_key=idempotency_key[:100],
    )
    return _application_out(parent, user)


@router.get(
    "/composite-applications/{number}",
    response=CompositeApplicationOut,
    auth=scoped("applications:read-own", "applications:read-organisation"),
)
def composite_application_detail(request: HttpRequest, number: str) -> dict[str, Any]:
    """A composite application with its children: the recipient sees every child, staff the
    children they may see (403 for anyone else)."""
    parent = selectors.application_get(number=number)
    if parent is None or not parent.is_composite:
        raise Http404
    return _application_out(parent, _user(request))
