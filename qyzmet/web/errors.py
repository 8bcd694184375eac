"""Error codes of the web shell."""

from __future__ import annotations

from qyzmet.core.errors import ErrorCode


class WebErrorCode(ErrorCode):
    UNKNOWN_LANGUAGE = "web.unknown_language"
    WRONG_OTP_TOKEN = "web.wrong_otp_token"
    NO_OTP_DEVICE = "web.no_otp_device"
