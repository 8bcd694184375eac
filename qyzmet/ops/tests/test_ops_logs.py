"""Issue 20.6: JSON logs with the request id, never an unmasked IIN (ADR 0070)."""

from __future__ import annotations

import io
import json
import logging
import logging.config
from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings

from qyzmet.core.middleware import current_request_id
from qyzmet.ops.logs import JsonFormatter, MaskIin
from qyzmet.ops.middleware import RequestIdMiddleware, current_client_request_id

IIN = "900101350123"
BIN = "040840001234"


def _record(msg: Any, args: Any = (), **extra: Any) -> logging.LogRecord:
    record = logging.LogRecord("qyzmet.test", logging.WARNING, __file__, 1, msg, args, None)
    record.__dict__.update(extra)
    return record


def _line(record: logging.LogRecord) -> dict[str, Any]:
    assert MaskIin().filter(record)
    text = JsonFormatter().format(record)
    assert IIN not in text and BIN not in text
    return dict(json.loads(text))


@pytest.mark.parametrize(
    ("msg", "args"),
    [
        (f"applicant {IIN} for {BIN}", ()),
        ("applicant %s for %s", (IIN, BIN)),
        ("applicant %s", ({"iin": IIN, "nested": [BIN]},)),
        ("applicant %(iin)s for %(bin)s", {"iin": IIN, "bin": BIN}),
        ("applicant %d for %d", (int(IIN), int(BIN))),  # a number that no longer fits %d
        ("%s", (ValueError(f"no person {IIN}"),)),
    ],
)
def test_ops_6_the_mask_filter_masks_twelve_digit_iins_in_the_message_and_every_argument(
    msg: str, args: Any
) -> None:
    record = _record(msg, args)
    assert MaskIin().filter(record)
    message = record.getMessage()
    assert IIN not in message and BIN not in message
    assert "************" in message
    assert message.startswith("applicant") or "no person" in message


def test_ops_6_extra_fields_and_tracebacks_are_masked_too() -> None:
    try:
        raise ValueError(f"person {IIN} not found")
    except ValueError:
        import sys

        record = logging.LogRecord(
            "qyzmet.test", logging.ERROR, __file__, 1, "lookup failed", (), sys.exc_info()
        )
    record.__dict__.update({"applicant": IIN, "payload": {"bin": BIN}})
    line = _line(record)
    assert line["applicant"] == "************"
    assert line["payload"] == {"bin": "************"}
    assert "ValueError: person ************ not found" in line["exc"]
    assert record.exc_info is None  # no later formatter can print the unmasked values again


def test_ops_6_numbers_that_are_not_iins_stay() -> None:
    line = _line(_record("application %s took %s ms, phone %s", ("KZ-2026-11-000001", 1234, "+77011234567")))
    assert line["message"] == "application KZ-2026-11-000001 took 1234 ms, phone +77011234567"


def test_ops_6_a_json_line_carries_time_level_logger_message_and_the_request_id() -> None:
    seen: dict[str, Any] = {}

    def view(request: HttpRequest) -> HttpResponse:
        seen.update(_line(_record("looked up %s", (IIN,))))
        return HttpResponse()

    response = RequestIdMiddleware(view)(RequestFactory().get("/"))
    assert seen["request_id"] == response["X-Request-Id"]
    assert seen["level"] == "WARNING" and seen["logger"] == "qyzmet.test"
    assert seen["message"] == "looked up ************"
    assert seen["time"].endswith("+00:00")


RID_WITH_TWELVE_DIGITS = "d9635f4ea4b5441aa502472517177e80"


def test_ops_6_the_server_s_request_id_is_written_whole_even_with_twelve_digits_in_a_row() -> None:
    """CI once masked twelve digits of a random request id, so the line no longer matched the
    response's ``X-Request-Id``; an IIN anywhere else on the line is still masked."""
    line = _line(_record("looked up %s", (IIN,), request_id=RID_WITH_TWELVE_DIGITS, applicant=IIN))
    assert line["request_id"] == RID_WITH_TWELVE_DIGITS
    assert line["message"] == "looked up ************" and line["applicant"] == "************"
    seen: dict[str, Any] = {}

    def view(request: HttpRequest) -> HttpResponse:
        seen.update(_line(_record("looked up %s", (IIN,))))
        return HttpResponse()

    import uuid

    with mock.patch("qyzmet.core.middleware.uuid.uuid4", return_value=uuid.UUID(RID_WITH_TWELVE_DIGITS)):
        response = RequestIdMiddleware(view)(RequestFactory().get("/"))
    assert response["X-Request-Id"] == RID_WITH_TWELVE_DIGITS == seen["request_id"]


def test_ops_6_a_request_id_that_is_not_the_server_s_own_is_masked() -> None:
    line = _line(_record("looked up", (), request_id=f"req-{IIN}"))
    assert line["request_id"] == "req-************"


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """The project's LOGGING, JSON, with the console handler writing to a buffer."""
    stream = io.StringIO()
    config = json.loads(json.dumps(settings.LOGGING))
    config["handlers"]["console"]["formatter"] = "json"
    config["handlers"]["console"]["stream"] = "ext://sys.stderr"
    logging.config.dictConfig(config)
    handler = logging.getLogger().handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(stream)
    yield stream
    logging.config.dictConfig(settings.LOGGING)


@pytest.mark.django_db
def test_ops_6_every_log_line_of_a_request_through_the_settings_is_json_with_its_request_id(
    captured: io.StringIO,
) -> None:
    # The page logs a warning from inside the request when its database is away.
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError(f"no row for {IIN}")
    ):
        response = Client().get(f"/registry/?q={IIN}", HTTP_X_REQUEST_ID="upstream-7f3a")
    logging.getLogger("django.request").error(
        "Service Unavailable: /registry/?q=%s", IIN, extra={"status_code": 503}
    )
    lines = [json.loads(line) for line in captured.getvalue().splitlines() if line.strip()]
    assert len(lines) >= 2 and all(IIN not in json.dumps(line) for line in lines)
    assert all(set(line) >= {"time", "level", "logger", "message", "request_id"} for line in lines)
    inside = next(line for line in lines if line["logger"] == "qyzmet.ops.views")
    assert inside["request_id"] == response["X-Request-Id"] != "upstream-7f3a"
    assert inside["client_request_id"] == "upstream-7f3a"
    assert inside["message"] == "database unavailable on GET /registry/: OperationalError"
    django_own = next(line for line in lines if line["logger"] == "django.request")
    assert django_own["message"] == "Service Unavailable: /registry/"
    assert django_own["request_id"] == response["X-Request-Id"]  # logged after the middleware returned
    assert django_own["client_request_id"] == "upstream-7f3a"
    outside = [line for line in lines if line["logger"] == "django.request"][-1]
    assert outside["message"] == "Service Unavailable: /registry/?q=************"
    assert outside["status_code"] == 503


def test_ops_6_the_settings_put_the_mask_filter_on_every_handler() -> None:
    config: dict[str, Any] = settings.LOGGING
    assert all("mask_iin" in handler["filters"] for handler in config["handlers"].values())
    assert config["formatters"]["json"]["()"] == "qyzmet.ops.logs.JsonFormatter"


# --- the request id --------------------------------------------------------------------------


def _ids(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"{current_request_id()} {current_client_request_id() or '-'}")


def test_ops_6_without_an_incoming_id_the_server_makes_one_and_echoes_it() -> None:
    response = RequestIdMiddleware(_ids)(RequestFactory().get("/"))
    rid, client = response.content.decode().split()
    assert len(rid) == 32 and int(rid, 16) >= 0
    assert response["X-Request-Id"] == rid and client == "-"
    assert not response.has_header("X-Client-Request-Id")
    assert current_request_id() == ""  # nothing leaks into the next request


def test_ops_6_an_incoming_id_is_logged_and_echoed_but_the_audit_id_stays_the_servers() -> None:
    request = RequestFactory().get("/", HTTP_X_REQUEST_ID="lb-0af3:42")
    response = RequestIdMiddleware(_ids)(request)
    rid, client = response.content.decode().split()
    assert client == "lb-0af3:42" and rid != client
    assert response["X-Request-Id"] == rid
    assert response["X-Client-Request-Id"] == "lb-0af3:42"


@override_settings(QYZMET_TRUST_REQUEST_ID=True)
def test_ops_6_a_deployment_whose_proxy_overwrites_the_header_may_trust_it() -> None:
    request = RequestFactory().get("/", HTTP_X_REQUEST_ID="lb-0af3:42")
    response = RequestIdMiddleware(_ids)(request)
    assert response.content.decode() == "lb-0af3:42 -"
    assert response["X-Request-Id"] == "lb-0af3:42"


@override_settings(QYZMET_TRUST_REQUEST_ID=True)
@pytest.mark.parametrize("incoming", ["", "has space", "<script>", "x" * 65, "ünïcode", "-leading-dash"])
def test_ops_6_a_malformed_incoming_id_is_never_taken(incoming: str) -> None:
    request = RequestFactory().get("/", HTTP_X_REQUEST_ID=incoming)
    response = RequestIdMiddleware(_ids)(request)
    rid, client = response.content.decode().split()
    assert len(rid) == 32 and client == "-"
    assert response["X-Request-Id"] == rid
