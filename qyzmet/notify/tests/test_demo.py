from __future__ import annotations

import io

import pytest

from qyzmet.notify import demo
from qyzmet.notify.enums import OutboxStatus
from qyzmet.notify.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_demo_load_is_idempotent_and_has_sent_and_pending_messages() -> None:
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    assert OutboxMessage.objects.count() == len(demo.MESSAGES)
    assert OutboxMessage.objects.filter(status=OutboxStatus.SENT).count() == 2
    assert OutboxMessage.objects.filter(status=OutboxStatus.PENDING).count() == 2
    assert set(OutboxMessage.objects.values_list("language", flat=True)) == {"kk", "ru"}
