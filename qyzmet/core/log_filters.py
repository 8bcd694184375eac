"""Log filters: no log line holds IIN digits (issue 12, point 4; ADR 0012).

The pages and the API never put the last four IIN/BIN digits in a URL (the status lookups
POST them or take them in the ``X-IIN-Last4`` header), but a client may still send them in a
query string, and ``runserver``/access logs print the request line. This filter masks them,
and any twelve-digit IIN/BIN, in every record it sees."""

from __future__ import annotations

import logging
import re

_LAST4 = re.compile(r"(?i)((?:iin_last4|iin|bin|x-iin-last4)(?:=|%3D|:\s*))\d+")
_FULL = re.compile(r"(?<!\d)\d{12}(?!\d)")


def redact_iin(text: str) -> str:
    return _FULL.sub("************", _LAST4.sub(r"\1****", text))


class RedactIinDigits(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_iin(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
