"""REST v1 and the pages answer bad input with 400/413 in their own format, never a 5xx, and an
API error never carries a traceback (issue 12, points 4 and 5; ADR 0012)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings

from qyzmet.delivery.tests.api.test_rest import api_world
from qyzmet.orgs.tests.factories import RecipientFactory

pytestmark = pytest.mark.django_db
TOO_BIG = b'{"text": "' + b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10) + b'"}'


def _api_format(resp: object) -> dict[str, object]:
    body = resp.json()  # type: ignore[attr-defined]
    assert set(body) == {"code", "message", "fields"}, body
    return body


@pytest.mark.parametrize(
    "url", ["/api/v1/complaints/complaints", "/api/v1/quality/surveys/abc", "/api/v1/reception/appeals"]
)
def test_no_5xx_an_api_body_over_the_limit_is_413_in_the_api_format_even_anonymously(url: str) -> None:
    resp = Client(raise_request_exception=False).post(url, TOO_BIG, content_type="application/json")
    assert resp.status_code == 413
    assert _api_format(resp)["code"] == "request_too_large"


def test_no_5xx_a_form_over_the_limit_is_a_413_page() -> None:
    data = {"q": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)}
    resp = Client(raise_request_exception=False).post("/delivery/status/", data)
    assert resp.status_code == 413
    assert "Слишком большой запрос" in resp.content.decode()


def test_no_5xx_open311_over_the_limit_is_413_in_the_open311_format() -> None:
    resp = Client(raise_request_exception=False).post(
        "/open311/v2/requests.json", TOO_BIG, "application/json"
    )
    assert resp.status_code == 413
    assert resp.json()[0]["code"] == 413


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("get", "/api/v1/registry/services/?q=a%00b", None),
        ("get", "/api/v1/delivery/status/KZ%00?iin_last4=1234", None),
        ("post", "/api/v1/complaints/complaints", '{"text": "a\\u0000b"}'),
    ],
)
def test_no_5xx_a_nul_character_is_400_in_the_api_format(method: str, url: str, body: str | None) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(RecipientFactory.create())
    resp = client.get(url) if method == "get" else client.post(url, body, content_type="application/json")
    assert resp.status_code == 400
    assert _api_format(resp)["code"] == "invalid_character"


def test_no_5xx_a_nul_character_in_a_form_is_a_400_page() -> None:
    resp = Client(raise_request_exception=False).get("/registry/?q=a%00b")
    assert resp.status_code == 400


def test_invalid_input_is_400_in_the_api_format_with_the_fields() -> None:
    world = api_world()
    client = Client(raise_request_exception=False)
    client.force_login(world.recipient)
    resp = client.post(
        "/api/v1/delivery/applications",
        {
            "service_code": world.service.code,
            "recipient_name": "X",
            "documents": [{"issued_on": "2026-02-30"}],
        },
        content_type="application/json",
    )
    assert resp.status_code == 400
    body = _api_format(resp)
    assert body["code"] == "invalid_input"
    assert "documents.0.issued_on" in body["fields"]  # type: ignore[operator]
    not_json = client.post("/api/v1/delivery/applications", b"{not json", content_type="application/json")
    assert not_json.status_code == 400
    assert _api_format(not_json)["code"] == "invalid_input"


def test_invalid_input_field_errors_are_in_kazakh_russian_and_english() -> None:
    """Found by trying it: the field errors came in English only."""
    world = api_world()
    client = Client(raise_request_exception=False)
    client.force_login(world.recipient)

    def fields(language: str) -> dict[str, str]:
        resp = client.post(
            "/api/v1/delivery/applications",
            {"recipient_name": "X", "documents": [{"issued_on": "2026-02-30"}]},
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE=language,
        )
        return _api_format(resp)["fields"]  # type: ignore[return-value]

    ru, kk = fields("ru"), fields("kk")
    assert ru["service_code"] == "Обязательное поле."
    assert kk["service_code"] == "Міндетті өріс."
    assert ru["documents.0.issued_on"] == "Дата в формате ГГГГ-ММ-ДД."
    assert kk["documents.0.issued_on"].startswith("Күн ")


def test_unauthenticated_and_not_found_are_in_the_api_format() -> None:
    anonymous = Client(raise_request_exception=False)
    assert _api_format(anonymous.get("/api/v1/delivery/applications"))["code"] == "unauthorized"
    resp = anonymous.get("/api/v1/registry/services/no-such-code/")
    assert resp.status_code in (400, 404)
    _api_format(resp)


@override_settings(DEBUG=True)
def test_an_api_error_never_returns_a_traceback_even_with_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    from qyzmet.delivery import selectors

    def boom(**kwargs: object) -> None:
        raise RuntimeError("secret internals /work/qyzmet/delivery/selectors.py line 42")

    monkeypatch.setattr(selectors, "recipient_application_list", boom)
    client = Client(raise_request_exception=False)
    client.force_login(RecipientFactory.create())
    resp = client.get("/api/v1/delivery/applications")
    assert resp.status_code == 500
    assert _api_format(resp)["code"] == "server_error"
    assert b"Traceback" not in resp.content
    assert b"secret internals" not in resp.content
