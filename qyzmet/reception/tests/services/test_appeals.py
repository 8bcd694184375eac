"""CRC 2, 15, 17, 18, 24: appeals, paper registries and answers."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from qyzmet.core.errors import ApplicationError
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.tests.factories import OrganisationFactory, make_bin
from qyzmet.reception.enums import (
    AnswerMethod,
    AppealForm,
    AppealKind,
    AppealStatus,
    ApplicantType,
    LegalArea,
)
from qyzmet.reception.errors import ReceptionErrorCode
from qyzmet.reception.models import Appeal
from qyzmet.reception.services import (
    answer_complain,
    answer_issue,
    answer_register,
    appeal_register,
    appeal_split,
    paper_registry_form,
    paper_registry_receive,
)
from qyzmet.reception.tests.factories import centre_create, details

ALMATY = ZoneInfo("Asia/Almaty")


@pytest.fixture
def centre():
    return centre_create()


@pytest.fixture
def ministry():
    return OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)


@pytest.mark.django_db
def test_crc_17_3_missing_iin_and_signature_are_both_named_in_the_visitors_language(centre, ministry):
    with pytest.raises(ApplicationError) as exc:
        appeal_register(
            actor=None, centre=centre, details=details(iin="", signed=False), competent_bodies=[ministry]
        )
    err = exc.value
    assert err.code == ReceptionErrorCode.APPEAL_DETAILS_MISSING
    assert set(err.fields) == {"iin", "signed"}
    assert err.field_messages_for("ru") == {
        "iin": "Не указан ИИН.",
        "signed": "Нет подписи заявителя или представителя.",
    }
    assert "ЖСН" in err.field_messages_for("kk")["iin"]
    assert Appeal.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "missing"),
    [
        ({"surname": ""}, {"surname"}),  # CRC 17.3 person: surname
        ({"first_name": ""}, {"first_name"}),  # CRC 17.3 person: name
        ({"patronymic": ""}, set()),  # CRC 17.3: patronymic only if any
        ({"iin": "900517300001"}, {"iin"}),  # CRC 17.3: a valid IIN
        ({"postal_address": ""}, {"postal_address"}),  # CRC 17.3: postal address
        ({"substance": " "}, {"substance"}),  # CRC 17.3: the substance
        ({"appeal_date": None}, {"appeal_date"}),  # CRC 17.3: the date
        ({"form": AppealForm.ORAL, "signed": False}, set()),  # an oral appeal is not signed
        ({"attachment_count": 2, "attachments": ("Копия паспорта",)}, {"attachments"}),  # CRC 17.3: listed
        ({"by_representative": True}, {"power_of_attorney"}),  # CRC 15
        ({"original_language": "en"}, {"translation_notarised"}),  # CRC 15
        ({"original_language": "en", "translation_notarised": True}, set()),
        (
            {"applicant_type": ApplicantType.ENTITY, "entity_name": "", "iin": "", "surname": ""},
            {"entity_name"},
        ),
        ({"applicant_type": ApplicantType.ENTITY, "entity_name": "ТОО Береке", "bin": "123"}, {"bin"}),
        (  # CRC 15: an entity's representative also shows the appointment order
            {
                "applicant_type": ApplicantType.ENTITY,
                "entity_name": "ТОО Береке",
                "bin": make_bin(dt.date(2015, 3, 1)),
                "by_representative": True,
                "power_of_attorney": "№ 12",
            },
            {"appointment_order"},
        ),
    ],
)
def test_crc_17_3_required_details(centre, ministry, changes, missing):
    if missing:
        with pytest.raises(ApplicationError) as exc:
            appeal_register(
                actor=None, centre=centre, details=details(**changes), competent_bodies=[ministry]
            )
        assert set(exc.value.fields) == missing
    else:
        assert (
            len(
                appeal_register(
                    actor=None, centre=centre, details=details(**changes), competent_bodies=[ministry]
                )
            )
            == 1
        )


@pytest.mark.django_db
def test_crc_17_3_competent_body_is_required_and_must_be_one(centre):
    with pytest.raises(ApplicationError) as exc:
        appeal_register(actor=None, centre=centre, details=details(), competent_bodies=[])
    assert set(exc.value.fields) == {"competent_body"}
    with pytest.raises(ApplicationError) as exc:
        appeal_register(actor=None, centre=centre, details=details(), competent_bodies=[centre])
    assert set(exc.value.fields) == {"competent_body"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "area", [LegalArea.ADMINISTRATIVE_OFFENCE, LegalArea.CRIMINAL_PROCEDURE, LegalArea.CIVIL_PROCEDURE]
)
def test_crc_2_procedural_appeals_are_refused_with_an_explanation(centre, ministry, area):
    with pytest.raises(ApplicationError) as exc:
        appeal_register(
            actor=None, centre=centre, details=details(legal_area=area), competent_bodies=[ministry]
        )
    assert exc.value.code == ReceptionErrorCode.APPEAL_OUT_OF_SCOPE
    assert "суд" in exc.value.message_for("ru")


@pytest.mark.django_db
def test_crc_17_5_appeal_to_two_ministries_becomes_two_linked_appeals(centre, ministry):
    other = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    first, second = appeal_register(
        actor=None, centre=centre, details=details(), competent_bodies=[ministry, other]
    )
    assert {first.competent_body_id, second.competent_body_id} == {ministry.pk, other.pk}
    assert first.split_group and first.split_group == second.split_group
    assert first.number != second.number


@pytest.mark.django_db
def test_crc_17_5_appeal_split_after_registration(centre, ministry):
    other = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    [appeal] = appeal_register(actor=None, centre=centre, details=details(), competent_bodies=[ministry])
    group = appeal_split(actor=None, appeal=appeal, competent_bodies=[other])
    assert len(group) == 2 and len({a.split_group for a in group}) == 1
    assert len(appeal_split(actor=None, appeal=appeal, competent_bodies=[other])) == 2  # idempotent


def _at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=ALMATY)


@pytest.mark.django_db
def test_crc_17_7_noon_registry_lists_exactly_the_paper_appeals_since_the_previous_registry(centre, ministry):
    other = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)

    def reg(when, body=ministry, form=AppealForm.WRITTEN):
        return appeal_register(
            actor=None, centre=centre, details=details(form=form), competent_bodies=[body], now=when
        )[0]

    yesterday = reg(_at(20, 17, 0))
    [evening] = paper_registry_form(at=_at(20, 18, 0))
    assert list(evening.appeals.all()) == [yesterday]
    late = reg(_at(20, 18, 10))  # after the 18:00 registry: goes into the next one
    morning = reg(_at(23, 11, 59))
    reg(_at(23, 11, 30), form=AppealForm.ELECTRONIC)  # not paper
    other_body = reg(_at(23, 10, 0), body=other)
    after_noon = reg(_at(23, 12, 1))
    registries = paper_registry_form(at=_at(23, 12, 0))
    noon = next(r for r in registries if r.competent_body_id == ministry.pk)
    assert set(noon.appeals.all()) == {late, morning}
    assert noon.period_start == evening.formed_at
    assert set(next(r for r in registries if r.competent_body_id == other.pk).appeals.all()) == {other_body}
    assert Appeal.objects.get(pk=after_noon.pk).paper_registry is None
    assert paper_registry_form(at=_at(23, 12, 0)) == []  # idempotent
    from qyzmet.reception.documents import paper_registry_pdf

    content = paper_registry_pdf(noon)
    assert content.startswith(b"%PDF")


@pytest.mark.django_db
def test_crc_17_7_registry_copy_marked_received_once(centre, ministry):
    appeal_register(
        actor=None, centre=centre, details=details(), competent_bodies=[ministry], now=_at(23, 10)
    )
    [registry] = paper_registry_form(at=_at(23, 12))
    paper_registry_receive(
        actor=None, registry=registry, received_on=dt.date(2026, 11, 24), received_by_name="Омаров А."
    )
    with pytest.raises(ApplicationError):
        paper_registry_receive(
            actor=None, registry=registry, received_on=dt.date(2026, 11, 24), received_by_name="X"
        )


@pytest.mark.django_db
def test_crc_18_answer_by_email_goes_through_the_outbox_and_crc_24_complaint_links_to_it(centre, ministry):
    from qyzmet.notify.models import OutboxMessage

    [appeal] = appeal_register(
        actor=None,
        centre=centre,
        details=details(answer_method=AnswerMethod.EMAIL, email="a@example.kz"),
        competent_bodies=[ministry],
    )
    answer = answer_register(actor=None, appeal=appeal, text="Разъяснено.", answered_on=dt.date(2026, 11, 30))
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.ISSUED
    assert OutboxMessage.objects.filter(to="a@example.kz").count() == 1
    complaint = answer_complain(actor=None, answer=answer, substance="Не согласен с ответом.")
    assert complaint.kind == AppealKind.COMPLAINT and complaint.complaint_of_id == answer.pk
    with pytest.raises(ApplicationError):
        answer_issue(actor=None, answer=answer)
