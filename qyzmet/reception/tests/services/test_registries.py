"""CRC 17.7 and ADR 0028: paper registries. Only written appeals whose attachments cannot be
entered electronically go on paper; a registry is formed for a forming time (12:00 and 18:00,
Asia/Almaty, working days) and lists what was registered by then; the button outside those
times is refused with the next forming time; two copies; the returned copy marked received
(who received it and when, who recorded it and when)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.tests.factories import OrganisationFactory
from qyzmet.reception.documents import paper_registry_pdf
from qyzmet.reception.enums import AppealForm, AppealStatus, AttachmentRole
from qyzmet.reception.jobs import JOBS
from qyzmet.reception.models import Appeal, PaperRegistry
from qyzmet.reception.registries import (
    paper_registries_due,
    paper_registry_form,
    paper_registry_form_now,
    paper_registry_receive,
    registry_next_time,
)
from qyzmet.reception.services import AppealScan, appeal_register
from qyzmet.reception.tests.factories import PAPER, body_officer, details, scan_pdf

ALMATY = ZoneInfo("Asia/Almaty")


def _at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=ALMATY)  # 23 November 2026 is a Monday


@pytest.fixture
def ministry() -> Any:
    return OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)


def _paper(crc: Any, body: Any, when: dt.datetime, **kw: Any) -> Appeal:
    [appeal] = appeal_register(
        actor=crc.staff,
        centre=crc.centre,
        details=details(**{**PAPER, "appeal_date": when.date(), **kw}),
        competent_bodies=[body],
        now=when,
    )
    return appeal


@pytest.mark.django_db
def test_crc_17_7_only_written_appeals_whose_attachments_cannot_be_entered_go_in_a_registry(
    crc: Any, ministry: Any
) -> None:
    other = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    paper = _paper(crc, ministry, _at(23, 10))
    to_other = _paper(crc, other, _at(23, 10, 30))
    scanned = appeal_register(
        actor=crc.staff,
        centre=crc.centre,
        details=details(
            attachment_count=1, attachments=("Копия справки",), appeal_date=dt.date(2026, 11, 23)
        ),
        competent_bodies=[ministry],
        scans=[AppealScan(role=AttachmentRole.ATTACHMENT, file=scan_pdf(), name="Копия справки", index=1)],
        now=_at(23, 11),
    )[0]
    electronic = appeal_register(
        actor=crc.staff,
        centre=crc.centre,
        details=details(form=AppealForm.ELECTRONIC, appeal_date=dt.date(2026, 11, 23)),
        competent_bodies=[ministry],
        now=_at(23, 11, 10),
    )[0]
    after_noon = _paper(crc, ministry, _at(23, 12, 5))
    registries = paper_registry_form(at=_at(23, 12), now=_at(23, 12, 2))
    by_body = {r.competent_body_id: r for r in registries}
    assert set(by_body[ministry.pk].appeals.all()) == {paper}
    assert set(by_body[other.pk].appeals.all()) == {to_other}
    for appeal in (scanned, electronic, after_noon):
        appeal.refresh_from_db()
        assert appeal.paper_registry is None and appeal.status == AppealStatus.REGISTERED
    paper.refresh_from_db()
    assert paper.status == AppealStatus.SENT
    assert by_body[ministry.pk].cutoff_at == _at(23, 12) and by_body[ministry.pk].formed_at == _at(23, 12, 2)
    assert paper_registry_form(at=_at(23, 12)) == []  # formed again: nothing new
    [evening] = paper_registry_form(at=_at(23, 18), now=_at(23, 18, 1))
    assert list(evening.appeals.all()) == [after_noon] and evening.period_start == _at(23, 12)
    with pytest.raises(ValueError):  # 15:00 is no forming time
        paper_registry_form(at=_at(23, 15))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("pressed", "next_time"),
    [
        (_at(23, 11, 59), _at(23, 12)),  # before noon: the next is today's 12:00
        (_at(28, 12, 30), _at(30, 12)),  # a Saturday: Monday's 12:00 (CRC 5)
    ],
)
def test_crc_17_7_the_button_before_a_forming_time_is_refused_with_the_next_one(
    crc: Any, ministry: Any, pressed: dt.datetime, next_time: dt.datetime
) -> None:
    _paper(crc, ministry, _at(23, 9, 30))
    with pytest.raises(ApplicationError) as exc:
        paper_registry_form_now(actor=crc.staff, centre=crc.centre, now=pressed)
    assert exc.value.extra["next"] == next_time.isoformat()
    assert f"{next_time:%H:%M}" in exc.value.message_for(
        "ru"
    ) and "(Регламент, 17.7)" in exc.value.message_for("ru")
    assert not PaperRegistry.objects.exists()


@pytest.mark.django_db
def test_crc_17_7_the_button_forms_the_registry_of_the_forming_time_that_has_come_once(
    crc: Any, ministry: Any
) -> None:
    morning = _paper(crc, ministry, _at(27, 11, 50))  # Friday
    afternoon = _paper(crc, ministry, _at(27, 12, 10))
    # pressed late (15:00), it forms the 12:00 registry: the appeals registered by 12:00
    [noon] = paper_registry_form_now(actor=crc.staff, centre=crc.centre, now=_at(27, 15))
    assert (
        list(noon.appeals.all()) == [morning]
        and noon.cutoff_at == _at(27, 12)
        and noon.formed_at == _at(27, 15)
    )
    with pytest.raises(ApplicationError) as exc:  # formed: the next is at 18:00
        paper_registry_form_now(actor=crc.staff, centre=crc.centre, now=_at(27, 15, 5))
    assert "сегодня в 18:00" in exc.value.message_for("ru") and "15:00" in exc.value.message_for("ru")
    [evening] = paper_registry_form_now(actor=crc.staff, centre=crc.centre, now=_at(27, 18, 3))
    assert list(evening.appeals.all()) == [afternoon]
    with pytest.raises(ApplicationError) as exc:  # Friday evening: Monday noon is the next
        paper_registry_form_now(actor=crc.staff, centre=crc.centre, now=_at(27, 18, 20))
    assert exc.value.extra["next"] == _at(
        30, 12
    ).isoformat() and "30.11.2026 в 12:00" in exc.value.message_for("ru")
    assert registry_next_time(_at(27, 18, 20)) == _at(30, 12)
    # nothing waiting: nothing formed, not refused
    assert paper_registry_form_now(actor=crc.staff, centre=crc.centre, now=_at(30, 12, 1)) == []


@pytest.mark.django_db
def test_crc_17_7_only_the_centres_reception_staff_form_registries(crc: Any, ministry: Any) -> None:
    _paper(crc, ministry, _at(23, 10))
    with pytest.raises(AccessDenied):
        paper_registry_form_now(
            actor=body_officer(ministry, "officer.reg"), centre=crc.centre, now=_at(23, 12, 5)
        )
    assert not PaperRegistry.objects.exists()


@pytest.mark.django_db
def test_crc_17_7_the_worker_forms_the_registry_of_the_latest_forming_time(crc: Any, ministry: Any) -> None:
    _paper(crc, ministry, _at(23, 11))
    _paper(crc, ministry, _at(23, 12, 30))
    assert len(paper_registries_due(now=_at(23, 11, 59))) == 0
    assert len(paper_registries_due(now=_at(23, 12, 40))) == 1
    assert len(paper_registries_due(now=_at(23, 12, 45))) == 0
    assert len(paper_registries_due(now=_at(23, 18, 5))) == 1
    assert "reception.paper_registries" in {name for name, _i, _f in JOBS}


def _text(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


@pytest.mark.django_db
def test_crc_17_7_two_copies_and_the_returned_copy_is_marked_received(crc: Any, ministry: Any) -> None:
    appeal = _paper(crc, ministry, _at(23, 10))
    [registry] = paper_registry_form(at=_at(23, 12), now=_at(23, 12, 1))
    pages = _text(paper_registry_pdf(registry))
    assert len(pages) == 2
    assert "экземпляр 1 из 2" in pages[0] and "экземпляр 2 из 2" in pages[1]
    assert all(appeal.number in page for page in pages)
    assert "Получено" not in pages[1]
    for received_on, name, wrong in (
        (dt.date(2026, 11, 23), " ", {"received_by_name"}),
        (dt.date(2026, 11, 24), "Омарова А.", {"received_on"}),  # not yet
        (dt.date(2026, 11, 20), "Омарова А.", {"received_on"}),  # before it was formed
    ):
        with pytest.raises(ApplicationError) as exc:
            paper_registry_receive(
                actor=crc.staff,
                registry=registry,
                received_on=received_on,
                received_by_name=name,
                now=_at(23, 16),
            )
        assert set(exc.value.fields) == wrong
        registry.refresh_from_db()
        assert registry.received_on is None
    with pytest.raises(AccessDenied):
        paper_registry_receive(
            actor=body_officer(ministry, "officer.recv"),
            registry=registry,
            received_on=dt.date(2026, 11, 23),
            received_by_name="Омарова А.",
        )
    paper_registry_receive(
        actor=crc.staff,
        registry=registry,
        received_on=dt.date(2026, 11, 23),
        received_by_name="Омарова А.",
        now=_at(23, 16),
    )
    registry.refresh_from_db()
    assert (registry.received_on, registry.received_by_name) == (dt.date(2026, 11, 23), "Омарова А.")
    assert registry.received_recorded_by == crc.staff and registry.received_recorded_at == _at(23, 16)
    returned = _text(paper_registry_pdf(registry))[1]
    assert "Получено: Омарова А., 23.11.2026" in returned
    with pytest.raises(ApplicationError):  # once
        paper_registry_receive(
            actor=crc.staff, registry=registry, received_on=dt.date(2026, 11, 23), received_by_name="X"
        )
