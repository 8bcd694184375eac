"""Law 18 subpoint 6 on the demo (tester's finding 19.1): the demo client «eGov Mobile (demo)»
can submit for a recipient through the REST API to a demo service whose standard offers the
channel "another information system", built from the REST standard alone (its documents' ids
and its form), and reads the application back."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from qyzmet.apiclients.demo import DEMO_CLIENT
from qyzmet.apiclients.models import ApiClient
from qyzmet.apiclients.services import apitoken_issue
from qyzmet.orgs.tests.factories import make_iin

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 24, 6, 0, tzinfo=dt.UTC)  # a Tuesday, 11:00 in Almaty
RECIPIENT_IIN = make_iin(dt.date(1990, 5, 17), male=True, serial=321)


def _data(fields: list[dict[str, Any]]) -> dict[str, Any]:
    values = {"date": "1990-05-17", "iin": RECIPIENT_IIN, "phone": "+77011234567", "bool": True}
    data: dict[str, Any] = {}
    for field in fields:
        if not field["required"]:
            continue
        kind = field["datatype"]
        if kind == "choice":
            choice = field["choices"][0]
            data[field["code"]] = choice["key"]
        elif kind in ("int", "integer", "decimal", "number", "amount"):
            data[field["code"]] = "1"
        else:
            data[field["code"]] = values.get(kind, values.get(field["code"], "Демо"))
    return data


@pytest.mark.parametrize("code", ["01030001", "02020002"])
def test_law_18_6_the_demo_client_submits_to_a_demo_service_from_the_rest_standard_alone(code: str) -> None:
    with time_machine.travel(NOW, tick=False):
        call_command("demo_data", stdout=StringIO())
        client = ApiClient.objects.get(name=DEMO_CLIENT)
        raw = apitoken_issue(actor=None, client=client)
        http = Client(HTTP_ACCEPT_LANGUAGE="ru", headers={"Authorization": f"Bearer {raw}"})
        standard = http.get(f"/api/v1/registry/services/{code}/standard/").json()
        assert "other_echannel" in {t["channel"] for t in standard["channel_terms"]}
        documents = [
            {"required_document": d["id"], "document_number": f"D-{d['id']}", "valid_until": "2099-01-01"}
            for d in standard["required_documents"]
            if not d["privileged_only"] and not d["obtainable_from_state_system"]
        ]
        payload = {
            "service_code": code,
            "recipient_iin": RECIPIENT_IIN,
            "recipient_name": "Демо Азамат",
            "recipient_phone": "+77011234567",
            "data": _data(standard["form_fields"]),
            "documents": documents,
            "consent_method": "e_signature",
        }
        response = http.post("/api/v1/delivery/applications", payload, content_type="application/json")
        assert response.status_code == 200, response.json()
        number = response.json()["number"]
        read_back = http.get(f"/api/v1/delivery/applications/{number}")
        assert read_back.status_code == 200 and read_back.json()["channel"] == "api"
