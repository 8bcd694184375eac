"""UCC 6-7, Law 23.2: keeping the information current within 3 working days."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from qyzmet.contactcentre import services
from qyzmet.contactcentre.enums import UpdateKind
from qyzmet.contactcentre.models import InformationUpdate, KnowledgeArticle
from qyzmet.registry.models import ContactCentreUpdateTask
from qyzmet.registry.tests.factories import ServiceFactory

from ..factories import body_head, body_officer, onboarding_make

pytestmark = pytest.mark.django_db
D = dt.date


def _informed(service):
    officer = body_officer(service.responsible_body)
    onboarding = onboarding_make(service=service, sent_on=D(2026, 3, 2))
    onboarding = services.onboarding_responsible_name(
        actor=officer, onboarding=onboarding, name="А", phone="1", named_on=D(2026, 3, 3)
    )
    onboarding = services.onboarding_information_submit(
        actor=body_head(service.responsible_body),
        onboarding=onboarding,
        information={},
        signed_on=D(2026, 3, 4),
    )
    return officer, onboarding


@time_machine.travel(dt.datetime(2026, 3, 20, 10, 0, tzinfo=dt.UTC), tick=False)
def test_law_23_2_registry_task_becomes_an_update_flagged_late_then_done() -> None:
    service = ServiceFactory.create()
    officer, onboarding = _informed(service)
    task = ContactCentreUpdateTask.objects.create(
        service=service, version=service.versions.get(), due_on=D(2026, 3, 12)
    )
    assert services.registry_update_tasks_consume() == 1
    assert services.registry_update_tasks_consume() == 0  # idempotent
    update = InformationUpdate.objects.get(registry_task_id=task.pk)
    assert (update.kind, update.due_on, update.is_late) == (
        UpdateKind.STANDARD_CHANGED,
        D(2026, 3, 12),
        False,
    )

    assert services.information_update_flag_late(today=D(2026, 3, 13)) == 1
    assert services.information_update_flag_late(today=D(2026, 3, 13)) == 0
    update.refresh_from_db()
    assert update.is_late

    services.information_update_submit(
        actor=officer, onboarding=onboarding, update=update, information={"fee_ru": "2 МРП"}
    )
    task.refresh_from_db()
    assert task.done_at is not None
    article = KnowledgeArticle.objects.get(service=service)
    assert article.version == 2 and "2 МРП" in article.procedure_ru
    assert [v.version for v in article.versions.all()] == [2, 1]


@time_machine.travel(dt.datetime(2026, 3, 20, 10, 0, tzinfo=dt.UTC), tick=False)
def test_ucc_7_new_responsible_person_across_nauryz_is_in_time() -> None:
    service = ServiceFactory.create()
    officer, onboarding = _informed(service)
    # changed Thu 19 March: 3 working days are 20, 26, 27 March (21-25 Nauryz).
    update = services.responsible_person_change(
        actor=officer, onboarding=onboarding, name="Б", phone="2", changed_on=D(2026, 3, 19)
    )
    assert (update.kind, update.due_on, update.is_late) == (
        UpdateKind.RESPONSIBLE_CHANGED,
        D(2026, 3, 27),
        False,
    )


@time_machine.travel(dt.datetime(2026, 3, 20, 10, 0, tzinfo=dt.UTC), tick=False)
def test_ucc_6_information_sent_after_3_working_days_is_late() -> None:
    service = ServiceFactory.create()
    officer, onboarding = _informed(service)
    update = services.information_update_submit(
        actor=officer, onboarding=onboarding, information={"schedule_ru": "пн-пт"}, changed_on=D(2026, 3, 16)
    )
    assert (update.due_on, update.done_on, update.is_late) == (D(2026, 3, 19), D(2026, 3, 20), True)


@time_machine.travel(dt.datetime(2026, 3, 20, 10, 0, tzinfo=dt.UTC), tick=False)
def test_law_23_2_worker_job_consumes_tasks_and_flags_late_updates() -> None:
    from qyzmet.contactcentre.jobs import JOBS
    from qyzmet.notify.jobs_runner import discover_jobs

    service = ServiceFactory.create()
    _informed(service)
    ContactCentreUpdateTask.objects.create(
        service=service, version=service.versions.get(), due_on=D(2026, 3, 12)
    )
    name, _interval, job = JOBS[0]
    assert name in {j.name for j in discover_jobs()}
    assert job() == 2  # one update created, then flagged late (20 March > 12 March)
    assert job() == 0
