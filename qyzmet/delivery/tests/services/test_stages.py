"""Stages (Law 5.2.11, 20.4), decisions (Law 19-1), re-application (Law 19-1.3), overdue sweep
(Law 5.2.5), composite services (Law 4.1.4-1) and proactive services (Law 21-1)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import AuditLog
from qyzmet.delivery import services
from qyzmet.delivery.documents import result_pdf
from qyzmet.delivery.enums import ApplicationStatus, Channel, ProactiveOfferStatus, StageKind
from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.models import Application, TermViolation
from qyzmet.delivery.selectors import recipient_application_list
from qyzmet.delivery.tests.factories import CompositeServiceFactory, World, make_world, pdf_bytes, submit
from qyzmet.notify.models import OutboxMessage
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import StaffPositionFactory
from qyzmet.registry.enums import RefusalGround
from qyzmet.registry.tests.factories import RequiredDocumentFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world(is_proactive_capable=True)


def _kinds(application: Application) -> list[str]:
    return list(application.stages.order_by("occurred_at", "id").values_list("kind", flat=True))


def test_law_5_2_11_state_corporation_application_walks_every_stage(world: World) -> None:
    app = submit(world, channel=Channel.STATE_CORPORATION)
    app = services.application_take_in_work(actor=world.officer, application=app)
    app = services.application_request_other_body(actor=world.officer, application=app, note="запрос в ЦОН")
    app = services.application_take_in_work(actor=world.officer, application=app)
    app = services.application_result_ready(
        actor=world.officer, application=app, result_file=ContentFile(pdf_bytes("result"), name="result.pdf")
    )
    app = services.application_hand_over(actor=world.officer, application=app)
    with pytest.raises(AccessDenied):  # the branch issues, not the provider
        services.application_issue(actor=world.officer, application=app)
    app = services.application_issue(actor=world.operator, application=app)
    assert app.status == ApplicationStatus.ISSUED
    assert _kinds(app) == [
        StageKind.RECEIVED,
        StageKind.IN_WORK,
        StageKind.REQUEST_OTHER_BODY,
        StageKind.IN_WORK,
        StageKind.RESULT_READY,
        StageKind.HANDED_OVER,
        StageKind.ISSUED,
    ]
    assert app.stages.filter(kind=StageKind.IN_WORK, officer=world.officer).count() == 2
    assert AuditLog.objects.filter(object_type="delivery.application", object_id=str(app.pk)).count() == 7
    assert OutboxMessage.objects.filter(kind="delivery.issued", channel="sms").count() == 1


def test_law_21_2_1_e_result_lands_in_the_cabinet(world: World) -> None:
    app = submit(world, channel=Channel.EGOV_PORTAL)
    app = services.application_take_in_work(actor=world.officer, application=app)
    app = services.application_result_ready(
        actor=world.officer, application=app, result_summary_kk="Анықтама берілді"
    )
    assert app.status == ApplicationStatus.ISSUED
    assert app.result_kind == "e_document"
    assert app in recipient_application_list(user=world.recipient)
    for lang in ("kk", "ru"):
        assert result_pdf(application=app, language=lang).startswith(b"%PDF")


def test_law_5_2_11_stage_order_is_enforced(world: World) -> None:
    app = submit(world)
    with pytest.raises(ApplicationError) as exc:
        services.application_hand_over(actor=world.officer, application=app)
    assert exc.value.code == DeliveryErrorCode.TRANSITION_NOT_ALLOWED


def test_law_19_1_refusal_needs_a_statutory_ground_and_a_reason(world: World) -> None:
    app = submit(world)
    with pytest.raises(ApplicationError) as exc:
        services.application_refuse(actor=world.officer, application=app, grounds=[], reason="нет")
    assert exc.value.code == DeliveryErrorCode.REFUSAL_WITHOUT_GROUND
    with pytest.raises(ApplicationError) as exc:
        services.application_refuse(
            actor=world.officer, application=app, grounds=["i_do_not_like_it"], reason="x"
        )
    assert exc.value.code == DeliveryErrorCode.REFUSAL_UNKNOWN_GROUND
    with pytest.raises(ApplicationError) as exc:
        services.application_refuse(
            actor=world.officer, application=app, grounds=[RefusalGround.UNRELIABLE_DOCUMENTS], reason=" "
        )
    assert exc.value.code == DeliveryErrorCode.REFUSAL_WITHOUT_REASON
    app.refresh_from_db()
    assert app.status == ApplicationStatus.RECEIVED


def test_law_19_1_3_refused_on_a_statutory_ground_and_reapplied(world: World) -> None:
    app = submit(world)
    app = services.application_refuse(
        actor=world.officer,
        application=app,
        grounds=[RefusalGround.UNRELIABLE_DOCUMENTS],
        reason="Справка 086/у выдана не медицинской организацией",
    )
    assert app.status == ApplicationStatus.REFUSED
    assert app.refusal_grounds == [RefusalGround.UNRELIABLE_DOCUMENTS]
    # Issue 13.5: the SMS names the ground with its point; the e-mail carries the reason too.
    sms = OutboxMessage.objects.get(kind="delivery.refused", channel="sms")
    assert "19-1-бабы 2-тармағының 1) тармақшасы" in sms.body
    assert "086" in OutboxMessage.objects.get(kind="delivery.refused", channel="email").body
    again = submit(world, reapplication_of=app)
    assert again.reapplication_of == app
    assert list(app.reapplications.all()) == [again]
    with pytest.raises(ApplicationError) as exc:
        submit(world, reapplication_of=again)  # not refused
    assert exc.value.code == DeliveryErrorCode.REAPPLICATION_NOT_REFUSED


def test_law_19_1_other_law_ground_configured_on_the_version(world: World) -> None:
    app = submit(world)
    other = app.standard_version.other_refusal_grounds.get()  # type: ignore[union-attr]
    app = services.application_refuse(
        actor=world.officer, application=app, other_grounds=[other], reason="16 жасқа толмаған"
    )
    assert list(app.refusal_other_grounds.all()) == [other]


def test_law_19_1_2_6_without_consent_only_refusal_on_ground_6() -> None:
    world = make_world(needs_protected_data_consent=True)
    app = submit(world, consent_method="")
    with pytest.raises(ApplicationError) as exc:
        services.application_result_ready(actor=world.officer, application=app, result_summary_ru="Справка")
    assert exc.value.code == DeliveryErrorCode.CONSENT_MISSING
    with pytest.raises(ApplicationError):
        services.application_refuse(
            actor=world.officer, application=app, grounds=[RefusalGround.UNRELIABLE_DOCUMENTS], reason="x"
        )
    app = services.application_refuse(
        actor=world.officer,
        application=app,
        grounds=[RefusalGround.NO_CONSENT_TO_RESTRICTED_DATA],
        reason="Нет согласия",
    )
    assert app.status == ApplicationStatus.REFUSED


def test_law_5_2_5_sweep_marks_overdue_once_and_spares_what_was_issued(world: World) -> None:
    late = submit(world)  # due 30.11.2026
    done = submit(world)
    done = services.application_result_ready(actor=world.officer, application=done, result_summary_ru="ok")
    services.application_issue(actor=world.officer, application=done)
    assert services.application_sweep_overdue(today=dt.date(2026, 11, 30)) == 0
    assert services.application_sweep_overdue(today=dt.date(2026, 12, 1)) == 1
    assert services.application_sweep_overdue(today=dt.date(2026, 12, 2)) == 0  # idempotent
    late.refresh_from_db()
    assert late.term_violated_on == dt.date(2026, 12, 1)
    assert TermViolation.objects.get().application == late


def test_law_4_1_4_1_composite_with_three_children(world: World) -> None:
    composite = CompositeServiceFactory.create()
    other_provider = world.provider
    services_ = [
        world.service,
        ServiceFactory.create(responsible_body=other_provider),
        ServiceFactory.create(responsible_body=other_provider),
    ]
    composite.services.set(services_)
    documents = [d for s in services_ for d in world.documents(s)]
    parent = services.composite_application_submit(
        actor=world.recipient,
        composite_service=composite,
        channel=Channel.EGOV_PORTAL,
        recipient_iin=world.recipient.iin,
        recipient_name=str(world.recipient),
        recipient_user=world.recipient,
        data={"full_name": "Әбілов Нұрлан", "birth_date": "1985-01-01"},
        documents=documents,
        consent_method="e_signature",
        received_at=dt.datetime(2026, 11, 23, 10, tzinfo=dt.timezone(dt.timedelta(hours=5))),
    )
    children = list(parent.children.order_by("id"))
    assert len(children) == 3
    assert {c.service_id for c in children} == {s.pk for s in services_}
    assert all(c.standard_version is not None and c.due_on for c in children)
    assert parent.due_on == max(c.due_on for c in children)
    services.application_take_in_work(actor=world.officer, application=children[0])
    services.application_result_ready(actor=world.officer, application=children[0], result_summary_ru="ok")
    parent.refresh_from_db()
    assert parent.status == ApplicationStatus.RECEIVED  # the least advanced child
    for child in children[1:]:
        services.application_result_ready(actor=world.officer, application=child, result_summary_ru="ok")
    parent.refresh_from_db()
    assert parent.status == ApplicationStatus.ISSUED


def test_law_4_1_4_1_composite_with_an_incomplete_child_saves_nothing(world: World) -> None:
    composite = CompositeServiceFactory.create()
    second = ServiceFactory.create(responsible_body=world.provider)
    # A document only the second standard asks for (those both ask for are given once, ADR 0022).
    RequiredDocumentFactory.create(version=second.versions.get(), name_kk="Анықтама", name_ru="Справка")
    composite.services.set([world.service, second])
    with pytest.raises(ApplicationError):
        services.composite_application_submit(
            actor=world.recipient,
            composite_service=composite,
            channel=Channel.EGOV_PORTAL,
            recipient_iin=world.recipient.iin,
            recipient_name="X",
            data={"full_name": "X", "birth_date": "1985-01-01"},
            documents=world.documents(),  # only the first service's documents
        )
    assert Application.objects.count() == 0


def test_law_21_1_proactive_needs_phone_and_consent_then_sms_yes_creates_application(world: World) -> None:
    with pytest.raises(ApplicationError) as exc:
        services.proactive_offer_start(
            provider_user=world.officer, service=world.service, recipient=world.recipient
        )
    assert exc.value.code == DeliveryErrorCode.PROACTIVE_NO_CONSENT
    services.proactive_consent_set(user=world.recipient, consent=True)
    offer = services.proactive_offer_start(
        provider_user=world.officer, service=world.service, recipient=world.recipient
    )
    assert OutboxMessage.objects.filter(kind="delivery.proactive_offer", to=world.recipient.phone).exists()
    offer = services.proactive_sms_reply(phone=world.recipient.phone, text="ИӘ")
    assert offer.status == ProactiveOfferStatus.CONFIRMED
    assert offer.application is not None
    assert offer.application.recipient_user == world.recipient
    assert offer.application.channel == Channel.MOBILE


def test_law_21_1_proactive_refused_without_mobile_number(world: World) -> None:
    services.proactive_consent_set(user=world.recipient, consent=True)
    world.recipient.phone = ""
    world.recipient.save(update_fields=["phone"])
    with pytest.raises(ApplicationError) as exc:
        services.proactive_offer_start(
            provider_user=world.officer, service=world.service, recipient=world.recipient
        )
    assert exc.value.code == DeliveryErrorCode.PROACTIVE_NO_PHONE


def test_law_21_1_proactive_declined_by_sms_no(world: World) -> None:
    services.proactive_consent_set(user=world.recipient, consent=True)
    services.proactive_offer_start(
        provider_user=world.officer, service=world.service, recipient=world.recipient
    )
    with pytest.raises(ApplicationError):
        services.proactive_sms_reply(phone=world.recipient.phone, text="мүмкін")
    offer = services.proactive_sms_reply(phone=world.recipient.phone, text="нет")
    assert offer.status == ProactiveOfferStatus.DECLINED
    assert offer.application is None


def test_other_body_officer_cannot_act(world: World) -> None:
    stranger = StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER).user
    app = submit(world)
    with pytest.raises(AccessDenied):
        services.application_take_in_work(actor=stranger, application=app)
    with pytest.raises(AccessDenied):
        services.application_refuse(
            actor=stranger, application=app, grounds=[RefusalGround.UNRELIABLE_DOCUMENTS], reason="x"
        )


def test_law_19_1_statutory_ground_not_in_the_standard_is_refused(world: World) -> None:
    app = submit(world)  # the factory's standard lists grounds 1 and 2
    with pytest.raises(ApplicationError) as exc:
        services.application_refuse(
            actor=world.officer, application=app, grounds=[RefusalGround.COURT_BAN_ON_ACTIVITY], reason="x"
        )
    assert exc.value.code == DeliveryErrorCode.REFUSAL_UNKNOWN_GROUND


def test_law_21_1_proactive_confirmed_in_the_cabinet_only_by_the_recipient(world: World) -> None:
    services.proactive_consent_set(user=world.recipient, consent=True)
    offer = services.proactive_offer_start(
        provider_user=world.officer, service=world.service, recipient=world.recipient
    )
    with pytest.raises(AccessDenied):
        services.proactive_offer_answer(user=world.officer, offer=offer, accept=True)
    offer = services.proactive_offer_answer(user=world.recipient, offer=offer, accept=True)
    assert offer.status == ProactiveOfferStatus.CONFIRMED
    assert offer.application is not None
    assert offer.application in list(recipient_application_list(user=world.recipient))
    with pytest.raises(ApplicationError) as exc:
        services.proactive_offer_answer(user=world.recipient, offer=offer, accept=False)
    assert exc.value.code == DeliveryErrorCode.PROACTIVE_NOT_OFFERED


def test_law_5_2_5_result_after_the_due_date_is_a_violation_without_a_sweep(world: World) -> None:
    import time_machine

    app = submit(world)  # due 30.11.2026
    with time_machine.travel(
        dt.datetime(2026, 12, 3, 12, tzinfo=dt.timezone(dt.timedelta(hours=5))), tick=False
    ):
        app = services.application_result_ready(actor=world.officer, application=app, result_summary_ru="ok")
    assert app.term_violated_on == dt.date(2026, 12, 3)
    assert TermViolation.objects.filter(application=app).count() == 1
    on_time = submit(world)
    with time_machine.travel(
        dt.datetime(2026, 11, 30, 17, tzinfo=dt.timezone(dt.timedelta(hours=5))), tick=False
    ):
        on_time = services.application_result_ready(
            actor=world.officer, application=on_time, result_summary_ru="ok"
        )
    assert on_time.term_violated_on is None


def test_law_5_2_5_only_state_corporation_results_are_handed_over(world: World) -> None:
    app = submit(world)
    app = services.application_result_ready(actor=world.officer, application=app, result_summary_ru="ok")
    with pytest.raises(ApplicationError) as exc:
        services.application_hand_over(actor=world.officer, application=app)
    assert exc.value.code == DeliveryErrorCode.TRANSITION_NOT_ALLOWED


def test_law_21_1_only_proactive_services_are_offered() -> None:
    plain = make_world()
    services.proactive_consent_set(user=plain.recipient, consent=True)
    with pytest.raises(ApplicationError) as exc:
        services.proactive_offer_start(
            provider_user=plain.officer, service=plain.service, recipient=plain.recipient
        )
    assert exc.value.code == DeliveryErrorCode.PROACTIVE_NOT_CAPABLE
