"""ADR 0020: a portal draft's scans hold personal data, so a draft and its scans are deleted
once it has expired; a draft still in its lifetime is kept."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from time_machine import TimeMachineFixture

from qyzmet.delivery import jobs, services
from qyzmet.delivery.models import ApplicationDraft, ApplicationDraftFile
from qyzmet.delivery.services.drafts import DRAFT_LIFETIME
from qyzmet.delivery.tests.factories import MONDAY, make_world, pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)  # scans leave storage on commit


def test_adr_0020_an_expired_draft_and_its_scans_are_deleted_a_live_one_is_kept(
    time_machine: TimeMachineFixture,
) -> None:
    world = make_world()
    medical = world.service.versions.get().required_documents.get(expires=True)
    time_machine.move_to(MONDAY, tick=False)
    old = services.application_draft_save(
        owner=world.recipient,
        service=world.service,
        values={"data.full_name": "Әлия"},
        files={medical.pk: SimpleUploadedFile("a.pdf", pdf_bytes("a"), content_type="application/pdf")},
    ).draft
    scan = ApplicationDraftFile.objects.get(draft=old)
    storage, name = scan.file.storage, scan.file.name
    assert storage.exists(name)
    time_machine.move_to(MONDAY + DRAFT_LIFETIME - dt.timedelta(hours=1), tick=False)
    live = services.application_draft_save(owner=world.recipient, service=world.service, values={}).draft
    assert services.application_draft_sweep_expired() == 0  # the old one has an hour left
    time_machine.move_to(MONDAY + DRAFT_LIFETIME, tick=False)
    assert jobs.sweep_expired_drafts() == 1
    assert list(ApplicationDraft.objects.all()) == [live]
    assert not ApplicationDraftFile.objects.exists()
    assert not storage.exists(name)
    assert services.application_draft_sweep_expired() == 0  # idempotent


def test_adr_0019_a_draft_waiting_for_its_payment_is_kept_a_week_past_its_expiry(
    time_machine: TimeMachineFixture,
) -> None:
    world = make_world()
    time_machine.move_to(MONDAY, tick=False)
    draft = services.application_draft_save(owner=world.recipient, service=world.service, values={}).draft
    ApplicationDraft.objects.filter(pk=draft.pk).update(submission={"channel": "egov_portal"})
    time_machine.move_to(MONDAY + DRAFT_LIFETIME + dt.timedelta(days=6), tick=False)
    assert services.application_draft_sweep_expired() == 0
    time_machine.move_to(MONDAY + DRAFT_LIFETIME + dt.timedelta(days=7), tick=False)
    assert services.application_draft_sweep_expired() == 1
