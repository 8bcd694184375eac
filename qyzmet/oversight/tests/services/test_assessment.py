"""The yearly quality assessment (Law 28, 7, 9, 26): by the quality assessment and control
authority for a service delivered other than electronically, by the informatization authority
for one delivered electronically (the wrong one refused); it gathers the indicators against
their norms and targets (STD 19-20), the complaints and their review-term breaches, the missed
terms, the refusals to the contact centre (UCC 12) and the public monitoring conclusions; the
assessor records findings and a rating and signs (PDF kk/ru); the assessed body then sees it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from qyzmet.complaints.tests.factories import complaint_make
from qyzmet.contactcentre.enums import RequestStatus
from qyzmet.contactcentre.models import InformationRequest
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import AuditLog, SignedDocument, User
from qyzmet.delivery.enums import Channel, TermViolationKind
from qyzmet.delivery.models import TermViolation
from qyzmet.delivery.tests.factories import make_world
from qyzmet.notify.models import OutboxMessage
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, RecipientFactory
from qyzmet.oversight import selectors, services
from qyzmet.oversight.enums import AssessmentStatus, DeliveryForm, Rating
from qyzmet.oversight.errors import OversightErrorCode as E
from qyzmet.oversight.models import Assessment
from qyzmet.oversight.tests.factories import (
    Body,
    D,
    body_make,
    informatization_inspector,
    quality_inspector,
    staff,
)
from qyzmet.quality.models import IndicatorNorm
from qyzmet.quality.tests.factories import application_make
from qyzmet.quality.tests.factories import local as q_local
from qyzmet.registry.models import Service
from qyzmet.registry.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db
TODAY = D(2026, 11, 23)


def _open(
    actor: User,
    body: Body,
    *,
    form: str = DeliveryForm.OTHER,
    year: int = 2025,
    service: Service | None = None,
) -> Assessment:
    return services.assessment_open(
        actor=actor, body=body.org, service=service or body.service, year=year, form=form, today=TODAY
    )


@pytest.mark.parametrize(
    ("form", "right", "wrong"),
    [
        (DeliveryForm.OTHER, quality_inspector, informatization_inspector),  # Law 28, first paragraph; Law 7
        (
            DeliveryForm.ELECTRONIC,
            informatization_inspector,
            quality_inspector,
        ),  # Law 28, second paragraph; Law 9
    ],
)
def test_law_28_and_7_and_9_each_form_is_assessed_by_its_authority_and_the_other_refused(
    form, right, wrong
) -> None:
    body = body_make()
    with pytest.raises(AccessDenied) as exc:
        _open(wrong(), body, form=form)
    assert "28" in exc.value.message_for("kk") and "28" in exc.value.message_for("ru")
    assert Assessment.objects.count() == 0
    assessment = _open(right(), body, form=form)
    assert assessment.form == form
    assert assessment.authority.is_informatization_authority == (form == DeliveryForm.ELECTRONIC)
    assert assessment.authority.is_quality_authority == (form == DeliveryForm.OTHER)
    assert assessment.number == f"QA-2025-{assessment.pk:05d}"
    assert assessment.status == AssessmentStatus.DRAFT
    assert AuditLog.objects.filter(action="oversight.assessment_open").count() == 1


@pytest.mark.parametrize("who", ["provider head", "provider officer", "operator", "citizen"])
def test_law_28_no_one_else_assesses(who: str) -> None:
    body = body_make()
    actors: dict[str, Callable[[], User]] = {
        "provider head": lambda: body.head,
        "provider officer": lambda: body.officer,
        "operator": lambda: staff(
            OrganisationFactory.create(kind=OrganisationKind.STATE_CORPORATION_BRANCH),
            StaffRole.STATE_CORPORATION_OPERATOR,
        ),
        "citizen": RecipientFactory.create,
    }
    actor = actors[who]()
    for form in DeliveryForm.values:
        with pytest.raises(AccessDenied):
            _open(actor, body, form=form)
    assert Assessment.objects.count() == 0


def test_law_28_and_21_only_a_service_delivered_electronically_has_an_electronic_assessment() -> None:
    body = body_make(is_electronic_capable=False)
    with pytest.raises(ApplicationError) as exc:
        _open(informatization_inspector(), body, form=DeliveryForm.ELECTRONIC)
    assert exc.value.code == E.NOT_ELECTRONIC and "form" in exc.value.fields


def test_law_28_the_body_assessed_delivers_the_service_and_the_year_has_begun_once_a_year() -> None:
    body = body_make()
    qa = quality_inspector()
    other_service = ServiceFactory.create()
    with pytest.raises(ApplicationError) as exc:
        _open(qa, body, service=other_service)
    assert exc.value.code == E.SERVICE_NOT_DELIVERED
    with pytest.raises(ApplicationError) as exc:
        _open(qa, body, year=2027)
    assert exc.value.code == E.YEAR_AHEAD
    with pytest.raises(ApplicationError) as exc:
        services.assessment_open(
            actor=qa,
            body=OrganisationFactory.create(kind=OrganisationKind.CONTACT_CENTRE),
            service=body.service,
            year=2025,
            form=DeliveryForm.OTHER,
            today=TODAY,
        )
    assert exc.value.code == E.NOT_ASSESSED_BODY
    _open(qa, body)
    with pytest.raises(ApplicationError) as exc:
        _open(qa, body)
    assert exc.value.code == E.ASSESSMENT_EXISTS
    assert Assessment.objects.count() == 1


def test_law_28_and_std_19_to_20_the_assessment_gathers_what_the_year_holds_on_the_form_s_channels() -> None:
    world = make_world()
    body = world.provider
    IndicatorNorm.objects.update_or_create(service=None, indicator="1.1", defaults={"value": Decimal("90")})
    on_time = application_make(
        world, due_on=D(2025, 6, 10), decided_at=q_local(2025, 6, 9), received_at=q_local(2025, 6, 2)
    )
    late = application_make(
        world, due_on=D(2025, 6, 10), decided_at=q_local(2025, 6, 20), received_at=q_local(2025, 6, 2)
    )
    application_make(
        world,
        due_on=D(2025, 6, 10),
        decided_at=q_local(2025, 6, 9),
        channel=Channel.EGOV_PORTAL,
        received_at=q_local(2025, 6, 2),
    )  # electronic: not in the other form's figures
    TermViolation.objects.create(
        application=late,
        provider=body,
        service=world.service,
        due_on=D(2025, 6, 10),
        detected_on=D(2025, 6, 11),
        kind=TermViolationKind.DELIVERY,
    )
    complaint_make(provider=body, registered_on=D(2025, 3, 3), service_code=world.service.code)
    complaint_make(
        provider=body, registered_on=D(2025, 3, 3), service_code=ServiceFactory.create().code
    )  # another
    ucc = OrganisationFactory.create(kind=OrganisationKind.CONTACT_CENTRE)
    ucc_operator = staff(ucc, StaffRole.CONTACT_CENTRE_OPERATOR)
    InformationRequest.objects.create(
        body=body,
        service=world.service,
        subject="Кесте?",
        sent_on=D(2025, 4, 1),
        sent_by=ucc_operator,
        status=RequestStatus.REFUSED,
        answered_on=D(2025, 4, 3),
    )
    evidence = selectors.gather_evidence(
        body=body, service=world.service, year=2025, form=DeliveryForm.OTHER, today=TODAY
    )
    timeliness = next(r for r in evidence["indicators"] if r["indicator"] == "1.1")
    assert (timeliness["numerator"], timeliness["denominator"], timeliness["value"]) == (1, 2, "50.00")
    assert (timeliness["norm"], timeliness["meets_norm"]) == ("90.00", False)
    assert evidence["applications"] == {"provider": 2}
    assert evidence["term_violations"] == {"delivery": 1, "handover": 0}
    assert evidence["complaints"]["total"] == 1
    assert evidence["contact_centre_refusals"]["refused"] == 1
    assert evidence["monitoring_conclusions"] == []
    electronic = selectors.gather_evidence(
        body=body, service=world.service, year=2025, form=DeliveryForm.ELECTRONIC, today=TODAY
    )
    assert electronic["applications"] == {"egov_portal": 1}
    e_timeliness = next(r for r in electronic["indicators"] if r["indicator"] == "1.1")
    assert (e_timeliness["numerator"], e_timeliness["denominator"]) == (1, 1)
    assert on_time.pk


def test_law_28_and_26_the_assessor_signs_findings_in_kk_and_ru_with_a_rating_and_the_body_then_sees_it() -> (
    None
):
    body = body_make()
    qa = quality_inspector()
    assessment = _open(qa, body)
    with pytest.raises(AccessDenied):  # a draft is the authority's
        selectors.access_assessment(user=body.head, assessment=assessment)
    assert list(selectors.assessment_list_for(user=body.head)) == []
    with pytest.raises(ApplicationError) as exc:
        services.assessment_sign(
            assessment=assessment, actor=qa, findings_kk="Жақсы.", findings_ru="", rating=""
        )
    assert set(exc.value.fields) == {"findings_ru", "rating"}
    with pytest.raises(AccessDenied):  # the other authority does not sign it
        services.assessment_sign(
            assessment=assessment,
            actor=informatization_inspector(),
            findings_kk="a",
            findings_ru="b",
            rating=Rating.HIGH,
        )
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT and assessment.findings_kk == ""
    signed = services.assessment_sign(
        assessment=assessment,
        actor=qa,
        findings_kk="Мерзімдер сақталды.",
        findings_ru="Сроки соблюдены.",
        rating=Rating.SATISFACTORY,
        signed_on=D(2026, 2, 5),
    )
    assert (signed.status, signed.signed_on, signed.signed_by) == (AssessmentStatus.SIGNED, D(2026, 2, 5), qa)
    assert set(
        SignedDocument.objects.filter(kind="oversight_assessment", number=signed.number).values_list(
            "language", flat=True
        )
    ) == {"kk", "ru"}
    assert OutboxMessage.objects.filter(kind="oversight_assessment_signed", to="body@example.kz").count() == 1
    assert selectors.access_assessment(user=body.head, assessment=signed) == signed
    assert list(selectors.assessment_list_for(user=body.officer)) == [signed]
    assert list(selectors.assessment_list_for(user=body_make().officer)) == []
    with pytest.raises(ApplicationError) as exc:
        services.assessment_sign(
            assessment=signed, actor=qa, findings_kk="x", findings_ru="y", rating=Rating.LOW
        )
    assert exc.value.code == E.ASSESSMENT_SIGNED
    with pytest.raises(AccessDenied):
        selectors.assessment_list_for(user=RecipientFactory.create())


def test_law_28_and_29_3_to_29_4_the_assessment_reads_the_published_monitoring_conclusions_and_measures() -> (
    None
):
    from qyzmet.monitoring import services as monitoring
    from qyzmet.monitoring.enums import MonitoringBasis, MonitorKind

    body = body_make()
    monitor = RecipientFactory.create()
    registered = monitoring.monitoring_register(
        actor=monitor,
        monitor_kind=MonitorKind.INDIVIDUAL,
        subject="Анықтама беру мерзімдері",
        period_start=D(2025, 3, 1),
        period_end=D(2025, 6, 30),
        bodies=[body.org],
        services=[body.service],
        basis=MonitoringBasis.OWN_INITIATIVE,
    )
    conclusion = monitoring.conclusion_save(
        actor=monitor,
        monitoring=registered,
        compliance="Заң сақталмаған.",
        recommendations="Мерзімдерді сақтау.",
        quality_proposals="Кезекті қысқарту.",
        bylaw_proposals_text="Стандартты өзгерту.",
    )
    conclusion = monitoring.conclusion_publish(actor=monitor, conclusion=conclusion, now=q_local(2025, 9, 1))
    monitoring.measure_record(
        actor=body.officer,
        conclusion=conclusion,
        body=body.org,
        text="Кесте өзгертілді.",
        taken_on=D(2025, 10, 1),
        now=q_local(2025, 10, 2),
    )
    evidence = selectors.gather_evidence(
        body=body.org, service=body.service, year=2025, form=DeliveryForm.OTHER, today=TODAY
    )
    [row] = evidence["monitoring_conclusions"]
    assert row["number"] == conclusion.number and row["measures"] == 1
    assert row["measures_text"] == ["01.10.2025: Кесте өзгертілді."]
    assert (
        selectors.gather_evidence(
            body=body.org, service=body.service, year=2024, form=DeliveryForm.OTHER, today=TODAY
        )["monitoring_conclusions"]
        == []
    )


def test_law_28_signing_freezes_what_was_gathered() -> None:
    body = body_make()
    qa = quality_inspector()
    assessment = _open(qa, body)
    assert assessment.evidence["complaints"]["total"] == 0
    complaint_make(provider=body.org, registered_on=D(2025, 5, 5), service_code=body.service.code)
    assessment = services.assessment_refresh(assessment=assessment, actor=qa, today=TODAY)
    assert assessment.evidence["complaints"]["total"] == 1
    signed = services.assessment_sign(
        assessment=assessment, actor=qa, findings_kk="a", findings_ru="b", rating=Rating.HIGH, signed_on=TODAY
    )
    complaint_make(provider=body.org, registered_on=D(2025, 5, 6), service_code=body.service.code)
    with pytest.raises(ApplicationError):
        services.assessment_refresh(assessment=signed, actor=qa)
    signed.refresh_from_db()
    assert signed.evidence["complaints"]["total"] == 1
    assert dt.date.fromisoformat(signed.evidence["period"]["end"]) == D(2025, 12, 31)


def test_law_28_the_survey_indicators_of_each_form_rest_on_the_answers_of_its_own_channels() -> None:
    """The informatization authority assesses the electronic form and the quality authority the
    others (Law 28): each assessment's 2.1-5.1 count only the survey answers on cases delivered
    on its form's channels; an answer whose channel is unknown counts in neither."""
    from qyzmet.quality import services as quality_services

    world = make_world()
    body = world.provider

    def answer(channel: str, score: int) -> None:
        invitation, _new = quality_services.survey_invitation_create(
            case_kind="application",
            case_number=f"F28-{channel}-{score}",
            case_date=D(2025, 6, 10),
            service=world.service,
            provider=body,
            delivery_channel=channel,
        )
        quality_services.survey_answer_submit(
            token=invitation.token, scores={"process": score, "politeness": score}
        )

    answer(Channel.EGOV_PORTAL, 5)
    answer(Channel.MOBILE, 4)
    answer(Channel.PROVIDER, 2)
    answer("", 5)  # unknown channel

    def figure(form: str, code: str) -> tuple[int | None, int | None]:
        evidence = selectors.gather_evidence(
            body=body, service=world.service, year=2025, form=form, today=TODAY
        )
        row = next(r for r in evidence["indicators"] if r["indicator"] == code)
        return row["numerator"], row["denominator"]

    assert figure(DeliveryForm.ELECTRONIC, "2.1") == (2, 2)
    assert figure(DeliveryForm.OTHER, "2.1") == (0, 1)
    assert figure(DeliveryForm.ELECTRONIC, "5.1") == (2, 2)
    assert figure(DeliveryForm.OTHER, "5.1") == (0, 1)


def test_law_28_and_std_19_an_assessment_of_a_year_is_signed_only_once_that_year_is_over() -> None:
    body = body_make()
    qa = quality_inspector()
    assessment = _open(qa, body, year=2026)  # a draft may be opened and watched during the year
    with pytest.raises(ApplicationError) as exc:
        services.assessment_sign(
            assessment=assessment,
            actor=qa,
            findings_kk="Жыл ішінде.",
            findings_ru="В течение года.",
            rating=Rating.HIGH,
            signed_on=D(2026, 12, 31),
        )
    assert exc.value.code == E.YEAR_NOT_OVER
    assert "2026" in exc.value.message_for("ru") and "Типового стандарта" in exc.value.message_for("ru")
    assessment.refresh_from_db()
    assert (assessment.status, assessment.findings_kk, assessment.signed_on) == (
        AssessmentStatus.DRAFT,
        "",
        None,
    )
    assert not SignedDocument.objects.exists()
    services.assessment_sign(
        assessment=assessment,
        actor=qa,
        findings_kk="Жыл аяқталды.",
        findings_ru="Год завершён.",
        rating=Rating.HIGH,
        signed_on=D(2027, 1, 5),
    )
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SIGNED
