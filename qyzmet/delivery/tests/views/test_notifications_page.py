"""Law 21.2-1: the notifications page shows the SMS and e-mails the recipient received (text,
channel, when sent, whether delivered), newest first and paginated, and only theirs; the
stage notices of their applications are among them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from qyzmet.delivery.models import NotificationPreference
from qyzmet.delivery.tests.factories import make_world, submit
from qyzmet.delivery.views import MESSAGES_PAGE_SIZE
from qyzmet.notify.enums import OutboxStatus
from qyzmet.notify.models import OutboxMessage
from qyzmet.notify.services import outbox_enqueue
from qyzmet.orgs.tests.factories import RecipientFactory

pytestmark = pytest.mark.django_db


def _page(client: Client, **params: Any) -> str:
    response = client.get(reverse("delivery:notifications"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_law_21_2_1_the_page_shows_own_messages_and_not_another_citizens() -> None:
    me, other = RecipientFactory.create(), RecipientFactory.create()
    sent = outbox_enqueue(channel="sms", to="+77011112233", subject="", body="Өтініш қабылданды", user=me)
    OutboxMessage.objects.filter(pk=sent.pk).update(status=OutboxStatus.SENT, sent_at=timezone.now())
    outbox_enqueue(channel="email", to="me@example.kz", subject="Нәтиже", body="Нәтиже дайын", user=me)
    outbox_enqueue(channel="sms", to="+77014445566", subject="", body="Басқа адамның хабарламасы", user=other)
    client = Client()
    client.force_login(me)
    html = _page(client)
    assert "Өтініш қабылданды" in html and "Нәтиже дайын" in html
    assert "Басқа адамның хабарламасы" not in html
    assert html.index("Нәтиже дайын") < html.index("Өтініш қабылданды")  # newest first
    assert 'class="govuk-tag govuk-tag--green"' in html  # the SMS is delivered
    assert 'data-label="' in html


def test_law_21_2_1_the_stage_notice_of_an_application_reaches_the_recipients_page() -> None:
    world = make_world()
    world.recipient.phone = "+77011112233"
    world.recipient.save(update_fields=["phone"])
    NotificationPreference.objects.create(user=world.recipient, sms=True)
    application = submit(world)
    client = Client()
    client.force_login(world.recipient)
    html = _page(client)
    assert application.number in html
    client.force_login(RecipientFactory.create())
    assert application.number not in _page(client)


def test_the_messages_are_paginated(django_assert_max_num_queries: Any) -> None:
    me = RecipientFactory.create()
    start = timezone.now()
    for i in range(MESSAGES_PAGE_SIZE + 3):
        m = outbox_enqueue(channel="sms", to="+77011112233", subject="", body=f"Хабарлама №{i:02d}.", user=me)
        OutboxMessage.objects.filter(pk=m.pk).update(created_at=start + dt.timedelta(minutes=i))
    client = Client()
    client.force_login(me)
    with django_assert_max_num_queries(20):
        first = _page(client)
    assert "Хабарлама №22." in first and "Хабарлама №02." not in first
    assert "govuk-pagination" in first
    second = _page(client, page=2)
    assert "Хабарлама №02." in second and "Хабарлама №22." not in second


@pytest.mark.parametrize(
    ("language", "count", "caption"),
    [("ru", 1, "1 сообщение"), ("ru", 3, "3 сообщения"), ("ru", 5, "5 сообщений"), ("kk", 5, "5 хабарлама")],
)
def test_the_count_of_messages_has_the_right_plural_form(language: str, count: int, caption: str) -> None:
    me = RecipientFactory.create()
    for i in range(count):
        outbox_enqueue(channel="sms", to="+77011112233", subject="", body=f"№{i}", user=me)
    client = Client()
    client.force_login(me)
    client.cookies["qyzmet_language"] = language
    html = _page(client)
    assert caption in html
    assert "Messages you received" not in html
