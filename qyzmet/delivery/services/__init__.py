"""Writes of the delivery app (Law 4-5, 18-24), split by topic and re-exported here."""

from qyzmet.delivery.services.acceptance_refusals import acceptance_refusal_issue, acceptance_refusal_possible
from qyzmet.delivery.services.applications import (
    Representative,
    SubmittedDocument,
    application_check_documents,
    application_consent_record,
    application_form_check,
    application_provider_check,
    application_submit,
    notification_preference_set,
    recipient_territory_set,
)
from qyzmet.delivery.services.composite import (
    composite_application_submit,
    composite_combined_status,
    composite_status_refresh,
)
from qyzmet.delivery.services.decisions import application_refuse, application_result_ready
from qyzmet.delivery.services.drafts import (
    PORTAL_DRAFT_PURPOSE,
    DraftNotFound,
    DraftSaved,
    application_draft_check,
    application_draft_documents,
    application_draft_pay_start,
    application_draft_save,
    application_draft_start,
    application_draft_submit,
    application_draft_submit_paid,
    application_draft_sweep_expired,
)
from qyzmet.delivery.services.fees import (
    Fee,
    application_fee_payment_start,
    fee_exemptions,
    fee_for,
    fee_full_tenge,
    fee_paid_in_system,
)
from qyzmet.delivery.services.form_data import FieldError, form_data_check
from qyzmet.delivery.services.proactive import (
    proactive_close_reason_text,
    proactive_consent_set,
    proactive_offer_answer,
    proactive_offer_start,
    proactive_offer_start_for_iin,
    proactive_sms_reply,
)
from qyzmet.delivery.services.retention import application_anonymise
from qyzmet.delivery.services.stages import (
    application_hand_over,
    application_issue,
    application_request_other_body,
    application_sweep_overdue,
    application_take_in_work,
)
from qyzmet.delivery.services.volumes import (
    decided_volume_changed,
    decided_volume_rebuild,
    decided_volume_refresh,
    decided_volume_sweep,
)

__all__ = [
    "PORTAL_DRAFT_PURPOSE",
    "DraftNotFound",
    "DraftSaved",
    "Fee",
    "FieldError",
    "Representative",
    "SubmittedDocument",
    "acceptance_refusal_issue",
    "acceptance_refusal_possible",
    "application_anonymise",
    "application_check_documents",
    "application_consent_record",
    "application_draft_check",
    "application_draft_documents",
    "application_draft_pay_start",
    "application_draft_save",
    "application_draft_start",
    "application_draft_submit",
    "application_draft_submit_paid",
    "application_draft_sweep_expired",
    "application_fee_payment_start",
    "application_form_check",
    "application_hand_over",
    "application_issue",
    "application_provider_check",
    "application_refuse",
    "application_request_other_body",
    "application_result_ready",
    "application_submit",
    "application_sweep_overdue",
    "application_take_in_work",
    "composite_application_submit",
    "composite_combined_status",
    "composite_status_refresh",
    "decided_volume_changed",
    "decided_volume_rebuild",
    "decided_volume_refresh",
    "decided_volume_sweep",
    "fee_exemptions",
    "fee_for",
    "fee_full_tenge",
    "fee_paid_in_system",
    "form_data_check",
    "notification_preference_set",
    "proactive_close_reason_text",
    "proactive_consent_set",
    "proactive_offer_answer",
    "proactive_offer_start",
    "proactive_offer_start_for_iin",
    "proactive_sms_reply",
    "recipient_territory_set",
]
