"""Open311 GeoReport v2: services list and definitions, JSON and XML, spec errors."""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from qyzmet.registry.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db
SPEC_DATATYPES = {"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"}


def test_services_json_and_xml_list_the_register(client: Client) -> None:
    service = ServiceFactory.create()
    rows = client.get("/open311/v2/services.json", {"jurisdiction_id": "kz"}).json()
    assert [r["service_code"] for r in rows] == [service.code]
    assert set(rows[0]) == {
        "service_code",
        "service_name",
        "description",
        "metadata",
        "type",
        "keywords",
        "group",
    }
    assert rows[0]["metadata"] is True
    response = client.get("/open311/v2/services.xml", {"jurisdiction_id": "kz"})
    assert response["Content-Type"].startswith("text/xml")
    root = ET.fromstring(response.content)
    assert root.tag == "services"
    assert [s.findtext("service_code") for s in root.findall("service")] == [service.code]
    assert root.find("service/metadata").text == "true"  # type: ignore[union-attr]


def test_definition_attributes_are_documents_and_form_fields(client: Client) -> None:
    service = ServiceFactory.create()
    definition = client.get(f"/open311/v2/services/{service.code}.json", {"lang": "ru"}).json()
    assert definition["service_code"] == service.code
    attributes = definition["attributes"]
    assert [a["order"] for a in attributes] == list(range(1, len(attributes) + 1))
    documents = [a for a in attributes if not a["variable"]]
    fields = {a["code"]: a for a in attributes if a["variable"]}
    assert [d["description"] for d in documents][:2] == ["Заявление", "Медицинская справка (форма 086/у)"]
    assert fields["birth_date"]["datatype"] == "datetime"
    assert fields["purpose"]["datatype"] == "singlevaluelist"
    assert fields["purpose"]["values"] == [
        {"key": "work", "name": "Для работы"},
        {"key": "visa", "name": "Для визы"},
    ]
    for attribute in attributes:
        assert attribute["datatype"] in SPEC_DATATYPES
        assert set(attribute) == {
            "variable",
            "code",
            "datatype",
            "required",
            "datatype_description",
            "order",
            "description",
            "values",
        }

    root = ET.fromstring(client.get(f"/open311/v2/services/{service.code}.xml").content)
    assert root.tag == "service_definition"
    assert root.findtext("service_code") == service.code
    xml_attributes = root.findall("attributes/attribute")
    assert len(xml_attributes) == len(attributes)
    purpose = next(a for a in xml_attributes if a.findtext("code") == "purpose")
    assert purpose.findtext("variable") == "true"
    assert [v.findtext("key") for v in purpose.findall("values/value")] == ["work", "visa"]


def test_unknown_service_is_the_spec_error_list(client: Client) -> None:
    response = client.get("/open311/v2/services/00000000.json")
    assert response.status_code == 404
    [error] = response.json()
    assert error["code"] == 404 and error["description"]
    response = client.get("/open311/v2/services/00000000.xml")
    root = ET.fromstring(response.content)
    assert root.tag == "errors"
    assert root.findtext("error/code") == "404"
    assert root.findtext("error/description")


def test_unknown_format_is_an_error(client: Client) -> None:
    response = client.get("/open311/v2/services.csv")
    assert response.status_code == 400
    assert response.json()[0]["code"] == 400
