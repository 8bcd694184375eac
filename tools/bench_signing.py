"""Benchmark of signed documents (issue 13.4, ADR 0017): what signing costs per document.

On one accepted application: the receipt and the e-result built unsigned (ReportLab alone),
issued (built, signed and kept: the first production), a receipt downloaded again (the kept
bytes), the signature alone (``document_sign`` on the built bytes), its verification
(``document_verify``), and the public verification page through the Django test client (which
verifies the kept document). Medians and p95 over
``BENCH_SIGNING_ROUNDS`` rounds, in milliseconds; keys in a temporary directory.

Run with ``make bench`` or
``DJANGO_SETTINGS_MODULE=config.settings.test bash tools/with-postgres.sh .venv/bin/python tools/bench.py signing``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tools.timing import median_p95, times_ms

ROUNDS = int(os.environ.get("BENCH_SIGNING_ROUNDS", "40"))


def _times(fn: Callable[[], object], rounds: int = ROUNDS) -> list[float]:
    return times_ms(fn, rounds)


def _figures(name: str, values: list[float]) -> dict[str, float]:
    return median_p95(name, values, 1)


def run() -> dict[str, Any]:
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    call_command("migrate", verbosity=0)
    from qyzmet.core import signing
    from qyzmet.delivery import documents, services
    from qyzmet.delivery.enums import Channel, DocumentKind
    from qyzmet.delivery.tests.factories import make_world, submit

    keys = Path(tempfile.mkdtemp(prefix="qyzmet-bench-signing-"))
    with override_settings(SIGNING_DIR=keys, SIGNING_AUTO_INIT=True, QYZMET_THROTTLE_ENABLED=False):
        world = make_world()
        application = submit(world, channel=Channel.EGOV_PORTAL)
        application = services.application_take_in_work(actor=world.officer, application=application)
        application = services.application_result_ready(
            actor=world.officer, application=application, result_summary_kk="Анықтама"
        )
        identity = documents.organisation_identity(documents.issuer(application, DocumentKind.RECEIPT))

        from qyzmet.core.models import SignedDocument

        def fresh(build: Callable[[], bytes]) -> Callable[[], bytes]:
            def issue() -> bytes:  # the first production: built, signed and kept
                SignedDocument.objects.filter(number=application.number).delete()
                return build()

            return issue

        def receipt() -> bytes:
            return documents.receipt_pdf(application=application, language="kk")

        def result() -> bytes:
            return documents.result_pdf(application=application, language="kk")

        unsigned_receipt = _times(lambda: documents._receipt_content(application, "kk"))
        unsigned_result = _times(lambda: documents._result_content(application, "kk"))
        receipt_bytes = documents._receipt_content(application, "kk")
        signed_receipt = _times(fresh(receipt))
        signed_result = _times(fresh(result))
        kept_receipt = _times(receipt)  # every later download: the kept bytes
        sign_only = _times(lambda: signing.document_sign(receipt_bytes, signer=identity))
        signed = receipt()
        verify = _times(lambda: signing.document_verify(signed))
        assert signing.document_verify(signed).valid
        client = Client()
        url = reverse("delivery:verify", kwargs={"kind": DocumentKind.RECEIPT, "number": application.number})
        page = _times(lambda: client.get(url), rounds=max(10, ROUNDS // 2))
    figures: dict[str, Any] = {"rounds": ROUNDS}
    figures |= _figures("receipt_unsigned", unsigned_receipt)
    figures |= _figures("receipt_signed", signed_receipt)
    figures |= _figures("receipt_kept", kept_receipt)
    figures |= _figures("result_unsigned", unsigned_result)
    figures |= _figures("result_signed", signed_result)
    figures |= _figures("sign_only", sign_only)
    figures |= _figures("verify", verify)
    figures |= _figures("verify_page", page)
    figures["signature_bytes_added"] = len(signed) - len(receipt_bytes)
    return figures
