"""CRC 2, 17.3, 17.5: the details an appeal is checked for, and the split per competent body.
(CRC 15 representatives and CRC 17.5 consent: test_appeal_checks.py; CRC 17.7 registries:
test_registries.py; CRC 17.4, 18 answers: test_answer_delivery.py.)"""

from __future__ import annotations

import pytest

from qyzmet.core.errors import ApplicationError
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.tests.factories import OrganisationFactory
from qyzmet.reception.enums import AppealForm, ApplicantType, LegalArea
from qyzmet.reception.errors import ReceptionErrorCode
from qyzmet.reception.models import Appeal
from qyzmet.reception.services import appeal_register, appeal_split
from qyzmet.reception.tests.factories import centre_create, details


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
        "iin": "Укажите ИИН: 12 цифр из документа (Регламент, 17.3).",
        "signed": "Попросите заявителя или представителя подписать обращение и отметьте подпись "
        "(Регламент, 17.3).",
    }
    assert "ЖСН" in err.field_messages_for("kk")["iin"]
    assert "(CRC 17.3)" in err.field_messages_for("en")["iin"]
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
        (  # CRC 17.3: every attachment mentioned is listed; CRC 17.5: and scanned
            {"attachment_count": 2, "attachments": ("Копия паспорта",)},
            {"attachments", "attachments.1"},
        ),
        ({"original_language": "en"}, {"translation_notarised"}),  # CRC 15
        ({"original_language": "en", "translation_notarised": True}, set()),
        (
            {"applicant_type": ApplicantType.ENTITY, "entity_name": "", "iin": "", "surname": ""},
            {"entity_name"},
        ),
        ({"applicant_type": ApplicantType.ENTITY, "entity_name": "ТОО Береке", "bin": "123"}, {"bin"}),
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
