"""Issue 13.8 "Done when", in the browser (ADR 0020): a recipient applies on the portal with a
bad IIN, a past ceremony date and a negative amount and an attached PDF; sees all three errors
at once with what was typed and the file kept; fixes them and submits; gets the signed receipt
whose public verification page says the signature is valid. A free service: a paid one adds
the payment step between "the draft is valid" and the submission (``ApplyView``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import CHROMIUM_ARGS, browser_sign_in
from qyzmet.delivery.models import Application
from qyzmet.delivery.tests.factories import World, make_world, pdf_bytes
from qyzmet.registry.enums import FormFieldType
from qyzmet.registry.tests.factories import FormFieldFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SPOUSE_IIN = "900101400003"


def _world() -> World:
    world = make_world()
    version = world.service.versions.get()
    FormFieldFactory.create(
        version=version,
        code="spouse_iin",
        label_kk="Жұбайының ЖСН",
        label_ru="ИИН второго супруга",
        datatype=FormFieldType.IIN,
        order=5,
    )
    FormFieldFactory.create(
        version=version,
        code="ceremony_date",
        label_kk="Салтанатты тіркеу күні",
        label_ru="Дата торжественной регистрации",
        datatype=FormFieldType.DATE,
        date_min_days=0,
        date_max_days=180,
        order=6,
    )
    FormFieldFactory.create(
        version=version,
        code="duty_paid",
        label_kk="Төленген баж сомасы",
        label_ru="Сумма уплаченной пошлины",
        datatype=FormFieldType.AMOUNT,
        min_value=Decimal(1),
        order=7,
    )
    return world


def _fill_bad(page: Any, world: World, scan: Any) -> int:
    version = world.service.versions.get()
    med = version.required_documents.get(expires=True)
    today = dt.date.today()
    page.fill("[name='data.full_name']", "Әлия Серікқызы")
    page.fill("[name='data.birth_date']", "1985-01-01")
    page.fill("[name='data.spouse_iin']", "900101400004")
    page.fill("[name='data.ceremony_date']", "2020-06-01")
    page.fill("[name='data.duty_paid']", "-500")
    page.fill(f"[name='doc{med.pk}_number']", "086-17")
    page.fill(f"[name='doc{med.pk}_valid_until']", (today + dt.timedelta(days=90)).isoformat())
    page.set_input_files(f"[name='doc{med.pk}_file']", str(scan))
    page.select_option("[name='consent_method']", "e_signature")
    page.click("form.apply-form button[type=submit]")
    return int(med.pk)


def test_issue_13_8_bad_iin_past_date_negative_amount_all_at_once_then_fixed_and_a_valid_signed_receipt(
    browser_page: Any, live_server: Any, tmp_path: Any
) -> None:
    world = _world()
    page = browser_page
    browser_sign_in(page, live_server.url, world.recipient.username)
    page.goto(f"{live_server.url}/delivery/apply/{world.service.code}/one-page/")
    # Known from the profile: not asked.
    assert page.locator("[name='recipient_name']").count() == 0
    assert world.recipient.iin in page.inner_text(".applicant-known")
    scan = tmp_path / "medical-086.pdf"
    scan.write_bytes(pdf_bytes("086"))
    med = _fill_bad(page, world, scan)

    # All three errors at once, in the summary and next to each field (Kazakh).
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    links = [
        summary.locator(f"a[href='#id_data.{code}']") for code in ("spouse_iin", "ceremony_date", "duty_paid")
    ]
    assert all(link.count() == 1 for link in links)
    assert "ЖСН дұрыс емес" in page.inner_text("#err-id_data\\.spouse_iin")
    assert "күнінен бұрын болмауы керек" in page.inner_text("#err-id_data\\.ceremony_date")
    assert "нөлден үлкен" in page.inner_text("#err-id_data\\.duty_paid")
    # What was typed and the file are kept.
    assert page.input_value("[name='data.spouse_iin']") == "900101400004"
    assert page.input_value("[name='data.ceremony_date']") == "2020-06-01"
    assert page.input_value("[name='data.duty_paid']") == "-500"
    assert "medical-086.pdf" in page.inner_text(f"#attached-doc{med}")
    assert not Application.objects.exists()
    links[0].click()  # the summary's link takes the applicant to the field
    assert page.evaluate("document.activeElement.name || location.hash") in (
        "data.spouse_iin",
        "#id_data.spouse_iin",
    )

    # Fixed; the file is not chosen again.
    page.fill("[name='data.spouse_iin']", SPOUSE_IIN)
    page.fill("[name='data.ceremony_date']", (dt.date.today() + dt.timedelta(days=40)).isoformat())
    page.fill("[name='data.duty_paid']", "3692")
    # (A paid service: the payment step comes here.)
    page.click("form.apply-form button[type=submit]")
    application = Application.objects.get()
    assert application.number in page.inner_text("h1")
    assert application.documents.get(required_document_id=med).file

    href = page.get_attribute("a[href$='receipt.pdf']", "href")
    receipt = page.request.get(f"{live_server.url}{href}")
    assert receipt.ok and receipt.body().startswith(b"%PDF")
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(receipt.body())

    anonymous = page.context.browser.new_context(locale="kk-KZ").new_page()
    anonymous.goto(f"{live_server.url}/delivery/verify/receipt/{application.number}/")
    expect(anonymous.locator("h2.verify-valid")).to_be_visible()
    anonymous.set_input_files("[name='document']", str(pdf))  # the receipt the applicant holds
    anonymous.click("form.status-form button[type=submit]")
    expect(anonymous.locator("h2.verify-valid")).to_be_visible()
    anonymous.context.close()


def test_issue_13_8_the_apply_page_after_an_error_does_not_scroll_sideways_at_390px(
    playwright_browser: Any, live_server: Any, tmp_path: Any
) -> None:
    assert CHROMIUM_ARGS  # the same chromium as every browser test
    world = _world()
    context = playwright_browser.new_context(locale="kk-KZ", viewport={"width": 390, "height": 844})
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        browser_sign_in(page, live_server.url, world.recipient.username)
        page.goto(f"{live_server.url}/delivery/apply/{world.service.code}/one-page/")
        scan = tmp_path / "a-scan-with-a-rather-long-file-name-of-the-medical-certificate-086.pdf"
        scan.write_bytes(pdf_bytes())
        _fill_bad(page, world, scan)
        expect(page.locator(".error-summary")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
