"""ADR 0025, issue 14.1 and 14.3: the portal application as question pages over one draft.
Each page saves its answers and scans into the draft and shows only its own problems (Law 19,
20.2, checked by the services); "Check your answers" runs the whole check and sends a problem
to its page; the confirmation says what happens next. Only the draft's owner sees its pages."""

from __future__ import annotations

import datetime as dt
import html as html_text
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from qyzmet.delivery.models import Application, ApplicationDraft
from qyzmet.delivery.tests.factories import World, pdf_bytes
from qyzmet.delivery.tests.paid import make_paid
from qyzmet.delivery.tests.views.test_apply_form import SPOUSE_IIN, _medical
from qyzmet.delivery.tests.views.test_apply_form import world as form_world  # noqa: F401
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.tests.factories import OrganisationFactory, RecipientFactory
from qyzmet.payments.models import Payment
from qyzmet.registry.services import service_providers_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(form_world: World) -> World:  # noqa: F811
    """The form of test_apply_form, delivered by two district akimats (so one must be chosen)."""
    form_world.service.provider_kinds = [OrganisationKind.DISTRICT_AKIMAT]
    form_world.service.save(update_fields=["provider_kinds"])
    other = OrganisationFactory.create(kind=OrganisationKind.DISTRICT_AKIMAT, region="turkistan")
    service_providers_set(actor=None, service=form_world.service, organisations=[form_world.provider, other])
    return form_world


def _start(client: Client, world: World) -> ApplicationDraft:
    client.force_login(world.recipient)
    resp = client.post(reverse("delivery:apply", args=[world.service.code]))
    assert resp.status_code == 302
    draft = ApplicationDraft.objects.get(owner=world.recipient, closed_at__isnull=True)
    assert resp["Location"] == _step(world, draft, "applicant")
    return draft


def _step(world: World, draft: ApplicationDraft, step: str) -> str:
    return reverse("delivery:apply-step", args=[world.service.code, draft.key, step])


def _check(world: World, draft: ApplicationDraft) -> str:
    return reverse("delivery:apply-check", args=[world.service.code, draft.key])


def _details() -> dict[str, str]:
    return {
        "data.full_name": "Әлия Серікқызы",
        "data.birth_date": "1985-01-01",
        "data.spouse_iin": SPOUSE_IIN,
        "data.ceremony_date": (dt.date.today() + dt.timedelta(days=40)).isoformat(),
        "data.duty_paid": "3692",
    }


def _documents(world: World) -> dict[str, Any]:
    med = _medical(world)
    today = dt.date.today()
    return {
        f"doc{med.pk}_number": "086-17",
        f"doc{med.pk}_issued_on": (today - dt.timedelta(days=5)).isoformat(),
        f"doc{med.pk}_valid_until": (today + dt.timedelta(days=100)).isoformat(),
    }


def _walk(client: Client, world: World, draft: ApplicationDraft) -> None:
    """Every page answered well, in order; each goes on to the next."""
    for step, post, following in (
        ("applicant", {"provider": str(world.provider.pk)}, "details"),
        ("details", _details(), "documents"),
        ("documents", _documents(world), "consent"),
        ("consent", {"consent_method": "e_signature", "notify_sms": "on"}, None),
    ):
        resp = client.post(_step(world, draft, step), post)
        assert resp.status_code == 302, (step, resp.content.decode()[:3000])
        assert resp["Location"] == (_step(world, draft, following) if following else _check(world, draft))


def test_adr_0025_the_start_page_writes_nothing_and_start_now_resumes_the_open_draft(
    client: Client, world: World
) -> None:
    client.force_login(world.recipient)
    start = client.get(reverse("delivery:apply", args=[world.service.code]))
    assert start.status_code == 200 and "govuk-button--start" in start.content.decode()
    assert not ApplicationDraft.objects.exists()  # a GET writes no row
    draft = _start(client, world)
    assert client.post(reverse("delivery:apply", args=[world.service.code]))["Location"] == _step(
        world, draft, "applicant"
    )
    client.post(_step(world, draft, "applicant"), {"provider": str(world.provider.pk)})
    again = client.get(reverse("delivery:apply", args=[world.service.code]))
    assert again["Location"] == _step(world, draft, "applicant")
    assert ApplicationDraft.objects.count() == 1
    page = client.get(again["Location"]).content.decode()
    assert f'<option value="{world.provider.pk}" selected>' in page
    assert "govuk-caption-m" in page and "govuk-back-link" in page


def test_law_1_4_no_provider_chosen_is_told_on_the_first_page_and_nothing_is_written(
    client: Client, world: World
) -> None:
    client.cookies["qyzmet_language"] = "ru"
    draft = _start(client, world)
    resp = client.post(_step(world, draft, "applicant"), {"provider": ""})
    assert resp.status_code == 400
    form = resp.context["form"]
    assert form.errors["provider"] == ["Выберите организацию, оказывающую услугу."]
    # Only this page's problems: the details, documents and consent are not told here.
    assert set(form.errors) == {"provider"}
    html = resp.content.decode()
    assert 'class="govuk-error-summary"' in html and 'href="#id_provider"' in html
    assert html.count("Выберите организацию, оказывающую услугу.") == 2  # the summary and the field
    assert not Application.objects.exists()


def test_law_19_a_bad_value_on_the_details_page_keeps_every_value_and_writes_no_application(
    client: Client, world: World
) -> None:
    draft = _start(client, world)
    client.post(_step(world, draft, "applicant"), {"provider": str(world.provider.pk)})
    resp = client.post(_step(world, draft, "details"), {**_details(), "data.ceremony_date": "2020-06-01"})
    assert resp.status_code == 400
    form = resp.context["form"]
    assert set(form.errors) == {"data.ceremony_date"}
    html = resp.content.decode()
    assert 'href="#id_data.ceremony_date"' in html
    assert 'value="2020-06-01"' in html and f'value="{SPOUSE_IIN}"' in html
    draft.refresh_from_db()
    assert draft.values["data.ceremony_date"] == "2020-06-01"  # kept in the draft
    assert draft.values["provider"] == str(world.provider.pk)  # the first page's answer too
    assert not Application.objects.exists()


def test_law_19_a_missing_document_is_told_on_its_row_and_an_attached_scan_is_kept(
    client: Client, world: World
) -> None:
    draft = _start(client, world)
    med = _medical(world)
    scan = SimpleUploadedFile("medical-086.pdf", pdf_bytes("086"), content_type="application/pdf")
    resp = client.post(
        _step(world, draft, "documents"),
        {f"doc{med.pk}_issued_on": "", f"doc{med.pk}_file": scan},
    )
    assert resp.status_code == 400
    form = resp.context["form"]
    assert all(name.startswith("doc") for name in form.errors)
    html = resp.content.decode()
    assert "medical-086.pdf" in html and f'id="attached-doc{med.pk}"' in html
    assert draft.files.get().original_name == "medical-086.pdf"
    assert not Application.objects.exists()


def test_adr_0020_a_scan_of_a_wrong_type_is_refused_on_its_row(client: Client, world: World) -> None:
    draft = _start(client, world)
    med = _medical(world)
    bad = SimpleUploadedFile("scan.pdf.html", b"<html><script>x</script></html>", content_type="text/html")
    resp = client.post(_step(world, draft, "documents"), {**_documents(world), f"doc{med.pk}_file": bad})
    assert resp.status_code == 400
    assert resp.context["form"].errors[f"doc{med.pk}_file"]
    assert not draft.files.exists()
    assert 'value="086-17"' in resp.content.decode()


def test_law_20_6_the_consent_question_is_answered_either_way(client: Client, world: World) -> None:
    draft = _start(client, world)
    resp = client.post(_step(world, draft, "consent"), {"notify_sms": "on"})
    assert resp.status_code == 400
    assert set(resp.context["form"].errors) == {"consent_method"}
    assert 'href="#id_consent_method_0"' in resp.content.decode()
    assert client.post(_step(world, draft, "consent"), {"consent_method": "none"}).status_code == 302


def test_adr_0025_check_your_answers_sends_a_remaining_problem_to_its_page(
    client: Client, world: World
) -> None:
    draft = _start(client, world)
    _walk(client, world, draft)
    med = _medical(world)
    values = dict(ApplicationDraft.objects.get(pk=draft.pk).values)
    values.pop(f"doc{med.pk}_number")
    values.pop(f"doc{med.pk}_issued_on")
    values.pop(f"doc{med.pk}_valid_until")
    ApplicationDraft.objects.filter(pk=draft.pk).update(values=values)
    resp = client.get(_check(world, draft))
    assert resp["Location"] == f"{_step(world, draft, 'documents')}?check=1"
    page = client.get(resp["Location"])
    assert f"doc{med.pk}_number" in page.context["form"].errors
    assert 'class="govuk-error-summary"' in page.content.decode()


def test_law_20_2_a_complete_draft_is_checked_submitted_and_confirmed(client: Client, world: World) -> None:
    draft = _start(client, world)
    _walk(client, world, draft)
    check = client.get(_check(world, draft))
    assert check.status_code == 200
    html = check.content.decode()
    assert "govuk-summary-list" in html
    for step in ("applicant", "details", "documents", "consent"):
        assert f'href="{_step(world, draft, step)}?change=1' in html  # a "Change" link per page
    assert "Әлия Серікқызы" in html and "086-17" in html
    resp = client.post(_check(world, draft))
    application = Application.objects.get()
    assert resp["Location"] == reverse("delivery:apply-confirmation", args=[application.number])
    assert application.provider == world.provider and application.consent_method == "e_signature"
    assert application.notify_sms and not application.notify_email
    page = client.get(resp["Location"]).content.decode()
    assert "govuk-panel--confirmation" in page and application.number in page
    assert application.due_on.strftime("%d.%m.%Y") in page
    assert reverse("delivery:receipt", args=[application.number]) in page
    assert reverse("delivery:detail", args=[application.number]) in page
    # A second click is the same application.
    assert client.post(_check(world, draft))["Location"] == resp["Location"]
    assert Application.objects.count() == 1


def test_law_20_6_no_consent_is_recorded_as_none(client: Client, world: World) -> None:
    draft = _start(client, world)
    _walk(client, world, draft)
    client.post(_step(world, draft, "consent"), {"consent_method": "none"})
    client.post(_check(world, draft))
    assert Application.objects.get().consent_method == ""


def test_adr_0025_another_user_gets_404_on_every_page_of_the_draft_and_the_confirmation(
    client: Client, world: World
) -> None:
    draft = _start(client, world)
    _walk(client, world, draft)
    client.post(_check(world, draft))
    number = Application.objects.get().number
    fresh = _start(client, world)
    client.force_login(RecipientFactory.create())
    for url in [_step(world, fresh, s) for s in ("applicant", "details", "documents", "consent")] + [
        _check(world, fresh),
        reverse("delivery:apply-confirmation", args=[number]),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(_step(world, fresh, "details"), _details()).status_code == 404
    assert client.post(_check(world, fresh)).status_code == 404
    assert Application.objects.count() == 1


def test_adr_0025_a_service_without_form_fields_skips_the_details_page(client: Client, world: World) -> None:
    world.service.versions.get().form_fields.all().delete()
    draft = _start(client, world)
    resp = client.post(_step(world, draft, "applicant"), {"provider": str(world.provider.pk)})
    assert resp["Location"] == _step(world, draft, "documents")
    assert client.get(_step(world, draft, "details")).status_code == 404
    page = client.get(_step(world, draft, "documents"))
    assert (page.context["number"], page.context["total"]) == (2, 4)  # "Step 2 of 4"


def test_law_24_a_paid_service_goes_from_check_your_answers_to_the_gateway_and_comes_back_confirmed(
    client: Client, world: World
) -> None:
    make_paid(world)
    draft = _start(client, world)
    _walk(client, world, draft)
    resp = client.post(_check(world, draft))
    payment = Payment.objects.get()
    assert resp["Location"] == reverse("payments:test-gateway", args=[payment.reference])
    assert not Application.objects.exists()
    back = client.post(resp["Location"], {"action": "pay"})
    assert back["Location"] == reverse("delivery:apply-steps-paid", args=[world.service.code, draft.key])
    application = Application.objects.get()  # submitted by the gateway's notification
    landing = client.get(back["Location"])
    assert landing["Location"] == reverse("delivery:apply-confirmation", args=[application.number])
    assert application.payment_id == payment.pk


class _Browser:
    """The test client walked as a browser walks addresses (the client itself never sees a
    fragment): a form is sent to its action resolved against the page's address, so an empty
    or absent action is the page's address, fragment and all (HTML, form submission); a
    redirect whose Location has no fragment keeps the request's (RFC 9110, 10.2.2). Every
    address gone to is kept in ``addresses``."""

    def __init__(self, client: Client, address: str) -> None:
        self.client = client
        self.address = urljoin("http://testserver/", address)
        self.addresses: list[str] = []
        self.page = self._get()

    def _get(self) -> str:
        parts = urlsplit(self.address)
        resp = self.client.get(f"{parts.path}?{parts.query}" if parts.query else parts.path)
        assert resp.status_code == 200, (self.address, resp.status_code)
        return resp.content.decode()

    def _go(self, resp: Any) -> None:
        """Follow the redirects of ``resp`` as a browser does, to the page they end on."""
        while resp.status_code in (301, 302, 303):
            location = str(resp["Location"])
            fragment = urlsplit(self.address).fragment
            self.address = urljoin(self.address, location)
            if "#" not in location and fragment:
                self.address = f"{self.address}#{fragment}"
            self.addresses.append(self.address)
            parts = urlsplit(self.address)
            resp = self.client.get(f"{parts.path}?{parts.query}" if parts.query else parts.path)
        assert resp.status_code == 200, (self.address, resp.status_code)
        self.page = resp.content.decode()

    def send(self, form_class: str, data: dict[str, str]) -> None:
        """Send the page's form of ``form_class`` with ``data``."""
        tag = re.search(rf'<form\b[^>]*class="{form_class}"[^>]*>', self.page)
        assert tag is not None, form_class
        action = re.search(r'\baction="([^"]*)"', tag.group(0))
        self.address = urljoin(self.address, html_text.unescape(action.group(1)) if action else "")
        self.addresses.append(self.address)
        parts = urlsplit(self.address)
        self._go(self.client.post(f"{parts.path}?{parts.query}" if parts.query else parts.path, data))


def test_adr_0025_a_changed_answer_s_fragment_is_not_carried_to_the_gateway_or_the_confirmation(
    client: Client, world: World
) -> None:
    """Tester's finding: "Change" of the notification e-mail links to its field
    (``#id_notify_email``); changed and sent on, the fragment went along to the payment
    gateway's and the confirmation page's addresses, since each form was sent to its page's
    own address and each redirect kept the fragment. The flow ends on clean addresses."""
    make_paid(world)
    draft = _start(client, world)
    _walk(client, world, draft)
    check = client.get(_check(world, draft)).content.decode()
    change = re.search(r'href="([^"]*notify_email[^"]*)"', check)
    assert change is not None
    browser = _Browser(client, html_text.unescape(change.group(1)))
    assert 'name="return" value="check"' in browser.page and 'id="id_notify_email"' in browser.page
    browser.send(
        "apply-step-form",
        {"consent_method": "e_signature", "notify_sms": "on", "notify_email": "on", "return": "check"},
    )
    assert urlsplit(browser.address).path == _check(world, draft)  # back to "Check your answers"
    browser.send("apply-submit-form", {})
    payment = Payment.objects.get()
    assert urlsplit(browser.address).path == reverse("payments:test-gateway", args=[payment.reference])
    browser.send("payment-form", {"action": "pay"})
    application = Application.objects.get()
    assert application.notify_email  # the changed answer was taken
    assert urlsplit(browser.address).path == reverse("delivery:apply-confirmation", args=[application.number])
    assert browser.addresses and not [a for a in browser.addresses if "#id_notify_email" in a]
    assert not urlsplit(browser.address).fragment  # the confirmation's address is clean


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_issue_14_5_the_question_pages_say_nothing_in_english(
    client: Client, world: World, language: str
) -> None:
    client.cookies["qyzmet_language"] = language
    draft = _start(client, world)
    _walk(client, world, draft)
    pages = [client.get(_step(world, draft, s)) for s in ("applicant", "details", "documents", "consent")]
    pages.append(client.get(_check(world, draft)))
    pages.append(client.get(client.post(_check(world, draft))["Location"]))
    english = ("Continue", "Step ", "Back<", "Check your answers", "Change<", "What happens next", "Yes<")
    for page in pages:
        assert page.status_code == 200
        html = page.content.decode()
        assert [w for w in english if w in html] == [], page.request["PATH_INFO"]


def test_adr_0025_the_one_page_form_is_sent_to_its_own_address_without_a_fragment(world: World) -> None:
    """The one-page form posts to its own path and query (an error summary's ``#id_…`` link
    followed before sending is not carried into the redirects after it, as on the question
    pages)."""
    client = Client()
    client.force_login(world.recipient)
    url = reverse("delivery:apply-one-page", args=[world.service.code]) + "?lang=ru"
    response = client.get(url, follow=True)  # to the address with the form's submission key
    assert response.status_code == 200
    address = response.redirect_chain[-1][0] if response.redirect_chain else url
    assert "submission=" in address
    form = re.search(
        r'<form method="post" action="([^"]*)"[^>]*class="apply-form"', response.content.decode()
    )
    assert form is not None, "the one-page form names its address"
    assert html_text.unescape(form.group(1)) == address


@pytest.mark.parametrize("language,word", [("kk", "Өзгерту"), ("ru", "Изменить")])
def test_issue_14_5_check_your_answers_says_change_in_the_page_s_language_spelt_right(
    client: Client, world: World, language: str, word: str
) -> None:
    """Each row's "Change" reads «Өзгерту» / «Изменить»: the plain msgid picked up Django
    admin's misspelt Kazakh «Өзгетру» (tester's finding); the project's catalogue wins."""
    client.cookies["qyzmet_language"] = language
    draft = _start(client, world)
    _walk(client, world, draft)
    html = client.get(_check(world, draft)).content.decode()
    assert f">{word}<span" in html
    assert "Өзгетру" not in html


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_issue_14_5_check_your_answers_writes_dates_as_the_site_does(
    client: Client, world: World, language: str
) -> None:
    """A date answered (a field of type date, a document's issue date) reads dd.mm.yyyy on "Check your
    answers", as everywhere else, not as the draft keeps it (tester's finding: 2026-11-01)."""
    client.cookies["qyzmet_language"] = language
    draft = _start(client, world)
    _walk(client, world, draft)
    html = client.get(_check(world, draft)).content.decode()
    ceremony = dt.date.fromisoformat(_details()["data.ceremony_date"])  # a field of type date
    issued = dt.date.fromisoformat(_documents(world)[f"doc{_medical(world).pk}_issued_on"])
    for day in (ceremony, issued):
        assert day.strftime("%d.%m.%Y") in html and day.isoformat() not in html
