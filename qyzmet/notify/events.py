"""Events for other systems (issue 19.4): what happened to a case, told to the systems that
subscribed, through the outbox (ADR 0061).

The kinds are declared once here, with a description (``qyzmet apiclient-scopes`` and the REST
API list them). An owning app's service calls :func:`event_publish` inside its transaction, in
one line; the subscribers (``qyzmet.apiclients`` registers itself with
:func:`register_event_sink`) turn it into outbox rows, so an event leaves only if the change
commits, and a subscriber that is down gets it again on the outbox's retries.

An event carries no personal data: its kind, the public number of the object, the service and
organisation codes, when it happened and the REST URL to read the object with the subscriber's
own scopes."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qyzmet.core.links import public_url

if TYPE_CHECKING:
    from qyzmet.orgs.models import Organisation


class EventKind(models.TextChoices):
    APPLICATION_RECEIVED = "application.received", _("Application received")
    APPLICATION_STAGE_CHANGED = "application.stage_changed", _("Application stage changed")
    APPLICATION_RESULT_ISSUED = "application.result_issued", _("Application result issued")
    APPLICATION_REFUSED = "application.refused", _("Application refused")
    COMPLAINT_ANSWERED = "complaint.answered", _("Complaint answered")
    STANDARD_APPROVED = "standard.approved", _("Standard approved")


# What each kind says, for the systems that subscribe (English: the API's own language).
EVENT_DESCRIPTIONS: dict[str, str] = {
    EventKind.APPLICATION_RECEIVED: "An application was accepted and registered (Law 20.1).",
    EventKind.APPLICATION_STAGE_CHANGED: (
        "An application moved to a stage: in work, request to another body, result ready, "
        "result handed to the State Corporation (Law 5.2.11); 'stage' names it."
    ),
    EventKind.APPLICATION_RESULT_ISSUED: "The result of an application reached the recipient (Law 21.2).",
    EventKind.APPLICATION_REFUSED: "A reasoned refusal was given on an application (Law 19-1).",
    EventKind.COMPLAINT_ANSWERED: "A complaint got its reasoned answer (Law 25).",
    EventKind.STANDARD_APPROVED: "A version of a service's standard was approved and put in force (Law 15).",
}


@dataclass(frozen=True)
class Event:
    """One thing that happened. ``organisation`` is the body it happened at (the provider of an
    application, the reviewing body of a complaint, the developing body of a standard);
    ``origin_user_id`` the account that submitted or filed the object (an API client's
    technical user reads back what it submitted). Neither travels in the payload but codes."""

    kind: str
    object_type: str
    number: str
    path: str
    occurred_at: dt.datetime
    service_code: str = ""
    organisation: Organisation | None = None
    origin_user_id: int | None = None
    stage: str = ""
    id: uuid.UUID = field(default_factory=uuid.uuid4)

    @property
    def url(self) -> str:
        return public_url(self.path)

    def payload(self) -> dict[str, Any]:
        """What a subscriber receives (JSON): no names, no IINs, no contacts."""
        return {
            "id": str(self.id),
            "kind": self.kind,
            "occurred_at": self.occurred_at.isoformat(),
            "object_type": self.object_type,
            "number": self.number,
            "stage": self.stage or None,
            "service_code": self.service_code or None,
            "organisation_code": self.organisation.code if self.organisation is not None else None,
            "url": self.url,
        }


EventSink = Callable[[Event], object]
_SINKS: dict[str, EventSink] = {}


def register_event_sink(name: str, sink: EventSink) -> None:
    """A consumer of events (``apiclients`` registers its subscriptions in its ``ready``)."""
    _SINKS[name] = sink


def event_publish(
    *,
    kind: str,
    object_type: str,
    number: str,
    path: str,
    service_code: str = "",
    organisation: Organisation | None = None,
    origin_user_id: int | None = None,
    stage: str = "",
    occurred_at: dt.datetime | None = None,
) -> Event:
    """Tell the subscribers that ``kind`` happened to the object ``number`` (read at ``path``).
    Call it inside the transaction of the change: the sinks write outbox rows in it."""
    if kind not in EventKind.values:
        raise ValueError(f"undeclared event kind {kind!r}")
    event = Event(
        kind=kind,
        object_type=object_type,
        number=number,
        path=path,
        service_code=service_code,
        organisation=organisation,
        origin_user_id=origin_user_id,
        stage=stage,
        occurred_at=occurred_at or timezone.now(),
    )
    for sink in _SINKS.values():
        sink(event)
    return event
