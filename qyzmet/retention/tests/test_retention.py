"""Issue 19.5 (ADR 0062): retention periods per kind of record are data; a job proposes what is
due, a system administrator approves, and the record is anonymised or deleted with its files,
leaving a deletion record without personal data; outbox messages with phones and e-mail
addresses are pruned after delivery plus a period; audit rows are never deleted."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from qyzmet.complaints import services as complaint_services
from qyzmet.complaints.enums import ComplaintOutcome
from qyzmet.complaints.models import Complaint
from qyzmet.complaints.tests.factories import complaint_make, officer
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.files import private_storage
from qyzmet.core.models import AuditLog, SignedDocument
from qyzmet.delivery import services as delivery
from qyzmet.delivery.models import Application, ApplicationDocument
from qyzmet.delivery.tests.factories import World, make_world, pdf_bytes, submit
from qyzmet.notify.enums import OutboxStatus
from qyzmet.notify.models import OutboxMessage
from qyzmet.notify.services import outbox_enqueue
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory
from qyzmet.reception.models import Appeal, AppealAnswer, Ticket
from qyzmet.reception.tests.factories import centre_create, hall_make
from qyzmet.retention import services
from qyzmet.retention.enums import DisposalAction, PeriodUnit, ProposalStatus
from qyzmet.retention.models import DeletionRecord, DisposalProposal, RetentionRule

pytestmark = pytest.mark.django_db
YEAR = dt.timedelta(days=365)


def _sysadmin() -> Any:
    user = StaffPositionFactory.create(role=StaffRole.SYSTEM_ADMINISTRATOR).user
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    return user


def _rule(kind: str, *, period: int = 5, unit: str = PeriodUnit.YEARS, **kw: Any) -> RetentionRule:
    return services.retention_rule_save(
        actor=None,
        rule=RetentionRule(
            kind=kind,
            period=period,
            unit=unit,
            action=kw.pop("action", DisposalAction.ANONYMISE),
            basis=kw.pop("basis", "Номенклатура дел органа, статья 12 (пример)"),
            **kw,
        ),
    )


def _closed_application(world: World, *, closed_ago: dt.timedelta) -> Application:
    """An application with a scan, an uploaded result and a signed receipt, issued long ago."""
    application = submit(world)
    ApplicationDocument.objects.filter(application=application).update(file="")
    document = application.documents.first()
    assert document is not None
    document.file.save("scan.pdf", ContentFile(pdf_bytes("scan")), save=True)
    delivery.application_take_in_work(actor=world.officer, application=application)
    delivery.application_result_ready(
        actor=world.officer,
        application=application,
        result_file=ContentFile(pdf_bytes("result"), name="result.pdf"),
    )
    delivery.application_issue(actor=world.officer, application=application)
    SignedDocument.objects.create(
        kind="receipt",
        number=application.number,
        language="kk",
        sha256="0" * 64,
        signed_at=timezone.now(),
        signer_code="x",
        content=b"%PDF",
    )
    Application.objects.filter(pk=application.pk).update(closed_at=timezone.now() - closed_ago)
    application.refresh_from_db()
    return application


def test_issue_19_5_a_period_is_data_with_its_basis_and_refused_when_it_cannot_apply() -> None:
    with pytest.raises(ApplicationError) as refused:
        services.retention_rule_save(
            actor=None,
            rule=RetentionRule(
                kind="delivery.application",
                period=0,
                unit=PeriodUnit.YEARS,
                action=DisposalAction.DELETE,
                basis=" ",
            ),
        )
    assert set(refused.value.fields) == {"action", "period", "basis"}
    service = make_world().service
    with pytest.raises(ApplicationError) as by_service:
        _rule("complaints.complaint", service=service)
    assert "service" in by_service.value.fields
    with pytest.raises(ApplicationError) as unknown:
        _rule("delivery.nothing")
    assert "kind" in unknown.value.fields
    _rule("delivery.application")
    with pytest.raises(ApplicationError) as twice:
        _rule("delivery.application")
    assert "kind" in twice.value.fields
    assert RetentionRule.objects.count() == 1
    assert AuditLog.objects.filter(action="retention.rule_save").count() == 1


def test_issue_19_5_only_a_system_administrator_sets_periods_and_decides_proposals() -> None:
    world = make_world()
    rule = RetentionRule(kind="delivery.application", period=5, action=DisposalAction.ANONYMISE, basis="x")
    for role in (StaffRole.PROVIDER_HEAD, StaffRole.REGISTRY_ADMINISTRATOR, StaffRole.QUALITY_INSPECTOR):
        staff = StaffPositionFactory.create(role=role).user
        with pytest.raises(AccessDenied):
            services.retention_rule_save(actor=staff, rule=rule)
    _rule("delivery.application")
    _closed_application(world, closed_ago=6 * YEAR)
    (proposal,) = services.retention_propose_due()
    for refused in (
        world.head,
        world.officer,
        StaffPositionFactory.create(role=StaffRole.REGISTRY_ADMINISTRATOR).user,
    ):
        with pytest.raises(AccessDenied):
            services.retention_proposal_approve(actor=refused, proposal=proposal)
        with pytest.raises(AccessDenied):
            services.retention_proposal_reject(actor=refused, proposal=proposal, reason="no")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PROPOSED and not DeletionRecord.objects.exists()


def test_issue_19_5_the_job_proposes_and_the_approved_application_is_anonymised_with_its_files(
    django_capture_on_commit_callbacks: Any,
) -> None:
    world = make_world()
    rule = _rule("delivery.application")
    old = _closed_application(world, closed_ago=5 * YEAR + dt.timedelta(days=3))
    recent = _closed_application(world, closed_ago=4 * YEAR)
    open_one = submit(world)
    files = [old.result_file.name, *[d.file.name for d in old.documents.exclude(file="")]]
    assert files and all(private_storage().exists(name) for name in files)
    audit_before = AuditLog.objects.count()

    (proposal,) = services.retention_propose_due()
    assert proposal.identifiers == [old.number] and proposal.rule == rule
    old.refresh_from_db()
    assert old.recipient_iin  # nothing happens before the approval
    assert services.retention_propose_due() == []  # the open proposal holds it

    admin = _sysadmin()
    with django_capture_on_commit_callbacks(execute=True):
        record = services.retention_proposal_approve(actor=admin, proposal=proposal)
    assert record is not None
    old.refresh_from_db()
    assert (old.recipient_iin, old.recipient_name, old.recipient_phone, old.recipient_user_id, old.data) == (
        "",
        "—",
        "",
        None,
        {},
    )
    assert old.number and old.status == "issued" and old.service_id == world.service.pk  # statistics stay
    assert not old.result_file and not old.documents.exclude(file="").exists()
    assert not any(private_storage().exists(name) for name in files)
    assert not SignedDocument.objects.filter(number=old.number).exists()
    for untouched in (recent, open_one):
        untouched.refresh_from_db()
        assert untouched.recipient_iin == world.recipient.iin
    # The deletion record: what, when, by whom, under which rule; no personal data.
    assert (record.kind, record.identifiers, record.approved_by, record.rule) == (
        "delivery.application",
        [old.number],
        admin,
        rule,
    )
    assert record.files_removed == len(files) and record.rule_basis == rule.basis
    text = json.dumps([record.identifiers, record.rule_period, record.rule_basis, proposal.identifiers])
    assert world.recipient.iin not in text and str(world.recipient) not in text
    assert AuditLog.objects.filter(
        action="delivery.application_anonymise", object_id=str(old.pk), actor=admin
    ).exists()
    # The audit log only grew: nothing of it is deleted (append-only, ADR 0013).
    assert AuditLog.objects.count() > audit_before
    # Never proposed again: a year on, only the one that has come due.
    (later,) = services.retention_propose_due(now=timezone.now() + YEAR + dt.timedelta(days=10))
    assert later.identifiers == [recent.number]


def test_issue_19_5_a_service_with_its_own_period_is_left_to_its_rule() -> None:
    world = make_world()
    other = make_world()
    _rule("delivery.application", period=5)
    _rule("delivery.application", period=10, service=world.service)
    kept = _closed_application(world, closed_ago=6 * YEAR)
    due = _closed_application(other, closed_ago=6 * YEAR)
    proposals = services.retention_propose_due()
    assert [p.identifiers for p in proposals] == [[due.number]]
    later = services.retention_propose_due(now=timezone.now() + 5 * YEAR)
    assert [p.identifiers for p in later] == [[kept.number]]


def test_issue_19_5_a_rejection_needs_a_reason_keeps_the_records_and_stands_until_the_rule_changes() -> None:
    world = make_world()
    rule = _rule("delivery.application")
    application = _closed_application(world, closed_ago=6 * YEAR)
    (proposal,) = services.retention_propose_due()
    admin = _sysadmin()
    with pytest.raises(ApplicationError) as no_reason:
        services.retention_proposal_reject(actor=admin, proposal=proposal, reason="  ")
    assert "reason" in no_reason.value.fields
    services.retention_proposal_reject(actor=admin, proposal=proposal, reason="Дело обжалуется в суде")
    with pytest.raises(ApplicationError):
        services.retention_proposal_approve(actor=admin, proposal=proposal)
    application.refresh_from_db()
    assert application.recipient_iin and not DeletionRecord.objects.exists()
    assert services.retention_propose_due() == []
    rule.period = 4
    services.retention_rule_save(actor=admin, rule=rule)
    (again,) = services.retention_propose_due()
    assert again.identifiers == [application.number]


def test_issue_19_5_outbox_messages_with_phones_and_addresses_are_pruned_after_delivery_plus_a_period() -> (
    None
):
    rule = _rule(
        "notify.outbox_message",
        period=90,
        unit=PeriodUnit.DAYS,
        action=DisposalAction.DELETE,
        requires_approval=False,
    )
    now = timezone.now()
    old_sms = outbox_enqueue(channel="sms", to="+77011234567", subject="", body="Өтініш қабылданды")
    old_mail = outbox_enqueue(channel="email", to="a@example.kz", subject="S", body="B")
    fresh = outbox_enqueue(channel="sms", to="+77017654321", subject="", body="B")
    pending = outbox_enqueue(channel="sms", to="+77010000000", subject="", body="B")
    OutboxMessage.objects.filter(pk=old_sms.pk).update(
        status=OutboxStatus.SENT, sent_at=now - dt.timedelta(days=91)
    )
    OutboxMessage.objects.filter(pk=old_mail.pk).update(
        status=OutboxStatus.FAILED, updated_at=now - dt.timedelta(days=95)
    )
    OutboxMessage.objects.filter(pk=fresh.pk).update(
        status=OutboxStatus.SENT, sent_at=now - dt.timedelta(days=10)
    )
    OutboxMessage.objects.filter(pk=pending.pk).update(next_attempt_at=now - dt.timedelta(days=200))

    assert services.retention_propose_due(now=now) == []  # no approval needed: carried out
    assert set(OutboxMessage.objects.values_list("pk", flat=True)) == {fresh.pk, pending.pk}
    (record,) = DeletionRecord.objects.all()
    assert record.rule == rule and record.approved_by is None and record.count == 2
    assert "+7701" not in json.dumps(record.identifiers) and "@" not in json.dumps(record.identifiers)
    assert services.retention_propose_due(now=now) == [] and DeletionRecord.objects.count() == 1


def test_issue_19_5_an_answered_complaint_is_anonymised_after_its_period() -> None:
    body = OrganisationFactory.create()
    complaint = complaint_make(provider=body, registered_on=dt.date(2020, 3, 2))
    complaint_services.complaint_answer(
        complaint=complaint,
        actor=officer(body),
        outcome=ComplaintOutcome.SATISFIED,
        answer_text="Анықтама берілді.",
        answered_on=dt.date(2020, 3, 5),
    )
    _rule("complaints.complaint", period=5)
    (proposal,) = services.retention_propose_due()
    services.retention_proposal_approve(actor=_sysadmin(), proposal=proposal)
    complaint = Complaint.objects.get(pk=complaint.pk)
    assert (complaint.complainant_id, complaint.complainant_iin, complaint.text, complaint.answer_text) == (
        None,
        "",
        "",
        "",
    )
    assert complaint.outcome == ComplaintOutcome.SATISFIED and complaint.number


def _appeal_and_tickets(*, days_ago: int) -> tuple[Appeal, list[Ticket]]:
    centre = centre_create()
    hall = hall_make(centre=centre, code=f"hall-{days_ago}")
    zone = hall.zones.first()
    assert zone is not None
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    at = timezone.now() - dt.timedelta(days=days_ago)
    tickets = [
        Ticket.objects.create(
            zone=zone,
            day=day,
            number=n,
            code=f"{zone.prefix}{n:03d}",
            status="served",
            visitor_name="Әбілов Нұрлан",
            visitor_iin="900517300070",
            issued_at=at,
            queued_at=at,
        )
        for n in (1, 2)
    ]
    appeal = Appeal.objects.create(
        number=f"CRC-{days_ago}",
        centre=centre,
        competent_body=OrganisationFactory.create(),
        kind="statement",
        form="written",
        surname="Әбілов",
        first_name="Нұрлан",
        iin="900517300070",
        postal_address="Астана, Бейбітшілік 10",
        substance="Прошу разъяснить",
        ticket=tickets[0],
        registered_at=at,
    )
    AppealAnswer.objects.create(appeal=appeal, text="Разъяснено", answered_on=day)
    return appeal, tickets


def test_issue_19_5_appeals_are_anonymised_and_queue_tickets_deleted_after_their_periods() -> None:
    appeal, tickets = _appeal_and_tickets(days_ago=6 * 365)
    _recent, recent_tickets = _appeal_and_tickets(days_ago=30)
    _rule("reception.appeal", period=5)
    _rule("reception.ticket", period=6, unit=PeriodUnit.MONTHS, action=DisposalAction.DELETE)
    proposals = {p.kind: p for p in services.retention_propose_due()}
    assert set(proposals) == {"reception.appeal", "reception.ticket"}
    assert len(proposals["reception.ticket"].object_ids) == 2
    admin = _sysadmin()
    for proposal in proposals.values():
        services.retention_proposal_approve(actor=admin, proposal=proposal)
    appeal.refresh_from_db()
    assert (appeal.iin, appeal.first_name, appeal.substance, appeal.postal_address, appeal.ticket_id) == (
        "",
        "",
        "",
        "",
        None,
    )
    assert appeal.answer.text == "" and appeal.number == "CRC-2190"
    assert not Ticket.objects.filter(pk__in=[t.pk for t in tickets]).exists()
    assert Ticket.objects.filter(pk__in=[t.pk for t in recent_tickets]).count() == 2


def test_issue_19_5_queue_tickets_may_be_anonymised_instead() -> None:
    _appeal, tickets = _appeal_and_tickets(days_ago=400)
    _rule("reception.ticket", period=1, unit=PeriodUnit.YEARS)
    (proposal,) = services.retention_propose_due()
    services.retention_proposal_approve(actor=_sysadmin(), proposal=proposal)
    for ticket in tickets:
        ticket.refresh_from_db()
        assert (ticket.visitor_name, ticket.visitor_iin, ticket.status) == ("", "", "served")


def test_issue_19_5_the_admin_edits_periods_and_approves_or_rejects_proposals() -> None:
    world = make_world()
    admin = _sysadmin()
    http = Client()
    http.force_login(admin)
    form = {
        "kind": "delivery.application",
        "service": "",
        "period": "5",
        "unit": "years",
        "action": "delete",
        "requires_approval": "on",
        "basis": "",
        "is_active": "on",
    }
    refused = http.post("/admin/retention/retentionrule/add/", form)
    assert refused.status_code == 200 and not RetentionRule.objects.exists()
    page = refused.content.decode()
    assert "delete" in page  # what was typed stays
    created = http.post(
        "/admin/retention/retentionrule/add/", {**form, "action": "anonymise", "basis": "Номенклатура"}
    )
    assert created.status_code == 302 and RetentionRule.objects.get().action == "anonymise"
    first = _closed_application(world, closed_ago=6 * YEAR)
    (proposal,) = services.retention_propose_due()
    assert http.get("/admin/retention/disposalproposal/").status_code == 200
    asked = http.post(
        "/admin/retention/disposalproposal/", {"action": "reject", "_selected_action": [proposal.pk]}
    )
    assert asked.status_code == 200 and "reason" in asked.content.decode()
    response = http.post(
        "/admin/retention/disposalproposal/", {"action": "approve", "_selected_action": [proposal.pk]}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.recipient_iin == ""
    assert http.get("/admin/retention/deletionrecord/").status_code == 200


@pytest.mark.parametrize(
    ("now", "period", "unit", "cutoff"),
    [
        (dt.datetime(2028, 2, 29, 12), 1, PeriodUnit.YEARS, dt.datetime(2027, 2, 28, 12)),
        (dt.datetime(2026, 3, 31, 9), 1, PeriodUnit.MONTHS, dt.datetime(2026, 2, 28, 9)),
        (dt.datetime(2026, 1, 15), 13, PeriodUnit.MONTHS, dt.datetime(2024, 12, 15)),
        (dt.datetime(2026, 11, 23), 90, PeriodUnit.DAYS, dt.datetime(2026, 8, 25)),
    ],
)
def test_issue_19_5_a_period_counts_back_in_calendar_months_and_years(
    now: dt.datetime, period: int, unit: str, cutoff: dt.datetime
) -> None:
    rule = RetentionRule(kind="x", period=period, unit=unit)
    assert services.rule_cutoff(rule=rule, now=now) == cutoff


def test_issue_19_5_the_worker_runs_the_retention_job_daily() -> None:
    from qyzmet.notify.jobs_runner import discover_jobs

    (job,) = [j for j in discover_jobs() if j.name == "retention.propose_due"]
    assert job.interval_seconds == 86400
    _rule("delivery.application")
    _closed_application(make_world(), closed_ago=6 * YEAR)
    assert job.func() == 1
    assert DisposalProposal.objects.filter(status=ProposalStatus.PROPOSED).count() == 1


def test_issue_19_5_an_anonymised_appeal_keeps_no_representative_iin_no_scan_and_no_answer_address(
    django_capture_on_commit_callbacks: Any,
) -> None:
    """The representative's IIN, the scans entered with the appeal (their files deleted) and the
    address the answer was e-mailed to go with the rest of the appeal's personal data; the
    deletion record counts the files."""
    from qyzmet.reception.models import AppealAttachment

    appeal, _tickets = _appeal_and_tickets(days_ago=6 * 365)
    Appeal.objects.filter(pk=appeal.pk).update(
        by_representative=True, representative_name="Сейітов Арман", representative_iin="880101300123"
    )
    AppealAnswer.objects.filter(appeal=appeal).update(email_to="nurlan@example.kz")
    scans = []
    for role in ("attachment", "power_of_attorney"):
        scan = AppealAttachment(appeal=appeal, role=role, original_name=f"{role}.pdf", size=10)
        scan.file.save(f"{role}.pdf", ContentFile(b"%PDF-1.4 scan"), save=True)
        scans.append(scan.file.name)
    storage = private_storage()
    assert all(storage.exists(name) for name in scans)
    # A recent appeal's scan stays.
    recent, _ = _appeal_and_tickets(days_ago=30)
    kept = AppealAttachment(appeal=recent, role="attachment", original_name="kept.pdf", size=10)
    kept.file.save("kept.pdf", ContentFile(b"%PDF-1.4 kept"), save=True)
    _rule("reception.appeal", period=5)
    (proposal,) = services.retention_propose_due()
    with django_capture_on_commit_callbacks(execute=True):
        services.retention_proposal_approve(actor=_sysadmin(), proposal=proposal)
    appeal.refresh_from_db()
    assert (appeal.representative_iin, appeal.representative_name) == ("", "")
    assert appeal.answer.email_to == "" and appeal.number == f"CRC-{6 * 365}"
    assert not AppealAttachment.objects.filter(appeal=appeal).exists()
    assert not any(storage.exists(name) for name in scans)
    assert storage.exists(kept.file.name)
    record = DeletionRecord.objects.get(kind="reception.appeal")
    assert record.files_removed == 2 and record.identifiers == [appeal.number]
