"""Who an application is for and who delivers it: the provider of record (Law 1.4), only
registered services (Law 12.1), consent by the person who gives it (Law 20.6), and for whom
one applies (Law 1.3)."""

from __future__ import annotations

import datetime as dt

import pytest

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import AuditLog
from qyzmet.delivery import services
from qyzmet.delivery.enums import Channel, RecipientKind
from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.models import Application, NotificationPreference
from qyzmet.delivery.tests.factories import World, make_world, submit
from qyzmet.orgs.enums import OrganisationKind as K
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.services import recipient_company_create
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory, make_bin
from qyzmet.registry.errors import RegistryErrorCode
from qyzmet.registry.selectors import service_provider_list
from qyzmet.registry.services import service_providers_set
from qyzmet.registry.tests.factories import ChannelTermFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world(needs_protected_data_consent=True)


def _allow(world: World, *kinds: str) -> None:
    world.service.provider_kinds = list(kinds)
    world.service.save(update_fields=["provider_kinds"])


def _akimats(world: World) -> tuple:
    """An oblast with two districts, one with a rural-district akim: a local service they all
    deliver (Law 1.4)."""
    oblast = OrganisationFactory.create(kind=K.OBLAST_AKIMAT, region="akmola")
    district = OrganisationFactory.create(kind=K.DISTRICT_AKIMAT, parent=oblast, region="akmola")
    other = OrganisationFactory.create(kind=K.DISTRICT_AKIMAT, parent=oblast, region="akmola")
    village = OrganisationFactory.create(kind=K.RURAL_DISTRICT_AKIM, parent=district, region="akmola")
    _allow(world, K.DISTRICT_AKIMAT)
    service_providers_set(actor=None, service=world.service, organisations=[district, other])
    return oblast, district, other, village


# --- Law 1.4: the provider of record -------------------------------------------------------


def test_law_1_4_the_application_goes_to_the_named_organisation_that_delivers_the_service(
    world: World,
) -> None:
    application = submit(world, channel=Channel.EGOV_PORTAL)
    assert application.provider == world.provider


def test_law_1_4_an_organisation_that_does_not_deliver_the_service_is_refused_and_nothing_written(
    world: World,
) -> None:
    ministry = OrganisationFactory.create(kind=K.CENTRAL_STATE_BODY)
    with pytest.raises(ApplicationError) as exc:
        submit(world, channel=Channel.EGOV_PORTAL, provider=ministry)
    assert exc.value.code == DeliveryErrorCode.NOT_A_PROVIDER
    assert "provider" in exc.value.field_messages_for("ru")
    assert "не оказывает эту услугу" in exc.value.message_for("ru")
    assert not Application.objects.exists()


def test_law_1_4_a_local_service_goes_to_the_akim_above_the_recipients_territory(world: World) -> None:
    _oblast, district, _other, village = _akimats(world)
    NotificationPreference.objects.create(user=world.recipient, territory=village)
    application = submit(world, channel=Channel.EGOV_PORTAL, provider=None)
    assert application.provider == district


def test_law_1_4_several_providers_and_no_territory_ask_the_applicant_to_choose(world: World) -> None:
    _akimats(world)
    with pytest.raises(ApplicationError) as exc:
        submit(world, channel=Channel.EGOV_PORTAL, provider=None)
    assert exc.value.code == DeliveryErrorCode.PROVIDER_REQUIRED
    assert "provider" in exc.value.field_messages_for("kk")
    assert not Application.objects.exists()


def test_law_1_4_the_only_provider_is_taken_when_none_is_named(world: World) -> None:
    application = submit(world, channel=Channel.EGOV_PORTAL, provider=None)
    assert application.provider == world.provider


def test_law_1_4_staff_of_a_body_that_does_not_deliver_the_service_cannot_accept_it(world: World) -> None:
    stranger = OrganisationFactory.create(kind=K.DISTRICT_AKIMAT)
    officer = StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER, organisation=stranger).user
    with pytest.raises(ApplicationError):
        submit(world, actor=officer, provider=stranger)
    with pytest.raises(AccessDenied):  # and not for the body that does deliver it either
        submit(world, actor=officer, provider=world.provider)
    assert not Application.objects.exists()


def test_law_1_4_only_the_registry_administrator_records_who_delivers_a_service(world: World) -> None:
    admin = StaffPositionFactory.create(
        role=StaffRole.REGISTRY_ADMINISTRATOR,
        organisation=OrganisationFactory.create(kind=K.CENTRAL_STATE_BODY),
    ).user
    school = OrganisationFactory.create(kind=K.OTHER_PROVIDER)
    _allow(world, K.DISTRICT_AKIMAT, K.OTHER_PROVIDER)
    with pytest.raises(AccessDenied):
        service_providers_set(actor=world.officer, service=world.service, organisations=[school])
    service_providers_set(actor=admin, service=world.service, organisations=[world.provider, school])
    assert set(service_provider_list(service=world.service)) == {world.provider, school}
    row = AuditLog.objects.get(action="registry.service_providers_set")
    assert row.actor == admin
    assert row.after == {"providers": sorted([world.provider.code, school.code])}


def test_law_1_4_a_state_corporation_branch_is_never_a_provider_of_record(world: World) -> None:
    with pytest.raises(ApplicationError) as exc:
        service_providers_set(actor=None, service=world.service, organisations=[world.branch])
    assert exc.value.code == RegistryErrorCode.PROVIDER_NOT_ELIGIBLE
    assert list(service_provider_list(service=world.service)) == [world.provider]


# --- Law 12.1: only registered services --------------------------------------------------


@pytest.mark.parametrize(
    "channel", [Channel.PROVIDER, Channel.STATE_CORPORATION, Channel.EGOV_PORTAL, Channel.API]
)
def test_law_12_1_a_service_taken_out_of_the_register_accepts_no_application(
    world: World, channel: str
) -> None:
    world.service.is_active = False
    world.service.save(update_fields=["is_active"])
    with pytest.raises(ApplicationError) as exc:
        submit(world, channel=channel)
    assert exc.value.code == DeliveryErrorCode.NOT_IN_REGISTER
    assert not Application.objects.exists()


# --- Law 20.6: consent by the person who gives it ----------------------------------------


def test_law_20_6_no_consent_is_recorded_unless_given(world: World) -> None:
    application = submit(world, channel=Channel.STATE_CORPORATION, consent_method="")
    assert not application.consent_given
    assert application.consent_method == ""
    assert application.consent_at is None


def test_law_20_6_the_recipient_or_the_accepting_desk_records_consent_and_nobody_else(world: World) -> None:
    application = submit(world, channel=Channel.STATE_CORPORATION, consent_method="")
    ucc = OrganisationFactory.create(kind=K.CONTACT_CENTRE)
    ucc_operator = StaffPositionFactory.create(role=StaffRole.CONTACT_CENTRE_OPERATOR, organisation=ucc).user
    other_branch = OrganisationFactory.create(kind=K.STATE_CORPORATION_BRANCH)
    other_operator = StaffPositionFactory.create(
        role=StaffRole.STATE_CORPORATION_OPERATOR, organisation=other_branch
    ).user
    for intruder in (ucc_operator, other_operator, world.officer, None):
        with pytest.raises(AccessDenied):
            services.application_consent_record(actor=intruder, application=application, method="written")
    application.refresh_from_db()
    assert not application.consent_given
    services.application_consent_record(actor=world.operator, application=application, method="written")
    application.refresh_from_db()
    assert application.consent_given and application.consent_method == "written"
    portal = submit(world, channel=Channel.EGOV_PORTAL, consent_method="")
    services.application_consent_record(actor=world.recipient, application=portal, method="e_signature")
    portal.refresh_from_db()
    assert portal.consent_given


# --- Law 1.3: for whom one applies -------------------------------------------------------


def test_law_1_3_nobody_applies_for_a_state_body(world: World) -> None:
    world.provider.bin = make_bin(dt.date(2005, 3, 1), serial=77)
    world.provider.save(update_fields=["bin"])
    with pytest.raises(ApplicationError) as exc:
        submit(
            world,
            channel=Channel.EGOV_PORTAL,
            recipient_kind=RecipientKind.LEGAL_ENTITY,
            recipient_bin=world.provider.bin,
            recipient_name="Akimat",
        )
    assert "Law 1.3" in exc.value.message_for("en")
    assert not Application.objects.exists()


@pytest.mark.parametrize("channel", [Channel.EGOV_PORTAL, Channel.API])
def test_law_1_3_one_applies_only_for_an_entity_one_directs(world: World, channel: str) -> None:
    world.service.recipient_categories = ["individual", "legal_entity"]
    world.service.save(update_fields=["recipient_categories"])
    ChannelTermFactory.create(version=world.service.versions.get(), channel="other_echannel", term_amount=3)
    company = recipient_company_create(
        bin=make_bin(dt.date(2010, 6, 1), serial=5), name_kk="ЖШС", name_ru="ТОО", director=world.recipient
    )
    stranger_bin = make_bin(dt.date(2011, 6, 1), serial=9)
    kwargs = {"recipient_kind": RecipientKind.LEGAL_ENTITY, "recipient_name": "ТОО", "recipient_iin": ""}
    with pytest.raises(ApplicationError):
        submit(world, channel=channel, recipient_bin=stranger_bin, **kwargs)
    application = submit(world, channel=channel, recipient_bin=company.bin, **kwargs)
    assert application.recipient_bin == company.bin
    assert application.recipient_kind == RecipientKind.LEGAL_ENTITY
