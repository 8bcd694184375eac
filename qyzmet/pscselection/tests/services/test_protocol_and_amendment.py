"""PSC 9-11: the protocol, the register amendment and the three months to organise delivery."""

from __future__ import annotations

import datetime as dt

import pytest

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import AuditLog
from qyzmet.notify.models import OutboxMessage
from qyzmet.orgs.tests.factories import OrganisationFactory
from qyzmet.pscselection import services
from qyzmet.pscselection.enums import ConclusionKind, MeetingForm, TaskKind
from qyzmet.pscselection.models import OrganisationTask, Protocol, RegisterAmendment
from qyzmet.registry.enums import Channel, VersionStatus
from qyzmet.registry.models import Service
from qyzmet.registry.tests.factories import ChannelTermFactory, StandardVersionFactory

from ..factories import inspector, staff
from ..world import (
    apply,
    entry,
    form_list,
    make_world,
    meet,
    prepare,
    propose,
    send_list,
    send_protocol,
    through_protocol,
)

pytestmark = pytest.mark.django_db
D = dt.date


def test_psc_9_the_protocol_goes_to_the_interested_bodies_signed_in_kk_and_ru() -> None:
    w = make_world()
    protocol = through_protocol(w)
    assert (protocol.half, protocol.due_on, protocol.sent_on, protocol.is_late) == (
        1,
        D(2026, 5, 12),
        D(2026, 5, 6),
        False,
    )
    bodies = set(protocol.addressees.all())
    assert bodies == {w.health.org, w.duplicate.responsible_body}
    mails = OutboxMessage.objects.filter(kind="psc_protocol_sent")
    assert {m.to for m in mails} == {b.email for b in bodies if b.email}
    names = sorted(a.filename for a in mails.first().attachments.all())  # type: ignore[union-attr]
    assert names == [f"{protocol.number}-kk.pdf", f"{protocol.number}-ru.pdf"]


def test_psc_9_a_protocol_of_a_meeting_after_10_may_is_due_by_10_october() -> None:
    w = make_world()
    propose(w)
    form_list(w)
    send_list(w)
    meeting = meet(w, on=D(2026, 5, 14))
    protocol = send_protocol(w, meeting, on=D(2026, 10, 13))
    assert (protocol.half, protocol.due_on, protocol.is_late) == (2, D(2026, 10, 12), True)


def test_psc_9_the_protocol_follows_the_conclusions_and_only_the_authority_sends_it() -> None:
    w = make_world()
    propose(w)
    form_list(w)
    send_list(w)
    meeting = services.meeting_record(
        actor=w.secretary, cycle=w.cycle, held_on=D(2026, 4, 28), form=MeetingForm.IN_PERSON
    )
    services.conclusion_record(
        actor=w.secretary,
        meeting=meeting,
        entry=entry(w, w.certificate),
        kind=ConclusionKind.POSITIVE,
        reasons="Иә",
    )
    with pytest.raises(ApplicationError) as refused:
        services.protocol_send(actor=w.officer, meeting=meeting, sent_on=D(2026, 5, 6))
    assert "(PSC 9)" in refused.value.message_for("en")
    services.meeting_adopt(actor=w.chair, meeting=meeting, adopted_on=D(2026, 4, 28))
    for actor in (w.secretary, w.chair, w.health.head, inspector()):
        with pytest.raises(AccessDenied):
            services.protocol_send(actor=actor, meeting=meeting, sent_on=D(2026, 5, 6))
    assert not Protocol.objects.exists()


def test_psc_10_the_public_services_authority_prepares_the_draft_by_1_july() -> None:
    w = make_world()
    protocol = through_protocol(w)
    informatization_only = OrganisationFactory.create(code="it-only", is_informatization_authority=True)
    for actor in (staff(informatization_only, "it.only"), w.secretary, w.health.head, w.keeper):
        with pytest.raises(AccessDenied) as denied:
            services.amendment_prepare(
                actor=actor, protocol=protocol, draft_title="Жоба", prepared_on=D(2026, 6, 24)
            )
    assert "(PSC 10)" in denied.value.message_for("en")
    with pytest.raises(ApplicationError) as refused:
        services.amendment_prepare(
            actor=w.officer, protocol=protocol, draft_title=" ", prepared_on=D(2026, 6, 24)
        )
    assert refused.value.field_messages_for("en").keys() == {"draft_title"}
    amendment = prepare(w, protocol, on=D(2026, 7, 2))
    assert (amendment.due_on, amendment.is_late) == (D(2026, 7, 1), True)


def test_psc_10_nothing_to_amend_without_a_positive_conclusion() -> None:
    w = make_world()
    propose(w)
    form_list(w)
    send_list(w)
    meeting = services.meeting_record(
        actor=w.secretary, cycle=w.cycle, held_on=D(2026, 4, 28), form=MeetingForm.IN_PERSON
    )
    services.conclusion_record(
        actor=w.secretary,
        meeting=meeting,
        entry=entry(w, w.duplicate),
        kind=ConclusionKind.NEGATIVE,
        reasons="Жоқ",
    )
    services.meeting_adopt(actor=w.chair, meeting=meeting, adopted_on=D(2026, 4, 28))
    protocol = send_protocol(w, meeting)
    with pytest.raises(ApplicationError) as refused:
        prepare(w, protocol)
    assert "(PSC 10)" in refused.value.message_for("en")


def test_psc_10_and_11_the_adopted_amendment_goes_through_the_registry_and_starts_three_months() -> None:
    w = make_world()
    amendment = apply(w, prepare(w, through_protocol(w)), on=D(2026, 9, 2))
    service = Service.objects.get(pk=w.certificate.pk)
    assert service.is_via_state_corporation
    assert not Service.objects.get(pk=w.duplicate.pk).is_via_state_corporation  # negative
    audit = AuditLog.objects.get(action="registry.service_state_corporation_delivery_enable")
    assert audit.object_id == str(service.pk) and audit.after["decree"] == amendment.decree_reference  # type: ignore[index]
    tasks = {(t.body, t.kind, t.due_on) for t in OrganisationTask.objects.all()}
    assert tasks == {
        (w.health.org, TaskKind.STANDARD, D(2026, 12, 2)),
        (
            amendment.protocol.addressees.model.objects.get(code="mindigital-test"),
            TaskKind.MEASURES,
            D(2026, 12, 2),
        ),
    }
    assert OutboxMessage.objects.filter(kind="psc_amendment_applied", to=w.health.org.email).exists()


def test_psc_10_only_a_registry_administrator_applies_it_and_nothing_is_written_otherwise() -> None:
    w = make_world()
    amendment = prepare(w, through_protocol(w))
    for actor in (w.officer, w.health.head, w.chair):
        with pytest.raises(AccessDenied) as denied:
            services.amendment_apply(
                actor=actor, amendment=amendment, decree_reference="№ 1", adopted_on=D(2026, 9, 2)
            )
    assert "(PSC 10)" in denied.value.message_for("en")
    with pytest.raises(ApplicationError) as refused:
        services.amendment_apply(
            actor=w.keeper, amendment=amendment, decree_reference="", adopted_on=D(2026, 9, 2)
        )
    assert refused.value.field_messages_for("en").keys() == {"decree_reference"}
    assert not Service.objects.get(pk=w.certificate.pk).is_via_state_corporation
    assert not OrganisationTask.objects.exists()
    assert RegisterAmendment.objects.get().applied_on is None


def _new_standard(service: Service, approved_on: dt.date) -> None:
    version = StandardVersionFactory.create(
        service=service,
        number=2,
        status=VersionStatus.APPROVED,
        approved_on=approved_on,
        effective_from=approved_on,
    )
    ChannelTermFactory.create(version=version, channel=Channel.STATE_CORPORATION, term_amount=5)


def test_psc_11_a_body_s_task_is_done_by_a_standard_version_with_the_state_corporation_channel() -> None:
    w = make_world()
    apply(w, prepare(w, through_protocol(w)), on=D(2026, 9, 2))
    task = OrganisationTask.objects.get(kind=TaskKind.STANDARD)
    with pytest.raises(ApplicationError) as refused:
        services.task_complete(actor=w.health.officer, task=task)
    assert "(PSC 11)" in refused.value.message_for("en")
    with pytest.raises(AccessDenied):
        services.task_complete(actor=w.officer, task=task)  # the body's own task
    _new_standard(w.certificate, D(2026, 10, 5))
    done = services.task_complete(actor=w.health.officer, task=task)
    assert done.done_on == D(2026, 10, 5) and not done.is_late_on(D(2026, 11, 23))
    measures = OrganisationTask.objects.get(kind=TaskKind.MEASURES)
    with pytest.raises(ApplicationError) as refused:
        services.task_complete(actor=w.officer, task=measures, note="", done_on=D(2026, 11, 2))
    assert refused.value.field_messages_for("en").keys() == {"note"}
    services.task_complete(
        actor=w.officer, task=measures, note="ХҚО операторлары оқытылды", done_on=D(2026, 11, 2)
    )


def test_psc_10_a_decree_applied_before_its_adoption_is_refused_on_the_day_it_is_applied() -> None:
    w = make_world()
    amendment = prepare(w, through_protocol(w))
    with pytest.raises(ApplicationError) as refused:
        services.amendment_apply(
            actor=w.keeper,
            amendment=amendment,
            decree_reference="№ 700",
            adopted_on=D(2026, 9, 2),
            applied_on=D(2026, 9, 1),
        )
    assert refused.value.field_messages_for("en").keys() == {"applied_on"}
    assert RegisterAmendment.objects.get(pk=amendment.pk).applied_on is None
