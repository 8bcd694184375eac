"""Pieces shared by the delivery services: numbers, stages, audit snapshots, notifications."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from qyzmet.core.errors import ApplicationError
from qyzmet.core.links import public_url
from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.delivery.enums import ApplicationStatus, StageKind
from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.models import AcceptanceRefusalCounter, Application, ApplicationCounter, Stage
from qyzmet.delivery.terms import WorkCalendarLike
from qyzmet.notify.events import EventKind, event_publish
from qyzmet.orgs.models import Organisation
from qyzmet.registry.enums import RefusalGround

STATUS_URL = "/delivery/status/?number={number}"


def default_calendar() -> WorkCalendarLike:
    from qyzmet.workcalendar.selectors import get_calendar

    return get_calendar()


def error(code: str, kk: str, ru: str, en: str, **extra: object) -> ApplicationError:
    return ApplicationError(code, {"kk": kk, "ru": ru, "en": en}, extra=extra or None)


def number_allocate(
    *,
    on: dt.date,
    counter: type[ApplicationCounter] | type[AcceptanceRefusalCounter] = ApplicationCounter,
    prefix: str = "KZ",
) -> str:
    """``KZ-2026-11-000123``: the next number of the month. One ``UPDATE … RETURNING`` bumps the
    month's counter row and keeps it locked until the caller commits, so numbers have no gaps
    and no duplicates; callers allocate as late as they can to keep that lock short. Refusals to
    accept count in their own table (``RA-…``)."""
    sql = (
        f"UPDATE {counter._meta.db_table} SET last_value = last_value + 1 "
        "WHERE year = %s AND month = %s RETURNING last_value"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [on.year, on.month])
        row = cursor.fetchone()
        if row is None:
            # The month's first application: create its row (get_or_create survives the race).
            counter.objects.get_or_create(year=on.year, month=on.month)
            cursor.execute(sql, [on.year, on.month])
            row = cursor.fetchone()
    return f"{prefix}-{on.year}-{on.month:02d}-{int(row[0]):06d}"


def snapshot(application: Application) -> dict[str, object]:
    return {
        "number": application.number,
        "status": application.status,
        "due_on": application.due_on.isoformat() if application.due_on else None,
        "handover_due_on": application.handover_due_on.isoformat() if application.handover_due_on else None,
    }


def stage_record(
    *,
    application: Application,
    kind: str,
    officer: User | None,
    organisation: Organisation | None = None,
    other_body: Organisation | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> Stage:
    """Law 5.2.11, 20.4: one row per stage in the monitoring record."""
    return Stage.objects.create(
        application=application,
        kind=kind,
        occurred_at=at or timezone.now(),
        officer=officer if officer is not None and officer.pk else None,
        organisation=organisation,
        other_body=other_body,
        note=note,
    )


# Law 5.2.11: the stages an application passes through, and which may follow which.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    ApplicationStatus.RECEIVED: frozenset(
        {ApplicationStatus.IN_WORK, ApplicationStatus.REFUSED, ApplicationStatus.RESULT_READY}
    ),
    ApplicationStatus.IN_WORK: frozenset(
        {ApplicationStatus.REQUEST_OTHER_BODY, ApplicationStatus.RESULT_READY, ApplicationStatus.REFUSED}
    ),
    ApplicationStatus.REQUEST_OTHER_BODY: frozenset(
        {ApplicationStatus.IN_WORK, ApplicationStatus.RESULT_READY, ApplicationStatus.REFUSED}
    ),
    ApplicationStatus.RESULT_READY: frozenset({ApplicationStatus.HANDED_OVER, ApplicationStatus.ISSUED}),
    ApplicationStatus.HANDED_OVER: frozenset({ApplicationStatus.ISSUED}),
    ApplicationStatus.ISSUED: frozenset(),
    ApplicationStatus.REFUSED: frozenset(),
}


def transition_check(*, application: Application, to: str) -> None:
    if to not in ALLOWED_TRANSITIONS.get(application.status, frozenset()):
        raise ApplicationError(
            DeliveryErrorCode.TRANSITION_NOT_ALLOWED,
            {
                "kk": f"{application.number} өтініші бұл кезеңге өте алмайды.",
                "ru": f"Заявление {application.number} не может перейти на этот этап.",
                "en": f"Application {application.number} cannot move to this stage.",
            },
            extra={"from": application.status, "to": to},
        )


# What the recipient hears at each stage (Law 21.2-1, 5.2.8). Source strings in English.
def _event_text(event: str, application: Application) -> tuple[str, str]:
    number = application.number
    due = application.due_on.strftime("%d.%m.%Y") if application.due_on else ""
    texts: dict[str, tuple[str, str]] = {
        StageKind.RECEIVED: (
            gettext("Application %(number)s accepted") % {"number": number},
            gettext("Your application %(number)s has been accepted. Due date: %(due)s.")
            % {"number": number, "due": due},
        ),
        StageKind.IN_WORK: (
            gettext("Application %(number)s in work") % {"number": number},
            gettext("Your application %(number)s has been taken in work.") % {"number": number},
        ),
        StageKind.REQUEST_OTHER_BODY: (
            gettext("Application %(number)s: request to another body") % {"number": number},
            gettext("A request about your application %(number)s has been sent to another body.")
            % {"number": number},
        ),
        StageKind.RESULT_READY: (
            gettext("Application %(number)s: result ready") % {"number": number},
            gettext("The result of your application %(number)s is ready.") % {"number": number},
        ),
        StageKind.HANDED_OVER: (
            gettext("Application %(number)s: result at the Public Service Centre") % {"number": number},
            gettext(
                "The result of your application %(number)s is waiting for you at the Public Service Centre."
            )
            % {"number": number},
        ),
        StageKind.ISSUED: (
            gettext("Application %(number)s: result issued") % {"number": number},
            gettext("The result of your application %(number)s has been issued.") % {"number": number},
        ),
    }
    return texts[event]


def refusal_grounds_texts(application: Application, lang: str) -> list[str]:
    """Law 19-1.1-2, 19-1.5: each ground of the refusal in full, with the article and point it
    cites (a ground of another law with its reference), in ``lang`` (kk/ru)."""
    grounds = [RefusalGround(g).texts[lang] for g in application.refusal_grounds or []]
    grounds += [
        f"{o.text_ru if lang == 'ru' else o.text_kk} ({o.legal_reference})"
        for o in application.refusal_other_grounds.order_by("order", "id")
    ]
    return grounds


def _refusal_short_grounds(application: Application, lang: str) -> str:
    """The grounds in a few words each, with the point they cite (for an SMS)."""
    short = [RefusalGround(g).short_text(lang) for g in application.refusal_grounds or []]
    short += [o.legal_reference for o in application.refusal_other_grounds.order_by("order", "id")]
    return "; ".join(short)


def _refusal_text(application: Application, channel: str) -> tuple[str, str]:
    """Law 19-1.1, 21.2-1: the refusal as the recipient hears it, in the application's language
    (called under ``override``). The SMS names the number and each ground briefly with its
    article; the e-mail names each ground in full and the reason, and links the signed letter in
    the cabinet (no attachment: the letter stays behind sign-in, ADR 0021) and where to complain
    (Law 25.2)."""
    lang = "ru" if application.language == "ru" else "kk"
    number = application.number
    cabinet = public_url(reverse("delivery:detail", kwargs={"number": number}))
    subject = gettext("Application %(number)s refused") % {"number": number}
    if channel == "sms":
        body = gettext(
            "Application %(number)s: the service is refused on the ground of %(grounds)s. "
            "The reasoned answer is in your cabinet: %(url)s"
        ) % {"number": number, "grounds": _refusal_short_grounds(application, lang), "url": cabinet}
        return subject, body
    service = application.service.name(lang) if application.service else ""
    provider = application.provider.name(lang) if application.provider else ""
    grounds = "\n".join(f"{i}. {text}" for i, text in enumerate(refusal_grounds_texts(application, lang), 1))
    paragraphs = [
        gettext('%(provider)s has refused the service "%(service)s" on your application %(number)s.')
        % {"provider": provider, "service": service, "number": number},
        gettext("Grounds of the refusal:") + "\n" + grounds,
        gettext("Reason: %(reason)s") % {"reason": application.refusal_reason},
        gettext("The signed reasoned answer (PDF) is in your cabinet: %(url)s")
        % {"url": public_url(reverse("delivery:refusal", kwargs={"number": number}))},
        gettext("Once the reasons are removed you may apply again (Law 19-1.3)."),
        gettext(
            "You may complain to the provider (reviewed within five working days of registration) "
            "or to the quality assessment and control authority (within fifteen working days), "
            "Law 25.2: %(url)s"
        )
        % {"url": public_url(f"{reverse('complaints:file')}?application={number}")},
    ]
    return subject, "\n\n".join(paragraphs)


def recipient_notify(*, application: Application, event: str) -> None:
    """Law 21.2-1: tell the recipient, in their language, through the channels they chose.
    Messages go to the outbox inside the caller's transaction. With no channel chosen (or no
    number or address to reach them) nothing is sent: the cabinet shows the stage (and, for a
    refusal, the letter). Each message names the recipient's account (``recipient_user``), so
    their notifications page lists it."""
    from qyzmet.notify.services import OutboxDraft, outbox_enqueue_many

    targets: list[tuple[str, str]] = []
    if application.notify_sms and application.recipient_phone:
        targets.append(("sms", application.recipient_phone))
    if application.notify_email and application.recipient_email:
        targets.append(("email", application.recipient_email))
    drafts = []
    for channel, to in targets:
        with override(application.language or "kk"):
            if event == StageKind.REFUSED:
                subject, body = _refusal_text(application, channel)
            else:
                subject, body = _event_text(event, application)
        drafts.append(
            OutboxDraft(
                channel=channel,
                to=to,
                subject=subject,
                body=body,
                language=application.language or "kk",
                dedup_key=f"delivery:{application.number}:{event}:{channel}",
                kind=f"delivery.{event}",
                # Their notifications page lists what they received (Law 21.2-1).
                user=application.recipient_user,
            )
        )
    outbox_enqueue_many(drafts=drafts)


# Issue 19.4 (ADR 0061): the event each stage is told to subscribed systems as.
STAGE_EVENTS: dict[str, str] = {
    StageKind.RECEIVED: EventKind.APPLICATION_RECEIVED,
    StageKind.ISSUED: EventKind.APPLICATION_RESULT_ISSUED,
    StageKind.REFUSED: EventKind.APPLICATION_REFUSED,
}


def stage_event(*, application: Application, stage: str, at: dt.datetime | None = None) -> None:
    """Tell the subscribed systems that ``application`` reached ``stage``: its number, service,
    provider and the REST URL to read it; nothing about the recipient (issue 19.4)."""
    event_publish(
        kind=STAGE_EVENTS.get(stage, EventKind.APPLICATION_STAGE_CHANGED),
        object_type="application",
        number=application.number,
        path=f"/api/v1/delivery/applications/{application.number}",
        service_code=application.service.code if application.service is not None else "",
        organisation=application.provider,
        origin_user_id=application.submitted_by_id,
        stage=stage,
        occurred_at=at,
    )


def audit(*, actor: User | None, action: str, application: Application, before: Mapping[str, object]) -> None:
    audit_record(
        actor=actor, action=action, obj=application, before=dict(before), after=snapshot(application)
    )


def names(rows: Iterable[object], lang: str) -> str:
    return "; ".join(str(r.name(lang)) for r in rows)  # type: ignore[attr-defined]
