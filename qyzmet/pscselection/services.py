"""Writes of the PSC selection (PSC 4-11). Every function is keyword-only, atomic, checks who
acts and what was typed before it writes (a refusal names the point and writes nothing), audits
the change and sends its mail through the outbox (after commit).

Who acts (``selectors``): the informatization authority keeps the criteria, forms the list,
puts it to the commission and sends the protocols (PSC 4, 6, 7, 9); the commission's secretary
records meetings and conclusions, its chair adopts them (PSC 7-8); a body's staff draft its
proposals and its head signs them (PSC 5); the public-services authority prepares the draft
amendment (PSC 10), a registry administrator applies the adopted one through the registry's
service; the bodies and the informatization authority organise delivery (PSC 11).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.links import public_url
from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.notify.services import Attachment, outbox_enqueue
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import authority
from qyzmet.pscselection import selectors, terms
from qyzmet.pscselection.enums import (
    CommissionFunction,
    ConclusionKind,
    Criterion,
    EntrySource,
    MeetingForm,
    Owner,
    ProposalStatus,
    Step,
    TaskKind,
)
from qyzmet.pscselection.errors import PscErrorCode as E
from qyzmet.pscselection.errors import refusal, refusals
from qyzmet.pscselection.models import (
    CommissionMember,
    Conclusion,
    Cycle,
    ListEntry,
    Meeting,
    OrganisationTask,
    Proposal,
    ProposalItem,
    Protocol,
    RegisterAmendment,
    SelectionList,
    ServiceCriteria,
    StepFlag,
)
from qyzmet.registry.enums import Channel as RegistryChannel
from qyzmet.registry.models import Service
from qyzmet.registry.selectors import state_corporation_version_since
from qyzmet.registry.services import service_state_corporation_delivery_enable
from qyzmet.workcalendar.calendar import WorkCalendar

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _today() -> dt.date:
    return timezone.localdate()


# --- who may act ---------------------------------------------------------------------------


def _require_informatization(user: User, point: str) -> Organisation:
    org = selectors.informatization_authority_of(user=user)
    if org is None:
        raise AccessDenied(
            _texts(
                "Бұл қадамды ақпараттандыру саласындағы уәкілетті орган жасайды",
                "Этот шаг выполняет уполномоченный орган в сфере информатизации",
                "The informatization authority takes this step",
                point,
            )
        )
    return org


def _require_public_services(user: User) -> Organisation:
    org = selectors.public_services_authority_of(user=user)
    if org is None:
        raise AccessDenied(
            _texts(
                "Тізілімге өзгеріс жобасын мемлекеттік көрсетілетін қызметтер саласындағы уәкілетті орган әзірлейді",
                "Проект изменения реестра разрабатывает уполномоченный орган в сфере оказания государственных услуг",
                "The public-services authority prepares the draft amendment of the register",
                "10",
            )
        )
    return org


def _require_member(user: User, *functions: str) -> CommissionMember:
    member = selectors.commission_membership(user=user)
    if member is None or member.function not in functions:
        who: dict[str, tuple[str, str, str]] = {
            CommissionFunction.CHAIR: ("төрағасы", "председатель", "chair"),
            CommissionFunction.SECRETARY: ("хатшысы", "секретарь", "secretary"),
        }
        kk = " немесе ".join(who[f][0] for f in functions if f in who)
        ru = " или ".join(who[f][1] for f in functions if f in who)
        en = " or ".join(who[f][2] for f in functions if f in who)
        raise AccessDenied(
            _texts(
                f"Мұны ведомствоаралық комиссияның {kk} жасайды",
                f"Это делает {ru} межведомственной комиссии",
                f"The interdepartmental commission's {en} does this",
                "8",
            )
        )
    return member


def _texts(kk: str, ru: str, en: str, point: str) -> dict[str, str]:
    from qyzmet.pscselection.errors import cite

    where = cite(point)
    return {"kk": f"{kk} ({where['kk']}).", "ru": f"{ru} ({where['ru']}).", "en": f"{en} ({where['en']})."}


# --- common checks -----------------------------------------------------------------------------


def _check_year(year: int) -> None:
    if not terms.valid_year(year):
        raise refusal(
            E.YEAR_INVALID,
            f"Жыл {terms.FIRST_YEAR}-{terms.LAST_YEAR} аралығында болуы керек",
            f"Год должен быть в пределах {terms.FIRST_YEAR}-{terms.LAST_YEAR}",
            f"The year must be within {terms.FIRST_YEAR}-{terms.LAST_YEAR}",
            point="5",
            field="year",
        )


def _check_day(day: dt.date, *, field: str, point: str, not_before: dt.date | None = None) -> None:
    if day > _today():
        raise refusal(
            E.DATE_IN_FUTURE,
            "Күн болашақта болмауы керек: болған күнін жазыңыз",
            "Дата не может быть в будущем: укажите день, когда это было",
            "The date cannot be in the future: give the day it happened",
            point=point,
            field=field,
        )
    if not_before is not None and day < not_before:
        raise refusal(
            E.DATE_TOO_EARLY,
            f"Күн алдыңғы қадамның күнінен ({not_before:%d.%m.%Y}) ерте болмайды",
            f"Дата не может быть раньше предыдущего шага ({not_before:%d.%m.%Y})",
            f"The date cannot be before the previous step ({not_before:%d.%m.%Y})",
            point=point,
            field=field,
        )


def _required(value: str, *, field: str, point: str) -> str:
    value = (value or "").strip()
    if not value:
        raise refusal(
            E.FIELD_REQUIRED,
            "Толтыру міндетті",
            "Обязательное поле",
            "This field is required",
            point=point,
            field=field,
        )
    return value


def cycle_for(year: int) -> Cycle:
    """The cycle of ``year`` (made on first use: a year has one selection)."""
    _check_year(year)
    cycle, _created = Cycle.objects.get_or_create(year=year)
    return cycle


def _next_number(
    prefix: str, model: type[Proposal] | type[Meeting] | type[Protocol] | type[RegisterAmendment]
) -> str:
    count = model.objects.filter(number__startswith=prefix).count()
    return f"{prefix}{count + 1:03d}"


def _email(
    org: Organisation | None,
    *,
    subject: str,
    body: str,
    key: str,
    kind: str,
    attachments: Sequence[Attachment] = (),
) -> None:
    if org is None or not org.email:
        return
    outbox_enqueue(
        channel="email",
        to=org.email,
        subject=subject,
        body=body,
        dedup_key=key,
        kind=kind,
        attachments=attachments,
    )


# --- PSC 4: the criteria of a service --------------------------------------------------------


@transaction.atomic
def service_criteria_set(
    *, actor: User, service: Service, informational: bool, duplicate: bool, licence_or_permit: bool
) -> ServiceCriteria:
    """PSC 4.1-4.3: the informatization authority records which criteria a service meets."""
    _require_informatization(actor, "4")
    found = ServiceCriteria.objects.select_for_update().filter(service=service).first()
    before = found.criteria if found else []
    criteria = found or ServiceCriteria(service=service)
    criteria.informational, criteria.duplicate = informational, duplicate
    criteria.licence_or_permit, criteria.set_by = licence_or_permit, actor
    criteria.save()
    audit_record(
        actor=actor,
        action="pscselection.criteria_set",
        obj=criteria,
        before={"criteria": before},
        after={"service": service.code, "criteria": criteria.criteria},
    )
    return criteria


# --- PSC 5: proposals ------------------------------------------------------------------------


def _require_body_staff(user: User, body: Organisation) -> None:
    if body not in selectors.proposing_bodies_of(user=user):
        raise AccessDenied(
            _texts(
                "Ұсынысты орталық мемлекеттік орган немесе жергілікті атқарушы орган өз атынан береді",
                "Предложения вносит центральный государственный орган или местный исполнительный орган от своего имени",
                "A central state body or a local executive body proposes, for itself",
                "5",
            )
        )


def _lock_draft(proposal: Proposal) -> Proposal:
    proposal = Proposal.objects.select_for_update().select_related("cycle", "body").get(pk=proposal.pk)
    if proposal.status != ProposalStatus.DRAFT:
        raise refusal(
            E.PROPOSAL_SUBMITTED,
            "Ұсыныс басшының қолымен жіберілген, енді өзгертілмейді",
            "Предложения подписаны руководителем и направлены, их уже не изменить",
            "The proposals are signed by the head and submitted; they can no longer change",
            point="5",
        )
    return proposal


def _list_sent_refusal(year: int) -> ApplicationError:
    return refusal(
        E.PROPOSAL_TOO_LATE,
        f"{year} жылғы тізбе ведомствоаралық комиссияға енгізілген: ұсынысты келесі жылға беріңіз",
        f"Перечень {year} года уже внесён в межведомственную комиссию: внесите предложение на следующий год",
        f"The {year} list is already with the commission: propose for the next year",
        point="7",
    )


@transaction.atomic
def proposal_create(*, actor: User, body: Organisation, year: int) -> Proposal:
    """PSC 5: a body starts its proposals of ``year`` (a draft; one per body and year)."""
    _require_body_staff(actor, body)
    cycle = cycle_for(year)
    the_list = selectors.list_of(cycle)
    if the_list is not None and the_list.sent_on is not None:
        raise _list_sent_refusal(year)
    if Proposal.objects.filter(cycle=cycle, body=body).exists():
        raise refusal(
            E.PROPOSAL_EXISTS,
            f"{body.short_name('kk')} {year} жылға ұсыныс бастаған: соған қызмет қосыңыз",
            f"У органа {body.short_name('ru')} уже есть предложения на {year} год: добавьте услуги в них",
            f"{body.code} already has proposals for {year}: add services to them",
            point="5",
            field="year",
        )
    proposal = Proposal.objects.create(
        cycle=cycle,
        body=body,
        number=_next_number(f"P-{year}-", Proposal),
        drafted_by=actor,
        due_on=terms.step_due_on(year, Step.PROPOSALS),
    )
    audit_record(actor=actor, action="pscselection.proposal_create", obj=proposal, after={"body": body.code})
    return proposal


@transaction.atomic
def proposal_item_add(
    *,
    actor: User,
    proposal: Proposal,
    service: Service | None,
    criterion: str,
    yearly_volume: int | None,
    current_channels: Iterable[str],
    reasons: str,
) -> ProposalItem:
    """PSC 4, 5, appendix: one proposed service with its criterion, yearly volume (at least
    1,000), the channels it is delivered through today, and the reasons. Every problem is said
    at once; nothing is written."""
    _require_body_staff(actor, proposal.body)
    proposal = _lock_draft(proposal)
    channels = list(dict.fromkeys(current_channels))
    problems: dict[str, tuple[str, str, str, str | None]] = {}
    if service is None or not service.is_active:
        problems["service"] = (
            "Тізілімдегі қызметті таңдаңыз",
            "Выберите услугу из реестра",
            "Choose a service of the register",
            "5",
        )
    elif service.is_via_state_corporation:
        problems["service"] = (
            "Бұл қызмет ХҚО арқылы көрсетіледі: ұсыныс ХҚО арқылы әлі көрсетілмейтін қызметке беріледі",
            "Эта услуга уже оказывается через ЦОН: предлагаются услуги, которые через ЦОН ещё не оказываются",
            "This service is already delivered through the Public Service Centres: propose one that is not",
            "2",
        )
    elif proposal.items.filter(service=service).exists():
        problems["service"] = (
            "Бұл қызмет ұсыныста бар",
            "Эта услуга уже есть в предложениях",
            "This service is already in the proposals",
            "appendix",
        )
    if criterion not in Criterion.values:
        problems["criterion"] = (
            "Критерийді таңдаңыз: анықтамалар, телнұсқа, лицензиялар мен рұқсаттар",
            "Выберите критерий: справки, дубликат, лицензии и разрешения",
            "Choose a criterion: certificates, a duplicate, licences and permits",
            "4",
        )
    if yearly_volume is None or yearly_volume < terms.THRESHOLD:
        problems["yearly_volume"] = (
            f"Жылына кемінде {terms.THRESHOLD} рет көрсетілген қызмет ұсынылады",
            f"Предлагается услуга, оказываемая не менее {terms.THRESHOLD} раз в год",
            f"A service rendered at least {terms.THRESHOLD} times a year is proposed",
            "4",
        )
    if not channels or any(c not in RegistryChannel.values for c in channels):
        problems["current_channels"] = (
            "Қазір қандай арналармен көрсетілетінін таңдаңыз",
            "Выберите, как услуга оказывается сейчас",
            "Choose how the service is delivered today",
            "appendix",
        )
    if not (reasons or "").strip():
        problems["reasons"] = (
            "ХҚО арқылы көрсету неге қажет екенін жазыңыз",
            "Напишите, почему услугу нужно оказывать через ЦОН",
            "Write why the service should be delivered through the Public Service Centres",
            "2",
        )
    if problems:
        raise refusals(
            E.ITEM_INVALID,
            problems,
            summary=(
                "Ұсынысты түзетіңіз: ештеңе сақталмады.",
                "Исправьте предложение: ничего не сохранено.",
                "Correct the proposal: nothing is saved.",
            ),
        )
    assert service is not None and yearly_volume is not None
    item = ProposalItem.objects.create(
        proposal=proposal,
        service=service,
        criterion=criterion,
        yearly_volume=yearly_volume,
        current_channels=channels,
        reasons=reasons.strip(),
    )
    audit_record(
        actor=actor,
        action="pscselection.proposal_item_add",
        obj=proposal,
        after={"service": service.code, "criterion": criterion, "yearly_volume": yearly_volume},
    )
    return item


@transaction.atomic
def proposal_item_remove(*, actor: User, item: ProposalItem) -> None:
    _require_body_staff(actor, item.proposal.body)
    proposal = _lock_draft(item.proposal)
    code = item.service.code
    item.delete()
    audit_record(
        actor=actor, action="pscselection.proposal_item_remove", obj=proposal, before={"service": code}
    )


@transaction.atomic
def proposal_submit(*, actor: User, proposal: Proposal, submitted_on: dt.date | None = None) -> Proposal:
    """PSC 5: the body's head signs and submits the proposals to the informatization authority;
    after 20 February (moved off a non-working day, ADR 0041) they are accepted and marked late.
    The authority is told by e-mail with the signed PDF and the XLSX."""
    if not selectors.is_head_of(user=actor, body=proposal.body):
        raise AccessDenied(
            _texts(
                "Ұсынысқа органның басшысы қол қояды: оны осы органның басшысы жібереді",
                "Предложения подписывает руководитель органа: их направляет руководитель этого органа",
                "The head of the body signs the proposals: the head of this body submits them",
                "5",
            )
        )
    proposal = _lock_draft(proposal)
    the_list = selectors.list_of(proposal.cycle)
    if the_list is not None and the_list.sent_on is not None:
        raise _list_sent_refusal(proposal.cycle.year)
    if not proposal.items.exists():
        raise refusal(
            E.PROPOSAL_EMPTY,
            "Ұсыныста бірде-бір қызмет жоқ: алдымен қызмет қосыңыз",
            "В предложениях нет ни одной услуги: сначала добавьте услугу",
            "The proposals name no service: add one first",
            point="appendix",
        )
    submitted_on = submitted_on or _today()
    _check_day(
        submitted_on, field="submitted_on", point="5", not_before=dt.date(proposal.cycle.year - 1, 1, 1)
    )
    proposal.status = ProposalStatus.SUBMITTED
    proposal.submitted_on = submitted_on
    proposal.signed_by = actor
    proposal.signatory_name = actor.get_full_name() or actor.username
    proposal.is_late = submitted_on > proposal.due_on
    proposal.save(
        update_fields=["status", "submitted_on", "signed_by", "signatory_name", "is_late", "updated_at"]
    )
    audit_record(
        actor=actor,
        action="pscselection.proposal_submit",
        obj=proposal,
        before={"status": ProposalStatus.DRAFT},
        after={"status": proposal.status, "submitted_on": str(submitted_on), "late": proposal.is_late},
    )

    def mail() -> None:
        from qyzmet.pscselection import documents

        body_name = proposal.body
        late = " (кешіккен / с опозданием)" if proposal.is_late else ""
        _email(
            authority("informatization"),
            subject=f"ХҚО / ЦОН {proposal.cycle.year}: {proposal.number}{late}",
            body=(
                f"{body_name.name_kk} ХҚО арқылы көрсетілетін қызметтер санын ұлғайту жөнінде ұсыныс жіберді "
                f"(ХҚО іріктеу қағидаларының 5-тармағы).\n\n{body_name.name_ru} направил предложения по "
                "увеличению количества услуг, оказываемых через ЦОН (п. 5 Правил отбора услуг для ЦОН).\n\n"
                + public_url(reverse("pscselection:proposal", kwargs={"pk": proposal.pk}))
            ),
            key=f"psc-proposal-{proposal.pk}",
            kind="psc_proposal_submitted",
            attachments=[
                Attachment(
                    f"{proposal.number}.pdf",
                    "application/pdf",
                    documents.proposal_signed_pdf(proposal=proposal, language="kk"),
                ),
                Attachment(
                    f"{proposal.number}.xlsx",
                    XLSX,
                    documents.proposals_xlsx(proposals=[proposal], language="kk"),
                ),
            ],
        )

    mail()
    return proposal


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
    _check_day(formed_on, field="formed_on", point="6", not_before=dt.date(cycle.year - 1, 1, 1))
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


# --- PSC 3.2, 7-8: the commission --------------------------------------------------------------


@transaction.atomic
def commission_member_appoint(
    *, actor: User, user: User, function: str, organisation: Organisation, appointed_on: dt.date | None = None
) -> CommissionMember:
    """PSC 3.2: the informatization authority names a member of the commission under it (one
    chair and one secretary at a time)."""
    _require_informatization(actor, "3.2")
    appointed_on = appointed_on or _today()
    problems: dict[str, tuple[str, str, str, str | None]] = {}
    if function not in CommissionFunction.values:
        problems["function"] = ("Қызметін таңдаңыз", "Выберите функцию", "Choose the function", "3.2")
    elif function != CommissionFunction.MEMBER and selectors.commission_members_with(function).exists():
        problems["function"] = (
            "Комиссияда бұл қызметті атқаратын мүше бар: алдымен оны босатыңыз",
            "В комиссии уже есть член с этой функцией: сначала освободите его",
            "The commission already has a member with this function: release them first",
            "3.2",
        )
    if selectors.commission_membership(user=user) is not None:
        problems["user"] = (
            "Бұл адам комиссия мүшесі",
            "Этот человек уже член комиссии",
            "This person is already a member of the commission",
            "3.2",
        )
    if appointed_on > _today():
        problems["appointed_on"] = (
            "Күн болашақта болмауы керек",
            "Дата не может быть в будущем",
            "The date cannot be in the future",
            "3.2",
        )
    if problems:
        raise refusals(
            E.MEMBER_INVALID,
            problems,
            summary=("Мүше тағайындалмады.", "Член комиссии не назначен.", "No member appointed."),
        )
    member = CommissionMember.objects.create(
        user=user, function=function, organisation=organisation, appointed_on=appointed_on
    )
    audit_record(
        actor=actor,
        action="pscselection.member_appoint",
        obj=member,
        after={"user": user.username, "function": function, "organisation": organisation.code},
    )
    return member


@transaction.atomic
def commission_member_release(*, actor: User, member: CommissionMember) -> CommissionMember:
    _require_informatization(actor, "3.2")
    member = CommissionMember.objects.select_for_update().get(pk=member.pk)
    member.is_active = False
    member.save(update_fields=["is_active", "updated_at"])
    audit_record(actor=actor, action="pscselection.member_release", obj=member, after={"active": False})
    return member


@transaction.atomic
def meeting_record(*, actor: User, cycle: Cycle, held_on: dt.date, form: str) -> Meeting:
    """PSC 7: the secretary records a meeting on the list put to the commission, in person or
    in absentia; a third absentee meeting in a calendar year is refused."""
    _require_member(actor, CommissionFunction.SECRETARY, CommissionFunction.CHAIR)
    the_list = selectors.list_of(cycle)
    if the_list is None or the_list.sent_on is None:
        raise refusal(
            E.LIST_NOT_SENT,
            "Тізбе комиссияға әлі енгізілмеген: комиссия оны енгізілгеннен кейін қарайды",
            "Перечень ещё не внесён в комиссию: комиссия рассматривает его после внесения",
            "The list is not yet with the commission: the commission considers it once put to it",
            point="7",
        )
    if form not in MeetingForm.values:
        raise refusal(
            E.FIELD_REQUIRED,
            "Отырыстың нысанын таңдаңыз: күндізгі немесе сырттай",
            "Выберите форму заседания: очная или заочная",
            "Choose the form of the meeting: in person or in absentia",
            point="7",
            field="form",
        )
    _check_day(held_on, field="held_on", point="7", not_before=the_list.sent_on)
    if form == MeetingForm.IN_ABSENTIA:
        # PSC 7: the absentee meetings of the calendar year, counted under a lock on the cycles.
        list(Cycle.objects.select_for_update().all())
        held = selectors.absentee_meetings_in(year=held_on.year)
        if held >= terms.ABSENTEE_MEETINGS_PER_YEAR:
            raise refusal(
                E.ABSENTEE_LIMIT,
                f"{held_on.year} жылы сырттай отырыс {held} рет өткізілді: жылына екі реттен жиі емес, "
                "отырысты күндізгі нысанда өткізіңіз",
                f"В {held_on.year} году заочных заседаний уже {held}: не чаще двух раз в год, проведите "
                "очное заседание",
                f"{held} absentee meetings were held in {held_on.year}: at most two a year, meet in person",
                point="7",
                field="form",
            )
    meeting = Meeting.objects.create(
        cycle=cycle,
        number=_next_number(f"M-{cycle.year}-", Meeting),
        held_on=held_on,
        form=form,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action="pscselection.meeting_record",
        obj=meeting,
        after={"held_on": str(held_on), "form": form},
    )
    return meeting


def _lock_open_meeting(meeting: Meeting) -> Meeting:
    meeting = Meeting.objects.select_for_update().select_related("cycle").get(pk=meeting.pk)
    if meeting.adopted_on is not None:
        raise refusal(
            E.MEETING_ADOPTED,
            "Отырыстың қорытындылары қабылданған, енді өзгертілмейді",
            "Заключения заседания приняты и больше не изменяются",
            "The meeting's conclusions are adopted and no longer change",
            point="8",
        )
    return meeting


@transaction.atomic
def conclusion_record(
    *, actor: User, meeting: Meeting, entry: ListEntry | None, kind: str, reasons: str
) -> Conclusion:
    """PSC 8: a positive or negative conclusion on a service of the list, with its reasons; a
    negative one holds one year from the meeting."""
    _require_member(actor, CommissionFunction.SECRETARY, CommissionFunction.CHAIR)
    meeting = _lock_open_meeting(meeting)
    problems: dict[str, tuple[str, str, str, str | None]] = {}
    if entry is None or entry.selection_list.cycle_id != meeting.cycle_id or entry.excluded:
        problems["entry"] = (
            "Комиссияға енгізілген тізбедегі қызметті таңдаңыз",
            "Выберите услугу из перечня, внесённого в комиссию",
            "Choose a service of the list put to the commission",
            "7",
        )
    elif Conclusion.objects.filter(entry=entry).exists():
        problems["entry"] = (
            "Бұл қызмет бойынша қорытынды шығарылған",
            "По этой услуге заключение уже вынесено",
            "A conclusion on this service is already given",
            "8",
        )
    if kind not in ConclusionKind.values:
        problems["kind"] = (
            "Оң немесе теріс қорытындыны таңдаңыз",
            "Выберите положительное или отрицательное заключение",
            "Choose a positive or a negative conclusion",
            "8",
        )
    if not (reasons or "").strip():
        problems["reasons"] = (
            "Қорытындының негіздемесін жазыңыз",
            "Напишите обоснование заключения",
            "Write the reasons of the conclusion",
            "8",
        )
    if problems:
        raise refusals(
            E.ENTRY_NOT_IN_LIST if "entry" in problems else E.FIELD_REQUIRED,
            problems,
            summary=("Қорытынды жазылмады.", "Заключение не записано.", "No conclusion recorded."),
        )
    assert entry is not None
    conclusion = Conclusion.objects.create(
        meeting=meeting,
        entry=entry,
        service=entry.service,
        kind=kind,
        reasons=reasons.strip(),
        in_force_until=terms.negative_in_force_until(meeting.held_on)
        if kind == ConclusionKind.NEGATIVE
        else None,
    )
    audit_record(
        actor=actor,
        action="pscselection.conclusion_record",
        obj=conclusion,
        after={"service": entry.service.code, "kind": kind, "meeting": meeting.number},
    )
    return conclusion


@transaction.atomic
def meeting_adopt(*, actor: User, meeting: Meeting, adopted_on: dt.date | None = None) -> Meeting:
    """PSC 8: the chair closes the meeting: its conclusions are adopted and published."""
    _require_member(actor, CommissionFunction.CHAIR)
    meeting = _lock_open_meeting(meeting)
    if not meeting.conclusions.exists():
        raise refusal(
            E.MEETING_EMPTY,
            "Отырыста бірде-бір қорытынды жоқ",
            "На заседании не вынесено ни одного заключения",
            "The meeting has no conclusion",
            point="8",
        )
    adopted_on = adopted_on or _today()
    _check_day(adopted_on, field="adopted_on", point="8", not_before=meeting.held_on)
    meeting.adopted_on, meeting.adopted_by = adopted_on, actor
    meeting.save(update_fields=["adopted_on", "adopted_by", "updated_at"])
    audit_record(
        actor=actor, action="pscselection.meeting_adopt", obj=meeting, after={"adopted_on": str(adopted_on)}
    )
    return meeting


# --- PSC 9: the protocol ------------------------------------------------------------------


@transaction.atomic
def protocol_send(
    *, actor: User, meeting: Meeting, sent_on: dt.date | None = None, calendar: WorkCalendar | None = None
) -> Protocol:
    """PSC 9: after the conclusions, the authority sends the meeting's protocol (PDF kk/ru,
    signed) to the interested bodies: by 10 May for a meeting held by then, else by 10 October
    (late, it is still sent and shown late)."""
    _require_informatization(actor, "9")
    meeting = Meeting.objects.select_for_update().select_related("cycle").get(pk=meeting.pk)
    if meeting.adopted_on is None:
        raise refusal(
            E.MEETING_NOT_ADOPTED,
            "Комиссия қорытындыларын әлі қабылдаған жоқ: хаттама қорытындыдан кейін жіберіледі",
            "Комиссия ещё не приняла заключения: протокол направляется после заключения",
            "The commission has not adopted its conclusions yet: the protocol follows them",
            point="9",
        )
    if Protocol.objects.filter(meeting=meeting).exists():
        raise refusal(
            E.PROTOCOL_EXISTS,
            "Бұл отырыстың хаттамасы жіберілген",
            "Протокол этого заседания уже направлен",
            "This meeting's protocol is already sent",
            point="9",
        )
    sent_on = sent_on or _today()
    _check_day(sent_on, field="sent_on", point="9", not_before=meeting.adopted_on)
    half = terms.protocol_half(year=meeting.cycle.year, held_on=meeting.held_on, calendar=calendar)
    step = Step.PROTOCOL_1 if half == 1 else Step.PROTOCOL_2
    protocol = Protocol.objects.create(
        meeting=meeting,
        number=_next_number(f"PR-{meeting.cycle.year}-", Protocol),
        half=half,
        due_on=terms.step_due_on(meeting.cycle.year, step, calendar=calendar),
        sent_on=sent_on,
        sent_by=actor,
    )
    bodies = selectors.interested_bodies(meeting=meeting)
    protocol.addressees.set(bodies)
    audit_record(
        actor=actor,
        action="pscselection.protocol_send",
        obj=protocol,
        after={"sent_on": str(sent_on), "half": half, "addressees": [b.code for b in bodies]},
    )
    from qyzmet.pscselection import documents

    files = [
        Attachment(
            f"{protocol.number}-{lang}.pdf",
            "application/pdf",
            documents.protocol_signed_pdf(protocol=protocol, language=lang),
        )
        for lang in ("kk", "ru")
    ]
    link = public_url(reverse("pscselection:public"))
    for body in bodies:
        _email(
            body,
            subject=f"ХҚО / ЦОН: хаттама / протокол {protocol.number}",
            body=(
                f"Ведомствоаралық комиссия отырысының хаттамасы {protocol.number} (ХҚО іріктеу "
                f"қағидаларының 9-тармағы).\n\nПротокол заседания межведомственной комиссии "
                f"{protocol.number} (п. 9 Правил отбора услуг для ЦОН).\n\n{link}"
            ),
            key=f"psc-protocol-{protocol.pk}-{body.pk}",
            kind="psc_protocol_sent",
            attachments=files,
        )
    return protocol


# --- PSC 10: the register amendment ------------------------------------------------------------


@transaction.atomic
def amendment_prepare(
    *,
    actor: User,
    protocol: Protocol,
    draft_title: str,
    prepared_on: dt.date | None = None,
    calendar: WorkCalendar | None = None,
) -> RegisterAmendment:
    """PSC 10: the public-services authority prepares the draft decree amending the register on
    the basis of a protocol with positive conclusions: by 1 July (a first-half protocol) or by
    1 December."""
    _require_public_services(actor)
    protocol = Protocol.objects.select_for_update().select_related("meeting__cycle").get(pk=protocol.pk)
    if RegisterAmendment.objects.filter(protocol=protocol).exists():
        raise refusal(
            E.AMENDMENT_EXISTS,
            "Бұл хаттама бойынша жоба әзірленген",
            "Проект по этому протоколу уже подготовлен",
            "A draft on this protocol is already prepared",
            point="10",
        )
    if not protocol.meeting.conclusions.filter(kind=ConclusionKind.POSITIVE).exists():
        raise refusal(
            E.NOTHING_TO_AMEND,
            "Хаттамада оң қорытынды жоқ: тізілімге енгізетін өзгеріс жоқ",
            "В протоколе нет положительных заключений: изменять в реестре нечего",
            "The protocol has no positive conclusion: there is nothing to amend",
            point="10",
        )
    title = _required(draft_title, field="draft_title", point="10")
    prepared_on = prepared_on or _today()
    _check_day(prepared_on, field="prepared_on", point="10", not_before=protocol.sent_on)
    year = protocol.meeting.cycle.year
    step = Step.REGISTER_DRAFT_1 if protocol.half == 1 else Step.REGISTER_DRAFT_2
    amendment = RegisterAmendment.objects.create(
        protocol=protocol,
        number=_next_number(f"A-{year}-", RegisterAmendment),
        due_on=terms.step_due_on(year, step, calendar=calendar),
        draft_title=title,
        prepared_on=prepared_on,
        prepared_by=actor,
    )
    audit_record(
        actor=actor,
        action="pscselection.amendment_prepare",
        obj=amendment,
        after={"protocol": protocol.number, "prepared_on": str(prepared_on)},
    )
    return amendment


@transaction.atomic
def amendment_apply(
    *,
    actor: User,
    amendment: RegisterAmendment,
    decree_reference: str,
    adopted_on: dt.date,
    applied_on: dt.date | None = None,
    calendar: WorkCalendar | None = None,
) -> RegisterAmendment:
    """PSC 10-11: the Government adopted the decree; the register's keeper applies it: each
    service with a positive conclusion becomes delivered through the State Corporation (the
    registry's service, with the decree), and the three months of PSC 11 start: a task for the
    body responsible for the service (a standard version with the State Corporation channel)
    and one for the informatization authority (measures in the Public Service Centres)."""
    if not selectors.may_apply_amendment(user=actor):
        raise AccessDenied(
            _texts(
                "Қабылданған өзгерісті тізілімге тізілім әкімшісі енгізеді",
                "Принятое изменение вносит в реестр администратор реестра",
                "A registry administrator applies the adopted amendment to the register",
                "10",
            )
        )
    amendment = (
        RegisterAmendment.objects.select_for_update().select_related("protocol__meeting").get(pk=amendment.pk)
    )
    if amendment.applied_on is not None:
        raise refusal(
            E.AMENDMENT_APPLIED,
            "Өзгеріс тізілімге енгізілген",
            "Изменение уже внесено в реестр",
            "The amendment is already applied to the register",
            point="10",
        )
    reference = _required(decree_reference, field="decree_reference", point="10")
    _check_day(adopted_on, field="adopted_on", point="10", not_before=amendment.prepared_on)
    applied_on = applied_on or _today()
    _check_day(applied_on, field="adopted_on", point="10", not_before=adopted_on)
    positive = list(
        Conclusion.objects.filter(meeting=amendment.protocol.meeting, kind=ConclusionKind.POSITIVE)
        .select_related("service__responsible_body")
        .order_by("service__code")
    )
    due = terms.organise_due_on(adopted_on, calendar=calendar)
    informatization = authority("informatization")
    for conclusion in positive:
        service = conclusion.service
        if not service.is_via_state_corporation:
            service_state_corporation_delivery_enable(
                actor=actor, service=service, decree_reference=reference, adopted_on=adopted_on
            )
        OrganisationTask.objects.create(
            amendment=amendment,
            service=service,
            body=service.responsible_body,
            kind=TaskKind.STANDARD,
            due_on=due,
        )
        if informatization is not None:
            OrganisationTask.objects.create(
                amendment=amendment, service=service, body=informatization, kind=TaskKind.MEASURES, due_on=due
            )
    amendment.adopted_on, amendment.decree_reference = adopted_on, reference
    amendment.applied_on, amendment.applied_by = applied_on, actor
    amendment.save(update_fields=["adopted_on", "decree_reference", "applied_on", "applied_by", "updated_at"])
    audit_record(
        actor=actor,
        action="pscselection.amendment_apply",
        obj=amendment,
        after={
            "decree": reference,
            "adopted_on": str(adopted_on),
            "services": [c.service.code for c in positive],
            "tasks_due_on": str(due),
        },
    )
    link = public_url(reverse("pscselection:tasks"))
    for body in {c.service.responsible_body_id: c.service.responsible_body for c in positive}.values():
        _email(
            body,
            subject=f"ХҚО / ЦОН: {reference}",
            body=(
                f"Тізілімге өзгеріс енгізілді ({reference}). Қызметтерді ХҚО-да көрсетуді {due:%d.%m.%Y} "
                "дейін ұйымдастырыңыз: стандарттың Мемлекеттік корпорация арнасы бар нұсқасы "
                "(ХҚО іріктеу қағидаларының 11-тармағы).\n\nВ реестр внесено изменение "
                f"({reference}). Организуйте оказание услуг в ЦОН до {due:%d.%m.%Y}: версия стандарта "
                f"с каналом Государственной корпорации (п. 11 Правил отбора услуг для ЦОН).\n\n{link}"
            ),
            key=f"psc-amendment-{amendment.pk}-{body.pk}",
            kind="psc_amendment_applied",
        )
    return amendment


# --- PSC 11: organising delivery -------------------------------------------------------------


@transaction.atomic
def task_complete(
    *, actor: User, task: OrganisationTask, note: str = "", done_on: dt.date | None = None
) -> OrganisationTask:
    """PSC 11: a body's task is done by a standard version of the service with the State
    Corporation channel approved since the amendment (found, not typed); the informatization
    authority's by recording the measures taken."""
    task = (
        OrganisationTask.objects.select_for_update()
        .select_related("service", "body", "amendment")
        .get(pk=task.pk)
    )
    if task.done_on is not None:
        raise refusal(
            E.TASK_DONE,
            "Тапсырма орындалған",
            "Задача уже выполнена",
            "The task is already done",
            point="11",
        )
    if task.kind == TaskKind.MEASURES:
        _require_informatization(actor, "11")
        note = _required(note, field="note", point="11")
        version = None
        done_on = done_on or _today()
        _check_day(done_on, field="done_on", point="11", not_before=task.amendment.adopted_on)
    else:
        _require_body_staff_task(actor, task.body)
        version = state_corporation_version_since(
            service=task.service, since=task.amendment.adopted_on or _today()
        )
        if version is None:
            raise refusal(
                E.NO_STANDARD_VERSION,
                "Өзгерістен кейін бекітілген, Мемлекеттік корпорация арнасы бар стандарт нұсқасы жоқ: "
                "алдымен стандартқа өзгеріс енгізіңіз",
                "Нет версии стандарта с каналом Государственной корпорации, утверждённой после изменения "
                "реестра: сначала внесите изменения в стандарт",
                "No standard version with the State Corporation channel approved since the amendment: "
                "change the standard first",
                point="11",
            )
        done_on = version.approved_on or _today()
        note = note.strip() or f"№ {version.number}"
    task.done_on, task.done_by, task.note, task.standard_version = done_on, actor, note, version
    task.save(update_fields=["done_on", "done_by", "note", "standard_version", "updated_at"])
    audit_record(
        actor=actor,
        action="pscselection.task_complete",
        obj=task,
        after={"done_on": str(done_on), "late": task.is_late_on(done_on)},
    )
    return task


def _require_body_staff_task(user: User, body: Organisation) -> None:
    from qyzmet.orgs.selectors import can_act_for

    if not can_act_for(user=user, organisation=body, roles=selectors.STAFF_ROLES):
        raise AccessDenied(
            _texts(
                "Бұл тапсырманы қызметке жауапты орган орындайды",
                "Эту задачу выполняет орган, ответственный за услугу",
                "The body responsible for the service does this task",
                "11",
            )
        )


# --- the sweep --------------------------------------------------------------------------------


def _owner_organisations(owner: Owner) -> list[Organisation]:
    if owner == Owner.INFORMATIZATION:
        org = authority("informatization")
    elif owner == Owner.PUBLIC_SERVICES:
        org = authority("public_services")
    else:
        return []
    return [org] if org is not None else []


@transaction.atomic
def cycle_sweep(*, today: dt.date | None = None, calendar: WorkCalendar | None = None) -> int:
    """PSC 5-11: flag each late step (once) and tell its owner through the outbox; a body's
    draft proposals past 20 February tell the body; a PSC 11 task is done when its standard
    version is approved, and flagged and told once when late. The number of flags and tasks
    written."""
    today = today or _today()
    written = 0
    for year in selectors.open_cycle_years(today=today):
        cycle = Cycle.objects.get(year=year)
        for step in selectors.cycle_steps(cycle=cycle, today=today, calendar=calendar):
            if not step.is_late or step.done_on is not None or today <= step.due_on:
                continue
            flag, created = StepFlag.objects.get_or_create(
                cycle=cycle, step=step.step, defaults={"due_on": step.due_on, "flagged_on": today}
            )
            if not created:
                continue
            written += 1
            audit_record(actor=None, action="pscselection.step_late", obj=flag, after={"step": step.step})
            owners = _owner_organisations(step.owner)
            if step.step == Step.PROPOSALS:
                owners = [
                    p.body
                    for p in Proposal.objects.filter(cycle=cycle, status=ProposalStatus.DRAFT).select_related(
                        "body"
                    )
                ]
            for org in owners:
                _email(
                    org,
                    subject=f"ХҚО / ЦОН {year}: мерзімі өтті / срок прошёл — {step.step}",
                    body=(
                        f"{step.label}: {step.due_on:%d.%m.%Y} (ХҚО іріктеу қағидаларының {step.point}-тармағы / "
                        f"п. {step.point} Правил отбора услуг для ЦОН).\n\n"
                        + public_url(reverse("pscselection:cycle", kwargs={"year": year}))
                    ),
                    key=f"psc-late-{cycle.pk}-{step.step}-{org.pk}",
                    kind="psc_step_late",
                )
    for task in selectors.tasks_open():
        version = (
            state_corporation_version_since(service=task.service, since=task.amendment.adopted_on)
            if task.kind == TaskKind.STANDARD and task.amendment.adopted_on
            else None
        )
        if version is not None and version.approved_on is not None:
            task.done_on, task.standard_version = version.approved_on, version
            task.note = task.note or f"№ {version.number}"
            task.save(update_fields=["done_on", "standard_version", "note", "updated_at"])
            audit_record(
                actor=None, action="pscselection.task_complete", obj=task, after={"version": version.number}
            )
            written += 1
        elif today > task.due_on and task.late_flagged_on is None:
            task.late_flagged_on = today
            task.save(update_fields=["late_flagged_on", "updated_at"])
            audit_record(
                actor=None, action="pscselection.task_late", obj=task, after={"due_on": str(task.due_on)}
            )
            written += 1
            _email(
                task.body,
                subject=f"ХҚО / ЦОН: {task.service.code} — мерзімі өтті / срок прошёл",
                body=(
                    f"{task.service.name_kk}: ХҚО-да көрсетуді ұйымдастыру мерзімі {task.due_on:%d.%m.%Y} өтті "
                    "(ХҚО іріктеу қағидаларының 11-тармағы).\n\n"
                    f"{task.service.name_ru}: срок организации оказания в ЦОН {task.due_on:%d.%m.%Y} прошёл "
                    "(п. 11 Правил отбора услуг для ЦОН).\n\n" + public_url(reverse("pscselection:tasks"))
                ),
                key=f"psc-task-late-{task.pk}",
                kind="psc_task_late",
            )
    return written
