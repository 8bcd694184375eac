"""Error codes of the complaints app (Law 25)."""

from __future__ import annotations

from qyzmet.core.errors import ErrorCode


class ComplaintErrorCode(ErrorCode):
    INVALID_IIN = "complaint_invalid_iin"  # Law 20.3 identification
    INVALID_BIN = "complaint_invalid_bin"
    NO_CONTACT = "complaint_no_contact"
    EMPTY_TEXT = "complaint_empty_text"
    NOT_A_PROVIDER = "complaint_not_a_provider"
    NO_QUALITY_AUTHORITY = "complaint_no_quality_authority"
    UNKNOWN_APPLICATION = "complaint_unknown_application"
    UNKNOWN_SERVICE = "complaint_unknown_service"
    ALREADY_ANSWERED = "complaint_already_answered"
    EXTENSION_NO_GROUND = "complaint_extension_no_ground"  # Law 25.4
    EXTENSION_TOO_LONG = "complaint_extension_too_long"  # Law 25.4: at most 10 working days
    EXTENSION_REPEATED = "complaint_extension_repeated"  # Law 25.4: once
    EXTENSION_NO_REASONS = "complaint_extension_no_reasons"  # Law 25.4: with reasons
    EXTENSION_AFTER_TERM = "complaint_extension_after_term"
    EXTENSION_NOT_ALLOWED = "complaint_extension_not_allowed"  # Law 25.4: bodies named there only
    NOTICE_ALREADY_SENT = "complaint_notice_already_sent"
    NOTICE_BEFORE_EXTENSION = "complaint_notice_before_extension"
    EMPTY_ANSWER = "complaint_empty_answer"
    NOT_QUALITY_AUTHORITY = "complaint_not_quality_authority"  # Law 25.3
    RECOMMENDATION_NOT_NEEDED = "complaint_recommendation_not_needed"  # Law 25.3.2: state bodies only
    RECOMMENDATION_DUE_IN_PAST = "complaint_recommendation_due_in_past"
    RECOMMENDATION_ALREADY_CONTROLLED = "complaint_recommendation_already_controlled"
