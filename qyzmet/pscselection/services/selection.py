"""PSC 6-7: the list, formed from the proposals and the computed candidates, put to the commission."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse

from qyzmet.core.links import public_url
from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.notify.services import outbox_enqueue
from qyzmet.pscselection import selectors, terms
from qyzmet.pscselection.enums import (
    EntrySource,
    ProposalStatus,
)
from qyzmet.pscselection.errors import PscErrorCode as E
from qyzmet.pscselection.errors import refusal
from qyzmet.pscselection.models import (
    Cycle,
    ListEntry,
    ProposalItem,
    SelectionList,
)
from qyzmet.pscselection.services.common import (
    _check_day,
    _require_informatization,
    _required,
    _today,
)
from qyzmet.registry.models import Service

# --- PSC 6: the list -------------------------------------------------------------------------


def _entry_problems(*, service: Service, criteria: list[str], volume: int, negative: set[int]) -> list[str]:
    problems = []
    if volume < terms.THRESHOLD:
        problems.append("below_threshold")
    if not criteria:
        problems.append("no_criterion")
    if service.is_via_state_corporation:
        problems.append("via_state_corporation")
    if service.pk in negative:
        problems.append("negative_in_force")
    return problems


@transaction.atomic
def selection_list_form(*, actor: User, cycle: Cycle, formed_on: dt.date | None = None) -> SelectionList:
    """PSC 6: the informatization authority forms the list from the bodies' submitted proposals
    and its own analysis: every PSC 4 candidate of the year before, computed from the delivery
    data, and every proposed service. Each entry freezes the volume (total, by channel, by
    provider; ADR 0040 on refusals), the criteria, the quality indicators of the year before
    (STD appendix) and the public-monitoring conclusions (Law 29); a proposed service that does
    not meet PSC 4 carries why. Formed again before it goes to the commission, it is rebuilt and
    keeps its exclusions."""
    _require_informatization(actor, "6")
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    formed_on = formed_on or _today()
    if formed_on.year < cycle.year:
        # PSC 4, 6: the list of a year is formed that year, from the services rendered in the whole
        # year before; before the year before is over its volumes are not complete.
        raise refusal(
            E.LIST_TOO_EARLY,
            f"{cycle.year} жылғы тізбе {cycle.year} жылы, {cycle.volume_year} жылы толық көрсетілген "
            f"қызметтер бойынша қалыптастырылады: {cycle.year} жылдың 1 қаңтарынан бастап қалыптастырыңыз",
            f"Перечень {cycle.year} года формируется в {cycle.year} году по услугам, оказанным за весь "
            f"{cycle.volume_year} год: сформируйте его не ранее 1 января {cycle.year} года",
            f"The {cycle.year} list is formed in {cycle.year}, from the services rendered in the whole of "
            f"{cycle.volume_year}: form it from 1 January {cycle.year}",
            point="6",
            field="formed_on",
        )
    _check_day(formed_on, field="formed_on", point="6")
    the_list = selectors.list_of(cycle)
    if the_list is not None and the_list.sent_on is not None:
        raise refusal(
            E.LIST_SENT,
            "Тізбе ведомствоаралық комиссияға енгізілген, енді қайта қалыптастырылмайды",
            "Перечень внесён в межведомственную комиссию и больше не формируется заново",
            "The list is with the commission and is not formed again",
            point="7",
        )
    refusals_counted = selectors.count_refusals()
    year = cycle.volume_year
    candidates = {c.service.pk: c for c in selectors.candidate_list(year=year, on=formed_on)}
    vols = selectors.volumes(year=year, refusals=refusals_counted)
    crit = selectors.criteria_by_service()
    negative = selectors.negative_in_force_service_ids(on=formed_on)
    items = list(
        ProposalItem.objects.filter(
            proposal__cycle=cycle, proposal__status=ProposalStatus.SUBMITTED
        ).select_related("service", "proposal")
    )
    proposed: dict[int, list[ProposalItem]] = {}
    for item in items:
        proposed.setdefault(item.service_id, []).append(item)
    services = {c.service.pk: c.service for c in candidates.values()}
    services.update({item.service_id: item.service for item in items})
    kept: dict[int, tuple[str, User | None, dt.date | None]] = {}
    if the_list is None:
        the_list = SelectionList.objects.create(
            cycle=cycle, formed_on=formed_on, formed_by=actor, refusals_counted=refusals_counted
        )
    else:
        kept = {
            e.service_id: (e.exclusion_reason, e.excluded_by, e.excluded_on)
            for e in the_list.entries.filter(excluded=True).select_related("excluded_by")
        }
        the_list.entries.all().delete()
        the_list.formed_on, the_list.formed_by, the_list.refusals_counted = formed_on, actor, refusals_counted
        the_list.save(update_fields=["formed_on", "formed_by", "refusals_counted", "updated_at"])
    ids = set(services)
    indicators = selectors.indicators_by_service(service_ids=ids, year=year)
    monitoring = selectors.monitoring_conclusions(service_ids=ids)
    for sid, service in sorted(services.items(), key=lambda kv: kv[1].code):
        v = vols.get(sid) or selectors.Volume()
        own = crit.get(sid, [])
        criteria = own or sorted({i.criterion for i in proposed.get(sid, [])})
        source = (
            EntrySource.BOTH
            if sid in candidates and sid in proposed
            else EntrySource.ANALYSIS
            if sid in candidates
            else EntrySource.PROPOSAL
        )
        problems = _entry_problems(service=service, criteria=own, volume=v.total, negative=negative)
        reason, by, on = kept.get(sid, ("", None, None))
        entry = ListEntry.objects.create(
            selection_list=the_list,
            service=service,
            source=source,
            criteria=criteria,
            volume=v.total,
            by_channel=dict(sorted(v.by_channel.items())),
            by_provider=selectors.provider_breakdown(v.by_provider),
            meets_rules=not problems,
            problems=problems,
            indicators=indicators.get(sid, {}),
            monitoring=monitoring.get(sid, []),
            excluded=bool(reason),
            exclusion_reason=reason,
            excluded_by=by,
            excluded_on=on,
        )
        entry.proposal_items.set(proposed.get(sid, []))
    audit_record(
        actor=actor,
        action="pscselection.list_form",
        obj=the_list,
        after={
            "formed_on": str(formed_on),
            "services": sorted(s.code for s in services.values()),
            "refusals_counted": refusals_counted,
        },
    )
    return the_list


def _lock_unsent(entry: ListEntry) -> ListEntry:
    entry = ListEntry.objects.select_for_update().select_related("selection_list", "service").get(pk=entry.pk)
    if entry.selection_list.sent_on is not None:
        raise refusal(
            E.LIST_SENT,
            "Тізбе ведомствоаралық комиссияға енгізілген: оны комиссия қарайды",
            "Перечень внесён в межведомственную комиссию: его рассматривает комиссия",
            "The list is with the commission: the commission considers it",
            point="7",
        )
    return entry


@transaction.atomic
def list_entry_exclude(*, actor: User, entry: ListEntry, reason: str) -> ListEntry:
    """PSC 6: the authority leaves a service out of the list, saying why."""
    _require_informatization(actor, "6")
    entry = _lock_unsent(entry)
    reason = _required(reason, field="reason", point="6")
    entry.excluded, entry.exclusion_reason, entry.excluded_by, entry.excluded_on = (
        True,
        reason,
        actor,
        _today(),
    )
    entry.save(update_fields=["excluded", "exclusion_reason", "excluded_by", "excluded_on", "updated_at"])
    audit_record(
        actor=actor,
        action="pscselection.entry_exclude",
        obj=entry,
        after={"service": entry.service.code, "reason": reason},
    )
    return entry


@transaction.atomic
def list_entry_include(*, actor: User, entry: ListEntry) -> ListEntry:
    """PSC 6: an excluded service back in the list."""
    _require_informatization(actor, "6")
    entry = _lock_unsent(entry)
    before = entry.exclusion_reason
    entry.excluded, entry.exclusion_reason, entry.excluded_by, entry.excluded_on = False, "", None, None
    entry.save(update_fields=["excluded", "exclusion_reason", "excluded_by", "excluded_on", "updated_at"])
    audit_record(
        actor=actor, action="pscselection.entry_include", obj=entry, before={"reason": before}, after={}
    )
    return entry


@transaction.atomic
def selection_list_send(
    *, actor: User, selection_list: SelectionList, sent_on: dt.date | None = None
) -> SelectionList:
    """PSC 7: the authority puts the list to the commission (by 20 April). Every service left
    in it must meet PSC 4 (exclude the others with a reason first); the members are told."""
    _require_informatization(actor, "7")
    the_list = SelectionList.objects.select_for_update().select_related("cycle").get(pk=selection_list.pk)
    if the_list.sent_on is not None:
        raise refusal(
            E.LIST_SENT,
            "Тізбе ведомствоаралық комиссияға енгізілген",
            "Перечень уже внесён в межведомственную комиссию",
            "The list is already with the commission",
            point="7",
        )
    included = list(the_list.entries.filter(excluded=False).select_related("service"))
    if not included:
        raise refusal(
            E.LIST_EMPTY,
            "Тізбеде бірде-бір қызмет қалмады",
            "В перечне не осталось ни одной услуги",
            "No service is left in the list",
            point="6",
        )
    out = [e.service.code for e in included if not e.meets_rules]
    if out:
        raise refusal(
            E.LIST_ENTRY_OUT_OF_RULES,
            "Бұл қызметтер іріктеу критерийлеріне сай емес, оларды себебін жазып алып тастаңыз: "
            + ", ".join(out),
            "Эти услуги не отвечают критериям отбора, исключите их, указав причину: " + ", ".join(out),
            "These services do not meet the selection criteria; exclude them with a reason: "
            + ", ".join(out),
            point="4",
        )
    sent_on = sent_on or _today()
    _check_day(sent_on, field="sent_on", point="7", not_before=the_list.formed_on)
    the_list.sent_on, the_list.sent_by = sent_on, actor
    the_list.save(update_fields=["sent_on", "sent_by", "updated_at"])
    audit_record(
        actor=actor,
        action="pscselection.list_send",
        obj=the_list,
        after={"sent_on": str(sent_on), "services": [e.service.code for e in included]},
    )
    link = public_url(reverse("pscselection:commission", kwargs={"year": the_list.cycle.year}))
    for member in selectors.commission_member_list():
        if member.user.email:
            outbox_enqueue(
                channel="email",
                to=member.user.email,
                subject=f"ХҚО / ЦОН {the_list.cycle.year}: тізбе / перечень",
                body=(
                    f"{the_list.cycle.year} жылғы тізбе ведомствоаралық комиссияның қарауына енгізілді "
                    "(ХҚО іріктеу қағидаларының 7-тармағы).\n\nПеречень на "
                    f"{the_list.cycle.year} год внесён на рассмотрение межведомственной комиссии "
                    f"(п. 7 Правил отбора услуг для ЦОН).\n\n{link}"
                ),
                language=member.user.preferred_language or "kk",
                dedup_key=f"psc-list-sent-{the_list.pk}-{member.pk}",
                kind="psc_list_sent",
                user=member.user,
            )
    return the_list
