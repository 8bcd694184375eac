"""The audit log is append-only: the database itself refuses UPDATE and DELETE."""

from __future__ import annotations

import pytest
from django.contrib.admin.sites import site
from django.db import DatabaseError, transaction
from django.test import RequestFactory

from qyzmet.core.models import AuditLog, User
from qyzmet.core.selectors import audit_trail
from qyzmet.core.services import audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def row() -> AuditLog:
    actor = User.objects.create_user(username="officer", password="x")
    return audit_record(
        actor=actor,
        action="case.accepted",
        object_type="registry.case",
        object_id="7",
        after={"s": "accepted"},
    )


def test_update_through_the_orm_is_refused_and_the_row_is_unchanged(row: AuditLog) -> None:
    row.action = "case.forged"
    with pytest.raises(DatabaseError), transaction.atomic():
        row.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditLog.objects.filter(pk=row.pk).update(after={"s": "rejected"})
    fresh = AuditLog.objects.get(pk=row.pk)
    assert fresh.action == "case.accepted"
    assert fresh.after == {"s": "accepted"}


def test_delete_through_the_orm_is_refused_and_the_row_remains(row: AuditLog) -> None:
    with pytest.raises(DatabaseError), transaction.atomic():
        row.delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditLog.objects.all().delete()
    assert AuditLog.objects.filter(pk=row.pk).exists()


def test_insert_is_allowed(row: AuditLog) -> None:
    audit_record(actor=None, action="case.closed", object_type="registry.case", object_id="7")
    assert AuditLog.objects.count() == 2


def test_audit_trail_lists_one_objects_rows_oldest_first(row: AuditLog) -> None:
    second = audit_record(actor=None, action="case.closed", object_type="registry.case", object_id="7")
    audit_record(actor=None, action="case.closed", object_type="registry.case", object_id="8")
    audit_record(actor=None, action="x", object_type="complaints.complaint", object_id="7")
    trail = list(audit_trail(object_type="registry.case", object_id=7))
    assert [r.pk for r in trail] == [row.pk, second.pk]
    assert trail[1].actor_label == "system"


def test_admin_shows_the_audit_log_read_only(admin_user: User) -> None:
    request = RequestFactory().get("/")
    request.user = admin_user
    model_admin = site._registry[AuditLog]
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_personal_data_iin_is_masked_in_before_and_after() -> None:
    row = audit_record(
        actor=None,
        action="case.applicant_changed",
        object_type="registry.case",
        object_id="9",
        before={"iin": "990101100000", "status": "new"},
        after={
            "applicant_iin": "921012300451",
            "people": [{"representative_iin": "990101100010"}],
            "bin": "990140000001",
        },
    )
    row.refresh_from_db()
    assert row.before == {"iin": "9901******00", "status": "new"}
    assert row.after == {
        "applicant_iin": "9210******51",
        "people": [{"representative_iin": "9901******10"}],
        "bin": "990140000001",  # a BIN identifies an entity, not a person
    }


def test_keep_iin_stores_the_full_number_when_a_service_needs_it() -> None:
    row = audit_record(
        actor=None, action="x", object_type="t", object_id="1", after={"iin": "990101100000"}, keep_iin=True
    )
    row.refresh_from_db()
    assert row.after == {"iin": "990101100000"}
