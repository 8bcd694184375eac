"""Indicator 1.1 (STD appendix, Law 5.2.5): on time only what reached the recipient (issued or a
reasoned refusal) or, for a State Corporation application, the State Corporation (handed over)
by the due date or the handover date. Cases built through the delivery services."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from qyzmet.delivery import services as delivery
from qyzmet.delivery.enums import Channel
from qyzmet.delivery.models import Application
from qyzmet.delivery.tests.factories import ALMATY, World, make_world, submit
from qyzmet.quality import selectors
from qyzmet.quality.enums import Indicator
from qyzmet.quality.tests.factories import inspector

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 11, 1), dt.date(2026, 12, 31)


@pytest.fixture
def world() -> World:
    return make_world()


def _at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=ALMATY)


def _ready(world: World, app: Application) -> Application:
    return delivery.application_result_ready(actor=world.officer, application=app, result_summary_ru="ok")


def _handover(app: Application) -> dt.date:
    assert app.handover_due_on is not None
    return app.handover_due_on


def _timeliness(world: World, today: dt.date) -> tuple[int, int]:
    table = selectors.indicator_table(
        user=inspector(), start=START, end=END, service=world.service, today=today
    )
    figure = table.total.figure(Indicator.TIMELINESS)
    return figure.numerator, figure.denominator


def _late(world: World, today: dt.date) -> list[str]:
    cases = selectors.timeliness_cases(
        user=inspector(), start=START, end=END, service=world.service, on_time=False, today=today
    )
    return [a.number for a in cases]


def test_law_5_2_5_a_state_corporation_case_left_at_the_provider_past_its_handover_date_lowers_indicator_1_1(
    world: World,
) -> None:
    handed = _ready(world, submit(world, channel=Channel.STATE_CORPORATION))
    with time_machine.travel(_at(_handover(handed)), tick=False):
        delivery.application_hand_over(actor=world.officer, application=handed)
    left = _ready(world, submit(world, channel=Channel.STATE_CORPORATION))  # ready in time, kept
    day_after = _handover(left) + dt.timedelta(days=1)
    assert _timeliness(world, today=_handover(left)) == (1, 1)
    assert _timeliness(world, today=day_after) == (1, 2)  # the kept one counts, late
    assert _late(world, day_after) == [left.number]
    # Handed over late, and issued at the branch after the due date: still late.
    with time_machine.travel(_at(day_after), tick=False):
        delivery.application_hand_over(actor=world.officer, application=left)
    assert _timeliness(world, today=left.due_on + dt.timedelta(days=5)) == (1, 2)


def test_law_5_2_5_handed_over_in_time_is_on_time_in_1_1_whenever_the_recipient_collects_it(
    world: World,
) -> None:
    app = _ready(world, submit(world, channel=Channel.STATE_CORPORATION))
    delivery.application_hand_over(actor=world.officer, application=app)
    after = app.due_on + dt.timedelta(days=10)
    with time_machine.travel(_at(after), tick=False):
        delivery.application_issue(actor=world.operator, application=app)
    assert _timeliness(world, today=after) == (1, 1)


def test_law_4_1_4_a_result_ready_but_not_received_by_the_due_date_is_late_in_1_1(world: World) -> None:
    kept = _ready(world, submit(world))  # ready at once, never handed to the recipient
    issued = _ready(world, submit(world))
    delivery.application_issue(actor=world.officer, application=issued)
    assert _timeliness(world, today=kept.due_on) == (1, 1)  # not yet due: not counted
    after = kept.due_on + dt.timedelta(days=1)
    assert _timeliness(world, today=after) == (1, 2)
    assert _late(world, after) == [kept.number]
    with time_machine.travel(_at(after), tick=False):
        delivery.application_issue(actor=world.officer, application=kept)  # collected late
    assert _timeliness(world, today=after) == (1, 2)
