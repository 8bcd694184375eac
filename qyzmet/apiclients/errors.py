from __future__ import annotations

from enum import StrEnum


class ApiClientErrorCode(StrEnum):
    NAME_TAKEN = "apiclient_name_taken"
    NAME_EMPTY = "apiclient_name_empty"
    UNKNOWN_SCOPE = "apiclient_unknown_scope"
    NO_SCOPE = "apiclient_no_scope"
    UNKNOWN_ORGANISATION = "apiclient_unknown_organisation"
    BAD_EXPIRY = "apiclient_bad_expiry"
    SUBSCRIPTION_INVALID = "apiclient_subscription_invalid"
    SUBSCRIPTION_INACTIVE = "apiclient_subscription_inactive"
