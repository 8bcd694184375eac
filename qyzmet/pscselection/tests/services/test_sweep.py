"""PSC 5-11: the cycle board's steps, and the sweep that flags late ones and tells the owner."""

from __future__ import annotations

import datetime as dt

import pytest

from qyzmet.notify.models import OutboxMessage
from qyzmet.pscselection import selectors, services
from qyzmet.pscselection.enums import Owner, Step, TaskKind
from qyzmet.pscselection.models import OrganisationTask, StepFlag

from ..world import apply, form_list, make_world, prepare, propose, through_protocol

pytestmark = pytest.mark.django_db
D = dt.date


def test_psc_5_to_10_every_step_shows_its_due_date_its_owner_and_whether_it_is_late() -> None:
    w = make_world()
    propose(w, on=D(2026, 2, 23))  # late
    form_list(w, on=D(2026, 3, 23))  # late
    steps = {s.step: s for s in selectors.cycle_steps(cycle=w.cycle, today=D(2026, 5, 13))}
    assert (
        steps[Step.PROPOSALS].counts == {"submitted": 1, "late": 1, "drafts": 0}
        and steps[Step.PROPOSALS].is_late
    )
    assert (steps[Step.LIST].done_on, steps[Step.LIST].is_late, steps[Step.LIST].owner) == (
        D(2026, 3, 23),
        True,
        Owner.INFORMATIZATION,
    )
    assert steps[Step.COMMISSION].is_late and steps[Step.COMMISSION].done_on is None
    assert steps[Step.PROTOCOL_1].is_late and steps[Step.PROTOCOL_1].due_on == D(2026, 5, 12)
    assert not steps[Step.REGISTER_DRAFT_1].owed and not steps[Step.REGISTER_DRAFT_1].is_late
    assert not steps[Step.PROTOCOL_2].owed and steps[Step.REGISTER_DRAFT_2].owner == Owner.PUBLIC_SERVICES


def test_psc_7_and_9_the_sweep_flags_a_late_step_once_and_tells_its_owner() -> None:
    w = make_world()
    form_list(w)
    assert services.cycle_sweep(today=D(2026, 4, 20)) == 0  # due today: not late yet
    assert services.cycle_sweep(today=D(2026, 4, 21)) == 1  # PSC 7: not put to the commission
    assert services.cycle_sweep(today=D(2026, 4, 22)) == 0  # once
    flag = StepFlag.objects.get()
    assert (flag.step, flag.due_on, flag.flagged_on) == (Step.COMMISSION, D(2026, 4, 20), D(2026, 4, 21))
    mail = OutboxMessage.objects.get(kind="psc_step_late")
    assert mail.to == "kense@mindigital.example.kz" and "commission" in mail.subject


def test_psc_11_the_sweep_closes_a_task_by_its_new_standard_and_flags_a_late_one_once() -> None:
    from .test_protocol_and_amendment import _new_standard

    w = make_world()
    apply(w, prepare(w, through_protocol(w)), on=D(2026, 9, 2))
    services.task_complete(
        actor=w.officer,
        task=OrganisationTask.objects.get(kind=TaskKind.MEASURES),
        note="Иә",
        done_on=D(2026, 9, 3),
    )
    before = OutboxMessage.objects.filter(kind="psc_task_late").count()
    assert services.cycle_sweep(today=D(2026, 12, 3)) >= 1
    task = OrganisationTask.objects.get(kind=TaskKind.STANDARD)
    assert task.late_flagged_on == D(2026, 12, 3) and task.is_late_on(D(2026, 12, 3))
    assert OutboxMessage.objects.filter(kind="psc_task_late").count() == before + 1
    services.cycle_sweep(today=D(2026, 12, 4))
    assert OutboxMessage.objects.filter(kind="psc_task_late").count() == before + 1
    _new_standard(w.certificate, D(2026, 12, 10))
    services.cycle_sweep(today=D(2026, 12, 11))
    task.refresh_from_db()
    assert (
        task.done_on == D(2026, 12, 10)
        and task.standard_version is not None
        and task.is_late_on(D(2026, 12, 11))
    )


def test_psc_5_to_11_the_worker_runs_the_sweep() -> None:
    from qyzmet.notify.jobs_runner import discover_jobs

    assert "pscselection.steps_sweep" in {job.name for job in discover_jobs()}
