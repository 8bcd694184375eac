"""Postal tracking numbers of registered mail (the answer sent by post, CRC 17.4).

Kazpost, like every postal operator of the Universal Postal Union, numbers registered items by
the UPU S10 standard: two letters (the service), eight digits, a check digit, and the ISO code
of the country of origin (``RR123456785KZ``). The check digit is computed from the eight digits
with the weights 8, 6, 4, 2, 3, 5, 9, 7: ``11 - sum % 11``, where 10 becomes 0 and 11 becomes 5.
"""

from __future__ import annotations

import re

S10 = re.compile(r"^[A-Z]{2}(\d{8})(\d)[A-Z]{2}$")
WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def s10_check_digit(serial: str) -> int:
    """The S10 check digit of an eight-digit serial number."""
    check = 11 - sum(int(d) * w for d, w in zip(serial, WEIGHTS, strict=True)) % 11
    return {10: 0, 11: 5}.get(check, check)


def tracking_number_normalised(value: str) -> str:
    """The number as written on the receipt, without spaces, in capitals."""
    return re.sub(r"\s+", "", value or "").upper()


def is_valid_tracking_number(value: str) -> bool:
    """True for an S10 number whose check digit is right."""
    match = S10.match(tracking_number_normalised(value))
    return bool(match) and s10_check_digit(match.group(1)) == int(match.group(2))  # type: ignore[union-attr]
