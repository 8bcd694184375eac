"""The Locust users of the sustained mixed load (issue 20.3-4), started by ``tools/load.py``,
which writes the configuration this file reads (``LOAD_CONFIG``: tokens, the officer's session,
the submission, the recipients) and reads back what the clients counted.

One user class plays every caller of the national peak, one task per request kind, weighted as
the peak mix (see ``tools/load.py``): a state system submitting an application through REST v1
with an ``Idempotency-Key``, a citizen looking up a status, a provider officer refreshing the
worklist, a state system filing a complaint.

What a client does when a request fails is the point of the kill run: a submission or a
complaint whose connection was reset (status 0: a gunicorn worker killed under it) or that got a
502/503/504 is sent again, same body, same ``Idempotency-Key``, until it is answered; its number
is recorded as acknowledged, with its key and the tries it took, only from a 200. One still
unanswered after ``MAX_TRIES`` is counted as unacknowledged (the filer would look it up)."""

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
ACK_KIND = {"submit": "application", "complaint": "complaint"}  # what an acknowledgement names

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
    "complaint_retries": 0,
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

    def _keyed_post(self, kind: str, path: str, body: dict[str, Any], token: str) -> str | None:
        """POST ``body`` under a new ``Idempotency-Key`` until it is answered: a reset or a
        502/503/504 is sent again, same body, same key. Records the acknowledgement (kind, key,
        number, tries) of a 200 and returns its number; None when refused or out of tries."""
        key = str(uuid.uuid4())
        headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": key}
        for attempt in range(1, MAX_TRIES + 1):
            started = time.perf_counter()
            with self.client.post(
                path, json=body, headers=headers, name=kind, catch_response=True
            ) as response:
                status = response.status_code
                _record(kind, status, started)
                if status == 200:
                    number = str(response.json()["number"])
                    ack = {"kind": ACK_KIND[kind], "key": key, "number": number, "tries": attempt}
                    ACKS.write(json.dumps(ack))
                    ACKS.write("\n")
                    response.success()
                    return number
                response.failure(f"HTTP {status}")
                if status not in RETRYABLE:
                    return None
            COUNTS[f"{kind}_retries"] += 1
            time.sleep(min(2.0, 0.1 * attempt))
        COUNTS[f"{kind}_unacknowledged"] += 1
        return None

    @task(CONFIG["mix"]["submit"])
    def submit(self) -> None:
        recipient = random.choice(CONFIG["recipients"])
        body = {**CONFIG["submission"], **recipient["fields"]}
        number = self._keyed_post("submit", "/api/v1/delivery/applications", body, CONFIG["submit_token"])
        if number is not None:
            KNOWN.append((number, recipient["last4"]))

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
        self._keyed_post("complaint", "/api/v1/complaints/complaints", body, CONFIG["complaint_token"])


@events.quitting.add_listener
def _write_counts(**_kwargs: Any) -> None:
    """What the clients counted, and every successful request's latency per kind (ms)."""
    ACKS.flush()
    Path(CONFIG["client_path"]).write_text(
        json.dumps({"counts": COUNTS, "latencies_ms": LATENCIES}), encoding="utf-8"
    )
