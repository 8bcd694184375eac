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
    SELF_SERVICE_NO_TICKET = "crc14_self_service_is_not_a_queue"
    BODY_REQUIRED = "crc19_competent_body_required"
    BODY_NOT_AT_CENTRE = "crc19_body_has_no_desk_here"
    DESK_WITHOUT_BODY = "crc19_desk_without_body"
    TICKET_OF_ANOTHER_BODY = "crc19_ticket_of_another_body"
    CALLER_NOT_OF_DESK_BODY = "crc19_caller_not_of_desk_body"
    DESK_NOT_YOURS = "crc9_desk_not_yours"
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
    DESK_OPERATOR_NOT_OF_BODY = "crc8_desk_operator_not_of_body"
    NOT_ANSWERED_YET = "appeal_not_answered_yet"
