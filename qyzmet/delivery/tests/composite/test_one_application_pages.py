"""Law 1.1-2, 4.1.4-1 in the browser's pages: the catalogue lists and finds composite services
(kk/ru), the one form asks each detail and document once and keeps what was typed on a
refusal, the parent's page follows every child, "my applications" groups them, and only the
recipient (and staff for their own children) sees it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.delivery.models import Application
from qyzmet.delivery.services import application_take_in_work
from qyzmet.delivery.tests.composite.factories import (
    CompositeWorld,
    composite_submit,
    form_post_data,
    make_composite_world,
    plan_of,
)
from qyzmet.orgs.tests.factories import RecipientFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cw() -> CompositeWorld:
    return make_composite_world()


def _lang(client: Client, lang: str) -> None:
    client.cookies["qyzmet_language"] = lang


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_law_1_1_2_the_catalogue_lists_and_finds_composite_services(
    client: Client, cw: CompositeWorld, lang: str
) -> None:
    _lang(client, lang)
    name = cw.composite.name(lang)
    html = client.get(reverse("delivery:composite-list")).content.decode()
    assert name in html and cw.c.name(lang) in html
    # Found by a member service's name or code; another word finds nothing.
    assert (
        name in client.get(reverse("delivery:composite-list"), {"q": cw.c.name(lang)[:12]}).content.decode()
    )
    assert name in client.get(reverse("delivery:composite-list"), {"q": cw.b.code}).content.decode()
    assert name not in client.get(reverse("delivery:composite-list"), {"q": "жоқ-нет-xyz"}).content.decode()
    # The public catalogue of the register points to it.
    catalogue = client.get(reverse("registry:catalogue")).content.decode()
    assert reverse("delivery:composite-list") in catalogue


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_law_1_1_2_the_bundle_page_shows_members_providers_terms_and_each_document_once(
    client: Client, cw: CompositeWorld, lang: str
) -> None:
    _lang(client, lang)
    resp = client.get(reverse("delivery:composite-service", args=[cw.composite.code]))
    html = resp.content.decode()
    assert resp.status_code == 200
    for s in (cw.a, cw.b, cw.c):
        assert s.name(lang) in html
    statement = "Медицинская справка (форма 086/у)" if lang == "ru" else "Медициналық анықтама (086/у нысаны)"
    assert html.count(f"</span> {statement}") == 1  # the checklist row, once for three standards
    assert cw.other_provider.short_name(lang) in html and cw.third_provider.short_name(lang) in html
    assert "27.11.2026" in html or "26.11.2026" in html  # a due date counted on working days
    assert reverse("delivery:apply-composite", args=[cw.composite.code]) in html
    assert client.get(reverse("delivery:composite-service", args=["no-such-bundle"])).status_code == 404


def test_law_1_1_2_the_form_needs_a_signed_in_recipient(client: Client, cw: CompositeWorld) -> None:
    resp = client.get(reverse("delivery:apply-composite", args=[cw.composite.code]))
    assert resp.status_code == 302 and "/login/" in resp["Location"]


def test_law_1_1_2_the_form_asks_each_field_and_document_once_with_a_provider_choice(
    client: Client, cw: CompositeWorld
) -> None:
    client.force_login(cw.world.recipient)
    _lang(client, "ru")
    html = client.get(
        reverse("delivery:apply-composite", args=[cw.composite.code]), follow=True
    ).content.decode()
    plan = plan_of(cw)
    assert (
        len(re.findall(r'name="doc\d+_number"', html)) == len(plan.documents) == 3
    )  # "the application" is not one (ADR 0020)
    assert html.count('name="data.full_name"') == 1
    assert html.count('name="data.child_name"') == 1
    # Law 1.4: a choice only for C (two deliver it); A and B name their one provider.
    assert f'name="provider.{cw.c.code}"' in html
    assert f'name="provider.{cw.a.code}"' not in html
    assert 'name="consent_method"' in html  # C needs consent (Law 20.6)


def test_law_1_1_2_a_refusal_is_shown_at_once_values_kept_nothing_written(
    client: Client, cw: CompositeWorld
) -> None:
    client.force_login(cw.world.recipient)
    _lang(client, "kk")
    plan = plan_of(cw)
    statement = next(d for d in plan.documents if d.first.name_ru == "Медицинская справка (форма 086/у)")
    data = form_post_data(cw, **{f"provider.{cw.c.code}": "", f"doc{statement.key}_number": ""})
    resp = client.post(reverse("delivery:apply-composite", args=[cw.composite.code]), data)
    html = resp.content.decode()
    assert resp.status_code == 400
    assert not Application.objects.exists()
    assert 'value="Әлия Серікқызы"' in html  # what was typed stays
    # C's refusal (no provider chosen) and A's and B's (no medical certificate) at once, in Kazakh,
    # each on its own field.
    assert f'id="err-id_provider.{cw.c.code}"' in html
    assert f'id="err-id_doc{statement.key}_number"' in html
    assert cw.a.name_kk in html and cw.b.name_kk in html
    assert "Бір өтініш қабылданбады" in html
    assert cw.c.name_kk in html


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_law_1_1_2_submit_creates_parent_and_children_and_the_parent_page_lists_them(
    client: Client, cw: CompositeWorld, lang: str
) -> None:
    client.force_login(cw.world.recipient)
    _lang(client, lang)
    resp = client.post(reverse("delivery:apply-composite", args=[cw.composite.code]), form_post_data(cw))
    parent = Application.objects.get(composite_service=cw.composite)
    assert resp.status_code == 302
    assert resp["Location"] == reverse("delivery:composite-detail", args=[parent.number])
    assert parent.children.count() == 3
    html = client.get(resp["Location"]).content.decode()
    for child in parent.children.all():
        assert child.number in html
        assert child.service is not None and child.service.name(lang) in html
    assert cw.other_provider.short_name(lang) in html
    assert reverse("delivery:receipt", args=[parent.number]) in html
    # A double-sent form is one application.
    client.post(reverse("delivery:apply-composite", args=[cw.composite.code]), form_post_data(cw))
    assert Application.objects.filter(composite_service=cw.composite).count() == 1


def test_law_1_1_2_the_parent_page_shows_each_child_stage_and_result(
    client: Client, cw: CompositeWorld
) -> None:
    from qyzmet.delivery.services import application_result_ready

    parent = composite_submit(cw)
    a = parent.children.get(service=cw.a)
    b = parent.children.get(service=cw.b)
    application_take_in_work(actor=cw.world.officer, application=a)
    application_take_in_work(actor=cw.world.officer, application=b)
    application_result_ready(actor=cw.world.officer, application=b, result_summary_ru="Готово")
    client.force_login(cw.world.recipient)
    _lang(client, "ru")
    html = client.get(reverse("delivery:composite-detail", args=[parent.number])).content.decode()
    assert "Принято в работу" in html
    assert reverse("delivery:result", args=[b.number]) in html  # issued in the cabinet
    assert reverse("delivery:result", args=[a.number]) not in html
    # The old detail address of the parent leads here.
    old = client.get(reverse("delivery:detail", args=[parent.number]))
    assert old.status_code == 302 and old["Location"] == reverse(
        "delivery:composite-detail", args=[parent.number]
    )


def test_law_1_1_2_a_stranger_is_refused_and_staff_see_only_their_children(
    client: Client, cw: CompositeWorld
) -> None:
    parent = composite_submit(cw)
    url = reverse("delivery:composite-detail", args=[parent.number])
    client.force_login(RecipientFactory.create())
    assert client.get(url).status_code == 404  # as for a number that does not exist
    # The other provider's officer sees C only: not what else the recipient applied for.
    client.force_login(cw.other_officer)
    html = client.get(url).content.decode()
    c = parent.children.get(service=cw.c)
    a = parent.children.get(service=cw.a)
    assert c.number in html and a.number not in html
    assert reverse("delivery:receipt", args=[parent.number]) not in html
    client.logout()
    assert client.get(url).status_code == 302  # sign in first


def test_law_1_1_2_my_applications_groups_the_children_under_the_parent(
    client: Client, cw: CompositeWorld
) -> None:
    parent = composite_submit(cw)
    client.force_login(cw.world.recipient)
    html = client.get(reverse("delivery:mine")).content.decode()
    assert html.count('class="composite-parent"') == 1
    assert html.count('class="composite-child"') == 3
    first_child = html.index('class="composite-child"')
    assert html.index(parent.number) < first_child
    assert reverse("delivery:composite-detail", args=[parent.number]) in html


def test_law_1_1_2_my_applications_reads_children_in_bounded_queries(
    client: Client, cw: CompositeWorld, django_assert_max_num_queries: Any
) -> None:
    composite_submit(cw)
    composite_submit(cw, received_at=dt.datetime(2026, 11, 23, 11, tzinfo=dt.UTC))
    client.force_login(cw.world.recipient)
    with django_assert_max_num_queries(20):
        client.get(reverse("delivery:mine"))


def test_law_1_1_2_the_receipt_lists_a_document_given_once_once(client: Client, cw: CompositeWorld) -> None:
    import io

    from pypdf import PdfReader

    parent = composite_submit(cw)
    client.force_login(cw.world.recipient)
    _lang(client, "ru")
    resp = client.get(reverse("delivery:receipt", args=[parent.number]))
    assert resp.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(resp.content)).pages)
    assert parent.number in text
    assert text.count("Медицинская справка") == 1  # given once, to three children
