"""Error codes of the reception app (each cites its rule)."""

from __future__ import annotations

from qyzmet.core.errors import ErrorCode


class ReceptionErrorCode(ErrorCode):
    CENTRE_CLOSED = "crc5_centre_closed"
    ZONE_ISSUES_NO_TICKETS = "crc14_zone_issues_no_tickets"
    VISITOR_NOT_IDENTIFIED = "crc14_visitor_not_identified"
    INVALID_IIN = "crc14_invalid_iin"
    TICKET_STATE = "crc14_ticket_state"
    QUEUE_EMPTY = "crc14_queue_empty"
    APPEAL_DETAILS_MISSING = "crc17_3_details_missing"
    APPEAL_OUT_OF_SCOPE = "crc2_out_of_scope"
    REPRESENTATIVE_DOCUMENTS = "crc15_representative_documents"
    TRANSLATION_REQUIRED = "crc15_translation_required"
    NOT_A_COMPETENT_BODY = "crc4_3_not_a_competent_body"
    REGISTRY_RECEIVED = "crc17_7_registry_already_received"
    ANSWER_EXISTS = "crc18_answer_exists"
    ANSWER_STATE = "crc18_answer_state"
    SCHEDULE_NOT_APPROVED = "crc20_schedule_not_approved"
    LIST_LOCKED = "crc21_list_locked"
    SCHEDULE_STATE = "crc20_schedule_state"
    SCHEDULE_HOURS = "crc5_schedule_outside_hours"
    SCHEDULE_DETAILS = "crc20_schedule_details"
    ALREADY_REGISTERED = "crc21_already_registered"
    NOT_RECEPTION_DAY = "crc21_not_the_reception_day"
    LIST_NOT_FIXED_YET = "crc21_list_not_fixed_yet"
    FOLLOW_UP_DETAILS = "crc22_follow_up_details"
    FOLLOW_UP_CLOSED = "crc22_follow_up_closed"
    JOINT_RECEPTION = "crc23_joint_reception"
    DESK_OPERATOR_NOT_OF_BODY = "crc8_desk_operator_not_of_body"
    NOT_ANSWERED_YET = "appeal_not_answered_yet"
    # --- appeals: dates, consent, answer channels, paper (CRC 15, 17) ---
    APPEAL_DATE_IN_FUTURE = "crc17_3_appeal_date_in_future"
    CONSENT_REQUIRED = "crc17_5_consent_required"
    ANSWER_CHANNEL = "crc17_4_answer_channel"
    PAPER_ONLY = "crc17_7_paper_only"
    ORIGINALS_STATE = "crc17_7_originals_state"
    REGISTRY_NOT_DUE = "crc17_7_registry_not_due"
    DISPATCH_INVALID = "crc17_4_dispatch_invalid"
    DRAFT_NOT_FOUND = "crc17_draft_not_found"
