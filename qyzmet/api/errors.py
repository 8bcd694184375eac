"""How REST v1 answers what goes wrong: always the API's error format
``{"code", "message", "fields"}`` (kk/ru/en by the request's language), never a traceback.

* invalid input (a body or parameter the schema refuses) is 400 ``invalid_input`` with the
  offending fields, not Ninja's 422 ``{"detail": [...]}``;
* an ``Idempotency-Key`` reused with a different request is 422 ``idempotency_key_reused``;
* 404, 401, 403, 429 and other ``HttpError`` keep their status; an unknown path under
  ``/api/v1/`` is 404 and a method a path does not take 405 (with ``Allow``), both in this
  format too (``v1.VersionedAPI``);
* a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is 413 (``InputGuardMiddleware`` refuses most
  of them first);
* anything else is a logged 500 ``server_error`` with no detail, whatever ``DEBUG`` says
  (ADR 0012)."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from qyzmet.core.errors import AccessDenied, ApplicationError, ErrorCode, IdempotencyKeyReused

logger = logging.getLogger("qyzmet.api")


class ApiErrorCode(ErrorCode):
    INVALID_INPUT = "invalid_input"
    NOT_FOUND = "not_found"
    UNAUTHORIZED = "unauthorized"
    FORBIDDEN = "forbidden"
    TOO_MANY_REQUESTS = "too_many_requests"
    REQUEST_TOO_LARGE = "request_too_large"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    HTTP_ERROR = "http_error"
    SERVER_ERROR = "server_error"


_MESSAGES: dict[str, dict[str, str]] = {
    ApiErrorCode.INVALID_INPUT: {
        "kk": "Сұраудың деректері дұрыс емес.",
        "ru": "Неверные данные запроса.",
        "en": "The request's data is not valid.",
    },
    ApiErrorCode.NOT_FOUND: {"kk": "Табылмады.", "ru": "Не найдено.", "en": "Not found."},
    ApiErrorCode.UNAUTHORIZED: {
        "kk": "Жүйеге кіріңіз.",
        "ru": "Войдите в систему.",
        "en": "Sign in first.",
    },
    ApiErrorCode.FORBIDDEN: {
        "kk": "Бұл әрекетке рұқсатыңыз жоқ.",
        "ru": "У вас нет прав на это действие.",
        "en": "You are not allowed to do this.",
    },
    ApiErrorCode.TOO_MANY_REQUESTS: {
        "kk": "Сұраулар тым көп. Кейінірек қайталаңыз.",
        "ru": "Слишком много запросов. Повторите позже.",
        "en": "Too many requests. Try again later.",
    },
    ApiErrorCode.REQUEST_TOO_LARGE: {
        "kk": "Сұрау тым үлкен.",
        "ru": "Слишком большой запрос.",
        "en": "The request is too large.",
    },
    ApiErrorCode.METHOD_NOT_ALLOWED: {
        "kk": "Бұл мекенжай бұл әдісті қабылдамайды (Allow тақырыбын қараңыз).",
        "ru": "Этот адрес не принимает этот метод (см. заголовок Allow).",
        "en": "This address does not take this method (see the Allow header).",
    },
    ApiErrorCode.HTTP_ERROR: {
        "kk": "Сұрауды орындау мүмкін емес.",
        "ru": "Запрос не может быть выполнен.",
        "en": "The request cannot be carried out.",
    },
    ApiErrorCode.SERVER_ERROR: {
        "kk": "Сервердің ішкі қатесі. Кейінірек қайталаңыз.",
        "ru": "Внутренняя ошибка сервера. Повторите позже.",
        "en": "Internal server error. Try again later.",
    },
}
# A 401 for a request that sent a bearer token: the token, not a sign-in, is what is missing.
_BAD_TOKEN = {
    "kk": "Токен жарамсыз, мерзімі өткен немесе кері қайтарылған.",
    "ru": "Токен недействителен, истёк или отозван.",
    "en": "The token is invalid, expired or revoked.",
}
_BY_STATUS = {
    400: ApiErrorCode.INVALID_INPUT,
    401: ApiErrorCode.UNAUTHORIZED,
    403: ApiErrorCode.FORBIDDEN,
    404: ApiErrorCode.NOT_FOUND,
    413: ApiErrorCode.REQUEST_TOO_LARGE,
    429: ApiErrorCode.TOO_MANY_REQUESTS,
}


def api_error(code: ApiErrorCode, *, fields: dict[str, dict[str, str]] | None = None) -> ApplicationError:
    return ApplicationError(code, _MESSAGES[code], fields=fields)


def _field_name(loc: Any) -> str:
    """``("body", "payload", "documents", 0, "issued_on")`` -> ``documents.0.issued_on``."""
    parts = [str(p) for p in (loc or ()) if p not in ("body", "payload", "query", "path", "header")]
    return ".".join(parts) or "request"


# What the schema refused, by pydantic's error type, in the caller's three languages (found by
# trying it: the field errors came in English only). ``{x}`` is filled from the error's context.
_FIELD_MESSAGES: dict[str, dict[str, str]] = {
    "missing": {"kk": "Міндетті өріс.", "ru": "Обязательное поле.", "en": "This field is required."},
    "string_type": {"kk": "Мәтін болуы керек.", "ru": "Должно быть строкой.", "en": "Must be a string."},
    "string_too_short": {
        "kk": "Кемінде {min_length} таңба болуы керек.",
        "ru": "Не короче {min_length} символов.",
        "en": "At least {min_length} characters.",
    },
    "string_too_long": {
        "kk": "{max_length} таңбадан аспауы керек.",
        "ru": "Не длиннее {max_length} символов.",
        "en": "At most {max_length} characters.",
    },
    "string_pattern_mismatch": {
        "kk": "Пішімі дұрыс емес.",
        "ru": "Неверный формат.",
        "en": "The format is not valid.",
    },
    "int_parsing": {
        "kk": "Бүтін сан болуы керек.",
        "ru": "Должно быть целым числом.",
        "en": "Must be a whole number.",
    },
    "int_type": {
        "kk": "Бүтін сан болуы керек.",
        "ru": "Должно быть целым числом.",
        "en": "Must be a whole number.",
    },
    "int_from_float": {
        "kk": "Бүтін сан болуы керек.",
        "ru": "Должно быть целым числом.",
        "en": "Must be a whole number.",
    },
    "decimal_parsing": {"kk": "Сан болуы керек.", "ru": "Должно быть числом.", "en": "Must be a number."},
    "float_parsing": {"kk": "Сан болуы керек.", "ru": "Должно быть числом.", "en": "Must be a number."},
    "greater_than": {
        "kk": "{gt} санынан үлкен болуы керек.",
        "ru": "Должно быть больше {gt}.",
        "en": "Must be greater than {gt}.",
    },
    "greater_than_equal": {
        "kk": "Кемінде {ge} болуы керек.",
        "ru": "Должно быть не меньше {ge}.",
        "en": "Must be at least {ge}.",
    },
    "less_than": {
        "kk": "{lt} санынан кіші болуы керек.",
        "ru": "Должно быть меньше {lt}.",
        "en": "Must be less than {lt}.",
    },
    "less_than_equal": {
        "kk": "{le} санынан аспауы керек.",
        "ru": "Должно быть не больше {le}.",
        "en": "Must be at most {le}.",
    },
    "bool_parsing": {
        "kk": "true немесе false болуы керек.",
        "ru": "Должно быть true или false.",
        "en": "Must be true or false.",
    },
    "bool_type": {
        "kk": "true немесе false болуы керек.",
        "ru": "Должно быть true или false.",
        "en": "Must be true or false.",
    },
    "date_parsing": {
        "kk": "Күн ЖЖЖЖ-АА-КК пішімінде болуы керек.",
        "ru": "Дата в формате ГГГГ-ММ-ДД.",
        "en": "A date as YYYY-MM-DD.",
    },
    "date_from_datetime_parsing": {
        "kk": "Күн ЖЖЖЖ-АА-КК пішімінде болуы керек.",
        "ru": "Дата в формате ГГГГ-ММ-ДД.",
        "en": "A date as YYYY-MM-DD.",
    },
    "datetime_parsing": {
        "kk": "Уақыт ISO 8601 пішімінде болуы керек.",
        "ru": "Время в формате ISO 8601.",
        "en": "A date and time in ISO 8601.",
    },
    "datetime_from_date_parsing": {
        "kk": "Уақыт ISO 8601 пішімінде болуы керек.",
        "ru": "Время в формате ISO 8601.",
        "en": "A date and time in ISO 8601.",
    },
    "enum": {
        "kk": "Рұқсат етілген мәндердің бірі болуы керек: {expected}.",
        "ru": "Допустимые значения: {expected}.",
        "en": "One of: {expected}.",
    },
    "literal_error": {
        "kk": "Рұқсат етілген мәндердің бірі болуы керек: {expected}.",
        "ru": "Допустимые значения: {expected}.",
        "en": "One of: {expected}.",
    },
    "list_type": {"kk": "Тізім болуы керек.", "ru": "Должно быть списком.", "en": "Must be a list."},
    "dict_type": {"kk": "Нысан болуы керек.", "ru": "Должно быть объектом.", "en": "Must be an object."},
    "model_type": {"kk": "Нысан болуы керек.", "ru": "Должно быть объектом.", "en": "Must be an object."},
    "json_invalid": {
        "kk": "Сұраудың денесі дұрыс JSON емес.",
        "ru": "Тело запроса — не корректный JSON.",
        "en": "The request body is not valid JSON.",
    },
    "extra_forbidden": {"kk": "Белгісіз өріс.", "ru": "Неизвестное поле.", "en": "Unknown field."},
}
_FIELD_FALLBACK = {"kk": "Мәні дұрыс емес.", "ru": "Неверное значение.", "en": "The value is not valid."}


def _field_message(error: dict[str, Any]) -> dict[str, str]:
    texts = _FIELD_MESSAGES.get(str(error.get("type", "")))
    if texts is None:
        english = str(error.get("msg", ""))[:200] or _FIELD_FALLBACK["en"]
        return {**_FIELD_FALLBACK, "en": english}
    context = {k: str(v)[:100] for k, v in (error.get("ctx") or {}).items()}
    try:
        return {lang: text.format(**context) for lang, text in texts.items()}
    except (KeyError, IndexError):
        return {**_FIELD_FALLBACK, "en": str(error.get("msg", ""))[:200]}


def _validation_fields(errors: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    fields: dict[str, dict[str, str]] = {}
    for error in errors:
        fields.setdefault(_field_name(error.get("loc")), _field_message(error))
    return fields


def install(api: NinjaAPI) -> None:
    """Register the handlers on ``api`` (replacing Ninja's defaults)."""

    def respond(request: HttpRequest, error: ApplicationError, status: int) -> HttpResponse:
        return api.create_response(request, error.as_dict(), status=status)

    @api.exception_handler(ApplicationError)
    def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
        """Business-rule violations come back as 400 (403 for access) with kk/ru/en text."""
        if isinstance(exc, IdempotencyKeyReused):
            return respond(request, exc, 422)
        return respond(request, exc, 403 if isinstance(exc, AccessDenied) else 400)

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        error = api_error(ApiErrorCode.INVALID_INPUT, fields=_validation_fields(list(exc.errors)))
        return respond(request, error, 400)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, api_error(ApiErrorCode.NOT_FOUND), 404)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code = _BY_STATUS.get(exc.status_code, ApiErrorCode.HTTP_ERROR)
        if exc.status_code == 401:
            return unauthorized(request)
        return respond(request, api_error(code), exc.status_code)

    def unauthorized(request: HttpRequest) -> HttpResponse:
        """401: a system that sent a token learns the token is not good (not "sign in"); every
        401 names the scheme it takes (RFC 6750 section 3)."""
        sent = request.headers.get("Authorization", "").lower().startswith("bearer ")
        error = (
            ApplicationError(ApiErrorCode.UNAUTHORIZED, _BAD_TOKEN)
            if sent
            else api_error(ApiErrorCode.UNAUTHORIZED)
        )
        response = respond(request, error, 401)
        response["WWW-Authenticate"] = (
            'Bearer realm="qyzmet", error="invalid_token"' if sent else ('Bearer realm="qyzmet"')
        )
        return response

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return respond(request, api_error(ApiErrorCode.REQUEST_TOO_LARGE), 413)

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        # Logged with its traceback for the operators; the caller learns nothing of it.
        logger.exception("REST v1 server error on %s %s", request.method, request.path)
        return respond(request, api_error(ApiErrorCode.SERVER_ERROR), 500)
