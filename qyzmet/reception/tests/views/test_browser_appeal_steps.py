"""Browser test (Playwright, Debian's chromium): the Result desk's appeal form as question pages
(issue 16.9, CRC 15, 17), walked in Kazakh and in Russian — a refused page says the error once
beside its field in the page's language and keeps what was typed and the scan attached; the
chosen bodies stay listed; the confirmation shows the queue ticket's zone and language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import browser_pick, browser_sign_in
from qyzmet.core import pdf
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.tests.factories import OrganisationFactory
from qyzmet.reception.enums import AttachmentRole, ZoneKind
from qyzmet.reception.models import Appeal, AppealAttachment
from qyzmet.reception.services import ticket_call_next, ticket_issue
from qyzmet.reception.tests.factories import VALID_IIN

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = {
    "kk": {
        "step1": "6 қадамның 1-қадамы",
        "iin": "ЖСН-ді жазыңыз: құжаттағы 12 цифр (Регламент, 17.3).",
        "reason": "Қосымшаларды неге Жүйеге енгізу мүмкін емес екенін жазыңыз (Регламент, 17.7).",
        "attached": "Тіркелді: letter.pdf",
        "zone": "Нәтиже",
        "language": "қазақша",
    },
    "ru": {
        "step1": "Шаг 1 из 6",
        "iin": "Укажите ИИН: 12 цифр из документа (Регламент, 17.3).",
        "reason": "Укажите, почему приложения нельзя ввести в Систему (Регламент, 17.7).",
        "attached": "Прикреплено: letter.pdf",
        "zone": "Результат",
        "language": "русский",
    },
}


def _serious_violations(page: Any) -> list[Any]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (v["id"], [n["target"] for n in v["nodes"]])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _continue(page: Any) -> None:
    page.click("button[name=action][value=continue]")
    page.wait_for_load_state("load")


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_crc_17_the_appeal_is_walked_in_question_pages_in_the_pages_language_and_after_an_error(
    browser_page: Any, live_server: Any, crc: Any, tmp_path: Path, language: str
) -> None:
    t = TEXT[language]
    labour = OrganisationFactory.create(
        kind=OrganisationKind.CENTRAL_STATE_BODY,
        code="labour",
        name_kk="Еңбек министрлігі",
        name_ru="Минтруд",
    )
    health = OrganisationFactory.create(
        kind=OrganisationKind.CENTRAL_STATE_BODY,
        code="health",
        name_kk="Денсаулық министрлігі",
        name_ru="Минздрав",
    )
    zone = crc.hall.zones.get(kind=ZoneKind.RESULT)
    ticket_issue(actor=None, zone=zone, language=language, visitor_iin=VALID_IIN)
    ticket = ticket_call_next(actor=None, desk=zone.desks.get(number=1))
    scan = tmp_path / "letter.pdf"
    scan.write_bytes(pdf.build_pdf([pdf.para("Копия письма")], doc_title="letter"))

    page = browser_page
    browser_sign_in(page, live_server.url, crc.staff.username)
    page.click(f"form.lang-switch button[value={language}]")
    page.wait_for_load_state("load")
    page.goto(f"{live_server.url}/reception/appeals/new/")
    assert page.locator(f"#start-ticket-{ticket.pk}").is_checked()
    page.click("#start-appeal")
    page.wait_for_load_state("load")

    # 1. who — the IIN left out: the error once, beside the field, in the page's language
    assert t["step1"] in page.inner_text(".govuk-caption-m")
    assert page.locator(f"input[name=language][value={language}]").is_checked()  # the ticket's
    page.fill("#id_surname", "Қасенова")
    page.fill("#id_first_name", "Әлия")
    page.fill("#id_postal_address", "Астана, Абай д., 1")
    _continue(page)
    expect(page.locator("#error-summary")).to_contain_text(t["iin"])
    assert page.inner_text("#id_iin-error").strip().endswith(t["iin"])
    assert page.locator(".govuk-error-message").count() == 1
    assert page.input_value("#id_surname") == "Қасенова"
    assert _serious_violations(page) == []
    page.fill("#id_iin", VALID_IIN)
    _continue(page)

    # 2. to whom — each body chosen from the searchable list stays listed
    for body in (labour, health):
        browser_pick(page, "id_add_body", body.name(language))
        page.click("#add-body")
        page.wait_for_load_state("load")
    chosen = page.locator(".chosen-bodies li")
    expect(chosen).to_have_count(2)
    assert labour.name(language) in chosen.nth(0).inner_text()
    assert health.name(language) in chosen.nth(1).inner_text()
    _continue(page)

    # 3. what
    page.check("input[name=kind][value=statement]")
    page.fill("#id_substance", "Жәрдемақы мен медициналық тексеру туралы.")
    page.check("#id_signed")
    _continue(page)

    # 4. attachments — marked "on paper" with no reason: refused, the scan kept
    page.fill("#id_attachment_count", "1")
    page.fill("#id_att_name_1", "Мектеп хатының көшірмесі")
    page.set_input_files("#id_att_file_1", str(scan))
    page.check("#id_paper_only")
    _continue(page)
    expect(page.locator("#error-summary")).to_contain_text(t["reason"])
    assert t["attached"] in page.inner_text("#kept-att_file_1")
    assert page.input_value("#id_att_name_1") == "Мектеп хатының көшірмесі"
    page.uncheck("#id_paper_only")  # it can be scanned after all: not uploaded again
    _continue(page)

    # 5. the answer channel and the consent
    page.check("input[name=answer_method][value=in_person]")
    page.check("input[name=data_consent][value=yes]")
    _continue(page)

    # check the answers, register
    assert "Қасенова" in page.inner_text("#check-who")
    assert health.name(language) in page.inner_text("#check-to_whom")
    assert _serious_violations(page) == []
    page.click(".appeal-register-form button")
    page.wait_for_load_state("load")

    # the confirmation: one appeal per body, the queue ticket's zone and language
    expect(page.locator(".appeal-number")).to_have_count(2)
    assert page.inner_text("#queue-ticket").strip() == f"{ticket.code} — {t['zone']}, {t['language']}"
    assert page.inner_text("#ticket-language").strip() == t["language"]
    assert _serious_violations(page) == []
    appeals = list(Appeal.objects.order_by("number"))
    assert {a.competent_body_id for a in appeals} == {labour.pk, health.pk}
    assert all(a.language == language and a.ticket_id == ticket.pk for a in appeals)
    assert (
        AppealAttachment.objects.filter(role=AttachmentRole.ATTACHMENT, original_name="letter.pdf").count()
        == 2
    )
    page.click("#originals-return")
    page.wait_for_load_state("load")
    assert page.locator("#originals-returned").count() == 1
    assert all(a.originals_returned_at is not None for a in Appeal.objects.all())
