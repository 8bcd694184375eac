"""Public catalogue (Law 12, 23): list, search kk/ru with a misspelt letter, service page."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qyzmet.registry.selectors import catalogue_search
from qyzmet.registry.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)


def _criminal_record() -> object:
    return ServiceFactory.create(
        code="01030001",
        name_kk="Сотталғандығының болуы не болмауы туралы анықтама беру",
        name_ru="Выдача справки о наличии либо отсутствии судимости",
    )


def test_catalogue_list_query_count_does_not_grow(client: Client) -> None:
    ServiceFactory.create_batch(2)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("registry:catalogue")).status_code == 200
    ServiceFactory.create_batch(6)
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("registry:catalogue"))
    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_catalogue_list_num_queries(client: Client, django_assert_num_queries: object) -> None:
    ServiceFactory.create_batch(3)
    client.get(reverse("registry:catalogue"))  # warm caches (session, translations)
    with django_assert_num_queries(6):  # type: ignore[operator]
        # spheres, life situations, services, in-force versions, their channel terms, MCI
        assert client.get(reverse("registry:catalogue")).status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL-only")
@pytest.mark.parametrize(
    "query",
    [
        "сотталғандығынң",  # Kazakh, one letter wrong (ы → ң)
        "судимосьти",  # Russian, one letter wrong (extra ь)
        "судимасти",  # Russian, one letter wrong (о → а)
    ],
)
def test_search_finds_a_service_by_a_misspelt_word(query: str) -> None:
    service = _criminal_record()
    ServiceFactory.create(name_kk="Жүргізуші куәлігін беру", name_ru="Выдача водительского удостоверения")
    assert list(catalogue_search(on=TODAY, q=query)) == [service]


def test_search_by_an_exact_word_kk_and_ru() -> None:
    service = _criminal_record()
    ServiceFactory.create(name_kk="Жүргізуші куәлігін беру", name_ru="Выдача водительского удостоверения")
    assert list(catalogue_search(on=TODAY, q="судимости")) == [service]
    assert list(catalogue_search(on=TODAY, q="анықтама")) == [service]


def test_filters_channel_and_fee() -> None:
    free = ServiceFactory.create()
    paid = ServiceFactory.create(
        version__is_paid=True, version__fee_mci=Decimal("0.5"), version__payment_method="bank"
    )
    assert set(catalogue_search(on=TODAY, paid="paid")) == {paid}
    assert set(catalogue_search(on=TODAY, paid="free")) == {free}
    assert set(catalogue_search(on=TODAY, channel="mobile")) == set()
    assert set(catalogue_search(on=TODAY, channel="egov_portal")) == {free, paid}
    assert set(catalogue_search(on=TODAY, sphere=free.sphere.code)) == {free}
    assert set(catalogue_search(on=TODAY, provider_kind="central_state_body")) == {free, paid}
    assert set(catalogue_search(on=TODAY, provider_kind="village_akim")) == set()


def test_service_page_shows_documents_terms_and_fee_in_tenge(client: Client) -> None:
    service = ServiceFactory.create(
        version__is_paid=True, version__fee_mci=Decimal("0.5"), version__payment_method="bank"
    )
    response = client.get(reverse("registry:service-detail", args=[service.code]), HTTP_ACCEPT_LANGUAGE="ru")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Медицинская справка (форма 086/у)" in body or "Медициналық анықтама (086/у нысаны)" in body
    from django.utils import timezone

    from qyzmet.registry.selectors import mci_for_year

    expected = (Decimal("0.5") * mci_for_year(year=timezone.localdate().year)).quantize(Decimal(1))
    assert f"{expected} ₸" in body
    assert "@media print" not in body  # print CSS is a static file
    assert "registry/registry.css" in body


def test_law_19_service_page_links_to_the_portal_form_when_the_portal_channel_is_offered(
    client: Client,
) -> None:
    service = ServiceFactory.create()  # the factory's standard offers the e-government portal
    body = client.get(reverse("registry:service-detail", args=[service.code])).content.decode()
    assert f'href="{reverse("delivery:apply", args=[service.code])}"' in body


def test_law_19_service_page_has_no_portal_link_without_the_portal_channel(client: Client) -> None:
    from qyzmet.registry.enums import Channel

    service = ServiceFactory.create()
    service.versions.get().channel_terms.filter(channel=Channel.EGOV_PORTAL).delete()
    body = client.get(reverse("registry:service-detail", args=[service.code])).content.decode()
    assert reverse("delivery:apply", args=[service.code]) not in body


def test_service_page_404_for_unknown_code(client: Client) -> None:
    assert client.get(reverse("registry:service-detail", args=["99999999"])).status_code == 404


def test_law_23_service_page_announces_an_approved_future_version(client: Client) -> None:
    import datetime as dt

    from qyzmet.registry.tests.factories import StandardVersionFactory

    service = ServiceFactory.create(version__effective_to=dt.date(2099, 12, 31))
    StandardVersionFactory.create(service=service, number=2, effective_from=dt.date(2100, 1, 1))
    body = client.get(reverse("registry:service-detail", args=[service.code])).content.decode()
    assert "01.01.2100" in body
    assert "?on=2100-01-01" in body


@pytest.mark.parametrize("path", ["registry:catalogue", "delivery:composite-list"])
def test_english_pages_say_service_content_is_in_kazakh_and_russian(path: str) -> None:
    """Issue 14.5: the register is published in kk and ru only; an English page says so."""
    notice = b"Service descriptions are published in Kazakh and Russian"
    for language, shown in (("en", True), ("kk", False), ("ru", False)):
        client = Client()
        client.cookies["qyzmet_language"] = language
        response = client.get(reverse(path))
        assert response.status_code == 200
        assert (notice in response.content) is shown, language


def test_an_english_service_page_says_its_content_is_in_russian() -> None:
    service = _criminal_record()
    client = Client()
    client.cookies["qyzmet_language"] = "en"
    response = client.get(reverse("registry:service-detail", args=[service.code]))  # type: ignore[attr-defined]
    assert response.status_code == 200
    assert b"Service descriptions are published in Kazakh and Russian" in response.content
    assert "Выдача справки о наличии".encode() in response.content
