"""The monthly decided volumes follow the cases (ADR 0079): a saved or deleted application whose
decision (its kind, day, service, channel or provider) changed, with the old or the new
decision day in a month that has ended, records the change in the same transaction
(``services.volumes.decided_volume_changed``); the sweep folds it into the aggregates. A month
not yet ended is counted from the cases, so a new application (not decided) and a decision made
now record nothing and add no statement."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_init, post_save

from qyzmet.delivery.models import Application

KEY = "_delivery_volume_key"
# what the PSC 4 count reads of an application: a save that changes none of them changes no volume
COUNTED = ("status", "result_ready_at", "closed_at", "service_id", "channel", "provider_id")


def _state(instance: Application) -> tuple[Any, ...]:
    # from __dict__: a deferred field is never loaded by the signal
    return tuple(instance.__dict__.get(name) for name in COUNTED)


def _decision(state: tuple[Any, ...] | None) -> tuple[Any, Any, Any] | None:
    """(decision day, service, provider) of a state, or None when it is not counted."""
    from qyzmet.delivery.selectors_volumes import decision_day

    if state is None:
        return None
    status, result_ready_at, closed_at, service_id, _channel, provider_id = state
    day = decision_day(status, result_ready_at, closed_at)
    if day is None or service_id is None:
        return None
    return day, service_id, provider_id


def _changed(decision: tuple[Any, Any, Any] | None) -> None:
    from qyzmet.delivery.services.volumes import decided_volume_changed

    if decision is not None:
        on, service_id, provider_id = decision
        decided_volume_changed(on=on, service_id=service_id, provider_id=provider_id)


def _remember(sender: type, instance: Application, **kwargs: Any) -> None:
    instance.__dict__[KEY] = _state(instance)


def _application_saved(sender: type, instance: Application, created: bool = False, **kwargs: Any) -> None:
    now = _state(instance)
    before = None if created else instance.__dict__.get(KEY)
    instance.__dict__[KEY] = now
    if before == now:
        return
    new, old = _decision(now), _decision(before)
    # a result issued after the day it was ready keeps its decision: nothing changes
    if old == new and (new is None or before is None or before[4] == now[4]):
        return
    _changed(new)
    if old != new:
        _changed(old)


def _application_deleted(sender: type, instance: Application, **kwargs: Any) -> None:
    _changed(_decision(_state(instance)))


def connect() -> None:
    post_init.connect(_remember, sender=Application, dispatch_uid="delivery.volume_key")
    post_save.connect(_application_saved, sender=Application, dispatch_uid="delivery.volume_application")
    post_delete.connect(_application_deleted, sender=Application, dispatch_uid="delivery.volume_deleted")
