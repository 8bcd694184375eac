"""Law 19-1.4: a licence or permit is refused on the grounds of the Law "On permits and
notifications" configured on the version, never on the six grounds of 19-1.2."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.core.errors import ApplicationError
from qyzmet.delivery import services
from qyzmet.delivery.enums import ApplicationStatus
from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.forms import RefuseForm
from qyzmet.delivery.tests.factories import World, make_world, submit
from qyzmet.registry.enums import RefusalGround
from qyzmet.registry.models import OtherRefusalGround
from qyzmet.registry.services import standard_version_errors
from qyzmet.registry.tests.factories import OtherRefusalGroundFactory

pytestmark = pytest.mark.django_db
PERMITS_LAW = "Закон РК «О разрешениях и уведомлениях», ст. 48"


def licence_world(**service_kwargs: object) -> tuple[World, OtherRefusalGround]:
    """A world whose version issues a licence, with one permits-law ground (test data)."""
    world = make_world(**service_kwargs)
    version = world.service.versions.get()
    version.other_refusal_grounds.all().delete()
    version.is_licence_or_permit = True
    version.refusal_grounds = []
    version.save(update_fields=["is_licence_or_permit", "refusal_grounds"])
    ground = OtherRefusalGroundFactory.create(
        version=version,
        text_kk="Өтініш беруші біліктілік талаптарына сәйкес келмейді",
        text_ru="Заявитель не соответствует квалификационным требованиям",
        legal_reference=PERMITS_LAW,
    )
    return world, ground


def test_law_19_1_4_licence_refused_on_a_permits_law_ground() -> None:
    world, ground = licence_world()
    app = services.application_refuse(
        actor=world.officer, application=submit(world), other_grounds=[ground], reason="Нет лицензиара"
    )
    assert app.status == ApplicationStatus.REFUSED
    assert app.refusal_grounds == []
    assert list(app.refusal_other_grounds.all()) == [ground]


@pytest.mark.parametrize("ground", list(RefusalGround))
def test_law_19_1_4_licence_never_refused_on_a_ground_of_19_1_2(ground: RefusalGround) -> None:
    world, permits_ground = licence_world()
    app = submit(world)
    with pytest.raises(ApplicationError) as exc:
        services.application_refuse(
            actor=world.officer,
            application=app,
            grounds=[ground],
            other_grounds=[permits_ground],
            reason="x",
        )
    assert exc.value.code == DeliveryErrorCode.REFUSAL_LICENCE_STATUTORY_GROUND
    for lang, needle in (("kk", "19-1-бабы 4-тармағы"), ("ru", "пункт 4 статьи 19-1"), ("en", "19-1.4")):
        assert needle in exc.value.message_for(lang)
    app.refresh_from_db()
    assert app.status == ApplicationStatus.RECEIVED


def test_law_19_1_4_licence_without_consent_still_refused_on_the_permits_law() -> None:
    """Ground 6 of 19-1.2 is not demanded either: the permits law governs the licence."""
    world, ground = licence_world(needs_protected_data_consent=True)
    app = submit(world, consent_method="")
    app = services.application_refuse(
        actor=world.officer, application=app, other_grounds=[ground], reason="Нет согласия"
    )
    assert app.status == ApplicationStatus.REFUSED


def test_law_19_1_4_a_ground_of_another_version_is_not_accepted() -> None:
    world, _ground = licence_world()
    foreign = make_world().service.versions.get().other_refusal_grounds.get()
    with pytest.raises(ApplicationError) as exc:
        services.application_refuse(
            actor=world.officer, application=submit(world), other_grounds=[foreign], reason="x"
        )
    assert exc.value.code == DeliveryErrorCode.REFUSAL_UNKNOWN_GROUND


def test_law_19_1_4_other_services_keep_the_six_grounds() -> None:
    world = make_world()
    form = RefuseForm(version=world.service.versions.get())
    assert {v for v, _label in form.fields["grounds"].choices} == set(RefusalGround.values)  # type: ignore[attr-defined]


def test_law_19_1_4_form_offers_only_the_permits_law_grounds(client: Client) -> None:
    world, ground = licence_world()
    form = RefuseForm(version=world.service.versions.get())
    assert list(form.fields["grounds"].choices) == []  # type: ignore[attr-defined]
    assert list(form.fields["other_grounds"].queryset) == [ground]  # type: ignore[attr-defined]
    app = submit(world)
    client.force_login(world.officer)
    client.cookies["qyzmet_language"] = "ru"
    page = client.get(reverse("delivery:detail", args=[app.number])).content.decode()
    assert ground.text_ru in page
    assert 'value="unreliable_documents"' not in page
    resp = client.post(
        reverse("delivery:detail", args=[app.number]),
        {"action": "refuse", "grounds": ["unreliable_documents"], "reason": "Жалған құжат."},
    )
    assert resp.status_code == 400
    app.refresh_from_db()
    assert app.status == ApplicationStatus.RECEIVED
    resp = client.post(
        reverse("delivery:detail", args=[app.number]),
        {"action": "refuse", "other_grounds": [ground.pk], "reason": "Не соответствует.", "confirmed": "1"},
    )
    assert resp.status_code == 302
    app.refresh_from_db()
    assert app.status == ApplicationStatus.REFUSED


def test_law_19_1_4_api_refuses_a_statutory_ground_with_400(client: Client) -> None:
    world, ground = licence_world()
    number = submit(world).number
    client.force_login(world.officer)
    url = f"/api/v1/delivery/applications/{number}/refuse"
    resp = client.post(
        url, {"grounds": ["unreliable_documents"], "reason": "Жалған."}, content_type="application/json"
    )
    assert resp.status_code == 400, resp.content
    assert DeliveryErrorCode.REFUSAL_LICENCE_STATUTORY_GROUND.value in resp.content.decode()
    resp = client.post(
        url, {"other_grounds": [ground.pk], "reason": "Сәйкес емес."}, content_type="application/json"
    )
    assert resp.status_code == 200, resp.content
    assert resp.json()["status"] == "refused"


def test_law_19_1_4_validation_of_a_licence_version() -> None:
    world, _ground = licence_world()
    version = world.service.versions.get()
    assert "refusal_grounds" not in standard_version_errors(version=version)
    assert "other_refusal_grounds" not in standard_version_errors(version=version)
    version.refusal_grounds = [RefusalGround.UNRELIABLE_DOCUMENTS.value]
    version.other_refusal_grounds.all().delete()
    errors = standard_version_errors(version=version)
    assert "19-1.4" in errors["refusal_grounds"]["en"]
    assert "19-1.4" in errors["other_refusal_grounds"]["en"]
