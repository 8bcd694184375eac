"""The monthly aggregates follow the cases (ADR 0076): a saved or deleted application, or a
handover to the State Corporation, of a month that has ended records the change in the same
transaction (``services.indicator_month_changed``); the sweep folds it into the aggregates.
A month not yet ended is counted from the cases, so a new application records nothing."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_init, post_save

from qyzmet.delivery.enums import StageKind
from qyzmet.delivery.models import Application, Stage

KEY = "_quality_month_key"


def _key(instance: Application) -> tuple[Any, Any, Any]:
    # from __dict__: a deferred field is never loaded by the signal
    d = instance.__dict__
    return d.get("due_on"), d.get("service_id"), d.get("provider_id")


def _remember(sender: type, instance: Application, **kwargs: Any) -> None:
    instance.__dict__[KEY] = _key(instance)


def _changed(on: Any, service_id: Any, provider_id: Any) -> None:
    from qyzmet.quality.services import indicator_month_changed

    if service_id is not None:
        indicator_month_changed(on=on, service_id=service_id, provider_id=provider_id)


def _application_saved(sender: type, instance: Application, **kwargs: Any) -> None:
    now = _key(instance)
    before = instance.__dict__.get(KEY)
    _changed(*now)
    if before is not None and before != now and not kwargs.get("created"):
        _changed(*before)
    instance.__dict__[KEY] = now


def _application_deleted(sender: type, instance: Application, **kwargs: Any) -> None:
    _changed(*_key(instance))


def _stage_saved(sender: type, instance: Stage, created: bool = False, **kwargs: Any) -> None:
    if created and instance.kind == StageKind.HANDED_OVER:
        application = instance.application
        _changed(application.due_on, application.service_id, application.provider_id)


def connect() -> None:
    post_init.connect(_remember, sender=Application, dispatch_uid="quality.month_key")
    post_save.connect(_application_saved, sender=Application, dispatch_uid="quality.month_application")
    post_delete.connect(_application_deleted, sender=Application, dispatch_uid="quality.month_deleted")
    post_save.connect(_stage_saved, sender=Stage, dispatch_uid="quality.month_stage")
