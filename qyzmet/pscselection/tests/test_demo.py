"""The demo loader builds a cycle in progress through the services (computed candidates,
proposals with a late one, a list, a meeting with both kinds of conclusion, a protocol sent, an
amendment applied, PSC 11 tasks running), dated before the load day, and is idempotent."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine

from qyzmet.core.tests.demo_texts import KAZAKH_ONLY, demo_texts, joined_pair
from qyzmet.delivery.models import Application
from qyzmet.pscselection import selectors
from qyzmet.pscselection.enums import ConclusionKind, EntrySource, Step, TaskKind
from qyzmet.pscselection.models import (
    Conclusion,
    Cycle,
    ListEntry,
    OrganisationTask,
    Proposal,
    Protocol,
    RegisterAmendment,
)
from qyzmet.registry.models import Service

pytestmark = pytest.mark.django_db
D = dt.date


def _load() -> None:
    from qyzmet.orgs import demo as orgs_demo
    from qyzmet.pscselection import demo
    from qyzmet.registry import demo as registry_demo
    from qyzmet.workcalendar import demo as calendar_demo

    out = io.StringIO()
    for module in (calendar_demo, orgs_demo, registry_demo, demo):
        module.load(out)


@time_machine.travel(dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC), tick=False)
def test_psc_4_to_11_the_demo_shows_a_cycle_in_progress_and_is_idempotent() -> None:
    _load()
    cycle = Cycle.objects.get(year=2026)
    entries = {e.service.code: e for e in ListEntry.objects.filter(selection_list__cycle=cycle)}
    # PSC 4: computed (tax debt, psychiatric certificate, APZ) and proposed (the licence at 998)
    assert set(entries) == {"08020001", "06020001", "06030001", "07020001"}
    assert entries["08020001"].source == EntrySource.ANALYSIS and entries["08020001"].volume == 1240
    assert entries["07020001"].source == EntrySource.BOTH
    assert entries["06030001"].excluded and entries["06030001"].volume == 998
    # PSC 8: last May's negative conclusion keeps the pension savings information out
    assert "11010001" not in entries
    assert Conclusion.objects.get(service__code="11010001").in_force_until == D(2026, 5, 6)
    # PSC 5: one late proposal
    assert sorted(Proposal.objects.filter(cycle=cycle).values_list("body__code", "is_late")) == [
        ("astana-akimat", False),
        ("minhealth", True),
    ]
    kinds = set(Conclusion.objects.filter(meeting__cycle=cycle).values_list("kind", flat=True))
    assert kinds == {ConclusionKind.POSITIVE, ConclusionKind.NEGATIVE}
    protocol = Protocol.objects.get(meeting__cycle=cycle)
    assert protocol.sent_on == D(2026, 5, 6) and not protocol.is_late
    amendment = RegisterAmendment.objects.get(protocol=protocol)
    assert amendment.applied_on is not None and amendment.decree_reference
    assert set(
        Service.objects.filter(code__in=["08020001", "06020001"]).values_list(
            "is_via_state_corporation", flat=True
        )
    ) == {True}
    tasks = OrganisationTask.objects.filter(amendment=amendment)
    assert tasks.filter(kind=TaskKind.STANDARD, done_on__isnull=True).count() == 2  # running
    assert tasks.filter(kind=TaskKind.MEASURES, done_on__isnull=False).count() == 1
    # PSC 11: the decree 60 days before the load day (24 September), three months to organise
    assert amendment.adopted_on == D(2026, 9, 24) and "24.09.2026" in amendment.decree_reference
    assert {t.due_on for t in tasks} == {D(2026, 12, 24)}
    steps = {s.step: s for s in selectors.cycle_steps(cycle=cycle)}
    assert steps[Step.PROPOSALS].is_late and steps[Step.REGISTER_DRAFT_1].done_on == D(2026, 6, 24)
    counts = (
        Application.objects.count(),
        ListEntry.objects.count(),
        Conclusion.objects.count(),
        OrganisationTask.objects.count(),
    )
    _load()
    assert (
        Application.objects.count(),
        ListEntry.objects.count(),
        Conclusion.objects.count(),
        OrganisationTask.objects.count(),
    ) == counts


@pytest.mark.parametrize(
    "now",
    [
        dt.datetime(2026, 12, 6, 12, 0, tzinfo=dt.UTC),  # the story's PSC 11 tasks fell due on 2 December
        dt.datetime(2027, 3, 15, 4, 0, tzinfo=dt.UTC),
        dt.datetime(2027, 11, 22, 18, 30, tzinfo=dt.UTC),  # the last day before the next story year
    ],
    ids=["december", "march", "the-day-before-the-story-day"],
)
def test_psc_11_the_demo_tasks_are_running_not_late_on_any_load_day(now: dt.datetime) -> None:
    with time_machine.travel(now, tick=False):
        _load()
        from django.utils import timezone

        today = timezone.localdate()
        amendment = RegisterAmendment.objects.get()
        assert amendment.adopted_on is not None and amendment.applied_on is not None
        assert amendment.adopted_on <= amendment.applied_on <= today
        tasks = list(OrganisationTask.objects.filter(amendment=amendment))
        done = [t.done_on for t in tasks if t.done_on is not None]
        running = [t for t in tasks if t.done_on is None]
        assert len(done) == 1 and done[0] <= today
        assert not any(t.is_late_on(today) for t in tasks if t.done_on is not None)
        assert running and not any(t.is_late_on(today) for t in running)


def test_demo_texts_are_one_language_each_in_the_selection() -> None:
    """The texts a person types (reasons, the decree, the draft, a note) and the demo
    applications' recipient and refusal reason hold one language, not a kk/ru pair joined."""
    _load()
    texts = demo_texts("pscselection")
    for row in Application.objects.values_list("recipient_name", "refusal_reason"):
        texts += [t for t in row if t]
    assert any(KAZAKH_ONLY.search(t) for t in texts) and len(texts) > 20
    assert [t for t in texts if joined_pair(t)] == []
