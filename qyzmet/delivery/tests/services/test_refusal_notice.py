"""Issue 13.5: refusals people can hold (Law 19-1.1-3, 21.2-1, 25.2). The reasoned refusal
letter is wholly in the application's language and names each ground with its point, the
reason, the provider, the date, the number and how to complain; it is linked from the cabinet;
the recipient hears of the refusal in the channels they chose: the SMS names the ground briefly
with its point, the e-mail names the grounds and the reason and links the letter."""

from __future__ import annotations

import io

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from qyzmet.delivery import documents, services
from qyzmet.delivery.enums import ApplicationStatus
from qyzmet.delivery.models import Application
from qyzmet.delivery.tests.factories import World, make_world, submit
from qyzmet.notify.models import OutboxMessage
from qyzmet.registry.enums import RefusalGround

pytestmark = pytest.mark.django_db

REASON_KK = "086/у анықтамасының нөмірі медициналық ұйымның тізілімінде жоқ"
REASON_RU = "Номер справки 086/у отсутствует в реестре медицинской организации"


@pytest.fixture
def world() -> World:
    return make_world()


def _refused(world: World, *, language: str, sms: bool = True, email: bool = True) -> Application:
    application = submit(world, language=language, notify_sms=sms, notify_email=email)
    application = services.application_take_in_work(actor=world.officer, application=application)
    return services.application_refuse(
        actor=world.officer,
        application=application,
        grounds=[RefusalGround.UNRELIABLE_DOCUMENTS],
        other_grounds=list(application.standard_version.other_refusal_grounds.all()),  # type: ignore[union-attr]
        reason=REASON_RU if language == "ru" else REASON_KK,
    )


def _text(pdf: bytes) -> str:
    text = "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_law_19_1_1_the_kazakh_letter_names_every_ground_the_reason_and_how_to_complain(
    world: World,
) -> None:
    application = _refused(world, language="kk")
    text = _text(documents.refusal_pdf(application=application))
    assert "бас тарту туралы дәлелді жауап" in text
    assert application.number in text
    assert world.provider.name_kk in text
    assert "23.11.2026" in text  # the refusal's date (the suite's Monday)
    assert _flat(RefusalGround.UNRELIABLE_DOCUMENTS.texts["kk"]) in text  # with its point
    assert "19-1-бабы 2-тармағының 1) тармақшасы" in text
    other = application.refusal_other_grounds.get()
    assert _flat(other.legal_reference) in text  # a ground of another law, with its reference
    assert _flat(REASON_KK) in text
    # Law 25.2: to whom, and in what term the complaint is reviewed; Law 19-1.3: apply again.
    assert "бес жұмыс күні" in text and "он бес жұмыс күні" in text and "25-бабы" in text
    assert "19-1-бабы 3-тармағы" in text
    # Wholly in Kazakh: none of the Russian labels.
    for russian in ("Основания отказа", "Причина отказа", "Услугодатель", "обжаловать", "Номер заявления"):
        assert russian not in text


def test_law_19_1_1_the_russian_letter_is_wholly_in_russian(world: World) -> None:
    application = _refused(world, language="ru")
    text = _text(documents.refusal_pdf(application=application))
    assert "Мотивированный ответ об отказе" in text
    assert world.provider.name_ru in text
    assert "подпункт 1) пункта 2 статьи 19-1 Закона" in text
    assert _flat(REASON_RU) in text
    assert "пяти рабочих дней" in text and "пятнадцати рабочих дней" in text
    assert "пункт 2 статьи 25 Закона" in text
    for kazakh in ("Бас тарту негіздері", "Бас тарту себебі", "Көрсетілетін қызметті беруші", "Шағымдану"):
        assert kazakh not in text


def test_law_19_1_1_the_letter_opens_in_the_applications_language_whatever_the_page_language(
    world: World,
) -> None:
    application = _refused(world, language="ru")
    client = Client()
    client.force_login(world.recipient)
    client.cookies["qyzmet_language"] = "kk"
    response = client.get(reverse("delivery:refusal", kwargs={"number": application.number}))
    assert response.status_code == 200
    assert "Мотивированный ответ об отказе" in _text(response.content)


def test_law_19_1_1_the_letter_is_linked_from_my_applications_and_the_application_page(
    world: World,
) -> None:
    refused = _refused(world, language="kk", sms=False, email=False)
    open_one = submit(world)
    letter = reverse("delivery:refusal", kwargs={"number": refused.number})
    client = Client()
    client.force_login(world.recipient)
    mine = client.get(reverse("delivery:mine")).content.decode()
    assert f'href="{letter}"' in mine
    assert reverse("delivery:refusal", kwargs={"number": open_one.number}) not in mine  # not refused
    page = client.get(reverse("delivery:detail", kwargs={"number": refused.number})).content.decode()
    assert f'href="{letter}"' in page
    # No channel chosen: nothing is sent; the cabinet is where the recipient finds it.
    assert not OutboxMessage.objects.filter(kind="delivery.refused").exists()


def test_law_21_2_1_the_refusal_sms_names_the_number_and_the_ground_with_its_point_kk(world: World) -> None:
    application = _refused(world, language="kk")
    sms = OutboxMessage.objects.get(kind="delivery.refused", channel="sms")
    assert sms.to == world.recipient.phone and sms.language == "kk"
    assert application.number in sms.body
    assert "құжаттардың (деректердің) анық еместігі" in sms.body
    assert "Заңның 19-1-бабы 2-тармағының 1) тармақшасы" in sms.body
    other = application.refusal_other_grounds.get()
    assert other.legal_reference in sms.body
    assert f"/delivery/a/{application.number}/" in sms.body  # the cabinet's page
    assert "бас тартылды" in sms.body and "отказано" not in sms.body


def test_law_21_2_1_the_refusal_sms_in_russian(world: World) -> None:
    application = _refused(world, language="ru")
    sms = OutboxMessage.objects.get(kind="delivery.refused", channel="sms")
    assert application.number in sms.body
    assert "недостоверность документов (сведений) (подпункт 1) пункта 2 статьи 19-1 Закона)" in sms.body
    assert "отказано" in sms.body and "бас тартылды" not in sms.body


def test_law_21_2_1_the_refusal_email_names_the_grounds_the_reason_and_links_the_letter_kk(
    world: World,
) -> None:
    application = _refused(world, language="kk")
    mail = OutboxMessage.objects.get(kind="delivery.refused", channel="email")
    assert mail.to == world.recipient.email and mail.language == "kk"
    assert application.number in mail.subject
    assert RefusalGround.UNRELIABLE_DOCUMENTS.texts["kk"] in mail.body
    assert REASON_KK in mail.body
    assert world.provider.name_kk in mail.body
    assert f"/delivery/a/{application.number}/refusal.pdf" in mail.body
    assert "25-бабы" in mail.body or "25.2" in mail.body
    assert "/complaints/" in mail.body
    assert "Причина" not in mail.body


def test_law_21_2_1_the_refusal_email_in_russian(world: World) -> None:
    application = _refused(world, language="ru")
    mail = OutboxMessage.objects.get(kind="delivery.refused", channel="email")
    assert RefusalGround.UNRELIABLE_DOCUMENTS.texts["ru"] in mail.body
    assert REASON_RU in mail.body
    assert world.provider.name_ru in mail.body
    assert "Причина отказа" in mail.body
    assert f"/delivery/a/{application.number}/refusal.pdf" in mail.body


def test_law_21_2_1_only_the_chosen_channel_is_used(world: World) -> None:
    _refused(world, language="kk", sms=False, email=True)
    assert list(OutboxMessage.objects.filter(kind="delivery.refused").values_list("channel", flat=True)) == [
        "email"
    ]


def test_adr_0003_no_refusal_notice_leaves_if_the_refusal_rolls_back(world: World) -> None:
    application = submit(world)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.application_refuse(
            actor=world.officer,
            application=application,
            grounds=[RefusalGround.UNRELIABLE_DOCUMENTS],
            reason=REASON_KK,
        )
        raise RuntimeError("the caller's transaction fails after the refusal")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RECEIVED
    assert not OutboxMessage.objects.filter(kind="delivery.refused").exists()


@pytest.mark.parametrize(
    ("language", "kind_label", "office"),
    [("kk", "Жоғары тұрған инстанция", "кабинет 214"), ("ru", "Вышестоящая инстанция", "кабинет 214")],
)
def test_std_21_to_23_the_refusal_names_each_structured_complaint_address(
    world: World, language: str, kind_label: str, office: str
) -> None:
    from qyzmet.registry.enums import ComplaintAddressKind
    from qyzmet.registry.tests.factories import ComplaintAddressFactory

    application = _refused(world, language=language)
    ComplaintAddressFactory.create(
        version=application.standard_version,
        kind=ComplaintAddressKind.HIGHER_INSTANCE,
        name_kk="Білім министрлігі",
        name_ru="Министерство просвещения",
        address_kk="Астана қ., Мәңгілік Ел д-лы, 8",
        address_ru="г. Астана, пр. Мангилик Ел, 8",
        office="214",
        email="complaints@edu.gov.kz",
        phone="+7 7172 74 24 28",
        schedule={
            "around_the_clock": False,
            "days": [{"weekday": 0, "opens": "09:00", "closes": "18:30", "breaks": []}],
        },
    )
    text = _text(documents.refusal_pdf(application=application))
    name = "Білім министрлігі" if language == "kk" else "Министерство просвещения"
    address = "Мәңгілік Ел д-лы, 8" if language == "kk" else "пр. Мангилик Ел, 8"
    assert f"{kind_label}: {name}" in text
    assert address in text and office in text
    assert "complaints@edu.gov.kz" in text and "+7 7172 74 24 28" in text
    assert ("Дүйсенбі" if language == "kk" else "Понедельник") + ": 09:00–18:30" in text
