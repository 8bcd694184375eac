"""PSC 4-5, appendix: the criteria of a service and the bodies' proposals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.links import public_url
from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.notify.services import Attachment
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import authority
from qyzmet.pscselection import selectors, terms
from qyzmet.pscselection.enums import (
    Criterion,
    ProposalStatus,
    Step,
)
from qyzmet.pscselection.errors import PscErrorCode as E
from qyzmet.pscselection.errors import refusal, refusals
from qyzmet.pscselection.models import (
    Proposal,
    ProposalItem,
    ServiceCriteria,
)
from qyzmet.pscselection.services.common import (
    XLSX,
    _check_day,
    _email,
    _next_number,
    _require_informatization,
    _texts,
    _today,
    cycle_for,
)
from qyzmet.registry.enums import Channel as RegistryChannel
from qyzmet.registry.models import Service

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
    year = proposal.cycle.year
    if submitted_on.year < year - 1:
        raise refusal(
            E.DATE_TOO_EARLY,
            f"{year} жылғы іріктеуге ұсыныс {year - 1} жылдың 1 қаңтарынан бастап жіберіледі: "
            "қол қойылған күнін жазыңыз",
            f"Предложения на отбор {year} года направляются не ранее 1 января {year - 1} года: "
            "укажите день подписания",
            f"Proposals for the {year} selection are submitted from 1 January {year - 1}: give the day "
            "they were signed",
            point="5",
            field="submitted_on",
        )
    _check_day(submitted_on, field="submitted_on", point="5")
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
