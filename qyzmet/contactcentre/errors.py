"""Error codes of the contact-centre app (UCC 3-21)."""

from __future__ import annotations

from qyzmet.core.errors import ErrorCode


class ContactCentreErrorCode(ErrorCode):
    PLAN_EXISTS = "cc_plan_exists"
    PLAN_APPROVED = "cc_plan_approved"  # UCC 3: an approved plan-schedule is fixed
    PLAN_NOT_APPROVED = "cc_plan_not_approved"
    ITEM_EXISTS = "cc_item_exists"
    NOT_A_PROVIDER = "cc_not_a_provider"
    STEP_OUT_OF_ORDER = "cc_step_out_of_order"  # UCC 4-9
    DATE_IN_FUTURE = "cc_date_in_future"
    DATE_BEFORE_PREVIOUS = "cc_date_before_previous"
    FIELD_REQUIRED = "cc_field_required"
    UPDATE_DONE = "cc_update_done"
    REQUEST_CLOSED = "cc_request_closed"
    NO_QUALITY_AUTHORITY = "cc_no_quality_authority"  # UCC 12
    INVALID_IIN_DIGITS = "cc_invalid_iin_digits"  # Law 23.4
    REPORT_EXISTS = "cc_report_exists"
    REPORT_SENT = "cc_report_sent"
    DISCREPANCY_NOT_MONTHLY = "cc_discrepancy_not_monthly"  # UCC 20
    DISCREPANCY_FIGURE = "cc_discrepancy_figure"  # UCC 20
    TRAINING_FILE = "cc_training_file"  # UCC 19
    TRAINING_STEP = "cc_training_step"  # UCC 19
    EMPTY_QUERY = "cc_empty_query"
