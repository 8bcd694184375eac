"""Issue 20.6: `manage.py check --deploy` is clean under the production settings (ADR 0070)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "QYZMET_SECRET_KEY": "k3J9-vQ2_xL7mN4pR8sT1wY6zA0bC5dE9fG2hI7jK4lM8nO3pQ6rS1tU5vW0xZ",
    "QYZMET_ALLOWED_HOSTS": "qyzmet.example.kz",
    # check --deploy needs no connection; a closed port proves it makes none that matters.
    "DATABASE_URL": "postgres://qyzmet_app@127.0.0.1:1/qyzmet",
}


def _clean_environment() -> dict[str, str]:
    """The test process's environment without what a deployment does not set: our settings, and
    the flag the browser tests set for Django's async-safety check (conftest.playwright_browser)."""
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("QYZMET_", "SENTRY_")) and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = _clean_environment()
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_ops_6_check_deploy_is_clean_under_the_production_settings() -> None:
    done = _manage("check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_ops_6_production_logs_json_lines() -> None:
    done = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.LOGGING['handlers']['console']['formatter'])",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "json"


def test_ops_6_the_documented_gunicorn_start_loads_its_configuration_and_the_application() -> None:
    clean = _clean_environment()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    done = subprocess.run(
        [str(gunicorn), "--check-config", "-c", "config/gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env={**clean, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stdout + done.stderr
