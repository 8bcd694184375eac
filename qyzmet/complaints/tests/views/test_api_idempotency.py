"""Issue 20.4, REST v1: a state system whose connection was reset files its complaint again with
the same ``Idempotency-Key`` and gets the first response, nothing filed twice; the same key with
another body is 422 ``idempotency_key_reused`` (as for applications) and files nothing; keys are
per filer (another API client, or a person, using the same key files its own complaint); only a
caller with ``complaints:file`` files, with a key or without."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from qyzmet.apiclients.services import apiclient_create
from qyzmet.complaints.models import Complaint
from qyzmet.core.models import AuditLog
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.tests.factories import OrganisationFactory, RecipientFactory, make_iin

pytestmark = pytest.mark.django_db
URL = "/api/v1/complaints/complaints"
IIN = make_iin(dt.date(1985, 1, 1), male=False, serial=456)


def _system(*scopes: str) -> str:
    _, token = apiclient_create(
        actor=None,
        name=f"system-{OrganisationFactory.create().code}",
        organisation=OrganisationFactory.create(),
        scopes=list(scopes) or ["complaints:file"],
    )
    return token


def _body(provider: Organisation, **changed: str) -> dict[str, str]:
    return {
        "subject": "decision",
        "addressee": "provider",
        "provider": provider.code,
        "text": "Анықтама мерзімінде берілмеді.",
        "complainant_iin": IIN,
        "complainant_name": "Load Citizen",
        "phone": "+77011234567",
        **changed,
    }


def _post(http: Client, body: dict[str, str], *, token: str = "", key: str = "") -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if key:
        headers["Idempotency-Key"] = key
    return http.post(URL, body, content_type="application/json", headers=headers)


def _written() -> tuple[int, int]:
    return Complaint.objects.count(), AuditLog.objects.filter(action="complaint.register").count()


def test_ops_20_4_a_complaint_filed_again_with_its_idempotency_key_is_stored_once_with_the_same_response() -> (
    None
):
    provider = OrganisationFactory.create()
    token = _system()
    http = Client()
    first = _post(http, _body(provider), token=token, key="k-1")
    assert first.status_code == 200, first.content
    again = _post(http, _body(provider), token=token, key="k-1")
    assert again.status_code == 200
    assert again.json() == first.json()
    assert _written() == (1, 1)
    stored = Complaint.objects.get()
    assert (stored.number, stored.idempotency_key) == (first.json()["number"], "k-1")
    # Another key is another complaint.
    third = _post(http, _body(provider), token=token, key="k-2")
    assert third.status_code == 200 and third.json()["number"] != first.json()["number"]
    assert _written() == (2, 2)


def test_ops_20_4_the_same_key_with_another_body_is_422_idempotency_key_reused_and_files_nothing() -> None:
    provider = OrganisationFactory.create()
    token = _system()
    http = Client()
    first = _post(http, _body(provider), token=token, key="k-1")
    assert first.status_code == 200, first.content
    refused = _post(http, _body(provider, text="Басқа шағым."), token=token, key="k-1")
    assert refused.status_code == 422
    assert refused.json()["code"] == "idempotency_key_reused"
    assert set(refused.json()) == {"code", "message", "fields"}
    assert _written() == (1, 1)
    assert Complaint.objects.get().text == "Анықтама мерзімінде берілмеді."
    again = _post(http, _body(provider), token=token, key="k-1")
    assert again.status_code == 200 and again.json() == first.json()
    assert _written() == (1, 1)


def test_ops_20_4_keys_are_per_filer_another_api_client_or_a_person_using_the_same_key_files_its_own() -> (
    None
):
    provider = OrganisationFactory.create()
    one, other = _system(), _system()
    http = Client()
    mine = _post(http, _body(provider), token=one, key="shared")
    theirs = _post(http, _body(provider), token=other, key="shared")
    assert mine.status_code == theirs.status_code == 200, (mine.content, theirs.content)
    assert mine.json()["number"] != theirs.json()["number"]
    citizen = RecipientFactory.create()
    person = Client()
    person.force_login(citizen)
    own = _post(
        person,
        {"subject": "decision", "addressee": "provider", "provider": provider.code, "text": "x"},
        key="shared",
    )
    assert own.status_code == 200, own.content
    assert len({mine.json()["number"], theirs.json()["number"], own.json()["number"]}) == 3
    assert _written() == (3, 3)
    # Each filer's retry gets its own complaint back.
    assert _post(http, _body(provider), token=other, key="shared").json()["number"] == theirs.json()["number"]
    assert _written() == (3, 3)


def test_ops_20_4_a_client_without_complaints_file_is_refused_with_a_key_too_and_the_key_stays_free() -> None:
    provider = OrganisationFactory.create()
    reader = _system("complaints:read")
    http = Client()
    refused = _post(http, _body(provider), token=reader, key="k-1")
    assert refused.status_code == 403
    assert "complaints:file" in refused.content.decode()
    assert _post(http, _body(provider), key="k-1").status_code == 401
    assert _written() == (0, 0)


def test_ops_20_4_a_refused_filing_keeps_its_key_free_for_the_corrected_one() -> None:
    """Bad input (here no contact for the electronic answer, Law 25.4) writes nothing, so the
    corrected request under the same key is filed."""
    provider = OrganisationFactory.create()
    token = _system()
    http = Client()
    bad = _post(http, _body(provider, phone=""), token=token, key="k-1")
    assert bad.status_code == 400, bad.content
    assert _written() == (0, 0)
    good = _post(http, _body(provider), token=token, key="k-1")
    assert good.status_code == 200, good.content
    assert _written() == (1, 1)
