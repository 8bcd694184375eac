"""Issue 20.4: a filer (a person or an API client's user) that sends a complaint again with its
Idempotency-Key gets the complaint registered the first time, and nothing is written twice (one
complaint, one registration, one review term: Law 25.2); the same key with another filing is
refused as for applications (``idempotency_key_reused``) and writes nothing; keys are per filer;
a concurrent duplicate (the constraint's IntegrityError) resolves to the stored complaint."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import pytest
from django.db import IntegrityError, transaction

from qyzmet.complaints import services
from qyzmet.complaints.enums import (
    ComplaintAddressee,
    ComplaintOutcome,
    ComplaintSource,
    ComplaintStatus,
    ComplaintSubject,
)
from qyzmet.complaints.models import Complaint
from qyzmet.complaints.tests.factories import officer
from qyzmet.core.errors import AccessDenied, CoreErrorCode, IdempotencyKeyReused
from qyzmet.core.models import AuditLog, User
from qyzmet.notify.models import OutboxMessage
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.tests.factories import OrganisationFactory, RecipientFactory, make_iin

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 11, 2)
IIN = make_iin(dt.date(1980, 5, 5), male=True, serial=321)


def _file(actor: User, body: Organisation, **overrides: Any) -> Complaint:
    kwargs: dict[str, Any] = {
        "actor": actor,
        "subject": ComplaintSubject.DECISION,
        "addressee": ComplaintAddressee.PROVIDER,
        "provider": body,
        "text": "Анықтама мерзімінде берілмеді.",
        "phone": "+77011234567",
        "source": ComplaintSource.API,
        "registered_on": ON,
        **overrides,
    }
    return services.complaint_file(**kwargs)


def _written() -> tuple[int, int, int]:
    """What a filing writes: complaints, their audit rows, outbox messages."""
    return (
        Complaint.objects.count(),
        AuditLog.objects.filter(action="complaint.register").count(),
        OutboxMessage.objects.count(),
    )


def test_ops_20_4_a_complaint_filed_again_with_its_idempotency_key_is_stored_once() -> None:
    citizen = RecipientFactory.create()
    body = OrganisationFactory.create()
    first = _file(citizen, body, idempotency_key="cmp-1")
    assert (first.idempotency_key, len(first.idempotency_fingerprint)) == ("cmp-1", 64)
    written = _written()
    assert written[:2] == (1, 1)
    again = _file(citizen, body, idempotency_key="cmp-1")
    assert again.pk == first.pk and again.number == first.number
    assert _written() == written  # no second complaint, audit row or message
    # A new key is a new complaint; without a key every call is one (a form sent without its key).
    other = _file(citizen, body, idempotency_key="cmp-2")
    assert other.pk != first.pk
    _file(citizen, body)
    _file(citizen, body)
    assert Complaint.objects.count() == 4


def test_ops_20_4_a_complaint_filed_again_with_its_key_after_it_was_answered_is_still_the_same_one() -> None:
    """The replay answers with what is stored, whatever happened to it since."""
    citizen = RecipientFactory.create()
    body = OrganisationFactory.create()
    first = _file(citizen, body, idempotency_key="cmp-late")
    Complaint.objects.filter(pk=first.pk).update(
        status=ComplaintStatus.ANSWERED, outcome=ComplaintOutcome.REJECTED
    )
    again = _file(citizen, body, idempotency_key="cmp-late")
    assert again.pk == first.pk and again.status == ComplaintStatus.ANSWERED
    assert Complaint.objects.count() == 1


@pytest.mark.parametrize(
    "changed",
    [
        {"text": "Басқа шағым."},
        {"subject": ComplaintSubject.OFFICER_ACTION},
        {"addressee": ComplaintAddressee.QUALITY_AUTHORITY},
        {"phone": "+77019999999"},
        {"complainant_name": "Басқа адам"},
    ],
)
def test_ops_20_4_the_same_key_with_another_filing_is_refused_and_writes_nothing(
    changed: dict[str, Any],
) -> None:
    citizen = RecipientFactory.create()
    body = OrganisationFactory.create()
    first = _file(citizen, body, idempotency_key="cmp-1")
    written = _written()
    with pytest.raises(IdempotencyKeyReused) as refused:
        _file(citizen, body, idempotency_key="cmp-1", **changed)
    assert refused.value.code == CoreErrorCode.IDEMPOTENCY_KEY_REUSED == "idempotency_key_reused"
    assert set(refused.value.messages) == {"kk", "ru", "en"}
    assert _written() == written
    # The stored complaint is untouched and still answers a true retry.
    assert _file(citizen, body, idempotency_key="cmp-1").pk == first.pk


def test_ops_20_4_keys_are_per_filer_another_filer_using_the_same_key_files_its_own_complaint() -> None:
    body = OrganisationFactory.create()
    one, other = RecipientFactory.create(), RecipientFactory.create()
    mine = _file(one, body, idempotency_key="shared")
    theirs = _file(other, body, idempotency_key="shared")
    assert mine.pk != theirs.pk
    assert (mine.registered_by, theirs.registered_by) == (one, other)
    assert theirs.complainant == other
    # Each gets back its own on a retry.
    assert _file(one, body, idempotency_key="shared").pk == mine.pk
    assert _file(other, body, idempotency_key="shared").pk == theirs.pk
    assert Complaint.objects.count() == 2


def test_ops_20_4_the_database_holds_one_complaint_per_filer_and_key_and_any_number_without_a_key() -> None:
    citizen = RecipientFactory.create()
    body = OrganisationFactory.create()
    first = _file(citizen, body, idempotency_key="cmp-1")
    twin = Complaint.objects.get(pk=first.pk)
    twin.pk = None
    twin.number = "CMP-TWIN"
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()
    twin.idempotency_key = ""
    twin.save()  # a key left empty is not unique
    twin.pk, twin.number = None, "CMP-TWIN-2"
    twin.save()
    assert Complaint.objects.filter(registered_by=citizen).count() == 3


def _race() -> Any:
    """The check before writing misses the other request's complaint (it committed between the
    check and the insert); the look-up after the constraint's IntegrityError sees it."""
    real = services._filed_with_key
    calls = {"n": 0}

    def filed_with_key(**kwargs: Any) -> Complaint | None:
        calls["n"] += 1
        return None if calls["n"] == 1 else real(**kwargs)

    return mock.patch.object(services, "_filed_with_key", side_effect=filed_with_key)


def test_ops_20_4_a_concurrent_duplicate_resolves_to_the_stored_complaint_and_writes_nothing() -> None:
    citizen = RecipientFactory.create()
    body = OrganisationFactory.create()
    first = _file(citizen, body, idempotency_key="cmp-race")
    written = _written()
    with _race():
        again = _file(citizen, body, idempotency_key="cmp-race")
    assert again.pk == first.pk
    assert _written() == written
    # The transaction is usable after the rolled-back insert.
    assert Complaint.objects.filter(pk=first.pk).exists()


def test_ops_20_4_a_concurrent_filing_of_another_complaint_under_the_key_is_refused_and_writes_nothing() -> (
    None
):
    citizen = RecipientFactory.create()
    body = OrganisationFactory.create()
    _file(citizen, body, idempotency_key="cmp-race")
    written = _written()
    with _race(), pytest.raises(IdempotencyKeyReused):
        _file(citizen, body, idempotency_key="cmp-race", text="Басқа шағым.")
    assert _written() == written


def test_ops_20_4_an_integrity_error_without_a_stored_twin_is_not_swallowed() -> None:
    """Only the key's own collision resolves to a stored complaint; any other is raised."""
    citizen = RecipientFactory.create()
    body = OrganisationFactory.create()
    with (
        mock.patch.object(services.Complaint.objects, "create", side_effect=IntegrityError("other")),
        pytest.raises(IntegrityError),
    ):
        _file(citizen, body, idempotency_key="cmp-x")
    with (
        mock.patch.object(services.Complaint.objects, "create", side_effect=IntegrityError("other")),
        pytest.raises(IntegrityError),
    ):
        _file(citizen, body)


def test_ops_20_4_anonymising_a_complaint_drops_the_digest_of_its_filing() -> None:
    """ADR 0062: the complainant's data and the text go at the end of retention; the digest of
    them goes too (the key stays, so a late retry still gets the same complaint back)."""
    citizen = RecipientFactory.create()
    body = OrganisationFactory.create()
    first = _file(citizen, body, idempotency_key="cmp-old")
    services.complaint_anonymise(actor=None, pks=[first.pk], rule="test")
    first.refresh_from_db()
    assert (first.idempotency_key, first.idempotency_fingerprint) == ("cmp-old", "")
    assert _file(citizen, body, idempotency_key="cmp-old").pk == first.pk


def _register(clerk: User, body: Organisation, **overrides: Any) -> Complaint:
    kwargs: dict[str, Any] = {
        "actor": clerk,
        "reviewing_body": body,
        "subject": ComplaintSubject.STANDARD_NONCOMPLIANCE,
        "addressee": ComplaintAddressee.PROVIDER,
        "provider": body,
        "text": "Нарушен срок оказания услуги.",
        "complainant_name": "Петров Пётр",
        "complainant_iin": IIN,
        "complainant_address": "г. Кокшетау, ул. Абая, 5",
        "language": "ru",
        "registered_on": ON,
        **overrides,
    }
    return services.complaint_register_paper(**kwargs)


def test_ops_20_4_a_paper_complaint_registered_again_with_its_key_is_stored_once() -> None:
    """The registration form sent twice by the clerk (issue 20.4 on the web): one complaint."""
    body = OrganisationFactory.create()
    clerk = officer(body)
    first = _register(clerk, body, idempotency_key="paper:1")
    assert (first.idempotency_key, len(first.idempotency_fingerprint)) == ("paper:1", 64)
    written = _written()
    assert written[:2] == (1, 1)
    assert _register(clerk, body, idempotency_key="paper:1").pk == first.pk
    assert _written() == written
    assert _register(clerk, body, idempotency_key="paper:2").pk != first.pk
    _register(clerk, body)
    _register(clerk, body)
    assert Complaint.objects.count() == 4


@pytest.mark.parametrize(
    "changed",
    [
        {"text": "Другая жалоба."},
        {"complainant_name": "Иванов Иван"},
        {"complainant_address": "г. Астана, ул. Абая, 1"},
        {"registered_on": dt.date(2026, 11, 3)},
    ],
)
def test_ops_20_4_the_same_key_with_another_paper_registration_is_refused_and_writes_nothing(
    changed: dict[str, Any],
) -> None:
    body = OrganisationFactory.create()
    clerk = officer(body)
    first = _register(clerk, body, idempotency_key="paper:1")
    written = _written()
    with pytest.raises(IdempotencyKeyReused):
        _register(clerk, body, idempotency_key="paper:1", **changed)
    assert _written() == written
    assert _register(clerk, body, idempotency_key="paper:1").pk == first.pk


def test_ops_20_4_a_key_lets_no_staff_of_another_body_register_nor_get_the_paper_complaint() -> None:
    body = OrganisationFactory.create()
    _register(officer(body), body, idempotency_key="paper:1")
    written = _written()
    with pytest.raises(AccessDenied):
        _register(officer(OrganisationFactory.create(), username="stranger"), body, idempotency_key="paper:1")
    assert _written() == written


def test_ops_20_4_a_concurrent_duplicate_paper_registration_resolves_to_the_stored_complaint() -> None:
    body = OrganisationFactory.create()
    clerk = officer(body)
    first = _register(clerk, body, idempotency_key="paper:race")
    written = _written()
    with _race():
        again = _register(clerk, body, idempotency_key="paper:race")
    assert again.pk == first.pk
    assert _written() == written
