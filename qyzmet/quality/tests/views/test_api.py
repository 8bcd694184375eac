"""REST v1: /api/v1/quality/indicators and the survey answer."""

from __future__ import annotations

import datetime as dt

import pytest

from qyzmet.quality.tests.factories import (
    answer_make,
    application_make,
    inspector,
    invitation_make,
    local,
    make_world,
)

pytestmark = pytest.mark.django_db


def test_indicators_per_service_provider_period(client):
    w = make_world()
    application_make(w, due_on=dt.date(2026, 11, 10), decided_at=local(2026, 11, 12))  # late
    answer_make(case_date=dt.date(2026, 11, 3), service=w.service, provider=w.provider, information=5)
    client.force_login(inspector())
    resp = client.get(
        "/api/v1/quality/indicators",
        {"period": "2026-11", "service": w.service.code, "provider": w.provider.code},
    )
    assert resp.status_code == 200, resp.content
    data = resp.json()
    figures = {f["indicator"]: f for f in data["rows"][0]["figures"]}
    assert (figures["1.1"]["numerator"], figures["1.1"]["denominator"]) == (0, 1)
    assert figures["3.1"]["value"] in ("100.00", 100.0)
    assert data["start"] == "2026-11-01" and data["target_year"] == 2027


def test_indicators_refused_to_recipients_and_strangers(client):
    w = make_world()
    client.force_login(w.recipient)
    assert client.get("/api/v1/quality/indicators").status_code == 403
    client.logout()
    assert client.get("/api/v1/quality/indicators").status_code == 401


def test_survey_answer_once(client):
    invitation = invitation_make()
    url = f"/api/v1/quality/surveys/{invitation.token}"
    assert client.post(url, {"process": 4}, content_type="application/json").status_code == 200
    second = client.post(url, {"process": 1}, content_type="application/json")
    assert second.status_code == 400
    assert "ru" in str(second.json()) or second.json()


def test_std_20_target_set_by_the_responsible_body_only(client):
    w = make_world()
    url = f"/api/v1/quality/targets/{w.service.code}"
    body = {"indicator": "1.1", "year": 2027, "value": "99", "order_number": "12", "order_date": "2026-11-02"}
    client.force_login(inspector())
    refused = client.put(url, body, content_type="application/json")
    assert refused.status_code == 400
    client.force_login(w.officer)
    ok = client.put(url, body, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["year"] == 2027 and ok.json()["order_number"] == "12"


def test_std_20_target_api_refuses_an_overwrite_without_a_change_by_new_order(client):
    w = make_world()
    url = f"/api/v1/quality/targets/{w.service.code}"
    body = {"indicator": "1.1", "year": 2027, "value": "99", "order_number": "12", "order_date": "2026-11-02"}
    client.force_login(w.officer)
    assert client.put(url, body, content_type="application/json").status_code == 200
    new = {**body, "value": "97", "order_number": "20", "order_date": "2026-11-20"}
    assert client.put(url, new, content_type="application/json").status_code == 400
    changed = client.put(url, {**new, "change": True}, content_type="application/json")
    assert changed.status_code == 200 and changed.json()["value"] in ("97.00", 97.0, "97")
