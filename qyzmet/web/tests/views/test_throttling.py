"""Sign-in throttling (ADR 0011): wrong passwords for one account from one address lock that
address out of it; many from everywhere lock the account, through either door (our form, the
admin's), until the lock's end, which the refusal names, or a sysadmin's unlock."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from qyzmet.core.models import AuditLog
from qyzmet.web.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _sign_in(client: Client, username: str, password: str, path: str = "/login/"):
    return client.post(path, {"username": username, "password": password})


def test_throttle_login_ten_wrong_passwords_from_one_address_lock_only_that_address_out() -> None:
    """Found by trying it: a stranger who knows a user name must not lock its owner out."""
    user = UserFactory.create()
    stranger = Client(REMOTE_ADDR="10.0.4.1")
    codes = [_sign_in(stranger, user.username, "wrong").status_code for _ in range(12)]
    assert codes[:10] == [200] * 10  # wrong password: the form's error
    assert set(codes[10:]) == {429}
    refused = _sign_in(stranger, user.username, PASSWORD)
    assert refused.status_code == 429  # the right password too, from that address
    owner = Client(REMOTE_ADDR="10.0.5.1")
    assert _sign_in(owner, user.username, PASSWORD).status_code == 302
    assert owner.session["_auth_user_id"] == str(user.pk)


def test_throttle_login_fifty_wrong_passwords_from_many_addresses_lock_the_account_until_the_window_ends() -> (
    None
):
    user = UserFactory.create()
    audit = AuditLog.objects.count()
    codes = [
        _sign_in(Client(REMOTE_ADDR=f"10.0.4.{i}"), user.username, "wrong").status_code for i in range(1, 56)
    ]
    assert codes[:50] == [200] * 50
    assert set(codes[50:]) == {429}  # 50 an hour per account, whatever the address
    owner = Client(REMOTE_ADDR="10.0.5.1")
    owner.cookies["qyzmet_language"] = "ru"
    locked = _sign_in(owner, user.username, PASSWORD)
    assert locked.status_code == 429  # the right password too, or the lock protects nothing
    wait = int(locked["Retry-After"])
    assert 1 <= wait <= 60 * 60
    html = locked.content.decode()
    assert "Слишком много попыток" in html and "ограничение снимется само" in html
    assert "_auth_user_id" not in owner.session
    user.refresh_from_db()
    assert user.last_login is None
    assert AuditLog.objects.count() == audit

    with time_machine.travel(timezone.now() + dt.timedelta(seconds=wait + 1)):
        back = _sign_in(owner, user.username, PASSWORD)
        assert back.status_code == 302
        assert owner.session["_auth_user_id"] == str(user.pk)


def test_throttle_login_a_sysadmin_lifts_an_account_lock_and_it_is_audited() -> None:
    user = UserFactory.create()
    for i in range(1, 52):
        _sign_in(Client(REMOTE_ADDR=f"10.0.3.{i}"), user.username, "wrong")
    owner = Client(REMOTE_ADDR="10.0.5.2")
    assert _sign_in(owner, user.username, PASSWORD).status_code == 429
    out = io.StringIO()
    call_command("signin_unlock", user.username, stdout=out)
    assert user.username in out.getvalue()
    assert _sign_in(owner, user.username, PASSWORD).status_code == 302
    row = AuditLog.objects.get(action="core.sign_in_unlock")
    assert row.object_id == user.username and row.actor is None


def test_throttle_login_admin_door_shares_the_account_count() -> None:
    user = UserFactory.create(is_staff=True)
    for _ in range(10):
        _sign_in(Client(REMOTE_ADDR="10.0.6.1"), user.username, "wrong")
    refused = _sign_in(Client(REMOTE_ADDR="10.0.6.1"), user.username, PASSWORD, path="/admin/login/")
    assert refused.status_code == 429 and refused["Retry-After"]


def test_throttle_login_one_address_spraying_many_accounts_is_refused() -> None:
    client = Client(REMOTE_ADDR="10.0.7.1")
    codes = [_sign_in(client, f"nobody{i}", "wrong").status_code for i in range(31)]
    assert codes[:30] == [200] * 30  # 30 per 15 minutes per address
    assert codes[30] == 429
    other = UserFactory.create()
    assert _sign_in(Client(REMOTE_ADDR="10.0.7.2"), other.username, PASSWORD).status_code == 302


def test_throttle_login_another_account_is_not_locked_by_a_neighbour() -> None:
    victim, other = UserFactory.create(), UserFactory.create()
    for i in range(51):
        _sign_in(Client(REMOTE_ADDR=f"10.0.8.{i}"), victim.username, "wrong")
    assert _sign_in(Client(REMOTE_ADDR="10.0.8.50"), other.username, PASSWORD).status_code == 302


def test_throttle_login_right_passwords_from_one_address_never_lock_anyone_out() -> None:
    """Found by trying it: a service centre's staff sign in from one address all day."""
    hall = "10.0.9.1"
    for _ in range(40):
        user = UserFactory.create()
        assert _sign_in(Client(REMOTE_ADDR=hall), user.username, PASSWORD).status_code == 302
    late = UserFactory.create()
    assert _sign_in(Client(REMOTE_ADDR=hall), late.username, PASSWORD).status_code == 302
