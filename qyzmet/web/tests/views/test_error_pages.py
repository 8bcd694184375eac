"""Issue 14.6: the 403 and 404 pages are the product's own, in the user's language, with a way back."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.utils import translation
from django.views.defaults import permission_denied

pytestmark = pytest.mark.django_db

NOT_FOUND = {"kk": "Бет табылмады", "ru": "Страница не найдена"}
DENIED = {"kk": "Рұқсат жоқ", "ru": "Доступ запрещён"}
HOME = {"kk": "Басты бетке өту", "ru": "Перейти на главную страницу"}
CATALOGUE = {"kk": "Каталогтан қызметті табу", "ru": "Найти услугу в каталоге"}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_an_unknown_address_gets_the_branded_404_in_the_users_language_with_a_way_home(lang: str) -> None:
    client = Client()
    client.cookies["qyzmet_language"] = lang
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{lang}">' in html
    assert NOT_FOUND[lang] in html
    assert f'href="/">{HOME[lang]}</a>' in html
    assert CATALOGUE[lang] in html
    assert 'class="qz-header"' in html and "govuk-service-navigation" in html  # the whole shell


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_refused_page_gets_the_branded_403_in_the_users_language_with_a_way_home(lang: str) -> None:
    request = RequestFactory().get("/staff/")
    request.user = AnonymousUser()
    with translation.override(lang):
        response = permission_denied(request, PermissionDenied())
    html = response.content.decode()
    assert response.status_code == 403
    assert f'<html lang="{lang}">' in html
    assert DENIED[lang] in html
    assert f'href="/">{HOME[lang]}</a>' in html
    assert 'href="/login/?next=/staff/"' in html  # an anonymous visitor is offered to sign in


def test_the_favicon_is_served_at_the_address_browsers_ask_for() -> None:
    response = Client().get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/web/favicon.ico"
