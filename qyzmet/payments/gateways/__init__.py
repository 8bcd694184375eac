"""Payment gateways behind one interface (ADR 0019, the Open Forms plugin-registry pattern).

Each backend is declared once with :func:`register`; ``settings.QYZMET_PAYMENT_BACKEND`` (read
from the environment in ``config/env.py``) chooses which one new payments go through. A
backend knows two things: where to send the payer (``start_url``) and how to read a
notification it sends back (``verify``: check the signature, return the
:class:`Notification`, or raise :class:`SignatureInvalid`). Everything else (the state of the
payment, the audit, what the payment then pays for) is the same code for every backend:
``qyzmet.payments.services.payment_notify``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings

from qyzmet.payments.models import Payment


class SignatureInvalid(Exception):
    """The notification is not signed by the gateway (or not readable): nothing is written."""


@dataclass(frozen=True)
class Notification:
    """A gateway's word on one payment, after its signature was checked."""

    reference: str
    outcome: str  # NotificationOutcome
    transaction_id: str
    reason: str = ""
    occurred_at: dt.datetime | None = None


class Gateway(Protocol):
    name: str

    def start_url(self, payment: Payment) -> str: ...

    def verify(self, *, body: bytes, headers: Mapping[str, str]) -> Notification: ...


_GATEWAYS: dict[str, Gateway] = {}


def register(gateway: Gateway) -> Gateway:
    _GATEWAYS[gateway.name] = gateway
    return gateway


def gateway_get(name: str) -> Gateway | None:
    """The gateway registered as ``name``; the ``test`` one only where it is switched on
    (``QYZMET_PAYMENT_TEST_GATEWAY_ENABLED``: off under the production settings unless asked
    for), so that no deployment takes a press of "Pay" for money."""
    if name == "test" and not getattr(settings, "QYZMET_PAYMENT_TEST_GATEWAY_ENABLED", True):
        return None
    return _GATEWAYS.get(name)


def gateway_names() -> list[str]:
    return sorted(_GATEWAYS)


def default_gateway_name() -> str:
    return str(getattr(settings, "QYZMET_PAYMENT_BACKEND", "test"))


from qyzmet.payments.gateways import fake  # noqa: E402,F401  (registers the test backend)
