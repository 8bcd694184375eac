"""Benchmark of payments (issue 13.7, ADR 0019): what the payment step adds to acceptance.

On one service whose standard has a 1-MCI fee paid through the gateway: ``payment_start``;
the gateway's signed notification (``payment_notify``: HMAC check, state, audit); the same
through the Django test client at ``/payments/notify/test/``; ``payment_consume`` alone; a
free acceptance on the portal channel (``application_submit`` without a fee) and a paid one
(the notification and the acceptance that uses the payment up), so that their difference is
the payment's cost; and the paid acceptance with its signed receipt (what the portal shows).
Medians and p95 over ``BENCH_PAYMENT_ROUNDS`` rounds, in milliseconds.

Run with ``make bench`` or
``DJANGO_SETTINGS_MODULE=config.settings.test bash tools/with-postgres.sh .venv/bin/python tools/bench.py payment``.
"""

from __future__ import annotations

import os
import statistics
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from tools.timing import median_p95, times_ms

ROUNDS = int(os.environ.get("BENCH_PAYMENT_ROUNDS", "40"))


def _times(fn: Callable[[], object], rounds: int = ROUNDS) -> list[float]:
    return times_ms(fn, rounds)


def _figures(name: str, values: list[float]) -> dict[str, float]:
    return median_p95(name, values, 2)


def run() -> dict[str, Any]:
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    call_command("migrate", verbosity=0)
    from qyzmet.delivery import documents
    from qyzmet.delivery.enums import Channel
    from qyzmet.delivery.tests.factories import make_world, submit
    from qyzmet.delivery.tests.paid import FEE_2026, fee_receipt, make_paid
    from qyzmet.payments import services
    from qyzmet.payments.enums import NotificationOutcome
    from qyzmet.payments.gateways.fake import TEST_GATEWAY

    keys = Path(tempfile.mkdtemp(prefix="qyzmet-bench-payment-"))
    with override_settings(SIGNING_DIR=keys, SIGNING_AUTO_INIT=True, QYZMET_THROTTLE_ENABLED=False):
        free = make_world()
        world = make_world()
        make_paid(world)
        payer = world.recipient
        receipt_doc = fee_receipt(world).pk
        docs = [d for d in world.documents() if d.required_document_id != receipt_doc]

        def start() -> Any:
            return services.payment_start(
                actor=payer, amount_tenge=FEE_2026, purpose="delivery.application", return_url="/"
            )

        def notify(payment: Any) -> Any:
            body, headers = TEST_GATEWAY.notification(payment=payment, outcome=NotificationOutcome.PAID)
            return services.payment_notify(backend="test", body=body, headers=headers)

        pending = [start() for _ in range(ROUNDS + 1)]
        started = _times(start)
        queue = iter(pending)
        notified = _times(lambda: notify(next(queue)))
        client = Client()
        url = reverse("payments:notify", args=["test"])
        via_http_pending = [start() for _ in range(ROUNDS + 1)]
        http_queue = iter(via_http_pending)

        def notify_http() -> None:
            body, headers = TEST_GATEWAY.notification(
                payment=next(http_queue), outcome=NotificationOutcome.PAID
            )
            assert client.post(url, body, content_type="application/json", headers=headers).status_code == 200

        notified_http = _times(notify_http)
        paid_for_consume = iter([notify(start()) for _ in range(ROUNDS + 1)])
        consumed = _times(
            lambda: services.payment_consume(
                actor=payer,
                payment=next(paid_for_consume),
                amount_tenge=Decimal(FEE_2026),
                payer_iin=payer.iin,
                consumed_by="bench",
            )
        )
        free_accept = _times(lambda: submit(free, channel=Channel.EGOV_PORTAL))
        paid_for_accept = iter([notify(start()) for _ in range(ROUNDS + 1)])
        paid_accept = _times(
            lambda: submit(world, channel=Channel.EGOV_PORTAL, documents=docs, payment=next(paid_for_accept))
        )
        full = iter([start() for _ in range(ROUNDS + 1)])

        def paid_accept_signed() -> None:
            payment = notify(next(full))
            application = submit(world, channel=Channel.EGOV_PORTAL, documents=docs, payment=payment)
            documents.receipt_pdf(application=application, language="kk")

        paid_signed = _times(paid_accept_signed)
    figures: dict[str, Any] = {"rounds": ROUNDS}
    figures |= _figures("payment_start", started)
    figures |= _figures("payment_notify", notified)
    figures |= _figures("payment_notify_http", notified_http)
    figures |= _figures("payment_consume", consumed)
    figures |= _figures("acceptance_free", free_accept)
    figures |= _figures("acceptance_paid", paid_accept)
    figures |= _figures("notify_and_acceptance_paid_with_signed_receipt", paid_signed)
    figures["payment_cost_on_acceptance_median_ms"] = round(
        statistics.median(paid_accept) - statistics.median(free_accept) + statistics.median(notified), 2
    )
    return figures
