"""CRC 8-9: who is at a desk, and how long a desk has been without its body's worker.

A desk a body staffs (``Desk.organisation``) is *staffed* while a worker of that body is at it
(``operator`` set and ``staffed_since`` set). The desk is left without its body's worker, and its
clock starts (``unstaffed_since``), whenever

- the worker leaves the desk (the desk page) or signs off (logs out of the system);
- the worker is put on another desk (reassigned), or taken off the desk on the staffing page;
- the shift starts without them: a worker who took the desk on an earlier day and has not taken
  it again today leaves the desk unstaffed from the day's opening (``desk_shift_start``);
- the desk is given to a body with no worker at it.

The clock counts only the centre's opening hours (CRC 5: ``hours.open_time_between``): an
evening, a night, the lunch break or a holiday add nothing. After three hours of it the body
sends another worker (CRC 9) and ``services.staffing_alerts_raise`` tells the body and the
centre. Writes here follow the services' rules (keyword-only, atomic, audited)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.orgs.selectors import position_list
from qyzmet.reception import hours
from qyzmet.reception.errors import ReceptionErrorCode as E
from qyzmet.reception.models import Desk, StaffingAlert

UNSTAFFED_LIMIT = dt.timedelta(hours=3)  # CRC 9: «3 (үш) сағаттан астам»


def desk_is_staffed(desk: Desk) -> bool:
    """A worker is at the desk (for a body's desk: a worker of that body, CRC 8)."""
    return desk.operator_id is not None and desk.staffed_since is not None


def desk_unstaffed_for(desk: Desk, *, now: dt.datetime | None = None) -> dt.timedelta | None:
    """CRC 9: the opening hours the desk has been without its body's worker, ``None`` when the
    clock does not run (a staffed desk, or a desk no body staffs)."""
    if desk.organisation_id is None or desk_is_staffed(desk) or desk.unstaffed_since is None:
        return None
    return hours.open_time_between(desk.unstaffed_since, now or timezone.now())


def clock_text(value: dt.timedelta | None) -> str:
    """A clock as «2:05» (hours and minutes), empty when it does not run."""
    if value is None:
        return ""
    minutes = int(value.total_seconds() // 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


def is_body_worker(*, user: User | None, desk: Desk) -> bool:
    """CRC 8: ``user`` holds an active position in the very body the desk serves."""
    if user is None or not user.pk or desk.organisation_id is None:
        return False
    return position_list(user=user).filter(organisation_id=desk.organisation_id).exists()


def _snapshot(desk: Desk) -> dict[str, object]:
    return {
        "organisation": desk.organisation_id,
        "operator": desk.operator_id,
        "staffed_since": desk.staffed_since.isoformat() if desk.staffed_since else None,
        "unstaffed_since": desk.unstaffed_since.isoformat() if desk.unstaffed_since else None,
    }


def _left(*, actor: User | None, desk: Desk, at: dt.datetime, reason: str, drop_operator: bool) -> Desk:
    """The desk is left without its body's worker at ``at`` (the clock starts then)."""
    before = _snapshot(desk)
    desk.staffed_since = None
    if drop_operator:
        desk.operator = None
    if desk.organisation_id is not None and desk.unstaffed_since is None:
        desk.unstaffed_since = at
    desk.save(update_fields=["operator", "staffed_since", "unstaffed_since", "updated_at"])
    audit_record(
        actor=actor,
        action="reception.desk_leave",
        obj=desk,
        before=before,
        after={**_snapshot(desk), "reason": reason},
    )
    return desk


def leave_other_desks(*, actor: User | None, operator: User, keep: Desk, at: dt.datetime) -> None:
    """CRC 9: a worker put on (or taking) one desk is no longer at any other: those desks are
    left unstaffed from ``at`` (reassigned)."""
    others = Desk.objects.select_for_update().filter(operator=operator).exclude(pk=keep.pk)
    for other in others:
        _left(actor=actor, desk=other, at=at, reason="reassigned", drop_operator=True)


def resolve_alerts(*, desk: Desk, at: dt.datetime) -> None:
    StaffingAlert.objects.filter(desk=desk, resolved_at__isnull=True).update(resolved_at=at)


@transaction.atomic
def desk_take(*, actor: User, desk: Desk, now: dt.datetime | None = None) -> Desk:
    """CRC 8-9: a worker of the desk's body takes the desk for this shift (the body's own
    worker, an interchangeable one it sends, or its reserve worker). Anyone else is refused
    with nothing written. Taking a desk leaves any other desk the worker was at."""
    now = now or timezone.now()
    desk = Desk.objects.select_for_update().get(pk=desk.pk)
    if not is_body_worker(user=actor, desk=desk):
        raise ApplicationError(
            E.DESK_NOT_YOURS,
            {
                "kk": "Бұл үстелде тек оған қызмет көрсететін органның қызметкері отырады (ОӨҚ 8).",
                "ru": "За этим столом работает только сотрудник органа, который его обслуживает (п. 8).",
                "en": "Only a worker of the body the desk serves works at it (CRC 8).",
            },
        )
    if (
        desk.operator_id == actor.pk
        and desk.staffed_since is not None
        and timezone.localdate(desk.staffed_since) == timezone.localdate(now)
    ):
        return desk  # already at it this shift
    leave_other_desks(actor=actor, operator=actor, keep=desk, at=now)
    before = _snapshot(desk)
    desk.operator = actor
    desk.staffed_since = now
    desk.unstaffed_since = None
    desk.save(update_fields=["operator", "staffed_since", "unstaffed_since", "updated_at"])
    resolve_alerts(desk=desk, at=now)
    audit_record(actor=actor, action="reception.desk_take", obj=desk, before=before, after=_snapshot(desk))
    return desk


@transaction.atomic
def desk_leave(*, actor: User, desk: Desk, now: dt.datetime | None = None) -> Desk:
    """CRC 9: the worker at the desk leaves it; the desk's clock starts now. Only the worker
    at the desk says they leave it."""
    now = now or timezone.now()
    desk = Desk.objects.select_for_update().get(pk=desk.pk)
    if not desk_is_staffed(desk) or desk.operator_id != actor.pk:
        raise ApplicationError(
            E.DESK_NOT_YOURS,
            {
                "kk": "Сіз бұл үстелде отырған жоқсыз.",
                "ru": "Вы не работаете за этим столом.",
                "en": "You are not at this desk.",
            },
        )
    return _left(actor=actor, desk=desk, at=now, reason="left", drop_operator=False)


@transaction.atomic
def desk_sign_off(*, user: User, now: dt.datetime | None = None) -> list[Desk]:
    """CRC 9: a worker who signs off (logs out) leaves every desk they were at."""
    now = now or timezone.now()
    if not user.pk:
        return []
    desks = list(Desk.objects.select_for_update().filter(operator=user, staffed_since__isnull=False))
    return [_left(actor=user, desk=d, at=now, reason="signed_off", drop_operator=False) for d in desks]


@transaction.atomic
def desk_shift_start(*, now: dt.datetime | None = None) -> list[Desk]:
    """CRC 9: the shift starts without them. On a working day, once the centre has opened, a
    body's desk whose worker took it on an earlier day and has not taken it again today is
    unstaffed from the day's opening. Idempotent (the job runs every few minutes)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    opening = hours.opening_on(today)
    if opening is None or now < opening:
        return []
    midnight = timezone.make_aware(dt.datetime.combine(today, dt.time(0, 0)))
    desks = list(
        Desk.objects.select_for_update().filter(
            organisation__isnull=False, staffed_since__isnull=False, staffed_since__lt=midnight
        )
    )
    return [_left(actor=None, desk=d, at=opening, reason="shift_start", drop_operator=False) for d in desks]
