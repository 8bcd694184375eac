"""Law 1.1-2, 4.1.4-1 ("one application"): the plan asks each field and document once; one
submission creates the parent and every child, each document given to every child whose
standard asks for it; any child refused acceptance saves nothing and the refusal names them all."""

from __future__ import annotations

import pytest

from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import AuditLog
from qyzmet.delivery.enums import ApplicationStatus, Channel
from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.models import Application, ApplicationDocument, Stage
from qyzmet.delivery.tests.composite.factories import (
    composite_submit,
    documents_once,
    make_composite_world,
    plan_of,
)
from qyzmet.notify.models import OutboxMessage

pytestmark = pytest.mark.django_db

MEDICAL = "Медицинская справка (форма 086/у)"


def test_law_1_1_2_union_of_documents_and_fields_is_deduplicated() -> None:
    cw = make_composite_world()
    plan = plan_of(cw)
    assert [c.service.code for c in plan.children] == sorted([cw.a.code, cw.b.code, cw.c.code])
    by_name = {d.first.name_ru: d for d in plan.documents}
    # The medical certificate: three standards ask for it, asked once. "The application" is
    # not a document on the portal (ADR 0020): the submission is the application.
    assert set(by_name) == {
        "Медицинская справка (форма 086/у)",
        "Документ, подтверждающий льготу",
        "Справка о рождении",
    }
    assert len(by_name[MEDICAL].required_documents) == 3
    at_desk = {d.first.name_ru for d in plan_of(cw, channel=Channel.STATE_CORPORATION).documents}
    assert "Заявление" in at_desk  # on paper the application is a document
    assert by_name["Медицинская справка (форма 086/у)"].expires
    assert by_name["Документ, подтверждающий льготу"].optional
    assert by_name["Справка о рождении"].service_codes == [cw.c.code]
    codes = [f.code for f in plan.fields]
    assert codes == ["full_name", "birth_date", "purpose", "child_name"]  # each code once
    assert next(f for f in plan.fields if f.code == "full_name").service_codes == sorted(
        [cw.a.code, cw.b.code, cw.c.code]
    )
    assert [c.provider_choice_needed for c in plan.children] == [False, False, True]
    assert plan.consent_services == [cw.c]
    assert plan.offered


def test_law_1_1_2_one_submission_gives_each_document_to_every_child_that_asks_it() -> None:
    cw = make_composite_world()
    parent = composite_submit(cw)
    children = {c.service_id: c for c in parent.children.all()}
    assert set(children) == {cw.a.pk, cw.b.pk, cw.c.pk}
    assert parent.composite_service == cw.composite and parent.service is None
    for child in children.values():
        assert child.standard_version is not None
        own = {rd.pk for rd in child.standard_version.required_documents.all()}
        given = list(ApplicationDocument.objects.filter(application=child))
        # Each child holds its own standard's documents (never another's), numbered as given once.
        assert {d.required_document_id for d in given} <= own
        assert "Медицинская справка (форма 086/у)" in {d.name_ru for d in given}
        # ADR 0020: on the portal the submission is the application: it is never a document.
        assert "Заявление" not in {d.name_ru for d in given}
    assert ApplicationDocument.objects.filter(
        application=children[cw.c.pk], name_ru="Справка о рождении"
    ).exists()
    assert (
        not ApplicationDocument.objects.filter(name_ru="Справка о рождении")
        .exclude(application=children[cw.c.pk])
        .exists()
    )
    # A field goes to the children whose form has its code, and to no other.
    assert children[cw.c.pk].data["child_name"] == "Айша"
    assert "child_name" not in children[cw.a.pk].data
    assert children[cw.c.pk].provider == cw.other_provider
    assert children[cw.a.pk].provider == cw.world.provider
    assert parent.due_on == max(c.due_on for c in children.values())
    assert parent.status == ApplicationStatus.RECEIVED
    assert AuditLog.objects.filter(action="delivery.composite_application_submit").count() == 1


def test_law_1_1_2_a_child_refused_acceptance_writes_nothing_and_all_refusals_are_named() -> None:
    cw = make_composite_world()
    plan = plan_of(cw)
    with pytest.raises(ApplicationError) as exc:
        composite_submit(
            cw,
            providers={},  # C is delivered by two organisations: a choice is needed (Law 1.4)
            documents=documents_once(cw, skip=("Справка о рождении",)),
        )
    err = exc.value
    assert Application.objects.count() == 0
    assert Stage.objects.count() == 0
    assert ApplicationDocument.objects.count() == 0
    assert not OutboxMessage.objects.exists()
    assert not AuditLog.objects.filter(action__startswith="delivery.").exists()
    # One refusal for the one application, each field named as the one form names it.
    assert f"provider.{cw.c.code}" in err.fields
    birth = next(d for d in plan.documents if d.first.name_ru == "Справка о рождении")
    assert err.code == DeliveryErrorCode.PROVIDER_REQUIRED
    assert err.extra["children"] == [{"service": cw.c.code, "code": DeliveryErrorCode.PROVIDER_REQUIRED}]
    assert cw.c.name_ru in err.message_for("ru")
    assert cw.c.name_kk in err.message_for("kk")
    # The provider chosen, the missing document is named on its one row.
    with pytest.raises(ApplicationError) as exc2:
        composite_submit(cw, documents=documents_once(cw, skip=("Справка о рождении",)))
    assert exc2.value.code == DeliveryErrorCode.DOCUMENTS_INCOMPLETE
    assert exc2.value.extra["missing"] == [birth.key]
    assert Application.objects.count() == 0


def test_law_1_1_2_a_document_missing_for_all_children_is_one_row_and_one_sentence() -> None:
    cw = make_composite_world()
    plan = plan_of(cw)
    with pytest.raises(ApplicationError) as exc:
        composite_submit(cw, documents=documents_once(cw, skip=(MEDICAL,)))
    statement = next(d for d in plan.documents if d.first.name_ru == MEDICAL)
    assert exc.value.extra["missing"] == [statement.key]
    assert [c["service"] for c in exc.value.extra["children"]] == [c.service.code for c in plan.children]
    # The three children's identical refusals are told once, naming the three services.
    text = exc.value.message_for("ru")
    assert text.count("Не хватает документов") == 1
    assert all(c.service.name_ru in text for c in plan.children)


def test_law_1_1_2_the_channel_must_be_offered_by_every_child() -> None:
    cw = make_composite_world()
    with pytest.raises(ApplicationError) as exc:
        composite_submit(cw, channel=Channel.API)  # no member offers "other e-channels"
    assert exc.value.code == DeliveryErrorCode.CHANNEL_NOT_OFFERED
    assert Application.objects.count() == 0


def test_law_1_1_2_one_application_is_acknowledged_once_by_its_parent_number() -> None:
    cw = make_composite_world()
    parent = composite_submit(
        cw, recipient_phone="+77011234567", notify_sms=True, notify_email=False, language="ru"
    )
    received = list(OutboxMessage.objects.filter(kind="delivery.received"))
    assert [m.channel for m in received] == ["sms"]  # one message, not one per member service
    assert parent.number in received[0].body
    assert parent.due_on is not None and parent.due_on.strftime("%d.%m.%Y") in received[0].body
