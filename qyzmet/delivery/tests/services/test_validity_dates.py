"""Law 19, 20.2: a document whose standard sets a validity is accepted only with the date that
proves it is valid (its issue date when the validity counts in days from issue, else its
valid-until date), on every channel; the refusal names the document and the missing date in
kk/ru/en and nothing is written."""

from __future__ import annotations

import datetime as dt

import pytest

from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import AuditLog
from qyzmet.delivery.enums import Channel
from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.models import Application, ApplicationDocument, Stage
from qyzmet.delivery.services import SubmittedDocument
from qyzmet.delivery.tests.factories import MONDAY, World, make_world, submit
from qyzmet.notify.models import OutboxMessage
from qyzmet.registry.enums import Channel as RegistryChannel
from qyzmet.registry.models import RequiredDocument
from qyzmet.registry.tests.factories import ChannelTermFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    w = make_world()
    version = w.service.versions.get()
    # Every channel of Law 18 offered, so the rule is checked on each one.
    for channel in (RegistryChannel.MOBILE, RegistryChannel.OTHER_ECHANNEL):
        ChannelTermFactory.create(version=version, channel=channel, term_amount=3)
    return w


def _medical(world: World) -> RequiredDocument:
    return world.service.versions.get().required_documents.get(expires=True)  # 180 days from issue


def _docs(world: World, *, issued_on: dt.date | None, valid_until: dt.date | None) -> list[SubmittedDocument]:
    """The complete set, the medical certificate with the given dates (the others undated)."""
    medical = _medical(world)
    return [
        SubmittedDocument(
            required_document=d.required_document,
            document_number=d.document_number,
            issued_on=issued_on if d.required_document_id == medical.pk else None,
            valid_until=valid_until if d.required_document_id == medical.pk else None,
        )
        for d in world.documents()
    ]


def _nothing_written() -> None:
    assert Application.objects.count() == 0
    assert ApplicationDocument.objects.count() == 0
    assert Stage.objects.count() == 0
    assert OutboxMessage.objects.count() == 0
    assert not AuditLog.objects.filter(action="delivery.application_submit").exists()


@pytest.mark.parametrize(
    "channel",
    [Channel.PROVIDER, Channel.STATE_CORPORATION, Channel.EGOV_PORTAL, Channel.MOBILE, Channel.API],
)
def test_law_19_and_20_2_a_medical_certificate_with_a_number_only_is_refused_on_every_channel(
    world: World, channel: str
) -> None:
    medical = _medical(world)
    with pytest.raises(ApplicationError) as exc:
        submit(world, channel=channel, documents=_docs(world, issued_on=None, valid_until=None))
    err = exc.value
    assert err.code == DeliveryErrorCode.DOCUMENT_DATE_MISSING
    # The refusal names the document and the missing date, in each language.
    assert "Медицинская справка" in err.messages["ru"] and "дата выдачи" in err.messages["ru"]
    assert "Медициналық анықтама" in err.messages["kk"] and "берілген күні" in err.messages["kk"]
    assert "Медицинская справка" in err.messages["en"] and "date of issue" in err.messages["en"]
    assert "180" in err.messages["ru"]
    assert "Заявление" not in err.messages["ru"]  # a document without a validity needs no date
    assert set(err.fields[f"doc{medical.pk}_issued_on"]) == {"kk", "ru", "en"}
    assert err.extra["undated"] == [{"document": medical.pk, "date": "issued_on"}]
    _nothing_written()


def test_law_19_a_validity_counted_from_issue_is_proved_by_the_issue_date_or_the_valid_until_date(
    world: World,
) -> None:
    by_issue = submit(
        world, documents=_docs(world, issued_on=MONDAY.date() - dt.timedelta(days=20), valid_until=None)
    )
    by_end = submit(
        world, documents=_docs(world, issued_on=None, valid_until=MONDAY.date() + dt.timedelta(days=20))
    )
    assert by_issue.documents.get(required_document=_medical(world)).issued_on is not None
    assert by_end.documents.get(required_document=_medical(world)).valid_until is not None


def test_law_19_a_validity_without_a_number_of_days_needs_the_valid_until_date(world: World) -> None:
    medical = _medical(world)
    RequiredDocument.objects.filter(pk=medical.pk).update(validity_days=None)
    with pytest.raises(ApplicationError) as exc:
        submit(
            world, documents=_docs(world, issued_on=MONDAY.date() - dt.timedelta(days=5), valid_until=None)
        )
    assert exc.value.code == DeliveryErrorCode.DOCUMENT_DATE_MISSING
    assert "срок действия" in exc.value.messages["ru"]
    assert "қолданылу мерзімі" in exc.value.messages["kk"]
    assert "valid-until date" in exc.value.messages["en"]
    assert f"doc{medical.pk}_valid_until" in exc.value.fields
    _nothing_written()


def test_law_19_a_dated_document_past_its_validity_is_still_expired(world: World) -> None:
    with pytest.raises(ApplicationError) as exc:
        submit(
            world, documents=_docs(world, issued_on=MONDAY.date() - dt.timedelta(days=181), valid_until=None)
        )
    assert exc.value.code == DeliveryErrorCode.DOCUMENTS_EXPIRED
    # The refusal names the document, the day it stopped being valid and the standard's term.
    last = (MONDAY.date() - dt.timedelta(days=1)).strftime("%d.%m.%Y")
    assert f"(действителен по {last}; 180 дней со дня выдачи)" in exc.value.messages["ru"]
    assert f"({last} дейін жарамды; берілген күннен бастап 180 күн)" in exc.value.messages["kk"]
    assert f"(valid until {last}; 180 days from issue)" in exc.value.messages["en"]
    _nothing_written()


def test_law_19_the_expired_message_counts_days_with_russian_plural_forms() -> None:
    from qyzmet.delivery.services.applications import _ru_days

    assert [_ru_days(n) for n in (1, 2, 5, 11, 12, 21, 22, 25, 111, 180)] == [
        "1 день", "2 дня", "5 дней", "11 дней", "12 дней", "21 день", "22 дня", "25 дней", "111 дней",
        "180 дней",
    ]  # fmt: skip


def test_law_19_a_missing_document_and_an_undated_one_are_named_together(world: World) -> None:
    docs = [
        d
        for d in _docs(world, issued_on=None, valid_until=None)
        if d.document_number and not _is_application(d)
    ]
    with pytest.raises(ApplicationError) as exc:
        submit(world, documents=docs)
    assert exc.value.code == DeliveryErrorCode.DOCUMENTS_INCOMPLETE
    assert "Заявление" in exc.value.messages["ru"] and "дата выдачи" in exc.value.messages["ru"]
    _nothing_written()


def _is_application(doc: SubmittedDocument) -> bool:
    rd = doc.required_document
    return isinstance(rd, RequiredDocument) and rd.name_ru == "Заявление"


def test_law_19_a_document_issued_after_the_application_day_is_refused_on_its_row(world: World) -> None:
    medical = _medical(world)
    tomorrow = MONDAY.date() + dt.timedelta(days=1)
    with pytest.raises(ApplicationError) as exc:
        submit(world, documents=_docs(world, issued_on=tomorrow, valid_until=None))
    err = exc.value
    assert err.code == DeliveryErrorCode.DOCUMENT_ISSUED_IN_FUTURE
    assert f"Медицинская справка (форма 086/у) ({tomorrow:%d.%m.%Y})" in err.messages["ru"]
    assert "Берілген күні әлі келмеген" in err.messages["kk"]
    assert set(err.fields[f"doc{medical.pk}_issued_on"]) == {"kk", "ru", "en"}
    _nothing_written()


def test_law_19_a_future_issue_date_is_told_at_once_with_a_missing_document(world: World) -> None:
    tomorrow = MONDAY.date() + dt.timedelta(days=1)
    docs = [d for d in _docs(world, issued_on=tomorrow, valid_until=None) if not _is_application(d)]
    with pytest.raises(ApplicationError) as exc:
        submit(world, channel=Channel.PROVIDER, documents=docs)
    text = exc.value.messages["ru"]
    assert "Не хватает документов" in text and "Дата выдачи ещё не наступила" in text
    _nothing_written()
