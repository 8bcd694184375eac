"""Law 19, 20.2 (ADR 0020): each value of an application form is checked by its type and its
bounds, on the server, and every refused value is reported at once (kk/ru/en, with a code).
Pure: no database, the application day is passed in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qyzmet.core.identity import check_digit
from qyzmet.delivery.errors import FieldErrorCode
from qyzmet.delivery.services.form_data import AMOUNT_CEILING, form_data_check
from qyzmet.registry.enums import FormFieldType

ON = dt.date(2026, 11, 23)
VALID_IIN = "900101400003"


@dataclass
class F:
    code: str
    datatype: str
    required: bool = True
    choices: Any = field(default_factory=list)
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    date_min_days: int | None = None
    date_max_days: int | None = None

    def label(self, language: str | None = None) -> str:
        return self.code


def _one(f: F, value: Any) -> tuple[dict[str, Any], list[FieldErrorCode]]:
    result = form_data_check(fields=[f], data={f.code: value}, on=ON)
    return result.data, [e.code for e in result.errors]


def _valid_bin() -> str:
    first11 = "13024000000"
    return first11 + str(check_digit(first11))


# --- IIN / BIN ---------------------------------------------------------------------------------


def test_law_19_iin_field_takes_a_valid_iin() -> None:
    assert _one(F("spouse", FormFieldType.IIN), f" {VALID_IIN} ") == ({"spouse": VALID_IIN}, [])


@pytest.mark.parametrize(
    "bad", ["900101400004", "90010140000", "9001014000031", "abcdefghijkl", "900101700003"]
)
def test_law_19_iin_field_refuses_a_wrong_check_digit_length_or_century(bad: str) -> None:
    assert _one(F("spouse", FormFieldType.IIN), bad)[1] == [FieldErrorCode.IIN_INVALID]


def test_law_19_bin_field_checks_the_check_digit_and_the_entity_kind() -> None:
    good = _valid_bin()
    assert _one(F("company", FormFieldType.BIN), good) == ({"company": good}, [])
    wrong_digit = good[:-1] + str((int(good[-1]) + 1) % 10)
    assert _one(F("company", FormFieldType.BIN), wrong_digit)[1] == [FieldErrorCode.BIN_INVALID]
    # An IIN (d5 is a month digit, not 4-6) is not a BIN.
    assert _one(F("company", FormFieldType.BIN), VALID_IIN)[1] == [FieldErrorCode.BIN_INVALID]


# --- e-mail, phone -----------------------------------------------------------------------------


def test_law_19_email_field_takes_an_address_and_refuses_text() -> None:
    assert _one(F("mail", FormFieldType.EMAIL), "aliya@example.kz") == ({"mail": "aliya@example.kz"}, [])
    assert _one(F("mail", FormFieldType.EMAIL), "aliya at example")[1] == [FieldErrorCode.EMAIL_INVALID]


@pytest.mark.parametrize("typed", ["+7 701 412 33 08", "87014123308", "7 (701) 412-33-08", "+77014123308"])
def test_law_19_kazakh_mobile_phone_is_normalised(typed: str) -> None:
    assert _one(F("phone", FormFieldType.PHONE_KZ), typed) == ({"phone": "+77014123308"}, [])


@pytest.mark.parametrize("typed", ["+7 7172 74 07 4", "+49 151 2345678", "123", "+7 495 123 45 67"])
def test_law_19_phone_that_is_not_a_kazakh_mobile_is_refused(typed: str) -> None:
    assert _one(F("phone", FormFieldType.PHONE_KZ), typed)[1] == [FieldErrorCode.PHONE_INVALID]


# --- bank account ------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["KZ86125KZT5004100100", "kz86 125k zt50 0410 0100"])
def test_law_19_a_kazakh_iban_is_checked_and_normalised(typed: str) -> None:
    assert _one(F("account", FormFieldType.IBAN_KZ), typed) == ({"account": "KZ86125KZT5004100100"}, [])


@pytest.mark.parametrize(
    "typed", ["KZ12345", "KZ86125KZT5004100101", "DE89370400440532013000", "KZ86125KZT50041001000", "KZ86ЖЖЖ"]
)
def test_law_19_a_bank_account_that_is_not_a_kazakh_iban_is_refused(typed: str) -> None:
    result = form_data_check(fields=[F("account", FormFieldType.IBAN_KZ)], data={"account": typed}, on=ON)
    assert [e.code for e in result.errors] == [FieldErrorCode.IBAN_INVALID]
    assert "IBAN" in result.errors[0].messages["kk"] and "IBAN" in result.errors[0].messages["ru"]


# --- numbers and amounts -----------------------------------------------------------------------


def test_law_19_amount_must_be_positive() -> None:
    assert _one(F("sum", FormFieldType.AMOUNT), "-100")[1] == [FieldErrorCode.AMOUNT_NOT_POSITIVE]
    assert _one(F("sum", FormFieldType.AMOUNT), "0")[1] == [FieldErrorCode.AMOUNT_NOT_POSITIVE]
    assert _one(F("sum", FormFieldType.AMOUNT), "3 692,50") == ({"sum": "3692.50"}, [])


def test_law_19_amount_has_a_sane_ceiling_without_a_bound_and_keeps_to_the_tiyn() -> None:
    assert _one(F("sum", FormFieldType.AMOUNT), str(AMOUNT_CEILING + 1))[1] == [FieldErrorCode.ABOVE_MAXIMUM]
    assert _one(F("sum", FormFieldType.AMOUNT), "10.005")[1] == [FieldErrorCode.NUMBER_INVALID]


def test_law_19_number_bounds_from_the_standard_are_inclusive() -> None:
    f = F("year", FormFieldType.NUMBER, min_value=Decimal(1990), max_value=Decimal(2026))
    assert _one(f, "1990") == ({"year": "1990"}, [])
    assert _one(f, "2026") == ({"year": "2026"}, [])
    assert _one(f, "1989")[1] == [FieldErrorCode.BELOW_MINIMUM]
    assert _one(f, "2027")[1] == [FieldErrorCode.ABOVE_MAXIMUM]
    assert _one(f, "nineteen")[1] == [FieldErrorCode.NUMBER_INVALID]
    assert _one(f, "NaN")[1] == [FieldErrorCode.NUMBER_INVALID]


def test_law_19_bound_is_named_in_the_message_in_each_language() -> None:
    f = F("sum", FormFieldType.AMOUNT, min_value=Decimal(1), max_value=Decimal(1_000_000))
    error = form_data_check(fields=[f], data={"sum": "2000000"}, on=ON).errors[0]
    assert error.messages == {
        "kk": "Көп дегенде 1 000 000.",
        "ru": "Не больше 1 000 000.",
        "en": "At most 1 000 000.",
    }


# --- dates -------------------------------------------------------------------------------------


def test_law_19_ceremony_date_is_not_before_the_application_day() -> None:
    ceremony = F("ceremony", FormFieldType.DATE, date_min_days=0, date_max_days=180)
    assert _one(ceremony, "2020-06-01")[1] == [FieldErrorCode.DATE_TOO_EARLY]
    assert _one(ceremony, "2026-11-22")[1] == [FieldErrorCode.DATE_TOO_EARLY]
    assert _one(ceremony, "2026-11-23") == ({"ceremony": "2026-11-23"}, [])
    assert _one(ceremony, "22.05.2027") == ({"ceremony": "2027-05-22"}, [])  # day 180
    assert _one(ceremony, "2027-05-23")[1] == [FieldErrorCode.DATE_TOO_LATE]


def test_law_19_birth_date_lies_in_the_past() -> None:
    birth = F("birth", FormFieldType.DATE, date_max_days=-1)
    assert _one(birth, "1985-01-01") == ({"birth": "1985-01-01"}, [])
    assert _one(birth, "2026-11-23")[1] == [FieldErrorCode.DATE_TOO_LATE]


def test_law_19_impossible_or_out_of_era_date_is_refused() -> None:
    f = F("day", FormFieldType.DATE)
    assert _one(f, "2026-02-30")[1] == [FieldErrorCode.DATE_INVALID]
    assert _one(f, "0202-01-01")[1] == [FieldErrorCode.DATE_INVALID]
    assert _one(f, "tomorrow")[1] == [FieldErrorCode.DATE_INVALID]


def test_law_19_date_message_names_the_earliest_day() -> None:
    f = F("ceremony", FormFieldType.DATE, date_min_days=0)
    error = form_data_check(fields=[f], data={"ceremony": "2020-06-01"}, on=ON).errors[0]
    assert error.messages["ru"] == "Дата не может быть раньше 23.11.2026."
    assert error.messages["kk"] == "Күн 23.11.2026 күнінен бұрын болмауы керек."


# --- choices, text, required, all at once ------------------------------------------------------


def test_law_19_choice_must_be_one_of_the_list() -> None:
    f = F("purpose", FormFieldType.CHOICE, choices=[{"key": "work"}, {"key": "visa"}])
    assert _one(f, "visa") == ({"purpose": "visa"}, [])
    assert _one(f, "holiday")[1] == [FieldErrorCode.CHOICE_INVALID]


def test_law_19_string_has_a_length_limit() -> None:
    assert _one(F("name", FormFieldType.STRING), "x" * 501)[1] == [FieldErrorCode.TOO_LONG]


def test_law_19_required_empty_is_refused_optional_empty_is_left_out() -> None:
    assert _one(F("name", FormFieldType.STRING), "  ")[1] == [FieldErrorCode.REQUIRED]
    assert _one(F("name", FormFieldType.STRING, required=False), "") == ({}, [])
    assert _one(F("agree", FormFieldType.BOOLEAN, required=False), "on") == ({"agree": True}, [])


def test_law_19_every_refused_value_is_reported_at_once() -> None:
    fields = [
        F("spouse", FormFieldType.IIN),
        F("ceremony", FormFieldType.DATE, date_min_days=0),
        F("sum", FormFieldType.AMOUNT),
        F("name", FormFieldType.STRING),
        F("mail", FormFieldType.EMAIL, required=False),
    ]
    result = form_data_check(
        fields=fields,
        data={
            "spouse": "900101400004",
            "ceremony": "2020-06-01",
            "sum": "-5",
            "name": "Әлия",
            "unknown": "x",
        },
        on=ON,
    )
    assert [(e.field, e.code) for e in result.errors] == [
        ("spouse", FieldErrorCode.IIN_INVALID),
        ("ceremony", FieldErrorCode.DATE_TOO_EARLY),
        ("sum", FieldErrorCode.AMOUNT_NOT_POSITIVE),
    ]
    assert result.data == {"name": "Әлия"}  # a code the form has not is dropped
    assert all(set(e.messages) == {"kk", "ru", "en"} for e in result.errors)


@given(st.integers(min_value=0, max_value=10**11 - 1))
def test_law_19_iin_check_agrees_with_the_check_digit_rule(n: int) -> None:
    first11 = f"{n:011d}"
    digit = check_digit(first11)
    if digit is None:
        return
    number = first11 + str(digit)
    _data, codes = _one(F("iin", FormFieldType.BIN), number)
    from qyzmet.core.identity import is_valid_bin

    assert (codes == []) == is_valid_bin(number)
