"""PSC 4-11, a full cycle on a built year of delivery data: the candidates equal a hand count
(999 out, 1,000 in; a negative conclusion from last May keeps a service out until this May),
then proposals, the list, the commission, the protocol, the amendment and its tasks."""

from __future__ import annotations

import datetime as dt

import pytest

from qyzmet.delivery.enums import Channel
from qyzmet.pscselection import selectors, services
from qyzmet.pscselection.enums import ConclusionKind, Criterion, MeetingForm, Step, TaskKind
from qyzmet.pscselection.models import ListEntry
from qyzmet.registry.models import Service

from .factories import authority_officer, body, chair, decided, registry_admin, secretary, service

pytestmark = pytest.mark.django_db
D = dt.date


def test_psc_4_to_11_a_full_cycle_on_a_built_year_of_delivery_data() -> None:
    officer, sec, ch, keeper = authority_officer(), secretary(), chair(), registry_admin()
    health = body()
    at_1000 = service(responsible_body=health.org)  # informational, 1,000 in 2025: in
    at_999 = service(responsible_body=health.org, informational=False, licence=True)  # 999: out
    negative = service(informational=False, duplicate=True)  # 1,500, negative since May 2025: out
    no_criterion = service(informational=False)  # 2,000 but no criterion of PSC 4: out
    in_psc = service(via_state_corporation=True)  # 1,200 but delivered through PSCs already: out
    refusals = service()  # 900 issued + 200 refused: out (ADR 0040)
    decided(at_1000, 600, channel=Channel.EGOV_PORTAL)
    decided(at_1000, 400, channel=Channel.PROVIDER)
    decided(at_999, 999)
    decided(negative, 1500)
    decided(negative, 1500, year=2024)
    decided(no_criterion, 2000)
    decided(in_psc, 1200)
    decided(refusals, 900)
    decided(refusals, 200, refused=True)

    # The cycle of 2025 left a negative conclusion on 14 May 2025 (in absentia).
    c2025 = services.cycle_for(2025)
    services.selection_list_form(actor=officer, cycle=c2025, formed_on=D(2025, 3, 18))
    assert [e.service for e in ListEntry.objects.filter(selection_list__cycle=c2025)] == [negative]
    services.selection_list_send(actor=officer, selection_list=c2025.selection_list, sent_on=D(2025, 4, 18))
    m2025 = services.meeting_record(
        actor=sec, cycle=c2025, held_on=D(2025, 5, 14), form=MeetingForm.IN_ABSENTIA
    )
    services.conclusion_record(
        actor=sec,
        meeting=m2025,
        entry=ListEntry.objects.get(selection_list__cycle=c2025),
        kind=ConclusionKind.NEGATIVE,
        reasons="Түпнұсқа мұрағатта: ХҚО-да беру мүмкін емес",
    )
    services.meeting_adopt(actor=ch, meeting=m2025, adopted_on=D(2025, 5, 14))
    assert services.protocol_send(actor=officer, meeting=m2025, sent_on=D(2025, 5, 20)).half == 2

    # PSC 4 on the 2025 data, as the list of 2026 is formed: the hand count.
    assert [c.service for c in selectors.candidate_list(year=2025, on=D(2026, 3, 18))] == [at_1000]
    assert {c.service for c in selectors.candidate_list(year=2025, on=D(2026, 5, 15))} == {at_1000, negative}

    # PSC 5: the body proposes its licence, counting 1,050 (the data say 999), a day late.
    proposal = services.proposal_create(actor=health.officer, body=health.org, year=2026)
    services.proposal_item_add(
        actor=health.officer,
        proposal=proposal,
        service=at_999,
        criterion=Criterion.LICENCE_OR_PERMIT,
        yearly_volume=1050,
        current_channels=["provider"],
        reasons="Лицензия алушылар ХҚО-ға келеді",
    )
    assert services.proposal_submit(actor=health.head, proposal=proposal, submitted_on=D(2026, 2, 23)).is_late

    # PSC 6-7: the list, the proposal that does not meet PSC 4 left out with its reason.
    c2026 = services.cycle_for(2026)
    the_list = services.selection_list_form(actor=officer, cycle=c2026, formed_on=D(2026, 3, 18))
    entries = {e.service: e for e in the_list.entries.all()}
    assert set(entries) == {at_1000, at_999}
    assert entries[at_1000].volume == 1000 and entries[at_1000].by_channel == {
        "egov_portal": 600,
        "provider": 400,
    }
    assert entries[at_999].problems == ["below_threshold"]
    services.list_entry_exclude(
        actor=officer, entry=entries[at_999], reason="Жылына 999 рет: 1000-нан аз (4-тармақ)"
    )
    services.selection_list_send(actor=officer, selection_list=the_list, sent_on=D(2026, 4, 17))

    # PSC 8-9: a positive conclusion; the protocol by 10 May (12 May 2026, a day off moved).
    meeting = services.meeting_record(
        actor=sec, cycle=c2026, held_on=D(2026, 4, 28), form=MeetingForm.IN_PERSON
    )
    services.conclusion_record(
        actor=sec,
        meeting=meeting,
        entry=entries[at_1000],
        kind=ConclusionKind.POSITIVE,
        reasons="Анықтама бір күнде",
    )
    services.meeting_adopt(actor=ch, meeting=meeting, adopted_on=D(2026, 4, 28))
    protocol = services.protocol_send(actor=officer, meeting=meeting, sent_on=D(2026, 5, 6))
    assert (protocol.half, protocol.due_on) == (1, D(2026, 5, 12))

    # PSC 10-11: the draft by 1 July, the decree applied, three months to organise delivery.
    amendment = services.amendment_prepare(
        actor=officer, protocol=protocol, draft_title="Тізілімге өзгерістер", prepared_on=D(2026, 6, 24)
    )
    services.amendment_apply(
        actor=keeper, amendment=amendment, decree_reference="№ 700, 02.09.2026", adopted_on=D(2026, 9, 2)
    )
    assert Service.objects.get(pk=at_1000.pk).is_via_state_corporation
    assert {(t.kind, t.due_on) for t in amendment.tasks.all()} == {
        (TaskKind.STANDARD, D(2026, 12, 2)),
        (TaskKind.MEASURES, D(2026, 12, 2)),
    }
    steps = {s.step: s for s in selectors.cycle_steps(cycle=c2026, today=D(2026, 11, 23))}
    assert [s for s, v in steps.items() if v.is_late] == [Step.PROPOSALS]  # one late proposal
    assert steps[Step.REGISTER_DRAFT_1].done_on == D(2026, 6, 24) and not steps[Step.PROTOCOL_2].owed
    # delivered through the PSCs now, it is no longer a candidate; the negative one is past its year
    assert [c.service for c in selectors.candidate_list(year=2025, on=D(2026, 11, 23))] == [negative]
