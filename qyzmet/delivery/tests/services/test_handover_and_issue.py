"""Law 5.2.5: the handover term of a State Corporation application and the delivery term whatever
the stage (the sweep, the late step, the worklist and the branch's lists); Law 4.1.4, 21.2,
21.2-1: issued means the recipient has it (an e-document in the cabinet, a paper result handed
over), with the list of unclaimed results."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from qyzmet.core.errors import AccessDenied
from qyzmet.core.models import AuditLog
from qyzmet.delivery import selectors, services
from qyzmet.delivery.enums import ApplicationStatus, Channel, StageKind, TermViolationKind
from qyzmet.delivery.models import Application, TermViolation
from qyzmet.delivery.tests.factories import ALMATY, World, make_world, submit
from qyzmet.registry.enums import DeliveryMethod, RefusalGround, ResultForm
from qyzmet.registry.models import StandardVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def _at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=ALMATY)


def _ready(world: World, app: Application) -> Application:
    return services.application_result_ready(actor=world.officer, application=app, result_summary_ru="ok")


def _sc(world: World) -> Application:
    app = submit(world, channel=Channel.STATE_CORPORATION)
    assert app.handover_due_on is not None and app.handover_due_on < app.due_on
    return app


def _handover(app: Application) -> dt.date:
    assert app.handover_due_on is not None
    return app.handover_due_on


def _flags(row: Application) -> tuple[bool, bool, bool]:
    """The selector's annotations: overdue, handover overdue, term violated."""
    return (
        bool(getattr(row, "is_overdue")),  # noqa: B009
        bool(getattr(row, "is_handover_overdue")),  # noqa: B009
        bool(getattr(row, "is_term_violated")),  # noqa: B009
    )


# --- Law 5.2.5: the handover term ----------------------------------------------------------


def test_law_5_2_5_a_state_corporation_case_left_at_the_provider_past_its_handover_date_is_a_violation(
    world: World,
) -> None:
    app = _ready(world, _sc(world))  # ready in time, never handed over
    assert services.application_sweep_overdue(today=_handover(app)) == 0  # the day itself is in time
    day_after = _handover(app) + dt.timedelta(days=1)
    assert day_after <= app.due_on  # still before the due date: the handover term alone is missed
    assert services.application_sweep_overdue(today=day_after) == 1
    app.refresh_from_db()
    assert app.term_violated_on == day_after
    violation = TermViolation.objects.get(application=app)
    assert (violation.kind, violation.due_on, violation.detected_on) == (
        TermViolationKind.HANDOVER,
        app.handover_due_on,
        day_after,
    )
    entry = AuditLog.objects.get(action="delivery.application_term_violated", object_id=str(app.pk))
    assert entry.after is not None
    assert entry.after["term_missed"] == "handover"
    assert entry.after["missed_date"] == _handover(app).isoformat()
    # Flagged in the provider's worklist (and its overdue filter) and at the branch.
    [row] = selectors.application_worklist(user=world.officer, today=day_after)
    assert _flags(row) == (True, True, True)
    assert [
        a.pk for a in selectors.application_worklist(user=world.officer, flag="overdue", today=day_after)
    ] == [app.pk]
    branch = selectors.state_corporation_handover_overdue_list(user=world.operator, today=day_after)
    assert [a.pk for a in branch] == [app.pk]


def test_law_5_2_5_handover_late_is_recorded_at_the_handover_and_flagged_in_the_pickup_list(
    world: World,
) -> None:
    app = _ready(world, _sc(world))
    late = _handover(app) + dt.timedelta(days=1)
    with time_machine.travel(_at(late), tick=False):
        app = services.application_hand_over(actor=world.officer, application=app)
    assert app.term_violated_on == late  # without a sweep
    assert TermViolation.objects.get(application=app).kind == TermViolationKind.HANDOVER
    [row] = selectors.state_corporation_pickup_list(user=world.operator, today=late)
    assert _flags(row) == (False, False, True)  # it has arrived, late
    assert services.application_sweep_overdue(today=late + dt.timedelta(days=10)) == 0  # marked once


def test_law_5_2_5_handover_on_the_handover_date_is_in_time_and_the_branch_may_issue_after_the_due_date(
    world: World,
) -> None:
    app = _ready(world, _sc(world))
    with time_machine.travel(_at(_handover(app), 17), tick=False):
        app = services.application_hand_over(actor=world.officer, application=app)
    after_due = app.due_on + dt.timedelta(days=3)
    assert services.application_sweep_overdue(today=after_due) == 0  # it reached the State Corporation
    with time_machine.travel(_at(after_due), tick=False):
        app = services.application_issue(actor=world.operator, application=app)
    assert app.term_violated_on is None
    assert not TermViolation.objects.exists()
    assert not selectors.state_corporation_handover_overdue_list(
        user=world.operator, today=after_due
    ).exists()


# --- Law 5.2.5: the delivery term whatever the stage ----------------------------------------


def test_law_5_2_5_a_result_ready_but_not_issued_by_the_due_date_is_a_violation(world: World) -> None:
    app = _ready(world, submit(world))  # at the provider's desk, waiting for the recipient
    assert app.status == ApplicationStatus.RESULT_READY
    after = app.due_on + dt.timedelta(days=1)
    assert services.application_sweep_overdue(today=app.due_on) == 0
    assert services.application_sweep_overdue(today=after) == 1
    violation = TermViolation.objects.get(application=app)
    assert (violation.kind, violation.due_on) == (TermViolationKind.DELIVERY, app.due_on)
    [row] = selectors.application_worklist(user=world.officer, today=after)
    assert _flags(row) == (True, False, True)


def test_law_5_2_5_issued_after_the_due_date_is_recorded_at_the_issue(world: World) -> None:
    app = _ready(world, submit(world))
    late = app.due_on + dt.timedelta(days=2)
    with time_machine.travel(_at(late), tick=False):
        app = services.application_issue(actor=world.officer, application=app)
    assert app.status == ApplicationStatus.ISSUED
    assert app.term_violated_on == late
    assert TermViolation.objects.get(application=app).kind == TermViolationKind.DELIVERY


def test_law_5_2_5_issued_or_refused_by_the_due_date_is_no_violation(world: World) -> None:
    issued = _ready(world, submit(world))
    services.application_issue(actor=world.officer, application=issued)
    refused = submit(world)
    services.application_refuse(
        actor=world.officer,
        application=refused,
        grounds=[RefusalGround.UNRELIABLE_DOCUMENTS],
        reason="Сведения не совпадают",
    )
    assert services.application_sweep_overdue(today=issued.due_on + dt.timedelta(days=30)) == 0


# --- Law 4.1.4, 21.2, 21.2-1: issued means the recipient has it -----------------------------


def test_law_21_2_1_an_e_document_result_lands_in_the_cabinet_and_is_issued_then(world: World) -> None:
    app = _ready(world, submit(world, channel=Channel.EGOV_PORTAL))
    assert app.status == ApplicationStatus.ISSUED
    assert list(app.stages.values_list("kind", flat=True))[-2:] == [StageKind.RESULT_READY, StageKind.ISSUED]
    assert not selectors.unclaimed_result_list(user=world.officer).exists()


def test_law_21_2_a_paper_result_applied_for_on_the_portal_waits_for_pickup_and_is_issued_when_handed_over(
    world: World,
) -> None:
    StandardVersion.objects.filter(service=world.service).update(result_form=ResultForm.PAPER)
    app = _ready(world, submit(world, channel=Channel.EGOV_PORTAL))
    assert app.status == ApplicationStatus.RESULT_READY  # not issued: the recipient has nothing yet
    assert app.closed_at is None
    assert not app.stages.filter(kind=StageKind.ISSUED).exists()
    assert [a.pk for a in selectors.unclaimed_result_list(user=world.officer)] == [app.pk]
    with pytest.raises(AccessDenied):  # the recipient cannot mark it received themselves
        services.application_issue(actor=world.recipient, application=app)
    app = services.application_issue(actor=world.officer, application=app)  # handed over at the desk
    assert app.status == ApplicationStatus.ISSUED
    assert app.stages.filter(kind=StageKind.ISSUED, officer=world.officer).exists()
    assert AuditLog.objects.filter(action="delivery.application_issue", object_id=str(app.pk)).count() == 1
    assert not selectors.unclaimed_result_list(user=world.officer).exists()


@pytest.mark.parametrize("method", [DeliveryMethod.IN_PERSON, DeliveryMethod.COURIER])
def test_law_4_1_4_a_paper_delivery_chosen_on_the_portal_waits_for_pickup_or_courier(
    world: World, method: str
) -> None:
    StandardVersion.objects.filter(service=world.service).update(
        delivery_methods=[DeliveryMethod.PORTAL, DeliveryMethod.IN_PERSON, DeliveryMethod.COURIER]
    )
    app = _ready(world, submit(world, channel=Channel.EGOV_PORTAL, result_delivery_method=method))
    assert app.status == ApplicationStatus.RESULT_READY
    portal = _ready(
        world, submit(world, channel=Channel.EGOV_PORTAL, result_delivery_method=DeliveryMethod.PORTAL)
    )
    assert portal.status == ApplicationStatus.ISSUED


def test_law_21_2_unclaimed_results_oldest_first_for_the_provider_and_the_branch(world: World) -> None:
    StandardVersion.objects.filter(service=world.service).update(result_form=ResultForm.PAPER)
    first = submit(world)
    second = submit(world, channel=Channel.EGOV_PORTAL)
    sc = _sc(world)
    with time_machine.travel(_at(dt.date(2026, 11, 24)), tick=False):
        _ready(world, first)
    with time_machine.travel(_at(dt.date(2026, 11, 25)), tick=False):
        _ready(world, second)
        _ready(world, sc)  # owed to the branch, not waiting for pickup at the provider
    assert [a.pk for a in selectors.unclaimed_result_list(user=world.officer)] == [first.pk, second.pk]
    assert not selectors.unclaimed_result_list(user=world.operator).exists()
    with time_machine.travel(_at(dt.date(2026, 11, 26)), tick=False):
        services.application_hand_over(actor=world.officer, application=sc)
    assert [a.pk for a in selectors.unclaimed_result_list(user=world.operator)] == [sc.pk]
    assert not selectors.unclaimed_result_list(user=world.recipient).exists()  # staff only
