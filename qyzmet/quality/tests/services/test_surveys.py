"""Satisfaction surveys (STD appendix 2.1, 3.1, 4.1, 5.1): invitations after a result is issued
or a complaint answered, one answer per case, anonymity."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from qyzmet.complaints.enums import ComplaintOutcome
from qyzmet.complaints.services import complaint_answer
from qyzmet.complaints.tests.factories import complaint_make
from qyzmet.complaints.tests.factories import officer as complaints_officer
from qyzmet.core.errors import ApplicationError
from qyzmet.delivery.enums import ApplicationStatus
from qyzmet.notify.models import OutboxMessage
from qyzmet.quality import selectors, services
from qyzmet.quality.enums import CaseKind
from qyzmet.quality.errors import QualityErrorCode
from qyzmet.quality.models import SurveyAnswer, SurveyInvitation
from qyzmet.quality.tests.factories import application_make, invitation_make, make_world

pytestmark = pytest.mark.django_db


def test_std_appendix_job_invites_issued_applications_once_by_sms():
    w = make_world()
    now = timezone.now()
    app = application_make(w, due_on=dt.date(2026, 11, 30), decided_at=now, recipient_phone="+77011234567")
    application_make(w, due_on=dt.date(2026, 11, 30), status=ApplicationStatus.IN_WORK)  # not issued yet
    assert services.survey_invite_new(now=now) == 1
    assert services.survey_invite_new(now=now) == 0  # idempotent
    invitation = SurveyInvitation.objects.get()
    assert invitation.case_number == app.number
    assert invitation.channel == "sms"
    sms = OutboxMessage.objects.get(kind="quality_survey")
    assert invitation.token in sms.body and sms.to == "+77011234567"


def test_std_appendix_an_imported_history_of_cases_is_not_surveyed():
    """Cases bulk-loaded from another system (their numbers carry the import's prefix) are
    not asked about: only the cases this system decided are."""
    w = make_world()
    now = timezone.now()
    ours = application_make(w, due_on=dt.date(2026, 11, 30), decided_at=now, recipient_phone="+77011234567")
    imported = application_make(
        w, due_on=dt.date(2026, 11, 30), decided_at=now, recipient_phone="+77017654321"
    )
    type(imported).objects.filter(pk=imported.pk).update(number=f"HIST-{imported.number}")
    assert services.survey_invite_new(now=now, skip_prefixes=("HIST-",)) == 1
    assert list(SurveyInvitation.objects.values_list("case_number", flat=True)) == [ours.number]
    assert services.survey_invite_new(now=now) == 1  # without the prefix it is a case like any other


def test_std_appendix_job_invites_answered_complaint_in_cabinet_without_second_sms():
    complaint = complaint_make()
    reviewer = complaints_officer(complaint.reviewing_body, username="rev")
    complaint_answer(
        complaint=complaint, actor=reviewer, outcome=ComplaintOutcome.SATISFIED, answer_text="Қаралды."
    )
    assert services.survey_invite_new() == 1
    invitation = SurveyInvitation.objects.get(case_kind=CaseKind.COMPLAINT)
    assert invitation.recipient_user == complaint.complainant
    assert not OutboxMessage.objects.filter(kind="quality_survey").exists()  # complaints sent its own
    assert complaint.complainant is not None
    assert list(selectors.survey_pending_for(user=complaint.complainant)) == [invitation]


def test_one_answer_per_case_second_answer_is_refused():
    invitation = invitation_make()
    services.survey_answer_submit(token=invitation.token, scores={"process": 5})
    with pytest.raises(ApplicationError) as exc:
        services.survey_answer_submit(token=invitation.token, scores={"process": 1})
    assert exc.value.code == QualityErrorCode.SURVEY_ALREADY_ANSWERED
    assert exc.value.messages["kk"] and exc.value.messages["ru"]
    assert SurveyAnswer.objects.count() == 1


def test_one_invitation_per_case_is_a_database_constraint():
    invitation = invitation_make(case_number="KZ-1")
    again, created = services.survey_invitation_create(
        case_kind=CaseKind.APPLICATION,
        case_number="KZ-1",
        case_date=dt.date(2026, 11, 1),
        service=None,
        provider=None,
    )
    assert (again, created) == (invitation, False)
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyInvitation.objects.create(
            token="x", case_kind=CaseKind.APPLICATION, case_number="KZ-1", case_date=dt.date(2026, 11, 1)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyAnswer.objects.create(
            invitation=invitation, case_kind=CaseKind.APPLICATION, case_date=dt.date(2026, 11, 1)
        )
        SurveyAnswer.objects.create(
            invitation=invitation, case_kind=CaseKind.APPLICATION, case_date=dt.date(2026, 11, 1)
        )


def test_answer_forgets_the_account_anonymity():
    w = make_world()
    invitation = invitation_make(recipient_user=w.recipient)
    answer = services.survey_answer_submit(token=invitation.token, scores={"politeness": 4})
    invitation.refresh_from_db()
    assert invitation.recipient_user is None and invitation.answered_at is not None
    stored = {f.name for f in SurveyAnswer._meta.concrete_fields}
    assert not stored & {"recipient_user", "recipient_iin", "recipient_name", "case_number", "phone"}
    assert answer.politeness == 4


@pytest.mark.parametrize(
    ("scores", "code"),
    [
        ({}, QualityErrorCode.SURVEY_EMPTY),
        ({"process": None, "information": ""}, QualityErrorCode.SURVEY_EMPTY),
        ({"process": 6}, QualityErrorCode.SURVEY_BAD_SCORE),
        ({"process": "abc"}, QualityErrorCode.SURVEY_BAD_SCORE),
    ],
)
def test_bad_answers_are_refused_and_write_nothing(scores, code):
    invitation = invitation_make()
    with pytest.raises(ApplicationError) as exc:
        services.survey_answer_submit(token=invitation.token, scores=scores)
    assert exc.value.code == code
    assert not SurveyAnswer.objects.exists()
    invitation.refresh_from_db()
    assert invitation.answered_at is None


def test_complaint_survey_ignores_service_questions():
    invitation = invitation_make(case_kind=CaseKind.COMPLAINT)
    answer = services.survey_answer_submit(
        token=invitation.token, scores={"process": 5, "complaint_procedure": 2}
    )
    assert answer.process is None and answer.complaint_procedure == 2


def test_unknown_token_is_refused():
    with pytest.raises(ApplicationError) as exc:
        services.survey_answer_submit(token="nope", scores={"process": 5})
    assert exc.value.code == QualityErrorCode.SURVEY_NOT_FOUND


def test_sms_link_is_absolute_with_public_base_url(settings):
    settings.PUBLIC_BASE_URL = "https://qyzmet.example.kz/"
    invitation = invitation_make(phone="+77011234567")
    sms = OutboxMessage.objects.get(kind="quality_survey")
    assert f"https://qyzmet.example.kz/quality/survey/{invitation.token}/" in sms.body


def test_law_28_the_survey_records_the_channel_the_case_was_delivered_on_and_nothing_about_the_person():
    """Law 28 assesses the electronic form apart from the others, so each invitation (and its
    anonymous answer) keeps the channel of the application, or of the application a complaint
    is about."""
    from qyzmet.complaints.models import Complaint
    from qyzmet.delivery.enums import Channel

    w = make_world()
    now = timezone.now()
    app = application_make(w, due_on=dt.date(2026, 11, 30), decided_at=now, channel=Channel.EGOV_PORTAL)
    complaint = complaint_make()
    Complaint.objects.filter(pk=complaint.pk).update(application_number=app.number)
    complaint.refresh_from_db()
    reviewer = complaints_officer(complaint.reviewing_body, username="rev28")
    complaint_answer(
        complaint=complaint, actor=reviewer, outcome=ComplaintOutcome.SATISFIED, answer_text="Қаралды."
    )
    assert services.survey_invite_new(now=now) == 2
    of_app = SurveyInvitation.objects.get(case_kind=CaseKind.APPLICATION)
    of_complaint = SurveyInvitation.objects.get(case_kind=CaseKind.COMPLAINT)
    assert (of_app.delivery_channel, of_complaint.delivery_channel) == ("egov_portal", "egov_portal")
    answer = services.survey_answer_submit(token=of_app.token, scores={"process": 5})
    assert answer.delivery_channel == "egov_portal"
    assert invitation_make().delivery_channel == ""  # not known: blank
