"""UCC 10-12: a body refusing information several times in a month is reported once."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from qyzmet.contactcentre import services
from qyzmet.contactcentre.models import InformationRequest, QualityAuthorityReport
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.notify.models import OutboxMessage
from qyzmet.orgs.tests.factories import OrganisationFactory

from ..factories import body_officer, operator, quality_authority

pytestmark = pytest.mark.django_db
D = dt.date


def _refuse(ucc, officer, body, day: dt.date) -> InformationRequest:
    request = services.information_request_send(
        actor=ucc, body=body, subject="Түсініктеме / Разъяснение", sent_on=day
    )
    return services.information_request_refuse(
        actor=officer, request=request, reason="Құпия / Секретно", refused_on=day
    )


@time_machine.travel(dt.datetime(2026, 5, 29, 10, 0, tzinfo=dt.UTC), tick=False)
def test_ucc_12_two_refusals_in_a_month_report_once_and_a_later_one_joins_it() -> None:
    quality = quality_authority()
    body = OrganisationFactory.create()
    ucc, officer = operator(), body_officer(body)
    first = _refuse(ucc, officer, body, D(2026, 5, 4))
    assert not QualityAuthorityReport.objects.exists()
    second = _refuse(ucc, officer, body, D(2026, 5, 12))

    report = QualityAuthorityReport.objects.get()
    assert (report.body, report.month, report.authority, report.refusals) == (body, D(2026, 5, 1), quality, 2)
    assert set(report.requests.all()) == {first, second}
    mail = OutboxMessage.objects.get(kind="cc_refusal_report")
    assert mail.to == quality.email and "Секретно" in mail.body

    # UCC 12: a refusal after the report was sent joins it, marked as added later
    third = _refuse(ucc, officer, body, D(2026, 5, 20))
    assert QualityAuthorityReport.objects.count() == 1
    report.refresh_from_db()
    assert report.refusals == 3
    assert (third.report, third.added_later, third.report_added_on) == (report, True, D(2026, 5, 29))
    first.refresh_from_db()
    assert first.added_later is False
    supplement = OutboxMessage.objects.filter(kind="cc_refusal_report").order_by("-id")[0]
    assert OutboxMessage.objects.filter(kind="cc_refusal_report").count() == 2
    assert "Дополнение от 29.05.2026" in supplement.body and "20.05.2026" in supplement.body


@time_machine.travel(dt.datetime(2026, 5, 29, 10, 0, tzinfo=dt.UTC), tick=False)
def test_ucc_12_refusals_in_different_months_or_answers_do_not_report() -> None:
    quality_authority()
    body = OrganisationFactory.create()
    ucc, officer = operator(), body_officer(body)
    _refuse(ucc, officer, body, D(2026, 4, 30))
    _refuse(ucc, officer, body, D(2026, 5, 4))
    answered = services.information_request_send(
        actor=ucc, body=body, subject="Ақпарат", sent_on=D(2026, 5, 5)
    )
    services.information_request_answer(actor=officer, request=answered, answer_text="Жауап")
    assert not QualityAuthorityReport.objects.exists()


@time_machine.travel(dt.datetime(2026, 5, 29, 10, 0, tzinfo=dt.UTC), tick=False)
def test_ucc_12_threshold_is_configurable(settings) -> None:
    settings.QYZMET_UCC_REFUSAL_THRESHOLD = 3
    quality_authority()
    body = OrganisationFactory.create()
    ucc, officer = operator(), body_officer(body)
    _refuse(ucc, officer, body, D(2026, 5, 4))
    _refuse(ucc, officer, body, D(2026, 5, 5))
    assert not QualityAuthorityReport.objects.exists()
    _refuse(ucc, officer, body, D(2026, 5, 6))
    assert QualityAuthorityReport.objects.get().refusals == 3


@time_machine.travel(dt.datetime(2026, 5, 29, 10, 0, tzinfo=dt.UTC), tick=False)
def test_ucc_11_only_the_body_asked_may_refuse() -> None:
    body = OrganisationFactory.create()
    request = services.information_request_send(actor=operator(), body=body, subject="Ақпарат")
    with pytest.raises(AccessDenied):
        services.information_request_refuse(
            actor=body_officer(OrganisationFactory.create()), request=request, reason="x"
        )


@time_machine.travel(dt.datetime(2026, 5, 29, 10, 0, tzinfo=dt.UTC), tick=False)
def test_ucc_11_refusal_before_the_request_is_refused_and_writes_nothing() -> None:
    body = OrganisationFactory.create()
    request = services.information_request_send(
        actor=operator(), body=body, subject="Ақпарат", sent_on=D(2026, 5, 10)
    )
    with pytest.raises(ApplicationError) as err:
        services.information_request_refuse(
            actor=body_officer(body), request=request, reason="x", refused_on=D(2026, 5, 9)
        )
    assert err.value.code == "cc_date_before_previous"
    request.refresh_from_db()
    assert request.status == "sent"
