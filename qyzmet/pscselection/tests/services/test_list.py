"""PSC 6-7: the list formed from the proposals and the candidates, frozen, put to the commission."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.delivery.enums import Channel
from qyzmet.notify.models import OutboxMessage
from qyzmet.pscselection import services
from qyzmet.pscselection.enums import EntrySource
from qyzmet.pscselection.models import ListEntry, SelectionList

from ..factories import decided, inspector
from ..world import YEAR, entry, form_list, make_world, propose, send_list

pytestmark = pytest.mark.django_db
D = dt.date


def test_psc_6_the_list_joins_the_candidates_and_the_proposals_and_freezes_the_volumes() -> None:
    w = make_world()
    propose(w)
    form_list(w)
    entries = {e.service_id: e for e in ListEntry.objects.filter(selection_list__cycle=w.cycle)}
    assert set(entries) == {w.certificate.pk, w.licence.pk, w.duplicate.pk}
    certificate, licence = entries[w.certificate.pk], entries[w.licence.pk]
    assert (certificate.source, certificate.volume, certificate.meets_rules) == (
        EntrySource.ANALYSIS,
        1200,
        True,
    )
    assert certificate.by_channel == {Channel.PROVIDER: 1200}
    assert certificate.by_provider == {
        w.health.org.code: {"n": 1200, "name_kk": w.health.org.name_kk, "name_ru": w.health.org.name_ru}
    }
    # the body counted 1,050; the delivery data say 998: the list shows why it is out of PSC 4
    assert (licence.source, licence.volume, licence.problems) == (
        EntrySource.PROPOSAL,
        998,
        ["below_threshold"],
    )
    assert licence.criteria == ["licence_or_permit"] and licence.proposal_items.count() == 1
    decided(w.certificate, 500)  # later decisions do not move what was frozen
    certificate.refresh_from_db()
    assert certificate.volume == 1200


def test_psc_6_the_list_carries_the_quality_indicators_of_the_year_before() -> None:
    from qyzmet.quality.models import SurveyAnswer, SurveyInvitation

    w = make_world()
    invitation = SurveyInvitation.objects.create(
        token="psc-1",
        case_kind="application",
        case_number="T1",
        case_date=D(2025, 6, 1),
        service=w.certificate,
        provider=w.health.org,
        channel="cabinet",
    )
    SurveyAnswer.objects.create(
        invitation=invitation,
        case_kind="application",
        case_date=D(2025, 6, 1),
        service=w.certificate,
        provider=w.health.org,
        process=5,
        information=4,
        politeness=2,
    )
    form_list(w)
    indicators = entry(w, w.certificate).indicators
    assert indicators["1.1"] == str(Decimal("100.00"))  # decided on its due day: in time
    assert (indicators["2.1"], indicators["5.1"]) == ("100.00", "0.00")


def test_psc_6_only_the_informatization_authority_forms_the_list() -> None:
    w = make_world()
    for actor in (w.health.head, w.secretary, inspector(), w.keeper):
        with pytest.raises(AccessDenied) as refused:
            services.selection_list_form(actor=actor, cycle=w.cycle, formed_on=D(2026, 3, 18))
        assert "(PSC 6)" in refused.value.message_for("en")
    assert not SelectionList.objects.exists()


def test_psc_6_formed_again_before_it_goes_to_the_commission_it_keeps_its_exclusions() -> None:
    w = make_world()
    form_list(w)
    services.list_entry_exclude(actor=w.officer, entry=entry(w, w.duplicate), reason="Архивтен ғана")
    form_list(w, on=D(2026, 3, 19))
    again = entry(w, w.duplicate)
    assert again.excluded and again.exclusion_reason == "Архивтен ғана"
    assert w.cycle.selection_list.formed_on == D(2026, 3, 19)


def test_psc_6_an_entry_is_left_out_only_with_a_reason() -> None:
    w = make_world()
    form_list(w)
    with pytest.raises(ApplicationError) as refused:
        services.list_entry_exclude(actor=w.officer, entry=entry(w, w.duplicate), reason="  ")
    assert refused.value.field_messages_for("en").keys() == {"reason"}
    assert "(PSC 6)" in refused.value.message_for("en")
    assert not entry(w, w.duplicate).excluded


def test_psc_4_and_7_a_list_with_a_service_out_of_the_rules_is_not_put_to_the_commission() -> None:
    w = make_world()
    propose(w)
    form_list(w)
    with pytest.raises(ApplicationError) as refused:
        services.selection_list_send(
            actor=w.officer, selection_list=w.cycle.selection_list, sent_on=D(2026, 4, 17)
        )
    assert w.licence.code in refused.value.message_for("ru") and "(PSC 4)" in refused.value.message_for("en")
    assert SelectionList.objects.get().sent_on is None


def test_psc_7_the_list_goes_to_the_commission_and_its_members_are_told() -> None:
    w = make_world()
    propose(w)
    form_list(w)
    send_list(w)
    assert SelectionList.objects.get().sent_on == D(2026, 4, 17)
    told = set(OutboxMessage.objects.filter(kind="psc_list_sent").values_list("to", flat=True))
    assert told == {w.secretary.email, w.chair.email}
    with pytest.raises(ApplicationError):  # PSC 7: with the commission, the list is fixed
        services.list_entry_include(actor=w.officer, entry=entry(w, w.licence))
    with pytest.raises(ApplicationError) as refused:  # and no new proposal joins it
        services.proposal_create(actor=w.health.officer, body=w.health.org, year=YEAR)
    assert "(PSC 7)" in refused.value.message_for("en")


def test_psc_6_the_list_of_a_year_is_formed_that_year_once_the_year_before_is_complete() -> None:
    """PSC 4, 6: the 2026 list freezes the volumes of the whole of 2025; formed in December 2025
    it would freeze eleven months of them."""
    w = make_world()
    propose(w, on=D(2025, 12, 1))
    with pytest.raises(ApplicationError) as refused:
        services.selection_list_form(actor=w.officer, cycle=w.cycle, formed_on=D(2025, 12, 31))
    assert refused.value.code == "psc6_list_too_early"
    assert "(PSC 6)" in refused.value.message_for("en") and "1 января 2026" in refused.value.message_for("ru")
    assert refused.value.field_messages_for("kk").keys() == {"formed_on"}
    assert not SelectionList.objects.exists() and not ListEntry.objects.exists()
    services.selection_list_form(actor=w.officer, cycle=w.cycle, formed_on=D(2026, 1, 1))
    assert SelectionList.objects.get().formed_on == D(2026, 1, 1)
