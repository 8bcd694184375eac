"""Issue 20.4 on the web: the cabinet's complaint form and the staff's paper registration form
carry one key per form shown (a hidden ``submission``), passed to the service as its
idempotency key: the same form sent twice (a double click, a browser resubmit) files one
complaint, with one registration row and no second message, and the second request lands on
that complaint's page; a new form (a new key) files another; a refused form keeps its key and
what was typed and writes nothing; the key is the filer's own (another person sending the same
key files their own complaint, never lands on someone else's); a form sent again under its key
after it was changed files nothing and says why, with a new key to file it as another one."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.complaints.enums import ComplaintChannel, ComplaintSource
from qyzmet.complaints.models import Complaint
from qyzmet.complaints.tests.factories import officer
from qyzmet.core.models import AuditLog, User
from qyzmet.notify.models import OutboxMessage
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.tests.factories import OrganisationFactory, RecipientFactory

pytestmark = pytest.mark.django_db
FILE = reverse("complaints:file")
REGISTER = reverse("complaints:register")


def _written() -> tuple[int, int, int]:
    """What a filing writes: complaints, their registration audit rows, outbox messages."""
    return (
        Complaint.objects.count(),
        AuditLog.objects.filter(action="complaint.register").count(),
        OutboxMessage.objects.count(),
    )


def _key_of(resp: Any) -> str:
    """The key the page's form carries, checked to be rendered in the page as a hidden field."""
    key = str(resp.context["form"]["submission"].value() or "")
    assert key and f'<input type="hidden" name="submission" value="{key}"' in resp.content.decode()
    return key


def _typed(body: Organisation, citizen: User, **changed: str) -> dict[str, str]:
    return {
        "provider": body.code,
        "subject": "officer_action",
        "addressee": "provider",
        "text": "Маман құжаттарды себепсіз қабылдамады.",
        "phone": citizen.phone,
        "language": "kk",
        **changed,
    }


def _detail(complaint: Complaint) -> str:
    return reverse("complaints:detail", args=[complaint.number])


def test_ops_20_4_the_cabinet_complaint_form_sent_twice_files_one_complaint(client: Client) -> None:
    body = OrganisationFactory.create()
    citizen = RecipientFactory.create()
    client.force_login(citizen)
    key = _key_of(client.get(FILE, follow=True))
    posted = {**_typed(body, citizen), "submission": key}
    first = client.post(FILE, posted)
    assert first.status_code == 302
    written = _written()
    assert written[:2] == (1, 1)
    second = client.post(FILE, posted)  # the double click, the browser's resubmit
    complaint = Complaint.objects.get()
    assert first["Location"] == second["Location"] == _detail(complaint)
    assert _written() == written  # no second complaint, registration row or message
    assert (complaint.complainant, complaint.registered_by, complaint.source) == (
        citizen,
        citizen,
        ComplaintSource.CABINET,
    )
    assert complaint.idempotency_key == f"cabinet:{key}"
    page = client.get(second["Location"])
    assert page.status_code == 200 and complaint.number in page.content.decode()

    # A new form is a new key: the same words sent with it are another complaint.
    fresh = _key_of(client.get(FILE, follow=True))
    assert fresh != key
    third = client.post(FILE, {**_typed(body, citizen), "submission": fresh})
    assert third.status_code == 302 and third["Location"] != first["Location"]
    assert Complaint.objects.count() == 2


@pytest.mark.parametrize(
    ("wrong", "field"),
    [
        ({"text": " "}, "text"),  # refused by the form
        ({"application_number": "NO-SUCH-1"}, "application_number"),  # refused by the service
    ],
)
def test_ops_20_4_a_refused_cabinet_form_keeps_its_key_and_what_was_typed_and_writes_nothing(
    client: Client, wrong: dict[str, str], field: str
) -> None:
    body = OrganisationFactory.create()
    citizen = RecipientFactory.create()
    client.force_login(citizen)
    key = _key_of(client.get(FILE, follow=True))
    before = _written()
    resp = client.post(FILE, {**_typed(body, citizen, email="me@example.kz"), **wrong, "submission": key})
    assert resp.status_code == 400
    assert field in resp.context["form"].errors
    assert _key_of(resp) == key  # the corrected form is the same filing
    assert 'value="me@example.kz"' in resp.content.decode()
    assert _written() == before
    corrected = {**_typed(body, citizen, email="me@example.kz"), "submission": key}
    assert client.post(FILE, corrected).status_code == 302
    assert client.post(FILE, corrected).status_code == 302
    assert Complaint.objects.get().idempotency_key == f"cabinet:{key}"


def test_ops_20_4_the_cabinet_form_sent_again_changed_files_nothing_and_offers_a_new_key(
    client: Client,
) -> None:
    """Back to the sent form, a word changed, sent again: not taken for the first one (it says
    something else) nor filed silently; what was typed is kept, with a new key."""
    body = OrganisationFactory.create()
    citizen = RecipientFactory.create()
    client.force_login(citizen)
    key = _key_of(client.get(FILE, follow=True))
    client.post(FILE, {**_typed(body, citizen), "submission": key})
    written = _written()
    changed = {**_typed(body, citizen, text="Маман мүлдем қабылдамады."), "submission": key}
    resp = client.post(FILE, changed, HTTP_ACCEPT_LANGUAGE="en")
    assert resp.status_code == 400
    assert _written() == written
    html = resp.content.decode()
    assert "This form was already sent and your complaint is registered" in html
    assert "Маман мүлдем қабылдамады." in html
    said = {
        lang: client.post(FILE, changed, HTTP_ACCEPT_LANGUAGE=lang).content.decode() for lang in ("kk", "ru")
    }
    assert "Бұл нысан бұрын жіберілген, шағымыңыз тіркелді" in said["kk"]
    assert "Эта форма уже отправлена, ваша жалоба зарегистрирована" in said["ru"]
    assert _written() == written
    renewed = _key_of(resp)
    assert renewed != key
    again = client.post(FILE, {**changed, "submission": renewed})
    assert again.status_code == 302
    assert Complaint.objects.count() == 2
    assert Complaint.objects.get(idempotency_key=f"cabinet:{renewed}").text == "Маман мүлдем қабылдамады."


def test_ops_20_4_the_cabinet_form_s_key_is_the_filer_s_own(client: Client) -> None:
    """Another person sending the same key files their own complaint, never lands on another's."""
    body = OrganisationFactory.create()
    one, other = RecipientFactory.create(), RecipientFactory.create()
    client.force_login(one)
    key = _key_of(client.get(FILE, follow=True))
    mine = client.post(FILE, {**_typed(body, one), "submission": key})
    client.force_login(other)
    theirs = client.post(FILE, {**_typed(body, other), "submission": key})
    assert theirs.status_code == 302 and theirs["Location"] != mine["Location"]
    assert Complaint.objects.get(registered_by=other).complainant == other
    assert Complaint.objects.count() == 2


def test_ops_20_4_the_cabinet_form_without_a_key_files_as_before(client: Client) -> None:
    """A form sent without its hidden key (a page of an older release) is still filed."""
    body = OrganisationFactory.create()
    citizen = RecipientFactory.create()
    client.force_login(citizen)
    assert client.post(FILE, _typed(body, citizen)).status_code == 302
    assert client.post(FILE, _typed(body, citizen)).status_code == 302
    assert Complaint.objects.filter(idempotency_key="").count() == 2


def _paper(body: Organisation, **changed: str) -> dict[str, str]:
    return {
        "reviewing_body": body.code,
        "provider": body.code,
        "subject": "standard_noncompliance",
        "addressee": "provider",
        "complainant_name": "Петров Пётр",
        "complainant_iin": RecipientFactory.create().iin,
        "complainant_address": "г. Кокшетау, ул. Абая, 5",
        "language": "ru",
        "text": "Нарушен срок оказания услуги.",
        **changed,
    }


def test_ops_20_4_the_paper_registration_form_sent_twice_registers_one_complaint(client: Client) -> None:
    body = OrganisationFactory.create()
    clerk = officer(body)
    client.force_login(clerk)
    key = _key_of(client.get(REGISTER, follow=True))
    posted = {**_paper(body), "submission": key}
    first = client.post(REGISTER, posted)
    assert first.status_code == 302
    written = _written()
    assert written[:2] == (1, 1)
    second = client.post(REGISTER, posted)
    complaint = Complaint.objects.get()
    assert first["Location"] == second["Location"] == _detail(complaint)
    assert _written() == written
    assert (complaint.channel, complaint.registered_by, complaint.idempotency_key) == (
        ComplaintChannel.PAPER,
        clerk,
        f"paper:{key}",
    )
    # Another letter, another form: another complaint.
    fresh = _key_of(client.get(REGISTER, follow=True))
    assert fresh != key
    assert client.post(REGISTER, {**posted, "submission": fresh}).status_code == 302
    assert Complaint.objects.count() == 2


def test_ops_20_4_a_refused_paper_registration_keeps_its_key_and_what_was_typed_and_writes_nothing(
    client: Client,
) -> None:
    body = OrganisationFactory.create()
    client.force_login(officer(body))
    key = _key_of(client.get(REGISTER, follow=True))
    typed = _paper(body)
    before = _written()
    resp = client.post(REGISTER, {**typed, "complainant_iin": "12", "submission": key})
    assert resp.status_code == 400 and "complainant_iin" in resp.context["form"].errors
    assert _key_of(resp) == key
    assert "Петров Пётр" in resp.content.decode()
    assert _written() == before
    assert client.post(REGISTER, {**typed, "submission": key}).status_code == 302
    assert client.post(REGISTER, {**typed, "submission": key}).status_code == 302
    assert Complaint.objects.count() == 1


def test_ops_20_4_the_paper_form_sent_again_changed_registers_nothing_and_offers_a_new_key(
    client: Client,
) -> None:
    body = OrganisationFactory.create()
    client.force_login(officer(body))
    key = _key_of(client.get(REGISTER, follow=True))
    typed = _paper(body)
    client.post(REGISTER, {**typed, "submission": key})
    written = _written()
    resp = client.post(
        REGISTER, {**typed, "complainant_name": "Иванов Иван", "submission": key}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert resp.status_code == 400 and _written() == written
    assert "This form was already sent and the complaint is registered" in resp.content.decode()
    ru = client.post(
        REGISTER, {**typed, "complainant_name": "Иванов Иван", "submission": key}, HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert "Эта форма уже отправлена, жалоба зарегистрирована" in ru.content.decode()
    assert "Иванов Иван" in resp.content.decode()
    assert _key_of(resp) != key


def test_ops_20_4_staff_of_another_body_are_refused_with_a_key_too(client: Client) -> None:
    """The key changes nothing of who may register: staff of a body that did not receive the
    letter are refused before anything is looked up or written."""
    body = OrganisationFactory.create()
    client.force_login(officer(body))
    posted = {**_paper(body), "submission": _key_of(client.get(REGISTER, follow=True))}
    assert client.post(REGISTER, posted).status_code == 302
    written = _written()
    client.force_login(officer(OrganisationFactory.create(), username="stranger"))
    resp = client.post(REGISTER, posted)
    assert resp.status_code == 400 and "reviewing_body" in resp.context["form"].errors
    assert _written() == written


def test_ops_20_4_both_complaint_forms_ignore_a_second_click_of_their_button(client: Client) -> None:
    """Tester's finding (stop 30): a double click sent two requests; the filing stayed one but
    the second could end on an error page. GOV.UK Frontend's button ignores a second click."""
    body = OrganisationFactory.create()
    client.force_login(RecipientFactory.create())
    button = 'data-module="govuk-button" data-prevent-double-click="true"'
    assert button in client.get(FILE, follow=True).content.decode()
    client.force_login(officer(body))
    assert button in client.get(REGISTER, follow=True).content.decode()


def _opened(client: Client, url: str, **query: str) -> str:
    """The form opened anew: its page is the same address with a new key (``?submission=``),
    the address Back comes to again; returns that address."""
    resp = client.get(url, query)
    assert resp.status_code == 302
    location = str(resp["Location"])
    assert location.startswith(f"{url}?") and "submission=" in location
    return location


def test_ops_20_4_back_and_resend_of_the_cabinet_complaint_files_once(client: Client) -> None:
    """Tester's finding: filed, Back, sent again unchanged filed a second complaint (Back
    fetched the no-store form again with a new key). The key is in the form's address now:
    Back shows the same key, says the form was sent, and sending again lands on the complaint."""
    body = OrganisationFactory.create()
    citizen = RecipientFactory.create()
    client.force_login(citizen)
    form_url = _opened(client, FILE)
    key = _key_of(client.get(form_url))
    typed = _typed(body, citizen)
    first = client.post(form_url, {**typed, "submission": key})
    assert first.status_code == 302
    complaint = Complaint.objects.get()
    written = _written()

    back = client.get(form_url, HTTP_ACCEPT_LANGUAGE="en")  # Back: the browser fetches it again
    assert back.status_code == 200 and _key_of(back) == key
    html = back.content.decode()
    assert f"This form was already sent: complaint {complaint.number} is registered." in html
    assert f'href="{_detail(complaint)}"' in html and f'href="{FILE}"' in html
    resent = client.post(form_url, {**typed, "submission": _key_of(back)})
    assert resent.status_code == 302 and resent["Location"] == first["Location"] == _detail(complaint)
    assert _written() == written  # one complaint, one registration row, no second message

    # Back, a word changed, sent again: refused as before (nothing filed), with a new key.
    changed = client.post(form_url, {**typed, "text": "Басқа мәтін.", "submission": key})
    assert changed.status_code == 400 and _key_of(changed) != key
    assert _written() == written

    # Opened anew (a link, the menu): a new form, a new key, another complaint.
    again = _opened(client, FILE)
    assert again != form_url and _key_of(client.get(again)) != key
    assert "already sent" not in client.get(again, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_ops_20_4_back_and_resend_of_the_paper_complaint_registers_once(client: Client) -> None:
    body = OrganisationFactory.create()
    client.force_login(officer(body))
    form_url = _opened(client, REGISTER)
    key = _key_of(client.get(form_url))
    typed = _paper(body)
    first = client.post(form_url, {**typed, "submission": key})
    assert first.status_code == 302
    complaint = Complaint.objects.get()
    written = _written()
    back = client.get(form_url, HTTP_ACCEPT_LANGUAGE="ru")
    assert _key_of(back) == key
    assert f"Эта форма уже отправлена: жалоба {complaint.number} зарегистрирована." in back.content.decode()
    resent = client.post(form_url, {**typed, "submission": key})
    assert resent["Location"] == first["Location"] == _detail(complaint)
    assert _written() == written
    changed = client.post(form_url, {**typed, "complainant_name": "Иванов Иван", "submission": key})
    assert changed.status_code == 400 and _key_of(changed) != key and _written() == written
    assert _opened(client, REGISTER) != form_url


def test_ops_20_4_the_form_s_address_keeps_what_it_was_opened_with_and_ignores_a_junk_key(
    client: Client,
) -> None:
    """The key is added to the address the form was opened with (the application it is about);
    a key of the wrong shape in the address is replaced by a new one."""
    citizen = RecipientFactory.create()
    client.force_login(citizen)
    location = _opened(client, FILE, application="KZ-1")
    assert "application=KZ-1" in location
    junk = _opened(client, FILE, submission="../../etc")
    assert "etc" not in junk
    key = _key_of(client.get(junk))
    assert len(key) == 32 and f"submission={key}" in junk


def test_ops_20_4_the_paper_form_hands_no_key_to_who_may_not_register(client: Client) -> None:
    """Who: a recipient (not staff of a body) is refused the paper form before any key is
    handed out (no redirect to a keyed address)."""
    client.force_login(RecipientFactory.create())
    assert client.get(REGISTER).status_code == 403
