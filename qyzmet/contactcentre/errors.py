"""Error codes of the contact-centre app (UCC 3-21)."""

from __future__ import annotations

from qyzmet.core.errors import ErrorCode


class ContactCentreErrorCode(ErrorCode):
    PLAN_EXISTS = "cc_plan_exists"
    PLAN_APPROVED = "cc_plan_approved"  # UCC 3: an approved plan-schedule is fixed
    PLAN_NOT_APPROVED = "cc_plan_not_approved"
    PLAN_NOT_PREPARED = "cc_plan_not_prepared"  # UCC 3: the centre prepares it first
    PLAN_EMPTY = "cc_plan_empty"  # UCC 3: a plan-schedule without services
    PLAN_CHANGED = "cc_plan_changed"  # UCC 3: confirmed on a plan-schedule that changed since
    PLANNED_OUTSIDE_YEAR = "cc_planned_outside_year"  # UCC 3: a date of another year
    PLANNED_IN_PAST = "cc_planned_in_past"  # UCC 3: a date already past when planned or prepared
    NOT_THE_APPROVER = "cc_not_the_approver"  # UCC 3: only the informatization authority approves
    NOT_THE_HEAD = "cc_not_the_head"  # UCC 5: the information is signed by the head of the body
    ITEM_EXISTS = "cc_item_exists"
    NOT_A_PROVIDER = "cc_not_a_provider"
    STEP_OUT_OF_ORDER = "cc_step_out_of_order"  # UCC 4-9
    DATE_IN_FUTURE = "cc_date_in_future"
    DATE_BEFORE_PREVIOUS = "cc_date_before_previous"
    FIELD_REQUIRED = "cc_field_required"
    UPDATE_DONE = "cc_update_done"
    REQUEST_CLOSED = "cc_request_closed"
    NO_QUALITY_AUTHORITY = "cc_no_quality_authority"  # UCC 12
    REFUSAL_FORM_UNKNOWN = "cc_refusal_form_unknown"  # UCC 11-12
    REFUSAL_FILES_REQUIRED = "cc_refusal_files_required"  # UCC 12: supporting documents
    EXPLANATION_CHANNEL_UNKNOWN = "cc_explanation_channel_unknown"  # UCC 11.2
    WRONG_BODY = "cc_wrong_body"
    INVALID_IIN_DIGITS = "cc_invalid_iin_digits"  # Law 23.4
    REPORT_EXISTS = "cc_report_exists"
    REPORT_SENT = "cc_report_sent"
    REPORT_PERIOD_OPEN = "cc_report_period_open"  # UCC 13-14, 18: the period has not ended
    REPORT_PERIOD_INVALID = "cc_report_period_invalid"  # UCC 13: a quarter is 1-4, a month 1-12
    DISCREPANCY_NOT_MONTHLY = "cc_discrepancy_not_monthly"  # UCC 20
    DISCREPANCY_FIGURE = "cc_discrepancy_figure"  # UCC 20
    DISCREPANCY_EXISTS = "cc_discrepancy_exists"  # UCC 20: explained once
    DISCREPANCY_NONE = "cc_discrepancy_none"  # UCC 20: the same figure is no discrepancy
    TRAINING_FILE = "cc_training_file"  # UCC 19
    TRAINING_STEP = "cc_training_step"  # UCC 19
    TRAINING_EXISTS = "cc_training_exists"  # UCC 19: one training per written request
    EMPTY_QUERY = "cc_empty_query"
