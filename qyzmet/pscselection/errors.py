"""Error codes of the PSC selection (PSC 4-11) and the refusal that names the point broken."""

from __future__ import annotations

from qyzmet.core.errors import ApplicationError, ErrorCode


class PscErrorCode(ErrorCode):
    YEAR_INVALID = "psc_year_invalid"
    DATE_IN_FUTURE = "psc_date_in_future"
    DATE_TOO_EARLY = "psc_date_too_early"
    FIELD_REQUIRED = "psc_field_required"
    NOT_A_PROPOSING_BODY = "psc5_not_a_proposing_body"
    PROPOSAL_EXISTS = "psc5_proposal_exists"
    PROPOSAL_SUBMITTED = "psc5_proposal_submitted"
    PROPOSAL_EMPTY = "psc5_proposal_empty"
    PROPOSAL_TOO_LATE = "psc7_list_with_the_commission"
    ITEM_EXISTS = "psc5_item_exists"
    ITEM_INVALID = "psc4_item_invalid"
    NOT_THE_HEAD = "psc5_not_the_head"
    LIST_SENT = "psc7_list_sent"
    LIST_NOT_FORMED = "psc6_list_not_formed"
    LIST_TOO_EARLY = "psc6_list_too_early"
    LIST_NOT_SENT = "psc7_list_not_sent"
    LIST_EMPTY = "psc7_list_empty"
    LIST_ENTRY_OUT_OF_RULES = "psc4_entry_out_of_rules"
    ABSENTEE_LIMIT = "psc7_absentee_limit"
    MEETING_ADOPTED = "psc8_meeting_adopted"
    MEETING_NOT_ADOPTED = "psc8_meeting_not_adopted"
    MEETING_EMPTY = "psc8_meeting_empty"
    ENTRY_NOT_IN_LIST = "psc8_entry_not_in_list"
    CONCLUSION_EXISTS = "psc8_conclusion_exists"
    PROTOCOL_EXISTS = "psc9_protocol_exists"
    NOTHING_TO_AMEND = "psc10_nothing_to_amend"
    AMENDMENT_EXISTS = "psc10_amendment_exists"
    AMENDMENT_APPLIED = "psc10_amendment_applied"
    NO_STANDARD_VERSION = "psc11_no_standard_version"
    TASK_DONE = "psc11_task_done"
    MEMBER_INVALID = "psc3_member_invalid"


def cite(point: str) -> dict[str, str]:
    """How a point of the PSC rules is cited in kk, ru and en ("4.1" → sub-point 1 of 4)."""
    number, _dot, sub = point.partition(".")
    if point == "appendix":
        return {
            "kk": "ХҚО іріктеу қағидаларына қосымша",
            "ru": "приложение к Правилам отбора услуг для ЦОН",
            "en": "PSC appendix",
        }
    if sub:
        return {
            "kk": f"ХҚО іріктеу қағидаларының {number}-тармағының {sub}) тармақшасы",
            "ru": f"пп. {sub}) п. {number} Правил отбора услуг для ЦОН",
            "en": f"PSC {point}",
        }
    return {
        "kk": f"ХҚО іріктеу қағидаларының {number}-тармағы",
        "ru": f"п. {number} Правил отбора услуг для ЦОН",
        "en": f"PSC {point}",
    }


def _cited(texts: dict[str, str], point: str | None) -> dict[str, str]:
    if point is None:
        return texts
    where = cite(point)
    return {lang: f"{text.rstrip('.')} ({where[lang]})." for lang, text in texts.items()}


def refusal(
    code: PscErrorCode,
    kk: str,
    ru: str,
    en: str,
    *,
    point: str | None,
    field: str | None = None,
) -> ApplicationError:
    """A refusal in kk/ru/en naming ``point`` of the rules (on ``field`` of the form, if any)."""
    texts = _cited({"kk": kk, "ru": ru, "en": en}, point)
    return ApplicationError(code, texts, fields={field: texts} if field else None)


def refusals(
    code: PscErrorCode, fields: dict[str, tuple[str, str, str, str | None]], *, summary: tuple[str, str, str]
) -> ApplicationError:
    """Several problems at once: ``fields`` maps a form field to (kk, ru, en, point)."""
    return ApplicationError(
        code,
        {"kk": summary[0], "ru": summary[1], "en": summary[2]},
        fields={
            name: _cited({"kk": kk, "ru": ru, "en": en}, point)
            for name, (kk, ru, en, point) in fields.items()
        },
    )
