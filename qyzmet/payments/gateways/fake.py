"""The ``test`` gateway for development and the demo (ADR 0019): its page
(``/payments/test-gateway/<reference>/``) asks the payer to press "Pay" or "Decline", then it
sends the same HMAC-signed notification a real gateway would send to
``/payments/notify/test/``, and the same code reads it (``payment_notify``). No money moves.
The secret is ``settings.QYZMET_PAYMENT_TEST_SECRET``."""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from collections.abc import Mapping

from django.conf import settings
from django.urls import reverse
from django.utils.dateparse import parse_datetime

from qyzmet.payments.enums import NotificationOutcome
from qyzmet.payments.gateways import Notification, SignatureInvalid, register
from qyzmet.payments.models import Payment

SIGNATURE_HEADER = "X-Qyzmet-Signature"


def _secret() -> bytes:
    return str(getattr(settings, "QYZMET_PAYMENT_TEST_SECRET", "") or settings.SECRET_KEY).encode()


def sign(body: bytes) -> str:
    return hmac.new(_secret(), body, hashlib.sha256).hexdigest()


class TestGateway:
    name = "test"

    def start_url(self, payment: Payment) -> str:
        return reverse("payments:test-gateway", kwargs={"reference": payment.reference})

    def notification(
        self, *, payment: Payment, outcome: str, reason: str = ""
    ) -> tuple[bytes, dict[str, str]]:
        """The body and headers the test gateway posts for ``payment``."""
        body = json.dumps(
            {
                "reference": str(payment.reference),
                "outcome": outcome,
                "transaction_id": f"test-{uuid.uuid4().hex[:16]}",
                "reason": reason,
            },
            sort_keys=True,
        ).encode()
        return body, {SIGNATURE_HEADER: sign(body)}

    def verify(self, *, body: bytes, headers: Mapping[str, str]) -> Notification:
        given = ""
        for key, value in headers.items():
            if key.lower() == SIGNATURE_HEADER.lower():
                given = value
        if not given or not hmac.compare_digest(given, sign(body)):
            raise SignatureInvalid()
        try:
            data = json.loads(body)
            outcome = str(data["outcome"])
            reference = str(uuid.UUID(str(data["reference"])))
            transaction_id = str(data["transaction_id"])[:100]
        except (ValueError, KeyError, TypeError) as exc:
            raise SignatureInvalid() from exc
        if outcome not in NotificationOutcome.values or not transaction_id:
            raise SignatureInvalid()
        occurred = parse_datetime(str(data.get("occurred_at") or "")) if data.get("occurred_at") else None
        return Notification(
            reference=reference,
            outcome=outcome,
            transaction_id=transaction_id,
            reason=str(data.get("reason") or "")[:300],
            occurred_at=occurred,
        )


TEST_GATEWAY = TestGateway()
register(TEST_GATEWAY)
