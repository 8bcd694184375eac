"""Error codes of the web shell."""

from __future__ import annotations

from qyzmet.core.errors import ErrorCode


class WebErrorCode(ErrorCode):
    UNKNOWN_LANGUAGE = "web.unknown_language"
