"""The yearly report on public-service activity (Law 23.5) and its public hearing (Law 23.6):
built from the body's data with its own narrative in kk and ru, published by its head as a page
and signed PDFs; a hearing announced with date and place; the public's comments moderated by a
published rule; the minutes and how the results were used; the bodies without a hearing in a
year flagged to the quality authority."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from qyzmet.complaints.tests.factories import complaint_make
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import AuditLog, SignedDocument, User
from qyzmet.delivery.enums import Channel
from qyzmet.notify.models import OutboxMessage
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.tests.factories import RecipientFactory
from qyzmet.oversight import jobs, selectors, services
from qyzmet.oversight.enums import CommentRejection, CommentStatus, HearingStatus, ReportStatus
from qyzmet.oversight.errors import OversightErrorCode as E
from qyzmet.oversight.models import Hearing, HearingComment, HearingMissingFlag, YearlyReport
from qyzmet.oversight.tests.factories import (
    Body,
    D,
    body_make,
    hearing_make,
    local,
    quality_authority,
    quality_inspector,
    report_make,
    staff,
)
from qyzmet.quality.tests.factories import application_make
from qyzmet.quality.tests.factories import local as q_local

pytestmark = pytest.mark.django_db


# --- Law 23.5: the report ----------------------------------------------------------------------


def test_law_23_5_the_report_is_built_from_the_body_data_by_service_and_channel() -> None:
    from qyzmet.delivery.tests.factories import make_world

    world = make_world()
    body = world.provider  # a district akimat, a local executive body
    officer = staff(body)
    for channel in (Channel.PROVIDER, Channel.PROVIDER, Channel.EGOV_PORTAL):
        application_make(
            world,
            due_on=D(2025, 6, 10),
            decided_at=q_local(2025, 6, 9),
            channel=channel,
            received_at=q_local(2025, 6, 2),
        )
    complaint_make(provider=body, registered_on=D(2025, 7, 1))
    report = services.report_create(actor=officer, body=body, year=2025, today=D(2026, 2, 2))
    [row] = report.figures["volumes"]
    assert row["code"] == world.service.code
    assert row["channels"] == {"egov_portal": 1, "provider": 2} and row["total"] == 3
    assert report.figures["complaints"]["total"] == 1
    assert [r["indicator"] for r in report.figures["indicators"]][:1] == ["1.1"]
    assert report.status == ReportStatus.DRAFT
    assert AuditLog.objects.filter(action="oversight.report_create").count() == 1


def test_law_23_5_only_central_and_local_bodies_and_the_state_corporation_report() -> None:
    provider = body_make(OrganisationKind.OTHER_PROVIDER)
    with pytest.raises(ApplicationError) as exc:
        services.report_create(actor=provider.officer, body=provider.org, year=2025, today=D(2026, 2, 2))
    assert exc.value.code == E.NOT_REPORTING_BODY
    sc = body_make(OrganisationKind.STATE_CORPORATION)
    report = services.report_create(actor=sc.officer, body=sc.org, year=2025, today=D(2026, 2, 2))
    assert (
        report.figures["indicators"] == []
    )  # the State Corporation accepts; the indicators are the providers'
    assert YearlyReport.objects.count() == 1


def test_law_23_5_a_report_covers_a_year_that_is_over_once() -> None:
    body = body_make()
    with pytest.raises(ApplicationError) as exc:
        services.report_create(actor=body.officer, body=body.org, year=2026, today=D(2026, 11, 23))
    assert exc.value.code == E.REPORT_YEAR and "year" in exc.value.fields
    services.report_create(actor=body.officer, body=body.org, year=2025, today=D(2026, 11, 23))
    with pytest.raises(ApplicationError) as exc:
        services.report_create(actor=body.officer, body=body.org, year=2025, today=D(2026, 11, 23))
    assert exc.value.code == E.REPORT_EXISTS


@pytest.mark.parametrize("who", ["officer of another body", "head above", "inspector", "citizen"])
def test_law_23_5_only_the_body_itself_prepares_its_report(who: str) -> None:
    body = body_make(OrganisationKind.DISTRICT_AKIMAT)
    actors: dict[str, Callable[[], User]] = {
        "officer of another body": lambda: body_make().officer,
        "head above": lambda: staff(body.org.parent, StaffRole.PROVIDER_HEAD),  # type: ignore[arg-type]
        "inspector": quality_inspector,
        "citizen": RecipientFactory.create,
    }
    actor = actors[who]()
    with pytest.raises(AccessDenied) as exc:
        services.report_create(actor=actor, body=body.org, year=2025, today=D(2026, 2, 2))
    assert "23" in exc.value.message_for("ru")
    assert YearlyReport.objects.count() == 0


def test_law_23_5_the_head_publishes_with_the_narrative_in_kk_and_ru_as_signed_pdfs() -> None:
    body = body_make()
    report = services.report_create(actor=body.officer, body=body.org, year=2025, today=D(2026, 2, 2))
    with pytest.raises(AccessDenied):  # an officer prepares, the head publishes
        services.report_publish(report=report, actor=body.officer)
    with pytest.raises(ApplicationError) as exc:  # no narrative yet: both languages asked at once
        services.report_publish(report=report, actor=body.head)
    assert set(exc.value.fields) == {"narrative_kk", "narrative_ru"}
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    services.report_update(report=report, actor=body.officer, narrative_kk="Мәтін.", narrative_ru="Текст.")
    report = services.report_publish(report=report, actor=body.head, published_on=D(2026, 2, 10))
    assert report.status == ReportStatus.PUBLISHED and report.published_on == D(2026, 2, 10)
    assert set(
        SignedDocument.objects.filter(kind="oversight_report", number=report.number).values_list(
            "language", flat=True
        )
    ) == {"kk", "ru"}
    with pytest.raises(ApplicationError) as exc:
        services.report_update(report=report, actor=body.officer, narrative_kk="x", narrative_ru="y")
    assert exc.value.code == E.REPORT_PUBLISHED


def test_law_23_5_a_draft_is_not_public_a_published_report_is() -> None:
    body = body_make()
    draft = report_make(body, publish=False)
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(AccessDenied):
        selectors.access_report(user=AnonymousUser(), report=draft)  # type: ignore[arg-type]
    assert selectors.access_report(user=body.officer, report=draft) == draft
    assert selectors.access_report(user=quality_inspector(), report=draft) == draft
    assert list(selectors.report_list_published()) == []
    published = services.report_publish(report=draft, actor=body.head)
    assert selectors.access_report(user=AnonymousUser(), report=published) == published  # type: ignore[arg-type]
    assert list(selectors.report_list_published()) == [published]


# --- Law 23.6: the hearing ---------------------------------------------------------------------


def test_law_23_6_a_hearing_is_announced_on_a_published_report_with_date_and_place_ahead() -> None:
    body = body_make()
    draft = report_make(body, publish=False)
    with pytest.raises(ApplicationError) as exc:
        hearing_make(draft, body.officer)
    assert exc.value.code == E.REPORT_NOT_PUBLISHED
    report = services.report_publish(report=draft, actor=body.head)
    with pytest.raises(ApplicationError) as exc:
        services.hearing_announce(
            report=report,
            actor=body.officer,
            held_at=local(2026, 11, 1),
            place_kk="",
            place_ru=" ",
            now=local(2026, 11, 20),
        )
    assert set(exc.value.fields) == {"held_at", "place_kk", "place_ru"}
    assert Hearing.objects.count() == 0
    hearing = hearing_make(report, body.officer)
    assert hearing.status == HearingStatus.ANNOUNCED and hearing.body == body.org


def test_law_23_6_only_the_body_itself_announces_moderates_and_records() -> None:
    body = body_make()
    report = report_make(body)
    for intruder in (body_make().officer, quality_inspector(), RecipientFactory.create()):
        with pytest.raises(AccessDenied):
            hearing_make(report, intruder)
    hearing = hearing_make(report, body.officer)
    comment = services.hearing_comment_submit(hearing=hearing, text="Кезек ұзын.", now=local(2026, 11, 25))
    for intruder in (body_make().head, quality_inspector()):
        with pytest.raises(AccessDenied):
            services.hearing_comment_moderate(comment=comment, actor=intruder, publish=True)
        with pytest.raises(AccessDenied):
            services.hearing_minutes_record(
                hearing=hearing,
                actor=intruder,
                minutes_kk="x",
                minutes_ru="y",
                participants=3,
                now=local(2026, 12, 11),
            )


def test_law_23_6_comments_are_taken_until_the_hearing_begins_and_published_after_moderation() -> None:
    body = body_make()
    report = report_make(body)
    hearing = hearing_make(report, body.officer, held_at=local(2026, 12, 10, 15))
    citizen = RecipientFactory.create()
    kept = services.hearing_comment_submit(
        hearing=hearing,
        text="ХҚКО-да кезек ұзын.",
        author_name="Айгүл",
        author=citizen,
        now=local(2026, 11, 25),
    )
    off_topic = services.hearing_comment_submit(
        hearing=hearing, text="Жарнама", language="ru", now=local(2026, 11, 26)
    )
    with pytest.raises(ApplicationError) as exc:
        services.hearing_comment_submit(hearing=hearing, text=" ", now=local(2026, 11, 26))
    assert set(exc.value.fields) == {"text"}
    with pytest.raises(ApplicationError) as exc:
        services.hearing_comment_submit(hearing=hearing, text="Кеш.", now=local(2026, 12, 10, 15))
    assert exc.value.code == E.COMMENTS_CLOSED
    assert HearingComment.objects.count() == 2
    assert list(selectors.published_comments(hearing=hearing)) == []  # nothing public before moderation
    with pytest.raises(ApplicationError) as exc:  # withheld only for a reason of the rule
        services.hearing_comment_moderate(comment=off_topic, actor=body.officer, publish=False, rejection="")
    assert exc.value.code == E.COMMENT_NO_REASON
    services.hearing_comment_moderate(comment=kept, actor=body.officer, publish=True)
    services.hearing_comment_moderate(
        comment=off_topic, actor=body.officer, publish=False, rejection=CommentRejection.ADVERTISING
    )
    assert list(selectors.published_comments(hearing=hearing)) == [kept]
    assert selectors.rejected_counts(hearing=hearing) == {"advertising": 1}
    with pytest.raises(ApplicationError) as exc:
        services.hearing_comment_moderate(
            comment=kept, actor=body.officer, publish=False, rejection="off_topic"
        )
    assert exc.value.code == E.COMMENT_MODERATED
    assert HearingComment.objects.get(pk=kept.pk).status == CommentStatus.PUBLISHED


def test_law_23_6_minutes_after_the_hearing_with_every_comment_moderated_then_how_results_were_used() -> None:
    body = body_make()
    report = report_make(body)
    hearing = hearing_make(report, body.officer, held_at=local(2026, 12, 10, 15))
    comment = services.hearing_comment_submit(hearing=hearing, text="Ұсыныс.", now=local(2026, 11, 25))
    minutes: dict[str, Any] = {"minutes_kk": "Хаттама.", "minutes_ru": "Протокол.", "participants": 42}
    with pytest.raises(ApplicationError) as exc:
        services.hearing_minutes_record(
            hearing=hearing, actor=body.officer, now=local(2026, 12, 10, 14), **minutes
        )
    assert exc.value.code == E.HEARING_NOT_YET
    with pytest.raises(ApplicationError) as exc:
        services.hearing_minutes_record(
            hearing=hearing, actor=body.officer, now=local(2026, 12, 11), **minutes
        )
    assert exc.value.code == E.HEARING_MINUTES  # a comment waits for moderation
    services.hearing_comment_moderate(comment=comment, actor=body.officer, publish=True)
    with pytest.raises(ApplicationError) as exc:
        services.hearing_minutes_record(
            hearing=hearing,
            actor=body.officer,
            minutes_kk="",
            minutes_ru="",
            participants=0,
            now=local(2026, 12, 11),
        )
    assert set(exc.value.fields) == {"minutes_kk", "minutes_ru", "participants"}
    with pytest.raises(ApplicationError) as exc:  # the results only after the minutes
        services.hearing_results_record(
            hearing=hearing, actor=body.officer, results_use_kk="x", results_use_ru="y"
        )
    assert exc.value.code == E.HEARING_STATE
    hearing = services.hearing_minutes_record(
        hearing=hearing, actor=body.officer, now=local(2026, 12, 11), **minutes
    )
    assert hearing.status == HearingStatus.HELD and hearing.participants == 42
    with pytest.raises(ApplicationError) as exc:
        services.hearing_results_record(
            hearing=hearing, actor=body.officer, results_use_kk="", results_use_ru="y"
        )
    assert set(exc.value.fields) == {"results_use_kk"}
    hearing = services.hearing_results_record(
        hearing=hearing,
        actor=body.officer,
        results_use_kk="Кезекті қысқарту үшін стандартқа өзгеріс ұсынылды.",
        results_use_ru="Для сокращения очередей предложено изменение стандарта.",
        recorded_on=D(2026, 12, 20),
    )
    assert hearing.results_use("ru").startswith("Для сокращения")


# --- Law 23.6: the sweep -----------------------------------------------------------------------


def _held(body: Body, year: int) -> Hearing:
    report = report_make(body, year=year - 1)
    hearing = services.hearing_announce(
        report=report,
        actor=body.officer,
        held_at=local(year, 3, 12, 15),
        place_kk="Зал",
        place_ru="Зал",
        now=local(year, 3, 1),
    )
    return services.hearing_minutes_record(
        hearing=hearing,
        actor=body.officer,
        minutes_kk="Хаттама.",
        minutes_ru="Протокол.",
        participants=5,
        now=local(year, 3, 13),
    )


def test_law_23_6_a_body_without_a_hearing_in_the_year_is_flagged_to_the_quality_authority_once() -> None:
    authority = quality_authority()  # a central state body itself: it held its hearing too
    held = body_make()
    announced_only = body_make(OrganisationKind.OBLAST_AKIMAT)
    silent = body_make(OrganisationKind.STATE_CORPORATION)
    provider = body_make(OrganisationKind.OTHER_PROVIDER)  # reports nothing: never flagged
    mine = [authority.pk, *(b.org.pk for b in (held, announced_only, silent, provider))]
    Organisation.objects.exclude(pk__in=mine).update(is_active=False)  # only these bodies count
    _held(held, 2026)
    _held(Body(authority, staff(authority, StaffRole.PROVIDER_HEAD), staff(authority), held.service), 2026)
    report = report_make(announced_only, year=2025)
    services.hearing_announce(
        report=report,
        actor=announced_only.officer,
        held_at=local(2026, 12, 30, 15),
        place_kk="Зал",
        place_ru="Зал",
        now=local(2026, 12, 1),
    )
    assert services.hearing_missing_sweep(today=D(2027, 1, 1)) == 2
    flagged = set(HearingMissingFlag.objects.filter(year=2026).values_list("body_id", flat=True))
    assert flagged == {announced_only.org.pk, silent.org.pk}
    assert provider.org.pk not in flagged and held.org.pk not in flagged
    [mail] = OutboxMessage.objects.filter(kind="oversight_hearing_missing")
    assert mail.to == "quality@example.kz"
    assert silent.org.name_kk in mail.body and silent.org.name_ru in mail.body
    assert services.hearing_missing_sweep(today=D(2027, 1, 2)) == 0  # once per body and year
    assert OutboxMessage.objects.filter(kind="oversight_hearing_missing").count() == 1
    assert list(
        selectors.hearing_missing_list(user=quality_inspector())
        .filter(year=2026)
        .values_list("body", flat=True)
    )


def test_law_23_6_the_flags_are_for_the_quality_authority_only() -> None:
    with pytest.raises(AccessDenied):
        selectors.hearing_missing_list(user=body_make().head)


def test_law_23_6_the_sweep_job_is_registered() -> None:
    [(name, interval, job)] = jobs.JOBS
    assert name == "oversight.hearing_sweep" and interval > 0
    assert isinstance(job(), int)


def test_law_23_6_a_hearing_counts_for_the_year_it_is_held_in_almaty() -> None:
    body = body_make()
    report = report_make(body, year=2025)
    hearing = services.hearing_announce(
        report=report,
        actor=body.officer,
        held_at=dt.datetime(2026, 12, 31, 20, 0, tzinfo=dt.UTC),
        place_kk="Зал",
        place_ru="Зал",
        now=local(2026, 12, 1),
    )  # 01:00 on 1 January 2027 in Almaty
    services.hearing_minutes_record(
        hearing=hearing,
        actor=body.officer,
        minutes_kk="Х.",
        minutes_ru="П.",
        participants=3,
        now=local(2027, 1, 2),
    )
    assert body.org not in selectors.bodies_without_hearing(year=2027)
    assert body.org in selectors.bodies_without_hearing(year=2026)
