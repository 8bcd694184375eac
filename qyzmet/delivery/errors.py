"""Error codes of service delivery (each cites its rule)."""

from __future__ import annotations

from qyzmet.core.errors import ErrorCode


class DeliveryErrorCode(ErrorCode):
    INVALID_RECIPIENT = "law1_invalid_recipient"
    INVALID_REPRESENTATIVE = "law20_3_invalid_representative"
    CHANNEL_NOT_OFFERED = "law18_channel_not_offered"
    NO_STANDARD_IN_FORCE = "law19_no_standard_in_force"
    DOCUMENTS_INCOMPLETE = "law19_documents_incomplete"
    DOCUMENTS_EXPIRED = "law19_documents_expired"
    DOCUMENT_ISSUED_IN_FUTURE = "law19_document_issued_in_future"
    DOCUMENT_DATE_MISSING = "law19_document_validity_date_missing"
    IDENTITY_NOT_CONFIRMED = "law20_3_identity_not_confirmed"
    NOT_AN_ACCEPTING_BRANCH = "law20_not_a_state_corporation_branch"
    NOT_A_PROVIDER = "law1_4_not_a_provider"
    PROVIDER_REQUIRED = "law1_4_provider_required"
    NOT_IN_REGISTER = "law12_1_service_not_in_register"
    CONSENT_NOT_BY_RECIPIENT = "law20_6_consent_not_by_recipient"
    DATA_FIELD_MISSING = "law19_data_field_missing"
    DATA_FIELD_INVALID = "law19_data_field_invalid"
    TRANSITION_NOT_ALLOWED = "law5_2_11_transition_not_allowed"
    REFUSAL_WITHOUT_GROUND = "law19_1_refusal_without_ground"
    REFUSAL_UNKNOWN_GROUND = "law19_1_unknown_ground"
    REFUSAL_WITHOUT_REASON = "law19_1_1_refusal_without_reason"
    REFUSAL_LICENCE_STATUTORY_GROUND = "law19_1_4_licence_statutory_ground"
    CONSENT_MISSING = "law19_1_2_6_consent_missing"
    RESULT_MISSING = "law19_1_result_missing"
    REAPPLICATION_NOT_REFUSED = "law19_1_3_reapplication_of_not_refused"
    PROACTIVE_NOT_CAPABLE = "law21_1_service_not_proactive"
    PROACTIVE_NO_PHONE = "law21_1_no_mobile_number"
    PROACTIVE_NO_CONSENT = "law21_1_no_consent"
    PROACTIVE_NOT_OFFERED = "law21_1_offer_not_open"
    PROACTIVE_REPLY_UNCLEAR = "law21_1_reply_unclear"
    PROACTIVE_UNKNOWN_RECIPIENT = "law21_1_unknown_recipient"
    COMPOSITE_EMPTY = "law4_1_4_1_composite_empty"
    DELIVERY_METHOD_NOT_OFFERED = "std16_delivery_method_not_offered"
    ACCEPTANCE_REFUSAL_DOCUMENTS_COMPLETE = "law20_2_refusal_of_a_complete_set"
    FEE_UNKNOWN = "law24_1_fee_unknown"
    FEE_NOT_PAID = "law24_1_fee_not_paid_in_the_system"
    FEE_PAYMENT_UNUSABLE = "law24_1_fee_payment_unusable"
    FEE_EXEMPTION_NOT_IN_STANDARD = "std11_fee_exemption_not_in_standard"
    FEE_PAID_SERVICE_NOT_HERE = "law24_1_paid_service_not_on_this_path"
    NOT_FOUND = "not_found"


class FieldErrorCode(ErrorCode):
    """Why one value of an application form is refused (Law 19, 20.2: an application is
    accepted only complete and filled in as the standard's form asks; ADR 0020). One per
    field, all reported at once."""

    REQUIRED = "law19_field_required"
    IIN_INVALID = "law19_field_iin_invalid"
    BIN_INVALID = "law19_field_bin_invalid"
    EMAIL_INVALID = "law19_field_email_invalid"
    PHONE_INVALID = "law19_field_phone_invalid"
    IBAN_INVALID = "law19_field_iban_invalid"
    NUMBER_INVALID = "law19_field_number_invalid"
    AMOUNT_NOT_POSITIVE = "law19_field_amount_not_positive"
    BELOW_MINIMUM = "law19_field_below_minimum"
    ABOVE_MAXIMUM = "law19_field_above_maximum"
    DATE_INVALID = "law19_field_date_invalid"
    DATE_TOO_EARLY = "law19_field_date_too_early"
    DATE_TOO_LATE = "law19_field_date_too_late"
    CHOICE_INVALID = "law19_field_choice_invalid"
    TOO_LONG = "law19_field_too_long"
