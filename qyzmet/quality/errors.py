"""Error codes of the quality app."""

from __future__ import annotations

from qyzmet.core.errors import ErrorCode


class QualityErrorCode(ErrorCode):
    SURVEY_NOT_FOUND = "quality_survey_not_found"
    SURVEY_ALREADY_ANSWERED = "quality_survey_already_answered"  # one answer per case
    SURVEY_EMPTY = "quality_survey_empty"
    SURVEY_BAD_SCORE = "quality_survey_bad_score"
    TARGET_BAD_VALUE = "quality_target_bad_value"  # STD 20: a share, 0..100
    TARGET_NOT_RESPONSIBLE = "quality_target_not_responsible"  # STD 20: the responsible body
    TARGET_BAD_YEAR = "quality_target_bad_year"
    TARGET_NO_ORDER = "quality_target_no_order"  # STD 20: approved by an order (number, date)
    TARGET_ALREADY_SET = "quality_target_already_set"  # STD 20: a change cites a new order
    TARGET_NOT_SET = "quality_target_not_set"  # a change needs a target to change
    TARGET_SAME_ORDER = "quality_target_same_order"  # STD 20: a change cites a new order
    NORM_BAD_VALUE = "quality_norm_bad_value"
    NORM_NOT_ALLOWED = "quality_norm_not_allowed"  # Law 7.5 (default), Law 10.1 (per service)
    NORM_NO_BASIS = "quality_norm_no_basis"  # the legal basis (order) of the value
    BAD_PERIOD = "quality_bad_period"
