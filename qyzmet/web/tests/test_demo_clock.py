"""The demo data (``qyzmet demo_data``, as ``make run`` loads it) is dated relative to the day it
is loaded and never lies in the future, whatever the day and hour: a working morning, late
evening, a Saturday just after midnight, New Year's Eve, a public holiday, early January, years
before and after the suite's own clock.

For every model of the project, every date and datetime field is introspected
(``apps.get_models()``), so a new field is covered without editing this test: a datetime may not
be after "now", a date not after today (Almaty), unless the field is listed in ``FUTURE_BY_NATURE``
with its reason. Histories run forwards: an application's stages in the order recorded, tickets,
appeals and their answers, complaints and their extensions and recommendations, onboardings,
proactive offers and survey answers.

One demo load per clock (the clock stands still: ``tick=False``): 5-6 s each on the test
PostgreSQL of an idle 2-core machine (up to ~20 s when it is shared), the whole module about as
long as the demo walk.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterator
from io import StringIO

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.utils import timezone

pytestmark = pytest.mark.django_db

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")

# (model label, field) -> why the value may lie after today / now.
FUTURE_BY_NATURE: dict[tuple[str, str], str] = {
    ("workcalendar.CalendarOverride", "date"): "a holiday or transfer is decreed ahead of the day",
    ("notify.OutboxMessage", "next_attempt_at"): "a retry is scheduled ahead (back-off)",
    ("notify.OutboxMessage", "claimed_until"): "a worker's lease runs ahead",
    ("registry.StandardVersion", "effective_from"): "a version approved now may come into force later",
    ("registry.StandardVersion", "effective_to"): "a version in force ends when its successor starts",
    ("registry.Discussion", "ends_on"): "a public discussion runs for a term from posting",
    ("registry.ContactCentreUpdateTask", "due_on"): "the UCC's term to update its information",
    ("delivery.Application", "poa_valid_until"): "a power of attorney is valid ahead",
    ("delivery.Application", "registered_on"): (
        "received after hours or on a day off (a proactive SMS answer now), an application is "
        "registered on the next working day; checked against submitted_at below"
    ),
    ("delivery.Application", "due_on"): "the term of service (Law 5.2.5)",
    ("delivery.Application", "due_at"): "the term of service counted in hours or minutes",
    ("delivery.Application", "handover_due_on"): "the term to hand a result to the State Corporation",
    ("delivery.ApplicationDocument", "valid_until"): "a document is valid ahead",
    ("complaints.Complaint", "original_due_on"): "the review term (Law 25.2)",
    ("complaints.Complaint", "due_on"): "the review term, perhaps extended (Law 25.4)",
    ("complaints.ComplaintExtension", "previous_due_on"): "the term before the extension",
    ("complaints.ComplaintExtension", "new_due_on"): "the extended term",
    ("complaints.ComplaintExtension", "notice_due_on"): "the term to tell the complainant",
    ("complaints.Recommendation", "due_on"): "the term to fulfil a recommendation",
    ("reception.ReceptionSchedule", "day"): "a personal reception is scheduled ahead",
    ("reception.FollowUpTask", "due_date"): "the term of a follow-up task",
    ("contactcentre.PlanItem", "planned_on"): "the plan-schedule plans the year ahead (UCC 3)",
    ("contactcentre.Onboarding", "responsible_due_on"): "the term to name a responsible person",
    ("contactcentre.Onboarding", "information_due_on"): "the term to submit the information",
    ("contactcentre.Onboarding", "training_due_on"): "the term to hold the training",
    ("contactcentre.Onboarding", "consultations_start_on"): "consultations start after the protocol",
    ("contactcentre.InformationUpdate", "due_on"): "the term to update the information",
    ("contactcentre.CentreReport", "due_on"): "the term to send a report",
    ("monitoring.InformationRequest", "due_on"): "the term to answer a monitor's request (Law 29.2)",
    ("monitoring.Monitoring", "period_end"): "the planned last day of a monitoring in progress",
    ("oversight.Hearing", "held_at"): "a public hearing is announced ahead (Law 23.6)",
    ("oversight.ControlOrder", "due_on"): "the term to fulfil an order to remove breaches (Law 27)",
    ("pscselection.Conclusion", "in_force_until"): "a negative conclusion holds a year (PSC 8)",
    ("pscselection.OrganisationTask", "due_on"): "three months to organise delivery (PSC 11)",
    ("apiclients.ApiToken", "expires_at"): "a token is valid for a year ahead (ADR 0060)",
}

CLOCKS = {
    "monday-0905": dt.datetime(2026, 11, 23, 9, 5),
    "weekday-2350": dt.datetime(2026, 11, 25, 23, 50),
    "saturday-0010": dt.datetime(2026, 11, 28, 0, 10),
    "new-years-eve-2200": dt.datetime(2026, 12, 31, 22, 0),
    "early-january-2025": dt.datetime(2025, 1, 6, 8, 30),
    "nauryz-2027": dt.datetime(2027, 3, 22, 12, 0),
    "late-2030": dt.datetime(2030, 11, 29, 19, 45),
}


def _date_fields() -> Iterator[tuple[type[models.Model], models.DateField]]:
    for model in apps.get_models():
        if not model.__module__.startswith("qyzmet."):
            continue
        for f in model._meta.concrete_fields:
            if isinstance(f, models.DateField):  # DateTimeField is a DateField
                yield model, f


def existing_rows() -> dict[str, list[object]]:
    """The rows there before the demo (data migrations write some on the real clock)."""
    return {
        model._meta.label: list(model._default_manager.values_list("pk", flat=True))
        for model in apps.get_models()
        if model.__module__.startswith("qyzmet.")
    }


def future_values(now: dt.datetime, before: dict[str, list[object]] | None = None) -> list[str]:
    """Every date or datetime after ``now`` (or after its Almaty day), outside the list, in the
    rows added since ``before``."""
    today = timezone.localtime(now).date()
    found = []
    for model, f in _date_fields():
        if (model._meta.label, f.name) in FUTURE_BY_NATURE:
            continue
        limit = now if isinstance(f, models.DateTimeField) else today
        rows = model._default_manager.filter(**{f"{f.name}__gt": limit}).exclude(
            pk__in=(before or {}).get(model._meta.label, [])
        )
        for pk, value in rows.values_list("pk", f.name)[:3]:
            shown = timezone.localtime(value).isoformat() if isinstance(value, dt.datetime) else value
            found.append(f"{model._meta.label}.{f.name} #{pk} = {shown} (after {limit})")
    return found


def _before(label: str, earlier: object, later: object) -> list[str]:
    if earlier is None or later is None or earlier <= later:  # type: ignore[operator]
        return []
    return [f"{label}: {earlier} is after {later}"]


def _day(value: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(value).date() if value is not None else None


def histories_backwards() -> list[str]:
    """Every history that runs backwards, or an event before what it follows."""
    from qyzmet.complaints.models import Complaint, ComplaintExtension
    from qyzmet.contactcentre.models import InformationRequest, Onboarding
    from qyzmet.delivery.models import Application, ProactiveOffer
    from qyzmet.notify.models import OutboxMessage
    from qyzmet.quality.models import SurveyInvitation
    from qyzmet.reception.models import Appeal, AppealAnswer, PaperRegistry, StaffingAlert, Ticket
    from qyzmet.registry.models import Discussion, DiscussionComment, StandardVersion
    from qyzmet.workcalendar.calendar import next_working_day

    found: list[str] = []
    for app in Application.objects.prefetch_related("stages"):
        stages = sorted(app.stages.all(), key=lambda s: s.pk)
        last = app.submitted_at
        for stage in stages:
            found += _before(f"application {app.number} stage {stage.kind}", last, stage.occurred_at)
            last = max(last, stage.occurred_at)
        by_kind = {s.kind: s.occurred_at for s in stages}
        if app.result_ready_at is not None:
            found += _before(f"application {app.number} result ready", app.submitted_at, app.result_ready_at)
            if "result_ready" in by_kind:
                found += _before(
                    f"application {app.number} result_ready_at vs its stage",
                    by_kind["result_ready"],
                    app.result_ready_at,
                )
        if app.closed_at is not None:
            found += _before(
                f"application {app.number} closed", app.result_ready_at or app.submitted_at, app.closed_at
            )
            if stages:
                found += _before(
                    f"application {app.number} closed before its last stage",
                    stages[-1].occurred_at,
                    app.closed_at,
                )
        submitted_on = timezone.localtime(app.submitted_at).date()
        found += _before(f"application {app.number} registered", submitted_on, app.registered_on)
        found += _before(
            f"application {app.number} registered",
            app.registered_on,
            next_working_day(submitted_on + dt.timedelta(days=1)),
        )
        # Dated by the demo: in working hours; except the one accepted at a branch after it
        # closed, on purpose (Law 20.1, ADR 0018), bound by the next-working-day check above.
        if app.idempotency_key.startswith("demo-") and app.idempotency_key != "demo-psc-after-hours":
            found += _before(f"demo application {app.number} registered", app.registered_on, submitted_on)
        found += _before(f"application {app.number} violated", app.registered_on, app.term_violated_on)
        for doc in app.documents.all():
            found += _before(
                f"application {app.number} document issued", doc.issued_on, _day(app.submitted_at)
            )
    for message in OutboxMessage.objects.all():
        found += _before(f"outbox message {message.pk} sent", message.created_at, message.sent_at)
    for offer in ProactiveOffer.objects.all():
        found += _before(f"proactive offer {offer.pk} answered", offer.offered_at, offer.answered_at)
    for t in Ticket.objects.all():
        found += _before(f"ticket {t.code} day", t.day, _day(t.issued_at))
        found += _before(f"ticket {t.code} day", _day(t.issued_at), t.day)
        found += _before(f"ticket {t.code} queued", t.queued_at, t.issued_at)
        found += _before(f"ticket {t.code} called", t.issued_at, t.called_at)
        found += _before(f"ticket {t.code} finished", t.called_at or t.issued_at, t.finished_at)
        if t.transferred_from is not None:
            found += _before(
                f"ticket {t.code} transferred",
                t.transferred_from.finished_at or t.transferred_from.called_at,
                t.issued_at,
            )
    for answer in AppealAnswer.objects.select_related("appeal"):
        appeal = answer.appeal
        found += _before(f"appeal {appeal.number} answered", _day(appeal.registered_at), answer.answered_on)
        found += _before(f"appeal {appeal.number} answer issued", answer.answered_on, _day(answer.issued_at))
    for appeal in Appeal.objects.all():
        found += _before(f"appeal {appeal.number} dated", appeal.appeal_date, _day(appeal.registered_at))
    for registry in PaperRegistry.objects.all():
        found += _before(f"paper registry {registry.pk} period", registry.period_start, registry.formed_at)
        found += _before(
            f"paper registry {registry.pk} received", _day(registry.formed_at), registry.received_on
        )
    for alert in StaffingAlert.objects.all():
        found += _before(f"staffing alert {alert.pk} resolved", alert.unstaffed_since, alert.resolved_at)
    for ext in ComplaintExtension.objects.select_related("complaint"):
        number = ext.complaint.number
        found += _before(f"complaint {number} extension", ext.complaint.registered_on, ext.extended_on)
        found += _before(f"complaint {number} extension notice", ext.extended_on, ext.notice_sent_on)
        found += _before(f"complaint {number} extended term", ext.previous_due_on, ext.new_due_on)
    for c in Complaint.objects.prefetch_related("recommendations"):
        found += _before(f"complaint {c.number} answered", c.registered_on, c.answered_on)
        for rec in c.recommendations.all():
            found += _before(f"complaint {c.number} recommendation", c.registered_on, rec.issued_on)
            found += _before(
                f"complaint {c.number} recommendation fulfilled", rec.issued_on, rec.fulfilled_on
            )
        found += _before(f"complaint {c.number} survey", c.answered_on, _day(c.survey_invited_at))
    for o in Onboarding.objects.all():
        steps = [
            o.request_sent_on,
            o.responsible_named_on,
            o.information_signed_on,
            o.training_held_on,
            o.protocol_signed_on,
        ]
        done = [d for d in steps if d is not None]
        found += [f"onboarding {o.pk} steps out of order: {done}"] if done != sorted(done) else []
    for r in InformationRequest.objects.all():
        found += _before(f"information request {r.pk} answered", r.sent_on, r.answered_on)
    for d in Discussion.objects.all():
        found += _before(f"discussion {d.pk} closed", d.posted_on, d.closed_on)
    for comment in DiscussionComment.objects.select_related("discussion"):
        found += _before(
            f"discussion comment {comment.pk}", comment.discussion.posted_on, comment.submitted_on
        )
        found += _before(
            f"discussion comment {comment.pk} decided", comment.submitted_on, _day(comment.decided_at)
        )
    for v in StandardVersion.objects.exclude(approved_on=None).exclude(effective_from=None):
        found += _before(f"standard version {v.pk} in force before approved", v.approved_on, v.effective_from)
    for inv in SurveyInvitation.objects.all():
        found += _before(f"survey invitation {inv.pk} answered", inv.case_date, _day(inv.answered_at))
    return found


def problems(before: dict[str, list[object]] | None = None) -> list[str]:
    return future_values(timezone.now(), before) + histories_backwards()


@pytest.mark.parametrize("naive", list(CLOCKS.values()), ids=list(CLOCKS))
def test_the_demo_never_lies_in_the_future_and_its_histories_run_forwards(naive: dt.datetime) -> None:
    before = existing_rows()
    with time_machine.travel(naive.replace(tzinfo=ALMATY), tick=False):
        call_command("demo_data", stdout=StringIO())
        found = problems(before)
    assert found == [], "\n".join(found)


def test_loaded_again_the_next_evening_the_demo_is_still_in_the_past() -> None:
    """Idempotent across days: a second load a day later adds only that day's items."""
    first = dt.datetime(2026, 11, 26, 17, 30, tzinfo=ALMATY)
    before = existing_rows()
    with time_machine.travel(first, tick=False):
        call_command("demo_data", stdout=StringIO())
    with time_machine.travel(first + dt.timedelta(days=1, hours=5), tick=False):
        call_command("demo_data", stdout=StringIO())
        found = problems(before)
    assert found == [], "\n".join(found)


def test_the_checks_catch_a_future_value_and_a_backward_history() -> None:
    """The checks themselves can fail (without the demo data)."""
    from qyzmet.notify.models import OutboxMessage
    from qyzmet.notify.services import outbox_enqueue

    message = outbox_enqueue(channel="sms", to="+77010000000", subject="", body="x", language="kk", kind="t")
    OutboxMessage.objects.filter(pk=message.pk).update(sent_at=timezone.now() + dt.timedelta(minutes=1))
    assert [p for p in problems() if p.startswith("notify.OutboxMessage.sent_at")]
    assert ("notify.OutboxMessage", "sent_at") not in FUTURE_BY_NATURE
    OutboxMessage.objects.filter(pk=message.pk).update(sent_at=message.created_at - dt.timedelta(minutes=1))
    assert [p for p in problems() if p.startswith(f"outbox message {message.pk} sent")]
    assert all(
        (label, name) in {(m._meta.label, f.name) for m, f in _date_fields()}
        for label, name in FUTURE_BY_NATURE
    ), "an exception names a field that no longer exists"
