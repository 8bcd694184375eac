"""Test helpers for what approval asks of an agreed version (STD 1, 9, Law 13.1): an agreed copy
of the version in force with some parts changed, its approval by the head of the developing
body, and the check that a refused approval wrote nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qyzmet.core.models import AuditLog
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import StaffPositionFactory
from qyzmet.registry import services
from qyzmet.registry.enums import VersionStatus
from qyzmet.registry.models import ContactCentreUpdateTask, StandardVersion
from qyzmet.registry.tests.factories import ServiceFactory

APPROVAL_DAY = dt.date(2026, 12, 3)
IN_FORCE_FROM = dt.date(2027, 1, 1)


def agreed_copy(*, channels: Any = None, **changes: Any) -> tuple[StandardVersion, StandardVersion, Any]:
    """The version in force, an agreed copy of it with ``changes`` (and only the channel terms
    of ``channels``, if given) and the head who approves it."""
    service = ServiceFactory.create()
    in_force = service.versions.get()
    draft = services.standard_version_copy(actor=None, version=in_force)
    if channels is not None:
        draft.channel_terms.exclude(channel__in=channels).delete()
    StandardVersion.objects.filter(pk=draft.pk).update(status=VersionStatus.AGREED, **changes)
    draft.refresh_from_db()
    head = StaffPositionFactory.create(
        role=StaffRole.PROVIDER_HEAD, organisation=service.responsible_body
    ).user
    return in_force, draft, head


def approve(draft: StandardVersion, head: Any) -> StandardVersion:
    return services.standard_version_approve(
        actor=head, version=draft, effective_from=IN_FORCE_FROM, today=APPROVAL_DAY
    )


def assert_nothing_written(in_force: StandardVersion, draft: StandardVersion) -> None:
    draft.refresh_from_db()
    in_force.refresh_from_db()
    assert draft.status == VersionStatus.AGREED and draft.effective_from is None
    assert draft.approved_on is None and draft.approved_by is None
    assert in_force.effective_to is None
    assert not AuditLog.objects.filter(action="registry.version_approve").exists()
    assert not ContactCentreUpdateTask.objects.filter(version=draft).exists()
