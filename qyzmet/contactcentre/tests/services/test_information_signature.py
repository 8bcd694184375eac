"""UCC 5: the information on a service is sent "мемлекеттік орган басшысының қол қоюымен" —
signed by the head of the body: a user with the head role of that body confirms it; the name
stored is the head's, never typed; anyone else is refused."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from qyzmet.contactcentre import services
from qyzmet.contactcentre.enums import OnboardingStep
from qyzmet.core.errors import AccessDenied
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory
from qyzmet.registry.tests.factories import ServiceFactory

from ..factories import body_head, body_officer, onboarding_make, operator

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(dt.datetime(2026, 3, 30, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


D = dt.date


def _named():
    # a district akimat: its oblast akimat is the body above it (Law 1.4)
    service = ServiceFactory.create(
        responsible_body=OrganisationFactory.create(kind=OrganisationKind.DISTRICT_AKIMAT)
    )
    onboarding = onboarding_make(service=service, sent_on=D(2026, 3, 17))
    onboarding = services.onboarding_responsible_name(
        actor=body_officer(service.responsible_body),
        onboarding=onboarding,
        name="Ахметова Д.",
        phone="1",
        named_on=D(2026, 3, 18),
    )
    return service.responsible_body, onboarding


def test_ucc_5_the_head_of_the_body_signs_and_the_stored_name_is_theirs() -> None:
    body, onboarding = _named()
    head = body_head(body)
    onboarding = services.onboarding_information_submit(
        actor=head, onboarding=onboarding, information={"extra_ru": "—"}, signed_on=D(2026, 3, 19)
    )
    assert onboarding.step == OnboardingStep.INFORMATION_SIGNED
    assert onboarding.information_signer == head
    assert onboarding.information_signed_by == "Омарова Гүлнар Бекқызы" == head.get_full_name()


def _head_of_the_parent(body):
    assert body.parent is not None
    return StaffPositionFactory.create(role=StaffRole.PROVIDER_HEAD, organisation=body.parent).user


@pytest.mark.parametrize(
    "who",
    [
        lambda body: body_officer(body, username="officer.2"),
        lambda body: (
            StaffPositionFactory.create(
                role=StaffRole.PROVIDER_HEAD, organisation=OrganisationFactory.create()
            ).user
        ),
        _head_of_the_parent,
        lambda body: operator(),
        lambda body: StaffPositionFactory.create(role=StaffRole.SYSTEM_ADMINISTRATOR).user,
    ],
    ids=[
        "officer-of-the-body",
        "head-of-another-body",
        "head-of-the-body-above",
        "centre-operator",
        "sysadmin",
    ],
)
def test_ucc_5_anyone_but_the_head_of_the_body_is_refused_and_nothing_is_written(who) -> None:
    body, onboarding = _named()
    with pytest.raises(AccessDenied) as err:
        services.onboarding_information_submit(actor=who(body), onboarding=onboarding, information={})
    assert "п. 5 Правил ЕКЦ" in err.value.message_for("ru")
    assert "5-тармағы" in err.value.message_for("kk")
    onboarding.refresh_from_db()
    assert onboarding.step == OnboardingStep.RESPONSIBLE_NAMED
    assert (onboarding.information_signed_by, onboarding.information_signer) == ("", None)
