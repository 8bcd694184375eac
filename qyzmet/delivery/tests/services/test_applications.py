"""Acceptance (Law 19, 20.2-20.3, 5.2, 5.2.12, 20.6), receipts, idempotency (API retries)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import translation

from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import AuditLog
from qyzmet.delivery.documents import receipt_pdf
from qyzmet.delivery.enums import ApplicationStatus, Channel, StageKind
from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.models import Application
from qyzmet.delivery.services import Representative, SubmittedDocument, application_submit
from qyzmet.delivery.tests.factories import MONDAY, World, make_world, submit
from qyzmet.notify.models import OutboxMessage
from qyzmet.registry.enums import DocumentRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def _docs_without(world: World, name_ru: str) -> list[SubmittedDocument]:
    return [
        d
        for d in world.documents()
        if not isinstance(d.required_document, int) and d.required_document.name_ru != name_ru
    ]


def test_law_19_missing_document_refuses_acceptance_and_saves_nothing(world: World) -> None:
    with pytest.raises(ApplicationError) as exc:
        submit(world, documents=_docs_without(world, "Заявление"))
    assert exc.value.code == DeliveryErrorCode.DOCUMENTS_INCOMPLETE
    assert "Заявление" in exc.value.messages["ru"]
    assert "Өтініш" in exc.value.messages["kk"]
    assert "Медицинская" not in exc.value.messages["ru"]  # only what is missing
    assert Application.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_law_19_expired_document_refuses_acceptance(world: World) -> None:
    docs = [
        SubmittedDocument(
            required_document=d.required_document,
            issued_on=d.issued_on,
            valid_until=MONDAY.date() - dt.timedelta(days=1) if d.valid_until else None,
        )
        for d in world.documents()
    ]
    with pytest.raises(ApplicationError) as exc:
        submit(world, channel=Channel.STATE_CORPORATION, documents=docs)
    assert exc.value.code == DeliveryErrorCode.DOCUMENTS_EXPIRED
    assert "Медицинская справка" in exc.value.messages["ru"]
    assert "Заявление" not in exc.value.messages["ru"]
    assert Application.objects.count() == 0


def test_law_19_document_older_than_its_validity_period_is_expired(world: World) -> None:
    docs = [
        SubmittedDocument(
            required_document=d.required_document, issued_on=MONDAY.date() - dt.timedelta(days=200)
        )
        for d in world.documents()
    ]
    with pytest.raises(ApplicationError) as exc:
        submit(world, documents=docs)
    assert exc.value.code == DeliveryErrorCode.DOCUMENTS_EXPIRED


def test_law_5_2_documents_from_state_systems_are_not_demanded(world: World) -> None:
    version = world.service.versions.get()
    version.required_documents.create(
        name_kk="Жеке куәлік", name_ru="Удостоверение личности", obtainable_from_state_system=True
    )
    application = submit(world)  # the set without the ID card is complete
    assert application.documents.count() == 2
    assert not application.documents.filter(name_ru="Удостоверение личности").exists()


@pytest.mark.parametrize("channel", list(Channel.values))
def test_law_19_and_20_2_complete_set_is_accepted_on_every_channel(world: World, channel: str) -> None:
    if channel in (Channel.LANDLINE, Channel.MOBILE, Channel.API):
        version = world.service.versions.get()
        registry_channel = {"api": "other_echannel"}.get(channel, channel)
        version.channel_terms.create(channel=registry_channel, term_amount=3)
    application = submit(world, channel=channel)
    assert application.status == ApplicationStatus.RECEIVED
    assert application.number.startswith("KZ-2026-11-")
    assert application.standard_version == world.service.versions.get()
    assert list(application.stages.values_list("kind", flat=True)) == [StageKind.RECEIVED]
    assert AuditLog.objects.filter(
        action="delivery.application_submit", object_id=str(application.pk)
    ).exists()
    assert OutboxMessage.objects.filter(kind="delivery.received", to=world.recipient.phone).exists()
    if channel == Channel.STATE_CORPORATION:
        assert application.accepting_organisation == world.branch
        assert application.handover_due_on is not None
    else:
        assert application.handover_due_on is None


def test_law_20_3_in_person_channel_needs_identification(world: World) -> None:
    with pytest.raises(ApplicationError) as exc:
        submit(world, channel=Channel.STATE_CORPORATION, identity_confirmed=False)
    assert exc.value.code == DeliveryErrorCode.IDENTITY_NOT_CONFIRMED
    application = submit(world, channel=Channel.STATE_CORPORATION)
    assert application.identity_confirmed_by == world.operator
    assert application.identity_confirmed_at == MONDAY


def test_law_18_channel_not_in_the_standard_is_refused(world: World) -> None:
    with pytest.raises(ApplicationError) as exc:
        submit(world, channel=Channel.MOBILE)
    assert exc.value.code == DeliveryErrorCode.CHANNEL_NOT_OFFERED


def test_law_18_the_channel_refusal_names_the_channel_in_each_language(world: World) -> None:
    """Tester's finding 19.3: the caller is told which channel the standard does not offer."""
    with pytest.raises(ApplicationError) as exc:
        submit(world, channel=Channel.MOBILE)
    messages = exc.value.messages
    for lang in ("kk", "ru"):
        with translation.override(lang):
            label = str(Channel.MOBILE.label)
        assert label != "Mobile device" and f"«{label}»" in messages[lang]
    assert "“Mobile device”" in messages["en"]
    assert Application.objects.count() == 0


def test_law_20_1_state_corporation_paper_dispatch_pins_dates(world: World) -> None:
    application = submit(world, channel=Channel.STATE_CORPORATION)
    # 5 wd, paper dispatch, Mon 23.11: 24,25,26,27,30 -> Mon 30.11; hand over Fri 27.11.
    assert application.paper_dispatch is True
    assert application.due_on == dt.date(2026, 11, 30)
    assert application.handover_due_on == dt.date(2026, 11, 27)


def test_law_1_invalid_iin_is_refused(world: World) -> None:
    with pytest.raises(ApplicationError) as exc:
        submit(world, recipient_iin="123456789012", recipient_user=None)
    assert exc.value.code == DeliveryErrorCode.INVALID_RECIPIENT
    assert "recipient_iin" in exc.value.fields


def test_law_1_legal_entity_by_bin(world: World) -> None:
    from qyzmet.orgs.tests.factories import make_bin

    with pytest.raises(ApplicationError) as exc:  # STD 6: the standard is for individuals only
        submit(
            world,
            recipient_kind="legal_entity",
            recipient_bin=make_bin(dt.date(2015, 3, 1)),
            recipient_user=None,
        )
    assert exc.value.code == DeliveryErrorCode.INVALID_RECIPIENT
    world.service.recipient_categories = ["individual", "legal_entity"]
    world.service.save(update_fields=["recipient_categories"])
    application = submit(
        world,
        recipient_kind="legal_entity",
        recipient_bin=make_bin(dt.date(2015, 3, 1)),
        recipient_user=None,
        recipient_name="ТОО «Дала»",
    )
    assert application.recipient_iin == ""
    assert application.recipient_id_number == application.recipient_bin


def test_std_6_the_recipients_named_by_the_standard_in_force_decide_not_the_register_entry(
    world: World,
) -> None:
    """STD 6 is kept with the version: the version in force names individuals only, so a legal
    entity is refused although the register entry lists both; the version naming both admits it."""
    from django.db.models import F

    from qyzmet.orgs.tests.factories import make_bin
    from qyzmet.registry.models import StandardVersion

    world.service.recipient_categories = ["individual", "legal_entity"]
    world.service.save(update_fields=["recipient_categories"])
    StandardVersion.objects.filter(service=world.service).update(
        recipient_categories=["individual"], updated_at=F("updated_at") + dt.timedelta(seconds=1)
    )
    entity: dict[str, Any] = {
        "recipient_kind": "legal_entity",
        "recipient_bin": make_bin(dt.date(2015, 3, 1)),
        "recipient_user": None,
        "recipient_name": "ТОО «Дала»",
    }
    with pytest.raises(ApplicationError) as exc:
        submit(world, **entity)
    assert exc.value.code == DeliveryErrorCode.INVALID_RECIPIENT
    assert Application.objects.count() == 0
    # a save moves ``updated_at``, which the version cache keys on
    StandardVersion.objects.filter(service=world.service).update(
        recipient_categories=["legal_entity", "individual"],
        updated_at=F("updated_at") + dt.timedelta(seconds=1),
    )
    assert submit(world, **entity).recipient_bin == entity["recipient_bin"]


def test_law_20_3_representative_with_expired_power_of_attorney_is_refused(world: World) -> None:
    from qyzmet.orgs.tests.factories import make_iin

    rep = Representative(
        name="Серік Ахметов",
        iin=make_iin(dt.date(1980, 5, 5)),
        poa_number="12-345",
        poa_valid_until=dt.date(2026, 1, 1),
    )
    with pytest.raises(ApplicationError) as exc:
        submit(world, representative=rep)
    assert exc.value.code == DeliveryErrorCode.INVALID_REPRESENTATIVE
    ok = Representative(
        name=rep.name, iin=rep.iin, poa_number=rep.poa_number, poa_valid_until=dt.date(2027, 1, 1)
    )
    assert submit(world, representative=ok).poa_number == "12-345"


def test_law_19_required_form_field_missing(world: World) -> None:
    with pytest.raises(ApplicationError) as exc:
        submit(world, data={"full_name": "X"})
    assert exc.value.code == DeliveryErrorCode.DATA_FIELD_MISSING
    assert "data.birth_date" in exc.value.fields


def test_law_5_2_12_consent_recorded_with_method_and_time(world: World) -> None:
    application = submit(world, consent_method="written")
    assert (application.consent_given, application.consent_method, application.consent_at) == (
        True,
        "written",
        MONDAY,
    )
    without = submit(world, consent_method="")
    assert without.consent_given is False


def test_api_retry_with_idempotency_key_creates_one_application(world: World) -> None:
    first = submit(world, channel=Channel.EGOV_PORTAL, idempotency_key="req-1")
    again = submit(world, channel=Channel.EGOV_PORTAL, idempotency_key="req-1")
    assert first.pk == again.pk
    assert Application.objects.count() == 1
    other = submit(world, channel=Channel.EGOV_PORTAL, idempotency_key="req-2")
    assert other.pk != first.pk


def test_numbers_are_unique_and_sequential(world: World) -> None:
    a = submit(world)
    b = submit(world)
    assert int(b.number.rsplit("-", 1)[1]) == int(a.number.rsplit("-", 1)[1]) + 1


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_std_15_receipt_pdf(world: World, language: str) -> None:
    application = submit(world, channel=Channel.STATE_CORPORATION, language=language)
    pdf = receipt_pdf(application=application, language=language)
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 1000


def test_law_21_notification_in_recipient_language(world: World) -> None:
    submit(world, language="ru")
    message = OutboxMessage.objects.get(kind="delivery.received", channel="sms")
    assert message.language == "ru"


@pytest.mark.parametrize(("language", "word"), [("kk", "өтінішіңіз"), ("ru", "заявление")])
def test_law_21_2_1_sms_text_is_in_the_recipient_language(world: World, language: str, word: str) -> None:
    application = submit(world, language=language)
    message = OutboxMessage.objects.get(kind="delivery.received", channel="sms")
    assert word in message.body
    assert application.number in message.body
    assert "30.11.2026" in message.body


def test_law_20_3_only_the_accepting_desk_staff_accept_in_person(world: World) -> None:
    from qyzmet.core.errors import AccessDenied
    from qyzmet.orgs.enums import StaffRole
    from qyzmet.orgs.tests.factories import StaffPositionFactory

    other_operator = StaffPositionFactory.create(role=StaffRole.STATE_CORPORATION_OPERATOR).user
    with pytest.raises(AccessDenied):
        submit(world, channel=Channel.STATE_CORPORATION, actor=other_operator)
    other_officer = StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER).user
    with pytest.raises(AccessDenied):
        submit(world, channel=Channel.PROVIDER, actor=other_officer)
    assert Application.objects.count() == 0


def test_law_24_fee_fixed_at_submission() -> None:
    from decimal import Decimal

    from qyzmet.registry.selectors import mci_for_year

    paid = make_world(version__is_paid=True, version__fee_mci=Decimal("0.5"), version__payment_method="bank")
    application = submit(paid)
    mci = mci_for_year(year=2026)
    assert mci > 0
    assert application.fee_tenge == (Decimal("0.5") * mci).quantize(Decimal("1"))
    assert submit(make_world()).fee_tenge == 0  # free service
    assert receipt_pdf(application=application, language="ru").startswith(b"%PDF")


def test_std_16_result_delivery_method_from_the_standard(world: World) -> None:
    with pytest.raises(ApplicationError) as exc:
        submit(world, result_delivery_method="courier")  # the factory's standard: portal, in person
    assert exc.value.code == DeliveryErrorCode.DELIVERY_METHOD_NOT_OFFERED
    assert submit(world, result_delivery_method="portal").result_delivery_method == "portal"


def test_law_21_2_1_recipient_chooses_notification_channels(world: World) -> None:
    from qyzmet.delivery.services import notification_preference_set

    notification_preference_set(user=world.recipient, sms=False, email=True)
    application = submit(world)
    assert (application.notify_sms, application.notify_email) == (False, True)
    kinds = set(OutboxMessage.objects.filter(kind="delivery.received").values_list("channel", flat=True))
    assert kinds == {"email"}


def test_law_21_on_the_portal_one_applies_for_oneself(world: World) -> None:
    from qyzmet.orgs.tests.factories import RecipientFactory

    someone = RecipientFactory.create()
    with pytest.raises(ApplicationError) as exc:
        submit(world, channel=Channel.EGOV_PORTAL, actor=someone)
    assert exc.value.code == DeliveryErrorCode.INVALID_RECIPIENT
    assert Application.objects.count() == 0


def test_law_19_acceptance_on_the_portal_is_a_bounded_number_of_statements(
    world: World, django_assert_num_queries
) -> None:
    """A regression guard for the benchmark path (ADR 0007): once the version graph is cached,
    an accepted portal application costs a fixed set of statements, whatever the documents."""
    submit(world, channel=Channel.EGOV_PORTAL)  # loads the version graph
    # version pk, provider of record (Law 1.4), calendar fingerprint, notification preference,
    # number counter, application,
    # documents (one bulk insert), stage, audit, the event subscriptions (issue 19.4: none here),
    # outbox (one insert), plus the savepoint pair of the service's own transaction inside the
    # test's.
    documents = world.documents()
    with django_assert_num_queries(13):
        application = application_submit(
            actor=world.recipient,
            service=world.service,
            channel=Channel.EGOV_PORTAL,
            provider=world.provider,
            recipient_name=str(world.recipient),
            recipient_user=world.recipient,
            data={"full_name": str(world.recipient), "birth_date": "1985-01-01"},
            documents=documents,
            consent_method="e_signature",
            received_at=MONDAY,
        )
    # ADR 0020: on the portal "the application" is the submission, not a document row.
    asked = [
        d
        for d in documents
        if not isinstance(d.required_document, int)
        and d.required_document.role != DocumentRole.APPLICATION_FORM
    ]
    assert application.documents.count() == len(asked)
    assert OutboxMessage.objects.filter(dedup_key__startswith=f"delivery:{application.number}:").exists()


def test_law_1_4_and_21_2_1_a_submission_reads_the_recipients_territory_and_channels_once(
    world: World,
) -> None:
    """Issue 20.2: the provider of record (Law 1.4, by the recipient's territory) and the
    notification channels (Law 21.2-1) come from one read of the recipient's settings."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from qyzmet.delivery.models import NotificationPreference

    NotificationPreference.objects.create(user=world.recipient, sms=False, email=True)
    submit(world, channel=Channel.EGOV_PORTAL)  # loads the version graph
    with CaptureQueriesContext(connection) as queries:
        application = application_submit(
            actor=world.recipient,
            service=world.service,
            channel=Channel.EGOV_PORTAL,
            recipient_name=str(world.recipient),
            recipient_user=world.recipient,
            data={"full_name": str(world.recipient), "birth_date": "1985-01-01"},
            documents=world.documents(),
            consent_method="e_signature",
            received_at=MONDAY,
        )
    reads = [
        q["sql"] for q in queries.captured_queries if 'FROM "delivery_notificationpreference"' in q["sql"]
    ]
    assert len(reads) == 1
    assert application.provider == world.provider
    assert (application.notify_sms, application.notify_email) == (False, True)


def test_law_1_4_a_provider_found_among_the_providers_of_record_is_not_looked_up_again(
    world: World, django_assert_num_queries
) -> None:
    """Issue 20.2: when the applicant names no provider, the one the register names (Law 1.4) is
    read once, from the service's providers of record; acceptance does not ask the register a
    second time whether it delivers the service. Same statements as with the provider named."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    submit(world, channel=Channel.EGOV_PORTAL)  # loads the version graph
    documents = world.documents()
    with CaptureQueriesContext(connection) as queries:
        application = application_submit(
            actor=world.recipient,
            service=world.service,
            channel=Channel.EGOV_PORTAL,
            recipient_name=str(world.recipient),
            recipient_user=world.recipient,
            data={"full_name": str(world.recipient), "birth_date": "1985-01-01"},
            documents=documents,
            consent_method="e_signature",
            received_at=MONDAY,
        )
    assert application.provider == world.provider
    assert len(queries.captured_queries) == 13
    assert not [q for q in queries.captured_queries if 'FROM "registry_serviceprovider"' in q["sql"]]


def test_adr_0080_postgresql_statements_are_prepared_after_their_fifth_run() -> None:
    """ADR 0080 (issue 20.2): server-side binding with psycopg's prepare threshold of 5, so a
    statement a connection runs again is planned once; other engines are left alone."""
    from django.db import connection

    from config.env import postgres_prepared

    with connection.cursor() as cursor:
        for _ in range(6):
            cursor.execute("SELECT count(*) FROM delivery_application WHERE id = %s", [0])
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ["SELECT count(*) FROM delivery_application WHERE id = $1%"],
        )
        assert cursor.fetchone() == (1,)
    pg = {"ENGINE": "django.db.backends.postgresql", "OPTIONS": {"options": "-c jit=off"}}
    assert postgres_prepared(pg, enabled=True)["OPTIONS"] == {
        "options": "-c jit=off",
        "server_side_binding": True,
        "prepare_threshold": 5,
    }
    assert postgres_prepared(pg, enabled=False) == pg
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": "x"}
    assert postgres_prepared(sqlite, enabled=True) == sqlite
