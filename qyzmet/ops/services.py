"""Writes of the operations app."""

from __future__ import annotations

import datetime as dt
import os
import socket

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from qyzmet.ops.models import WorkerHeartbeat

DEFAULT_WORKER = "worker"


@transaction.atomic
def heartbeat_record(*, name: str = DEFAULT_WORKER, now: dt.datetime | None = None) -> WorkerHeartbeat:
    """The worker is alive at ``now``: one row per worker name, updated in place."""
    now = now or timezone.now()
    fields = {"beat_at": now, "hostname": socket.gethostname()[:255], "pid": os.getpid()}
    updated = WorkerHeartbeat.objects.filter(name=name).update(passes=F("passes") + 1, **fields)
    if not updated:
        WorkerHeartbeat.objects.get_or_create(name=name, defaults={**fields, "passes": 1})
    return WorkerHeartbeat.objects.get(name=name)
