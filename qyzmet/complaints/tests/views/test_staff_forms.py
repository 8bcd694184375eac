"""Issue 14.3 on the complaint staff forms: an error keeps every value typed and is said once
(next to its field and in the error summary, no banner); the service is picked from the
register by code and name in the page's language; the answer (final, Law 25) is confirmed
before anything is written, with or without JavaScript."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.complaints.enums import ComplaintChannel, ComplaintStatus, ExtensionGround
from qyzmet.complaints.models import Complaint, ComplaintExtension, Recommendation
from qyzmet.complaints.tests.factories import complaint_make, officer
from qyzmet.core.models import AuditLog
from qyzmet.notify.models import OutboxMessage
from qyzmet.orgs.tests.factories import OrganisationFactory, RecipientFactory
from qyzmet.registry.tests.factories import BareServiceFactory

pytestmark = pytest.mark.django_db


def test_law_25_answer_is_asked_to_be_confirmed_and_nothing_is_written_before(client: Client) -> None:
    body = OrganisationFactory.create()
    complaint = complaint_make(provider=body, channel=ComplaintChannel.PAPER, language="ru")
    client.force_login(officer(body))
    audit_rows, outbox_rows = AuditLog.objects.count(), OutboxMessage.objects.count()
    typed = {"outcome": "rejected", "answer_text": "Нарушений не установлено."}

    resp = client.post(
        reverse("complaints:answer", args=[complaint.number]), typed, HTTP_ACCEPT_LANGUAGE="ru"
    )

    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Вы уверены?" in html
    # the Confirm button posts the same values again, confirmed
    assert 'name="outcome" value="rejected"' in html
    assert 'name="answer_text" value="Нарушений не установлено."' in html
    assert 'name="confirmed" value="1"' in html
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.REGISTERED and complaint.answered_on is None
    assert (AuditLog.objects.count(), OutboxMessage.objects.count()) == (audit_rows, outbox_rows)

    resp = client.post(reverse("complaints:answer", args=[complaint.number]), {**typed, "confirmed": "1"})
    assert resp.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ANSWERED and complaint.outcome == "rejected"


def test_law_25_answer_the_service_refuses_is_not_asked_to_be_confirmed(client: Client) -> None:
    """The confirmation is asked only of an answer that can be given: an empty one is refused
    on its field straight away, the outcome kept, the error said once."""
    body = OrganisationFactory.create()
    complaint = complaint_make(provider=body)
    client.force_login(officer(body))
    resp = client.post(
        reverse("complaints:answer", args=[complaint.number]),
        {"outcome": "satisfied", "answer_text": " "},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert resp.status_code == 400
    html = resp.content.decode()
    assert "Вы уверены?" not in html
    assert 'class="govuk-error-summary"' in html and 'href="#id_answer_text"' in html
    # once in the summary, once beside the field: no banner of messages repeats it
    assert html.count("Напишите мотивированный ответ") == 2
    assert 'class="messages"' not in html


def test_law_25_4_refused_extension_keeps_values_and_says_the_error_once(client: Client) -> None:
    body = OrganisationFactory.create()
    complaint = complaint_make(provider=body)
    client.force_login(officer(body))
    resp = client.post(
        reverse("complaints:extend", args=[complaint.number]),
        {"ground": ExtensionGround.ON_SITE_CHECK, "working_days": "abc", "reasons": "Выезд на место."},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert resp.status_code == 400
    html = resp.content.decode()
    assert "Выезд на место." in html and 'value="abc"' in html
    assert f'<option value="{ExtensionGround.ON_SITE_CHECK}" selected>' in html
    assert html.count("Введите целое число.") == 2  # summary and field
    assert 'href="#id_working_days"' in html
    assert not ComplaintExtension.objects.exists()


def test_law_25_3_refused_recommendation_keeps_the_text_and_writes_nothing(client: Client) -> None:
    from qyzmet.complaints.tests.factories import inspector, quality_authority
    from qyzmet.orgs.enums import OrganisationKind

    body = OrganisationFactory.create(kind=OrganisationKind.OBLAST_AKIMAT)
    complaint = complaint_make(provider=body, addressee="quality_authority")
    quality_authority()
    client.force_login(inspector())
    resp = client.post(
        reverse("complaints:recommend", args=[complaint.number]),
        {"text": "Восстановить срок.", "due_on": "31.02.2026"},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert resp.status_code == 400
    html = resp.content.decode()
    assert "Восстановить срок." in html and 'value="31.02.2026"' in html
    assert 'href="#recommendation_due_on"' in html
    assert not Recommendation.objects.exists()


def test_paper_complaint_service_is_picked_by_code_and_name_in_the_page_language(client: Client) -> None:
    body = OrganisationFactory.create()
    service = BareServiceFactory.create(code="70100001", name_kk="Неке тіркеу", name_ru="Регистрация брака")
    client.force_login(officer(body))
    html = client.get(reverse("complaints:register"), HTTP_ACCEPT_LANGUAGE="ru", follow=True).content.decode()
    assert '<select name="service_code"' in html and "data-picker" in html
    assert f'<option value="{service.code}">70100001 — Регистрация брака</option>' in html
    assert "core/pickers.js" in html

    typed = {
        "reviewing_body": body.code,
        "provider": body.code,
        "subject": "standard_noncompliance",
        "addressee": "provider",
        "complainant_name": "Петров Пётр",
        "complainant_iin": "12",  # wrong: refused, everything else kept
        "complainant_address": "г. Кокшетау, ул. Абая, 5",
        "language": "ru",
        "service_code": service.code,
        "text": "Нарушен срок оказания услуги.",
    }
    resp = client.post(reverse("complaints:register"), typed, HTTP_ACCEPT_LANGUAGE="ru")
    assert resp.status_code == 400
    html = resp.content.decode()
    assert f'<option value="{service.code}" selected>' in html
    assert "Петров Пётр" in html and "Нарушен срок оказания услуги." in html
    assert not Complaint.objects.exists()

    resp = client.post(
        reverse("complaints:register"), {**typed, "complainant_iin": RecipientFactory.create().iin}
    )
    assert resp.status_code == 302, resp.context["form"].errors
    assert Complaint.objects.get().service_code == service.code
