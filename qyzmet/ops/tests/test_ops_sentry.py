"""Issue 20.6: optional error reporting (Sentry SDK, only with SENTRY_DSN) that scrubs IINs;
tested without network: the SDK hands its envelopes to a transport that keeps them (ADR 0070)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from qyzmet.ops.sentry import scrub, sentry_init

ROOT = Path(__file__).resolve().parents[3]
IIN = "900101350123"


def test_ops_6_scrub_masks_iins_everywhere_in_an_event() -> None:
    event = {
        "message": f"applicant {IIN}",
        "request": {"url": f"/x/?iin={IIN}", "data": {"iin": IIN}, "query_string": f"q={IIN}"},
        "exception": {
            "values": [
                {"value": f"no person {IIN}", "stacktrace": {"frames": [{"vars": {"iin": f"'{IIN}'"}}]}}
            ]
        },
        "breadcrumbs": {"values": [{"message": f"SELECT ... WHERE iin = '{IIN}'"}]},
        "extra": {"count": 3, "ok": True},
    }
    scrubbed = scrub(event, {})
    assert IIN not in json.dumps(scrubbed)
    assert scrubbed["extra"] == {"count": 3, "ok": True}
    assert scrubbed["exception"]["values"][0]["value"] == "no person ************"


def test_ops_6_without_a_dsn_no_reporting_starts() -> None:
    assert sentry_init(dsn="", environment="test") is False


def test_ops_6_with_a_dsn_the_events_that_leave_hold_no_iin() -> None:
    """In a child process (the SDK patches Django once per process): SENTRY_DSN set, the
    settings start the SDK, an exception and an error log line are captured by a transport that
    keeps the envelopes in memory; no byte leaves the machine."""
    script = textwrap.dedent(
        f"""
        import json, logging
        import sentry_sdk
        from sentry_sdk.transport import Transport

        kept = []

        class Keep(Transport):
            def capture_envelope(self, envelope):
                for item in envelope.items:
                    kept.append(item.get_bytes().decode("utf-8", "replace"))

        import qyzmet.ops.sentry as ops_sentry
        real_init = ops_sentry.sentry_init
        ops_sentry.sentry_init = lambda **kw: real_init(**kw, transport=Keep)
        import django
        django.setup()
        client = sentry_sdk.get_client()
        try:
            raise ValueError("no person {IIN}")
        except ValueError:
            sentry_sdk.capture_exception()
        logging.getLogger("qyzmet.test").error("lookup of %s failed", "{IIN}")
        sentry_sdk.flush()
        print(json.dumps({{"active": client.is_active(), "pii": client.options["send_default_pii"], "kept": kept}}))
        """
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "SENTRY_DSN": "https://public@sentry.invalid/1",
        "SENTRY_ENVIRONMENT": "test",
    }
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["active"] is True and result["pii"] is False
    kept = "\n".join(result["kept"])
    assert "no person ************" in kept
    assert "lookup of ************ failed" in kept
    assert IIN not in kept
