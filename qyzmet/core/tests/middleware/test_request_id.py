"""The request id stored in audit rows is the server's own, never a client header."""

from __future__ import annotations

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from qyzmet.core.middleware import RequestIdMiddleware, current_request_id
from qyzmet.core.models import AuditLog
from qyzmet.core.services import audit_record

pytestmark = pytest.mark.django_db


def _audited_view(request: HttpRequest) -> HttpResponse:
    row = audit_record(actor=None, action="test.touched", object_type="test.thing", object_id="1")
    return HttpResponse(row.request_id)


def test_a_client_sent_request_id_is_ignored_and_the_audit_row_keeps_the_servers() -> None:
    request = RequestFactory().get("/", HTTP_X_REQUEST_ID="forged-id-of-the-clients-choice")
    response = RequestIdMiddleware(_audited_view)(request)
    row = AuditLog.objects.get()
    assert row.request_id != "forged-id-of-the-clients-choice"
    assert len(row.request_id) == 32
    int(row.request_id, 16)  # a server-made UUID4 hex
    assert response["X-Request-Id"] == row.request_id
    assert response.content.decode() == row.request_id


def test_two_requests_with_the_same_client_header_get_different_ids() -> None:
    ids = []
    for _ in range(2):
        request = RequestFactory().get("/", HTTP_X_REQUEST_ID="same")
        ids.append(RequestIdMiddleware(lambda r: HttpResponse(current_request_id()))(request)["X-Request-Id"])
    assert ids[0] != ids[1]
    assert "same" not in ids


def test_the_id_is_reset_after_the_request() -> None:
    RequestIdMiddleware(lambda r: HttpResponse())(RequestFactory().get("/"))
    assert current_request_id() == ""
