"""Public monitoring (Law 29): registration (29.1), requests for information and their
refusals (29.2), the conclusion in four parts (29.3), the measures of the bodies (29.4); who
may act at each step, and what a refusal keeps and writes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import override_settings

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import AuditLog
from qyzmet.monitoring import selectors, services
from qyzmet.monitoring.enums import (
    ConclusionStatus,
    MonitoringBasis,
    MonitoringStatus,
    MonitorKind,
    RefusalGround,
    RequestStatus,
)
from qyzmet.monitoring.errors import MonitoringErrorCode as E
from qyzmet.monitoring.models import InformationRequest, Measure, Monitoring
from qyzmet.monitoring.tests.factories import Scene, make_scene, register
from qyzmet.notify.models import OutboxMessage
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.tests.factories import OrganisationFactory, UserFactory, make_bin
from qyzmet.quality.tests.factories import inspector

pytestmark = pytest.mark.django_db

D = dt.date


def _four_parts(scene: Scene, monitoring: Monitoring) -> None:
    services.conclusion_save(
        actor=scene.monitor,
        monitoring=monitoring,
        compliance="Мерзімдер негізінен сақталады.",
        recommendations="Кезектегі күту уақытын қысқарту.",
        quality_proposals="Электрондық кезекті енгізу.",
        bylaw_proposals=[(scene.service, "Стандартқа SMS-хабарламаны қосу.")],
    )


# --- 29.1 ---------------------------------------------------------------------------------------


def test_law_29_1_an_individual_identified_by_iin_registers_a_monitoring_audited() -> None:
    scene = make_scene()
    monitoring = register(scene)
    assert monitoring.number.startswith("MN-2026-")
    assert monitoring.status == MonitoringStatus.IN_PROGRESS
    assert set(monitoring.bodies.all()) == {scene.body, scene.corporation}
    assert monitoring.author_name  # an individual's conclusion is published under their name
    assert AuditLog.objects.filter(action="monitoring.registered", object_id=str(monitoring.pk)).exists()


def test_law_29_1_an_account_without_iin_is_refused_and_nothing_is_written() -> None:
    scene = make_scene()
    with pytest.raises(ApplicationError) as exc:
        register(scene, actor=UserFactory.create(iin=""))
    assert exc.value.code == E.NOT_IDENTIFIED
    assert "29" in exc.value.message_for("kk") and "29" in exc.value.message_for("ru")
    assert not Monitoring.objects.exists()


def test_law_29_1_a_non_profit_needs_its_name_and_a_bin_that_is_no_state_body() -> None:
    scene = make_scene()
    state_bin = make_bin(D(2001, 5, 1), serial=7)
    OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY, bin=state_bin)
    with pytest.raises(ApplicationError) as exc:
        register(scene, monitor_kind=MonitorKind.NON_PROFIT, organisation_bin="123")
    assert set(exc.value.fields) == {"organisation_name", "organisation_bin"}
    with pytest.raises(ApplicationError) as exc:
        register(
            scene, monitor_kind=MonitorKind.NON_PROFIT, organisation_name="ҚБ", organisation_bin=state_bin
        )
    assert set(exc.value.fields) == {"organisation_bin"}
    ngo_bin = make_bin(D(2015, 3, 1), serial=11)
    monitoring = register(
        scene,
        monitor_kind=MonitorKind.NON_PROFIT,
        organisation_name="«Ашық қызмет» ҚҚ",
        organisation_bin=ngo_bin,
    )
    assert (monitoring.organisation_bin, monitoring.author_name) == (ngo_bin, "«Ашық қызмет» ҚҚ")
    assert selectors.public_author(monitoring) == "«Ашық қызмет» ҚҚ"


def _ngo(**overrides: Any) -> dict[str, Any]:
    return {
        "monitor_kind": MonitorKind.NON_PROFIT,
        "organisation_name": "«Ашық қызмет» ҚБ",
        "organisation_bin": make_bin(D(2015, 3, 1), serial=4411),
        **overrides,
    }


def test_law_29_1_a_social_order_needs_its_reference_and_date_every_problem_at_once() -> None:
    scene = make_scene()
    with pytest.raises(ApplicationError) as exc:
        register(scene, **_ngo(basis=MonitoringBasis.SOCIAL_ORDER, subject="", period_end=D(2026, 8, 1)))
    assert set(exc.value.fields) == {"social_order_reference", "social_order_date", "subject", "period_end"}
    assert exc.value.field_messages_for("ru")["social_order_reference"].startswith("Укажите")
    assert not Monitoring.objects.exists()
    monitoring = register(
        scene,
        **_ngo(
            basis=MonitoringBasis.SOCIAL_ORDER,
            social_order_reference="№ 14-ӘТ/2026",
            social_order_date=D(2026, 3, 2),
        ),
    )
    assert monitoring.social_order_reference == "№ 14-ӘТ/2026"


def test_law_29_1_a_state_social_order_is_conducted_by_a_non_profit_organisation_not_an_individual() -> None:
    scene = make_scene()
    with pytest.raises(ApplicationError) as exc:
        register(
            scene,
            monitor_kind=MonitorKind.INDIVIDUAL,
            basis=MonitoringBasis.SOCIAL_ORDER,
            social_order_reference="№ 14-ӘТ/2026",
            social_order_date=D(2026, 3, 2),
        )
    assert set(exc.value.fields) == {"basis"}
    assert "29" in exc.value.field_messages_for("kk")["basis"]
    assert "некоммерческая организация" in exc.value.field_messages_for("ru")["basis"]
    assert not Monitoring.objects.exists()
    assert register(scene, monitor_kind=MonitorKind.INDIVIDUAL).basis == MonitoringBasis.OWN_INITIATIVE


def test_law_29_1_only_bodies_delivering_services_or_the_state_corporation_are_monitored() -> None:
    scene = make_scene()
    ucc = OrganisationFactory.create(kind=OrganisationKind.CONTACT_CENTRE)
    with pytest.raises(ApplicationError) as exc:
        register(scene, bodies=[ucc])
    assert set(exc.value.fields) == {"bodies"}


# --- 29.2 ---------------------------------------------------------------------------------------


@override_settings(QYZMET_MONITORING_ANSWER_DAYS=15)
def test_law_29_2_a_request_is_due_in_the_set_calendar_days_and_the_addressee_is_told() -> None:
    scene = make_scene()
    monitoring = register(scene)
    request = services.information_request_send(
        actor=scene.monitor, monitoring=monitoring, addressee=scene.body, question="Кезек ұзақтығы қандай?"
    )
    # sent Monday 23.11.2026: the term runs from the 24th, 15 calendar days end on Tue 8.12
    assert request.due_on == D(2026, 12, 8)
    assert request.status == RequestStatus.PENDING
    assert OutboxMessage.objects.filter(to="body@example.kz", kind="monitoring").count() == 1


@override_settings(QYZMET_MONITORING_ANSWER_DAYS=5)
def test_law_29_2_a_term_ending_on_a_day_off_ends_on_the_next_working_day() -> None:
    scene = make_scene()
    request = services.information_request_send(
        actor=scene.monitor, monitoring=register(scene), addressee=scene.body, question="?"
    )
    assert request.due_on == D(2026, 11, 30)  # Sat 28.11 -> Mon 30.11


def test_law_29_2_only_the_monitor_sends_requests_for_their_monitoring() -> None:
    scene = make_scene()
    monitoring = register(scene)
    for stranger in (UserFactory.create(), scene.body_officer, inspector()):
        with pytest.raises(ApplicationError) as exc:
            services.information_request_send(
                actor=stranger, monitoring=monitoring, addressee=scene.body, question="?"
            )
        assert exc.value.code == E.NOT_MONITOR
    assert not InformationRequest.objects.exists()


def test_law_29_2_a_request_needs_an_addressee_the_law_names_and_a_question() -> None:
    scene = make_scene()
    ucc = OrganisationFactory.create(kind=OrganisationKind.CONTACT_CENTRE)
    with pytest.raises(ApplicationError) as exc:
        services.information_request_send(
            actor=scene.monitor, monitoring=register(scene), addressee=ucc, question=" "
        )
    assert set(exc.value.fields) == {"addressee", "question"}


def test_law_29_2_only_the_addressed_body_staff_answer_a_request() -> None:
    scene = make_scene()
    monitoring = register(scene)
    request = services.information_request_send(
        actor=scene.monitor, monitoring=monitoring, addressee=scene.body, question="?"
    )
    for stranger in (scene.monitor, scene.other_officer, scene.corporation_head, inspector()):
        with pytest.raises(ApplicationError) as exc:
            services.information_request_answer(actor=stranger, request=request, answer_text="Жауап")
        assert exc.value.code == E.NOT_ADDRESSEE
        with pytest.raises(ApplicationError):
            services.information_request_refuse(
                actor=stranger, request=request, ground=RefusalGround.STATE_SECRET, reason="x"
            )
    services.information_request_answer(
        actor=scene.body_officer, request=request, answer_text="Орташа 12 минут."
    )
    request.refresh_from_db()
    assert (request.status, request.answered_by) == (RequestStatus.ANSWERED, scene.body_officer)
    with pytest.raises(ApplicationError) as exc:
        services.information_request_answer(actor=scene.body_officer, request=request, answer_text="Тағы")
    assert exc.value.code == E.REQUEST_CLOSED


def test_law_29_2_a_secret_is_refused_only_on_a_ground_with_its_reason() -> None:
    scene = make_scene()
    request = services.information_request_send(
        actor=scene.monitor,
        monitoring=register(scene),
        addressee=scene.corporation,
        question="Серверлер қайда?",
    )
    head = scene.corporation_head
    with pytest.raises(ApplicationError) as exc:
        services.information_request_refuse(actor=head, request=request, ground="dislike", reason="")
    assert set(exc.value.fields) == {"refusal_ground", "refusal_reason"}
    with pytest.raises(ApplicationError) as exc:
        services.information_request_refuse(
            actor=head, request=request, ground=RefusalGround.PUBLISHED_ONLINE, reason="сайтта бар"
        )
    assert set(exc.value.fields) == {"refusal_reason"}
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING
    services.information_request_refuse(
        actor=head,
        request=request,
        ground=RefusalGround.STATE_SECRET,
        reason="Объектілердің орналасуы мемлекеттік құпияларға жатады.",
    )
    request.refresh_from_db()
    assert (request.status, request.refusal_ground) == (RequestStatus.REFUSED, RefusalGround.STATE_SECRET)
    assert AuditLog.objects.filter(action="monitoring.request_refused").count() == 1


def test_law_29_2_a_monitor_sees_only_their_own_requests_until_the_conclusion_is_published() -> None:
    scene = make_scene()
    monitoring = register(scene)
    request = services.information_request_send(
        actor=scene.monitor, monitoring=monitoring, addressee=scene.body, question="?"
    )
    other_monitor = make_scene().monitor
    for outsider in (other_monitor, scene.other_officer, inspector()):
        with pytest.raises(AccessDenied):
            selectors.request_list_for(user=outsider, monitoring=monitoring)
        with pytest.raises(AccessDenied):
            selectors.access_information_request(user=outsider, number=request.number)
    assert list(selectors.request_list_for(user=scene.monitor, monitoring=monitoring)) == [request]
    assert selectors.access_information_request(user=scene.body_officer, number=request.number) == request
    services.information_request_answer(actor=scene.body_officer, request=request, answer_text="Жауап")
    _four_parts(scene, monitoring)
    services.conclusion_publish(actor=scene.monitor, conclusion=monitoring.conclusion)
    assert list(selectors.request_list_for(user=other_monitor, monitoring=monitoring)) == [request]


# --- 29.3 ---------------------------------------------------------------------------------------


def test_law_29_3_a_conclusion_is_published_only_with_its_four_parts() -> None:
    scene = make_scene()
    monitoring = register(scene)
    conclusion = services.conclusion_save(
        actor=scene.monitor, monitoring=monitoring, compliance="", recommendations="", quality_proposals=""
    )
    with pytest.raises(ApplicationError) as exc:
        services.conclusion_publish(actor=scene.monitor, conclusion=conclusion)
    assert set(exc.value.fields) == {
        "compliance",
        "recommendations",
        "quality_proposals",
        "bylaw_proposals_text",
    }
    assert "29.3" in exc.value.field_messages_for("kk")["compliance"]
    conclusion.refresh_from_db()
    assert conclusion.status == ConclusionStatus.DRAFT
    assert not selectors.conclusion_list().exists()


def test_law_29_3_only_the_monitor_writes_and_publishes_the_conclusion() -> None:
    scene = make_scene()
    monitoring = register(scene)
    for stranger in (scene.body_officer, inspector(), make_scene().monitor):
        with pytest.raises(ApplicationError) as exc:
            services.conclusion_save(
                actor=stranger,
                monitoring=monitoring,
                compliance="a",
                recommendations="b",
                quality_proposals="c",
            )
        assert exc.value.code == E.NOT_MONITOR
    _four_parts(scene, monitoring)
    with pytest.raises(ApplicationError) as exc:
        services.conclusion_publish(actor=scene.body_officer, conclusion=monitoring.conclusion)
    assert exc.value.code == E.NOT_MONITOR


def test_law_29_3_a_conclusion_waits_while_an_answer_term_still_runs() -> None:
    scene = make_scene()
    monitoring = register(scene)
    services.information_request_send(
        actor=scene.monitor, monitoring=monitoring, addressee=scene.body, question="?"
    )
    _four_parts(scene, monitoring)
    with pytest.raises(ApplicationError) as exc:
        services.conclusion_publish(actor=scene.monitor, conclusion=monitoring.conclusion)
    assert exc.value.code == E.ANSWER_PENDING
    # after the term has run out without an answer the monitor may publish
    later = dt.datetime(2026, 12, 21, 10, 0, tzinfo=dt.UTC)
    conclusion = services.conclusion_publish(actor=scene.monitor, conclusion=monitoring.conclusion, now=later)
    assert conclusion.published_on == D(2026, 12, 21)


def test_law_29_3_a_published_conclusion_ends_the_monitoring_and_is_not_changed() -> None:
    scene = make_scene()
    monitoring = register(scene)
    _four_parts(scene, monitoring)
    conclusion = services.conclusion_publish(actor=scene.monitor, conclusion=monitoring.conclusion)
    monitoring.refresh_from_db()
    assert monitoring.status == MonitoringStatus.CONCLUDED
    with pytest.raises(ApplicationError) as exc:
        services.conclusion_publish(actor=scene.monitor, conclusion=conclusion)
    assert exc.value.code == E.PUBLISHED
    with pytest.raises(ApplicationError) as exc:
        services.information_request_send(
            actor=scene.monitor, monitoring=monitoring, addressee=scene.body, question="?"
        )
    assert exc.value.code == E.CONCLUDED
    assert OutboxMessage.objects.filter(to="body@example.kz", subject__contains=conclusion.number).exists()


# --- 29.4 ---------------------------------------------------------------------------------------


def _published(scene: Scene) -> Monitoring:
    monitoring = register(scene)
    _four_parts(scene, monitoring)
    services.conclusion_publish(actor=scene.monitor, conclusion=monitoring.conclusion)
    monitoring.refresh_from_db()
    return monitoring


def test_law_29_4_only_the_staff_of_a_body_covered_record_its_measures() -> None:
    scene = make_scene()
    conclusion = _published(scene).conclusion
    for stranger, body in (
        (scene.monitor, scene.body),
        (scene.other_officer, scene.body),
        (inspector(), scene.body),
        (scene.corporation_head, scene.body),
    ):
        with pytest.raises(ApplicationError) as exc:
            services.measure_record(
                actor=stranger, conclusion=conclusion, body=body, text="x", taken_on=D(2026, 11, 23)
            )
        assert exc.value.code == E.NOT_ADDRESSEE
    with pytest.raises(ApplicationError) as exc:
        services.measure_record(
            actor=scene.other_officer,
            conclusion=conclusion,
            body=scene.other_body,
            text="x",
            taken_on=D(2026, 11, 23),
        )
    assert exc.value.code == E.NOT_ADDRESSED_BODY
    assert not Measure.objects.exists()


def test_law_29_4_a_measure_is_dated_between_the_publication_and_today() -> None:
    scene = make_scene()
    conclusion = _published(scene).conclusion
    for day in (D(2026, 11, 22), D(2026, 11, 24), None):
        with pytest.raises(ApplicationError) as exc:
            services.measure_record(
                actor=scene.body_officer,
                conclusion=conclusion,
                body=scene.body,
                text="Кесте өзгертілді",
                taken_on=day,
            )
        assert set(exc.value.fields) == {"taken_on"}
    measure = services.measure_record(
        actor=scene.body_officer,
        conclusion=conclusion,
        body=scene.body,
        text="Кесте өзгертілді",
        taken_on=D(2026, 11, 23),
    )
    assert list(selectors.measure_list(body=scene.body, year=2026)) == [measure]


def test_law_29_4_no_measure_on_a_draft_conclusion() -> None:
    scene = make_scene()
    monitoring = register(scene)
    _four_parts(scene, monitoring)
    with pytest.raises(ApplicationError) as exc:
        services.measure_record(
            actor=scene.body_officer,
            conclusion=monitoring.conclusion,
            body=scene.body,
            text="x",
            taken_on=D(2026, 11, 23),
        )
    assert exc.value.code == E.NOT_PUBLISHED


# --- the interface other apps read ---------------------------------------------------------------


def test_law_29_3_conclusion_list_filters_by_body_service_and_year_and_hides_drafts() -> None:
    scene = make_scene()
    published = _published(scene).conclusion
    draft_monitoring = register(scene, bodies=[scene.other_body], services=[])
    services.conclusion_save(
        actor=scene.monitor,
        monitoring=draft_monitoring,
        compliance="a",
        recommendations="b",
        quality_proposals="c",
    )
    assert list(selectors.conclusion_list()) == [published]
    assert list(selectors.conclusion_list(body=scene.body)) == [published]
    assert list(selectors.conclusion_list(body=scene.other_body)) == []
    assert list(selectors.conclusion_list(service=scene.service, year=2026)) == [published]
    assert list(selectors.conclusion_list(year=2025)) == []
    assert selectors.conclusion_list(published_only=False).count() == 2


def test_law_29_3_and_psc_6_the_psc_list_reads_the_published_conclusions_about_a_service() -> None:
    from qyzmet.pscselection.selectors import monitoring_conclusions

    scene = make_scene()
    assert monitoring_conclusions(service_ids={scene.service.pk}) == {}  # a draft is not read
    monitoring = _published(scene)
    rows = monitoring_conclusions(service_ids={scene.service.pk})
    [row] = rows[scene.service.pk]
    assert row["number"] == monitoring.conclusion.number
    assert row["summary"].startswith(f"№ {monitoring.conclusion.number}, ")
