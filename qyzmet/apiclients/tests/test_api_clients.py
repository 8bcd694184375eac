"""Law 18.6: other information systems are a channel. An API client of an organisation holds
hashed, expiring, revocable tokens and scopes declared once; every REST v1 and Open311
operation names the scope it needs (401 without a valid token, 403 without the scope); a client
submits for a recipient it identified and reads back what it submitted, never another
organisation's cases; every audit row names the client beside its user."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from qyzmet.api.auth import operation_scopes
from qyzmet.api.v1 import API_VERSION, api
from qyzmet.apiclients import services
from qyzmet.apiclients.models import ApiClient, ApiToken
from qyzmet.apiclients.scopes import SCOPES
from qyzmet.cli import main
from qyzmet.core.models import AuditLog
from qyzmet.delivery.models import Application
from qyzmet.delivery.tests.api.test_rest import _payload, api_world
from qyzmet.delivery.tests.factories import World
from qyzmet.orgs.tests.factories import OrganisationFactory, make_iin

pytestmark = pytest.mark.django_db
BASE = "/api/v1/delivery"
RECIPIENT_IIN = make_iin(dt.date(1985, 1, 1), male=False, serial=123)


@pytest.fixture
def keep_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """``qyzmet`` closes the connections when a command ends; the test's own must stay open."""
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)


def _client(world: World, *scopes: str, organisation: Any = None) -> tuple[ApiClient, str]:
    return services.apiclient_create(
        actor=None,
        name=f"egov-mobile-{ApiClient.objects.count()}",
        organisation=organisation or world.provider,
        scopes=scopes,
    )


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _submit(http: Client, world: World, token: str) -> Any:
    payload = {**_payload(world), "recipient_iin": RECIPIENT_IIN, "recipient_phone": "+77011234567"}
    return http.post(f"{BASE}/applications", payload, content_type="application/json", headers=_bearer(token))


def test_law_18_6_apiclient_create_prints_its_first_token_alone_and_keeps_only_its_digest(
    capsys: pytest.CaptureFixture[str], keep_connection: None
) -> None:
    world = api_world()
    main(
        [
            "apiclient-create",
            "State Corporation CRM",
            "--organisation",
            world.provider.code,
            "--scope",
            "applications:submit",
            "--scope",
            "open311:read",
        ]
    )
    out = capsys.readouterr().out
    token = out.strip()
    assert out == token + "\n" and re.fullmatch(r"qz_[0-9a-f]{12}_[A-Za-z0-9_-]{43}", token)
    client = ApiClient.objects.get(name="State Corporation CRM")
    assert client.organisation == world.provider
    assert client.scopes == ["applications:submit", "open311:read"]
    stored = ApiToken.objects.get(client=client)
    assert token not in (stored.digest, stored.prefix) and len(stored.digest) == 64
    assert stored.expires_at > timezone.now()


@pytest.mark.parametrize(
    "argv",
    [
        ["apiclient-create", "X", "--organisation", "no-such-body", "--scope", "open311:read"],
        ["apiclient-create", "X", "--organisation", "{org}", "--scope", "open311:everything"],
        ["apiclient-create", "X", "--scope", "open311:read"],
        ["apiclient-create", "--organisation", "{org}"],
    ],
)
def test_law_18_6_apiclient_create_refuses_bad_input_in_one_line_with_exit_2(
    argv: list[str], capsys: pytest.CaptureFixture[str], keep_connection: None
) -> None:
    world = api_world()
    with pytest.raises(SystemExit) as exit_:
        main([a.replace("{org}", world.provider.code) for a in argv])
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
    assert not ApiClient.objects.exists()


def test_law_18_6_apiclient_scopes_lists_every_scope_with_its_description(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("apiclient_scopes")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(SCOPES)
    for line, scope in zip(lines, SCOPES.values(), strict=True):
        assert line.startswith(scope.name) and line.endswith(scope.description)
    assert {"open311:read", "open311:submit"} <= set(SCOPES)


def test_law_18_6_every_rest_operation_states_its_scope_and_refuses_without_it(settings: Any) -> None:
    """The matrix: each scoped operation, with no token (401), a token without its scope (403,
    naming the scope) and a token with it (neither 401 nor the scope refusal). Four calls of each
    operation from one address within the frozen minute: the anonymous-POST limit (ADR 0011) is
    off, it is not what this test is about."""
    settings.RATELIMIT_ENABLE = False
    world = api_world()
    _, without = _client(world, "registry:read")
    http = Client()
    scoped_ops = {k: v for k, v in operation_scopes(api).items() if v}
    assert len(scoped_ops) >= 60
    # Monitoring, oversight and the PSC selection are in the matrix too (no longer session-only).
    assert {path.split("/")[1] for _, path in scoped_ops} >= {"monitoring", "oversight", "psc-selection"}
    for (method, path), scopes in scoped_ops.items():
        url = "/api/v1" + re.sub(r"\{[^}]+\}", "1", path)
        call = getattr(http, method.lower())
        kwargs: dict[str, Any] = {"content_type": "application/json"} if method != "GET" else {}
        body: dict[str, Any] | None = {} if method != "GET" else None
        anonymous = call(url, body, **kwargs) if body is not None else call(url)
        assert anonymous.status_code == 401, (method, url, anonymous.status_code)
        assert anonymous.json()["code"] == "unauthorized"
        bad = (
            call(url, body, headers=_bearer("qz_000000000000_nope"), **kwargs)
            if body is not None
            else call(url, headers=_bearer("qz_000000000000_nope"))
        )
        assert bad.status_code == 401, (method, url)
        refused = (
            call(url, body, headers=_bearer(without), **kwargs)
            if body is not None
            else call(url, headers=_bearer(without))
        )
        assert refused.status_code == 403, (method, url, refused.status_code)
        assert scopes[0] in refused.json()["message"]
        _, holder = _client(world, *scopes)
        allowed = (
            call(url, body, headers=_bearer(holder), **kwargs)
            if body is not None
            else call(url, headers=_bearer(holder))
        )
        assert allowed.status_code != 401 and scopes[0] not in allowed.content.decode(), (method, url)
        assert allowed.status_code < 500, (method, url, allowed.status_code)
    # The OpenAPI document names the scopes of each operation.
    doc = api.get_openapi_schema()
    submit = doc["paths"]["/api/v1/delivery/applications"]["post"]
    assert submit["x-scopes"] == ["applications:submit"]


@pytest.mark.parametrize("state", ["expired", "revoked", "inactive"])
def test_law_18_6_an_expired_or_revoked_token_or_an_inactive_client_is_401(state: str) -> None:
    world = api_world()
    client, token = _client(world, "applications:read-own")
    stored = client.tokens.get()
    if state == "expired":
        ApiToken.objects.filter(pk=stored.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    elif state == "revoked":
        services.apitoken_revoke(actor=None, token=stored)
    else:
        ApiClient.objects.filter(pk=client.pk).update(is_active=False)
    assert Client().get(f"{BASE}/applications", headers=_bearer(token)).status_code == 401


def test_law_18_6_a_client_submits_for_the_recipient_it_identified_and_reads_it_back() -> None:
    world = api_world()
    client, token = _client(world, "applications:submit", "applications:read-own")
    http = Client()
    response = _submit(http, world, token)
    assert response.status_code == 200, response.content
    assert response["X-API-Version"] == API_VERSION == "1.2"
    application = Application.objects.get(number=response.json()["number"])
    assert application.channel == "api" and application.recipient_iin == RECIPIENT_IIN
    assert application.submitted_by == client.user and application.recipient_user is None
    assert application.recipient_phone == "+77011234567"
    # The audit row of the submission names the client beside its user.
    row = (
        AuditLog.objects.filter(object_id=str(application.pk), action__startswith="delivery.")
        .order_by("id")
        .first()
    )
    assert row is not None and row.actor == client.user and row.api_client == client.label
    listed = http.get(f"{BASE}/applications", headers=_bearer(token)).json()
    assert [a["number"] for a in listed] == [application.number]
    assert http.get(f"{BASE}/applications/{application.number}", headers=_bearer(token)).status_code == 200


def test_law_18_6_a_client_never_reads_another_organisations_cases_unless_its_scopes_say_so() -> None:
    world = api_world()
    _, submitter = _client(world, "applications:submit", "applications:read-own")
    number = _submit(Client(), world, submitter).json()["number"]
    stranger_org = OrganisationFactory.create()
    _, stranger = _client(
        world, "applications:read-own", "applications:read-organisation", organisation=stranger_org
    )
    http = Client()
    assert http.get(f"{BASE}/applications/{number}", headers=_bearer(stranger)).status_code == 404
    assert http.get(f"{BASE}/applications", headers=_bearer(stranger)).json() == []
    _, provider_system = _client(world, "applications:read-organisation")
    assert http.get(f"{BASE}/applications/{number}", headers=_bearer(provider_system)).status_code == 200


def test_law_18_6_a_client_must_name_the_recipient_by_iin_or_bin_and_nothing_is_written() -> None:
    world = api_world()
    _, token = _client(world, "applications:submit")
    payload = {**_payload(world), "recipient_iin": ""}
    response = Client().post(
        f"{BASE}/applications",
        payload,
        content_type="application/json",
        headers={**_bearer(token), "Accept-Language": "ru"},
    )
    assert response.status_code == 400
    assert "ИИН" in response.json()["message"] and "recipient_iin" in response.json()["fields"]
    assert not Application.objects.exists()


def test_law_18_6_a_client_narrowed_to_other_services_may_not_submit_this_one() -> None:
    world = api_world()
    other = api_world()
    client, token = _client(world, "applications:submit")
    client.services.add(other.service)
    assert _submit(Client(), world, token).status_code == 403
    assert not Application.objects.exists()


def _open311_post(http: Client, world: World, fmt: str, **extra: str) -> Any:
    version = world.service.versions.get()
    form: dict[str, str] = {
        "service_code": world.service.code,
        "first_name": "Айгүл",
        "last_name": "Сәтбаева",
        "attribute[recipient_iin]": RECIPIENT_IIN,
        "attribute[full_name]": "Сәтбаева Айгүл",
        "attribute[birth_date]": "1985-01-01",
        "attribute[consent_method]": "e_signature",
        **extra,
    }
    for rd in version.required_documents.filter(privileged_only=False, obtainable_from_state_system=False):
        form[f"attribute[document_{rd.order}]"] = "A1;2099-01-01" if rd.expires else "A1"
    return http.post(f"/open311/v2/requests.{fmt}", form)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_law_18_6_open311_api_key_submits_and_reads_back_the_request(fmt: str) -> None:
    world = api_world()
    _, token = _client(world, "open311:submit", "open311:read", "applications:read-own")
    http = Client(enforce_csrf_checks=True)
    response = _open311_post(http, world, fmt, api_key=token)
    assert response.status_code == 200, response.content
    if fmt == "json":
        row = response.json()[0]
        number, account = row["service_request_id"], row["account_id"]
        assert account is None
    else:
        node = ET.fromstring(response.content).find("request")
        assert node is not None
        number = node.findtext("service_request_id")
        assert node.findtext("account_id") in (None, "")
    application = Application.objects.get(number=number)
    assert application.recipient_iin == RECIPIENT_IIN and application.recipient_name.startswith("Сәтбаева")
    listed = http.get(f"/open311/v2/requests.{fmt}", {"api_key": token})
    assert listed.status_code == 200 and number in listed.content.decode()
    one = http.get(f"/open311/v2/requests/{number}.{fmt}", {"api_key": token})
    assert one.status_code == 200 and number in one.content.decode()


def test_law_18_6_open311_takes_the_api_key_in_the_query_of_a_post_as_pypi_open311_sends_it() -> None:
    """PyPI's ``open311`` (1.1) POSTs ``requests.<fmt>?jurisdiction_id=&api_key=<key>`` with the
    form-encoded request as the body (its Python 2 code cannot run here; this is its request)."""
    world = api_world()
    _, token = _client(world, "open311:submit")
    http = Client(enforce_csrf_checks=True)
    version = world.service.versions.get()
    form = {
        "service_code": world.service.code,
        "first_name": "Ерлан",
        "last_name": "Омаров",
        "attribute[recipient_iin]": RECIPIENT_IIN,
        "attribute[full_name]": "Омаров Ерлан",
        "attribute[birth_date]": "1985-01-01",
        "attribute[consent_method]": "e_signature",
    }
    for rd in version.required_documents.filter(privileged_only=False, obtainable_from_state_system=False):
        form[f"attribute[document_{rd.order}]"] = "A1;2099-01-01" if rd.expires else "A1"
    response = http.post(f"/open311/v2/requests.xml?jurisdiction_id=&api_key={token}", form)
    assert response.status_code == 200, response.content
    assert Application.objects.get().recipient_name.startswith("Омаров")


def test_law_18_6_open311_refuses_a_bad_key_with_401_and_a_missing_scope_with_403() -> None:
    world = api_world()
    _, reader = _client(world, "open311:read")
    http = Client()
    assert _open311_post(http, world, "json", api_key="qz_000000000000_x").status_code == 401
    refused = _open311_post(http, world, "json", api_key=reader)
    assert refused.status_code == 403 and "open311:submit" in refused.content.decode()
    assert http.get("/open311/v2/requests.json").status_code == 401
    assert not Application.objects.exists()


def test_law_18_6_a_client_that_may_not_read_a_case_cannot_tell_it_from_a_number_that_does_not_exist() -> (
    None
):
    """Law 18 subpoint 6 (tester's finding 19.4): numbers are sequential; another organisation's
    existing case answers exactly as a missing number does (404 in the API's format), on the
    case and on its stages; acting on it (a stage) is refused the same way."""
    world = api_world()
    _, submitter = _client(world, "applications:submit", "applications:read-own")
    number = _submit(Client(), world, submitter).json()["number"]
    missing = re.sub(r"\d+$", lambda m: str(int(m.group()) + 1000).zfill(len(m.group())), number)
    assert not Application.objects.filter(number=missing).exists()
    _, stranger = _client(
        world,
        "applications:read-own",
        "applications:read-organisation",
        "stages:record",
        organisation=OrganisationFactory.create(),
    )
    http = Client(HTTP_ACCEPT_LANGUAGE="en")
    for suffix in ("", "/stages"):
        existing = http.get(f"{BASE}/applications/{number}{suffix}", headers=_bearer(stranger))
        absent = http.get(f"{BASE}/applications/{missing}{suffix}", headers=_bearer(stranger))
        assert existing.status_code == absent.status_code == 404
        assert existing.json() == absent.json() and existing.json()["code"]
    taken = http.post(f"{BASE}/applications/{number}/take-in-work", headers=_bearer(stranger))
    assert taken.status_code == 404 and taken.json() == absent.json()
    # The submitter itself still reads its case.
    assert http.get(f"{BASE}/applications/{number}", headers=_bearer(submitter)).status_code == 200
