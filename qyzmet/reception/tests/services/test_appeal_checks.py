"""CRC 15 (representatives, legal representatives), CRC 17.3 (an appeal dated in the future),
CRC 17.5 (written consent to use information protected by law) and CRC 17.7 (paper only when
the attachments cannot be entered electronically; the originals returned, recorded)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import AuditLog
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.tests.factories import OrganisationFactory, make_bin
from qyzmet.reception.enums import AppealForm, ApplicantType, AttachmentRole, RepresentativeKind
from qyzmet.reception.models import Appeal, AppealAttachment
from qyzmet.reception.services import AppealScan, appeal_originals_return, appeal_register
from qyzmet.reception.tests.factories import (
    BY_ATTORNEY,
    PAPER,
    body_officer,
    centre_create,
    details,
    reception_staff,
    scan_pdf,
)

ALMATY = ZoneInfo("Asia/Almaty")
MORNING = dt.datetime(2026, 11, 23, 10, 0, tzinfo=ALMATY)
ENTITY = {
    "applicant_type": ApplicantType.ENTITY,
    "entity_name": "ТОО «Береке»",
    "bin": make_bin(dt.date(2015, 3, 1)),
    "surname": "",
    "first_name": "",
    "iin": "",
}
ORDER = {"appointment_order": "№ 3-к", "appointment_order_date": dt.date(2026, 1, 10)}


@pytest.fixture
def centre() -> Any:
    return centre_create()


@pytest.fixture
def ministry() -> Any:
    return OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)


def _refused(centre: Any, ministry: Any, *, scans: Any = (), **changes: Any) -> set[str]:
    with pytest.raises(ApplicationError) as exc:
        appeal_register(
            actor=None,
            centre=centre,
            details=details(**changes),
            competent_bodies=[ministry],
            scans=scans,
            now=MORNING,
        )
    assert not Appeal.objects.exists() and not AppealAttachment.objects.exists()  # nothing written
    return set(exc.value.fields)


def _poa() -> AppealScan:
    return AppealScan(role=AttachmentRole.POWER_OF_ATTORNEY, file=scan_pdf("poa.pdf"))


@pytest.mark.django_db
def test_crc_15_a_representative_is_named_and_shows_a_power_of_attorney(centre: Any, ministry: Any) -> None:
    assert _refused(centre, ministry, by_representative=True) == {
        "representative_kind",
        "representative_name",
        "representative_iin",
        "power_of_attorney",
        "power_of_attorney_date",
        "power_of_attorney_file",
    }
    # CRC 15, 17.1: the power of attorney is shown: its number, date and scan
    assert _refused(centre, ministry, **BY_ATTORNEY) == {"power_of_attorney_file"}
    assert _refused(
        centre, ministry, scans=[_poa()], **{**BY_ATTORNEY, "representative_iin": "840209300001"}
    ) == {"representative_iin"}
    assert _refused(
        centre, ministry, scans=[_poa()], **{**BY_ATTORNEY, "power_of_attorney_date": dt.date(2026, 11, 24)}
    ) == {"power_of_attorney_date"}  # dated after the registration day
    [appeal] = appeal_register(
        actor=None,
        centre=centre,
        details=details(**BY_ATTORNEY),
        competent_bodies=[ministry],
        scans=[_poa()],
        now=MORNING,
    )
    assert appeal.representative_name == "Омаров Тимур Серікұлы"
    assert appeal.representative_kind == RepresentativeKind.ATTORNEY
    assert appeal.power_of_attorney_date == dt.date(2026, 11, 2)
    [scan] = appeal.scans.all()
    assert scan.role == AttachmentRole.POWER_OF_ATTORNEY and scan.file.read().startswith(b"%PDF")


@pytest.mark.django_db
def test_crc_15_an_entitys_representative_also_shows_the_appointment_order(
    centre: Any, ministry: Any
) -> None:
    assert _refused(centre, ministry, scans=[_poa()], **ENTITY, **BY_ATTORNEY) == {
        "appointment_order",
        "appointment_order_date",
        "appointment_order_file",
    }
    order = AppealScan(role=AttachmentRole.APPOINTMENT_ORDER, file=scan_pdf("order.pdf"))
    [appeal] = appeal_register(
        actor=None,
        centre=centre,
        details=details(**ENTITY, **BY_ATTORNEY, **ORDER),
        competent_bodies=[ministry],
        scans=[_poa(), order],
        now=MORNING,
    )
    assert {s.role for s in appeal.scans.all()} == {
        AttachmentRole.POWER_OF_ATTORNEY,
        AttachmentRole.APPOINTMENT_ORDER,
    }
    assert appeal.appointment_order == "№ 3-к"


@pytest.mark.django_db
def test_crc_15_a_legal_guardian_is_a_kind_of_representative(centre: Any, ministry: Any) -> None:
    guardian = {
        **BY_ATTORNEY,
        "representative_kind": RepresentativeKind.LEGAL,
        "power_of_attorney": "Шешім № 7",
    }
    # the document of the legal representation is asked, not a power of attorney
    with pytest.raises(ApplicationError) as exc:
        appeal_register(
            actor=None,
            centre=centre,
            details=details(**guardian),
            competent_bodies=[ministry],
            scans=[_poa()],
        )
    assert set(exc.value.fields) == {"power_of_attorney_file"}
    assert "законное представительство" in exc.value.field_messages_for("ru")["power_of_attorney_file"]
    # a legal entity is represented by power of attorney only
    assert "representative_kind" in _refused(centre, ministry, **ENTITY, **guardian, **ORDER)
    legal = AppealScan(role=AttachmentRole.LEGAL_AUTHORITY, file=scan_pdf("decision.pdf"))
    [appeal] = appeal_register(
        actor=None, centre=centre, details=details(**guardian), competent_bodies=[ministry], scans=[legal]
    )
    assert appeal.by_representative and appeal.representative_kind == RepresentativeKind.LEGAL


@pytest.mark.django_db
@pytest.mark.parametrize("form", [AppealForm.WRITTEN, AppealForm.ORAL, AppealForm.ELECTRONIC])
def test_crc_17_5_the_written_consent_to_use_protected_data_is_required(
    centre: Any, ministry: Any, form: str
) -> None:
    with pytest.raises(ApplicationError) as exc:
        appeal_register(
            actor=None,
            centre=centre,
            details=details(form=form, data_consent=False),
            competent_bodies=[ministry],
        )
    assert set(exc.value.fields) == {"data_consent"}
    assert "(Регламент, 17.5)" in exc.value.field_messages_for("ru")["data_consent"]
    assert "(CRC 17.5)" in exc.value.field_messages_for("en")["data_consent"]
    assert not Appeal.objects.exists()


@pytest.mark.django_db
def test_crc_17_3_an_appeal_dated_in_the_future_is_refused(centre: Any, ministry: Any) -> None:
    fields = _refused(centre, ministry, appeal_date=dt.date(2026, 11, 24))
    assert fields == {"appeal_date"}
    with pytest.raises(ApplicationError) as exc:
        appeal_register(
            actor=None,
            centre=centre,
            details=details(appeal_date=dt.date(2026, 11, 24)),
            competent_bodies=[ministry],
            now=MORNING,
        )
    assert "не может быть позже сегодняшней" in exc.value.field_messages_for("ru")["appeal_date"]
    # dated the registration day (in Almaty) or earlier: taken
    for day in (dt.date(2026, 11, 23), dt.date(2026, 10, 1)):
        assert appeal_register(
            actor=None,
            centre=centre,
            details=details(appeal_date=day),
            competent_bodies=[ministry],
            now=MORNING,
        )


@pytest.mark.django_db
def test_crc_17_7_only_a_written_appeal_whose_attachments_cannot_be_entered_goes_on_paper(
    centre: Any, ministry: Any
) -> None:
    assert _refused(centre, ministry, **{**PAPER, "paper_reason": " "}) == {"paper_reason"}
    assert _refused(centre, ministry, **{**PAPER, "form": AppealForm.ELECTRONIC}) == {"paper_only"}
    assert _refused(centre, ministry, **{**PAPER, "attachments": (), "attachment_count": 0}) == {"paper_only"}
    [appeal] = appeal_register(
        actor=None, centre=centre, details=details(**PAPER), competent_bodies=[ministry]
    )
    assert appeal.paper_only and appeal.paper_reason == PAPER["paper_reason"]
    log = AuditLog.objects.get(action="reception.appeal_register", object_id=str(appeal.pk))
    assert log.after is not None and log.after["paper_only"] is True


@pytest.mark.django_db
def test_crc_17_7_each_listed_attachment_is_entered_into_the_system_unless_it_cannot_be(
    centre: Any, ministry: Any
) -> None:
    listed = {"attachment_count": 2, "attachments": ("Копия справки", "Копия письма")}
    first = AppealScan(role=AttachmentRole.ATTACHMENT, file=scan_pdf("a.pdf"), name="Копия справки", index=1)
    assert _refused(centre, ministry, scans=[first], **listed) == {"attachments.2"}
    second = AppealScan(role=AttachmentRole.ATTACHMENT, file=scan_pdf("b.pdf"), name="Копия письма", index=2)
    [appeal] = appeal_register(
        actor=None,
        centre=centre,
        details=details(**listed),
        competent_bodies=[ministry],
        scans=[first, second],
    )
    assert not appeal.paper_only and appeal.scans.count() == 2


@pytest.mark.django_db
def test_crc_17_7_the_originals_returned_to_the_visitor_are_recorded_once_by_reception_staff(
    centre: Any, ministry: Any
) -> None:
    other = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    staff = reception_staff(centre, username="result.desk")
    first, second = appeal_register(
        actor=staff, centre=centre, details=details(), competent_bodies=[ministry, other]
    )
    with pytest.raises(AccessDenied):  # not the body's officer, not another centre's staff
        appeal_originals_return(actor=body_officer(ministry, "officer.x"), appeal=first)
    with pytest.raises(AccessDenied):
        appeal_originals_return(actor=reception_staff(centre_create(), username="elsewhere"), appeal=first)
    at = dt.datetime(2026, 11, 23, 15, 5, tzinfo=ALMATY)
    appeal_originals_return(actor=staff, appeal=first, now=at)
    for appeal in (first, second):  # one paper, split per body (CRC 17.5): one return
        appeal.refresh_from_db()
        assert appeal.originals_returned_at == at and appeal.originals_returned_by == staff
    with pytest.raises(ApplicationError) as exc:
        appeal_originals_return(actor=staff, appeal=second)
    assert "23.11.2026 15:05" in exc.value.message_for("ru")
    [paper] = appeal_register(
        actor=staff, centre=centre, details=details(**PAPER), competent_bodies=[ministry]
    )
    with pytest.raises(ApplicationError) as exc:  # those originals go with the courier registry
        appeal_originals_return(actor=staff, appeal=paper)
    assert "курьер" in exc.value.message_for("ru")
    paper.refresh_from_db()
    assert paper.originals_returned_at is None
