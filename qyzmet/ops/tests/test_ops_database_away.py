"""Issue 20, "Bad input": a database that is away gives a clear page in the visitor's language
with 503 and Retry-After, and the readiness probe says so (ADR 0070)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client, override_settings

ROOT = Path(__file__).resolve().parents[3]
PAGE_TEXT = {
    "kk": "Қызмет уақытша қолжетімсіз",
    "ru": "Сервис временно недоступен",
    "en": "The service is temporarily unavailable",
}


def _refuse_queries() -> Any:
    return mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("server closed the connection unexpectedly"),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_ops_bad_input_a_page_whose_database_is_away_is_a_503_in_the_visitors_language(language: str) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    with _refuse_queries():
        response = client.get("/registry/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Language"] == language
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert PAGE_TEXT[language] in page
    assert "1414" in page
    assert 'href="/registry/"' in page  # "try again" leads back to the page asked for
    others = [text for lang, text in PAGE_TEXT.items() if lang != language]
    assert not any(text in page for text in others)


@pytest.mark.django_db
def test_ops_bad_input_the_language_cookie_chooses_the_page_language() -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.cookies["qyzmet_language"] = "ru"
    with _refuse_queries():
        response = client.get("/registry/")
    assert response.status_code == 503
    assert PAGE_TEXT["ru"] in response.content.decode()


@pytest.mark.django_db
@override_settings(QYZMET_DB_RETRY_AFTER_SECONDS=120)
def test_ops_bad_input_a_middleware_that_meets_the_database_away_gives_the_same_503() -> None:
    """An anonymous POST is throttled in the database cache before any view runs: the failure
    comes from a middleware, and handler500 turns it into the 503 page."""
    with _refuse_queries():
        response = Client(HTTP_ACCEPT_LANGUAGE="kk", raise_request_exception=False).post(
            "/registry/", {"q": "x"}
        )
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert PAGE_TEXT["kk"] in response.content.decode()
    assert 'href="/registry/"' not in response.content.decode()  # a POST is not repeated by a link


@pytest.mark.django_db
def test_ops_bad_input_the_api_says_database_unavailable_in_json() -> None:
    with _refuse_queries():
        response = Client(HTTP_ACCEPT_LANGUAGE="ru").get("/api/v1/registry/services/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.json()
    assert body["code"] == "database_unavailable"
    assert PAGE_TEXT["ru"] in body["message"]


@pytest.mark.django_db
def test_ops_bad_input_any_other_error_is_still_a_500() -> None:
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=RuntimeError("bug")):
        response = Client(raise_request_exception=False).get("/registry/")
    assert response.status_code == 500
    assert not response.has_header("Retry-After")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed again when the block ends: nobody listens


def test_ops_bad_input_a_real_closed_port_gives_the_503_page_and_an_unready_probe() -> None:
    """No patching: the process is configured with a PostgreSQL that does not listen."""
    port = _closed_port()
    script = textwrap.dedent(
        """
        import json, django
        django.setup()
        from django.test import Client
        client = Client(HTTP_ACCEPT_LANGUAGE="ru")
        page = client.get("/registry/")
        ready = client.get("/healthz/ready")
        live = client.get("/healthz/live")
        print(json.dumps({
            "page": [page.status_code, page.get("Retry-After"), page.content.decode()],
            "ready": [ready.status_code, ready.get("Retry-After"), ready.json()],
            "live": live.status_code,
        }))
        """
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://qyzmet@127.0.0.1:{port}/qyzmet",
        "QYZMET_DATABASE_RUNTIME_USER": "",
        "QYZMET_DEBUG": "0",
    }
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    status, retry_after, page = result["page"]
    assert (status, retry_after) == (503, "30")
    assert PAGE_TEXT["ru"] in page
    status, retry_after, ready = result["ready"]
    assert (status, retry_after) == (503, "30")
    assert ready["checks"]["database"] == {"ok": False, "error": "OperationalError"}
    assert result["live"] == 200
