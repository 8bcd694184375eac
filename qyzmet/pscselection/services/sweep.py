"""PSC 5-11: the sweep that flags late steps and tasks and tells their owners."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse

from qyzmet.core.links import public_url
from qyzmet.core.services import audit_record
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import authority
from qyzmet.pscselection import selectors
from qyzmet.pscselection.enums import (
    Owner,
    ProposalStatus,
    Step,
    TaskKind,
)
from qyzmet.pscselection.models import (
    Cycle,
    Proposal,
    StepFlag,
)
from qyzmet.pscselection.services.common import (
    _email,
    _today,
)
from qyzmet.registry.selectors import state_corporation_version_since
from qyzmet.workcalendar.calendar import WorkCalendar

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
