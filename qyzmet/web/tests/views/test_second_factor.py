"""Staff sign in with a second factor (TOTP) when QYZMET_REQUIRE_STAFF_OTP is on (always under
the production settings): after the password a staff member without a verified device is sent
to the OTP step and reaches no staff page; a correct code lets them in. Citizens are not asked."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from qyzmet.core.models import AuditLog
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import RecipientFactory, StaffPositionFactory

pytestmark = pytest.mark.django_db

STAFF_PAGES = ["/staff/", "/quality/", "/delivery/", "/admin/"]


@pytest.fixture
def otp_on(settings: Any) -> None:
    settings.QYZMET_REQUIRE_STAFF_OTP = True


@pytest.fixture
def officer() -> Any:
    return StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER).user


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def _password_login(client: Client, user: Any, password: str, next_url: str = "") -> Any:
    data = {"username": user.username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post("/login/", data)


def test_production_settings_require_the_second_factor() -> None:
    """Loaded as production loads them (a real secret key; QYZMET_REQUIRE_STAFF_OTP=0 cannot turn
    it off there)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[4]
    environment = {k: v for k, v in os.environ.items() if not k.startswith("QYZMET_")}
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        PYTHONPATH=str(root),
        QYZMET_SECRET_KEY="k" + "x9#Lq2!vR7%tP4&zW1" * 4,
        QYZMET_REQUIRE_STAFF_OTP="0",
    )
    code = "import django; django.setup(); from django.conf import settings; print(settings.QYZMET_REQUIRE_STAFF_OTP)"
    run = subprocess.run(
        [sys.executable, "-c", code], env=environment, cwd=root, capture_output=True, text=True
    )
    assert run.stdout.strip() == "True", run.stderr


def test_the_demo_and_suite_leave_it_optional(client: Client, officer: Any, demo_password: str) -> None:
    _password_login(client, officer, demo_password)
    assert client.get("/staff/").status_code == 200


def test_a_staff_member_without_a_device_is_sent_to_enrol_and_reaches_no_staff_page(
    otp_on: None, client: Client, officer: Any, demo_password: str
) -> None:
    response = _password_login(client, officer, demo_password)
    assert response.status_code == 302
    for url in STAFF_PAGES:
        page = client.get(url)
        assert page.status_code == 302, url
        assert page["Location"].startswith("/login/otp/setup/?next="), url
    setup = client.get("/login/otp/setup/?next=/staff/")
    assert setup.status_code == 200
    html = setup.content.decode()
    assert "<svg" in html and 'name="token"' in html
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    assert device.key  # the QR encodes this device's key
    wrong = client.post("/login/otp/setup/", {"token": "000000", "next": "/staff/"})
    if _code(device) != "000000":
        assert wrong.status_code == 400 and 'role="alert"' in wrong.content.decode()
    assert client.get("/staff/").status_code == 302
    response = client.post("/login/otp/setup/", {"token": _code(device), "next": "/staff/"})
    assert response.status_code == 302 and response["Location"] == "/staff/"
    device.refresh_from_db()
    assert device.confirmed
    assert AuditLog.objects.filter(action="web.totp_device_confirmed", actor=officer).count() == 1
    assert client.get("/staff/").status_code == 200


def test_a_staff_member_with_a_device_verifies_a_correct_code_after_the_password(
    otp_on: None, client: Client, officer: Any, demo_password: str
) -> None:
    device = TOTPDevice.objects.create(user=officer, name="app", confirmed=True)
    _password_login(client, officer, demo_password, next_url="/quality/")
    page = client.get("/staff/")
    assert page.status_code == 302 and page["Location"] == "/login/otp/?next=%2Fstaff%2F"
    assert client.get("/login/otp/setup/?next=/staff/")["Location"].startswith("/login/otp/")
    wrong = f"{(int(_code(device)) + 1) % 1_000_000:06d}"
    response = client.post("/login/otp/", {"token": wrong, "next": "/staff/"})
    assert response.status_code == 400
    assert client.get("/staff/").status_code == 302
    device.refresh_from_db()
    device.throttle_reset()  # django-otp throttles after a failure; the next try waits otherwise
    response = client.post("/login/otp/", {"token": _code(device), "next": "/staff/"})
    assert response.status_code == 302 and response["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_a_used_code_is_not_accepted_twice(otp_on: None, officer: Any, demo_password: str) -> None:
    device = TOTPDevice.objects.create(user=officer, name="app", confirmed=True)
    first, second = Client(), Client()
    for c in (first, second):
        _password_login(c, officer, demo_password)
    code = _code(device)
    assert first.post("/login/otp/", {"token": code}).status_code == 302
    assert second.post("/login/otp/", {"token": code}).status_code == 400
    assert second.get("/staff/").status_code == 302


def test_an_off_site_next_is_not_followed(
    otp_on: None, client: Client, officer: Any, demo_password: str
) -> None:
    device = TOTPDevice.objects.create(user=officer, name="app", confirmed=True)
    _password_login(client, officer, demo_password)
    response = client.post("/login/otp/", {"token": _code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/staff/"


def test_a_citizen_is_not_asked_for_a_second_factor(otp_on: None, client: Client, demo_password: str) -> None:
    citizen = RecipientFactory.create()
    _password_login(client, citizen, demo_password)
    assert client.get("/cabinet/").status_code == 200
