import datetime as dt

import pytest
from django.test import Client

from qyzmet.registry.tests.factories import ServiceFactory, StandardVersionFactory

pytestmark = pytest.mark.django_db


def test_openapi_lists_the_registry_operations(client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/registry/services/",
        "/api/v1/registry/services/{code}/",
        "/api/v1/registry/services/{code}/versions/",
        "/api/v1/registry/services/{code}/standard/",
    ):
        assert path in paths


def test_list_detail_versions_and_standard_on_a_date(client: Client) -> None:
    service = ServiceFactory.create(version__effective_to=dt.date(2026, 12, 31))
    StandardVersionFactory.create(service=service, number=2, effective_from=dt.date(2027, 1, 1))
    listed = client.get("/api/v1/registry/services/", {"on": "2026-11-23"}).json()
    assert [s["code"] for s in listed] == [service.code]
    assert client.get(f"/api/v1/registry/services/{service.code}/").json()["name_ru"] == service.name_ru
    assert [
        v["number"] for v in client.get(f"/api/v1/registry/services/{service.code}/versions/").json()
    ] == [1, 2]
    old = client.get(f"/api/v1/registry/services/{service.code}/standard/", {"on": "2026-12-31"}).json()
    assert old["number"] == 1
    assert {t["channel"] for t in old["channel_terms"]} == {"provider", "state_corporation", "egov_portal"}
    assert old["refusal_grounds"][0]["citation"] == "Law 19-1.2(1)"
    assert (
        client.get(f"/api/v1/registry/services/{service.code}/standard/", {"on": "2027-01-01"}).json()[
            "number"
        ]
        == 2
    )


def test_no_standard_in_force_is_a_400_with_kk_ru_en(client: Client) -> None:
    service = ServiceFactory.create()
    response = client.get(f"/api/v1/registry/services/{service.code}/standard/", {"on": "2019-01-01"})
    assert response.status_code == 400
    assert response.json()["code"] == "registry.no_standard_in_force"


@pytest.mark.parametrize(
    ("schema", "field", "value", "ru"),
    [
        ("StandardOut", "automation_form", "fully_automated", None),
        ("StandardOut", "payment_method", "", None),
        ("StandardOut", "delivery_methods", "portal", None),
        ("StandardOut", "principles", "politeness", "Вежливость"),
        ("StandardOut", "fee_exemptions", None, None),
        ("ChannelTermOut", "channel", "egov_portal", None),
        ("ChannelTermOut", "term_unit", "working_days", "рабочих дней"),
        ("ChannelTermOut", "counted_from", "erequest", None),
        ("ComplaintAddressOut", "kind", "explains", None),
        ("DocumentOut", "presence", "original", None),
        ("DocumentOut", "role", "", None),
    ],
)
def test_std_enum_fields_of_the_standard_are_enums_with_their_values_and_kk_ru_labels_in_openapi(
    client: Client, schema: str, field: str, value: str | None, ru: str | None
) -> None:
    """Tester's finding 16: a client reads the allowed values of each choice of the standard
    (STD 2, 5, 7, 8, 11, 16, 18, 21-23) and their labels in kk/ru from the OpenAPI document."""
    prop = client.get("/api/v1/openapi.json").json()["components"]["schemas"][schema]["properties"][field]
    prop = prop.get("items", prop)
    assert prop["type"] == "string" and prop["enum"]
    if value is not None:
        assert value in prop["enum"]
    assert set(prop["x-enum-labels"]) == {"kk", "ru", "en"}
    assert set(prop["x-enum-labels"]["kk"]) == set(prop["enum"])
    if ru is not None:
        assert ru in prop["x-enum-labels"]["ru"].values()
