"""The values of an application form, checked by the type and the bounds of each field of the
standard's form (Law 19, 20.2; ADR 0020).

Pure: no database, no clock. ``form_data_check`` takes the form's fields and what was typed,
and the application day; it returns the values normalised (dates ISO, amounts as decimal text,
phones as ``+77XXXXXXXXX``) and *every* field error at once, each with a code
(:class:`FieldErrorCode`) and kk/ru/en text. One function for every channel (portal, desk, REST,
Open311), called by ``application_check_acceptance``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from qyzmet.core.identity import is_valid_bin, is_valid_iin, is_valid_kz_iban
from qyzmet.delivery.errors import FieldErrorCode
from qyzmet.registry.enums import FormFieldType

# An amount with no upper bound in its standard still has a sane one: a trillion tenge.
AMOUNT_CEILING = Decimal("1000000000000")
STRING_MAX = 500
TEXT_MAX = 5000
# A date with no bounds in its standard is still a date of this era.
YEAR_RANGE = (1900, 2100)
_PHONE = re.compile(r"^(?:\+?7|8)(7\d{9})$")
_TRUE = {"true", "on", "1", "yes", "да", "иә"}


class FieldLike(Protocol):
    """What the check reads of a form field (``registry.FormField``)."""

    code: str
    datatype: str
    required: bool
    choices: Any
    min_value: Decimal | None
    max_value: Decimal | None
    date_min_days: int | None
    date_max_days: int | None

    def label(self, language: str | None = None) -> str: ...


@dataclass(frozen=True)
class FieldError:
    """One refused value: the field's code, why (a code), and the text in kk/ru/en."""

    field: str
    code: FieldErrorCode
    messages: dict[str, str]


@dataclass
class FormDataCheck:
    data: dict[str, Any] = field(default_factory=dict)
    errors: list[FieldError] = field(default_factory=list)


def _texts(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


def _number_text(value: Decimal) -> str:
    text = f"{value:,.2f}".replace(",", " ")
    return text[:-3] if text.endswith(".00") else text


def _day_text(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def _parse_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _parse_decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    text = str(value).strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _check_number(f: FieldLike, value: Any) -> tuple[Any, FieldError | None]:
    number = _parse_decimal(value)
    if number is None:
        return None, FieldError(
            f.code,
            FieldErrorCode.NUMBER_INVALID,
            _texts("Сан енгізіңіз.", "Введите число.", "Enter a number."),
        )
    if f.datatype == FormFieldType.AMOUNT:
        if number <= 0:
            return None, FieldError(
                f.code,
                FieldErrorCode.AMOUNT_NOT_POSITIVE,
                _texts(
                    "Сома нөлден үлкен болуы керек.",
                    "Сумма должна быть больше нуля.",
                    "The amount must be more than zero.",
                ),
            )
        if number != number.quantize(Decimal("0.01")):
            return None, FieldError(
                f.code,
                FieldErrorCode.NUMBER_INVALID,
                _texts(
                    "Соманы теңгемен, тиынға дейін енгізіңіз.",
                    "Укажите сумму в тенге, не точнее тиына.",
                    "Enter the amount in tenge, to the tiyn at most.",
                ),
            )
    low = f.min_value
    high = f.max_value
    if f.datatype == FormFieldType.AMOUNT and high is None:
        high = AMOUNT_CEILING
    if low is not None and number < low:
        shown = _number_text(low)
        return None, FieldError(
            f.code,
            FieldErrorCode.BELOW_MINIMUM,
            _texts(f"Кемінде {shown}.", f"Не меньше {shown}.", f"At least {shown}."),
        )
    if high is not None and number > high:
        shown = _number_text(high)
        return None, FieldError(
            f.code,
            FieldErrorCode.ABOVE_MAXIMUM,
            _texts(f"Көп дегенде {shown}.", f"Не больше {shown}.", f"At most {shown}."),
        )
    return (str(int(number)) if number == number.to_integral() else str(number)), None


def _check_date(f: FieldLike, value: Any, on: dt.date) -> tuple[Any, FieldError | None]:
    day = _parse_date(value)
    if day is None or not YEAR_RANGE[0] <= day.year <= YEAR_RANGE[1]:
        return None, FieldError(
            f.code,
            FieldErrorCode.DATE_INVALID,
            _texts(
                "Күнді КК.АА.ЖЖЖЖ түрінде енгізіңіз.",
                "Введите дату в виде ДД.ММ.ГГГГ.",
                "Enter a date as DD.MM.YYYY.",
            ),
        )
    if f.date_min_days is not None and day < on + dt.timedelta(days=f.date_min_days):
        earliest = _day_text(on + dt.timedelta(days=f.date_min_days))
        return None, FieldError(
            f.code,
            FieldErrorCode.DATE_TOO_EARLY,
            _texts(
                f"Күн {earliest} күнінен бұрын болмауы керек.",
                f"Дата не может быть раньше {earliest}.",
                f"The date cannot be before {earliest}.",
            ),
        )
    if f.date_max_days is not None and day > on + dt.timedelta(days=f.date_max_days):
        latest = _day_text(on + dt.timedelta(days=f.date_max_days))
        return None, FieldError(
            f.code,
            FieldErrorCode.DATE_TOO_LATE,
            _texts(
                f"Күн {latest} күнінен кейін болмауы керек.",
                f"Дата не может быть позже {latest}.",
                f"The date cannot be after {latest}.",
            ),
        )
    return day.isoformat(), None


def _check_value(f: FieldLike, value: Any, on: dt.date) -> tuple[Any, FieldError | None]:
    kind = f.datatype
    text = value.strip() if isinstance(value, str) else value
    if kind == FormFieldType.IIN:
        iin = str(text).replace(" ", "")
        if is_valid_iin(iin):
            return iin, None
        return None, FieldError(
            f.code,
            FieldErrorCode.IIN_INVALID,
            _texts(
                "ЖСН дұрыс емес: 12 цифр, соңғысы бақылау цифры.",
                "Неверный ИИН: 12 цифр, последняя — контрольная.",
                "Not a valid IIN: 12 digits, the last one a check digit.",
            ),
        )
    if kind == FormFieldType.BIN:
        bin_ = str(text).replace(" ", "")
        if is_valid_bin(bin_):
            return bin_, None
        return None, FieldError(
            f.code,
            FieldErrorCode.BIN_INVALID,
            _texts(
                "БСН дұрыс емес: 12 цифр, соңғысы бақылау цифры.",
                "Неверный БИН: 12 цифр, последняя — контрольная.",
                "Not a valid BIN: 12 digits, the last one a check digit.",
            ),
        )
    if kind == FormFieldType.EMAIL:
        try:
            validate_email(str(text))
        except ValidationError:
            return None, FieldError(
                f.code,
                FieldErrorCode.EMAIL_INVALID,
                _texts(
                    "Электрондық пошта мекенжайын дұрыс енгізіңіз (name@example.kz).",
                    "Введите правильный адрес электронной почты (name@example.kz).",
                    "Enter a valid e-mail address (name@example.kz).",
                ),
            )
        return str(text), None
    if kind == FormFieldType.PHONE_KZ:
        digits = re.sub(r"[\s\-()]", "", str(text))
        match = _PHONE.match(digits)
        if match:
            return f"+7{match.group(1)}", None
        return None, FieldError(
            f.code,
            FieldErrorCode.PHONE_INVALID,
            _texts(
                "Қазақстандық ұялы нөмірді енгізіңіз: +7 7XX XXX XX XX.",
                "Введите казахстанский мобильный номер: +7 7XX XXX XX XX.",
                "Enter a Kazakh mobile number: +7 7XX XXX XX XX.",
            ),
        )
    if kind == FormFieldType.IBAN_KZ:
        return _check_iban(f, str(text))
    if kind in (FormFieldType.NUMBER, FormFieldType.AMOUNT):
        return _check_number(f, text)
    if kind == FormFieldType.DATE:
        return _check_date(f, text, on)
    if kind == FormFieldType.BOOLEAN:
        return (text is True or str(text).strip().lower() in _TRUE), None
    if kind == FormFieldType.CHOICE:
        keys = {str(c.get("key", "")) for c in (f.choices or []) if isinstance(c, Mapping)}
        if str(text) in keys:
            return str(text), None
        return None, FieldError(
            f.code,
            FieldErrorCode.CHOICE_INVALID,
            _texts("Тізімнен таңдаңыз.", "Выберите из списка.", "Choose from the list."),
        )
    limit = TEXT_MAX if kind == FormFieldType.TEXT else STRING_MAX
    if len(str(text)) > limit:
        return None, FieldError(
            f.code,
            FieldErrorCode.TOO_LONG,
            _texts(
                f"Ең көбі {limit} таңба.",
                f"Не более {limit} символов.",
                f"At most {limit} characters.",
            ),
        )
    return str(text), None


def _check_iban(f: FieldLike, text: str) -> tuple[Any, FieldError | None]:
    iban = text.replace(" ", "").upper()
    if is_valid_kz_iban(iban):
        return iban, None
    return None, FieldError(
        f.code,
        FieldErrorCode.IBAN_INVALID,
        _texts(
            "Банктік шот (IBAN) дұрыс емес: KZ және 18 таңба, бақылау цифрлары сәйкес болуы керек.",
            "Неверный банковский счёт (IBAN): KZ и 18 символов, контрольные цифры должны сходиться.",
            "Not a valid Kazakh IBAN: KZ and 18 characters with matching check digits.",
        ),
    )


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value is False


def form_data_check(*, fields: Sequence[FieldLike], data: Mapping[str, Any], on: dt.date) -> FormDataCheck:
    """Every field of the form against what was typed, on the application day ``on``. Values
    of codes the form does not have are dropped; empty optional fields are left out; an empty
    required one is an error (a required yes/no field must be ticked)."""
    result = FormDataCheck()
    for f in fields:
        value = data.get(f.code)
        if _empty(value):
            if f.required:
                result.errors.append(
                    FieldError(
                        f.code,
                        FieldErrorCode.REQUIRED,
                        _texts("Толтырыңыз.", "Заполните.", "Fill this in."),
                    )
                )
            continue
        clean, problem = _check_value(f, value, on)
        if problem is not None:
            result.errors.append(problem)
        elif not (f.datatype == FormFieldType.BOOLEAN and clean is False):
            result.data[f.code] = clean
    return result
