"""Issue 20.5 (ADR 0077): a PostgreSQL primary lost under load loses no acknowledged application.

The short drill of tools/failover.py: a pg_auto_failover formation (a monitor, a primary and a
synchronous standby on loopback), the app behind gunicorn on the formation's multi-host URL, 60
submissions from 4 clients, the primary's postgres and keeper killed with ``kill -9`` after 20
acknowledgements. Counts only, no timing: the machine may be loaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from tools.failover import pg_autoctl_path  # noqa: E402


def test_ops_20_5_a_killed_primary_loses_no_acknowledged_application(tmp_path: Path) -> None:
    if pg_autoctl_path() is None:
        subprocess.run(["bash", "tools/ensure-failover-tools.sh"], cwd=ROOT, check=False, timeout=600)
    if pg_autoctl_path() is None:
        pytest.skip("pg_autoctl is missing and tools/ensure-failover-tools.sh could not install it")
    out = tmp_path / "failover.json"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DATABASE_URL", "QYZMET_"))}
    done = subprocess.run(
        [sys.executable, "tools/failover.py", "--short", "--out", str(out)],
        cwd=ROOT,
        env={**env, "FAILOVER_TIMEOUT_S": "600"},
        capture_output=True,
        text=True,
        timeout=1500,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    figures = json.loads(out.read_text())
    # The drill did what it says: the standby was synchronous, the primary was lost while
    # applications were being acknowledged, and the other node took over.
    assert figures["replication_before_kill"]["synchronous_commit"] == "on"
    assert set(figures["replication_before_kill"]["standbys"].values()) <= {"sync", "quorum"}
    assert figures["acknowledged_before_kill"] >= 20
    assert figures["new_primary"] != figures["old_primary"]
    # The public status page read from the standby while it was one, and from the primary once
    # the standby had become it (ADR 0077).
    assert figures["status_page_read_from_the_replica_before_kill"] is True
    assert figures["status_page_read_from_the_replica_after_failover"] is False
    # Every submission was acknowledged in the end (the clients retry with their key) ...
    assert figures["acknowledged"] == figures["submissions"] == 60
    assert figures["given_up"] == 0
    # ... and every acknowledged application is stored on the new primary, once.
    assert figures["lost"] == 0
    assert figures["duplicated"] == 0
    assert figures["stored"] == figures["acknowledged"]
