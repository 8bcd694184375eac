"""Error codes of the orgs app."""

from __future__ import annotations

from qyzmet.core.errors import ErrorCode


class OrgsErrorCode(ErrorCode):
    PARENT_KIND_FORBIDDEN = "orgs_parent_kind_forbidden"
    CODE_TAKEN = "orgs_code_taken"
    PARENT_CYCLE = "orgs_parent_cycle"
    ORGANISATION_INACTIVE = "orgs_organisation_inactive"
    ROLE_KIND_MISMATCH = "orgs_role_kind_mismatch"
    INVALID_BIN = "orgs_invalid_bin"
    SCHEDULE_INVALID = "orgs_std9_schedule_invalid"
    SCHEDULE_NOT_A_BRANCH = "orgs_law20_1_schedule_not_a_branch"
