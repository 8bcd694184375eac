"""Done-when: one application walked through every channel: acceptance refused for a missing and
for an expired document, accepted with a receipt, every stage, the result (Law 18-21)."""

from __future__ import annotations

import datetime as dt

import pytest

from qyzmet.core.errors import ApplicationError
from qyzmet.delivery import services
from qyzmet.delivery.documents import receipt_pdf, result_pdf
from qyzmet.delivery.enums import ApplicationStatus, Channel, StageKind
from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.selectors import REGISTRY_CHANNEL, recipient_application_list
from qyzmet.delivery.services import SubmittedDocument
from qyzmet.delivery.tests.factories import MONDAY, make_world, submit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("channel", list(Channel.values))
def test_law_18_to_21_every_channel_from_acceptance_to_result(channel: str) -> None:
    world = make_world()
    version = world.service.versions.get()
    if not version.channel_terms.filter(channel=REGISTRY_CHANNEL[channel]).exists():
        version.channel_terms.create(channel=REGISTRY_CHANNEL[channel], term_amount=2)
    complete = world.documents()
    # Law 19: a missing document refuses acceptance (the medical certificate: on an electronic
    # channel "the application" is the submission itself, ADR 0020).
    with pytest.raises(ApplicationError) as exc:
        submit(world, channel=channel, documents=complete[:-1])
    assert exc.value.code == DeliveryErrorCode.DOCUMENTS_INCOMPLETE
    # Law 19: an expired document refuses acceptance.
    expired = [
        SubmittedDocument(
            required_document=d.required_document,
            issued_on=d.issued_on,
            valid_until=MONDAY.date() - dt.timedelta(days=1) if d.valid_until else None,
        )
        for d in complete
    ]
    with pytest.raises(ApplicationError) as exc:
        submit(world, channel=channel, documents=expired)
    assert exc.value.code == DeliveryErrorCode.DOCUMENTS_EXPIRED
    # Accepted, with a receipt.
    app = submit(world, channel=channel)
    assert receipt_pdf(application=app, language="kk").startswith(b"%PDF")
    app = services.application_take_in_work(actor=world.officer, application=app)
    app = services.application_result_ready(actor=world.officer, application=app, result_summary_ru="Справка")
    if channel == Channel.STATE_CORPORATION:
        app = services.application_hand_over(actor=world.officer, application=app)
        app = services.application_issue(actor=world.operator, application=app)
    elif channel == Channel.PROVIDER:
        app = services.application_issue(actor=world.officer, application=app)
    assert app.status == ApplicationStatus.ISSUED
    assert app.stages.filter(kind=StageKind.ISSUED).count() == 1
    assert result_pdf(application=app, language="ru").startswith(b"%PDF")
    assert app in list(recipient_application_list(user=world.recipient))
