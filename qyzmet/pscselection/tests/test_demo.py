"""The demo loader builds a cycle in progress through the services (computed candidates,
proposals with a late one, a list, a meeting with both kinds of conclusion, a protocol sent, an
amendment applied, PSC 11 tasks running), dated before the load day, and is idempotent."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine

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
    assert {t.due_on for t in tasks} == {D(2026, 12, 2)}
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
