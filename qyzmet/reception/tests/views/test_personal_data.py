"""CRC 3: the personal data of visitors is not disclosed to third parties. Contact-centre
operators and every other role outside the centre and the competent body see no visitor's
name or IIN and no appeal's text: not on the pages, not in the REST API, not in the exports
(the registry PDF, the reports), not in the admin. Tried with each role of ``StaffRole``."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory, UserFactory
from qyzmet.reception.answers import answer_register
from qyzmet.reception.enums import AttachmentRole
from qyzmet.reception.registries import paper_registry_form
from qyzmet.reception.services import (
    AppealScan,
    appeal_register,
    preregistration_add,
)
from qyzmet.reception.tests.factories import BY_ATTORNEY, PAPER, VALID_IIN, details, scan_pdf
from qyzmet.reception.tests.personal_factories import approved_schedule_for

pytestmark = pytest.mark.django_db

SURNAME = "Жұмабекова"
SUBSTANCE = "Тайна моего обращения: прошу пересчитать пенсию."
VISITOR = "Сәрсенбаев Болат"
ISSUE = "Личный вопрос о жилье"


@pytest.fixture
def world(crc: Any) -> dict[str, Any]:
    ministry = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY, code="labour-pd")
    other = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY, code="other-pd")
    noon = timezone.make_aware(dt.datetime(2026, 11, 23, 12, 0))
    [appeal] = appeal_register(
        actor=crc.staff,
        centre=crc.centre,
        details=details(surname=SURNAME, substance=SUBSTANCE, **PAPER, **BY_ATTORNEY),
        competent_bodies=[ministry],
        scans=[AppealScan(role=AttachmentRole.POWER_OF_ATTORNEY, file=scan_pdf("poa.pdf"))],
        now=noon - dt.timedelta(hours=1),
    )
    answer_register(actor=None, appeal=appeal, text="Ответ: пенсия пересчитана.", answered_on=noon.date())
    [registry] = paper_registry_form(at=noon)
    day = dt.date(2026, 12, 22)
    schedule = approved_schedule_for(ministry, day=day, starts_at=dt.time(15), ends_at=dt.time(17))
    preregistration_add(
        actor=crc.staff,
        schedule=schedule,
        visitor_name=VISITOR,
        issue=ISSUE,
        channel="centre",
        today=dt.date(2026, 11, 23),
    )
    return {
        "crc": crc,
        "ministry": ministry,
        "other": other,
        "appeal": appeal,
        "registry": registry,
        "schedule": schedule,
    }


def _role_user(role: str, organisation: Any = None) -> Any:
    user = UserFactory.create(username=f"role.{role}", is_staff=role == StaffRole.SYSTEM_ADMINISTRATOR)
    where = {"organisation": organisation} if organisation is not None else {}
    StaffPositionFactory.create(user=user, role=role, **where)  # the role's own kind of body
    return user


def _seen(client: Client, w: dict[str, Any]) -> str:
    """Everything the user gets from the pages, the API and the exports that name the appeal."""
    appeal, registry, schedule = w["appeal"], w["registry"], w["schedule"]
    scan = appeal.scans.get()
    parts = []
    for url in (
        "/reception/appeals/",
        f"/reception/appeals/{appeal.number}/",
        f"/reception/appeals/{appeal.number}/scans/{scan.pk}/",
        "/reception/registries/",
        "/reception/cabinet/",
        f"/reception/personal-reception/{schedule.pk}/",
        "/reception/board/main/state.json",
        "/api/v1/reception/appeals",
        f"/admin/reception/appeal/{appeal.pk}/change/",
        "/admin/reception/appeal/",
    ):
        resp = client.get(url)
        if resp.status_code == 302 and resp["Location"].startswith(f"{url}?submission="):
            resp = client.get(resp["Location"])  # the page keys its complaint form (issue 20.4)
        assert resp.status_code < 500, url
        if resp.status_code == 200 and not resp.streaming:
            parts.append(resp.content.decode(errors="replace"))
    for url in (
        f"/reception/appeals/{appeal.number}/receipt.pdf",
        f"/reception/registries/{registry.pk}/pdf/",
    ):
        resp = client.get(url)
        if resp.status_code == 200:
            parts += [p.extract_text() for p in PdfReader(io.BytesIO(resp.content)).pages]
    resp = client.get(f"/reception/reports/?body={w['ministry'].code}&period=year&year=2026&format=xlsx")
    if resp.status_code == 200:
        ws = load_workbook(io.BytesIO(resp.content)).active
        assert ws is not None
        parts += [str(c.value) for row in ws.iter_rows() for c in row]
    return "\n".join(parts)


def _private(text: str) -> list[str]:
    return [s for s in (SURNAME, VALID_IIN, SUBSTANCE, "пенсия пересчитана", VISITOR, ISSUE) if s in text]


@pytest.mark.parametrize(
    "role",
    [
        StaffRole.CONTACT_CENTRE_OPERATOR,
        StaffRole.STATE_CORPORATION_OPERATOR,
        StaffRole.QUALITY_INSPECTOR,
        StaffRole.REGISTRY_ADMINISTRATOR,
        StaffRole.SYSTEM_ADMINISTRATOR,
        StaffRole.PROVIDER_OFFICER,  # of another body
        StaffRole.PROVIDER_HEAD,  # of another body
        StaffRole.RECEPTION_STAFF,  # of another centre
    ],
)
def test_crc_3_roles_outside_the_centre_and_the_body_see_no_names_or_appeal_texts(
    world: dict[str, Any], role: str
) -> None:
    places: dict[str, Any] = {
        StaffRole.PROVIDER_OFFICER: world["other"],
        StaffRole.PROVIDER_HEAD: world["other"],
        StaffRole.RECEPTION_STAFF: OrganisationFactory.create(kind=OrganisationKind.RECEPTION_CENTRE),
    }
    where = places.get(role)
    client = Client()
    client.force_login(_role_user(role, where))
    seen = _private(_seen(client, world))
    if role == StaffRole.RECEPTION_STAFF:
        # a personal reception belongs to no one centre in the model (CRC 20-21): every
        # centre's reception staff keep its lists; another centre's appeals stay hidden
        seen = [s for s in seen if s not in (VISITOR, ISSUE)]
    assert seen == []


def test_crc_3_a_citizen_sees_only_their_own_appeal(world: dict[str, Any]) -> None:
    stranger = Client()
    stranger.force_login(UserFactory.create(username="another.citizen", iin=""))
    assert _private(_seen(stranger, world)) == []
    applicant = Client()
    applicant.force_login(UserFactory.create(username="the.applicant", iin=VALID_IIN))
    # linked by IIN only from now on: an appeal registered before the account was made is not
    assert _private(_seen(applicant, world)) == []


def test_crc_3_the_centre_and_the_competent_body_see_what_they_work_with(world: dict[str, Any]) -> None:
    staff = Client()
    staff.force_login(world["crc"].staff)
    assert set(_private(_seen(staff, world))) >= {SURNAME, SUBSTANCE, VISITOR, ISSUE}
    officer = Client()
    officer.force_login(_role_user(StaffRole.PROVIDER_OFFICER, world["ministry"]))
    assert set(_private(_seen(officer, world))) >= {SURNAME, SUBSTANCE, VISITOR, ISSUE}
