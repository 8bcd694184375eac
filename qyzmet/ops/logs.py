"""JSON log lines that carry the request id and never an unmasked IIN (issue 20.6, ADR 0070).

``MaskIin`` masks twelve-digit IINs/BINs (and ``iin=1234``-style last digits, as
:func:`qyzmet.core.log_filters.redact_iin` does) in the message, in every argument, in extra
fields and in the formatted traceback, then adds the request ids. ``JsonFormatter`` writes one
JSON object a line and masks the whole line once more, so a field nobody thought of cannot
leak digits either."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from typing import Any

from qyzmet.core.log_filters import redact_iin


def _request_ids() -> tuple[str, str]:
    """The ids of the request being served ('' outside one). Imported late: gunicorn's master
    configures its logging with these classes before Django is set up."""
    try:
        from qyzmet.core.middleware import current_request_id
        from qyzmet.ops.middleware import current_client_request_id
    except Exception:  # Django not set up yet (gunicorn's master process)
        return "", ""
    return current_request_id(), current_client_request_id()


# Attributes every LogRecord has: whatever else a record carries came in through ``extra=``.
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}
_OURS = {"request_id", "client_request_id"}
_SERVER_REQUEST_ID = re.compile(r"[0-9a-f]{32}")


def _server_request_id(value: Any) -> bool:
    """Whether ``value`` has the form of the server's own request id (a UUID4 in hex): no
    person's data, yet its hex may hold twelve digits in a row."""
    return isinstance(value, str) and _SERVER_REQUEST_ID.fullmatch(value) is not None


def mask(value: Any) -> Any:
    """``value`` with IIN digits masked in every string inside it (containers rebuilt)."""
    if isinstance(value, str):
        return redact_iin(value)
    if isinstance(value, bytes):
        return redact_iin(value.decode("utf-8", "replace"))
    if isinstance(value, dict):
        return {mask(k): mask(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(mask(v) for v in value)
    if isinstance(value, list | set | frozenset):
        return [mask(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool) and len(str(abs(value))) == 12:
        return redact_iin(str(value))
    if isinstance(value, bool | int | float | type(None)):
        return value
    # Anything else (a model instance, an exception, a Decimal) is formatted with its str: the
    # digits it may print are masked before the message is built.
    return redact_iin(str(value))


class MaskIin(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        self._mask_message(record)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_iin(record.exc_text)
            # The traceback is kept as text: a handler that formats exc_info again would
            # print the unmasked values, so it is dropped.
            record.exc_info = None
        if record.stack_info:
            record.stack_info = redact_iin(record.stack_info)
        for key, value in list(record.__dict__.items()):
            # Extra fields that are data are masked; objects (Django's ``request``) are left to
            # the handlers that need them, and the JSON formatter masks what it prints of them.
            if key == "request_id" and _server_request_id(value):
                continue
            if key not in _STANDARD and isinstance(value, str | bytes | dict | list | tuple | int):
                record.__dict__[key] = mask(value)
        if not getattr(record, "request_id", "") or not hasattr(record, "client_request_id"):
            rid, client = _request_ids()
            if not rid:
                rid, client = getattr(getattr(record, "request", None), "qyzmet_request_ids", ("", ""))
            if not getattr(record, "request_id", ""):
                record.request_id = rid
            if not hasattr(record, "client_request_id"):
                record.client_request_id = client
        return True

    @staticmethod
    def _mask_message(record: logging.LogRecord) -> None:
        msg = record.msg if isinstance(record.msg, str) else mask(record.msg)
        if not record.args:
            record.msg = redact_iin(msg)
            return
        args = mask(record.args) if isinstance(record.args, dict) else tuple(mask(a) for a in record.args)
        try:
            redact_iin(msg) % args
        except (TypeError, ValueError, KeyError):
            # A masked argument no longer fits its placeholder (``%d`` of a twelve-digit
            # number): the message is built from the originals and masked whole.
            try:
                message = record.getMessage()
            except (TypeError, ValueError, KeyError):
                message = f"{msg} {record.args!r}"
            record.msg, record.args = redact_iin(message), ()
        else:
            record.msg, record.args = redact_iin(msg), args


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, request ids, the
    traceback when there is one, and the extra fields of the record."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or _request_ids()[0],
        }
        client = getattr(record, "client_request_id", "")
        if client:
            entry["client_request_id"] = client
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exc"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        for key, value in record.__dict__.items():
            if key not in _STANDARD and key not in _OURS and not key.startswith("_"):
                entry[key] = value
        # the server's own request id (core.middleware) is written as it is, everything else masked
        rid = entry.pop("request_id")
        own = _server_request_id(rid)
        masked = json.loads(redact_iin(json.dumps(entry, ensure_ascii=False, default=str)))
        return json.dumps(
            {**masked, "request_id": rid if own else redact_iin(str(rid))}, ensure_ascii=False, default=str
        )
