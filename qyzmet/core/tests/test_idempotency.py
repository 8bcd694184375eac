"""Issue 20.4: the fingerprint a keyed write stores, and what a resend under its key gets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from qyzmet.core.errors import IdempotencyKeyReused
from qyzmet.core.idempotency import request_fingerprint, same_request


@dataclass
class _Row:
    idempotency_fingerprint: str


@dataclass
class _Model:
    pk: int


def test_ops_20_4_a_fingerprint_reads_what_was_asked_not_its_order_or_objects() -> None:
    one = request_fingerprint({"body": _Model(pk=7), "text": "Мерзім бұзылды", "on": dt.date(2026, 11, 23)})
    assert one == request_fingerprint({"on": dt.date(2026, 11, 23), "text": "Мерзім бұзылды", "body": 7})
    assert one != request_fingerprint({"body": 8, "text": "Мерзім бұзылды", "on": dt.date(2026, 11, 23)})
    assert len(one) == 64


def test_ops_20_4_a_resend_gets_the_first_write_and_another_request_is_refused() -> None:
    first = _Row(idempotency_fingerprint=request_fingerprint({"text": "a"}))
    assert same_request(first, request_fingerprint({"text": "a"})) is first
    with pytest.raises(IdempotencyKeyReused):
        same_request(first, request_fingerprint({"text": "b"}))


def test_ops_20_4_a_row_without_a_fingerprint_is_the_same_only_where_the_caller_says_so() -> None:
    anonymised = _Row(idempotency_fingerprint="")
    with pytest.raises(IdempotencyKeyReused):
        same_request(anonymised, request_fingerprint({"text": "a"}))
    assert (
        same_request(anonymised, request_fingerprint({"text": "a"}), unfingerprinted_is_same=True)
        is anonymised
    )
