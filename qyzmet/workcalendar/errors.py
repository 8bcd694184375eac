"""Error codes of the working calendar."""

from __future__ import annotations

from qyzmet.core.errors import ErrorCode


class WorkCalendarErrorCode(ErrorCode):
    DATE_OUT_OF_RANGE = "workcalendar_date_out_of_range"
    REASON_REQUIRED = "workcalendar_reason_required"
