from __future__ import annotations

import pytest

from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import AuditLog
from qyzmet.web.services import user_language_set
from qyzmet.web.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_language_choice_is_stored_with_an_audit_row() -> None:
    user = UserFactory.create(preferred_language="kk")
    user_language_set(user=user, language="ru")
    user.refresh_from_db()
    assert user.preferred_language == "ru"
    row = AuditLog.objects.get(action="user.language_set", object_id=str(user.pk))
    assert row.before == {"preferred_language": "kk"}
    assert row.after == {"preferred_language": "ru"}


def test_same_language_writes_nothing() -> None:
    user = UserFactory.create(preferred_language="kk")
    user_language_set(user=user, language="kk")
    assert not AuditLog.objects.filter(action="user.language_set").exists()


def test_unknown_language_is_refused_in_kk_and_ru() -> None:
    user = UserFactory.create(preferred_language="kk")
    with pytest.raises(ApplicationError) as caught:
        user_language_set(user=user, language="de")
    assert caught.value.messages["kk"] and caught.value.messages["ru"]
    assert "language" in caught.value.fields
    user.refresh_from_db()
    assert user.preferred_language == "kk"
    assert not AuditLog.objects.filter(action="user.language_set").exists()
