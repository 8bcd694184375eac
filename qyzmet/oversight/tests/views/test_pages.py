"""The pages of state control (Law 27) and of the yearly report and its hearing (Law 23.5-23.6):
walked by the owning roles; everyone else refused; a refused form comes back with what was
typed, the article named, and nothing written; the public pages need no sign-in."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from qyzmet.core.models import User
from qyzmet.orgs.tests.factories import RecipientFactory
from qyzmet.oversight import services
from qyzmet.oversight.enums import CommentStatus, ControlStatus, HearingStatus, ReportStatus
from qyzmet.oversight.models import ControlCase, ControlOrder, Hearing, HearingComment, YearlyReport
from qyzmet.oversight.tests.factories import (
    D,
    body_make,
    case_make,
    hearing_make,
    informatization_inspector,
    local,
    quality_inspector,
    report_make,
)

pytestmark = pytest.mark.django_db


def _duplicate_ids(html: str) -> list[str]:
    ids = re.findall(r'\sid="([^"]+)"', html)
    return sorted({i for i in ids if ids.count(i) > 1})


def test_law_27_control_walked_by_the_quality_authority_and_the_object(client: Client) -> None:
    body = body_make()
    qa = quality_inspector()
    client.force_login(qa)
    assert client.get(reverse("oversight:control-open")).status_code == 200
    refused = client.post(
        reverse("oversight:control-open"),
        {
            "object": body.org.code,
            "ground": "breach",
            "ground_text": "Мерзімдер бұзылды.",
            "period_start": "2026-09-01",
            "period_end": "2026-03-01",
            "services": [body.service.code],
        },
    )
    assert refused.status_code == 400
    assert "Мерзімдер бұзылды." in refused.content.decode()  # what was typed is kept
    assert ControlCase.objects.count() == 0
    resp = client.post(
        reverse("oversight:control-open"),
        {
            "object": body.org.code,
            "ground": "breach",
            "ground_text": "Мерзімдер бұзылды.",
            "period_start": "2026-01-01",
            "period_end": "2026-09-30",
            "services": [body.service.code],
        },
    )
    case = ControlCase.objects.get()
    assert resp.status_code == 302 and resp["Location"] == reverse("oversight:control", args=[case.number])
    client.post(
        reverse("oversight:control-findings", args=[case.number]),
        {"findings": "Бұзушылық бар.", "breaches_found": "on"},
    )
    refused = client.post(
        reverse("oversight:control-order", args=[case.number]), {"text": "Жою.", "due_on": "2020-01-01"}
    )
    assert refused.status_code == 400 and ControlOrder.objects.count() == 0
    client.post(
        reverse("oversight:control-order", args=[case.number]), {"text": "Жою.", "due_on": "2099-01-01"}
    )
    order = ControlOrder.objects.get()
    html = client.get(reverse("oversight:control", args=[case.number])).content.decode()
    assert _duplicate_ids(html) == []
    client.force_login(body.officer)
    page = client.get(reverse("oversight:control", args=[case.number]))
    assert page.status_code == 200 and "Record control" not in page.content.decode()
    client.post(
        reverse("oversight:control-order-report", args=[case.number, order.pk]), {"text": "Орындалды."}
    )
    assert client.post(reverse("oversight:control-close", args=[case.number])).status_code == 403
    client.force_login(qa)
    client.post(
        reverse("oversight:control-order-control", args=[case.number, order.pk]),
        {"fulfilled_on": "2026-11-20", "in_full": "on"},
    )
    client.post(reverse("oversight:control-close", args=[case.number]))
    case.refresh_from_db()
    order.refresh_from_db()
    assert (order.body_report, order.status, case.status) == ("Орындалды.", "fulfilled", ControlStatus.CLOSED)
    client.logout()
    public = client.get(reverse("oversight:control-outcomes"))
    assert public.status_code == 200 and body.org.name_kk in public.content.decode()
    assert "Бұзушылық бар." not in public.content.decode()  # the findings text is not published


@pytest.mark.parametrize("who", ["another body", "citizen", "informatization inspector"])
def test_law_27_the_control_pages_refuse_the_others(client: Client, who: str) -> None:
    body = body_make()
    case = case_make(body)
    users: dict[str, Callable[[], User]] = {
        "another body": lambda: body_make().officer,
        "citizen": RecipientFactory.create,
        "informatization inspector": informatization_inspector,
    }
    user = users[who]()
    client.force_login(user)
    if who != "informatization inspector":  # it reads the cases; it does not act
        assert client.get(reverse("oversight:control", args=[case.number])).status_code == 403
    assert client.get(reverse("oversight:control-open")).status_code == 403
    assert (
        client.post(reverse("oversight:control-findings", args=[case.number]), {"findings": "x"}).status_code
        == 403
    )
    case.refresh_from_db()
    assert case.findings == ""


def test_law_27_control_pages_need_a_sign_in(client: Client) -> None:
    case = case_make(body_make())
    assert client.get(reverse("oversight:control", args=[case.number])).status_code == 302
    assert client.get(reverse("oversight:home")).status_code == 302


def test_law_23_5_report_walked_by_the_officer_and_the_head_and_public_once_published(client: Client) -> None:
    body = body_make()
    client.force_login(body.officer)
    assert client.get(reverse("oversight:report-create")).status_code == 200
    refused = client.post(reverse("oversight:report-create"), {"body": body.org.code, "year": "2026"})
    assert refused.status_code == 400 and "23" in refused.content.decode()
    client.post(reverse("oversight:report-create"), {"body": body.org.code, "year": "2025"})
    report = YearlyReport.objects.get()
    url = reverse("oversight:report", args=[body.org.code, 2025])
    assert client.get(url).status_code == 200
    client.post(
        reverse("oversight:report-update", args=[body.org.code, 2025]),
        {"narrative_kk": "Қазақша мәтін.", "narrative_ru": ""},
    )
    assert client.post(reverse("oversight:report-publish", args=[body.org.code, 2025])).status_code == 403
    client.logout()
    assert client.get(url).status_code == 403  # a draft is not public
    client.force_login(body.head)
    refused = client.post(reverse("oversight:report-publish", args=[body.org.code, 2025]))
    assert refused.status_code == 400 and "Қазақша мәтін." in refused.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    client.post(
        reverse("oversight:report-update", args=[body.org.code, 2025]),
        {"narrative_kk": "Қазақша мәтін.", "narrative_ru": "Русский текст."},
    )
    client.post(reverse("oversight:report-publish", args=[body.org.code, 2025]))
    client.logout()
    page = client.get(url)
    assert page.status_code == 200 and "Қазақша мәтін." in page.content.decode()
    assert client.get(reverse("oversight:reports")).content.decode().count(url) == 1
    pdf = client.get(reverse("oversight:report-pdf", args=[body.org.code, 2025, "ru"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert "Русский текст." in client.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()


def test_law_23_6_hearing_walked_by_the_body_and_the_public(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    body = body_make()
    report = report_make(body)
    url = reverse("oversight:report", args=[body.org.code, report.year])
    client.force_login(body.officer)
    refused = client.post(
        reverse("oversight:hearing-announce", args=[body.org.code, report.year]),
        {"held_at": "2020-01-01T10:00", "place_kk": "Мәжіліс залы", "place_ru": ""},
    )
    assert (
        refused.status_code == 400
        and "Мәжіліс залы" in refused.content.decode()
        and Hearing.objects.count() == 0
    )
    client.post(
        reverse("oversight:hearing-announce", args=[body.org.code, report.year]),
        {"held_at": "2026-12-10T15:00", "place_kk": "Мәжіліс залы", "place_ru": "Зал заседаний"},
    )
    hearing = Hearing.objects.get()
    client.logout()
    refused = client.post(
        reverse("oversight:hearing-comment", args=[hearing.pk]), {"author_name": "Айгүл", "text": " "}
    )
    assert (
        refused.status_code == 400
        and "Айгүл" in refused.content.decode()
        and HearingComment.objects.count() == 0
    )
    client.post(
        reverse("oversight:hearing-comment", args=[hearing.pk]),
        {"author_name": "Айгүл", "text": "Кезек ұзын."},
    )
    comment = HearingComment.objects.get()
    assert "Кезек ұзын." not in client.get(url).content.decode()  # not before moderation
    client.force_login(body.officer)
    html = client.get(url).content.decode()
    assert "Кезек ұзын." in html and _duplicate_ids(html) == []
    client.post(reverse("oversight:hearing-moderate", args=[hearing.pk, comment.pk]), {"publish": "1"})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED
    with time_machine.travel(local(2026, 12, 11, 9), tick=False):
        client.force_login(body.officer)  # a session of 18 days ago has expired
        resp = client.post(
            reverse("oversight:hearing-minutes", args=[hearing.pk]),
            {"participants": "30", "minutes_kk": "Хаттама.", "minutes_ru": "Протокол."},
        )
    hearing.refresh_from_db()
    assert hearing.status == HearingStatus.HELD, resp.content.decode()[-3000:]
    client.post(
        reverse("oversight:hearing-results", args=[hearing.pk]),
        {
            "results_use_kk": "Стандартқа өзгеріс ұсынылды.",
            "results_use_ru": "Предложено изменение стандарта.",
        },
    )
    client.logout()
    with django_assert_max_num_queries(30):
        html = client.get(url).content.decode()
    assert (
        "Кезек ұзын." in html
        and "Айгүл" in html
        and "Хаттама." in html
        and "Стандартқа өзгеріс ұсынылды." in html
    )


def test_law_23_6_moderation_and_minutes_are_the_body_s_own(client: Client) -> None:
    body = body_make()
    report = report_make(body)
    hearing = hearing_make(report, body.officer)
    comment = services.hearing_comment_submit(hearing=hearing, text="Пікір.", now=local(2026, 11, 24))
    for user in (body_make().officer, quality_inspector()):
        client.force_login(user)
        assert (
            client.post(
                reverse("oversight:hearing-moderate", args=[hearing.pk, comment.pk]), {"publish": "1"}
            ).status_code
            == 403
        )
        assert (
            client.post(
                reverse("oversight:hearing-announce", args=[body.org.code, report.year]), {}
            ).status_code
            == 403
        )
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_law_23_6_the_flags_page_is_the_quality_authority_s(client: Client) -> None:
    client.force_login(quality_inspector())
    assert client.get(reverse("oversight:hearing-flags")).status_code == 200
    client.force_login(body_make().head)
    assert client.get(reverse("oversight:hearing-flags")).status_code == 403


def test_the_home_page_shows_each_role_its_work(client: Client) -> None:
    body = body_make()
    case = case_make(body)
    report_make(body, publish=False)
    client.force_login(body.officer)
    html = client.get(reverse("oversight:home")).content.decode()
    assert case.number in html and reverse("oversight:report", args=[body.org.code, 2025]) in html
    client.force_login(RecipientFactory.create())
    assert client.get(reverse("oversight:home")).status_code == 403
    assert D(2026, 1, 1)  # the suite's clock is 2026-11-23


@pytest.mark.parametrize(
    ("lang", "heading", "wrong"),
    [("kk", "Талқылаудың хаттамасы", "Минут<"), ("ru", "Протокол обсуждения", "Минуты<")],
)
def test_law_23_6_the_published_minutes_are_headed_minutes_of_the_hearing_not_minutes_of_time(
    client: Client, lang: str, heading: str, wrong: str
) -> None:
    body = body_make()
    report = report_make(body)
    hearing = hearing_make(report, body.officer, held_at=local(2026, 12, 10, 15))
    services.hearing_minutes_record(
        hearing=hearing,
        actor=body.officer,
        minutes_kk="Есеп талқыланды.",
        minutes_ru="Отчёт обсуждён.",
        participants=12,
        now=local(2026, 12, 11),
    )
    html = client.get(
        reverse("oversight:report", args=[body.org.code, report.year]), HTTP_ACCEPT_LANGUAGE=lang
    ).content.decode()
    assert heading in html
    assert wrong not in html
