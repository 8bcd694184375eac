"""The demo loader builds applications in every stage through the services, and is idempotent."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone

from qyzmet.core.tests.demo_texts import KAZAKH_ONLY, demo_texts, joined_pair
from qyzmet.delivery.enums import ApplicationStatus, ProactiveOfferStatus, TermViolationKind
from qyzmet.delivery.models import AcceptanceRefusal, Application, ProactiveOffer, TermViolation
from qyzmet.notify.models import OutboxMessage
from qyzmet.workcalendar.calendar import next_working_day

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_covers_every_stage() -> None:
    from qyzmet.delivery import demo as delivery_demo
    from qyzmet.orgs import demo as orgs_demo
    from qyzmet.registry import demo as registry_demo
    from qyzmet.workcalendar import demo as calendar_demo

    out = io.StringIO()
    for module in (calendar_demo, orgs_demo, registry_demo, delivery_demo):
        module.load(out)
    count = Application.objects.count()
    assert set(Application.objects.values_list("status", flat=True)) == set(ApplicationStatus.values)
    assert Application.objects.filter(reapplication_of__isnull=False).exists()
    composite = Application.objects.filter(composite_service__isnull=False).get()
    # Law 1.1-2: one application in the catalogue's bundle, its children at different stages.
    bundle = composite.composite_service
    assert bundle is not None and bundle.description_ru and bundle.life_situation
    assert sorted(composite.children.values_list("status", flat=True)) == sorted(
        [ApplicationStatus.ISSUED, ApplicationStatus.IN_WORK, ApplicationStatus.RECEIVED]
    )
    assert composite.status == ApplicationStatus.RECEIVED
    assert set(ProactiveOffer.objects.values_list("status", flat=True)) == set(ProactiveOfferStatus.values)
    offers = ProactiveOffer.objects.count()
    assert Application.objects.filter(term_violated_on__isnull=False).exists()
    assert set(Application.objects.values_list("language", flat=True)) == {"kk", "ru"}
    by_key = {a.idempotency_key: a for a in Application.objects.exclude(idempotency_key="")}
    # Law 5.2.5: a State Corporation case left at the provider past its handover date.
    kept = by_key["demo-psc-handover-overdue"]
    assert kept.status == ApplicationStatus.RESULT_READY
    assert TermViolation.objects.get(application=kept).kind == TermViolationKind.HANDOVER
    # Law 21.2-1, 21.2: an e-result is issued in the cabinet, a paper one waits for pickup.
    assert by_key["demo-portal-e-result"].status == ApplicationStatus.ISSUED
    assert by_key["demo-portal-paper-awaiting-pickup"].status == ApplicationStatus.RESULT_READY
    # Issue 13.5: the refusal's notices left in its language; a refusal to accept at a branch.
    refused = Application.objects.get(status=ApplicationStatus.REFUSED)
    # Law 19-1.1: the demo's reason names a document that application presented.
    assert any(d.name(refused.language) in refused.refusal_reason for d in refused.documents.all())
    notices = OutboxMessage.objects.filter(dedup_key__startswith=f"delivery:{refused.number}:refused:")
    assert {(m.channel, m.status, m.language) for m in notices} == {
        ("sms", "sent", refused.language),
        ("email", "sent", refused.language),
    }
    assert all(m.sent_at <= timezone.now() for m in notices)  # type: ignore[operator]
    refusal = AcceptanceRefusal.objects.get()
    assert refusal.items.exists() and refusal.refused_at <= timezone.now()
    # Law 20.1 (ADR 0018): accepted at the Astana branch after its 20:00 closing, registered
    # at its opening on the next working day; the branch is open on Saturday mornings too.
    late = by_key["demo-psc-after-hours"]
    accepted = timezone.localtime(late.submitted_at)
    assert accepted.time() == dt.time(20, 30)
    assert late.registered_on == next_working_day(accepted.date() + dt.timedelta(days=1))
    assert late.registered_on <= timezone.localdate()
    assert late.accepting_organisation is not None
    assert late.accepting_organisation.working_schedule["days"][-1]["weekday"] == 5
    delivery_demo.load(out)
    assert AcceptanceRefusal.objects.count() == 1
    assert Application.objects.count() == count
    assert ProactiveOffer.objects.count() == offers


def test_demo_texts_are_one_language_each_in_the_applications() -> None:
    """The texts the demo types into applications and their stages (a note to another body, a
    recipient, a refusal reason) hold one language, not a kk/ru pair joined by " / "."""
    from qyzmet.delivery import demo as delivery_demo
    from qyzmet.orgs import demo as orgs_demo
    from qyzmet.registry import demo as registry_demo
    from qyzmet.workcalendar import demo as calendar_demo

    for module in (calendar_demo, orgs_demo, registry_demo, delivery_demo):
        module.load(io.StringIO())
    texts = demo_texts("delivery")
    assert any(KAZAKH_ONLY.search(t) for t in texts) and len(texts) > 20
    assert [t for t in texts if joined_pair(t)] == []
