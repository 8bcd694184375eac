"""Law 21.2-1: the messages addressed to a person are theirs to read, and only theirs."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from qyzmet.notify.selectors import recipient_message_list
from qyzmet.notify.services import OutboxDraft, outbox_enqueue, outbox_enqueue_many
from qyzmet.orgs.tests.factories import RecipientFactory

pytestmark = pytest.mark.django_db


def test_law_21_2_1_a_recipient_lists_their_own_messages_newest_first_and_no_one_elses() -> None:
    me, other = RecipientFactory.create(), RecipientFactory.create()
    first = outbox_enqueue(channel="sms", to="+77011112233", subject="", body="Бірінші", user=me)
    outbox_enqueue(channel="sms", to="+77014445566", subject="", body="Бөтен", user=other)
    outbox_enqueue(channel="email", to="x@example.kz", subject="Жүйе", body="Ешкімге емес")
    outbox_enqueue_many(
        drafts=[OutboxDraft(channel="email", to="me@example.kz", subject="Екінші", body="Екінші", user=me)]
    )
    assert [m.body for m in recipient_message_list(user=me)] == ["Екінші", first.body]
    assert [m.body for m in recipient_message_list(user=other)] == ["Бөтен"]


def test_an_anonymous_visitor_has_no_messages() -> None:
    outbox_enqueue(channel="sms", to="+77011112233", subject="", body="—", user=RecipientFactory.create())
    assert not recipient_message_list(user=AnonymousUser()).exists()  # type: ignore[arg-type]
