"""An id or a date that a form sent: junk is 404 or ValueError, never a 500 (ADR 0012)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from qyzmet.core.params import MAX_ID, posted_date, posted_id


@pytest.mark.parametrize("junk", [None, "", " ", "abc", "-1", "0", "1.5", "²", "٣", str(MAX_ID + 1), "1e3"])
def test_posted_id_refuses_what_cannot_be_an_id(junk: str | None) -> None:
    with pytest.raises(Http404):
        posted_id(junk)


def test_posted_id_takes_an_id() -> None:
    assert posted_id(" 42 ") == 42
    assert posted_id(str(MAX_ID)) == MAX_ID


@pytest.mark.parametrize("junk", ["2026-02-30", "abc", "0000-00-00"])
def test_posted_date_refuses_an_impossible_date(junk: str) -> None:
    with pytest.raises(ValueError):
        posted_date(junk)


def test_posted_date_default_and_value() -> None:
    assert posted_date("", default=dt.date(2026, 1, 1)) == dt.date(2026, 1, 1)
    assert posted_date("2026-11-23") == dt.date(2026, 11, 23)
