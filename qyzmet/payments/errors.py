"""Error codes of payments (Law 24: a fee is what the standard sets, paid by the recipient)."""

from __future__ import annotations

from qyzmet.core.errors import ErrorCode


class PaymentErrorCode(ErrorCode):
    AMOUNT_NOT_POSITIVE = "law24_payment_amount_not_positive"
    UNKNOWN_PURPOSE = "payment_unknown_purpose"
    UNKNOWN_BACKEND = "payment_unknown_backend"
    SIGNATURE_INVALID = "payment_notification_signature_invalid"
    NOTIFICATION_INVALID = "payment_notification_invalid"
    NOT_PAID = "law24_payment_not_paid"
    ALREADY_CONSUMED = "law24_payment_already_used"
    WRONG_AMOUNT = "law24_payment_wrong_amount"
    WRONG_PAYER = "law24_payment_wrong_payer"
    NOT_REFUNDABLE = "law24_payment_not_refundable"
    NOT_FOUND = "not_found"
