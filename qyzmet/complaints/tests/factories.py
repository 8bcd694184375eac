"""Factories of the complaints tests: complaints are created through the services, so the
number, reviewing body and review term are the real ones."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qyzmet.complaints import services
from qyzmet.complaints.enums import ComplaintAddressee, ComplaintChannel, ComplaintSource, ComplaintSubject
from qyzmet.complaints.models import Complaint
from qyzmet.core.models import User
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import authority
from qyzmet.orgs.tests.factories import OrganisationFactory, RecipientFactory, StaffPositionFactory


def quality_authority() -> Organisation:
    return authority("quality") or OrganisationFactory.create(
        code="quality-authority", is_quality_authority=True
    )


def inspector(username: str = "inspector") -> User:
    position = StaffPositionFactory.create(
        user__username=username, role=StaffRole.QUALITY_INSPECTOR, organisation=quality_authority()
    )
    return position.user


def officer(
    organisation: Organisation, username: str = "officer", role: str = StaffRole.PROVIDER_OFFICER
) -> User:
    return StaffPositionFactory.create(user__username=username, role=role, organisation=organisation).user


def complaint_make(
    *,
    provider: Organisation | None = None,
    complainant: User | None = None,
    addressee: str = ComplaintAddressee.PROVIDER,
    channel: str = ComplaintChannel.ELECTRONIC,
    subject: str = ComplaintSubject.DECISION,
    registered_on: dt.date = dt.date(2026, 11, 2),
    **fields: Any,
) -> Complaint:
    provider = provider or OrganisationFactory.create()
    if addressee == ComplaintAddressee.QUALITY_AUTHORITY:
        quality_authority()
    complainant = complainant or RecipientFactory.create()
    defaults: dict[str, Any] = {
        "actor": complainant if channel == ComplaintChannel.ELECTRONIC else None,
        "channel": channel,
        "source": ComplaintSource.CABINET
        if channel == ComplaintChannel.ELECTRONIC
        else ComplaintSource.STAFF,
        "subject": subject,
        "addressee": addressee,
        "provider": provider,
        "text": "Анықтама мерзімінде берілмеді.",
        "complainant": complainant if channel == ComplaintChannel.ELECTRONIC else None,
        "complainant_name": str(complainant),
        "complainant_iin": complainant.iin,
        "complainant_phone": complainant.phone,
        "complainant_address": "Астана қ., Мәңгілік Ел д-лы, 8" if channel == ComplaintChannel.PAPER else "",
        "registered_on": registered_on,
    }
    defaults.update(fields)
    return services._complaint_create(**defaults)
