"""What each part of a standard version is called on a page, in the page's language, with the
point of the model standard it fills: "3-тармақ: құқықтық негіз", "пункт 3: правовое
основание", "point 3: legal basis" (tester's findings 5 and 10). Messages, banners, the comment
picker and the comment tables name a part by this, never by its code."""

from __future__ import annotations

import re

from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from qyzmet.registry.models import StandardVersion

Texts = dict[str, str]

# The point of the model standard each part fills (a field, the stem of a kk/ru pair, or a list
# of rows); a sub-point as "7.2". Parts of the Law's own (Law 14.2, 19-1.4) have no point here.
STD_POINTS: dict[str, str] = {
    "service_name": "1",
    "provider_name": "1",
    "provider_address": "1",
    # STD 1 asks for the provider's schedule too; the editor shows it with the schedules of 9.
    "working_schedule_provider": "9",
    "recipient_categories": "6",
    "recipients_note": "6",
    "automation_form": "2",
    "legal_basis": "3",
    "information_source_entries": "4",
    "information_sources": "4",
    "result_description": "5",
    "result_form": "5",
    "channel_terms": "7",
    "max_queue_wait_minutes": "7.2",
    "max_service_minutes": "7.3",
    "other_terms": "7.4",
    "is_free_by_law": "8",
    "is_paid": "8",
    "fee_mci": "8",
    "payment_method": "8",
    "fee_note": "8",
    "fee_exemptions": "8",
    "working_schedule_state_corporation": "9",
    "working_schedule_echannels": "9",
    "schedule_provider": "9",
    "schedule_state_corporation": "9",
    "schedule_echannels": "9",
    "pre_registration_available": "9",
    "pre_registration_conditions": "9",
    "expedited_available": "9",
    "expedited_conditions": "9",
    "expedited_fee_mci": "8",
    "premises": "10",
    "required_documents": "11",
    "forms_blanks": "12",
    "document_office": "13",
    "process_steps": "14",
    "receipt_document": "15",
    "delivery_methods": "16",
    "refusal_grounds": "17",
    "other_refusal_grounds": "17",
    "suspension_grounds": "17",
    "principles": "18",
    "principles_note": "18",
    "complaint_address_entries": "21–23",
    "complaint_addresses": "21–23",
    "higher_instance": "22",
    "complaint_documents": "24",
    "complaint_receipt": "25",
    "other_information": "26",
}
# Parts that are not a field of the version (or whose field name says too little).
_OWN_NAMES: dict[str, object] = {
    "legal_basis": _("legal basis"),
    "result_description": _("result"),
    "agreements": _("agreement of the interested bodies"),
    "comments": _("comments"),
    "fee_mci": _("fee, MCI"),
    "effective_from": _("in force from"),
    "effective_to": _("in force until (inclusive)"),
    "change_summary": _("what changes"),
    "approval_act": _("approving act"),
    # the other forms of the version's page
    "decision": _("Decision"),
    "reason": _("Reason"),
    "remarks": _("Remarks"),
    "organisation": _("Interested body"),
    "revised_draft_location": _("Where to read the revised draft"),
    "text": _("Your comment"),
    "field_name": _("Which part of the draft"),
}
_LANGUAGE_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


def _name(code: str) -> str:
    """The part's own name in the active language (no point)."""
    if code in _OWN_NAMES:
        return str(_OWN_NAMES[code])
    for candidate in (code, f"{code}_kk"):
        try:
            field = StandardVersion._meta.get_field(candidate)
        except FieldDoesNotExist:
            continue
        if field.is_relation and (field.one_to_many or field.many_to_many):
            return str(field.related_model._meta.verbose_name_plural)  # type: ignore[union-attr]
        name = str(field.verbose_name)  # type: ignore[union-attr]
        # "legal basis (Kazakh)" names the Kazakh input; the part is "legal basis".
        return _LANGUAGE_NOTE.sub("", name) if candidate != code else name
    return code


def _point(point: str, language: str) -> str:
    main, _dot, sub = point.partition(".")
    if language == "kk":
        if sub:
            return f"{main}-тармақтың {sub}) тармақшасы"
        return f"{main}-тармақтар" if "–" in main else f"{main}-тармақ"
    if language == "ru":
        if sub:
            return f"подпункт {sub}) пункта {main}"
        return f"пункты {main}" if "–" in main else f"пункт {main}"
    return f"points {main.replace('–', '-')}" if "–" in main else f"point {point}"


def field_label(code: str, language: str | None = None) -> str:
    """``code`` (a field, the stem of a kk/ru pair or a list of rows of a version, or a part a
    refusal names) in ``language`` (the active one by default), after its STD point if any."""
    lang = (language or translation.get_language() or "kk")[:2]
    lang = lang if lang in ("kk", "ru") else "en"
    stem = code[:-3] if code.endswith(("_kk", "_ru")) else code
    with translation.override(lang):
        name = _name(stem)
    point = STD_POINTS.get(stem)
    return f"{_point(point, lang)}: {name}" if point else name[:1].upper() + name[1:]
