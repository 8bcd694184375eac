"""Rules of forming IIN/BIN (identity.py): check digit with two weightings, birth date and
century/sex digit in an IIN, entity-kind digit and month in a BIN; and the mask."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from qyzmet.core.identity import Sex, check_digit, iin_info, is_valid_bin, is_valid_iin, mask_iin

# d7: 1/2 = 19th century male/female, 3/4 = 20th, 5/6 = 21st (Rules of forming IIN 5)
CENTURY_START = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}

centuries = st.sampled_from(sorted(CENTURY_START))
serials = st.integers(min_value=0, max_value=9999)


@st.composite
def iin_parts(draw: st.DrawFn) -> tuple[dt.date, int, int]:
    d7 = draw(centuries)
    start = CENTURY_START[d7]
    birth = draw(st.dates(min_value=dt.date(start, 1, 1), max_value=dt.date(start + 99, 12, 31)))
    return birth, d7, draw(serials)


def _first11(birth: dt.date, d7: int, serial: int) -> str:
    return f"{birth:%y%m%d}{d7}{serial:04d}"


def _weighted(first11: str, weights: tuple[int, ...]) -> int:
    return sum(int(c) * w for c, w in zip(first11, weights, strict=True)) % 11


@st.composite
def valid_iins(draw: st.DrawFn) -> str:
    birth, d7, serial = draw(iin_parts())
    first11 = _first11(birth, d7, serial)
    digit = check_digit(first11)
    assume(digit is not None)
    return f"{first11}{digit}"


@given(iin_parts())
def test_iin_forming_rule_generated_number_is_valid_and_encodes_date_and_sex(
    parts: tuple[dt.date, int, int],
) -> None:
    birth, d7, serial = parts
    first11 = _first11(birth, d7, serial)
    digit = check_digit(first11)
    assume(digit is not None)
    iin = f"{first11}{digit}"
    info = iin_info(iin)
    assert info is not None
    assert is_valid_iin(iin)
    assert info.birth_date == birth
    assert info.sex == (Sex.MALE if d7 % 2 else Sex.FEMALE)


@given(valid_iins(), st.integers(min_value=0, max_value=11), st.integers(min_value=1, max_value=9))
def test_iin_forming_rule_single_digit_change_is_refused(iin: str, position: int, delta: int) -> None:
    """Changing one digit changes the weighted sum by ``w * delta`` (delta in ±1..9, never
    0 mod 11). With weights 1..10 that is never 0 mod 11, so the change is caught; the rule has
    exactly two blind spots, which this test proves are the only ones: d11 carries weight 11
    (≡ 0 mod 11) in the first weighting, and when the first weighting of the original or the
    changed number gives 10 the second weighting decides (where d9 carries weight 11)."""
    new_digit = (int(iin[position]) + delta) % 10
    changed = f"{iin[:position]}{new_digit}{iin[position + 1 :]}"
    w1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
    if is_valid_iin(changed):
        assert check_digit(changed[:11]) == int(changed[11])
        assert position == 10 or _weighted(iin[:11], w1) == 10 or _weighted(changed[:11], w1) == 10
    if position == 11:
        assert not is_valid_iin(changed)  # the check digit itself: always caught


@given(valid_iins(), st.integers(min_value=0, max_value=9), st.integers(min_value=1, max_value=9))
def test_iin_forming_rule_single_digit_change_in_d1_to_d10_is_refused_under_the_first_weighting(
    iin: str, position: int, delta: int
) -> None:
    w1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
    new_digit = (int(iin[position]) + delta) % 10
    changed = f"{iin[:position]}{new_digit}{iin[position + 1 :]}"
    assume(_weighted(iin[:11], w1) != 10 and _weighted(changed[:11], w1) != 10)
    assert not is_valid_iin(changed)


def test_iin_forming_rule_d11_change_is_a_known_blind_spot() -> None:
    # weight 11 ≡ 0 (mod 11): 990101100000 and 990101100010 share the check digit
    assert is_valid_iin("990101100000")
    assert is_valid_iin("990101100010")


@st.composite
def both_tens(draw: st.DrawFn) -> str:
    """11 digits whose both weightings give 10: solve d1 for the first (weight 1), then d11 for
    the second (weight 2, inverse 6 mod 11; d11 has weight 11 ≡ 0 in the first)."""
    middle = draw(st.text(alphabet="0123456789", min_size=9, max_size=9))
    rest1 = sum(int(c) * w for c, w in zip(middle, range(2, 11), strict=True))
    d1 = (10 - rest1) % 11
    assume(d1 < 10)
    rest2 = d1 * 3 + sum(int(c) * w for c, w in zip(middle, (4, 5, 6, 7, 8, 9, 10, 11, 1), strict=True))
    d11 = ((10 - rest2) * 6) % 11
    assume(d11 < 10)
    return f"{d1}{middle}{d11}"


@given(both_tens())
def test_iin_forming_rule_number_whose_both_weightings_give_10_is_invalid(first11: str) -> None:
    w1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
    w2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
    assert _weighted(first11, w1) == 10 and _weighted(first11, w2) == 10
    assert check_digit(first11) is None
    for last in "0123456789":
        assert not is_valid_iin(first11 + last)
        assert not is_valid_bin(first11 + last)


def test_iin_forming_rule_known_both_tens_example() -> None:
    # found by search: both weightings give 10 — no check digit exists
    first11 = next(
        f"{n:011d}"
        for n in range(10**10, 10**10 + 10**6)
        if _weighted(f"{n:011d}", (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)) == 10
        and _weighted(f"{n:011d}", (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)) == 10
    )
    assert check_digit(first11) is None


def test_iin_forming_rule_second_weighting_is_used_when_the_first_gives_10() -> None:
    first11 = next(
        f"{n:011d}"
        for n in range(10**10, 10**10 + 10**6)
        if _weighted(f"{n:011d}", (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)) == 10
        and _weighted(f"{n:011d}", (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)) != 10
    )
    assert check_digit(first11) == _weighted(first11, (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2))


@pytest.mark.parametrize(
    ("iin", "why"),
    [
        ("", "empty"),
        ("92101230045", "11 digits"),
        ("9210123004511", "13 digits"),
        ("92101a300451", "not digits"),
        ("９２１０１２３００４５１", "non-ASCII digits"),
    ],
)
def test_iin_forming_rule_shape_is_twelve_ascii_digits(iin: str, why: str) -> None:
    assert not is_valid_iin(iin), why


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.sampled_from([0, 7, 8, 9]),
    serials,
)
def test_iin_forming_rule_century_sex_digit_must_be_1_to_6(birth: dt.date, d7: int, serial: int) -> None:
    first11 = _first11(birth, d7, serial)
    digit = check_digit(first11)
    assume(digit is not None)
    assert not is_valid_iin(f"{first11}{digit}")


@given(st.integers(min_value=0, max_value=99), st.integers(min_value=13, max_value=99), serials)
def test_iin_forming_rule_impossible_birth_date_is_invalid(yy: int, mm: int, serial: int) -> None:
    first11 = f"{yy:02d}{mm:02d}01{3}{serial:04d}"
    digit = check_digit(first11)
    assume(digit is not None)
    assert not is_valid_iin(f"{first11}{digit}")


@st.composite
def bin_first11(draw: st.DrawFn, *, kinds: str = "456", months: range = range(1, 13)) -> str:
    yy = draw(st.integers(min_value=0, max_value=99))
    mm = draw(st.sampled_from(list(months)))
    d5 = draw(st.sampled_from(list(kinds)))
    d6 = draw(st.sampled_from("0123"))
    tail = draw(st.integers(min_value=0, max_value=99999))
    return f"{yy:02d}{mm:02d}{d5}{d6}{tail:05d}"


@given(bin_first11())
def test_bin_forming_rule_valid_kind_month_and_check_digit_is_accepted(first11: str) -> None:
    digit = check_digit(first11)
    assume(digit is not None)
    assert is_valid_bin(f"{first11}{digit}")


@given(bin_first11(kinds="0123789"))
def test_bin_forming_rule_d5_must_be_4_5_or_6(first11: str) -> None:
    digit = check_digit(first11)
    assume(digit is not None)
    assert not is_valid_bin(f"{first11}{digit}")


@given(bin_first11(months=range(13, 100)) | bin_first11(months=range(0, 1)))
def test_bin_forming_rule_month_must_be_01_to_12(first11: str) -> None:
    digit = check_digit(first11)
    assume(digit is not None)
    assert not is_valid_bin(f"{first11}{digit}")


@given(bin_first11())
def test_bin_forming_rule_wrong_check_digit_is_refused(first11: str) -> None:
    digit = check_digit(first11)
    assume(digit is not None)
    assert digit is not None
    wrong = (digit + 1) % 10
    assert not is_valid_bin(f"{first11}{wrong}")


@given(valid_iins())
def test_mask_iin_keeps_the_first_four_and_last_two_digits(iin: str) -> None:
    masked = mask_iin(iin)
    assert masked == f"{iin[:4]}******{iin[-2:]}"
    assert len(masked) == 12
    assert masked[4:10] == "******"


@pytest.mark.parametrize(
    ("value", "expected"), [("", ""), ("12345", "*****"), ("921012300451", "9210******51")]
)
def test_mask_iin_masks_malformed_values_entirely(value: str, expected: str) -> None:
    assert mask_iin(value) == expected
