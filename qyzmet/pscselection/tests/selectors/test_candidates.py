"""PSC 4, 8: the candidates computed from the delivery data, against a hand count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from qyzmet.delivery.enums import ApplicationStatus, Channel
from qyzmet.orgs.tests.factories import OrganisationFactory
from qyzmet.pscselection import selectors
from qyzmet.pscselection.enums import ConclusionKind, MeetingForm
from qyzmet.pscselection.models import Conclusion, Cycle, ListEntry, Meeting, SelectionList
from qyzmet.registry.models import Service

from ..factories import ALMATY, authority_officer, decided, service

pytestmark = pytest.mark.django_db
D = dt.date
LIST_DAY = D(2026, 3, 18)


def codes(year: int = 2025, on: dt.date = LIST_DAY) -> list[str]:
    return [c.service.code for c in selectors.candidate_list(year=year, on=on)]


def test_psc_4_a_service_rendered_999_times_is_out_and_1000_is_in() -> None:
    at_999, at_1000 = service(), service()
    decided(at_999, 999)
    decided(at_1000, 1000)
    assert codes() == [at_1000.code]


def test_psc_4_volumes_count_every_channel_and_provider_by_the_decision_date() -> None:
    svc = service()
    other = OrganisationFactory.create()
    decided(svc, 400, channel=Channel.PROVIDER)
    decided(svc, 300, channel=Channel.EGOV_PORTAL, provider=other)
    decided(svc, 299, channel=Channel.STATE_CORPORATION)
    decided(svc, 50, issued_on=D(2024, 12, 31))  # decided the year before: not counted
    decided(svc, 50, status=ApplicationStatus.IN_WORK)  # no decision yet: not counted
    assert codes() == []
    decided(svc, 1, issued_on=D(2025, 12, 31))  # the last day counts
    (candidate,) = selectors.candidate_list(year=2025, on=D(2026, 3, 18))
    assert candidate.volume.total == 1000
    assert candidate.volume.by_channel == {"provider": 401, "egov_portal": 300, "state_corporation": 299}
    assert candidate.volume.by_provider == {svc.responsible_body_id: 700, other.pk: 300}


def test_psc_4_reasoned_refusals_count_only_when_the_setting_says_so() -> None:
    svc = service()
    decided(svc, 900)
    decided(svc, 100, refused=True)
    assert codes() == []  # ADR 0040: by default a refusal is not a service rendered
    with override_settings(QYZMET_PSC_COUNT_REFUSALS=True):
        assert codes() == [svc.code]


def test_psc_4_1_to_4_3_a_service_meeting_no_criterion_is_out() -> None:
    none = service(informational=False)
    duplicate = service(informational=False, duplicate=True)
    licence = service(informational=False, licence=True)
    for svc in (none, duplicate, licence):
        decided(svc, 1000)
    assert codes() == sorted([duplicate.code, licence.code])


def test_psc_2_and_4_a_service_already_delivered_through_the_state_corporation_is_out() -> None:
    svc = service(via_state_corporation=True)
    decided(svc, 5000)
    assert codes() == []


def _negative(svc: Service, held_on: dt.date, *, adopted: bool = True) -> None:
    from qyzmet.pscselection import terms

    officer = authority_officer()
    cycle = Cycle.objects.create(year=held_on.year)
    the_list = SelectionList.objects.create(
        cycle=cycle, formed_on=held_on, formed_by=officer, sent_on=held_on
    )
    entry = ListEntry.objects.create(selection_list=the_list, service=svc, source="analysis")
    meeting = Meeting.objects.create(
        cycle=cycle,
        number=f"M-{held_on}",
        held_on=held_on,
        form=MeetingForm.IN_PERSON,
        recorded_by=officer,
        adopted_on=held_on if adopted else None,
    )
    Conclusion.objects.create(
        meeting=meeting,
        entry=entry,
        service=svc,
        kind=ConclusionKind.NEGATIVE,
        reasons="ХҚО-да көрсету мүмкін емес",
        in_force_until=terms.negative_in_force_until(held_on),
    )


def test_psc_8_a_negative_conclusion_from_last_may_keeps_the_service_out_until_this_may() -> None:
    svc = service()
    decided(svc, 1500)
    _negative(svc, D(2025, 5, 14))
    assert codes(on=D(2026, 3, 18)) == []  # the list of 2026, formed in March
    assert codes(on=D(2026, 5, 14)) == []  # the last day it holds
    assert codes(on=D(2026, 5, 15)) == [svc.code]


def test_psc_8_a_conclusion_not_yet_adopted_does_not_keep_a_service_out() -> None:
    svc = service()
    decided(svc, 1500)
    _negative(svc, D(2026, 3, 2), adopted=False)
    assert codes(on=D(2026, 3, 18)) == [svc.code]


def test_psc_4_the_candidates_take_four_queries_whatever_the_volume(
    django_assert_num_queries: object,
) -> None:
    from qyzmet.delivery.services import decided_volume_rebuild

    for n in (1000, 1200, 3000):
        decided(service(), n)
    # ADR 0079: before the year's monthly volumes are built it is counted from the cases, which
    # takes one query more (which months are built, then the count)
    with django_assert_num_queries(5):  # type: ignore[operator]
        assert len(selectors.candidate_list(year=2025, on=D(2026, 3, 18))) == 3
    decided_volume_rebuild(
        start=D(2025, 1, 1), end=D(2025, 12, 31), now=dt.datetime(2026, 1, 2, tzinfo=ALMATY)
    )
    with django_assert_num_queries(4):  # type: ignore[operator]
        assert len(selectors.candidate_list(year=2025, on=D(2026, 3, 18))) == 3
