"""Stages of an application (Law 5.2.11, 20.4): one service per transition, each audited and
told to the recipient; and the overdue sweep (Law 5.2.5, quality indicator 1.1)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from qyzmet.core.errors import AccessDenied
from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.delivery.enums import (
    CLOSED_STATUSES,
    ApplicationStatus,
    Channel,
    StageKind,
    TermViolationKind,
)
from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.models import Application, TermViolation
from qyzmet.delivery.selectors import (
    ARRIVED_AT_STATE_CORPORATION_STATUSES,
    ARRIVED_STATUSES,
    access_application,
    can_act_as_operator,
    can_act_as_provider,
    term_missed_q,
)
from qyzmet.delivery.services.common import (
    audit,
    error,
    recipient_notify,
    snapshot,
    stage_event,
    stage_record,
    transition_check,
)
from qyzmet.orgs.models import Organisation


def _owes_handover(application: Application) -> bool:
    """Law 5.2.5: a State Corporation application (not a one-working-day service) whose result
    the provider must hand to the State Corporation by ``handover_due_on``."""
    return application.channel == Channel.STATE_CORPORATION and application.handover_due_on is not None


def _arrived(application: Application) -> bool:
    """The result has reached the recipient (issued, or a reasoned refusal) or, for a State
    Corporation application, the State Corporation (Law 5.2.5)."""
    arrived = ARRIVED_AT_STATE_CORPORATION_STATUSES if _owes_handover(application) else ARRIVED_STATUSES
    return application.status in arrived


def _term_date(application: Application) -> dt.date:
    """The date by which the result must have arrived (Law 5.2.5): the handover date of a State
    Corporation application, otherwise the due date."""
    if _owes_handover(application):
        return application.handover_due_on  # type: ignore[return-value]
    return application.due_on


def _lock(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("provider", "accepting_organisation", "parent")
        .get(pk=application.pk)
    )


def move(
    *,
    actor: User | None,
    application: Application,
    to: str,
    stage: str,
    action: str,
    other_body: Organisation | None = None,
    note: str = "",
    update_fields: tuple[str, ...] = (),
    organisation: Organisation | None = None,
) -> Application:
    """Change the status, record the stage, audit, tell the recipient, refresh a composite parent."""
    before = {"status": application.status}
    transition_check(application=application, to=to)
    today = timezone.localdate()
    if not application.composite_service_id and not _arrived(application) and _term_date(application) < today:
        # Law 5.2.5: the term ran out before the result arrived (a late decision, a late
        # handover to the State Corporation, a late issue), even if no sweep ran in between.
        violation_mark(application=application, today=today)
    application.status = to
    if to in CLOSED_STATUSES:
        application.closed_at = timezone.now()
        update_fields = (*update_fields, "closed_at")
    application.save(update_fields=["status", "updated_at", *update_fields])
    stage_record(
        application=application,
        kind=stage,
        officer=actor,
        organisation=organisation or application.provider,
        other_body=other_body,
        note=note,
    )
    audit(actor=actor, action=action, application=application, before=before)
    recipient_notify(application=application, event=stage)
    stage_event(application=application, stage=stage)
    if application.parent_id:
        from qyzmet.delivery.services.composite import composite_status_refresh

        composite_status_refresh(parent=application.parent, actor=actor)  # type: ignore[arg-type]
    return application


def provider_check(*, user: User, application: Application) -> None:
    access_application(user=user, application=application, act=True)
    if not can_act_as_provider(user=user, application=application):
        raise AccessDenied()


@transaction.atomic
def application_take_in_work(*, actor: User, application: Application) -> Application:
    """Law 5.2.11: the provider's officer takes the application in work (also after an answer
    from another body)."""
    application = _lock(application)
    provider_check(user=actor, application=application)
    return move(
        actor=actor,
        application=application,
        to=ApplicationStatus.IN_WORK,
        stage=StageKind.IN_WORK,
        action="delivery.application_take_in_work",
    )


@transaction.atomic
def application_request_other_body(
    *, actor: User, application: Application, other_body: Organisation | None = None, note: str = ""
) -> Application:
    """Law 5.2.11, 19-1.2(3): a request to another body (approval, examination)."""
    application = _lock(application)
    provider_check(user=actor, application=application)
    return move(
        actor=actor,
        application=application,
        to=ApplicationStatus.REQUEST_OTHER_BODY,
        stage=StageKind.REQUEST_OTHER_BODY,
        action="delivery.application_request_other_body",
        other_body=other_body,
        note=note,
    )


@transaction.atomic
def application_hand_over(*, actor: User, application: Application) -> Application:
    """Law 5.2.5: the provider hands a State Corporation application's result to the branch."""
    application = _lock(application)
    provider_check(user=actor, application=application)
    if application.channel != Channel.STATE_CORPORATION:
        raise error(
            DeliveryErrorCode.TRANSITION_NOT_ALLOWED,
            "Нәтиже Мемлекеттік корпорацияға тек сол арқылы берілген өтініш бойынша беріледі.",
            "Результат передаётся в Госкорпорацию только по заявлениям, поданным через неё.",
            "Only results of applications made through the State Corporation are handed to it.",
        )
    return move(
        actor=actor,
        application=application,
        to=ApplicationStatus.HANDED_OVER,
        stage=StageKind.HANDED_OVER,
        action="delivery.application_hand_over",
    )


@transaction.atomic
def application_issue(*, actor: User, application: Application) -> Application:
    """The result reaches the recipient: at the branch (State Corporation operator) or at the
    provider's desk (provider officer)."""
    application = _lock(application)
    access_application(user=actor, application=application, act=True)
    if application.channel == Channel.STATE_CORPORATION:
        if not can_act_as_operator(user=actor, application=application):
            raise AccessDenied()
        organisation = application.accepting_organisation
    else:
        if not can_act_as_provider(user=actor, application=application):
            raise AccessDenied()
        organisation = application.provider
    return move(
        actor=actor,
        application=application,
        to=ApplicationStatus.ISSUED,
        stage=StageKind.ISSUED,
        action="delivery.application_issue",
        organisation=organisation,
    )


@transaction.atomic
def application_sweep_overdue(*, today: dt.date | None = None) -> int:
    """Mark every application whose term ran out on ``today`` without the result arriving as a
    term violation (Law 5.2.5; quality indicator 1.1): a State Corporation application not
    handed to the State Corporation after its handover date, any other not issued (nor refused)
    after its due date whatever its stage (``selectors.term_missed_q``). Idempotent: an
    application is marked once. Returns how many were marked."""
    today = today or timezone.localdate()
    candidates = Application.objects.filter(
        term_missed_q(today=today), term_violated_on__isnull=True, composite_service__isnull=True
    ).select_for_update()
    count = 0
    for application in candidates:
        violation_mark(application=application, today=today)
        count += 1
    return count


def violation_mark(*, application: Application, today: dt.date) -> None:
    """Record one term violation for the application (once): which term was missed (the
    handover to the State Corporation, or the delivery) and its date (Law 5.2.5)."""
    if application.term_violated_on is not None:
        return
    application.term_violated_on = today
    application.save(update_fields=["term_violated_on", "updated_at"])
    kind = TermViolationKind.HANDOVER if _owes_handover(application) else TermViolationKind.DELIVERY
    missed = _term_date(application)
    TermViolation.objects.get_or_create(
        application=application,
        defaults={
            "provider": application.provider,
            "service": application.service,
            "due_on": missed,
            "detected_on": today,
            "kind": kind,
        },
    )
    audit_record(
        actor=None,
        action="delivery.application_term_violated",
        obj=application,
        before={},
        after={
            **snapshot(application),
            "term_missed": str(kind),
            "missed_date": missed.isoformat(),
            "detected_on": today.isoformat(),
        },
    )
