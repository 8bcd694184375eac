"""REST v1 operations of the `delivery` app (Law 18-24). Thin: each operation calls a service
or selector; business errors come back as 400 with kk/ru/en text, access as 403.

Authentication: the Django session (``ninja.security.django_auth``; CSRF token required on
writes from a browser), except ``GET status/{number}`` which is public like the status page
and needs the last four IIN/BIN digits (in the ``X-IIN-Last4`` header, never in the URL). ``POST applications`` honours an ``Idempotency-Key``
header: a retried POST with the same key by the same user returns the application created the
first time (never a duplicate)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import Header, Router, Schema
from ninja.security import django_auth

from qyzmet.api.auth import client_of, missing_scope, scoped
from qyzmet.apiclients.models import ApiClient
from qyzmet.apiclients.selectors import client_allows_service
from qyzmet.core.errors import AccessDenied
from qyzmet.core.models import User
from qyzmet.core.throttling import by_address, by_target, refusal, throttle
from qyzmet.delivery import selectors, selectors_web, services
from qyzmet.delivery.enums import Channel
from qyzmet.delivery.models import Application
from qyzmet.payments import selectors as payment_selectors
from qyzmet.payments.models import Payment
from qyzmet.registry.models import OtherRefusalGround
from qyzmet.registry.selectors import service_get

router = Router(tags=["delivery"])


class DocumentIn(Schema):
    required_document: int
    document_number: str = ""
    issued_on: dt.date | None = None
    valid_until: dt.date | None = None


class SubmitIn(Schema):
    service_code: str
    recipient_name: str
    recipient_kind: str = "individual"
    recipient_bin: str = ""
    # Law 18.6: an API client names the recipient it has identified (a person's session applies
    # for the signed-in recipient and leaves these out).
    recipient_iin: str = ""
    recipient_phone: str = ""
    recipient_email: str = ""
    data: dict[str, Any] = {}
    documents: list[DocumentIn] = []
    consent_method: str = ""
    provider: str = ""
    language: str = "kk"
    notify_sms: bool | None = None
    notify_email: bool | None = None
    # Law 24.1 (ADR 0019): the paid payment of the fee (``POST /api/v1/payments/payments``) and an
    # exemption the standard names.
    payment_reference: str = ""
    fee_exemption: str = ""


class StageOut(Schema):
    kind: str
    occurred_at: dt.datetime
    note: str = ""


class DataFieldOut(Schema):
    """One value the applicant filled in, labelled in the request's language (issue 13.8)."""

    code: str
    label: str
    value: str


class ApplicationOut(Schema):
    number: str
    service_code: str
    channel: str
    status: str
    submitted_at: dt.datetime
    due_on: dt.date
    result_kind: str
    refusal_grounds: list[str]
    refusal_reason: str
    # The values as stored (``code -> value``) and the same labelled for reading.
    data: dict[str, Any]
    fields: list[DataFieldOut]


class StatusOut(Schema):
    number: str
    service_code: str
    status: str
    due_on: dt.date
    stages: list[StageOut]


class RefuseIn(Schema):
    grounds: list[str] = []
    other_grounds: list[int] = []
    reason: str


class ResultIn(Schema):
    result_summary_kk: str = ""
    result_summary_ru: str = ""


class RequestOtherBodyIn(Schema):
    other_body: str = ""
    note: str = ""


def _out(a: Application) -> dict[str, Any]:
    return {
        "number": a.number,
        "service_code": a.service.code if a.service else "",
        "channel": a.channel,
        "status": a.status,
        "submitted_at": a.submitted_at,
        "due_on": a.due_on,
        "result_kind": a.result_kind,
        "refusal_grounds": list(a.refusal_grounds or []),
        "refusal_reason": a.refusal_reason,
        "data": dict(a.data or {}),
        "fields": [
            {"code": r.code, "label": r.label, "value": r.value}
            for r in selectors.application_data_rows(application=a, language=(get_language() or "kk")[:2])
        ],
    }


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _get(request: HttpRequest, number: str, *, act: bool = False) -> Application:
    application = selectors.application_get(number=number)
    if application is None:
        raise Http404
    client = client_of(request)
    if client is not None:
        return _client_access(client, application, act=act)
    if not selectors.application_readable(user=_user(request), application=application):
        raise Http404  # as for a number that does not exist (tester's finding 19.4)
    return selectors.access_application(user=_user(request), application=application, act=act)


def _client_reads(client: ApiClient, application: Application) -> bool:
    try:
        selectors.access_application_by_client(client=client, application=application)
    except AccessDenied:
        return False
    return True


def _client_access(client: ApiClient, application: Application, *, act: bool) -> Application:
    """Law 18 subpoint 6 (tester's finding 19.4): a client that may not read an application is
    told it is not found, as for a number that does not exist (numbers are sequential, a 403
    would tell which exist); one that reads it but may not act on it gets the 403."""
    try:
        return selectors.access_application_by_client(client=client, application=application, act=act)
    except AccessDenied:
        if act and _client_reads(client, application):
            raise
        raise Http404 from None


def _payment(reference: str) -> Payment | None:
    if not reference:
        return None
    payment = payment_selectors.payment_get(reference=reference)
    if payment is None:
        raise Http404
    return payment


@router.post("/applications", response=ApplicationOut, auth=scoped("applications:submit"))
def application_submit(
    request: HttpRequest,
    payload: SubmitIn,
    idempotency_key: str = Header("", alias="Idempotency-Key"),
) -> dict[str, Any]:
    """Submit an application for the signed-in recipient, or a legal entity they direct (Law 1.3),
    on channel ``api`` (Law 18.6). ``provider`` is the code of the organisation that delivers
    the service (Law 1.4); it may be left out when one delivers it or the territory tells.
    A service whose standard has the fee paid through the gateway needs ``payment_reference``:
    a paid, unused payment of the fee by the recipient (Law 24.1); its proof of payment is then
    not among the documents (Law 5.2)."""
    user = _user(request)
    client = client_of(request)
    service = service_get(code=payload.service_code, with_relations=False)
    if client is not None and not client_allows_service(
        client=client, service_id=service.pk, sphere_id=service.sphere_id
    ):
        raise missing_scope(("applications:submit",))
    individual = payload.recipient_kind == "individual"
    application = services.application_submit(
        actor=user,
        service=service,
        channel=Channel.API,
        provider=selectors.provider_by_code(code=payload.provider),
        recipient_kind=payload.recipient_kind,
        recipient_iin=(payload.recipient_iin if client else user.iin) if individual else "",
        recipient_bin=payload.recipient_bin,
        recipient_name=payload.recipient_name,
        recipient_user=None if client else user,
        recipient_phone=payload.recipient_phone if client else "",
        recipient_email=payload.recipient_email if client else "",
        api_client=client,
        language=payload.language,
        data=payload.data,
        documents=[services.SubmittedDocument(**d.dict()) for d in payload.documents],
        consent_method=payload.consent_method,
        notify_sms=payload.notify_sms,
        notify_email=payload.notify_email,
        idempotency_key=idempotency_key[:100],
        payment=_payment(payload.payment_reference),
        fee_exemption=payload.fee_exemption,
    )
    return _out(application)


@router.get(
    "/applications",
    response=list[ApplicationOut],
    auth=scoped("applications:read-own", "applications:read-organisation"),
)
def application_list(request: HttpRequest) -> list[dict[str, Any]]:
    """The signed-in recipient's own applications (newest first, at most 200)."""
    client = client_of(request)
    listed = (
        selectors.client_application_list(client=client)
        if client is not None
        else selectors.recipient_application_list(user=_user(request))
    )
    applications = listed.prefetch_related("standard_version__form_fields")
    return [_out(a) for a in applications[:200]]


@router.get(
    "/applications/{number}",
    response=ApplicationOut,
    auth=scoped("applications:read-own", "applications:read-organisation"),
)
def application_detail(request: HttpRequest, number: str) -> dict[str, Any]:
    return _out(_get(request, number))


@router.get(
    "/applications/{number}/stages",
    response=list[StageOut],
    auth=scoped("applications:read-own", "applications:read-organisation"),
)
def application_stage_list(request: HttpRequest, number: str) -> list[dict[str, Any]]:
    application = _get(request, number)
    return [
        {"kind": s.kind, "occurred_at": s.occurred_at, "note": s.note}
        for s in selectors.application_stages(application=application)
    ]


@router.post("/applications/{number}/take-in-work", response=ApplicationOut, auth=scoped("stages:record"))
def application_take_in_work(request: HttpRequest, number: str) -> dict[str, Any]:
    return _out(
        services.application_take_in_work(actor=_user(request), application=_get(request, number, act=True))
    )


@router.post(
    "/applications/{number}/request-other-body", response=ApplicationOut, auth=scoped("stages:record")
)
def application_request_other_body(
    request: HttpRequest, number: str, payload: RequestOtherBodyIn
) -> dict[str, Any]:
    return _out(
        services.application_request_other_body(
            actor=_user(request),
            application=_get(request, number, act=True),
            other_body=selectors_web.organisation_by_code(code=payload.other_body),
            note=payload.note,
        )
    )


@router.post("/applications/{number}/result", response=ApplicationOut, auth=scoped("stages:record"))
def application_result_ready(request: HttpRequest, number: str, payload: ResultIn) -> dict[str, Any]:
    """Law 21.2: result ready (a generated e-document from the summary)."""
    return _out(
        services.application_result_ready(
            actor=_user(request),
            application=_get(request, number, act=True),
            result_summary_kk=payload.result_summary_kk,
            result_summary_ru=payload.result_summary_ru,
        )
    )


@router.post("/applications/{number}/refuse", response=ApplicationOut, auth=scoped("stages:record"))
def application_refuse(request: HttpRequest, number: str, payload: RefuseIn) -> dict[str, Any]:
    """Law 19-1: refuse with statutory grounds (and/or grounds of other laws) and a reason."""
    application = _get(request, number, act=True)
    other = list(
        OtherRefusalGround.objects.filter(pk__in=payload.other_grounds, version=application.standard_version)
    )
    return _out(
        services.application_refuse(
            actor=_user(request),
            application=application,
            grounds=payload.grounds,
            other_grounds=other,
            reason=payload.reason,
        )
    )


@router.post("/applications/{number}/hand-over", response=ApplicationOut, auth=scoped("stages:record"))
def application_hand_over(request: HttpRequest, number: str) -> dict[str, Any]:
    return _out(
        services.application_hand_over(actor=_user(request), application=_get(request, number, act=True))
    )


@router.post("/applications/{number}/issue", response=ApplicationOut, auth=scoped("stages:record"))
def application_issue(request: HttpRequest, number: str) -> dict[str, Any]:
    return _out(services.application_issue(actor=_user(request), application=_get(request, number, act=True)))


@router.get("/status/{number}", response=StatusOut)
def application_status(
    request: HttpRequest, number: str, iin_last4: str = Header(..., alias="X-IIN-Last4")
) -> dict[str, Any] | HttpResponse:
    """Law 5.2.8, 23.4: public, like the status page: stage history only, no personal data.
    The last four IIN/BIN digits go in the ``X-IIN-Last4`` header, never in the URL (which
    request logs keep). Throttled with the page's counts (ADR 0011): 429 with ``Retry-After``."""
    wait = throttle(request, by_address("status_address"), by_target("status_number", number))
    if wait:
        return refusal(request, wait)
    lookup = selectors.application_stage_lookup(number=number, iin_last4=iin_last4)
    if lookup is None:
        raise Http404
    return {
        "number": lookup.number,
        "service_code": lookup.service_code,
        "status": lookup.status,
        "due_on": lookup.due_on,
        "stages": [{"kind": k, "occurred_at": at} for k, at in lookup.stages],
    }


class ProactiveConsentIn(Schema):
    consent: bool


class ProactiveConsentOut(Schema):
    consent: bool
    consent_at: dt.datetime | None = None


@router.get("/me/proactive-consent", response=ProactiveConsentOut, auth=django_auth)
def proactive_consent_get(request: HttpRequest) -> dict[str, Any]:
    """Law 21-1: the signed-in recipient's consent to proactive services."""
    pref = selectors.notification_preference_get(user=_user(request))
    consent = bool(pref and pref.proactive_consent)
    return {"consent": consent, "consent_at": pref.proactive_consent_at if pref and consent else None}


@router.put("/me/proactive-consent", response=ProactiveConsentOut, auth=django_auth)
def proactive_consent_put(request: HttpRequest, payload: ProactiveConsentIn) -> dict[str, Any]:
    """Law 21-1: give (``true``) or withdraw (``false``) the consent; audited."""
    pref = services.proactive_consent_set(user=_user(request), consent=payload.consent)
    return {"consent": pref.proactive_consent, "consent_at": pref.proactive_consent_at}
