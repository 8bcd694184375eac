"""What a payment is for (ADR 0019): an app that asks for payments registers its purpose once,
with what happens when a payment for it is paid, so that ``payments`` never imports the app
(delivery registers ``delivery.portal_draft`` in its ``AppConfig.ready``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qyzmet.payments.models import Payment


@dataclass(frozen=True)
class Purpose:
    name: str
    # Called inside the transaction that records the payment as paid, in a savepoint: an
    # ``ApplicationError`` it raises is rolled back alone and the payment stays paid, unused.
    on_paid: Callable[[Payment], object] | None = None


_PURPOSES: dict[str, Purpose] = {}


def register_purpose(name: str, *, on_paid: Callable[[Payment], object] | None = None) -> Purpose:
    purpose = Purpose(name=name, on_paid=on_paid)
    _PURPOSES[name] = purpose
    return purpose


def purpose_get(name: str) -> Purpose | None:
    return _PURPOSES.get(name)
