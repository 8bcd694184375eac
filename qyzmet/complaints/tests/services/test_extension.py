"""Law 25.4: one extension by at most 10 working days on a stated ground; the complainant is
told with reasons within 3 working days, by letter (paper) or electronically."""

from __future__ import annotations

import datetime as dt

import pytest

from qyzmet.complaints import services
from qyzmet.complaints.enums import ComplaintAddressee, ComplaintChannel, ComplaintStatus, ExtensionGround
from qyzmet.complaints.errors import ComplaintErrorCode
from qyzmet.complaints.models import Complaint, ComplaintExtension
from qyzmet.complaints.tests.factories import complaint_make, inspector, officer
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import AuditLog
from qyzmet.notify.models import OutboxMessage
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.tests.factories import OrganisationFactory

D = dt.date
pytestmark = pytest.mark.django_db

# Registered Mon 02.11.2026 -> due Mon 09.11 (Law 25.2); extended Thu 05.11.
REGISTERED = D(2026, 11, 2)
EXTENDED_ON = D(2026, 11, 5)
THIRD_WORKING_DAY = D(2026, 11, 10)  # 6, 9, 10 November
FOURTH_WORKING_DAY = D(2026, 11, 11)


@pytest.fixture
def body() -> Organisation:
    return OrganisationFactory.create()


def _extend(complaint: Complaint, **kw: object) -> ComplaintExtension:
    args: dict[str, object] = {
        "complaint": complaint,
        "ground": ExtensionGround.ON_SITE_CHECK,
        "reasons": "Қызмет көрсету орнына барып тексеру қажет.",
        "working_days": 10,
        "extended_on": EXTENDED_ON,
    }
    args.update(kw)
    if "actor" not in args:
        args["actor"] = officer(complaint.reviewing_body, username=f"rev-{complaint.pk}")
    return services.complaint_extend(**args)  # type: ignore[arg-type]


def test_law_25_4_lawful_extension_by_ten_working_days(body: Organisation) -> None:
    complaint = complaint_make(provider=body, channel=ComplaintChannel.PAPER, registered_on=REGISTERED)
    extension = _extend(complaint)
    complaint.refresh_from_db()
    assert extension.previous_due_on == D(2026, 11, 9)
    assert extension.new_due_on == D(2026, 11, 23)  # 10 working days after 09.11
    assert complaint.due_on == D(2026, 11, 23)
    assert complaint.original_due_on == D(2026, 11, 9)
    assert complaint.status == ComplaintStatus.EXTENDED
    assert extension.notice_due_on == THIRD_WORKING_DAY
    assert extension.notice_sent_on is None  # the letter is sent by staff
    assert AuditLog.objects.filter(action="complaint.extend", object_id=str(complaint.pk)).exists()


def test_law_25_4_paper_notice_sent_on_the_third_working_day_is_in_time(body: Organisation) -> None:
    complaint = complaint_make(provider=body, channel=ComplaintChannel.PAPER, registered_on=REGISTERED)
    extension = _extend(complaint)
    extension = services.complaint_extension_notice_record(
        extension=extension, actor=None, sent_on=THIRD_WORKING_DAY
    )
    assert extension.notice_sent_on == THIRD_WORKING_DAY
    assert extension.notice_late is False


def test_law_25_4_paper_notice_sent_after_the_third_working_day_is_flagged_late(body: Organisation) -> None:
    complaint = complaint_make(provider=body, channel=ComplaintChannel.PAPER, registered_on=REGISTERED)
    extension = _extend(complaint)
    extension = services.complaint_extension_notice_record(
        extension=extension, actor=None, sent_on=FOURTH_WORKING_DAY
    )
    assert extension.notice_late is True


def test_law_25_4_electronic_complaint_is_told_at_once_through_the_outbox(body: Organisation) -> None:
    complaint = complaint_make(provider=body, channel=ComplaintChannel.ELECTRONIC, registered_on=REGISTERED)
    extension = _extend(complaint)
    assert extension.notice_sent_on == EXTENDED_ON
    assert extension.notice_late is False
    message = OutboxMessage.objects.get(kind="complaint_extension_notice")
    assert message.to == complaint.complainant_phone
    assert extension.reasons in message.body
    assert "23.11.2026" in message.body


def test_law_25_4_unsent_notice_is_flagged_late_by_the_sweep(body: Organisation) -> None:
    complaint = complaint_make(provider=body, channel=ComplaintChannel.PAPER, registered_on=REGISTERED)
    extension = _extend(complaint)
    services.complaint_review_breach_sweep(today=THIRD_WORKING_DAY)
    extension.refresh_from_db()
    assert extension.notice_late is False
    services.complaint_review_breach_sweep(today=FOURTH_WORKING_DAY)
    extension.refresh_from_db()
    assert extension.notice_late is True


@pytest.mark.parametrize(
    ("rule", "kwargs", "code"),
    [
        ("Law 25.4: an eleventh day", {"working_days": 11}, ComplaintErrorCode.EXTENSION_TOO_LONG),
        ("Law 25.4: zero days", {"working_days": 0}, ComplaintErrorCode.EXTENSION_TOO_LONG),
        ("Law 25.4: no ground", {"ground": ""}, ComplaintErrorCode.EXTENSION_NO_GROUND),
        ("Law 25.4: a ground not in the law", {"ground": "workload"}, ComplaintErrorCode.EXTENSION_NO_GROUND),
        ("Law 25.4: with reasons", {"reasons": " "}, ComplaintErrorCode.EXTENSION_NO_REASONS),
        ("term already expired", {"extended_on": D(2026, 11, 10)}, ComplaintErrorCode.EXTENSION_AFTER_TERM),
    ],
)
def test_law_25_4_unlawful_extension_is_refused(
    body: Organisation, rule: str, kwargs: dict[str, object], code: str
) -> None:
    complaint = complaint_make(provider=body, registered_on=REGISTERED)
    with pytest.raises(ApplicationError) as exc:
        _extend(complaint, **kwargs)
    assert exc.value.code == code, rule
    assert {"kk", "ru", "en"} <= set(exc.value.messages)
    complaint.refresh_from_db()
    assert complaint.due_on == D(2026, 11, 9)
    assert complaint.status == ComplaintStatus.REGISTERED
    assert not ComplaintExtension.objects.exists()
    assert not OutboxMessage.objects.filter(kind="complaint_extension_notice").exists()


def test_law_25_4_second_extension_is_refused(body: Organisation) -> None:
    complaint = complaint_make(provider=body, registered_on=REGISTERED)
    _extend(complaint, working_days=3)
    with pytest.raises(ApplicationError) as exc:
        _extend(complaint, working_days=3, extended_on=D(2026, 11, 9))
    assert exc.value.code == ComplaintErrorCode.EXTENSION_REPEATED
    complaint.refresh_from_db()
    assert complaint.due_on == D(2026, 11, 12)  # 09.11 + 3 working days, not extended again


def test_officer_of_another_body_may_not_extend(body: Organisation) -> None:
    complaint = complaint_make(provider=body, registered_on=REGISTERED)
    with pytest.raises(AccessDenied):
        _extend(complaint, actor=officer(OrganisationFactory.create(), username="stranger"))


@pytest.mark.parametrize(
    ("rule", "kind"),
    [
        ("Law 25.4 names no State Corporation", OrganisationKind.STATE_CORPORATION_BRANCH),
        ("Law 25.4 names no other provider", OrganisationKind.OTHER_PROVIDER),
    ],
)
def test_law_25_4_body_not_named_in_the_article_may_not_extend(rule: str, kind: str) -> None:
    body = OrganisationFactory.create(kind=kind)
    complaint = complaint_make(provider=body, registered_on=REGISTERED)
    role = (
        StaffRole.STATE_CORPORATION_OPERATOR
        if kind == OrganisationKind.STATE_CORPORATION_BRANCH
        else StaffRole.PROVIDER_OFFICER
    )
    with pytest.raises(ApplicationError) as exc:
        _extend(complaint, actor=officer(body, username="reviewer", role=role))
    assert exc.value.code == ComplaintErrorCode.EXTENSION_NOT_ALLOWED, rule
    assert not ComplaintExtension.objects.exists()


def test_law_25_4_quality_authority_may_extend_a_complaint_about_the_state_corporation() -> None:
    branch = OrganisationFactory.create(kind=OrganisationKind.STATE_CORPORATION_BRANCH)
    complaint = complaint_make(
        provider=branch, addressee=ComplaintAddressee.QUALITY_AUTHORITY, registered_on=REGISTERED
    )
    extension = _extend(complaint, actor=inspector(), extended_on=D(2026, 11, 20))
    assert extension.new_due_on == D(2026, 12, 7)  # 23.11 + 10 working days
