"""Request logs never hold the last IIN digits: the lookups take them by POST or header, and
every log handler masks IIN digits that a client put in a URL anyway (issue 12, point 4)."""

from __future__ import annotations

import logging
import logging.config
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from qyzmet.core.log_filters import RedactIinDigits, redact_iin
from qyzmet.delivery.tests.factories import make_world, submit


@pytest.mark.parametrize(
    "line",
    [
        '"GET /delivery/status/?number=KZ-2026-11-000001&iin_last4=1234 HTTP/1.1" 200 5120',
        '"GET /api/v1/delivery/status/KZ-2026-11-000001?iin_last4=1234 HTTP/1.1" 404 60',
        '"GET /open311/v2/requests/KZ-1.json?IIN_LAST4=1234 HTTP/1.1" 404 60',
        "X-IIN-Last4: 1234",
        '"GET /x/?iin=900101350123 HTTP/1.1" 200 1',
    ],
)
def test_a_log_line_never_holds_iin_digits(line: str) -> None:
    assert "1234" not in redact_iin(line)
    assert "0123" not in redact_iin(line)
    record = logging.LogRecord("django.server", logging.INFO, __file__, 1, "%s", (line,), None)
    assert RedactIinDigits().filter(record)
    assert "1234" not in record.getMessage() and "0123" not in record.getMessage()
    assert ("KZ-2026-11-000001" in line) == ("KZ-2026-11-000001" in redact_iin(line))  # numbers stay


def test_every_log_handler_of_the_settings_masks_iin_digits() -> None:
    config: dict[str, Any] = settings.LOGGING
    assert all("redact_iin" in h.get("filters", []) for h in config["handlers"].values())
    assert config["loggers"]["django.server"]["handlers"] == ["django.server"]


@pytest.mark.django_db
def test_the_status_lookups_send_the_iin_digits_by_post_not_in_the_url() -> None:
    world = make_world()
    application = submit(world)
    client = Client()
    page = client.get(reverse("delivery:status"), {"number": application.number})
    html = page.content.decode()
    assert '<form method="post"' in html and 'name="iin_last4"' in html
    # Digits put in the URL do nothing: the lookup is a POST.
    in_url = client.get(
        reverse("delivery:status"), {"number": application.number, "iin_last4": world.recipient.iin[-4:]}
    )
    assert world.service.code not in in_url.content.decode()
    posted = client.post(
        reverse("delivery:status"), {"number": application.number, "iin_last4": world.recipient.iin[-4:]}
    )
    assert world.service.code in posted.content.decode()
    api = client.get(
        f"/api/v1/delivery/status/{application.number}", headers={"X-IIN-Last4": world.recipient.iin[-4:]}
    )
    assert api.status_code == 200
    assert client.get(f"/api/v1/delivery/status/{application.number}").status_code == 400
