"""UCC 19: on the quality authority's written request the centre trains the authority's staff
on its information exchange; the request (number, date, file), the schedule and the training
held are recorded; who may do what."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from qyzmet.complaints.tests.factories import inspector
from qyzmet.contactcentre import services
from qyzmet.contactcentre.enums import TrainingStatus
from qyzmet.contactcentre.models import Training
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.delivery.tests.factories import pdf_bytes
from qyzmet.notify.models import OutboxMessage
from qyzmet.orgs.tests.factories import OrganisationFactory

from ..factories import body_officer, operator, quality_authority

pytestmark = pytest.mark.django_db
D = dt.date


def _letter() -> SimpleUploadedFile:
    return SimpleUploadedFile("request.pdf", pdf_bytes("request"), content_type="application/pdf")


def test_ucc_19_training_on_the_quality_authoritys_written_request_is_scheduled_and_recorded() -> None:
    quality = quality_authority()
    qa = inspector()
    ucc = operator()
    training = services.training_request_record(
        actor=qa, letter_number="04-12/3317", letter_date=D(2026, 11, 10), letter_file=_letter()
    )
    assert (training.authority, training.status, training.recorded_by) == (
        quality,
        TrainingStatus.REQUESTED,
        qa,
    )
    assert training.letter_file.name

    training = services.training_schedule(
        actor=ucc, training=training, scheduled_on=D(2026, 11, 17), trainer="Ержанова Д.", topic="ХҚО ЫАЖ"
    )
    assert training.status == TrainingStatus.SCHEDULED
    assert OutboxMessage.objects.get(kind="cc_training").to == quality.email

    training = services.training_record_held(
        actor=ucc,
        training=training,
        held_on=D(2026, 11, 17),
        trainees=["Әлиева А.", "  ", "Петров С."],
        result="Сынақтан өтті / Прошли проверку",
    )
    assert (training.status, training.trainees) == (TrainingStatus.HELD, ["Әлиева А.", "Петров С."])


def test_ucc_19_others_are_refused() -> None:
    quality_authority()
    outsider = body_officer(OrganisationFactory.create(), username="body.officer")
    with pytest.raises(AccessDenied):
        services.training_request_record(
            actor=outsider, letter_number="1", letter_date=D(2026, 11, 10), letter_file=_letter()
        )
    training = services.training_request_record(
        actor=operator(), letter_number="2", letter_date=D(2026, 11, 10), letter_file=_letter()
    )
    # the quality authority asks; only the centre schedules and records the training
    for actor in (outsider, inspector()):
        with pytest.raises(AccessDenied):
            services.training_schedule(
                actor=actor, training=training, scheduled_on=D(2026, 11, 17), trainer="X", topic=""
            )


def test_ucc_19_bad_input_names_the_point_and_writes_nothing() -> None:
    quality_authority()
    qa, ucc = inspector(), operator()
    with pytest.raises(ApplicationError) as no_file:
        services.training_request_record(
            actor=qa, letter_number="3", letter_date=D(2026, 11, 10), letter_file=None
        )
    assert "19" in no_file.value.message_for("kk")
    assert not Training.objects.exists()
    training = services.training_request_record(
        actor=qa, letter_number="3", letter_date=D(2026, 11, 10), letter_file=_letter()
    )
    with pytest.raises(ApplicationError) as not_scheduled:
        services.training_record_held(
            actor=ucc, training=training, held_on=D(2026, 11, 17), trainees=["A"], result="B"
        )
    assert "19" in not_scheduled.value.message_for("ru")
    with pytest.raises(ApplicationError):
        services.training_schedule(
            actor=ucc, training=training, scheduled_on=D(2026, 11, 1), trainer="X", topic=""
        )
    training.refresh_from_db()
    assert (training.status, training.scheduled_on) == (TrainingStatus.REQUESTED, None)


def test_ucc_19_training_page_walked_by_the_inspector_and_the_operator(client: Client) -> None:
    quality_authority()
    qa, ucc = inspector(), operator()
    client.force_login(qa)
    assert client.get("/contactcentre/training/").status_code == 200
    kept = client.post("/contactcentre/training/", {"letter_number": "04-12/9", "letter_date": "2026-11-10"})
    assert kept.status_code == 400 and "04-12/9" in kept.content.decode()
    assert not Training.objects.exists()
    posted = client.post(
        "/contactcentre/training/",
        {"letter_number": "04-12/9", "letter_date": "2026-11-10", "letter_file": _letter()},
    )
    assert posted.status_code == 302
    training = Training.objects.get()
    assert client.get(f"/contactcentre/training/{training.pk}/letter").status_code == 200

    client.force_login(ucc)
    prefix = f"t{training.pk}"
    scheduled = client.post(
        "/contactcentre/training/",
        {"training": training.pk, f"{prefix}-scheduled_on": "2026-11-17", f"{prefix}-trainer": "Ержанова Д."},
    )
    assert scheduled.status_code == 302
    held = client.post(
        "/contactcentre/training/",
        {
            "training": training.pk,
            f"{prefix}-held_on": "2026-11-17",
            f"{prefix}-trainees": "Әлиева А.\nПетров С.",
            f"{prefix}-result": "Өтті",
        },
    )
    assert held.status_code == 302
    training.refresh_from_db()
    assert training.status == TrainingStatus.HELD

    client.force_login(body_officer(OrganisationFactory.create(), username="someone"))
    assert client.get("/contactcentre/training/").status_code == 403
    assert client.get(f"/contactcentre/training/{training.pk}/letter").status_code == 403
