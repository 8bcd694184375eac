"""Error codes of the register (kk/ru/en messages are given where raised)."""

from __future__ import annotations

from qyzmet.core.errors import ErrorCode


class RegistryErrorCode(ErrorCode):
    SERVICE_NOT_FOUND = "registry.service_not_found"
    SERVICE_INVALID = "registry.service_invalid"
    PROVIDER_NOT_ELIGIBLE = "registry.law1_4_provider_not_eligible"
    NO_STANDARD_IN_FORCE = "registry.no_standard_in_force"
    VERSION_INVALID = "registry.version_invalid"
    VERSION_WRONG_STATUS = "registry.version_wrong_status"
    DISCUSSION_CLOSED = "registry.discussion_closed"
    DISCUSSION_INVALID = "registry.discussion_invalid"
    COMMENT_INVALID = "registry.comment_invalid"
    NOT_ALLOWED = "registry.not_allowed"
    IMPORT_INVALID = "registry.import_invalid"
    SCHEDULE_INVALID = "registry.std9_schedule_invalid"
