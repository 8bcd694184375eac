"""``qyzmet deadline`` / ``qyzmet workday`` in subprocesses, against the test database.

The contract: the due date alone on stdout (exit 0); ``working`` or ``non-working: <reason>``;
bad input prints one line on stderr and exits 2; overrides are honoured at once."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.db import connection

from qyzmet.workcalendar.enums import OverrideKind
from qyzmet.workcalendar.services import calendar_override_set

pytestmark = pytest.mark.django_db(transaction=True)
QYZMET = str(Path(sys.executable).with_name("qyzmet"))


def _database_url() -> str:
    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{s['NAME']}"
    user = quote(s["USER"] or "")
    if s.get("PASSWORD"):
        user += ":" + quote(s["PASSWORD"])
    query = {"host": s["HOST"]} if str(s.get("HOST", "")).startswith("/") else {}
    netloc = user + "@" + ("" if query else str(s.get("HOST") or ""))
    if s.get("PORT"):
        query["port"] = str(s["PORT"])
    return f"postgres://{netloc}/{quote(s['NAME'])}" + (f"?{urlencode(query)}" if query else "")


def qyzmet(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": _database_url()}
    return subprocess.run([QYZMET, *args], capture_output=True, text=True, env=env, timeout=60, check=False)


@pytest.mark.parametrize(
    ("args", "out"),
    [
        (["deadline", "2025-12-31", "--working-days", "1"], "2026-01-05"),  # 1-4 January off
        (["deadline", "2026-03-20", "--working-days", "1"], "2026-03-26"),  # Nauryz 21-25 March
        (
            ["deadline", "2026-03-20", "--working-days", "1", "--count-start-day"],
            "2026-03-20",
        ),  # Civil Code 171
        (["deadline", "2026-03-11", "--calendar-days", "10"], "2026-03-26"),  # Civil Code 173
        (["deadline", "2026-03-11", "--calendar-days", "0"], "2026-03-11"),  # n = 0: the start itself
        (["workday", "2026-03-26"], "working"),
        (["workday", "2026-03-21"], "non-working: Наурыз мейрамы"),
        (["workday", "2026-03-28", "--language", "ru"], "non-working: Суббота"),
    ],
)
def test_cli_contract_output(args: list[str], out: str) -> None:
    result = qyzmet(*args)
    assert (result.returncode, result.stdout, result.stderr) == (0, out + "\n", "")


@pytest.mark.parametrize(
    "args",
    [
        ["deadline", "2026-02-30", "--working-days", "1"],  # malformed date
        ["deadline", "20260301", "--working-days", "1"],
        ["deadline", "2026-03-01", "--working-days", "-1"],  # negative N
        ["deadline", "2026-03-01", "--calendar-days", "x"],
        ["deadline", "2026-03-01"],  # neither flag
        ["deadline", "2026-03-01", "--working-days", "1", "--calendar-days", "1"],  # both flags
        ["deadline", "2041-03-01", "--working-days", "1"],  # outside 2000-2040
        ["workday", "yesterday"],
        ["workday"],
    ],
)
def test_cli_contract_bad_input_is_one_line_on_stderr_and_exit_2(args: list[str]) -> None:
    result = qyzmet(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "error" in result.stderr


def test_cli_honours_a_database_override_at_once() -> None:
    assert qyzmet("deadline", "2026-03-19", "--working-days", "1").stdout == "2026-03-20\n"
    calendar_override_set(
        actor=None,
        date=dt.date(2026, 3, 20),
        kind=OverrideKind.NON_WORKING,
        reason_kk="Демалыс күні ауыстырылды",
        reason_ru="Перенесённый выходной",
        decree="Приказ № 1",
    )
    assert qyzmet("deadline", "2026-03-19", "--working-days", "1").stdout == "2026-03-26\n"
    assert qyzmet("workday", "2026-03-20").stdout == "non-working: Демалыс күні ауыстырылды\n"
