"""The issue's "Done when": create, draft, 10-working-day discussion (Law 15), report,
agreement, approval (exactly one in force), Law 23.2 task."""

import datetime as dt
from typing import Any

import pytest
import time_machine

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory, UserFactory
from qyzmet.registry.enums import Channel, CommentDecision, DiscussionStatus, VersionStatus
from qyzmet.registry.models import DiscussionComment
from qyzmet.registry.selectors import contact_centre_update_tasks, standard_in_force
from qyzmet.registry.services import (
    discussion_close,
    discussion_comment_add,
    discussion_comment_decide,
    discussion_open,
    draft_agreement_record,
    service_create,
    standard_version_approve,
    standard_version_create,
    standard_version_mark_agreed,
    standard_version_register_approved,
)
from qyzmet.registry.tests.factories import LifeSituationFactory, std_required_rows
from qyzmet.workcalendar.calendar import add_working_days

pytestmark = pytest.mark.django_db

TZ = dt.timezone(dt.timedelta(hours=5))


def _at(day: dt.date) -> time_machine.travel:
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, 11, 0, tzinfo=TZ), tick=False)


def _version_rows() -> dict:
    return {
        **std_required_rows(
            result_description_kk="Сотталмағаны туралы анықтама",
            result_description_ru="Справка об отсутствии судимости",
        ),
        "channel_terms": [
            {"channel": Channel.EGOV_PORTAL, "term_amount": 1, "term_unit": "working_days"},
            {
                "channel": Channel.STATE_CORPORATION,
                "term_amount": 5,
                "term_unit": "working_days",
                "paper_dispatch": True,
            },
        ],
        "required_documents": [{"name_kk": "Өтініш", "name_ru": "Заявление"}],
    }


def test_done_when_the_developing_body_runs_the_whole_cycle() -> None:
    """The registry administrator keeps the register (Law 8); the central state body develops
    and approves the by-law (Law 10.1, 13.1): its officer drafts, its head approves; the interested
    body agrees the revised text (Law 15.4)."""
    admin = StaffPositionFactory.create(role=StaffRole.REGISTRY_ADMINISTRATOR).user
    body = OrganisationFactory.create()
    interested = OrganisationFactory.create()
    officer = StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER, organisation=body).user
    head = StaffPositionFactory.create(role=StaffRole.PROVIDER_HEAD, organisation=body).user
    agreeing = StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER, organisation=interested).user
    recipient = UserFactory.create()
    situation = LifeSituationFactory.create()

    with _at(dt.date(2026, 1, 5)):
        service = service_create(
            actor=admin,
            code="01010101",
            name_kk="Сотталғандығы туралы анықтама беру",
            name_ru="Выдача справки о судимости",
            sphere=situation.sphere,
            life_situation=situation,
            responsible_body=body,
            is_via_state_corporation=True,
        )
        first = standard_version_create(actor=officer, service=service, **_version_rows())
        standard_version_register_approved(actor=admin, version=first, effective_from=dt.date(2026, 1, 1))

    posted_on = dt.date(2026, 11, 2)  # Monday
    with _at(posted_on):
        draft = standard_version_create(actor=officer, service=service, **_version_rows())
        discussion = discussion_open(actor=officer, version=draft)
    # Law 15: 10 working days from posting.
    assert discussion.ends_on == add_working_days(posted_on, 10)
    draft.refresh_from_db()
    assert draft.status == VersionStatus.IN_DISCUSSION

    with _at(discussion.ends_on):
        comment = discussion_comment_add(
            author=recipient,
            discussion=discussion,
            text="Мерзімді қысқарту керек",
            field_name="channel_terms",
        )
    late_day = discussion.ends_on + dt.timedelta(days=1)
    with _at(late_day), pytest.raises(ApplicationError) as late:
        discussion_comment_add(author=recipient, discussion=discussion, text="Кеш ескерту")
    assert late.value.code == "registry.discussion_closed"
    assert set(late.value.messages) == {"kk", "ru", "en"}
    assert DiscussionComment.objects.filter(discussion=discussion).count() == 1

    with _at(late_day):
        discussion_comment_decide(
            actor=officer,
            comment=comment,
            decision=CommentDecision.ACCEPTED,
            reason="Мерзім 3 күнге қысқарды",
        )
        discussion = discussion_close(
            actor=officer, discussion=discussion, revised_draft_location="https://legalacts.egov.kz/x"
        )
    assert discussion.status == DiscussionStatus.CLOSED

    from qyzmet.registry.reports import discussion_report_pdf

    pdf = discussion_report_pdf(discussion=discussion, language="ru")
    assert pdf.startswith(b"%PDF")

    with _at(late_day):
        draft_agreement_record(actor=agreeing, version=draft, organisation=interested, agreed=True)
        standard_version_mark_agreed(actor=officer, version=draft)
    approved_on = dt.date(2026, 11, 20)
    with _at(approved_on):
        with pytest.raises(AccessDenied):
            standard_version_approve(actor=officer, version=draft, effective_from=dt.date(2027, 1, 1))
        with pytest.raises(AccessDenied):
            standard_version_approve(actor=admin, version=draft, effective_from=dt.date(2027, 1, 1))
        standard_version_approve(actor=head, version=draft, effective_from=dt.date(2027, 1, 1))
    draft.refresh_from_db()
    assert draft.approved_by == head

    first.refresh_from_db()
    assert first.effective_to == dt.date(2026, 12, 31)
    assert standard_in_force(service=service, on=dt.date(2026, 12, 31)).pk == first.pk
    assert standard_in_force(service=service, on=dt.date(2027, 1, 1)).pk == draft.pk
    # Law 23.2: contact-centre update within 3 working days of approval.
    [task] = contact_centre_update_tasks(service=service)
    assert task.due_on == add_working_days(approved_on, 3)


def _drafter(version: Any) -> Any:
    return StaffPositionFactory.create(
        role=StaffRole.PROVIDER_OFFICER,
        organisation=version.drafting_body,
    ).user


def test_law_15_comment_needs_a_signed_in_recipient() -> None:
    from django.contrib.auth.models import AnonymousUser

    from qyzmet.registry.tests.factories import BareServiceFactory, StandardVersionFactory

    version = StandardVersionFactory.create(
        service=BareServiceFactory.create(), status=VersionStatus.DRAFT, effective_from=None
    )
    discussion = discussion_open(actor=_drafter(version), version=version)
    with pytest.raises(AccessDenied):
        discussion_comment_add(author=AnonymousUser(), discussion=discussion, text="x")  # type: ignore[arg-type]


def test_law_15_2_only_the_developing_central_state_body_posts_a_draft() -> None:
    from qyzmet.registry.tests.factories import BareServiceFactory, StandardVersionFactory

    version = StandardVersionFactory.create(
        service=BareServiceFactory.create(), status=VersionStatus.DRAFT, effective_from=None
    )
    outsider = StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER).user
    registry_admin = StaffPositionFactory.create(role=StaffRole.REGISTRY_ADMINISTRATOR).user
    for refused in (outsider, registry_admin):
        with pytest.raises(AccessDenied):
            discussion_open(actor=refused, version=version)
    insider = StaffPositionFactory.create(
        role=StaffRole.PROVIDER_OFFICER, organisation=version.drafting_body
    ).user
    assert discussion_open(actor=insider, version=version).version == version


def test_law_15_report_cannot_be_published_before_the_window_ends() -> None:
    from qyzmet.registry.tests.factories import BareServiceFactory, StandardVersionFactory

    version = StandardVersionFactory.create(
        service=BareServiceFactory.create(), status=VersionStatus.DRAFT, effective_from=None
    )
    admin = _drafter(version)
    with _at(dt.date(2026, 11, 2)):
        discussion = discussion_open(actor=admin, version=version)
        with pytest.raises(ApplicationError):
            discussion_close(actor=admin, discussion=discussion, revised_draft_location="x")
