"""The one application's form (Law 1.1-2) asks as the single form does: what the profile knows
is shown read-only and filled on the server (ADR 0020, Law 5.2); the consent question is asked
when a member service needs it, as on the single form, and a member that needs it cannot be
delivered without it (Law 19-1.2(6), 20.6); each term is written with its plural form; the
demo "birth of a child" bundle does not demand the child's IIN its own birth registration
assigns. Every date is fixed (MONDAY), never today's."""

from __future__ import annotations

from typing import Any, cast

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from django.utils import translation
from time_machine import TimeMachineFixture

from qyzmet.core.errors import ApplicationError
from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.forms import ApplyForm
from qyzmet.delivery.models import Application
from qyzmet.delivery.services import application_result_ready, application_take_in_work
from qyzmet.delivery.tests.composite.factories import (
    CompositeWorld,
    composite_submit,
    form_post_data,
    make_composite_world,
)
from qyzmet.delivery.tests.factories import MONDAY
from qyzmet.registry import demo_catalogue
from qyzmet.registry.enums import Channel as RegistryChannel
from qyzmet.registry.enums import FormFieldPrefill, FormFieldType, term_text
from qyzmet.registry.tests.factories import FormFieldFactory

pytestmark = pytest.mark.django_db

PROFILE_TEXT = {
    "kk": "Профиліңізден алынды; қайта сұралмайды.",
    "ru": "Взято из вашего профиля; повторно не запрашивается.",
}
CONSENT_LABEL = {
    "kk": "Заңмен қорғалатын мәліметтерді пайдалануға келісім",
    "ru": "Согласие на использование сведений, охраняемых законом",
}


@pytest.fixture
def cw(time_machine: TimeMachineFixture) -> CompositeWorld:
    time_machine.move_to(MONDAY, tick=False)
    cw = make_composite_world()
    # A and C ask the applicant's IIN, B the phone: the profile answers all of them.
    for service in (cw.a, cw.c):
        FormFieldFactory.create(
            version=service.versions.get(),
            code="iin",
            label_kk="ЖСН",
            label_ru="ИИН",
            datatype=FormFieldType.IIN,
            prefill=FormFieldPrefill.APPLICANT_IIN,
            order=20,
        )
    FormFieldFactory.create(
        version=cw.b.versions.get(),
        code="phone",
        label_kk="Ұялы телефон нөмірі",
        label_ru="Номер мобильного телефона",
        datatype=FormFieldType.PHONE_KZ,
        prefill=FormFieldPrefill.APPLICANT_PHONE,
        order=21,
    )
    return cw


def _lang(client: Client, lang: str) -> None:
    client.cookies["qyzmet_language"] = lang


def _url(cw: CompositeWorld) -> str:
    return reverse("delivery:apply-composite", args=[cw.composite.code])


# --- 1. What the profile knows (ADR 0020) --------------------------------------------------


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_adr_0020_the_composite_form_shows_the_iin_and_phone_from_the_profile_and_does_not_ask_them(
    client: Client, cw: CompositeWorld, lang: str
) -> None:
    recipient = cw.world.recipient
    client.force_login(recipient)
    _lang(client, lang)
    resp = client.get(_url(cw), follow=True)
    html = resp.content.decode()
    assert resp.status_code == 200
    assert 'name="data.iin"' not in html and 'name="data.phone"' not in html
    assert f"<dd>{recipient.iin} " in html and f"<dd>{recipient.phone} " in html
    assert PROFILE_TEXT[lang] in html
    assert 'name="data.child_name"' in html  # what the profile does not know is still asked


def test_adr_0020_the_composite_form_asks_a_prefill_field_the_profile_cannot_answer(
    client: Client, cw: CompositeWorld
) -> None:
    recipient = cw.world.recipient
    recipient.phone = ""
    recipient.save(update_fields=["phone"])
    client.force_login(recipient)
    html = client.get(_url(cw), follow=True).content.decode()
    assert 'name="data.phone"' in html and 'name="data.iin"' not in html


def test_adr_0020_the_composite_form_fills_the_profile_values_on_the_server(
    client: Client, cw: CompositeWorld
) -> None:
    recipient = cw.world.recipient
    client.force_login(recipient)
    # What the browser sends for a read-only field is ignored: the profile's value is used.
    resp = client.post(
        _url(cw), form_post_data(cw, **{"data.iin": "900101400003", "data.phone": "+77000000000"})
    )
    assert resp.status_code == 302, resp.content.decode()[:2000]
    parent = Application.objects.get(composite_service=cw.composite)
    children = {c.service_id: c for c in parent.children.all()}
    assert children[cw.a.pk].data["iin"] == recipient.iin
    assert children[cw.c.pk].data["iin"] == recipient.iin
    assert children[cw.b.pk].data["phone"] == recipient.phone
    # Each child gets only the fields of its own standard (ADR 0022).
    assert "phone" not in children[cw.a.pk].data and "iin" not in children[cw.b.pk].data


# --- 2. Consent (Law 20.6) ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_law_1_1_2_the_consent_is_asked_as_on_the_single_form_when_a_member_needs_it(
    client: Client, cw: CompositeWorld, lang: str
) -> None:
    client.force_login(cw.world.recipient)
    _lang(client, lang)
    html = client.get(_url(cw), follow=True).content.decode()
    assert 'name="consent_method"' in html
    assert CONSENT_LABEL[lang] in html
    assert cw.c.name(lang) in html  # "needed by" C (needs_protected_data_consent)
    # The same question (label and answers) as the single form's.
    with translation.override(lang):
        single = ApplyForm(fields=[], checklist=[], language=lang).fields["consent_method"]
        composite_form = client.get(_url(cw), follow=True).context["form"]
        asked = composite_form.fields["consent_method"]
        assert str(asked.label) == str(single.label)
        assert isinstance(asked, forms.ChoiceField) and isinstance(single, forms.ChoiceField)
        answers = cast(list[tuple[str, Any]], asked.choices)
        single_answers = cast(list[tuple[str, Any]], single.choices)
        assert [(k, str(v)) for k, v in answers] == [(k, str(v)) for k, v in single_answers]


def test_law_1_1_2_no_consent_question_when_no_member_needs_it(client: Client, cw: CompositeWorld) -> None:
    cw.composite.services.set([cw.a, cw.b])
    client.force_login(cw.world.recipient)
    html = client.get(_url(cw), follow=True).content.decode()
    assert 'name="consent_method"' not in html


def test_law_1_1_2_a_member_that_needs_consent_is_not_delivered_without_it(cw: CompositeWorld) -> None:
    """Law 19-1.2(6), 20.6: accepted (consent may still be given later, Law 5.2.12), but the
    member that needs it can only be refused while it is missing; the others are not held up."""
    recipient = cw.world.recipient
    data = {"full_name": str(recipient), "birth_date": "1985-01-01", "child_name": "Айша"}
    data.update(iin=recipient.iin, phone=recipient.phone)
    parent = composite_submit(cw, consent_method="", data=data)
    c = parent.children.get(service=cw.c)
    a = parent.children.get(service=cw.a)
    assert not c.consent_given
    application_take_in_work(actor=cw.other_officer, application=c)
    with pytest.raises(ApplicationError) as exc:
        application_result_ready(actor=cw.other_officer, application=c, result_summary_ru="Готово")
    assert exc.value.code == DeliveryErrorCode.CONSENT_MISSING
    application_take_in_work(actor=cw.world.officer, application=a)
    application_result_ready(actor=cw.world.officer, application=a, result_summary_ru="Готово")


def test_law_1_1_2_the_consent_given_on_the_form_reaches_the_member_that_needs_it(
    client: Client, cw: CompositeWorld
) -> None:
    client.force_login(cw.world.recipient)
    resp = client.post(_url(cw), form_post_data(cw))
    assert resp.status_code == 302
    c = Application.objects.get(service=cw.c, parent__composite_service=cw.composite)
    assert c.consent_given and c.consent_method == "e_signature"


# --- 3. Terms with their plural forms -------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "amount", "text"),
    [
        ("ru", 1, "1 рабочий день"),
        ("ru", 3, "3 рабочих дня"),
        ("ru", 5, "5 рабочих дней"),
        ("ru", 11, "11 рабочих дней"),
        ("ru", 21, "21 рабочий день"),
        ("kk", 1, "1 жұмыс күні"),
        ("kk", 5, "5 жұмыс күні"),
        ("en", 1, "1 working day"),
        ("en", 5, "5 working days"),
    ],
)
def test_law_14_3_1_a_term_in_working_days_takes_the_plural_form_of_its_number(
    lang: str, amount: int, text: str
) -> None:
    with translation.override(lang):
        assert term_text(amount, "working_days") == text


def test_law_14_3_1_other_term_units_take_their_plural_forms() -> None:
    with translation.override("ru"):
        assert term_text(1, "minutes") == "1 минута"
        assert term_text(30, "minutes") == "30 минут"
        assert term_text(2, "hours") == "2 часа"
        assert term_text(1, "calendar_days") == "1 календарный день"
    with translation.override("kk"):
        assert term_text(30, "minutes") == "30 минут"
        assert term_text(2, "calendar_days") == "2 күнтізбелік күн"


@pytest.mark.parametrize(
    ("lang", "one", "three"),
    [("ru", "1 рабочий день", "3 рабочих дня"), ("kk", "1 жұмыс күні", "3 жұмыс күні")],
)
def test_law_1_1_2_the_composite_pages_write_each_term_with_its_plural_form(
    client: Client, cw: CompositeWorld, lang: str, one: str, three: str
) -> None:
    term = cw.c.versions.get().channel_terms.get(channel=RegistryChannel.EGOV_PORTAL)
    term.term_amount = 1
    term.save(update_fields=["term_amount"])
    client.force_login(cw.world.recipient)
    _lang(client, lang)
    for url in (_url(cw), reverse("delivery:composite-service", args=[cw.composite.code])):
        html = client.get(url, follow=True).content.decode()
        assert one in html and three in html, url
        assert "1 рабочих дней" not in html


# --- 4. The demo bundle does not ask for what it produces -----------------------------------


def test_law_1_1_2_the_birth_bundle_does_not_require_the_child_iin_its_birth_registration_assigns() -> None:
    specs = {s.code: s for s in demo_catalogue.SERVICES}
    assert "01010001" in specs  # the birth registration: its result gives the child an IIN
    for code in ("04010001", "05020001"):
        child_iin = next(f for f in specs[code].fields if f[0] == "child_iin")
        assert child_iin[4] is False, code  # (code, kk, ru, datatype, required, choices)
