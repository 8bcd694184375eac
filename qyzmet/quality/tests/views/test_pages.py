"""Pages: the indicator table (bounded queries), drill-down, exports (anonymity of answers),
the public survey page, and who may see what."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from qyzmet.delivery.enums import ApplicationStatus
from qyzmet.quality.models import SurveyAnswer
from qyzmet.quality.tests.factories import (
    answer_make,
    application_make,
    inspector,
    invitation_make,
    local,
    make_world,
)

pytestmark = pytest.mark.django_db
PERIOD = {"period": "2026-11"}


@pytest.fixture
def world():
    w = make_world()
    application_make(w, due_on=dt.date(2026, 11, 10), decided_at=local(2026, 11, 9))
    application_make(w, due_on=dt.date(2026, 11, 11), status=ApplicationStatus.IN_WORK)
    for score in (5, 2):
        answer_make(case_date=dt.date(2026, 11, 3), service=w.service, provider=w.provider, process=score)
    return w


def _rows(content: bytes) -> list[list[object]]:
    wb = load_workbook(io.BytesIO(content))
    return [[c for c in row] for ws in wb.worksheets for row in ws.iter_rows(values_only=True)]


def test_indicator_page_for_inspector_with_bounded_queries(client, world, django_assert_max_num_queries):
    client.force_login(inspector())
    with django_assert_max_num_queries(25):
        resp = client.get(reverse("quality:indicators"), PERIOD)
    assert resp.status_code == 200
    body = resp.content.decode()
    assert world.service.code in body
    assert "<svg" in body and 'role="img"' in body
    assert re.search(r"50[.,]00%", body)  # 1.1: 1 of 2 (the open one is past due on today)


def test_query_count_does_not_grow_with_data(client, world, django_assert_max_num_queries):
    user = inspector()
    client.force_login(user)
    client.get(reverse("quality:indicators"), PERIOD)
    for i in range(5):
        application_make(world, due_on=dt.date(2026, 11, 12 + i), decided_at=local(2026, 11, 12))
        answer_make(
            case_date=dt.date(2026, 11, 4), service=world.service, provider=world.provider, politeness=4
        )
    with django_assert_max_num_queries(25):
        assert client.get(reverse("quality:indicators"), PERIOD).status_code == 200


def test_recipient_may_not_see_indicators(client, world):
    client.force_login(world.recipient)
    assert client.get(reverse("quality:indicators"), PERIOD).status_code == 403


def test_drill_down_lists_the_applications(client, world):
    client.force_login(world.officer)
    resp = client.get(reverse("quality:cases"), {**PERIOD, "service": world.service.code, "on_time": "0"})
    assert resp.status_code == 200
    assert resp.content.decode().count('<th scope="row">KZ-') == 1


def test_xlsx_and_pdf_exports(client, world):
    client.force_login(inspector())
    resp = client.get(reverse("quality:export", args=["xlsx"]), PERIOD)
    assert resp.status_code == 200
    flat = [v for row in _rows(resp.content) for v in row]
    assert 50.0 in flat  # 1.1 and 2.1 are both 50 %
    pdf = client.get(reverse("quality:export", args=["pdf"]), PERIOD)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_anonymity_in_the_answers_export(client, world):
    invitation = invitation_make(
        case_number="KZ-2026-11-777777",
        recipient_user=world.recipient,
        service=world.service,
        provider=world.provider,
    )
    client.post(
        reverse("quality:survey", args=[invitation.token]), {"process": "4", "comment": str(world.recipient)}
    )
    client.force_login(inspector())
    resp = client.get(reverse("quality:answers-export"), PERIOD)
    text = " ".join(str(v) for row in _rows(resp.content) for v in row)
    assert world.service.code in text and "4" in text
    for secret in ("KZ-2026-11-777777", world.recipient.iin, str(world.recipient), invitation.token):
        assert secret not in text
    table_export = client.get(reverse("quality:export", args=["xlsx"]), PERIOD)
    text = " ".join(str(v) for row in _rows(table_export.content) for v in row)
    assert world.recipient.iin not in text and str(world.recipient) not in text


def test_public_survey_page_answers_once(client):
    invitation = invitation_make()
    url = reverse("quality:survey", args=[invitation.token])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"process": "9"})
    assert bad.status_code == 400 and not SurveyAnswer.objects.exists()
    assert client.post(url, {"process": "5", "politeness": "4"}).status_code == 200
    again = client.post(url, {"process": "1"})
    assert again.status_code == 409
    assert SurveyAnswer.objects.get().process == 5


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_survey_page_in_each_language(client, lang):
    invitation = invitation_make()
    client.cookies["qyzmet_language"] = lang
    resp = client.get(reverse("quality:survey", args=[invitation.token]))
    assert resp.status_code == 200
    assert f'lang="{lang}"' in resp.content.decode()


def test_unknown_survey_token_is_404(client):
    assert client.get(reverse("quality:survey", args=["missing"])).status_code == 404


ORDER = {"order_number": "12-НМ", "order_date": "2026-11-02"}


def test_std_20_responsible_body_sets_next_years_targets(client, world):
    from qyzmet.quality.models import IndicatorTarget

    client.force_login(world.officer)  # the world's provider is the service's responsible body
    url = reverse("quality:targets")
    assert client.get(url).status_code == 200
    bad = client.post(url, {"service": world.service.code, "target_1.1": "99", "target_2.1": "120", **ORDER})
    assert bad.status_code == 400 and not IndicatorTarget.objects.exists()  # nothing half-written
    assert 'value="120"' in bad.content.decode()  # what was typed is kept
    ok = client.post(url, {"service": world.service.code, "target_1.1": "99,5", "target_5.1": "96", **ORDER})
    assert ok.status_code == 302
    year = dt.date.today().year + 1
    assert {(t.indicator, str(t.value), t.year, t.order_number) for t in IndicatorTarget.objects.all()} == {
        ("1.1", "99.50", year, "12-НМ"),
        ("5.1", "96.00", year, "12-НМ"),
    }


def test_std_20_target_page_refuses_a_silent_overwrite_and_takes_a_change_by_new_order(client, world):
    from qyzmet.quality.models import IndicatorTarget

    client.force_login(world.officer)
    url = reverse("quality:targets")
    client.post(url, {"service": world.service.code, "target_1.1": "99", **ORDER})
    form = {"service": world.service.code, "target_1.1": "97", "target_5.1": "96"}
    again = client.post(url, {**form, "order_number": "20-НМ", "order_date": "2026-11-20"})
    assert again.status_code == 400
    assert "12-НМ" in again.content.decode()  # names the order in force
    assert IndicatorTarget.objects.get().value == 99  # nothing written, 5.1 neither
    change = client.post(url, {**form, "order_number": "20-НМ", "order_date": "2026-11-20", "change": "1"})
    assert change.status_code == 302
    assert {t.indicator: str(t.value) for t in IndicatorTarget.objects.all()} == {
        "1.1": "97.00",
        "5.1": "96.00",
    }
    page = client.get(f"{url}?service={world.service.code}").content.decode()
    assert "20-НМ" in page and "12-НМ" in page and re.search(r"99[.,]00", page)  # history keeps the old


def test_std_appendix_norm_per_service_set_on_the_targets_page_and_shown_on_the_indicator_page(client, world):
    from qyzmet.quality import services

    services.indicator_norm_set(actor=inspector(), indicator="1.1", value=100, legal_basis="Әдістеме № 1")
    client.force_login(world.officer)
    url = reverse("quality:targets")
    no_basis = client.post(url, {"service": world.service.code, "action": "norms", "norm_1.1": "97"})
    assert no_basis.status_code == 400
    ok = client.post(
        url,
        {"service": world.service.code, "action": "norms", "norm_1.1": "97", "norm_basis_1.1": "Бұйрық № 44"},
    )
    assert ok.status_code == 302
    page = client.get(reverse("quality:indicators"), {**PERIOD, "service": world.service.code})
    body = page.content.decode()
    assert re.search(r"97[.,]00", body) and "Бұйрық № 44" in body
    assert world.officer.get_full_name() in body  # who set it
    national = client.get(reverse("quality:indicators"), PERIOD).content.decode()
    assert "Әдістеме № 1" in national


def test_std_20_other_bodies_may_not_set_targets(client, world):
    client.force_login(inspector())
    resp = client.post(
        reverse("quality:targets"), {"service": world.service.code, "target_1.1": "99", **ORDER}
    )
    assert resp.status_code == 403


def test_std_appendix_4_1_the_complaint_link_opens_the_survey_and_writes_only_with_the_answer(client):
    """Indicator 4.1: the link of an answered complaint shows the complainant its survey. Opening
    it writes nothing; a refused answer leaves no invitation; the answer makes the invitation and
    later openings are the same case's survey (one per case)."""
    from qyzmet.complaints.enums import ComplaintOutcome
    from qyzmet.complaints.services import complaint_answer
    from qyzmet.complaints.tests.factories import complaint_make
    from qyzmet.complaints.tests.factories import officer as complaints_officer
    from qyzmet.quality.models import SurveyInvitation

    complaint = complaint_make()
    reviewer = complaints_officer(complaint.reviewing_body, username="rev")
    complaint_answer(
        complaint=complaint, actor=reviewer, outcome=ComplaintOutcome.REJECTED, answer_text="Негізсіз."
    )
    SurveyInvitation.objects.all().delete()  # as if the job had not run yet
    url = reverse("quality:complaint-survey", args=[complaint.number])
    client.force_login(reviewer)
    assert client.get(url).status_code == 404  # not the complainant's
    assert client.post(url, {"complaint_procedure": "2"}).status_code == 404
    assert complaint.complainant is not None
    client.force_login(complaint.complainant)
    page = client.get(url)
    assert page.status_code == 200 and complaint.number in page.content.decode()
    assert not SurveyInvitation.objects.exists()
    refused = client.post(url, {"complaint_procedure": "9"})
    assert refused.status_code == 400 and not SurveyInvitation.objects.exists()
    assert client.post(url, {"complaint_procedure": "2"}).status_code == 200
    assert SurveyAnswer.objects.get().complaint_procedure == 2
    invitation = SurveyInvitation.objects.get()
    again = client.get(url)
    assert again.status_code == 302 and again["Location"].endswith(f"/quality/survey/{invitation.token}/")
    assert client.get(again["Location"]).context["already"] is True


def test_std_appendix_norm_per_service_indicator_page_query_count_is_fixed(
    client, world, django_assert_num_queries
):
    """Per-service norms, targets with their orders and 3.2 from the structured sources cost
    no query per row: 18 queries national, 19 with a service chosen (the table and the chart
    read together from the monthly aggregates and the months counted from the cases, ADR 0078;
    one fewer than when each counted the cases)."""
    from qyzmet.quality import services
    from qyzmet.registry.tests.factories import ServiceFactory

    quality = inspector()
    services.indicator_norm_set(actor=quality, indicator="1.1", value=100, legal_basis="Әдістеме № 1")
    for _ in range(3):
        service = ServiceFactory.create(responsible_body=world.provider)
        application_make(world, service=service, due_on=dt.date(2026, 11, 10), decided_at=local(2026, 11, 9))
        services.indicator_norm_set(actor=None, service=service, indicator="1.1", value=97, legal_basis="№ 4")
        services.indicator_target_set(
            actor=None,
            service=service,
            indicator="1.1",
            year=2027,
            value=99,
            order_number="12",
            order_date=dt.date(2026, 11, 2),
        )
    client.force_login(quality)
    client.get(reverse("quality:indicators"), PERIOD)  # warm the session and the version cache
    with django_assert_num_queries(18):
        assert client.get(reverse("quality:indicators"), PERIOD).status_code == 200
    with django_assert_num_queries(19):
        resp = client.get(reverse("quality:indicators"), {**PERIOD, "service": service.code})
    assert "12" in resp.content.decode()


def test_std_20_unchanged_targets_need_no_new_order_when_only_a_norm_is_saved(client, world):
    from qyzmet.quality.models import IndicatorNorm, IndicatorTargetRevision

    client.force_login(world.officer)
    url = reverse("quality:targets")
    client.post(url, {"service": world.service.code, "target_1.1": "99", **ORDER})
    # the norm form is its own: a stray target value in it is not saved and asks no order
    resp = client.post(
        url,
        {
            "service": world.service.code,
            "action": "norms",
            "target_1.1": "97",
            "norm_2.1": "85",
            "norm_basis_2.1": "№ 4",
        },
    )
    assert resp.status_code == 302
    assert IndicatorNorm.objects.get().value == 85
    assert IndicatorTargetRevision.objects.count() == 1


def test_std_appendix_norm_national_default_page_for_the_quality_authority_only(client, world):
    from qyzmet.quality.models import IndicatorNorm

    url = reverse("quality:norms")
    client.force_login(world.officer)
    assert client.get(url).status_code == 403
    assert client.post(url, {"norm_1.1": "90", "norm_basis_1.1": "№ 1"}).status_code == 403
    quality = inspector()
    client.force_login(quality)
    assert client.get(url).status_code == 200
    bad = client.post(
        url, {"norm_1.1": "90", "norm_basis_1.1": "№ 1", "norm_2.1": "150", "norm_basis_2.1": "№ 1"}
    )
    assert bad.status_code == 400 and not IndicatorNorm.objects.exists()
    assert 'value="150"' in bad.content.decode()
    assert client.post(url, {"norm_1.1": "90", "norm_basis_1.1": "Әдістеме № 1"}).status_code == 302
    norm = IndicatorNorm.objects.get()
    assert (norm.service, norm.value, norm.set_by) == (None, 90, quality)
    assert quality.get_full_name() in client.get(url).content.decode()


def test_std_20_xlsx_export_carries_the_norm_basis_and_the_target_order(client, world):
    from qyzmet.quality import services

    services.indicator_norm_set(
        actor=world.officer, service=world.service, indicator="1.1", value=97, legal_basis="Бұйрық № 44"
    )
    services.indicator_target_set(
        actor=world.officer,
        service=world.service,
        indicator="1.1",
        year=2027,
        value=99,
        order_number="12-НМ",
        order_date=dt.date(2026, 11, 2),
    )
    client.force_login(inspector())
    resp = client.get(reverse("quality:export", args=["xlsx"]), {**PERIOD, "service": world.service.code})
    text = " ".join(str(v) for row in _rows(resp.content) for v in row)
    assert "Бұйрық № 44" in text and "Бұйрық № 12-НМ, 02.11.2026" in text


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_std_appendix_a_table_cell_built_in_python_is_the_figure_template_s_markup(lang):
    """ADR 0078: the table's cells are built in Python (thousands of rows a year); each reads
    exactly as ``quality/_figure.html`` renders it, number format of the language included."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from qyzmet.quality.reports import TableHtml
    from qyzmet.quality.selectors import Figure

    with translation.override(lang):
        for fig in (Figure(1, 3), Figure(2, 2), Figure(0, 7), Figure()):
            assert (
                str(TableHtml().figure(fig)) == render_to_string("quality/_figure.html", {"fig": fig}).strip()
            )
