"""The reasoned answer in the channel of the complaint, the survey invitation (indicator 4.1)
and the quality authority's study, recommendations and control (Law 25.3)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from qyzmet.complaints import services
from qyzmet.complaints.enums import (
    ComplaintAddressee,
    ComplaintChannel,
    ComplaintOutcome,
    ComplaintStatus,
    RecommendationStatus,
)
from qyzmet.complaints.errors import ComplaintErrorCode
from qyzmet.complaints.tests.factories import complaint_make, inspector, officer
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.notify.models import OutboxMessage
from qyzmet.orgs.tests.factories import OrganisationFactory

D = dt.date
pytestmark = pytest.mark.django_db


def test_electronic_answer_goes_through_the_outbox_and_invites_to_the_survey() -> None:
    body = OrganisationFactory.create()
    complaint = complaint_make(provider=body, registered_on=D(2026, 11, 2))
    answered = services.complaint_answer(
        complaint=complaint,
        actor=officer(body),
        outcome=ComplaintOutcome.SATISFIED,
        answer_text="Анықтама 05.11.2026 берілді.",
        answered_on=D(2026, 11, 5),
    )
    assert answered.status == ComplaintStatus.ANSWERED
    assert answered.review_term_breached is False
    assert OutboxMessage.objects.filter(kind="complaint_answer").count() == 1
    assert OutboxMessage.objects.filter(kind="complaint_survey").count() == 1
    assert answered.survey_invited_at is not None


def test_issue_19_4_an_answered_complaint_is_an_event_without_the_complainant(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from qyzmet.notify import events

    seen: list[events.Event] = []
    monkeypatch.setitem(events._SINKS, "test", seen.append)
    body = OrganisationFactory.create()
    complaint = complaint_make(provider=body, registered_on=D(2026, 11, 2))
    services.complaint_answer(
        complaint=complaint,
        actor=officer(body),
        outcome=ComplaintOutcome.REJECTED,
        answer_text="Бас тарту негізді: құжаттар толық емес.",
        answered_on=D(2026, 11, 5),
    )
    (event,) = seen
    payload = event.payload()
    assert payload["kind"] == "complaint.answered" and payload["number"] == complaint.number
    assert payload["organisation_code"] == body.code
    assert payload["url"].endswith(f"/api/v1/complaints/complaints/{complaint.number}")
    assert event.origin_user_id == complaint.complainant_id
    text = str(payload)
    assert complaint.complainant_name not in text and complaint.complainant_iin not in text


def test_survey_invitation_link_is_absolute_so_it_opens_from_an_sms(settings: Any) -> None:
    settings.PUBLIC_BASE_URL = "https://qyzmet.example.kz/"
    body = OrganisationFactory.create()
    complaint = complaint_make(provider=body, registered_on=D(2026, 11, 2))
    services.complaint_answer(
        complaint=complaint,
        actor=officer(body),
        outcome=ComplaintOutcome.SATISFIED,
        answer_text="Анықтама 05.11.2026 берілді.",
        answered_on=D(2026, 11, 5),
    )
    message = OutboxMessage.objects.get(kind="complaint_survey")
    assert f"https://qyzmet.example.kz/quality/survey/complaint/{complaint.number}/" in message.body


def test_paper_answer_writes_no_electronic_answer() -> None:
    body = OrganisationFactory.create()
    complaint = complaint_make(provider=body, channel=ComplaintChannel.PAPER, complainant_phone="")
    services.complaint_answer(
        complaint=complaint, actor=officer(body), outcome=ComplaintOutcome.REJECTED, answer_text="Негізсіз."
    )
    assert not OutboxMessage.objects.filter(kind="complaint_answer").exists()


def test_law_25_2_answer_after_the_term_is_a_breach() -> None:
    body = OrganisationFactory.create()
    complaint = complaint_make(provider=body, registered_on=D(2026, 11, 2))
    answered = services.complaint_answer(
        complaint=complaint,
        actor=officer(body),
        outcome=ComplaintOutcome.PARTLY_SATISFIED,
        answer_text="Ішінара.",
        answered_on=D(2026, 11, 10),
    )
    assert answered.review_term_breached is True


def test_second_answer_and_empty_answer_are_refused() -> None:
    body = OrganisationFactory.create()
    complaint = complaint_make(provider=body)
    reviewer = officer(body)
    with pytest.raises(ApplicationError) as exc:
        services.complaint_answer(complaint=complaint, actor=reviewer, outcome="satisfied", answer_text=" ")
    assert exc.value.code == ComplaintErrorCode.EMPTY_ANSWER
    services.complaint_answer(complaint=complaint, actor=reviewer, outcome="satisfied", answer_text="Иә.")
    with pytest.raises(ApplicationError) as exc:
        services.complaint_answer(complaint=complaint, actor=reviewer, outcome="rejected", answer_text="Жоқ.")
    assert exc.value.code == ComplaintErrorCode.ALREADY_ANSWERED


def test_law_25_3_recommendation_fulfilled_in_time_and_in_full() -> None:
    body = OrganisationFactory.create()
    complaint = complaint_make(provider=body, addressee=ComplaintAddressee.QUALITY_AUTHORITY)
    qa = inspector()
    services.complaint_study_record(complaint=complaint, actor=qa, text="Мерзім бұзылғаны расталды.")
    rec = services.recommendation_issue(
        complaint=complaint,
        actor=qa,
        text="Анықтаманы беру.",
        due_on=D(2026, 11, 30),
        issued_on=D(2026, 11, 16),
    )
    assert rec.organisation == body
    rec = services.recommendation_control(
        recommendation=rec, actor=qa, fulfilled_on=D(2026, 11, 27), in_full=True
    )
    assert rec.status == RecommendationStatus.FULFILLED


@pytest.mark.parametrize(
    ("rule", "fulfilled_on", "in_full"),
    [
        ("Law 25.3.3 late", D(2026, 12, 1), True),
        ("Law 25.3.3 not in full", D(2026, 11, 27), False),
        ("Law 25.3.3 not at all", None, False),
    ],
)
def test_law_25_3_recommendation_not_fulfilled(
    rule: str, fulfilled_on: dt.date | None, in_full: bool
) -> None:
    complaint = complaint_make(addressee=ComplaintAddressee.QUALITY_AUTHORITY)
    qa = inspector()
    rec = services.recommendation_issue(
        complaint=complaint,
        actor=qa,
        text="Қалпына келтіру.",
        due_on=D(2026, 11, 30),
        issued_on=D(2026, 11, 16),
    )
    rec = services.recommendation_control(
        recommendation=rec, actor=qa, fulfilled_on=fulfilled_on, in_full=in_full
    )
    assert rec.status == RecommendationStatus.NOT_FULFILLED, rule


def test_law_25_3_recommendations_only_on_complaints_to_the_quality_authority() -> None:
    body = OrganisationFactory.create()
    complaint = complaint_make(provider=body)
    with pytest.raises(AccessDenied):  # the inspector may not act on a complaint to the body
        services.recommendation_issue(
            complaint=complaint, actor=inspector(), text="x", due_on=D(2026, 12, 30)
        )
    with pytest.raises(ApplicationError) as exc:
        services.complaint_study_record(complaint=complaint, actor=officer(body), text="x")
    assert exc.value.code == ComplaintErrorCode.NOT_QUALITY_AUTHORITY


def test_law_25_3_2_no_recommendation_to_the_state_corporation() -> None:
    branch = OrganisationFactory.create(kind="state_corporation_branch")
    complaint = complaint_make(provider=branch, addressee=ComplaintAddressee.QUALITY_AUTHORITY)
    with pytest.raises(ApplicationError) as exc:
        services.recommendation_issue(complaint=complaint, actor=inspector(), text="x", due_on=D(2099, 1, 1))
    assert exc.value.code == ComplaintErrorCode.RECOMMENDATION_NOT_NEEDED
