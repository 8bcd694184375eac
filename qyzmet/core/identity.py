"""IIN and BIN: the 12-digit identification numbers of individuals and legal entities.

Check digit (Rules of forming IIN/BIN): d12 = sum(d_i * w_i, i=1..11) mod 11 with weights
1..11; if that is 10, recompute with weights 3,4,5,6,7,8,9,10,11,1,2; if 10 again the number
is invalid. For an IIN, d1-d6 are the birth date YYMMDD and d7 (1-6) gives century and sex;
for a BIN, d5 (4, 5 or 6) is the kind of entity.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

WEIGHTS_1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


@dataclass(frozen=True)
class IINInfo:
    birth_date: dt.date
    sex: Sex


def check_digit(first11: str) -> int | None:
    """The 12th digit for the first 11 digits, or ``None`` when no valid digit exists."""
    if len(first11) != 11 or not first11.isdigit():
        raise ValueError("need exactly 11 digits")
    digits = [int(c) for c in first11]
    for weights in (WEIGHTS_1, WEIGHTS_2):
        control = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if control != 10:
            return control
    return None


def _checksum_ok(number: str) -> bool:
    if len(number) != 12 or not number.isdigit() or not number.isascii():
        return False
    return check_digit(number[:11]) == int(number[11])


_CENTURY = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}


def iin_info(iin: str) -> IINInfo | None:
    """Birth date and sex encoded in an IIN, or ``None`` if the IIN is not valid."""
    if not _checksum_ok(iin):
        return None
    d7 = int(iin[6])
    if d7 not in _CENTURY:
        return None
    try:
        birth = dt.date(_CENTURY[d7] + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))
    except ValueError:
        return None
    return IINInfo(birth_date=birth, sex=Sex.MALE if d7 % 2 == 1 else Sex.FEMALE)


def is_valid_iin(iin: str) -> bool:
    return iin_info(iin) is not None


def is_valid_bin(bin_: str) -> bool:
    """A BIN: valid checksum, d1-d2 year, d3-d4 month 01-12, d5 entity kind 4, 5 or 6."""
    if not _checksum_ok(bin_):
        return False
    return 1 <= int(bin_[2:4]) <= 12 and bin_[4] in "456"


def is_valid_kz_iban(iban: str) -> bool:
    """A Kazakh bank account (IBAN, ISO 13616): ``KZ``, two check digits, a 3-digit bank code and
    13 letters or digits, 20 characters in all, whose ISO 7064 MOD 97-10 remainder is 1."""
    text = iban.replace(" ", "").upper()
    if len(text) != 20 or not text.startswith("KZ") or not text[2:7].isdigit() or not text.isalnum():
        return False
    if not text.isascii():
        return False
    moved = text[4:] + text[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1


def mask_iin(number: str) -> str:
    """Personal data shown in lists, logs and exports: ``921012300451`` -> ``9210******51``."""
    if len(number) != 12:
        return "*" * len(number)
    return f"{number[:4]}******{number[-2:]}"
