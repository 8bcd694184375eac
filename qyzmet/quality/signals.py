"""The monthly aggregates follow the cases (ADR 0078): a saved or deleted application, or a
handover to the State Corporation, of a month that has ended records the change in the same
transaction (``services.indicator_month_changed``); the sweep folds it into the aggregates.
The current month's aggregates hold only the cases settled before its last build, the page
counts the rest from the cases: there, only a change to a settled case (one whose result had
arrived, or one entered as arrived in the past) is recorded. So a new application (due after
the day it was received), a decision made now and a save that changes nothing 1.1 reads
record nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models.signals import post_delete, post_init, post_save
from django.utils import timezone

from qyzmet.delivery.enums import StageKind
from qyzmet.delivery.models import Application, Stage

KEY = "_quality_month_key"
# what 1.1 reads of an application: a save that changes none of them changes no figure
COUNTED = (
    "due_on",
    "service_id",
    "provider_id",
    "status",
    "closed_at",
    "channel",
    "handover_due_on",
    "due_at",
)


def _state(instance: Application) -> tuple[Any, ...]:
    # from __dict__: a deferred field is never loaded by the signal
    return tuple(instance.__dict__.get(name) for name in COUNTED)


def _remember(sender: type, instance: Application, **kwargs: Any) -> None:
    instance.__dict__[KEY] = _state(instance)


CLOSED_AT = COUNTED.index("closed_at")


def _changed(
    on: Any, service_id: Any, provider_id: Any, *, today: dt.date | None = None, settled: bool = False
) -> bool:
    from qyzmet.quality.services import indicator_month_changed

    if service_id is None:
        return False
    return indicator_month_changed(
        on=on, service_id=service_id, provider_id=provider_id, today=today, settled=settled
    )


def _arrived_in_the_past(state: tuple[Any, ...]) -> bool:
    """Entered as arrived longer ago than a build's grace: a build of the month in progress
    made since may have left it out of both its part and the rest."""
    from qyzmet.quality.selectors import REBUILD_GRACE

    closed_at = state[CLOSED_AT]
    return closed_at is not None and closed_at < timezone.now() - REBUILD_GRACE


def _application_saved(sender: type, instance: Application, created: bool = False, **kwargs: Any) -> None:
    now = _state(instance)
    before = instance.__dict__.get(KEY)
    instance.__dict__[KEY] = now
    if created:
        # a new application is due after it was received: recorded only when entered after its
        # whole due month had ended as of the day it was received (a late registration), or
        # entered as decided in the past
        received = instance.submitted_at
        late = _changed(*now[:3], today=timezone.localdate(received) if received else None)
        if not late and _arrived_in_the_past(now):
            _changed(*now[:3], settled=True)
        return
    if before == now:
        return
    settled = (before is not None and before[CLOSED_AT] is not None) or _arrived_in_the_past(now)
    _changed(*now[:3], settled=settled)
    if before is not None and before[:3] != now[:3]:
        _changed(*before[:3], settled=settled)


def _application_deleted(sender: type, instance: Application, **kwargs: Any) -> None:
    state = _state(instance)
    _changed(*state[:3], settled=state[CLOSED_AT] is not None)


def _stage_saved(sender: type, instance: Stage, created: bool = False, **kwargs: Any) -> None:
    if created and instance.kind == StageKind.HANDED_OVER:
        application = instance.application
        _changed(application.due_on, application.service_id, application.provider_id)


def connect() -> None:
    post_init.connect(_remember, sender=Application, dispatch_uid="quality.month_key")
    post_save.connect(_application_saved, sender=Application, dispatch_uid="quality.month_application")
    post_delete.connect(_application_deleted, sender=Application, dispatch_uid="quality.month_deleted")
    post_save.connect(_stage_saved, sender=Stage, dispatch_uid="quality.month_stage")
