"""UCC 4-9: accepting a service for consultation, every term, across Nauryz 2026.

Nauryz 2026: 21-23 March plus the observed days 24-25 March are not working days.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from qyzmet.contactcentre import selectors, services
from qyzmet.contactcentre.enums import OnboardingStep, Party
from qyzmet.contactcentre.models import KnowledgeArticle
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import AuditLog
from qyzmet.registry.tests.factories import ServiceFactory

from ..factories import body_head, body_officer, onboarding_make, operator, plan_item_make

pytestmark = pytest.mark.django_db
D = dt.date


@time_machine.travel(dt.datetime(2026, 4, 20, 10, 0, tzinfo=dt.UTC), tick=False)
def test_ucc_4_to_9_one_service_end_to_end_across_nauryz() -> None:
    service = ServiceFactory.create()
    ucc = operator()
    body = body_officer(service.responsible_body)

    # UCC 4-5: request received Tue 17 March -> responsible person within 2 working days.
    onboarding = onboarding_make(actor=ucc, service=service, sent_on=D(2026, 3, 17))
    assert onboarding.responsible_due_on == D(2026, 3, 19)

    # UCC 5: named Thu 19 March -> information within 3 working days: Fri 20, (21-25 Nauryz), 26, 27.
    onboarding = services.onboarding_responsible_name(
        actor=body, onboarding=onboarding, name="Ахметова Д.", phone="+77172000000", named_on=D(2026, 3, 19)
    )
    assert onboarding.information_due_on == D(2026, 3, 27)
    assert (
        onboarding.information["service_name_ru"] == service.name_ru
    )  # appendix prefilled from the standard
    assert onboarding.information["documents_ru"]
    assert (
        onboarding.information["channels_kk"] != onboarding.information["channels_ru"]
    )  # each in its language

    # UCC 8: information signed Fri 20 March -> training within 5 working days: 26, 27, 30, 31 March, 1 April.
    onboarding = services.onboarding_information_submit(
        actor=body_head(service.responsible_body),
        onboarding=onboarding,
        information={"extra_ru": "Консультации по телефону 8-7172-000000"},
        signed_on=D(2026, 3, 20),
    )
    assert onboarding.training_due_on == D(2026, 4, 1)
    assert KnowledgeArticle.objects.get(service=service).procedure_ru.count("Консультации по телефону") == 1

    onboarding = services.onboarding_training_record(
        actor=ucc, onboarding=onboarding, held_on=D(2026, 4, 1), trained_staff=12
    )
    # UCC 9: protocol Wed 1 April -> 5 working days pass (2, 3, 6, 7, 8 April) -> consultations from Thu 9 April.
    onboarding = services.onboarding_protocol_sign(
        actor=ucc,
        onboarding=onboarding,
        signed_on=D(2026, 4, 1),
        body_signatory="Вице-министр",
        ucc_signatory="Директор",
    )
    assert onboarding.consultations_start_on == D(2026, 4, 9)
    assert not selectors.is_consultable(onboarding=onboarding, today=D(2026, 4, 8))
    assert selectors.is_consultable(onboarding=onboarding, today=D(2026, 4, 9))

    steps = selectors.onboarding_steps(onboarding=onboarding, today=D(2026, 4, 9))
    assert [(s.step, s.party, s.due_on, s.is_late) for s in steps] == [
        (OnboardingStep.REQUEST_SENT, Party.UCC, D(2026, 3, 17), False),
        (OnboardingStep.RESPONSIBLE_NAMED, Party.BODY, D(2026, 3, 19), False),
        (OnboardingStep.INFORMATION_SIGNED, Party.BODY, D(2026, 3, 27), False),
        (OnboardingStep.TRAINING_HELD, Party.BODY, D(2026, 4, 1), False),
        (OnboardingStep.PROTOCOL_SIGNED, Party.UCC, None, False),
        (OnboardingStep.CONSULTING, Party.UCC, D(2026, 4, 9), False),
    ]
    assert AuditLog.objects.filter(action__startswith="contactcentre.onboarding_").count() == 5


@time_machine.travel(dt.datetime(2026, 4, 20, 10, 0, tzinfo=dt.UTC), tick=False)
def test_ucc_5_late_responsible_person_is_flagged_and_owed_by_the_body() -> None:
    onboarding = onboarding_make(sent_on=D(2026, 3, 17))
    steps = selectors.onboarding_steps(onboarding=onboarding, today=D(2026, 3, 20))
    named = steps[1]
    assert (named.party, named.is_late, named.is_current) == (Party.BODY, True, True)
    assert not selectors.onboarding_steps(onboarding=onboarding, today=D(2026, 3, 19))[1].is_late


@time_machine.travel(dt.datetime(2026, 4, 20, 10, 0, tzinfo=dt.UTC), tick=False)
def test_ucc_5_only_the_body_names_its_responsible_person() -> None:
    onboarding = onboarding_make()
    other = body_officer(ServiceFactory.create().responsible_body, username="stranger")
    with pytest.raises(AccessDenied):
        services.onboarding_responsible_name(actor=other, onboarding=onboarding, name="X", phone="1")
    with pytest.raises(AccessDenied):
        services.onboarding_responsible_name(actor=operator(), onboarding=onboarding, name="X", phone="1")


@time_machine.travel(dt.datetime(2026, 4, 20, 10, 0, tzinfo=dt.UTC), tick=False)
def test_ucc_8_training_before_the_information_is_refused_and_writes_nothing() -> None:
    onboarding = onboarding_make()
    with pytest.raises(ApplicationError) as err:
        services.onboarding_training_record(
            actor=operator(), onboarding=onboarding, held_on=D(2026, 3, 18), trained_staff=3
        )
    assert err.value.code == "cc_step_out_of_order"
    onboarding.refresh_from_db()
    assert onboarding.step == OnboardingStep.REQUEST_SENT and onboarding.training_held_on is None


@time_machine.travel(dt.datetime(2026, 4, 20, 10, 0, tzinfo=dt.UTC), tick=False)
def test_ucc_3_request_needs_an_approved_plan() -> None:
    item = plan_item_make()
    item.plan.approved_on = None
    item.plan.save(update_fields=["approved_on"])
    with pytest.raises(ApplicationError) as err:
        services.onboarding_request_send(actor=operator(), item=item, sent_on=D(2026, 3, 17))
    assert err.value.code == "cc_plan_not_approved"
