"""A bounded property-based fuzz of every operation of REST v1, generated from the app's own
OpenAPI document: no input, from an anonymous caller or a signed-in recipient, officer or
inspector, gives a 5xx (issue 12, point 4; ADR 0012).

For each operation Hypothesis draws the path, query and header parameters and the JSON body
from the operation's schema (hypothesis-jsonschema), mixed with values that break the schema:
junk text, NUL characters, huge integers, impossible dates, arbitrary JSON and bytes that are
not JSON at all. Path parameters are also drawn from the numbers, codes and tokens of objects
that exist, so that operations get past "not found" and reach their services. The run is
derandomized (the same requests every run) and bounded (``EXAMPLES`` per operation)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

import pytest
import schemathesis
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.generation import GenerationMode

from qyzmet.api.v1 import api
from qyzmet.complaints.tests.factories import complaint_make
from qyzmet.complaints.tests.factories import inspector as complaint_inspector
from qyzmet.delivery.services import application_take_in_work
from qyzmet.delivery.tests.api.test_rest import api_world
from qyzmet.delivery.tests.factories import submit
from qyzmet.oversight.tests.factories import oversight_world
from qyzmet.quality.tests.factories import invitation_make
from qyzmet.reception.tests.factories import hall_make

pytestmark = pytest.mark.django_db

PREFIX = "/api/v1/"
EXAMPLES = 12
SCHEMA: dict[str, Any] = json.loads(json.dumps(api.get_openapi_schema(path_prefix=PREFIX), default=str))
FUZZ_SCHEMA = schemathesis.openapi.from_dict(SCHEMA)
OPERATIONS = [(method.upper(), path) for path, operations in SCHEMA["paths"].items() for method in operations]
CALLERS = ("anonymous", "recipient", "officer", "inspector")

# Values that break a schema or a database: the kinds of input the fuzz of the issue found.
JUNK_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            "abc",
            "-1",
            "0",
            "1e309",
            "99999999999999999999999",
            "2026-02-30",
            "0000-00-00",
            "9999-12-31T99:99",
            "a\x00b",
            "../../etc/passwd",
            "<x>&amp;</x>",
            "%00",
            " ",
        ]
    ),
)


@dataclass
class Stats:
    requests: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)


STATS = Stats()


@dataclass
class Fixtures:
    clients: dict[str, Client]
    known: dict[str, list[str]]


def _client(user: Any | None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def fuzz_world() -> Fixtures:
    world = api_world()
    first = submit(world)
    second = submit(world)
    application_take_in_work(actor=world.officer, application=second)
    complaint = complaint_make(provider=world.provider, complainant=world.recipient)
    hall = hall_make()
    invitation = invitation_make(service=world.service, provider=world.provider)
    inspector = complaint_inspector()
    accountability = oversight_world(world, inspector)
    known = {
        **accountability,
        "number": [first.number, second.number, complaint.number, *accountability["number"]],
        "code": [world.service.code],
        "service_code": [world.service.code],
        "hall": [hall.code],
        "token": [str(invitation.token)],
        "desk_id": ["1"],
    }
    clients = {
        "anonymous": _client(None),
        "recipient": _client(world.recipient),
        "officer": _client(world.officer),
        "inspector": _client(inspector),
    }
    return Fixtures(clients=clients, known=known)


def _path_value(known: list[str]) -> st.SearchStrategy[str | None]:
    """Mostly an object that exists (to reach the service), else junk or the schema's value."""
    if not known:
        return st.none() | JUNK_TEXT
    return st.one_of(st.sampled_from(known), st.sampled_from(known), st.none(), JUNK_TEXT)


def _case(
    operation: Any, known: dict[str, list[str]]
) -> st.SearchStrategy[tuple[Any, dict[str, str], bytes | None]]:
    """A schemathesis case (valid or schema-breaking), path parameters mostly replaced by those
    of objects that exist or by junk, and now and then a raw body that is not JSON at all."""
    modes = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE)
    )
    overrides = st.fixed_dictionaries(
        {
            parameter.name: _path_value(known.get(parameter.name, []))
            for parameter in operation.path_parameters
        }
    ).map(lambda values: {k: v for k, v in values.items() if v is not None})
    raw = st.none() | st.binary(max_size=40)
    return st.tuples(modes, overrides, raw)


def _send(fixtures: Fixtures, case: Any, caller: str, overrides: dict[str, str], raw: bytes | None) -> Any:
    url = case.operation.path
    for name, value in {**(case.path_parameters or {}), **overrides}.items():
        url = url.replace("{" + name + "}", quote(str(value), safe="") or "%20")
    query = {k: v for k, v in (case.query or {}).items() if v is not None}
    if query:
        url += "?" + urlencode(query, doseq=True)
    headers = {
        k: str(v).replace("\n", " ").replace("\r", " ")
        for k, v in (case.headers or {}).items()
        if k.lower() not in {"content-type", "content-length", "host"}
    }
    client = fixtures.clients[caller]
    if case.method.upper() == "GET":
        response = client.get(url, headers=headers)
    else:
        content_type = case.media_type or "application/json"
        if raw is not None and case.media_type:
            data = raw
        elif case.body is None or not case.media_type:
            data = b""
        else:
            data = json.dumps(case.body, default=str).encode()
        response = client.generic(
            case.method.upper(), url, data=data, content_type=content_type, headers=headers
        )
    STATS.requests += 1
    STATS.statuses[response.status_code] = STATS.statuses.get(response.status_code, 0) + 1
    return response


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_no_5xx_from_any_generated_request(fuzz_world: Fixtures, method: str, path: str, caller: str) -> None:
    operation = FUZZ_SCHEMA[path][method]
    signed_in_only = bool(SCHEMA["paths"][path][method.lower()].get("security"))

    @settings(
        max_examples=EXAMPLES // 3 if caller == "anonymous" and signed_in_only else EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(drawn=_case(operation, fuzz_world.known))
    def run(drawn: tuple[Any, dict[str, str], bytes | None]) -> None:
        case, overrides, raw = drawn
        response = _send(fuzz_world, case, caller, overrides, raw)
        assert response.status_code < 500, (case.path_parameters, overrides, case.query, case.body, raw)
        assert b"Traceback" not in response.content

    run()


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    elapsed = time.monotonic() - STATS.started
    print(
        f"\nREST fuzz: {STATS.requests} requests in {elapsed:.1f}s, statuses {sorted(STATS.statuses.items())}"
    )
