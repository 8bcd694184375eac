"""Open311 GeoReport v2: service requests (``POST requests``, ``GET requests``,
``GET requests/{id}``) in JSON and XML. A service request is a delivery application; its
``service_request_id`` is the public application number (Law 5.2.8).

Spec: https://wiki.open311.org/GeoReport_v2 . The caller is an API client with its ``api_key``
(the token: ``open311:submit`` to POST, ``open311:read`` to list and read) or a person's
Django session. A client names the recipient it identified as ``attribute[recipient_iin]`` or
``attribute[recipient_bin]`` with ``first_name``/``last_name`` (Law 18.6); ``account_id`` stays
null. Deviations (documented in docs/open311.md, "Requests"): location is optional
(public services have no address); lists show only what the caller may see; an anonymous
caller may read one request with the last four IIN/BIN digits in the ``X-IIN-Last4`` header
(as on the public status page)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from qyzmet.api.auth import client_from_token
from qyzmet.api.open311.services import FORMATS, _lang, _sub, _xml_response, error_response
from qyzmet.apiclients.models import ApiClient
from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import User
from qyzmet.core.people import full_name
from qyzmet.core.throttling import by_address, by_target, refusal, throttle
from qyzmet.delivery import selectors, selectors_web, services
from qyzmet.delivery.enums import CLOSED_STATUSES, ApplicationStatus, Channel, RecipientKind
from qyzmet.delivery.models import Application
from qyzmet.registry.enums import FormFieldType
from qyzmet.registry.selectors import service_get

TEXT: dict[str, dict[str, str]] = {
    "sign_in": {
        "kk": "Жүйеге кіріңіз немесе api_key беріңіз.",
        "ru": "Войдите в систему или передайте api_key.",
    },
    "bad_key": {"kk": "api_key жарамсыз немесе мерзімі өткен.", "ru": "api_key недействителен или истёк."},
    "no_scope": {
        "kk": "Бұл api_key-дің «{scope}» рұқсаты жоқ.",
        "ru": "У этого api_key нет области доступа «{scope}».",
    },
    "service_code": {"kk": "service_code параметрі міндетті.", "ru": "Параметр service_code обязателен."},
    "not_found": {"kk": "Өтініш табылмады.", "ru": "Заявление не найдено."},
    "bad_date": {"kk": "Күн пішімі дұрыс емес (ISO 8601).", "ru": "Неверный формат даты (ISO 8601)."},
    "bad_status": {"kk": "status тек open немесе closed.", "ru": "status только open или closed."},
    "notice": {
        "kk": "Өтініш қабылданды. Орындау мерзімі: {due}. Күйін нөмірі бойынша тексеріңіз.",
        "ru": "Заявление принято. Срок исполнения: {due}. Статус проверяйте по номеру.",
    },
}
# The spec's two statuses: an application is closed once issued or refused.
OPEN311_STATUS = {s: ("closed" if s in CLOSED_STATUSES else "open") for s in ApplicationStatus.values}


def _t(key: str, lang: str) -> str:
    return TEXT[key][lang]


def _w3(value: dt.datetime | None) -> str | None:
    """W3C datetime with the offset, as the spec requires."""
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _expected(application: Application) -> str | None:
    """``expected_datetime`` = the due date (the term ends at the end of that day)."""
    if application.due_at:
        return _w3(application.due_at)
    if not application.due_on:
        return None
    end = dt.datetime.combine(application.due_on, dt.time(23, 59, 59), tzinfo=ZoneInfo(settings.TIME_ZONE))
    return end.isoformat(timespec="seconds")


def _status_notes(application: Application, lang: str) -> str:
    from django.utils import translation

    with translation.override(lang):
        return str(ApplicationStatus(application.status).label)


def request_row(application: Application, lang: str) -> dict[str, Any]:
    """One request in the spec's field order. No personal data: no name, IIN, description."""
    service = application.service
    provider = application.provider
    return {
        "service_request_id": application.number,
        "status": OPEN311_STATUS[application.status],
        "status_notes": _status_notes(application, lang),
        "service_name": service.name(lang) if service else "",
        "service_code": service.code if service else "",
        "description": None,
        "agency_responsible": provider.name(lang) if provider else "",
        "service_notice": None,
        "requested_datetime": _w3(application.submitted_at),
        "updated_datetime": _w3(application.updated_at),
        "expected_datetime": _expected(application),
        "address": None,
        "address_id": None,
        "zipcode": None,
        "lat": None,
        "long": None,
        "media_url": None,
    }


def _render(fmt: str, rows: list[dict[str, Any]], status: int = 200) -> HttpResponse:
    if fmt == "xml":
        root = ET.Element("service_requests")
        for row in rows:
            element = ET.SubElement(root, "request")
            for key, value in row.items():
                _sub(element, key, value)
        return _xml_response(root, status=status)
    return JsonResponse(rows, safe=False, status=status, json_dumps_params={"ensure_ascii": False})


def _errors(fmt: str, code: int, descriptions: list[str]) -> HttpResponse:
    if len(descriptions) == 1:
        return error_response(fmt, code, descriptions[0])
    if fmt == "xml":
        root = ET.Element("errors")
        for d in descriptions:
            error = ET.SubElement(root, "error")
            _sub(error, "code", code)
            _sub(error, "description", d)
        return _xml_response(root, status=code)
    return JsonResponse([{"code": code, "description": d} for d in descriptions], safe=False, status=code)


# The request parameter an acceptance field is sent as (POST requests, docs/open311.md).
_PARAMS = {
    "recipient_name": "first_name/last_name",
    "recipient_phone": "phone",
    "recipient_email": "email",
    "documents": "attribute[document_<order>]",
}


def _param(field: str) -> str:
    """The parameter a per-field error names, so a client knows which of its values to fix."""
    return _PARAMS.get(field) or f"attribute[{field.rsplit('.', 1)[-1]}]"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _api_key(request: HttpRequest) -> str:
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    # The spec sends it in the form body; clients such as PyPI's ``open311`` put it in the query.
    return (request.POST.get("api_key", "") if request.method == "POST" else "") or request.GET.get(
        "api_key", ""
    )


def _caller(request: HttpRequest, fmt: str, scope: str) -> ApiClient | HttpResponse | None:
    """The API client of the ``api_key`` (401 when bad, 403 without ``scope``), None for a
    person's session, or the 401 refusal when there is neither."""
    lang = _lang(request)
    raw = _api_key(request)
    if raw:
        client = client_from_token(request, raw)
        if client is None:
            return error_response(fmt, 401, _t("bad_key", lang))
        if scope not in (client.scopes or []):
            return error_response(fmt, 403, _t("no_scope", lang).format(scope=scope))
        return client
    if not _user(request).is_authenticated:
        return error_response(fmt, 401, _t("sign_in", lang))
    return None


@csrf_exempt
@require_http_methods(["GET", "POST"])
def requests_view(request: HttpRequest, fmt: str) -> HttpResponse:
    """An ``api_key`` caller is another system (no CSRF: it holds no cookie); a browser session
    still needs its CSRF token on POST."""
    if fmt not in FORMATS:
        return error_response("json", 400, "format: json | xml")
    if request.method == "POST":
        if not _api_key(request):
            refused = CsrfViewMiddleware(lambda r: HttpResponse()).process_view(request, None, (), {})  # type: ignore[arg-type]
            if refused is not None:
                return error_response(fmt, 403, "CSRF")
        return _post(request, fmt)
    return _list(request, fmt)


def _attributes(request: HttpRequest) -> dict[str, str]:
    out: dict[str, str] = {}
    for key in request.POST:
        if key.startswith("attribute[") and key.endswith("]"):
            out[key[10:-1]] = str(request.POST.get(key, ""))
    return out


def _valid_until(text: str) -> dt.date | None:
    """A date part of a document attribute (valid until, issued on); ValueError when it is not a real date
    (``2026-02-30``, ``abc``): a 400, never a 500 nor a silently dropped date."""
    text = text.strip()
    if not text:
        return None
    day = parse_date(text)  # raises ValueError on an impossible date
    if day is None:
        raise ValueError(text)
    return day


def _post(request: HttpRequest, fmt: str) -> HttpResponse:
    """POST Service Request: ``attribute[<field code>]=value`` for the standard's form fields and
    ``attribute[document_<order>]=<document number>[;<valid until YYYY-MM-DD>[;<issued on
    YYYY-MM-DD>]]`` for each document presented (Law 19: a document whose standard sets a
    validity needs one of the two dates), ``attribute[provider]=<organisation code>`` for the provider
    of record when several deliver the service (Law 1.4). Location is optional (public services have no address)."""
    lang = _lang(request)
    client = _caller(request, fmt, "open311:submit")
    if isinstance(client, HttpResponse):
        return client
    user = _user(request)
    code = request.POST.get("service_code", "").strip()
    if not code:
        return error_response(fmt, 400, _t("service_code", lang))
    try:
        service = service_get(code=code)
    except ApplicationError as exc:
        return error_response(fmt, 404, exc.message_for(lang))
    attributes = _attributes(request)
    try:
        version = selectors.version_in_force(service=service, on=timezone.localdate())
        data: dict[str, Any] = {}
        for field in selectors.form_field_list(version=version):
            value = attributes.get(field.code, "").strip()
            if value:
                data[field.code] = value == "true" if field.datatype == FormFieldType.BOOLEAN else value
        documents = []
        for rd in selectors.required_document_checklist(version=version):
            raw = attributes.get(f"document_{rd.order}", "").strip()
            if raw:
                number, valid, issued = [*raw.split(";"), "", ""][:3]
                try:
                    valid_until, issued_on = _valid_until(valid), _valid_until(issued)
                except ValueError:
                    return error_response(fmt, 400, _t("bad_date", lang))
                documents.append(
                    services.SubmittedDocument(
                        required_document=rd,
                        document_number=number.strip(),
                        valid_until=valid_until,
                        issued_on=issued_on,
                    )
                )
        names = full_name(surname=request.POST.get("last_name", ""), name=request.POST.get("first_name", ""))
        provider_code = attributes.get("provider", "").strip()
        recipient_bin = attributes.get("recipient_bin", "").strip() if client else ""
        application = services.application_submit(
            actor=user,
            service=service,
            channel=Channel.API,
            provider=selectors.provider_by_code(code=provider_code),
            recipient_kind=RecipientKind.LEGAL_ENTITY if recipient_bin else RecipientKind.INDIVIDUAL,
            recipient_iin=attributes.get("recipient_iin", "").strip() if client else user.iin,
            recipient_bin=recipient_bin,
            recipient_name=names or ("" if client else user.get_full_name() or str(user)),
            recipient_user=None if client else user,
            api_client=client,
            recipient_phone=request.POST.get("phone", ""),
            recipient_email=request.POST.get("email", ""),
            language=lang,
            data=data,
            documents=documents,
            consent_method=attributes.get("consent_method", ""),
            idempotency_key=request.headers.get("Idempotency-Key", "")[:100],
        )
    except ApplicationError as exc:
        fields = [f"{_param(field)}: {message}" for field, message in exc.field_messages_for(lang).items()]
        return _errors(fmt, 400, [exc.message_for(lang), *fields])
    notice = _t("notice", lang).format(due=application.due_on.strftime("%d.%m.%Y"))
    return _render(
        fmt, [{"service_request_id": application.number, "service_notice": notice, "account_id": None}]
    )


def _when(value: str) -> dt.datetime | None:
    """A W3C datetime (or a date) from a query parameter; ValueError when malformed."""
    if not value:
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        day = parse_date(value)
        if day is None:
            raise ValueError(value)
        parsed = dt.datetime.combine(day, dt.time())
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def _list(request: HttpRequest, fmt: str) -> HttpResponse:
    """GET Service Requests: ``service_request_id`` (comma list; the other filters are then
    ignored), ``service_code`` (comma list), ``start_date``, ``end_date``, ``status``
    (open/closed, comma list). Without dates: the last 90 days; at most 1000 rows."""
    lang = _lang(request)
    client = _caller(request, fmt, "open311:read")
    if isinstance(client, HttpResponse):
        return client
    user = _user(request)
    g = request.GET
    try:
        start, end = _when(g.get("start_date", "")), _when(g.get("end_date", ""))
    except ValueError:
        return error_response(fmt, 400, _t("bad_date", lang))
    wanted = [s for s in g.get("status", "").split(",") if s]
    if any(s not in ("open", "closed") for s in wanted):
        return error_response(fmt, 400, _t("bad_status", lang))
    statuses = [s for s, o in OPEN311_STATUS.items() if o in wanted]
    numbers = [n.strip() for n in g.get("service_request_id", "").split(",") if n.strip()]
    if not numbers and start is None and end is None:
        start = timezone.now() - dt.timedelta(days=90)
    rows = selectors_web.open311_request_list(
        user=user,
        numbers=numbers,
        service_codes=[c.strip() for c in g.get("service_code", "").split(",")],
        start=start,
        end=end,
        statuses=statuses,
        client=client,
    )
    return _render(fmt, [request_row(a, lang) for a in rows])


@require_http_methods(["GET"])
def request_view(request: HttpRequest, service_request_id: str, fmt: str) -> HttpResponse:
    """GET Service Request: one request, as a one-element list (the spec's shape). The caller
    must be able to see it, or give the last four IIN/BIN digits like on the public status page
    (in the ``X-IIN-Last4`` header: never in the URL, which request logs keep)."""
    if fmt not in FORMATS:
        return error_response("json", 400, "format: json | xml")
    lang = _lang(request)
    last4 = request.headers.get("X-IIN-Last4", "")
    if last4:
        # The status page's counts (ADR 0011): the digits are guessed here as well as there.
        wait = throttle(request, by_address("status_address"), by_target("status_number", service_request_id))
        if wait:
            return refusal(request, wait, language=lang)
    client = _caller(request, fmt, "open311:read") if _api_key(request) else None
    if isinstance(client, HttpResponse):
        return client
    application = selectors.application_get(number=service_request_id)
    visible = False
    if application is not None:
        if last4 and selectors.application_stage_lookup(number=application.number, iin_last4=last4):
            visible = True
        else:
            try:
                if client is not None:
                    selectors.access_application_by_client(client=client, application=application)
                else:
                    selectors.access_application(user=_user(request), application=application)
                visible = True
            except ApplicationError:
                visible = False
    if application is None or not visible:
        return error_response(fmt, 404, _t("not_found", lang))
    return _render(fmt, [request_row(application, lang)])
