"""API 1.2 (issue 19): monitoring, oversight and the PSC selection need a client's scope;
``complaints:read`` reads what its description says; a token-holding client is throttled per
client; a bad token's 401 says so; a standard gives its documents' ids, so a client submits from
the API alone; Open311 discovery; every REST and Open311 response names version 1.2."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client

from qyzmet.api.auth import operation_scopes
from qyzmet.api.v1 import API_VERSION, api
from qyzmet.apiclients import services
from qyzmet.apiclients.models import ApiClient
from qyzmet.apiclients.scopes import SCOPES
from qyzmet.complaints.enums import ComplaintAddressee, ComplaintSource, ComplaintSubject
from qyzmet.complaints.models import Complaint
from qyzmet.complaints.tests.factories import complaint_make
from qyzmet.delivery.models import Application
from qyzmet.delivery.tests.api.test_rest import _payload, api_world
from qyzmet.delivery.tests.factories import World
from qyzmet.orgs.tests.factories import OrganisationFactory, make_bin, make_iin

pytestmark = pytest.mark.django_db
RECIPIENT_IIN = make_iin(dt.date(1985, 1, 1), male=False, serial=456)
NEWLY_SCOPED = {"monitoring", "oversight", "psc-selection"}


def _client(world: World, *scopes: str, organisation: Any = None) -> tuple[ApiClient, str]:
    return services.apiclient_create(
        actor=None,
        name=f"system-{ApiClient.objects.count()}",
        organisation=organisation or world.provider,
        scopes=scopes,
    )


def _bearer(token: str, **extra: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **extra}


# --- gap 1: monitoring, oversight, PSC selection ----------------------------------------------


def test_law_18_6_monitoring_oversight_and_psc_selection_operations_need_their_read_or_write_scope() -> None:
    """Every operation of the three routers that is not public states a declared scope: the
    ``:read`` one to read (GET), the ``:write`` one to change anything."""
    ops = {k: v for k, v in operation_scopes(api).items() if k[1].split("/")[1] in NEWLY_SCOPED}
    scoped = {k: v for k, v in ops.items() if v}
    assert len(scoped) >= 35
    for (method, path), scopes in scoped.items():
        prefix = path.split("/")[1]
        want = f"{prefix}:read" if method == "GET" else f"{prefix}:write"
        assert scopes == (want,), (method, path, scopes)
        assert want in SCOPES
    # What is public stays public (published conclusions, reports, outcomes, a public comment).
    public = {k for k, v in ops.items() if not v}
    assert ("GET", "/monitoring/conclusions") in public
    assert ("POST", "/oversight/hearings/{hearing_id}/comments") in public
    assert ("GET", "/psc-selection/protocols") in public


@pytest.mark.parametrize(
    ("method", "url", "scope"),
    [
        ("get", "/api/v1/monitoring/monitorings", "monitoring:read"),
        ("post", "/api/v1/monitoring/monitorings", "monitoring:write"),
        ("get", "/api/v1/oversight/assessments", "oversight:read"),
        ("post", "/api/v1/oversight/control-cases", "oversight:write"),
        ("get", "/api/v1/psc-selection/cycles/2026/steps", "psc-selection:read"),
        ("post", "/api/v1/psc-selection/proposals", "psc-selection:write"),
    ],
)
def test_law_18_6_monitoring_oversight_psc_no_token_401_no_scope_403_with_scope_passes(
    method: str, url: str, scope: str
) -> None:
    world = api_world()
    http = Client()
    call = getattr(http, method)
    kwargs: dict[str, Any] = {"content_type": "application/json"} if method == "post" else {}
    args: list[Any] = [url, {}] if method == "post" else [url]
    assert call(*args, **kwargs).status_code == 401
    other = "oversight:read" if not scope.startswith("oversight") else "monitoring:read"
    # The other half of the same pair does not do either: read is not write.
    sibling = (
        scope.replace(":read", ":write") if scope.endswith(":read") else scope.replace(":write", ":read")
    )
    for wrong in (other, sibling):
        _, token = _client(world, wrong)
        refused = call(*args, headers=_bearer(token, **{"Accept-Language": "ru"}), **kwargs)
        assert refused.status_code == 403, (url, wrong)
        assert refused.json()["code"] == "access_denied" and scope in refused.json()["message"]
    _, holder = _client(world, scope)
    allowed = call(*args, headers=_bearer(holder), **kwargs)
    assert allowed.status_code not in (401, 500) and scope not in allowed.content.decode(), allowed.content


# --- gap 2: complaints:read --------------------------------------------------------------------


def test_law_25_complaints_read_lets_a_client_read_the_complaints_about_or_addressed_to_its_organisation_and_those_it_filed() -> (
    None
):
    world = api_world()
    about_us = complaint_make(provider=world.provider)
    stranger_org = OrganisationFactory.create()
    elsewhere = complaint_make(provider=stranger_org)
    http = Client()
    # The provider's own system, and its parent body's (a subordinate body's complaints too).
    _, provider_system = _client(world, "complaints:read")
    _, parent_system = _client(world, "complaints:read", organisation=world.provider.parent)
    for token in (provider_system, parent_system):
        listed = http.get("/api/v1/complaints/complaints", headers=_bearer(token))
        assert listed.status_code == 200
        assert [c["number"] for c in listed.json()] == [about_us.number]
        assert (
            http.get(f"/api/v1/complaints/complaints/{about_us.number}", headers=_bearer(token)).status_code
            == 200
        )
        assert (
            http.get(f"/api/v1/complaints/complaints/{elsewhere.number}", headers=_bearer(token)).status_code
            == 403
        )
    # A system of a third organisation files a complaint about the stranger for a recipient and
    # reads back that one, and only that one.
    filer_org = OrganisationFactory.create()
    filer, filer_token = _client(world, "complaints:file", "complaints:read", organisation=filer_org)
    response = http.post(
        "/api/v1/complaints/complaints",
        {
            "subject": ComplaintSubject.DECISION,
            "addressee": ComplaintAddressee.PROVIDER,
            "provider": stranger_org.code,
            "text": "Анықтама мерзімінде берілмеді.",
            "complainant_bin": make_bin(dt.date(2010, 5, 1)),
            "complainant_name": "«Береке» ЖШС",
            "phone": "+77011234567",
        },
        content_type="application/json",
        headers=_bearer(filer_token),
    )
    assert response.status_code == 200, response.content
    filed = Complaint.objects.get(number=response.json()["number"])
    assert filed.complainant == filer.user and filed.source == ComplaintSource.API
    listed = http.get("/api/v1/complaints/complaints", headers=_bearer(filer_token)).json()
    assert [c["number"] for c in listed] == [filed.number]
    mine = http.get("/api/v1/complaints/complaints?mine=true", headers=_bearer(filer_token)).json()
    assert [c["number"] for c in mine] == [filed.number]
    assert (
        http.get(f"/api/v1/complaints/complaints/{filed.number}", headers=_bearer(filer_token)).status_code
        == 200
    )
    assert (
        http.get(
            f"/api/v1/complaints/complaints/{elsewhere.number}", headers=_bearer(filer_token)
        ).status_code
        == 403
    )
    # Without the scope: 403 naming it, even for what it filed.
    _, file_only = _client(world, "complaints:file", organisation=filer_org)
    refused = http.get("/api/v1/complaints/complaints", headers=_bearer(file_only))
    assert refused.status_code == 403 and "complaints:read" in refused.json()["message"]


# --- gap 4: the POST throttle counts a client per client --------------------------------------


def test_adr_0011_a_token_holding_client_is_throttled_per_client_not_as_anonymous_per_address(
    settings: Any,
) -> None:
    settings.RATELIMIT_ENABLE = True
    settings.QYZMET_THROTTLE_RATES = {
        **django_settings.QYZMET_THROTTLE_RATES,
        "anonymous_post": "3/m",
        "client_post": "5/m",
    }
    world = api_world()
    _, first = _client(world, "applications:submit")
    _, second = _client(world, "applications:submit")
    gateway = Client(REMOTE_ADDR="10.0.19.1")
    url = "/api/v1/delivery/applications"

    def post(http: Client, **headers: str) -> int:
        return http.post(url, {}, content_type="application/json", headers=headers).status_code

    # One client: its own 5 a minute (more than the 3 an anonymous address gets) ...
    assert [post(gateway, **_bearer(first)) for _ in range(5)] == [400] * 5
    refused = gateway.post(
        url, {}, content_type="application/json", headers=_bearer(first, **{"Accept-Language": "ru"})
    )
    assert refused.status_code == 429 and refused["Retry-After"]
    assert refused.json()["code"] == "too_many_requests"
    # ... also from another address (its budget is its own, wherever it calls from) ...
    assert post(Client(REMOTE_ADDR="10.0.19.2"), **_bearer(first)) == 429
    # ... while another system behind the same gateway keeps its own budget ...
    assert [post(gateway, **_bearer(second)) for _ in range(5)] == [400] * 5
    # ... and anonymous POSTs from that address are counted apart, a bad token among them.
    assert [post(gateway) for _ in range(2)] == [401, 401]
    assert post(gateway, **_bearer("qz_000000000000_nope")) == 401
    assert post(gateway) == 429
    # Open311's api_key in a form-encoded body counts under its client too.
    assert (
        gateway.post("/open311/v2/requests.json", {"api_key": first, "service_code": "x"}).status_code == 429
    )
    assert not Application.objects.exists()


def test_issue_19_7_the_post_throttle_s_429_under_api_and_open311_names_the_api_version(
    settings: Any,
) -> None:
    """Tester's finding 19.7: the 429 comes from core's throttle middleware before any API view
    runs; it names the API's version too (``api.middleware``), under /api/ and /open311/ only."""
    settings.RATELIMIT_ENABLE = True
    settings.QYZMET_THROTTLE_RATES = {**django_settings.QYZMET_THROTTLE_RATES, "anonymous_post": "1/m"}
    for address, url in (
        ("10.0.197.1", "/api/v1/delivery/applications"),
        ("10.0.197.2", "/open311/v2/requests.json"),
        ("10.0.197.3", "/open311/v2/requests.xml"),
    ):
        http = Client(REMOTE_ADDR=address)
        first = http.post(url, {})
        assert first.status_code != 429 and first["X-API-Version"] == API_VERSION
        refused = http.post(url, {})
        assert refused.status_code == 429 and refused["Retry-After"], url
        assert refused["X-API-Version"] == API_VERSION, url
    page = Client(REMOTE_ADDR="10.0.197.4")
    page.post("/login/", {})
    refused_page = page.post("/login/", {})
    assert refused_page.status_code == 429 and not refused_page.has_header("X-API-Version")
    assert not Application.objects.exists()


# --- finding 5: a bad token's 401 ------------------------------------------------------------


def test_rfc_6750_a_bad_token_is_told_so_and_every_401_names_the_bearer_scheme() -> None:
    api_world()
    http = Client()
    bad = http.get(
        "/api/v1/delivery/applications", headers=_bearer("qz_000000000000_nope", **{"Accept-Language": "ru"})
    )
    assert bad.status_code == 401
    assert bad.json() == {
        "code": "unauthorized",
        "message": "Токен недействителен, истёк или отозван.",
        "fields": {},
    }
    assert bad["WWW-Authenticate"] == 'Bearer realm="qyzmet", error="invalid_token"'
    none = http.get("/api/v1/delivery/applications", headers={"Accept-Language": "kk"})
    assert none.status_code == 401 and none.json()["message"] == "Жүйеге кіріңіз."
    assert none["WWW-Authenticate"] == 'Bearer realm="qyzmet"'


# --- finding 2: a client submits from what the API tells it -----------------------------------


def test_law_18_6_the_standard_gives_each_document_its_id_so_a_client_submits_from_the_api_alone() -> None:
    world = api_world()
    _, token = _client(world, "applications:submit", "applications:read-own")
    http = Client()
    standard = http.get(f"/api/v1/registry/services/{world.service.code}/standard/").json()
    documents = [
        {
            "required_document": d["id"],
            "document_number": "A1",
            "valid_until": "2099-01-01" if d["expires"] else None,
        }
        for d in standard["required_documents"]
        if not d["privileged_only"] and not d["obtainable_from_state_system"]
    ]
    assert documents
    payload = {**_payload(world), "documents": documents, "recipient_iin": RECIPIENT_IIN}
    response = http.post(
        "/api/v1/delivery/applications", payload, content_type="application/json", headers=_bearer(token)
    )
    assert response.status_code == 200, response.content
    # Without them the same submission is refused: the ids are what the acceptance checks.
    refused = http.post(
        "/api/v1/delivery/applications",
        {**payload, "documents": []},
        content_type="application/json",
        headers=_bearer(token),
    )
    assert refused.status_code == 400 and refused.json()["code"] == "law19_documents_incomplete"
    assert Application.objects.count() == 1


# --- finding 6, gap 5: Open311 discovery; version 1.2 everywhere -----------------------------


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_open311_service_discovery_names_the_georeport_v2_endpoint_and_its_formats(fmt: str) -> None:
    response = Client().get(f"/open311/v2/discovery.{fmt}")
    assert response.status_code == 200
    assert response["X-API-Version"] == API_VERSION
    if fmt == "json":
        data = response.json()
        (endpoint,) = data["endpoints"]
        url, formats = endpoint["url"], endpoint["formats"]
        assert data["key_service"] and endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    else:
        root = ET.fromstring(response.content)
        assert root.tag == "discovery"
        url = root.findtext("endpoints/endpoint/url") or ""
        formats = [f.text for f in root.findall("endpoints/endpoint/formats/format")]
    assert url == "http://testserver/open311/v2"
    assert formats == ["application/json", "text/xml"]
    # The endpoint it names answers.
    assert Client().get(f"{url.removeprefix('http://testserver')}/services.json").status_code == 200


def test_issue_19_6_every_rest_and_open311_response_names_api_version_1_2_and_the_openapi_says_what_changed() -> (
    None
):
    assert API_VERSION == "1.2"
    http = Client()
    assert http.get("/api/v1/registry/services/")["X-API-Version"] == "1.2"
    assert http.get("/api/v1/delivery/applications")["X-API-Version"] == "1.2"  # a 401 too
    assert http.get("/open311/v2/services.json")["X-API-Version"] == "1.2"
    assert http.get("/open311/v2/requests.json")["X-API-Version"] == "1.2"  # Open311's 401
    info = api.get_openapi_schema()["info"]
    assert info["version"] == "1.2" and "* 1.2:" in info["description"]


# --- finding 8: the definition names every attribute a request takes -------------------------


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_law_18_6_open311_definition_lists_the_consent_and_recipient_attributes_a_system_sends(
    lang: str,
) -> None:
    world = api_world()
    response = Client().get(f"/open311/v2/services/{world.service.code}.json", {"lang": lang})
    attributes = response.json()["attributes"]
    assert [a["order"] for a in attributes] == list(range(1, len(attributes) + 1))
    by_code = {a["code"]: a for a in attributes}
    consent = by_code["consent_method"]
    assert consent["variable"] and consent["required"] and consent["datatype"] == "singlevaluelist"
    assert [v["key"] for v in consent["values"]] == ["written", "e_signature", "mobile"]
    assert consent["values"][0]["name"] == {"kk": "Жазбаша", "ru": "Письменно"}[lang]
    for code in ("provider", "recipient_iin", "recipient_bin"):
        assert by_code[code]["variable"] and not by_code[code]["required"]
        assert by_code[code]["datatype"] == "string" and by_code[code]["description"]


# --- finding 15: a client files a complaint for the individual it identified -------------------


def test_law_25_a_client_files_a_complaint_for_the_recipient_it_identified_by_iin_and_name() -> None:
    world = api_world()
    client, token = _client(
        world, "complaints:file", "complaints:read", organisation=OrganisationFactory.create()
    )
    http = Client()
    body = {
        "subject": ComplaintSubject.DECISION,
        "addressee": ComplaintAddressee.PROVIDER,
        "provider": world.provider.code,
        "text": "Анықтама мерзімінде берілмеді.",
        "phone": "+77011234567",
    }
    # Without the recipient's IIN (or BIN): refused in the caller's language, nothing written.
    refused = http.post(
        "/api/v1/complaints/complaints",
        {**body, "complainant_name": "Сәтбаева Айгүл"},
        content_type="application/json",
        headers=_bearer(token, **{"Accept-Language": "ru"}),
    )
    assert refused.status_code == 400 and refused.json()["message"] == "Укажите ИИН или БИН."
    assert "complainant_iin" in refused.json()["fields"] and not Complaint.objects.exists()
    response = http.post(
        "/api/v1/complaints/complaints",
        {**body, "complainant_iin": RECIPIENT_IIN, "complainant_name": "Сәтбаева Айгүл"},
        content_type="application/json",
        headers=_bearer(token),
    )
    assert response.status_code == 200, response.content
    complaint = Complaint.objects.get(number=response.json()["number"])
    assert (complaint.complainant_iin, complaint.complainant_name) == (RECIPIENT_IIN, "Сәтбаева Айгүл")
    assert complaint.complainant == client.user and complaint.source == ComplaintSource.API
    listed = http.get("/api/v1/complaints/complaints?mine=true", headers=_bearer(token)).json()
    assert [c["number"] for c in listed] == [complaint.number]


# --- finding 7: every refusal in the API's format ------------------------------------------------


def test_issue_19_bad_input_an_unknown_path_and_a_wrong_method_are_refused_in_the_api_format() -> None:
    http = Client()
    unknown = http.get("/api/v1/no-such-thing", headers={"Accept-Language": "ru"})
    assert unknown.status_code == 404 and unknown["X-API-Version"] == API_VERSION
    assert unknown.json() == {"code": "not_found", "message": "Не найдено.", "fields": {}}
    wrong = http.delete("/api/v1/delivery/applications", headers={"Accept-Language": "kk"})
    assert wrong.status_code == 405 and wrong["X-API-Version"] == API_VERSION
    assert wrong.json()["code"] == "method_not_allowed" and "Allow" in wrong.json()["message"]
    assert set(wrong["Allow"].replace(" ", "").split(",")) == {"GET", "POST"}
    # A path that exists with its trailing slash is still redirected to it.
    moved = http.get("/api/v1/registry/services?q=1")
    assert moved.status_code == 301 and moved["Location"] == "/api/v1/registry/services/?q=1"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_law_19_open311_per_field_errors_name_the_parameter_to_fix(fmt: str) -> None:
    world = api_world()
    _, token = _client(world, "open311:submit")
    form = {
        "api_key": token,
        "service_code": world.service.code,
        "first_name": "Айгүл",
        "last_name": "Сәтбаева",
        "attribute[recipient_iin]": "123",
        "attribute[full_name]": "Сәтбаева Айгүл",
        "attribute[birth_date]": "1985-01-01",
        "attribute[consent_method]": "e_signature",
    }
    response = Client().post(f"/open311/v2/requests.{fmt}", form, headers={"Accept-Language": "ru"})
    assert response.status_code == 400
    if fmt == "json":
        descriptions = [e["description"] for e in response.json()]
    else:
        descriptions = [
            e.findtext("description") or "" for e in ET.fromstring(response.content).findall("error")
        ]
    assert len(descriptions) >= 2
    assert any(d.startswith("attribute[recipient_iin]: ") for d in descriptions[1:]), descriptions
    assert not Application.objects.exists()


def test_law_25_complaints_read_reaches_the_answered_events_of_what_it_reads() -> None:
    """Events follow the scope: ``complaints:read`` is told of the answers to its organisation's
    complaints and to those it filed, as its REST reads are."""
    from qyzmet.apiclients.events import Reach, reaches
    from qyzmet.notify.events import EventKind

    assert reaches(scopes=["complaints:read"], kind=EventKind.COMPLAINT_ANSWERED) == {
        Reach.ORGANISATION,
        Reach.OWN,
    }
    assert reaches(scopes=["complaints:file"], kind=EventKind.COMPLAINT_ANSWERED) == {Reach.OWN}
