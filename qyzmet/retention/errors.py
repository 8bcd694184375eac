"""Error codes of retention."""

from __future__ import annotations

from qyzmet.core.errors import ErrorCode


class RetentionErrorCode(ErrorCode):
    UNKNOWN_KIND = "retention_unknown_kind"
    ACTION_NOT_ALLOWED = "retention_action_not_allowed"
    SERVICE_NOT_ALLOWED = "retention_service_not_allowed"
    PERIOD_INVALID = "retention_period_invalid"
    BASIS_MISSING = "retention_basis_missing"
    RULE_DUPLICATE = "retention_rule_duplicate"
    PROPOSAL_DECIDED = "retention_proposal_decided"
    REASON_MISSING = "retention_reason_missing"
