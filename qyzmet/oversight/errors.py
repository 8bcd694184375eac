"""Error codes of public accountability (Law 23.5-23.6, 26-28)."""

from __future__ import annotations

from qyzmet.core.errors import ErrorCode


class OversightErrorCode(ErrorCode):
    # Law 28, 7, 9: quality assessment
    WRONG_AUTHORITY = "oversight_wrong_authority"
    NOT_ASSESSED_BODY = "oversight_not_assessed_body"
    SERVICE_NOT_DELIVERED = "oversight_service_not_delivered"
    NOT_ELECTRONIC = "oversight_not_electronic"
    YEAR_AHEAD = "oversight_year_ahead"
    YEAR_NOT_OVER = "oversight_year_not_over"
    ASSESSMENT_EXISTS = "oversight_assessment_exists"
    ASSESSMENT_SIGNED = "oversight_assessment_signed"
    NO_FINDINGS = "oversight_no_findings"
    NO_RATING = "oversight_no_rating"
    # Law 27: state control
    NOT_QUALITY_AUTHORITY = "oversight_not_quality_authority"
    NOT_CONTROL_OBJECT = "oversight_not_control_object"
    NO_GROUND = "oversight_no_ground"
    UNKNOWN_COMPLAINT = "oversight_unknown_complaint"
    GROUND_ASSESSMENT = "oversight_ground_assessment"
    BAD_PERIOD = "oversight_bad_period"
    NO_SERVICES = "oversight_no_services"
    CASE_STATE = "oversight_case_state"
    ORDER_NO_BREACH = "oversight_order_no_breach"
    ORDER_DUE = "oversight_order_due"
    ORDER_CONTROLLED = "oversight_order_controlled"
    ORDER_REPORT_EMPTY = "oversight_order_report_empty"
    CASE_OPEN_ORDERS = "oversight_case_open_orders"
    EMPTY_TEXT = "oversight_empty_text"
    # Law 23.5-23.6: yearly report and public hearing
    NOT_REPORTING_BODY = "oversight_not_reporting_body"
    REPORT_YEAR = "oversight_report_year"
    REPORT_EXISTS = "oversight_report_exists"
    REPORT_PUBLISHED = "oversight_report_published"
    REPORT_NARRATIVE = "oversight_report_narrative"
    REPORT_NOT_PUBLISHED = "oversight_report_not_published"
    HEARING_IN_PAST = "oversight_hearing_in_past"
    HEARING_NO_PLACE = "oversight_hearing_no_place"
    HEARING_NOT_YET = "oversight_hearing_not_yet"
    HEARING_STATE = "oversight_hearing_state"
    HEARING_MINUTES = "oversight_hearing_minutes"
    HEARING_RESULTS = "oversight_hearing_results"
    COMMENTS_CLOSED = "oversight_comments_closed"
    COMMENT_EMPTY = "oversight_comment_empty"
    COMMENT_MODERATED = "oversight_comment_moderated"
    COMMENT_NO_REASON = "oversight_comment_no_reason"
