"""Law 20.1, ADR 0018: an application accepted at a State Corporation branch is registered by
the branch's own hours (else the standard's State Corporation schedule), not the provider's.
23 November 2026 is a Monday, 28 November a Saturday."""

from __future__ import annotations

import datetime as dt

import pytest

from qyzmet.delivery.enums import Channel
from qyzmet.delivery.tests.factories import ALMATY, World, make_world, submit
from qyzmet.orgs.services import organisation_update
from qyzmet.registry.models import StandardVersion

pytestmark = pytest.mark.django_db

D = dt.date
EVENING_BRANCH = {
    "around_the_clock": False,
    "days": [
        *({"weekday": w, "opens": "09:00", "closes": "20:00", "breaks": []} for w in range(5)),
        {"weekday": 5, "opens": "09:00", "closes": "13:00", "breaks": []},
    ],
}


def at(y: int, m: int, d: int, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=ALMATY)


@pytest.fixture
def world() -> World:
    return make_world()


def test_law_20_1_branch_hours_register_an_evening_application_that_day(world: World) -> None:
    organisation_update(organisation=world.branch, working_schedule=EVENING_BRANCH)
    at_branch = submit(world, channel=Channel.STATE_CORPORATION, received_at=at(2026, 11, 23, 19))
    assert at_branch.registered_on == D(2026, 11, 23)
    assert at_branch.due_on == D(2026, 11, 30)  # 5 wd, the acceptance day not counted (Law 20.1)
    # The provider's own desk closes at 18:30: the same moment there is the next working day.
    at_provider = submit(world, channel=Channel.PROVIDER, received_at=at(2026, 11, 23, 19))
    assert at_provider.registered_on == D(2026, 11, 24)


def test_law_20_1_branch_without_own_hours_uses_the_standards_state_corporation_schedule(
    world: World,
) -> None:
    StandardVersion.objects.filter(service=world.service).update(
        working_schedule_state_corporation=EVENING_BRANCH
    )
    application = submit(world, channel=Channel.STATE_CORPORATION, received_at=at(2026, 11, 23, 19, 30))
    assert application.registered_on == D(2026, 11, 23)


def test_law_20_1_branch_after_closing_registers_next_working_day(world: World) -> None:
    organisation_update(organisation=world.branch, working_schedule=EVENING_BRANCH)
    application = submit(world, channel=Channel.STATE_CORPORATION, received_at=at(2026, 11, 23, 20, 15))
    assert application.registered_on == D(2026, 11, 24)


def test_law_20_1_saturday_at_an_open_branch_registers_on_monday(world: World) -> None:
    organisation_update(organisation=world.branch, working_schedule=EVENING_BRANCH)
    application = submit(world, channel=Channel.STATE_CORPORATION, received_at=at(2026, 11, 28, 10))
    assert application.registered_on == D(2026, 11, 30)
    assert application.submitted_at == at(2026, 11, 28, 10)  # when it was accepted is kept


@pytest.mark.parametrize(
    ("lang", "label", "why"),
    [("ru", "Дата регистрации", "вне рабочего времени"), ("kk", "Тіркелген күні", "жұмыс уақытынан тыс")],
)
def test_law_20_1_the_receipt_and_the_page_show_the_registration_day_of_a_late_acceptance(
    world: World, lang: str, label: str, why: str
) -> None:
    import io

    from django.test import Client
    from django.urls import reverse
    from pypdf import PdfReader

    from qyzmet.delivery.documents import receipt_pdf

    organisation_update(organisation=world.branch, working_schedule=EVENING_BRANCH)
    late = submit(world, channel=Channel.STATE_CORPORATION, received_at=at(2026, 11, 23, 20, 15))
    text = " ".join(
        "".join(
            p.extract_text() or ""
            for p in PdfReader(io.BytesIO(receipt_pdf(application=late, language=lang))).pages
        ).split()
    )
    assert f"{label} 24.11.2026" in text and why in text
    assert "23.11.2026 20:15" in text  # when it was accepted stays on the receipt
    client = Client()
    client.force_login(world.operator)
    client.cookies["qyzmet_language"] = lang
    page = client.get(reverse("delivery:detail", args=[late.number])).content.decode()
    assert "24.11.2026" in page and "23.11.2026 20:15" in page and label in page
    on_time = submit(world, channel=Channel.STATE_CORPORATION, received_at=at(2026, 11, 23, 19))
    on_time_text = "".join(
        p.extract_text() or ""
        for p in PdfReader(io.BytesIO(receipt_pdf(application=on_time, language=lang))).pages
    )
    assert label not in on_time_text  # registered the day it was accepted: nothing to explain


def test_std_7_1_a_a_term_counted_from_submission_starts_on_the_evening_it_was_handed_in(
    world: World,
) -> None:
    from qyzmet.registry.enums import TermStart
    from qyzmet.registry.models import ChannelTerm
    from qyzmet.registry.selectors import version_cache_clear

    # At the provider's desk after closing (19:00): registration waits for Tuesday.
    by_registration = submit(world, channel=Channel.PROVIDER, received_at=at(2026, 11, 23, 19))
    ChannelTerm.objects.filter(version__service=world.service).update(counted_from=TermStart.SUBMISSION)
    version_cache_clear()  # an approved version is cached (ADR 0007); this test edits it in place
    by_submission = submit(world, channel=Channel.PROVIDER, received_at=at(2026, 11, 23, 19))
    assert by_registration.registered_on == by_submission.registered_on == D(2026, 11, 24)
    assert (by_submission.due_on - by_registration.due_on).days < 0  # one working day earlier
