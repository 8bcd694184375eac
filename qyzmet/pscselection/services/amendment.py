"""PSC 10-11: the register amendment and the three months to organise delivery."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse

from qyzmet.core.errors import AccessDenied
from qyzmet.core.links import public_url
from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import authority
from qyzmet.pscselection import selectors, terms
from qyzmet.pscselection.enums import (
    ConclusionKind,
    Step,
    TaskKind,
)
from qyzmet.pscselection.errors import PscErrorCode as E
from qyzmet.pscselection.errors import refusal
from qyzmet.pscselection.models import (
    Conclusion,
    OrganisationTask,
    Protocol,
    RegisterAmendment,
)
from qyzmet.pscselection.services.common import (
    _check_day,
    _email,
    _next_number,
    _require_informatization,
    _require_public_services,
    _required,
    _texts,
    _today,
)
from qyzmet.registry.selectors import state_corporation_version_since
from qyzmet.registry.services import service_state_corporation_delivery_enable
from qyzmet.workcalendar.calendar import WorkCalendar

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
    _check_day(applied_on, field="applied_on", point="10", not_before=adopted_on)
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
