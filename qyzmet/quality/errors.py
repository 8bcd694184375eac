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
    NORM_BAD_VALUE = "quality_norm_bad_value"
    BAD_PERIOD = "quality_bad_period"
