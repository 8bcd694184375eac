"""The complaint page in the browser (issue 13.10): a refused answer keeps the chosen outcome
and writes nothing, the answer goes in the complainant's language, the answer and extension
letters are linked from the page, and the recommendation form is offered only where Law 25.3.2
allows a recommendation."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.complaints import services
from qyzmet.complaints.enums import ComplaintAddressee, ComplaintChannel, ComplaintStatus, ExtensionGround
from qyzmet.complaints.models import Complaint
from qyzmet.complaints.tests.factories import complaint_make, inspector, officer
from qyzmet.core.models import AuditLog
from qyzmet.notify.models import OutboxMessage
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, RecipientFactory

pytestmark = pytest.mark.django_db


def _selected_outcome(html: str) -> list[str]:
    select = re.search(r'<select name="outcome".*?</select>', html, re.S)
    assert select is not None
    return re.findall(r'<option value="([^"]*)"[^>]*\bselected\b', select.group(0))


def test_law_25_refused_answer_keeps_the_outcome_and_the_letter_agrees_after_resubmit(
    client: Client,
) -> None:
    body = OrganisationFactory.create()
    complaint = complaint_make(provider=body, channel=ComplaintChannel.PAPER, language="ru")
    client.force_login(officer(body))
    page = reverse("complaints:detail", args=[complaint.number])
    assert _selected_outcome(client.get(page).content.decode()) == [""]  # no outcome preselected
    audit_rows = AuditLog.objects.count()

    resp = client.post(
        reverse("complaints:answer", args=[complaint.number]),
        {"outcome": "rejected", "answer_text": "  "},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert resp.status_code == 400
    html = resp.content.decode()
    assert _selected_outcome(html) == ["rejected"]
    assert "Напишите мотивированный ответ" in html  # on the field, in the user's language
    assert 'id="id_answer_text-error"' in html
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.REGISTERED and complaint.outcome == ""
    assert AuditLog.objects.count() == audit_rows  # nothing written

    resp = client.post(
        reverse("complaints:answer", args=[complaint.number]),
        {
            "outcome": "rejected",
            "answer_text": "Нарушений не установлено: услуга оказана в срок.",
            "confirmed": "1",
        },
    )
    assert resp.status_code == 302
    complaint.refresh_from_db()
    assert complaint.outcome == "rejected"
    _, body_text = services.answer_texts(complaint)
    assert "оставлена без удовлетворения" in body_text["ru"]
    assert "удовлетворена." not in body_text["ru"]
    pdf = client.get(reverse("complaints:answer-pdf", args=[complaint.number]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_law_25_answer_without_an_outcome_is_refused_on_the_outcome_field(client: Client) -> None:
    body = OrganisationFactory.create()
    complaint = complaint_make(provider=body)
    client.force_login(officer(body))
    resp = client.post(
        reverse("complaints:answer", args=[complaint.number]),
        {"outcome": "", "answer_text": "Жауап мәтіні."},
        HTTP_ACCEPT_LANGUAGE="kk",
    )
    assert resp.status_code == 400
    html = resp.content.decode()
    assert 'id="id_outcome-error"' in html and "Қарау нәтижесін таңдаңыз" in html
    assert "Жауап мәтіні." in html  # what was typed is kept
    assert Complaint.objects.get().status == ComplaintStatus.REGISTERED


def test_law_25_4_refused_extension_keeps_what_was_typed(client: Client) -> None:
    body = OrganisationFactory.create()
    complaint = complaint_make(provider=body)
    client.force_login(officer(body))
    resp = client.post(
        reverse("complaints:extend", args=[complaint.number]),
        {"ground": ExtensionGround.ON_SITE_CHECK, "working_days": 11, "reasons": "Выезд на место."},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert resp.status_code == 400
    html = resp.content.decode()
    assert "25.4" in html and "Выезд на место." in html and 'value="11"' in html
    assert not hasattr(Complaint.objects.get(), "extension")


def test_law_25_answer_goes_in_the_complainants_language(client: Client) -> None:
    """The officer works in Kazakh; the complainant wrote in Russian: the message and the
    letter are in Russian, and the answer form tells the officer so."""
    body = OrganisationFactory.create()
    citizen = RecipientFactory.create(email="ru.citizen@example.kz")
    complaint = complaint_make(
        provider=body, complainant=citizen, language="ru", complainant_email=citizen.email
    )
    client.force_login(officer(body))
    html = client.get(
        reverse("complaints:detail", args=[complaint.number]), HTTP_ACCEPT_LANGUAGE="kk"
    ).content.decode()
    assert "Russian" in html or "Орыс" in html or "орыс" in html
    client.post(
        reverse("complaints:answer", args=[complaint.number]),
        {"outcome": "partly_satisfied", "answer_text": "Справка переоформлена.", "confirmed": "1"},
        HTTP_ACCEPT_LANGUAGE="kk",
    )
    message = OutboxMessage.objects.get(kind="complaint_answer")
    assert message.language == "ru"
    assert message.body.startswith(f"Ваша жалоба {complaint.number} удовлетворена частично")
    complaint.refresh_from_db()
    subject, _ = services.answer_texts(complaint)
    assert subject["ru"] == f"Ответ на жалобу {complaint.number}"


def test_law_25_4_answer_and_extension_letters_are_linked_from_the_complaint_page(client: Client) -> None:
    body = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    citizen = RecipientFactory.create()
    reviewer = officer(body)
    for channel in (ComplaintChannel.ELECTRONIC, ComplaintChannel.PAPER):
        complaint = complaint_make(
            provider=body, complainant=citizen, channel=channel, registered_on=dt.date(2026, 11, 23)
        )
        page = reverse("complaints:detail", args=[complaint.number])
        extension_pdf = reverse("complaints:extension-pdf", args=[complaint.number])
        answer_pdf = reverse("complaints:answer-pdf", args=[complaint.number])
        client.force_login(reviewer)
        html = client.get(page).content.decode()
        assert extension_pdf not in html and answer_pdf not in html
        services.complaint_extend(
            complaint=complaint,
            actor=reviewer,
            ground=ExtensionGround.MORE_INFORMATION,
            reasons="Сұрау жіберілді.",
            working_days=5,
        )
        complaint.refresh_from_db()
        services.complaint_answer(
            complaint=complaint, actor=reviewer, outcome="satisfied", answer_text="Қызмет көрсетілді."
        )
        for viewer in (reviewer, citizen):
            client.force_login(viewer)
            html = client.get(page).content.decode()
            assert f'href="{extension_pdf}"' in html and f'href="{answer_pdf}"' in html
            for link in (extension_pdf, answer_pdf):
                resp = client.get(link)
                assert resp.status_code == 200 and resp.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("kind", "role", "offered"),
    [
        (OrganisationKind.CENTRAL_STATE_BODY, StaffRole.PROVIDER_OFFICER, True),
        (OrganisationKind.STATE_CORPORATION_BRANCH, StaffRole.STATE_CORPORATION_OPERATOR, False),
    ],
)
def test_law_25_3_2_recommendation_form_only_where_the_law_allows_one(
    client: Client, kind: str, role: str, offered: bool
) -> None:
    body = OrganisationFactory.create(kind=kind)
    to_authority = complaint_make(provider=body, addressee=ComplaintAddressee.QUALITY_AUTHORITY)
    to_body = complaint_make(provider=body)
    officer(body, "body.officer", role=role)
    client.force_login(inspector())
    html = client.get(reverse("complaints:detail", args=[to_authority.number])).content.decode()
    recommend = reverse("complaints:recommend", args=[to_authority.number])
    assert (recommend in html) is offered
    assert reverse("complaints:study", args=[to_authority.number]) in html  # Law 25.3.1: always
    # to the body itself: no quality-authority forms at all (and the inspector cannot act)
    html = client.get(reverse("complaints:detail", args=[to_body.number])).content.decode()
    assert reverse("complaints:recommend", args=[to_body.number]) not in html


def test_law_25_complaint_language_is_one_the_answer_can_be_written_in() -> None:
    """A recipient whose interface is English files a complaint: its language (and so the answer
    and the letter) is Kazakh, the language the page then names, not an untranslatable "en"."""
    body = OrganisationFactory.create()
    citizen = RecipientFactory.create(preferred_language="en")
    complaint = services.complaint_file(
        actor=citizen,
        subject="decision",
        addressee=ComplaintAddressee.PROVIDER,
        provider=body,
        text="Complaint.",
        phone="+77011234567",
    )
    assert complaint.language == "kk"
    services.complaint_answer(
        complaint=complaint, actor=officer(body), outcome="satisfied", answer_text="Қызмет көрсетілді."
    )
    message = OutboxMessage.objects.get(kind="complaint_answer")
    assert message.language == "kk" and message.body.startswith(f"{complaint.number} шағымыңыз")
