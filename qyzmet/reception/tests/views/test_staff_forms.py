"""Issue 14.3 on the reception staff forms: a refused ticket keeps every value typed and says
each error once (beside its field and in the error summary at the top, linked). The appeal
form's question pages: test_appeal_steps.py."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from qyzmet.reception.models import Ticket

pytestmark = pytest.mark.django_db


def test_crc_14_ticket_refused_keeps_what_was_typed(client: Client, crc: Any) -> None:
    client.force_login(crc.staff)
    zone = crc.hall.zones.first()
    resp = client.post(
        f"/reception/halls/{crc.hall.code}/issue/",
        {
            "zone": zone.pk,
            "language": "ru",
            "visitor_iin": "123",
            "visitor_name": "Айгерим",
            "purpose": "Справка",
        },
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert resp.status_code == 400
    html = resp.content.decode()
    assert 'value="Айгерим"' in html and 'value="Справка"' in html and 'value="123"' in html
    assert 'class="govuk-error-summary"' in html
    assert not Ticket.objects.exists()
