"""UCC 10-12 requests to bodies as a staff list: a sending period with both boundary days (our
rule, ``qyzmet/core/listing.py``), a body by name, the sort whitelist, pages of 25; a citizen is
refused the page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.contactcentre import selectors, services
from qyzmet.core.errors import UnknownSort
from qyzmet.core.listing import Period, list_page
from qyzmet.orgs.tests.factories import OrganisationFactory, RecipientFactory

from ..factories import operator

pytestmark = pytest.mark.django_db
D = dt.date


def test_a_sending_period_includes_its_first_and_last_day_and_a_body_narrows_it() -> None:
    ucc = operator()
    body, other = OrganisationFactory.create(), OrganisationFactory.create()
    first = services.information_request_send(actor=ucc, body=body, subject="A", sent_on=D(2026, 5, 4))
    last = services.information_request_send(actor=ucc, body=body, subject="B", sent_on=D(2026, 5, 12))
    services.information_request_send(actor=ucc, body=other, subject="C", sent_on=D(2026, 5, 12))
    services.information_request_send(actor=ucc, body=body, subject="D", sent_on=D(2026, 5, 13))
    rows = selectors.information_request_register(
        user=ucc, period=Period(D(2026, 5, 4), D(2026, 5, 12)), body=body
    )
    assert [r.pk for r in rows] == [last.pk, first.pk]
    assert set(selectors.information_request_body_choices(user=ucc)) == {body, other}


def test_the_list_refuses_an_unknown_sort_and_page_2_has_the_26th() -> None:
    ucc = operator()
    body = OrganisationFactory.create()
    made = [
        services.information_request_send(
            actor=ucc, body=body, subject=str(i), sent_on=D(2026, 5, 1) + dt.timedelta(days=i)
        )
        for i in range(26)
    ]
    with pytest.raises(UnknownSort):
        selectors.information_request_register(user=ucc, sort="subject")
    rows = selectors.information_request_register(user=ucc, sort="sent_on")
    assert [r.pk for r in list_page(rows, "2").object_list] == [made[25].pk]


def test_a_citizen_is_refused_the_request_list(client: Client) -> None:
    client.force_login(RecipientFactory.create())
    assert client.get(reverse("contactcentre:requests")).status_code == 403


def test_the_request_list_tells_junk_and_shows_the_requests_unfiltered(client: Client) -> None:
    ucc = operator()
    request = services.information_request_send(
        actor=ucc, body=OrganisationFactory.create(), subject="A", sent_on=D(2026, 5, 4)
    )
    client.force_login(ucc)
    resp = client.get(
        reverse("contactcentre:requests"),
        {"sort": "zz'<", "period_from": "99999999999999999999"},
        HTTP_ACCEPT_LANGUAGE="kk",
    )
    assert resp.status_code == 200
    assert "Тізім сүзгісіз көрсетілді." in resp.content.decode()
    assert [r.pk for r in resp.context["requests"]] == [request.pk]
