"""Issue 19.4 (ADR 0061): an API client subscribes to events; each event carries no personal
data, only what happened and the URL to read it; it leaves through the outbox as an HTTP POST
signed with an HMAC of the timestamp and the body, is retried with back-off, every attempt is
recorded, and failures are on an admin page with a resend action."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from qyzmet.apiclients import services
from qyzmet.apiclients.models import ApiClient, EventDelivery, EventSubscription
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import AuditLog
from qyzmet.delivery import services as delivery
from qyzmet.delivery.tests.api.test_rest import _payload, api_world
from qyzmet.delivery.tests.factories import World, make_world, submit
from qyzmet.notify.enums import OutboxStatus
from qyzmet.notify.events import EventKind
from qyzmet.notify.models import OutboxAttempt, OutboxMessage
from qyzmet.notify.services import MAX_ATTEMPTS, outbox_deliver_due
from qyzmet.notify.webhooks import (
    DELIVERY_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    webhook_signature,
    webhook_verify,
)
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory, make_iin

pytestmark = pytest.mark.django_db
EVENTS = "/api/v1/events"
RECIPIENT_IIN = make_iin(dt.date(1985, 1, 1), male=False, serial=321)


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes


@dataclass
class Subscriber:
    """A system on 127.0.0.1 that takes POSTs and answers ``status`` (a tiny ``http.server``)."""

    port: int = 0
    status: int = 204
    received: list[Received] = field(default_factory=list)
    server: http.server.HTTPServer | None = None
    thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/qyzmet-events"

    def start(self) -> Subscriber:
        subscriber = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                subscriber.received.append(Received(headers=dict(self.headers.items()), body=body))
                self.send_response(subscriber.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = http.server.HTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        """Down: the port refuses connections."""
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


@pytest.fixture
def subscriber() -> Iterator[Subscriber]:
    s = Subscriber().start()
    yield s
    s.stop()


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _client(world: World, *scopes: str, organisation: Any = None) -> tuple[ApiClient, str]:
    return services.apiclient_create(
        actor=None,
        name=f"monitoring-{ApiClient.objects.count()}",
        organisation=organisation or world.provider,
        scopes=scopes,
    )


def _subscribe(token: str, url: str, **filters: Any) -> Any:
    return Client().post(
        f"{EVENTS}/subscriptions",
        {"url": url, **filters},
        content_type="application/json",
        headers=_bearer(token),
    )


def _deliver(now: dt.datetime | None = None) -> int:
    """One pass of the worker; how many events it delivered (SMS and e-mails aside)."""
    delivered = OutboxAttempt.objects.filter(message__channel="webhook", succeeded=True)
    before = delivered.count()
    outbox_deliver_due(now=now or timezone.now())
    return delivered.count() - before


def _verified(received: Received, secret: str) -> dict[str, Any]:
    """What the subscriber does: check the signature over the raw body, then read it."""
    assert webhook_verify(
        secret=secret,
        body=received.body,
        timestamp=received.headers[TIMESTAMP_HEADER],
        signature=received.headers[SIGNATURE_HEADER],
    )
    payload: dict[str, Any] = json.loads(received.body)
    return payload


def test_issue_19_4_a_subscriber_on_127_0_0_1_receives_a_signed_event_for_each_stage_of_one_application(
    subscriber: Subscriber,
) -> None:
    world = make_world()
    _, token = _client(world, "events:receive", "applications:read-organisation")
    created = _subscribe(token, subscriber.url)
    assert created.status_code == 201, created.content
    secret = created.json()["secret"]

    application = submit(world)
    steps = [
        lambda: delivery.application_take_in_work(actor=world.officer, application=application),
        lambda: delivery.application_request_other_body(actor=world.officer, application=application),
        lambda: delivery.application_take_in_work(actor=world.officer, application=application),
        lambda: delivery.application_result_ready(
            actor=world.officer,
            application=application,
            result_summary_kk="Анықтама",
            result_summary_ru="Справка",
        ),
        lambda: delivery.application_issue(actor=world.officer, application=application),
    ]
    assert _deliver() == 1
    for step in steps:
        step()
        assert _deliver() == 1

    payloads = [_verified(r, secret) for r in subscriber.received]
    assert [(p["kind"], p["stage"]) for p in payloads] == [
        ("application.received", "received"),
        ("application.stage_changed", "in_work"),
        ("application.stage_changed", "request_other_body"),
        ("application.stage_changed", "in_work"),
        ("application.stage_changed", "result_ready"),
        ("application.result_issued", "issued"),
    ]
    first = payloads[0]
    assert first["number"] == application.number
    assert first["service_code"] == world.service.code
    assert first["organisation_code"] == world.provider.code
    assert first["url"].endswith(f"/api/v1/delivery/applications/{application.number}")
    # No personal data: only what happened.
    assert set(first) == {
        "id",
        "kind",
        "occurred_at",
        "object_type",
        "number",
        "stage",
        "service_code",
        "organisation_code",
        "url",
    }
    raw = b"".join(r.body for r in subscriber.received).decode()
    for personal in (application.recipient_iin, application.recipient_name, str(world.recipient)):
        assert personal not in raw
    # A body altered on the way, or signed with another secret, does not verify.
    r = subscriber.received[0]
    assert not webhook_verify(
        secret=secret,
        body=r.body + b" ",
        timestamp=r.headers[TIMESTAMP_HEADER],
        signature=r.headers[SIGNATURE_HEADER],
    )
    assert not webhook_verify(
        secret="whsec_other",
        body=r.body,
        timestamp=r.headers[TIMESTAMP_HEADER],
        signature=r.headers[SIGNATURE_HEADER],
    )
    # Every attempt is recorded: delivered, with the answer's code.
    attempts = OutboxAttempt.objects.filter(message__channel="webhook")
    assert attempts.count() == 6 and all(a.succeeded and a.response_code == 204 for a in attempts)


def test_issue_19_4_a_missed_event_is_delivered_again_after_the_subscriber_was_down(
    subscriber: Subscriber,
) -> None:
    world = make_world()
    _, token = _client(world, "events:receive", "applications:read-organisation")
    secret = _subscribe(token, subscriber.url).json()["secret"]
    port = subscriber.port
    subscriber.stop()

    application = submit(world)
    now = timezone.now()
    assert _deliver(now) == 0
    message = OutboxMessage.objects.get(channel="webhook")
    assert message.status == OutboxStatus.PENDING and message.attempts == 1
    failed = OutboxAttempt.objects.get(message=message)
    assert not failed.succeeded and failed.response_code is None and failed.error
    # Back-off: not again at once.
    assert message.next_attempt_at == now + dt.timedelta(seconds=30)
    assert _deliver(now + dt.timedelta(seconds=10)) == 0

    back = Subscriber(port=port).start()
    try:
        assert _deliver(now + dt.timedelta(seconds=31)) == 1
    finally:
        back.stop()
    (received,) = back.received
    payload = _verified(received, secret)
    assert payload["number"] == application.number and payload["kind"] == "application.received"
    assert received.headers[DELIVERY_HEADER] == message.idempotency_key
    second = OutboxAttempt.objects.filter(message=message).order_by("number").last()
    assert second is not None and second.succeeded and second.response_code == 204 and second.number == 2


def test_issue_19_4_an_answer_other_than_2xx_is_a_failed_attempt_with_its_code(
    subscriber: Subscriber,
) -> None:
    world = make_world()
    _, token = _client(world, "events:receive", "applications:read-organisation")
    _subscribe(token, subscriber.url)
    subscriber.status = 503
    submit(world)
    assert _deliver() == 0
    attempt = OutboxAttempt.objects.get(message__channel="webhook")
    assert not attempt.succeeded and attempt.response_code == 503 and "503" in attempt.error
    assert len(subscriber.received) == 1


def test_issue_19_4_failures_are_on_an_admin_page_with_a_resend_action(subscriber: Subscriber) -> None:
    world = make_world()
    _, token = _client(world, "events:receive", "applications:read-organisation")
    secret = _subscribe(token, subscriber.url).json()["secret"]
    subscriber.status = 500
    application = submit(world)
    now = timezone.now()
    for i in range(MAX_ATTEMPTS):
        _deliver(now + dt.timedelta(hours=7 * i))
    delivery_row = EventDelivery.objects.get()
    assert delivery_row.message.status == OutboxStatus.FAILED
    assert OutboxAttempt.objects.filter(message=delivery_row.message, succeeded=False).count() == MAX_ATTEMPTS

    admin = StaffPositionFactory.create(role=StaffRole.SYSTEM_ADMINISTRATOR).user
    admin.is_staff = admin.is_superuser = True
    admin.save(update_fields=["is_staff", "is_superuser"])
    http = Client()
    http.force_login(admin)
    page = http.get("/admin/apiclients/eventdelivery/?delivery=failed")
    assert page.status_code == 200
    assert application.number in page.content.decode() and "500" in page.content.decode()
    detail = http.get(f"/admin/apiclients/eventdelivery/{delivery_row.pk}/change/")
    assert detail.status_code == 200 and "HTTP 500" in detail.content.decode()

    subscriber.status = 204
    response = http.post(
        "/admin/apiclients/eventdelivery/",
        {"action": "resend", "_selected_action": [delivery_row.pk]},
    )
    assert response.status_code == 302
    assert AuditLog.objects.filter(action="notify.outbox_retry_now", actor=admin).exists()
    assert _deliver() == 1
    assert _verified(subscriber.received[-1], secret)["number"] == application.number
    delivery_row.message.refresh_from_db()
    assert delivery_row.message.status == OutboxStatus.SENT


def test_issue_19_4_the_event_pages_of_the_admin_are_for_system_administrators_only() -> None:
    officer = StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER).user
    officer.is_staff = officer.is_superuser = True
    officer.save(update_fields=["is_staff", "is_superuser"])
    http = Client()
    http.force_login(officer)
    for path in ("/admin/apiclients/eventdelivery/", "/admin/apiclients/eventsubscription/add/"):
        response = http.get(path)
        assert response.status_code in (302, 403), path


def test_issue_19_4_a_client_receives_only_events_of_cases_its_scopes_read_and_its_filters_name(
    subscriber: Subscriber,
) -> None:
    world = make_world()
    elsewhere = OrganisationFactory.create()
    # Reads the provider's parent's subtree: receives; of another organisation: nothing.
    _, parent_token = _client(
        world, "events:receive", "applications:read-organisation", organisation=world.provider.parent
    )
    _, other_token = _client(
        world, "events:receive", "applications:read-organisation", organisation=elsewhere
    )
    # Reads only what it submitted: nothing of an officer's application.
    _, own_token = _client(world, "events:receive", "applications:read-own")
    # Filtered to another service, or another organisation: nothing.
    _, filtered_token = _client(world, "events:receive", "applications:read-organisation")
    for token in (parent_token, other_token, own_token):
        assert _subscribe(token, subscriber.url).status_code == 201
    other_service = make_world().service
    assert _subscribe(filtered_token, subscriber.url, services=[other_service.code]).status_code == 201
    assert (
        _subscribe(filtered_token, subscriber.url + "?org", organisations=[elsewhere.code]).status_code == 201
    )
    assert (
        _subscribe(filtered_token, subscriber.url + "?kinds", kinds=["application.refused"]).status_code
        == 201
    )

    submit(world)
    assert _deliver() == 1
    (only,) = EventDelivery.objects.select_related("subscription__client").all()
    assert only.subscription.client.organisation == world.provider.parent


def _api_submit(world: World, token: str) -> Any:
    payload = {**_payload(world), "recipient_iin": RECIPIENT_IIN}
    response = Client().post(
        "/api/v1/delivery/applications", payload, content_type="application/json", headers=_bearer(token)
    )
    assert response.status_code == 200, response.content
    return response.json()


def test_issue_19_4_a_client_reads_back_events_of_what_it_submitted(subscriber: Subscriber) -> None:
    world = api_world()
    _, token = _client(world, "events:receive", "applications:read-own", "applications:submit")
    _, bystander = _client(world, "events:receive", "applications:read-own", "applications:submit")
    _subscribe(token, subscriber.url)
    _subscribe(bystander, subscriber.url + "?bystander")
    number = _api_submit(world, token)["number"]
    assert _deliver() == 1
    (received,) = subscriber.received
    assert json.loads(received.body)["number"] == number
    assert "bystander" not in EventDelivery.objects.get().subscription.url


def test_issue_19_4_only_a_declared_kind_is_published(monkeypatch: pytest.MonkeyPatch) -> None:
    from qyzmet.notify import events

    seen: list[events.Event] = []
    monkeypatch.setitem(events._SINKS, "test", seen.append)
    events.event_publish(
        kind=EventKind.STANDARD_APPROVED, object_type="standard_version", number="x/1", path="/api/v1/x"
    )
    with pytest.raises(ValueError):
        events.event_publish(kind="application.deleted", object_type="application", number="n", path="/")
    assert [e.kind for e in seen] == ["standard.approved"]


def test_issue_19_4_a_subscription_is_refused_with_every_problem_named_and_nothing_written() -> None:
    world = make_world()
    _, token = _client(world, "events:receive", "registry:read")
    response = _subscribe(
        token,
        "ftp://example.org/hook",
        kinds=["application.received", "application.deleted"],
        services=["99999999"],
        organisations=["no-such-body"],
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "apiclient_subscription_invalid"
    assert set(body["fields"]) == {"url", "kinds", "services", "organisations"}
    # A kind its scopes do not read (registry:read reads no application).
    refused = _subscribe(token, "https://example.org/hook", kinds=["application.received"])
    assert refused.status_code == 400 and "application.received" in refused.json()["fields"]["kinds"]
    assert not EventSubscription.objects.exists()
    assert not AuditLog.objects.filter(action="apiclient.subscription_create").exists()
    # Without events:receive the service refuses too (the REST matrix checks the 403 there).
    plain, _ = _client(world, "applications:read-organisation")
    with pytest.raises(AccessDenied):
        services.event_subscription_create(actor=None, client=plain, url="https://example.org/hook")


@override_settings(QYZMET_WEBHOOK_ALLOW_PRIVATE=False, QYZMET_WEBHOOK_REQUIRE_HTTPS=True)
@pytest.mark.parametrize(
    "url",
    ["http://example.org/hook", "https://127.0.0.1/hook", "https://10.1.2.3/hook", "https://[::1]/hook"],
)
def test_issue_19_4_production_posts_only_over_https_to_public_addresses(url: str) -> None:
    world = make_world()
    client, _ = _client(world, "events:receive", "registry:read")
    with pytest.raises(ApplicationError) as refused:
        services.event_subscription_create(actor=None, client=client, url=url)
    assert "url" in refused.value.fields


def test_issue_19_4_the_secret_is_shown_once_and_kept_sealed(subscriber: Subscriber) -> None:
    world = make_world()
    _, token = _client(world, "events:receive", "registry:read")
    created = _subscribe(token, subscriber.url)
    secret = created.json()["secret"]
    subscription = EventSubscription.objects.get()
    assert secret.startswith("whsec_") and secret not in subscription.secret_sealed
    assert services.subscription_secret_unseal(subscription.secret_sealed) == secret
    listed = Client().get(f"{EVENTS}/subscriptions", headers=_bearer(token))
    one = Client().get(f"{EVENTS}/subscriptions/{subscription.pk}", headers=_bearer(token))
    assert secret not in listed.content.decode() and secret not in one.content.decode()
    assert "secret" not in one.json()
    audit = AuditLog.objects.get(action="apiclient.subscription_create")
    assert secret not in json.dumps(audit.after)
    rotated = Client().post(f"{EVENTS}/subscriptions/{subscription.pk}/secret", headers=_bearer(token))
    assert rotated.status_code == 200 and rotated.json()["secret"] != secret
    subscription.refresh_from_db()
    assert services.subscription_secret_unseal(subscription.secret_sealed) == rotated.json()["secret"]


def test_issue_19_4_a_client_manages_only_its_own_subscriptions_and_a_person_none() -> None:
    world = make_world()
    _, mine = _client(world, "events:receive", "registry:read")
    _, theirs = _client(world, "events:receive", "registry:read")
    created = _subscribe(mine, "https://example.org/hook").json()
    url = f"{EVENTS}/subscriptions/{created['id']}"
    assert Client().get(url, headers=_bearer(theirs)).status_code == 403
    assert Client().delete(url, headers=_bearer(theirs)).status_code == 403
    assert Client().get(f"{EVENTS}/subscriptions", headers=_bearer(theirs)).json() == []
    assert Client().get(f"{EVENTS}/subscriptions/999999", headers=_bearer(mine)).status_code == 404
    assert EventSubscription.objects.get().is_active
    # A person's session has no subscriptions.
    http = Client()
    http.force_login(world.officer)
    refused = http.get(f"{EVENTS}/subscriptions")
    assert refused.status_code == 403 and refused.json()["code"] == "access_denied"
    # The owner stops it; nothing more is sent to it.
    assert Client().delete(url, headers=_bearer(mine)).status_code == 204
    assert not EventSubscription.objects.get().is_active
    assert AuditLog.objects.filter(action="apiclient.subscription_deactivate").exists()


def test_issue_19_4_a_deactivated_subscription_gets_nothing_more_and_its_waiting_event_fails(
    subscriber: Subscriber,
) -> None:
    world = make_world()
    _, token = _client(world, "events:receive", "applications:read-organisation")
    created = _subscribe(token, subscriber.url).json()
    submit(world)
    Client().delete(f"{EVENTS}/subscriptions/{created['id']}", headers=_bearer(token))
    assert _deliver() == 0
    assert OutboxMessage.objects.get(channel="webhook").status == OutboxStatus.FAILED
    submit(world)
    assert OutboxMessage.objects.filter(channel="webhook").count() == 1
    assert subscriber.received == []


def test_issue_19_4_the_client_lists_kinds_and_reads_each_delivery_with_its_attempts(
    subscriber: Subscriber,
) -> None:
    world = make_world()
    _, token = _client(world, "events:receive", "applications:read-own", "applications:read-organisation")
    kinds = Client().get(f"{EVENTS}/kinds", headers=_bearer(token)).json()
    receivable = {k["kind"] for k in kinds if k["receivable"]}
    assert receivable == {
        "application.received",
        "application.stage_changed",
        "application.result_issued",
        "application.refused",
    }
    created = _subscribe(token, subscriber.url).json()
    submit(world)
    _deliver()
    listed = Client().get(f"{EVENTS}/subscriptions/{created['id']}/deliveries", headers=_bearer(token)).json()
    (one,) = listed
    assert one["status"] == "sent" and one["attempts"][0]["response_code"] == 204


def test_issue_19_4_the_signature_is_hmac_sha256_of_the_timestamp_and_the_body() -> None:
    import hashlib
    import hmac

    body = b'{"kind":"application.received"}'
    expected = hmac.new(b"whsec_x", b"1700000000." + body, hashlib.sha256).hexdigest()
    assert webhook_signature(secret="whsec_x", timestamp=1700000000, body=body) == f"v1={expected}"
    # A replay beyond five minutes is refused by the receiver's check.
    signature = webhook_signature(secret="whsec_x", timestamp=1700000000, body=body)
    assert webhook_verify(
        secret="whsec_x", body=body, timestamp="1700000000", signature=signature, now=1700000299
    )
    assert not webhook_verify(
        secret="whsec_x", body=body, timestamp="1700000000", signature=signature, now=1700000301
    )


@pytest.mark.parametrize(
    "url",
    ["http://[::1", "https://example.org:port/x", "https://exa mple.org/", "", "https:///path", "x" * 300],
)
def test_issue_19_4_a_malformed_address_is_refused_on_its_field_not_a_server_error(url: str) -> None:
    world = make_world()
    _, token = _client(world, "events:receive", "registry:read")
    response = _subscribe(token, url)
    assert response.status_code == 400 and "url" in response.json()["fields"]
