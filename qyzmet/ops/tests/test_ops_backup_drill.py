"""Issue 20.6: the backup-and-restore drill dumps, restores into a fresh cluster, compares the
row count of every table and fails on a difference (tools/backup_drill.py, ADR 0070)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    socket_dir = os.environ.get("QYZMET_PG_SOCKET_DIR", "")
    if connection.vendor != "postgresql" or not socket_dir:
        pytest.skip("needs the throwaway PostgreSQL of tools/with-postgres.sh")
    # As the cluster's superuser (the setup role): the runtime role may not read every table.
    url = f"postgresql://qyzmet@/{connection.settings_dict['NAME']}?host={socket_dir}"
    return subprocess.run(
        [sys.executable, "tools/backup_drill.py", "--database-url", url, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.django_db
def test_ops_6_the_backup_drill_restores_every_row_and_prints_the_counts() -> None:
    done = _run()
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    migrations = next(line for line in lines if line.startswith("public.django_migrations "))
    source, restored = migrations.split()[1:3]
    assert source == restored and int(source) > 10
    assert any(line.startswith("public.ops_workerheartbeat ") for line in lines)
    assert lines[-1].startswith("backup drill: OK,")


@pytest.mark.django_db
def test_ops_6_the_backup_drill_fails_when_a_table_came_back_short() -> None:
    done = _run("--tamper", "public.django_migrations")
    assert done.returncode == 1, done.stdout + done.stderr
    assert any(
        line.startswith("public.django_migrations ") and line.endswith("MISMATCH")
        for line in done.stdout.splitlines()
    )
    assert "backup drill: FAILED, 1 of" in done.stdout
