"""The staff complaint lists (workspace, all complaints) as staff lists: a registration period
with both boundary days (our rule, ``qyzmet/core/listing.py``), a body and its subtree, the sort
whitelist, pages of 25; citizens are refused the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.complaints import selectors
from qyzmet.complaints.tests.factories import complaint_make, inspector, officer
from qyzmet.core.errors import UnknownSort
from qyzmet.core.listing import Period, list_page
from qyzmet.orgs.tests.factories import OrganisationFactory, RecipientFactory

D = dt.date
pytestmark = pytest.mark.django_db


def test_a_registration_period_includes_its_first_and_last_day() -> None:
    body = OrganisationFactory.create()
    clerk = officer(body)
    first = complaint_make(provider=body, registered_on=D(2026, 11, 2))
    last = complaint_make(provider=body, registered_on=D(2026, 11, 6))
    complaint_make(provider=body, registered_on=D(2026, 11, 9))
    rows = selectors.complaint_workspace(user=clerk, period=Period(D(2026, 11, 2), D(2026, 11, 6)))
    assert {c.pk for c in rows} == {first.pk, last.pk}
    rows = selectors.complaint_register_for(user=clerk, period=Period(D(2026, 11, 6), D(2026, 11, 6)))
    assert [c.pk for c in rows] == [last.pk]


def test_the_lists_narrow_to_a_body_offered_as_a_choice() -> None:
    qa = inspector()
    body_a, body_b = OrganisationFactory.create(), OrganisationFactory.create()
    to_a = complaint_make(provider=body_a)
    complaint_make(provider=body_b)
    assert set(selectors.complaint_body_choices(user=qa)) == {body_a, body_b}
    assert [c.pk for c in selectors.complaint_register_for(user=qa, body=body_a)] == [to_a.pk]


def test_the_lists_refuse_a_sort_outside_their_columns() -> None:
    qa = inspector()
    with pytest.raises(UnknownSort):
        selectors.complaint_register_for(user=qa, sort="complainant_iin")
    with pytest.raises(UnknownSort):
        selectors.complaint_workspace(user=qa, sort="-text")


def test_the_register_sorts_by_number_and_page_2_has_the_26th() -> None:
    body = OrganisationFactory.create()
    clerk = officer(body)
    numbers = sorted(complaint_make(provider=body).number for _ in range(26))
    rows = selectors.complaint_register_for(user=clerk, sort="number")
    assert [c.number for c in list_page(rows, "2").object_list] == [numbers[25]]
    assert selectors.complaint_register_for(user=clerk, sort="-number")[0].number == numbers[25]


@pytest.mark.parametrize("page", ["complaints:all"])
def test_a_citizen_is_refused_the_staff_complaint_register(client: Client, page: str) -> None:
    client.force_login(RecipientFactory.create())
    assert client.get(reverse(page)).status_code == 403


def test_a_citizen_is_sent_from_the_workspace_to_their_own_complaints(client: Client) -> None:
    client.force_login(RecipientFactory.create())
    assert client.get(reverse("complaints:workspace"))["Location"] == reverse("complaints:mine")


def test_the_workspace_tells_junk_filters_in_kazakh_and_shows_the_list_unfiltered(client: Client) -> None:
    body = OrganisationFactory.create()
    complaint = complaint_make(provider=body)
    client.force_login(officer(body))
    resp = client.get(
        reverse("complaints:workspace"),
        {"sort": "junk", "period_from": "2026-02-30", "body": "999999", "status": "x"},
        HTTP_ACCEPT_LANGUAGE="kk",
    )
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Тізімді бұл баған бойынша сұрыптау мүмкін емес" in html
    assert [c.pk for c in resp.context["complaints"]] == [complaint.pk]
    assert 'data-label="' in html and "data-picker" in html
