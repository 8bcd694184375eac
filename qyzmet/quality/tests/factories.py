"""Test data for quality: applications with chosen terms and decisions (built through the
delivery service, then moved to the wanted state), survey invitations and answers."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from qyzmet.core.models import User
from qyzmet.delivery.enums import ApplicationStatus
from qyzmet.delivery.models import Application
from qyzmet.delivery.tests.factories import World, make_world, submit
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory
from qyzmet.quality import services
from qyzmet.quality.enums import CaseKind
from qyzmet.quality.models import SurveyAnswer, SurveyInvitation
from qyzmet.registry.models import Service

ALMATY = ZoneInfo("Asia/Almaty")

__all__ = ["World", "answer_make", "application_make", "inspector", "local", "make_world"]


def local(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=ALMATY)


def application_make(
    world: World,
    *,
    due_on: dt.date,
    status: str = ApplicationStatus.ISSUED,
    decided_at: dt.datetime | None = None,
    service: Service | None = None,
    **overrides: Any,
) -> Application:
    """An application of ``world`` due on ``due_on`` with the decision at ``decided_at``."""
    if service is not None:
        overrides = {"service": service, "documents": world.documents(service), **overrides}
    app = submit(world, **overrides)
    fields: dict[str, Any] = {"due_on": due_on, "status": status}
    if status == ApplicationStatus.REFUSED:
        fields["closed_at"] = decided_at
    elif status in (ApplicationStatus.ISSUED, ApplicationStatus.RESULT_READY, ApplicationStatus.HANDED_OVER):
        fields["result_ready_at"] = decided_at
        fields["closed_at"] = decided_at if status == ApplicationStatus.ISSUED else None
    Application.objects.filter(pk=app.pk).update(**fields)
    app.refresh_from_db()
    return app


_counter = iter(range(1, 10**6))


def answer_make(
    *,
    case_kind: str = CaseKind.APPLICATION,
    case_date: dt.date,
    service: Service | None,
    provider: Organisation | None,
    **scores: int | None,
) -> SurveyAnswer:
    invitation, _ = services.survey_invitation_create(
        case_kind=case_kind,
        case_number=f"T-{next(_counter)}",
        case_date=case_date,
        service=service,
        provider=provider,
    )
    return services.survey_answer_submit(token=invitation.token, scores=scores)


def invitation_make(**fields: Any) -> SurveyInvitation:
    defaults: dict[str, Any] = {
        "case_kind": CaseKind.APPLICATION,
        "case_number": f"T-{next(_counter)}",
        "case_date": dt.date(2026, 11, 10),
        "service": None,
        "provider": None,
    }
    defaults.update(fields)
    return services.survey_invitation_create(**defaults)[0]


def inspector() -> User:
    authority = OrganisationFactory.create(is_quality_authority=True)
    return StaffPositionFactory.create(role=StaffRole.QUALITY_INSPECTOR, organisation=authority).user


def officer(organisation: Organisation, role: str = StaffRole.PROVIDER_OFFICER) -> User:
    return StaffPositionFactory.create(role=role, organisation=organisation).user
