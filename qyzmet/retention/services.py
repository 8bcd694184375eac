"""Writes of retention (ADR 0062): rules are saved through here (checked and audited); the job
proposes what is due; a system administrator approves (the disposal is carried out at once, by
the owning app's service) or rejects with a reason; every disposal leaves a deletion record.

WHO: rules, approvals and rejections are the system administrator's (``orgs.StaffRole``); the
job runs as the system (no actor). Everyone else is refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.selectors import has_role
from qyzmet.retention.complements import complement_for
from qyzmet.retention.enums import PeriodUnit, ProposalStatus
from qyzmet.retention.errors import RetentionErrorCode
from qyzmet.retention.kinds import Disposed, RecordKind, due_args, record_kind
from qyzmet.retention.models import DeletionRecord, DisposalProposal, DisposedObject, RetentionRule

# At most this many records in one proposal (the next run proposes the rest).
PROPOSAL_LIMIT = 1000
MAX_PERIOD_YEARS = 100


def _t(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


def _require_system_administrator(actor: User) -> None:
    if not has_role(user=actor, roles=[StaffRole.SYSTEM_ADMINISTRATOR]):
        raise AccessDenied(
            _t(
                "Сақтау мерзімдерін және жою ұсыныстарын тек жүйе әкімшісі шешеді.",
                "Сроки хранения и предложения об удалении решает только системный администратор.",
                "Only a system administrator decides retention periods and disposal proposals.",
            )
        )


def _months_back(moment: dt.datetime, months: int) -> dt.datetime:
    """The same day and time ``months`` calendar months earlier (the last day of a shorter month)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (following - dt.timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


def rule_cutoff(*, rule: RetentionRule, now: dt.datetime) -> dt.datetime:
    """Records that ended before this moment have outlived ``rule`` (calendar months and years:
    five years back from 29 February is 28 February)."""
    if rule.unit == PeriodUnit.DAYS:
        return now - dt.timedelta(days=rule.period)
    months = rule.period * (12 if rule.unit == PeriodUnit.YEARS else 1)
    return _months_back(now, months)


def retention_rule_check(*, rule: RetentionRule) -> RecordKind:
    """Everything wrong with ``rule``, at once, each on its field."""
    fields: dict[str, dict[str, str]] = {}
    kind = record_kind(rule.kind)
    if kind is None:
        fields["kind"] = _t("Мұндай жазба түрі жоқ.", "Такого вида записей нет.", "No such kind of record.")
    else:
        if rule.action not in kind.actions:
            allowed = ", ".join(kind.actions)
            fields["action"] = _t(
                f"Бұл жазба түрі үшін рұқсат етілген әрекет: {allowed}.",
                f"Для этого вида записей допустимо: {allowed}.",
                f"This kind of record allows: {allowed}.",
            )
        if rule.service_id is not None and not kind.by_service:
            fields["service"] = _t(
                "Бұл жазба түрінің мерзімі қызмет бойынша бөлінбейді: қызметті бос қалдырыңыз.",
                "Срок этого вида записей не делится по услугам: оставьте услугу пустой.",
                "This kind's period does not differ by service: leave the service empty.",
            )
    years = {PeriodUnit.DAYS: rule.period / 365, PeriodUnit.MONTHS: rule.period / 12}.get(
        PeriodUnit(rule.unit) if rule.unit in PeriodUnit.values else PeriodUnit.YEARS, rule.period
    )
    if not rule.period or years > MAX_PERIOD_YEARS:
        fields["period"] = _t(
            f"Мерзім 1-ден {MAX_PERIOD_YEARS} жылға дейін.",
            f"Срок от 1 дня до {MAX_PERIOD_YEARS} лет.",
            f"The period is one day to {MAX_PERIOD_YEARS} years.",
        )
    if not rule.basis.strip():
        fields["basis"] = _t(
            "Мерзім қайдан алынғанын жазыңыз (істер номенклатурасы, бұйрық).",
            "Укажите, откуда взят срок (номенклатура дел, приказ).",
            "Say where the period comes from (the nomenclature of cases, an order).",
        )
    same = RetentionRule.objects.filter(kind=rule.kind)
    same = (
        same.filter(service_id=rule.service_id)
        if rule.service_id is not None
        else same.filter(service__isnull=True)
    )
    duplicate = same.exclude(pk=rule.pk)
    if not fields and duplicate.exists():
        fields["service" if rule.service_id else "kind"] = _t(
            "Бұл түр (және қызмет) үшін ереже бар: соны өзгертіңіз.",
            "Правило для этого вида (и услуги) уже есть: измените его.",
            "A rule for this kind (and service) exists: change that one.",
        )
    if fields:
        raise ApplicationError(
            RetentionErrorCode.PERIOD_INVALID
            if "period" in fields
            else RetentionErrorCode.ACTION_NOT_ALLOWED,
            _t(
                "Ереже сақталмады: белгіленген өрістерді түзетіңіз.",
                "Правило не сохранено: исправьте отмеченные поля.",
                "The rule is not saved: correct the fields named.",
            ),
            fields=fields,
        )
    assert kind is not None
    return kind


def _rule_snapshot(rule: RetentionRule) -> dict[str, object]:
    return {
        "kind": rule.kind,
        "service": rule.service.code if rule.service_id and rule.service else None,
        "period": rule.period,
        "unit": rule.unit,
        "action": rule.action,
        "requires_approval": rule.requires_approval,
        "active": rule.is_active,
    }


@transaction.atomic
def retention_rule_save(*, actor: User | None, rule: RetentionRule) -> RetentionRule:
    """Create or change a rule (the admin's form): checked, then audited with before and after.
    ``actor`` None is the system (the demo loader, a migration)."""
    if actor is not None:
        _require_system_administrator(actor)
    retention_rule_check(rule=rule)
    before = None
    if rule.pk is not None:
        previous = RetentionRule.objects.select_for_update().filter(pk=rule.pk).order_by().first()
        before = _rule_snapshot(previous) if previous is not None else None
    rule.save()
    audit_record(
        actor=actor, action="retention.rule_save", obj=rule, before=before, after=_rule_snapshot(rule)
    )
    return rule


def _disposed_pks(kind: str) -> object:
    return DisposedObject.objects.filter(kind=kind).values("object_pk")


def _other_service_ids(rule: RetentionRule) -> list[int]:
    if rule.service_id is not None:
        return []
    return list(
        RetentionRule.objects.filter(kind=rule.kind, service__isnull=False).values_list(
            "service_id", flat=True
        )
    )


def _held(rule: RetentionRule) -> set[int]:
    """Records an open proposal holds, or a rejected one since the rule last changed (a rejection
    stands until the rule is changed)."""
    ids: set[int] = set()
    rows = DisposalProposal.objects.filter(kind=rule.kind).filter(
        Q(status=ProposalStatus.PROPOSED) | Q(status=ProposalStatus.REJECTED, decided_at__gte=rule.updated_at)
    )
    for row in rows.values_list("object_ids", flat=True):
        ids.update(int(i) for i in row)
    return ids


def _due(
    *, kind: RecordKind, rule: RetentionRule, cutoff: dt.datetime, only: Sequence[int] | None, limit: int
) -> list[tuple[int, str]]:
    found = kind.due(
        **due_args(
            cutoff=cutoff,
            service_id=rule.service_id,
            other_service_ids=_other_service_ids(rule),
            exclude=_disposed_pks(rule.kind),  # type: ignore[arg-type]
            only=only,
            limit=limit,
        )
    )
    return [(d.pk, d.identifier) for d in found]


def _carry_out(
    *,
    rule: RetentionRule,
    kind: RecordKind,
    pks: Sequence[int],
    approved_by: User | None,
    proposal: DisposalProposal | None,
    now: dt.datetime,
) -> DeletionRecord | None:
    """Dispose of ``pks`` (still due: checked again) through the owning app and record it."""
    still = _due(kind=kind, rule=rule, cutoff=rule_cutoff(rule=rule, now=now), only=pks, limit=len(pks) or 1)
    if not still:
        return None
    disposed: Disposed = kind.dispose(
        actor=approved_by, pks=[pk for pk, _ in still], action=rule.action, rule=rule.label
    )
    complement = complement_for(rule.kind)
    if complement is not None:
        files = complement(pks=[pk for pk, _ in still], action=rule.action)
        disposed = Disposed(identifiers=disposed.identifiers, files=disposed.files + files)
    record = DeletionRecord.objects.create(
        kind=rule.kind,
        action=rule.action,
        rule=rule,
        rule_period=f"{rule.period} {rule.unit}",
        rule_basis=rule.basis,
        proposal=proposal,
        identifiers=disposed.identifiers,
        count=disposed.count,
        files_removed=disposed.files,
        approved_by=approved_by,
        carried_out_at=now,
    )
    DisposedObject.objects.bulk_create(
        [DisposedObject(kind=rule.kind, object_pk=pk, record=record) for pk, _ in still],
        ignore_conflicts=True,
    )
    audit_record(
        actor=approved_by,
        action="retention.carried_out",
        obj=record,
        after={
            "kind": rule.kind,
            "action": rule.action,
            "rule": rule.pk,
            "count": record.count,
            "files": record.files_removed,
        },
    )
    return record


@transaction.atomic
def retention_propose_due(*, now: dt.datetime | None = None) -> list[DisposalProposal]:
    """The job (daily): for each active rule, the records whose period has run out and that no
    open proposal holds yet become one proposal for an officer to decide; a rule that needs no
    approval (outbox messages) is carried out at once. Idempotent."""
    now = now or timezone.now()
    proposals: list[DisposalProposal] = []
    for rule in RetentionRule.objects.filter(is_active=True).select_related("service"):
        kind = record_kind(rule.kind)
        if kind is None or rule.action not in kind.actions:
            continue
        cutoff = rule_cutoff(rule=rule, now=now)
        if not rule.requires_approval:
            due = _due(kind=kind, rule=rule, cutoff=cutoff, only=None, limit=PROPOSAL_LIMIT * 10)
            if due:
                _carry_out(
                    rule=rule, kind=kind, pks=[pk for pk, _ in due], approved_by=None, proposal=None, now=now
                )
            continue
        held = _held(rule)
        due = [
            d
            for d in _due(kind=kind, rule=rule, cutoff=cutoff, only=None, limit=PROPOSAL_LIMIT + len(held))
            if d[0] not in held
        ][:PROPOSAL_LIMIT]
        if not due:
            continue
        proposal = DisposalProposal.objects.create(
            rule=rule,
            kind=rule.kind,
            action=rule.action,
            cutoff=cutoff,
            object_ids=[pk for pk, _ in due],
            identifiers=[identifier for _, identifier in due],
            proposed_at=now,
        )
        audit_record(
            actor=None,
            action="retention.proposed",
            obj=proposal,
            after={"kind": rule.kind, "rule": rule.pk, "count": len(due), "cutoff": cutoff.isoformat()},
        )
        proposals.append(proposal)
    return proposals


def _decidable(proposal: DisposalProposal) -> DisposalProposal:
    proposal = DisposalProposal.objects.select_for_update().select_related("rule").get(pk=proposal.pk)
    if proposal.status != ProposalStatus.PROPOSED:
        raise ApplicationError(
            RetentionErrorCode.PROPOSAL_DECIDED,
            _t(
                "Бұл ұсыныс бойынша шешім қабылданған.",
                "По этому предложению решение уже принято.",
                "This proposal has been decided already.",
            ),
        )
    return proposal


@transaction.atomic
def retention_proposal_approve(
    *, actor: User, proposal: DisposalProposal, now: dt.datetime | None = None
) -> DeletionRecord | None:
    """A system administrator approves: the records still due are anonymised or deleted with
    their files by the owning app, and a deletion record says what, when, by whom and under
    which rule. A record no longer due (its period changed) is left alone."""
    _require_system_administrator(actor)
    proposal = _decidable(proposal)
    now = now or timezone.now()
    kind = record_kind(proposal.kind)
    if kind is None:
        raise ApplicationError(
            RetentionErrorCode.UNKNOWN_KIND,
            _t("Жазба түрі белгісіз.", "Вид записей неизвестен.", "Unknown kind of record."),
        )
    record = _carry_out(
        rule=proposal.rule, kind=kind, pks=proposal.object_ids, approved_by=actor, proposal=proposal, now=now
    )
    proposal.status = ProposalStatus.CARRIED_OUT
    proposal.decided_by = actor
    proposal.decided_at = now
    proposal.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    audit_record(
        actor=actor,
        action="retention.proposal_approve",
        obj=proposal,
        before={"status": ProposalStatus.PROPOSED},
        after={"status": proposal.status, "count": record.count if record else 0},
    )
    return record


@transaction.atomic
def retention_proposal_reject(
    *, actor: User, proposal: DisposalProposal, reason: str, now: dt.datetime | None = None
) -> DisposalProposal:
    """A system administrator rejects, saying why (the records stay; a later run may propose
    them again, e.g. after the rule changed)."""
    _require_system_administrator(actor)
    if not reason.strip():
        raise ApplicationError(
            RetentionErrorCode.REASON_MISSING,
            _t(
                "Неге бас тартатыныңызды жазыңыз.",
                "Укажите причину отказа.",
                "Give the reason for the rejection.",
            ),
            fields={"reason": _t("Себебін жазыңыз.", "Укажите причину.", "Give the reason.")},
        )
    proposal = _decidable(proposal)
    proposal.status = ProposalStatus.REJECTED
    proposal.decided_by = actor
    proposal.decided_at = now or timezone.now()
    proposal.reason = reason.strip()
    proposal.save(update_fields=["status", "decided_by", "decided_at", "reason", "updated_at"])
    audit_record(
        actor=actor,
        action="retention.proposal_reject",
        obj=proposal,
        before={"status": ProposalStatus.PROPOSED},
        after={"status": proposal.status, "reason": proposal.reason},
    )
    return proposal
