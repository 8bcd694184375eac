"""Issue 13.7 "Done when", in the browser (ADR 0019, 0020): a recipient applies on the portal
for a service whose standard has the fee paid through the gateway, with a bad IIN, a past date
and a negative amount and an attached PDF; sees all three errors at once with what was typed
and the file kept; fixes them; pays on the test gateway; gets the signed receipt whose public
verification page says the signature is valid. The clock is the suite's (conftest.SUITE_NOW)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import browser_sign_in
from qyzmet.delivery.models import Application
from qyzmet.delivery.tests.browser.test_apply_form_in_browser import SPOUSE_IIN, _fill_bad, _world
from qyzmet.delivery.tests.factories import pdf_bytes
from qyzmet.delivery.tests.paid import FEE_2026, fee_receipt, make_paid
from qyzmet.payments.enums import PaymentStatus
from qyzmet.payments.models import Payment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_issue_13_7_bad_values_all_at_once_then_fixed_paid_and_a_valid_signed_receipt(
    browser_page: Any, live_server: Any, tmp_path: Any
) -> None:
    world = _world()
    make_paid(world)
    page = browser_page
    browser_sign_in(page, live_server.url, world.recipient.username)
    page.goto(f"{live_server.url}/delivery/apply/{world.service.code}/one-page/")
    # The fee in tenge before paying; its proof is not asked (Law 5.2).
    assert "4325 ₸" in page.inner_text("fieldset.fee")
    assert page.locator(f"[name='doc{fee_receipt(world).pk}_number']").count() == 0
    scan = tmp_path / "medical-086.pdf"
    scan.write_bytes(pdf_bytes("086"))
    med = _fill_bad(page, world, scan)

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    for code in ("spouse_iin", "ceremony_date", "duty_paid"):
        assert summary.locator(f"a[href='#id_data.{code}']").count() == 1
    assert page.input_value("[name='data.spouse_iin']") == "900101400004"
    assert page.input_value("[name='data.ceremony_date']") == "2020-06-01"
    assert page.input_value("[name='data.duty_paid']") == "-500"
    assert "medical-086.pdf" in page.inner_text(f"#attached-doc{med}")
    assert not Payment.objects.exists() and not Application.objects.exists()

    page.fill("[name='data.spouse_iin']", SPOUSE_IIN)
    page.fill("[name='data.ceremony_date']", (dt.date.today() + dt.timedelta(days=40)).isoformat())
    page.fill("[name='data.duty_paid']", "3692")
    page.click("form.apply-form button[type=submit]")

    # The test gateway: the amount, then "Pay".
    page.wait_for_selector("form.payment-form")
    assert "4325" in page.inner_text(".payment-amount")
    assert not Application.objects.exists()
    page.click("form.payment-form button.pay")

    application = Application.objects.get()
    page.wait_for_selector(f"h1:has-text('{application.number}')")
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.PAID and payment.consumed_at is not None
    assert application.payment_id == payment.pk and application.fee_tenge == FEE_2026
    assert application.documents.get(required_document_id=med).file

    href = page.get_attribute("a[href$='receipt.pdf']", "href")
    receipt = page.request.get(f"{live_server.url}{href}")
    assert receipt.ok and receipt.body().startswith(b"%PDF")
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(receipt.body())

    anonymous = page.context.browser.new_context(locale="kk-KZ").new_page()
    anonymous.goto(f"{live_server.url}/delivery/verify/receipt/{application.number}/")
    expect(anonymous.locator("h2.verify-valid")).to_be_visible()
    anonymous.set_input_files("[name='document']", str(pdf))
    anonymous.click("form.status-form button[type=submit]")
    expect(anonymous.locator("h2.verify-valid")).to_be_visible()
    anonymous.context.close()


def test_issue_13_7_declined_on_the_gateway_the_draft_is_back_with_its_file(
    browser_page: Any, live_server: Any, tmp_path: Any
) -> None:
    world = _world()
    make_paid(world)
    page = browser_page
    browser_sign_in(page, live_server.url, world.recipient.username)
    page.goto(f"{live_server.url}/delivery/apply/{world.service.code}/one-page/")
    scan = tmp_path / "medical-086.pdf"
    scan.write_bytes(pdf_bytes("086"))
    med = _fill_bad(page, world, scan)
    page.fill("[name='data.spouse_iin']", SPOUSE_IIN)
    page.fill("[name='data.ceremony_date']", (dt.date.today() + dt.timedelta(days=40)).isoformat())
    page.fill("[name='data.duty_paid']", "3692")
    page.click("form.apply-form button[type=submit]")
    page.wait_for_selector("form.payment-form")
    page.click("form.payment-form button.decline")
    page.wait_for_selector("form.apply-form")
    assert page.input_value("[name='data.spouse_iin']") == SPOUSE_IIN
    assert "medical-086.pdf" in page.inner_text(f"#attached-doc{med}")
    assert Payment.objects.get().status == PaymentStatus.FAILED
    assert not Application.objects.exists()
