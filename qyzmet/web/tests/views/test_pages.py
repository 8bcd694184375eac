"""Pages of the web shell: fitness walk, landing, staff home, cabinet, sign-in, language."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver

from qyzmet.core.models import AuditLog
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.web.tests.factories import PASSWORD, OrganisationFactory, StaffPositionFactory, UserFactory

pytestmark = pytest.mark.django_db


def _paths_without_arguments(patterns: list[URLPattern | URLResolver], prefix: str = "") -> list[str]:
    paths: list[str] = []
    for entry in patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            if "<" in route or "(" in route:
                continue
            paths += _paths_without_arguments(entry.url_patterns, prefix + route.lstrip("^"))
        else:
            if "<" in route or re.search(r"[()\[\]*+?\\]", route.lstrip("^").rstrip("$")):
                continue
            paths.append("/" + prefix + route.lstrip("^").rstrip("$"))
    return sorted(set(paths))


def test_every_page_without_arguments_answers_without_a_server_error(settings: Any) -> None:
    """Fitness: every URL pattern without arguments resolves and renders (anonymous and staff)."""
    # No worker runs here: the readiness probe's 503 for that is its own answer (ops tests).
    settings.QYZMET_READINESS_REQUIRES_WORKER = False
    position = StaffPositionFactory.create(role=StaffRole.SYSTEM_ADMINISTRATOR)
    position.user.is_staff = True
    position.user.is_superuser = True
    position.user.save()
    paths = _paths_without_arguments(get_resolver().url_patterns)
    assert "/" in paths and "/login/" in paths and "/staff/" in paths
    anonymous, staff = Client(raise_request_exception=False), Client(raise_request_exception=False)
    staff.force_login(position.user)
    failures = []
    for client in (anonymous, staff):
        for path in paths:
            response = client.get(path)
            if response.status_code >= 500:
                failures.append((path, response.status_code))
    assert failures == []


def test_landing_shows_organisation_figures(client: Client) -> None:
    OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    OrganisationFactory.create(kind=OrganisationKind.STATE_CORPORATION_BRANCH)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="kk">' in html  # Kazakh is the default language
    assert "Qyzmet сандармен" in html
    assert response.context["organisation_total"] == 2
    assert 'href="#main"' in html and "<nav" in html and "<footer" in html


def test_landing_follows_the_browser_language_until_one_is_chosen(client: Client) -> None:
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert '<html lang="ru">' in html and "Qyzmet в цифрах" in html


def test_landing_has_an_empty_state_without_organisations(client: Client) -> None:
    response = client.get("/")
    assert response.context["organisation_total"] == 0
    assert 'class="empty-state"' in response.content.decode()


def test_staff_home_refuses_anonymous_users(client: Client) -> None:
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/staff/")


def test_staff_home_shows_the_users_organisation_and_role(client: Client) -> None:
    org = OrganisationFactory.create(name_kk="Әділет министрлігі", name_ru="Министерство юстиции")
    position = StaffPositionFactory.create(organisation=org, role=StaffRole.PROVIDER_HEAD)
    client.force_login(position.user)
    html = client.get("/staff/").content.decode()
    assert "Әділет министрлігі" in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    html = client.get("/staff/").content.decode()
    assert "Министерство юстиции" in html


def test_staff_home_sends_recipients_to_the_cabinet(client: Client) -> None:
    client.force_login(UserFactory.create())
    response = client.get("/staff/")
    assert response.status_code == 302 and response["Location"] == "/cabinet/"
    cabinet = client.get("/cabinet/")
    assert cabinet.status_code == 200  # what it lists comes from the apps' cabinet_links


def test_cabinet_requires_sign_in(client: Client) -> None:
    assert client.get("/cabinet/")["Location"].startswith("/login/")


def test_sign_in_activates_the_preferred_language(client: Client) -> None:
    user = UserFactory.create(preferred_language="ru")
    response = client.post("/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    page = client.get(response["Location"], follow=True)
    assert '<html lang="ru">' in page.content.decode()


def test_sign_in_with_a_wrong_password_shows_an_error(client: Client) -> None:
    user = UserFactory.create()
    response = client.post("/login/", {"username": user.username, "password": "wrong"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_sign_out_is_post_only(client: Client) -> None:
    client.force_login(UserFactory.create())
    assert client.get("/logout/").status_code == 405
    assert client.post("/logout/")["Location"] == "/"


def test_language_switch_sets_cookie_for_anonymous_users(client: Client) -> None:
    response = client.post("/language/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en">' in client.get("/").content.decode()


def test_language_switch_persists_for_signed_in_users(client: Client) -> None:
    user = UserFactory.create(preferred_language="kk")
    client.force_login(user)
    response = client.post("/language/", {"language": "ru", "next": "/cabinet/"})
    assert response["Location"] == "/cabinet/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    user.refresh_from_db()
    assert user.preferred_language == "ru"
    assert AuditLog.objects.filter(action="user.language_set", object_id=str(user.pk)).count() == 1


def test_language_switch_ignores_unknown_languages(client: Client) -> None:
    user = UserFactory.create(preferred_language="kk")
    client.force_login(user)
    client.post("/language/", {"language": "de", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "kk"


def test_404_page_is_translated(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


def test_500_page_is_static_and_bilingual() -> None:
    html = render_to_string("500.html")
    assert "Сервердің ішкі қатесі" in html and "Внутренняя ошибка сервера" in html


def test_navigation_depends_on_the_user(client: Client) -> None:
    html = client.get("/").content.decode()
    assert 'href="/login/"' in html and 'href="/staff/"' not in html and 'href="/cabinet/"' not in html
    client.force_login(UserFactory.create())
    html = client.get("/").content.decode()
    assert 'href="/cabinet/"' in html and 'href="/staff/"' not in html
    assert 'action="/logout/"' in html
    client.force_login(StaffPositionFactory.create().user)
    html = client.get("/").content.decode()
    assert 'href="/staff/"' in html and 'href="/cabinet/"' in html


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_landing_reads_figures_in_a_fixed_number_of_queries(client: Client) -> None:
    OrganisationFactory.create()
    client.get("/")  # warm the URL resolver and navigation discovery
    few = _queries(client, "/")
    for _ in range(10):
        OrganisationFactory.create()
    assert _queries(client, "/") == few


def test_staff_home_queries_do_not_grow_with_positions(client: Client) -> None:
    user = UserFactory.create()
    StaffPositionFactory.create(user=user)
    client.force_login(user)
    client.get("/staff/")
    one = _queries(client, "/staff/")
    for _ in range(3):
        StaffPositionFactory.create(user=user)
    assert _queries(client, "/staff/") <= one + 2  # navigation may add a link per new role, not per row
    response = client.get("/staff/")
    assert len(response.context["positions"]) == 4
