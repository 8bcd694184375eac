"""Error codes of the outbox."""

from __future__ import annotations

from qyzmet.core.errors import ErrorCode


class NotifyErrorCode(ErrorCode):
    UNKNOWN_CHANNEL = "notify_unknown_channel"
    EMPTY_RECIPIENT = "notify_empty_recipient"
    NOT_RETRYABLE = "notify_not_retryable"
