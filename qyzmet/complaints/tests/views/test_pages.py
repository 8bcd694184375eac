"""Complaint pages: who sees what, workspace ordering with overdue flags, filing and
registration, reviewing actions and letters; no N+1 on list pages."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.complaints import services
from qyzmet.complaints.enums import ComplaintAddressee, ComplaintChannel, ExtensionGround
from qyzmet.complaints.models import Complaint
from qyzmet.complaints.tests.factories import complaint_make, inspector, officer
from qyzmet.orgs.tests.factories import OrganisationFactory, RecipientFactory

D = dt.date
pytestmark = pytest.mark.django_db


def test_workspace_orders_by_due_date_and_flags_overdue(client: Client) -> None:
    body = OrganisationFactory.create()
    late = complaint_make(provider=body, registered_on=D(2020, 1, 6))
    fresh = complaint_make(provider=body, registered_on=D(2030, 1, 8))
    complaint_make(provider=OrganisationFactory.create())  # another body's
    client.force_login(officer(body))
    resp = client.get(reverse("complaints:workspace"))
    assert resp.status_code == 200
    assert [c.number for c in resp.context["complaints"]] == [late.number, fresh.number]
    html = resp.content.decode()
    assert html.index(late.number) < html.index(fresh.number)
    assert re.search(r'class="[^"]*\boverdue\b', html)


def test_recipient_is_sent_to_their_complaints_and_sees_only_them(client: Client) -> None:
    citizen = RecipientFactory.create()
    own = complaint_make(complainant=citizen)
    other = complaint_make()
    client.force_login(citizen)
    assert client.get(reverse("complaints:workspace"))["Location"] == reverse("complaints:mine")
    html = client.get(reverse("complaints:mine")).content.decode()
    assert own.number in html and other.number not in html
    assert client.get(reverse("complaints:detail", args=[own.number])).status_code == 200
    assert client.get(reverse("complaints:detail", args=[other.number])).status_code == 403
    assert client.get(reverse("complaints:statistics")).status_code == 403


def test_inspector_sees_all_bodies_and_statistics_read_only(client: Client) -> None:
    a = complaint_make(provider=OrganisationFactory.create(), registered_on=D(2026, 11, 2))
    b = complaint_make(provider=OrganisationFactory.create(), registered_on=D(2026, 11, 2))
    client.force_login(inspector())
    html = client.get(reverse("complaints:all")).content.decode()
    assert a.number in html and b.number in html
    resp = client.get(reverse("complaints:statistics"), {"start": "2026-11-01", "end": "2026-11-30"})
    assert len(resp.context["rows"]) == 2
    detail = client.get(reverse("complaints:detail", args=[a.number]))
    assert detail.status_code == 200 and detail.context["can_act"] is False
    resp = client.post(
        reverse("complaints:answer", args=[a.number]), {"outcome": "rejected", "answer_text": "x"}
    )
    assert resp.status_code == 403


def test_list_pages_do_not_grow_queries_with_rows(client: Client, django_assert_max_num_queries: Any) -> None:
    body = OrganisationFactory.create()
    user = officer(body)
    client.force_login(user)
    complaint_make(provider=body)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(reverse("complaints:workspace"))
    for _ in range(5):
        complaint_make(provider=body)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("complaints:workspace"))


def test_recipient_files_through_the_form(client: Client) -> None:
    body = OrganisationFactory.create()
    citizen = RecipientFactory.create()
    client.force_login(citizen)
    assert client.get(reverse("complaints:file"), follow=True).status_code == 200
    resp = client.post(
        reverse("complaints:file"),
        {
            "provider": body.code,
            "subject": "officer_action",
            "addressee": "provider",
            "text": "Маман дөрекі сөйледі.",
            "phone": citizen.phone,
            "language": "kk",
        },
    )
    complaint = Complaint.objects.get()
    assert resp.status_code == 302 and complaint.complainant == citizen
    resp = client.post(
        reverse("complaints:file"),
        {
            "provider": body.code,
            "subject": "decision",
            "addressee": "provider",
            "text": " ",
            "language": "kk",
        },
    )
    assert resp.status_code == 400
    assert Complaint.objects.count() == 1


def test_staff_register_paper_extend_and_print_the_letter(client: Client) -> None:
    body = OrganisationFactory.create()
    clerk = officer(body)
    client.force_login(clerk)
    assert client.get(reverse("complaints:register"), follow=True).status_code == 200
    resp = client.post(
        reverse("complaints:register"),
        {
            "reviewing_body": body.code,
            "provider": body.code,
            "subject": "standard_noncompliance",
            "addressee": "provider",
            "complainant_name": "Петров Пётр",
            "complainant_iin": RecipientFactory.create().iin,
            "complainant_address": "г. Кокшетау, ул. Абая, 5",
            "language": "ru",
            "text": "Нарушен срок оказания услуги.",
        },
    )
    assert resp.status_code == 302, resp.context["form"].errors if resp.context else resp
    complaint = Complaint.objects.get()
    assert complaint.channel == ComplaintChannel.PAPER
    client.post(
        reverse("complaints:extend", args=[complaint.number]),
        {"ground": "", "working_days": 5, "reasons": "x"},
    )
    assert not hasattr(Complaint.objects.get(), "extension")  # no ground: refused
    client.post(
        reverse("complaints:extend", args=[complaint.number]),
        {"ground": ExtensionGround.MORE_INFORMATION, "working_days": 5, "reasons": "Запрошены сведения."},
    )
    complaint.refresh_from_db()
    assert complaint.extension.working_days == 5
    pdf = client.get(reverse("complaints:extension-pdf", args=[complaint.number]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_quality_authority_pages_study_and_recommendation(client: Client) -> None:
    complaint = complaint_make(addressee=ComplaintAddressee.QUALITY_AUTHORITY)
    client.force_login(inspector())
    client.post(reverse("complaints:study", args=[complaint.number]), {"text": "Себептері зерделенді."})
    client.post(
        reverse("complaints:recommend", args=[complaint.number]),
        {"text": "Құқықтарды қалпына келтіру.", "due_on": "2099-01-30"},
    )
    complaint.refresh_from_db()
    assert complaint.dissatisfaction_study == "Себептері зерделенді."
    assert complaint.recommendations.count() == 1
    assert client.get(reverse("complaints:detail", args=[complaint.number])).status_code == 200


def test_quality_authority_complaint_page_has_no_duplicate_element_ids(client: Client) -> None:
    """Found by the demo walk: the study and recommendation forms both rendered id="id_text",
    so the second label named the first field (WCAG 1.3.1); so did the control form of each
    pending recommendation."""
    complaint = complaint_make(addressee=ComplaintAddressee.QUALITY_AUTHORITY)
    qa = inspector()
    for text in ("Құжатты қабылдау.", "Қызметкерлерді оқыту."):  # two pending: two control forms
        services.recommendation_issue(complaint=complaint, actor=qa, text=text, due_on=D(2099, 1, 1))
    client.force_login(qa)
    html = client.get(reverse("complaints:detail", args=[complaint.number])).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert 'for="study_text"' in html and 'for="recommendation_text"' in html
    assert len([i for i in ids if i.startswith("control") and i.endswith("_fulfilled_on")]) == 2
    assert sorted({i for i in ids if ids.count(i) > 1}) == []


def test_answer_letter_of_a_paper_complaint(client: Client) -> None:
    body = OrganisationFactory.create()
    complaint = complaint_make(provider=body, channel=ComplaintChannel.PAPER, language="ru")
    reviewer = officer(body)
    services.complaint_answer(
        complaint=complaint, actor=reviewer, outcome="satisfied", answer_text="Услуга оказана."
    )
    client.force_login(reviewer)
    resp = client.get(reverse("complaints:answer-pdf", args=[complaint.number]))
    assert resp.status_code == 200 and resp.content.startswith(b"%PDF")


def test_workspace_lists_open_complaints_before_answered_ones(client: Client) -> None:
    body = OrganisationFactory.create()
    reviewer = officer(body)
    answered = complaint_make(provider=body, registered_on=D(2020, 1, 6))
    services.complaint_answer(complaint=answered, actor=reviewer, outcome="satisfied", answer_text="Иә.")
    open_ = complaint_make(provider=body, registered_on=D(2030, 1, 8))
    client.force_login(reviewer)
    resp = client.get(reverse("complaints:workspace"))
    assert [c.number for c in resp.context["complaints"]] == [open_.number, answered.number]


def test_staff_home_and_cabinet_show_the_complaint_links(client: Client) -> None:
    body = OrganisationFactory.create()
    client.force_login(officer(body))
    assert reverse("complaints:workspace") in client.get(reverse("web:staff-home")).content.decode()
    client.force_login(inspector())
    assert reverse("complaints:statistics") in client.get(reverse("web:staff-home")).content.decode()
    client.force_login(RecipientFactory.create())
    html = client.get(reverse("web:cabinet")).content.decode()
    assert reverse("complaints:mine") in html and reverse("complaints:file") in html


def test_body_sees_recommendations_sent_to_it_but_not_the_complaint_to_the_authority(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    body = OrganisationFactory.create()
    other = OrganisationFactory.create()
    qa = inspector()
    to_body = complaint_make(provider=body, addressee=ComplaintAddressee.QUALITY_AUTHORITY)
    to_other = complaint_make(provider=other, addressee=ComplaintAddressee.QUALITY_AUTHORITY)
    for c in (to_body, to_other):
        services.recommendation_issue(complaint=c, actor=qa, text=f"Ұсыным {c.number}", due_on=D(2099, 1, 1))
    client.force_login(officer(body))
    resp = client.get(reverse("complaints:recommendations"))
    html = resp.content.decode()
    assert f"Ұсыным {to_body.number}" in html and f"Ұсыным {to_other.number}" not in html
    assert client.get(reverse("complaints:detail", args=[to_body.number])).status_code == 403
    client.force_login(qa)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        html = client.get(reverse("complaints:recommendations")).content.decode()
    assert f"Ұсыным {to_body.number}" in html and f"Ұсыным {to_other.number}" in html
    for _ in range(4):
        c = complaint_make(
            provider=OrganisationFactory.create(), addressee=ComplaintAddressee.QUALITY_AUTHORITY
        )
        services.recommendation_issue(complaint=c, actor=qa, text="Тағы бір ұсыным", due_on=D(2099, 1, 1))
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("complaints:recommendations"))


def test_law_25_3_3_a_recommendation_pending_after_its_due_date_is_flagged_late(client: Client) -> None:
    """The late flag comes from the follow-up rule shared with state control (core.followup)."""
    body = OrganisationFactory.create()
    complaint = complaint_make(provider=body, addressee=ComplaintAddressee.QUALITY_AUTHORITY)
    qa = inspector()
    late = services.recommendation_issue(
        complaint=complaint,
        actor=qa,
        text="Кешіккен ұсыным",
        due_on=D(2026, 11, 20),
        issued_on=D(2026, 11, 2),
    )
    services.recommendation_issue(
        complaint=complaint, actor=qa, text="Мерзімі келмеген ұсыным", due_on=D(2099, 1, 1)
    )
    client.force_login(qa)
    html = client.get(reverse("complaints:recommendations")).content.decode()
    assert html.count('class="flag-overdue"') == 1
    row = html[html.index("Кешіккен ұсыным") - 400 : html.index("Кешіккен ұсыным")]
    assert 'class="overdue"' in row
    services.recommendation_control(recommendation=late, actor=qa, fulfilled_on=D(2026, 11, 21), in_full=True)
    assert 'class="flag-overdue"' not in client.get(reverse("complaints:recommendations")).content.decode()
