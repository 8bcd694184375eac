"""The Locust users of the sustained mixed load (issue 20.3-4), started by ``tools/load.py``,
which writes the configuration this file reads (``LOAD_CONFIG``: tokens, the officer's session,
the submission, the recipients) and reads back what the clients counted.

One user class plays every caller of the national peak, one task per request kind, weighted as
the peak mix (see ``tools/load.py``): a state system submitting an application through REST v1
with an ``Idempotency-Key``, a citizen looking up a status, a provider officer refreshing the
worklist, a state system filing a complaint.

What a client does when a request fails is the point of the kill run: a submission whose
connection was reset (status 0: a gunicorn worker killed under it) or that got a 502/503/504 is
sent again, same body, same ``Idempotency-Key``, until it is answered; its number is recorded
as acknowledged only from a 200. A complaint has no ``Idempotency-Key`` in REST v1, so a reset
complaint is not retried (it is counted as unacknowledged: the filer would look it up)."""

from __future__ import annotations

import json
import os
import random
import time
import uuid
from pathlib import Path
from typing import Any

from locust import HttpUser, between, events, task

CONFIG: dict[str, Any] = json.loads(Path(os.environ["LOAD_CONFIG"]).read_text(encoding="utf-8"))
RETRYABLE = {0, 502, 503, 504}
MAX_TRIES = 30
KINDS = ("submit", "status", "worklist", "complaint")

ACKS = open(CONFIG["acks_path"], "a", encoding="utf-8", buffering=1)  # noqa: SIM115 (kept open)
KNOWN: list[tuple[str, str]] = [(n, d) for n, d in CONFIG["seed_numbers"]]
LATENCIES: dict[str, list[float]] = {k: [] for k in KINDS}
COUNTS: dict[str, int] = {
    **{f"{k}_ok": 0 for k in KINDS},
    **{f"{k}_5xx": 0 for k in KINDS},
    **{f"{k}_reset": 0 for k in KINDS},
    **{f"{k}_other": 0 for k in KINDS},
    "submit_retries": 0,
    "submit_unacknowledged": 0,
    "complaint_unacknowledged": 0,
    "status_not_found": 0,
}


def _record(kind: str, status: int, started: float) -> None:
    if status == 200:
        COUNTS[f"{kind}_ok"] += 1
        LATENCIES[kind].append((time.perf_counter() - started) * 1000)
    elif status == 0:
        COUNTS[f"{kind}_reset"] += 1
    elif status >= 500:
        COUNTS[f"{kind}_5xx"] += 1
    else:
        COUNTS[f"{kind}_other"] += 1


class PeakCaller(HttpUser):
    wait_time = between(0.0, 0.05)

    @task(CONFIG["mix"]["submit"])
    def submit(self) -> None:
        recipient = random.choice(CONFIG["recipients"])
        key = str(uuid.uuid4())
        body = {**CONFIG["submission"], **recipient["fields"]}
        headers = {"Authorization": f"Bearer {CONFIG['submit_token']}", "Idempotency-Key": key}
        for attempt in range(1, MAX_TRIES + 1):
            started = time.perf_counter()
            with self.client.post(
                "/api/v1/delivery/applications",
                json=body,
                headers=headers,
                name="submit",
                catch_response=True,
            ) as response:
                status = response.status_code
                _record("submit", status, started)
                if status == 200:
                    number = response.json()["number"]
                    ACKS.write(
                        json.dumps({"kind": "application", "key": key, "number": number, "tries": attempt})
                    )
                    ACKS.write("\n")
                    KNOWN.append((number, recipient["last4"]))
                    response.success()
                    return
                response.failure(f"HTTP {status}")
                if status not in RETRYABLE:
                    return
            COUNTS["submit_retries"] += 1
            time.sleep(min(2.0, 0.1 * attempt))
        COUNTS["submit_unacknowledged"] += 1

    @task(CONFIG["mix"]["status"])
    def status(self) -> None:
        number, last4 = random.choice(KNOWN)
        started = time.perf_counter()
        with self.client.get(
            f"/api/v1/delivery/status/{number}",
            headers={"X-IIN-Last4": last4},
            name="status",
            catch_response=True,
        ) as response:
            _record("status", response.status_code, started)
            if response.status_code == 404:
                COUNTS["status_not_found"] += 1  # an acknowledged number the API does not know
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    @task(CONFIG["mix"]["worklist"])
    def worklist(self) -> None:
        started = time.perf_counter()
        with self.client.get(
            "/delivery/work/",
            headers={"Cookie": f"sessionid={CONFIG['officer_session']}"},
            name="worklist",
            catch_response=True,
            allow_redirects=False,
        ) as response:
            _record("worklist", response.status_code, started)
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    @task(CONFIG["mix"]["complaint"])
    def complaint(self) -> None:
        recipient = random.choice(CONFIG["recipients"])
        body = {**CONFIG["complaint"], "complainant_iin": recipient["fields"]["recipient_iin"]}
        started = time.perf_counter()
        with self.client.post(
            "/api/v1/complaints/complaints",
            json=body,
            headers={"Authorization": f"Bearer {CONFIG['complaint_token']}"},
            name="complaint",
            catch_response=True,
        ) as response:
            _record("complaint", response.status_code, started)
            if response.status_code == 200:
                ACKS.write(json.dumps({"kind": "complaint", "number": response.json()["number"]}) + "\n")
                response.success()
                return
            response.failure(f"HTTP {response.status_code}")
            if response.status_code in RETRYABLE:
                COUNTS["complaint_unacknowledged"] += 1


@events.quitting.add_listener
def _write_counts(**_kwargs: Any) -> None:
    """What the clients counted, and every successful request's latency per kind (ms)."""
    ACKS.flush()
    Path(CONFIG["client_path"]).write_text(
        json.dumps({"counts": COUNTS, "latencies_ms": LATENCIES}), encoding="utf-8"
    )
