"""Follow-up tasks with a due date and the control of their fulfilment, shared by the quality
authority's recommendations on a complaint (Law 25.3.2-3, ``complaints.Recommendation``) and its
orders to remove breaches found by state control (Law 27, ``oversight.ControlOrder``).

One rule, written once: a task is issued with a due date after its issue date; it is pending
until controlled; the control finds it fulfilled only when it was fulfilled on or before its due
date and in full (otherwise not fulfilled); a pending task past its due date is late. The owning
app's service checks who may act, writes the row with ``update_fields`` and its audit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.utils.translation import gettext_lazy as _


class FollowUpStatus(models.TextChoices):
    """Law 25.3.3: a task is fulfilled in time and in full, or it is not."""

    PENDING = "pending", _("Awaiting fulfilment")
    FULFILLED = "fulfilled", _("Fulfilled in time and in full")
    NOT_FULFILLED = "not_fulfilled", _("Not fulfilled in time or in full")


class FollowUpTask(models.Model):
    """The fields of a follow-up task; the concrete model adds what it follows up (a complaint,
    a control case) and whom it is addressed to, and may rename ``text``."""

    text = models.TextField(_("task"))
    due_on = models.DateField(_("due on"), db_index=True)
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=FollowUpStatus.choices, default=FollowUpStatus.PENDING
    )
    fulfilled_on = models.DateField(_("fulfilled on"), null=True, blank=True)
    in_full = models.BooleanField(_("in full"), null=True, blank=True)
    control_note = models.TextField(_("control note"), blank=True)

    class Meta:
        abstract = True

    def is_late(self, today: dt.date) -> bool:
        """Pending after its due date."""
        return self.status == FollowUpStatus.PENDING and today > self.due_on

    @property
    def is_pending(self) -> bool:
        return self.status == FollowUpStatus.PENDING


_T = TypeVar("_T", bound=FollowUpTask)


def due_date_valid(*, issued_on: dt.date, due_on: dt.date) -> bool:
    """A task is due after the day it is issued."""
    return due_on > issued_on


def control_outcome(*, due_on: dt.date, fulfilled_on: dt.date | None, in_full: bool) -> str:
    """Law 25.3.3: fulfilled only in time (on or before the due date) and in full."""
    ok = fulfilled_on is not None and fulfilled_on <= due_on and in_full
    return FollowUpStatus.FULFILLED if ok else FollowUpStatus.NOT_FULFILLED


def control_apply(
    task: FollowUpTask, *, fulfilled_on: dt.date | None, in_full: bool, note: str = ""
) -> tuple[dict[str, Any], list[str]]:
    """Set the control result on ``task`` (not saved): returns the audit ``before`` and the
    ``update_fields`` for the caller's save. The caller has checked that the task is pending."""
    before = {"status": task.status}
    task.status = control_outcome(due_on=task.due_on, fulfilled_on=fulfilled_on, in_full=in_full)
    task.fulfilled_on = fulfilled_on
    task.in_full = in_full
    task.control_note = note.strip()
    return before, ["status", "fulfilled_on", "in_full", "control_note", "updated_at"]


def late_q(today: dt.date, prefix: str = "") -> Q:
    """The tasks pending after their due date (``prefix``: a relation path ending in ``__``)."""
    return Q(**{f"{prefix}status": FollowUpStatus.PENDING, f"{prefix}due_on__lt": today})


def overdue(qs: QuerySet[_T], *, today: dt.date) -> QuerySet[_T]:
    """The pending tasks of ``qs`` past their due date."""
    return qs.filter(late_q(today))


def with_late_flag(qs: QuerySet[_T], *, today: dt.date) -> QuerySet[_T]:
    """``qs`` with ``late`` (pending after the due date) annotated for lists."""
    return qs.annotate(late=ExpressionWrapper(late_q(today), output_field=BooleanField()))
