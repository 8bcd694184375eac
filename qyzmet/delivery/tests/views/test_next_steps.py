"""Pages that say what to do next (issue 14.6): the public status page and the recipient's
application page show the provider, the due date, "overdue" when the term ran out without the
result (Law 5.2.5, 5.2.8, the worklist's rules), and the links to the receipt, the result or
the reasoned refusal (Law 19-1.1, 21.2) and the complaint (Law 25). The clock is the suite's
(23.11.2026); the dates come from the factories."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from qyzmet.delivery import services
from qyzmet.delivery.models import Application
from qyzmet.delivery.tests.factories import ALMATY, MONDAY, World, make_world, submit
from qyzmet.orgs.tests.factories import RecipientFactory
from qyzmet.registry.enums import RefusalGround

pytestmark = pytest.mark.django_db

OVERDUE_TAG = '<strong class="govuk-tag govuk-tag--red flag flag-overdue">'


@pytest.fixture
def world() -> World:
    w = make_world()
    w.provider.address = "Қосшы ауылы, Абай көшесі, 1"
    w.provider.phone = "+7 7172 55 00 11"
    w.provider.save(update_fields=["address", "phone"])
    return w


def _late(world: World) -> Application:
    """Received two weeks before the suite's Monday: its term ran out before today."""
    application = submit(world, received_at=MONDAY - dt.timedelta(days=14))
    assert application.due_on < MONDAY.date()
    return application


def _status(client: Client, world: World, application: Application) -> str:
    response = client.post(
        reverse("delivery:status"), {"number": application.number, "iin_last4": world.recipient.iin[-4:]}
    )
    assert response.status_code == 200
    return response.content.decode()


def _detail(client: Client, application: Application, language: str = "kk") -> str:
    client.cookies["qyzmet_language"] = language
    response = client.get(reverse("delivery:detail", args=[application.number]))
    assert response.status_code == 200
    return response.content.decode()


# --- Overdue (Law 5.2.5, 5.2.8) ------------------------------------------------------------


def test_law_5_2_8_status_page_flags_overdue_when_the_term_ran_out_without_a_result(
    client: Client, world: World
) -> None:
    html = _status(client, world, _late(world))
    assert OVERDUE_TAG in html


def test_law_5_2_8_status_page_does_not_flag_an_application_still_in_its_term(
    client: Client, world: World
) -> None:
    application = submit(world)
    assert application.due_on >= MONDAY.date()
    assert "flag-overdue" not in _status(client, world, application)


def test_law_5_2_5_a_result_issued_in_time_is_not_overdue_after_the_due_date(
    client: Client, world: World
) -> None:
    application = submit(world)
    services.application_take_in_work(actor=world.officer, application=application)
    application = services.application_result_ready(
        actor=world.officer, application=application, result_summary_kk="Анықтама берілді."
    )
    services.application_issue(actor=world.officer, application=application)
    after_due = dt.datetime.combine(application.due_on + dt.timedelta(days=7), dt.time(11), tzinfo=ALMATY)
    with time_machine.travel(after_due, tick=False):
        client.force_login(world.recipient)
        assert "flag-overdue" not in _detail(client, application)
        assert "flag-overdue" not in _status(client, world, application)


def test_law_5_2_8_application_page_flags_overdue_and_says_a_complaint_is_possible(
    client: Client, world: World
) -> None:
    application = _late(world)
    client.force_login(world.recipient)
    html = _detail(client, application)
    assert OVERDUE_TAG in html
    assert "govuk-warning-text" in html
    assert f"{reverse('complaints:file')}?application={quote(application.number)}" in html


def test_law_5_2_8_application_page_on_time_shows_no_overdue_tag_nor_warning(
    client: Client, world: World
) -> None:
    client.force_login(world.recipient)
    html = _detail(client, submit(world))
    assert "flag-overdue" not in html and "govuk-warning-text" not in html


# --- The provider and the links ----------------------------------------------------------


def test_law_5_2_8_application_page_names_the_provider_in_the_page_language_with_its_contacts(
    client: Client, world: World
) -> None:
    application = submit(world)
    client.force_login(world.recipient)
    html = _detail(client, application, "ru")
    assert world.provider.name_ru in html
    assert "Қосшы ауылы, Абай көшесі, 1" in html
    assert 'href="tel:+77172550011"' in html
    assert application.due_on.strftime("%d.%m.%Y") in html
    assert reverse("delivery:receipt", args=[application.number]) in html
    assert reverse("delivery:result", args=[application.number]) not in html  # no result yet


def test_law_21_2_application_page_links_the_result_once_issued(client: Client, world: World) -> None:
    application = submit(world)
    services.application_take_in_work(actor=world.officer, application=application)
    application = services.application_result_ready(
        actor=world.officer, application=application, result_summary_kk="Анықтама берілді."
    )
    services.application_issue(actor=world.officer, application=application)
    client.force_login(world.recipient)
    html = _detail(client, application)
    assert reverse("delivery:result", args=[application.number]) in html


def test_law_19_1_1_application_page_links_the_reasoned_refusal(client: Client, world: World) -> None:
    application = submit(world)
    services.application_take_in_work(actor=world.officer, application=application)
    services.application_refuse(
        actor=world.officer,
        application=application,
        grounds=[RefusalGround.UNRELIABLE_DOCUMENTS],
        reason="Анықтаманың нөмірі тізілімде жоқ",
    )
    client.force_login(world.recipient)
    html = _detail(client, application)
    assert reverse("delivery:refusal", args=[application.number]) in html
    assert "flag-overdue" not in html  # a refusal is an answer: the term is met


def test_another_citizen_gets_not_found_for_the_application_page(client: Client, world: World) -> None:
    application = submit(world)
    client.force_login(RecipientFactory.create())
    response = client.get(reverse("delivery:detail", args=[application.number]))
    assert response.status_code == 404
    assert world.provider.name_kk not in response.content.decode()


# --- Who sees what on the public status page (Law 5.2.8, 23.4) ---------------------------


def test_law_5_2_8_a_stranger_sees_stage_and_dates_only_and_is_offered_to_sign_in(
    client: Client, world: World
) -> None:
    application = _late(world)
    html = _status(client, world, application)
    assert OVERDUE_TAG in html  # a fact of the stage and the dates
    assert world.provider.name_kk not in html and "Абай көшесі" not in html
    assert reverse("delivery:receipt", args=[application.number]) not in html
    assert reverse("complaints:file") not in html
    detail = reverse("delivery:detail", args=[application.number])
    assert f"{reverse('web:login')}?next={quote(detail)}" in html


def test_law_5_2_8_the_signed_in_recipient_gets_the_provider_and_the_links_on_the_status_page(
    client: Client, world: World
) -> None:
    application = submit(world)
    client.force_login(world.recipient)
    html = _status(client, world, application)
    assert world.provider.name_kk in html and "Абай көшесі" in html
    assert reverse("delivery:receipt", args=[application.number]) in html
    assert f"{reverse('complaints:file')}?application=" in html
    assert "?next=" not in html


def test_law_5_2_8_another_signed_in_citizen_sees_on_the_status_page_what_a_stranger_sees(
    client: Client, world: World
) -> None:
    application = submit(world)
    client.force_login(RecipientFactory.create())
    html = _status(client, world, application)
    assert world.provider.name_kk not in html
    assert reverse("delivery:receipt", args=[application.number]) not in html


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("ru", ["Что можно сделать", "Адрес услугодателя", "Телефон услугодателя", "просрочено"]),
        (
            "kk",
            ["Не істеуге болады", "Қызмет берушінің мекенжайы", "Қызмет берушінің телефоны"],
        ),
    ],
)
def test_the_next_steps_speak_the_page_language(
    client: Client, world: World, language: str, words: list[str]
) -> None:
    client.force_login(world.recipient)
    html = _detail(client, _late(world), language)
    assert all(w in html for w in words), [w for w in words if w not in html]
    assert "What you can do" not in html and "Provider's phone" not in html
    assert f"{OVERDUE_TAG}overdue<" not in html  # the tag is translated too
