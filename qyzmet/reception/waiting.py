"""Reads of the queue: a ticket's place in its line and an estimate of the wait (CRC 14).

A *line* is the waiting tickets of one zone on one day, in the Consultation zone per competent
body (CRC 19: each body's desk calls only its own line). Tickets are called in order of issue
(``queued_at``, then number), so the tickets *ahead* of one are the waiting tickets of its line
queued before it.

The estimate (ADR 0030, "The estimate of the wait"):

    wait = ceil(ahead × service time ÷ desks), in whole minutes

- *service time* is the median of the line's recent services (call to finish of a ticket served
  at the same zone for the same body, the last ``RECENT_SERVICES`` within ``RECENT_DAYS``); with
  fewer than ``MIN_SAMPLES`` of them, the zone's recent services of every body; with fewer still,
  ``DEFAULT_SERVICE`` (10 minutes: no rule sets it, it is the demo's assumption). The median,
  not the mean: one visitor kept for an hour does not triple everybody's estimate.
- *desks* is how many desks serve the line now: a desk with its body's worker at it, or a desk
  with a visitor called to it (at least one, so that a line whose worker has stepped out still
  reads as a wait, not as never).

It is an estimate for the visitor, never a promise: the pages say "about".
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import DurationField, ExpressionWrapper, F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from qyzmet.reception.enums import BODY_ZONES, TicketStatus
from qyzmet.reception.models import Desk, Hall, Ticket, Zone

RECENT_SERVICES = 20
RECENT_DAYS = 14
MIN_SAMPLES = 3
DEFAULT_SERVICE = dt.timedelta(minutes=10)

LineKey = tuple[int, int | None]  # (zone id, competent body id or None)


@dataclass(frozen=True)
class Position:
    """Where a waiting ticket stands: ``ahead`` tickets before it, about ``minutes`` to wait."""

    ahead: int
    minutes: int


def line_key(ticket: Ticket) -> LineKey:
    body = ticket.competent_body_id if ticket.zone.kind in BODY_ZONES else None
    return (ticket.zone_id, body)


def _median(values: list[dt.timedelta]) -> dt.timedelta:
    return dt.timedelta(seconds=statistics.median(v.total_seconds() for v in values))


def estimate_minutes(*, ahead: int, service: dt.timedelta, desks: int) -> int:
    """ceil(ahead × service ÷ desks) minutes; nobody ahead is no wait."""
    if ahead <= 0:
        return 0
    return math.ceil(ahead * service.total_seconds() / max(desks, 1) / 60)


class HallQueue:
    """The figures of every line of a hall on a day, read in a few queries (the board asks for
    them every second)."""

    def __init__(self, *, hall: Hall, day: dt.date | None = None, now: dt.datetime | None = None) -> None:
        self.now = now or timezone.now()
        self.day = day or timezone.localdate(self.now)
        self.zones: dict[int, Zone] = {z.pk: z for z in hall.zones.all()}
        self.body_zone_ids = {pk for pk, z in self.zones.items() if z.kind in BODY_ZONES}
        self._services = self._recent_services(hall)
        self._desks = self._serving_desks(hall)
        waiting = Ticket.objects.filter(
            zone_id__in=list(self.zones), day=self.day, status=TicketStatus.WAITING
        ).order_by("queued_at", "number")
        self.waiting: dict[LineKey, list[int]] = defaultdict(list)
        for pk, zone_id, body_id in waiting.values_list("pk", "zone_id", "competent_body_id"):
            self.waiting[self._key(zone_id, body_id)].append(pk)

    def _key(self, zone_id: int, body_id: int | None) -> LineKey:
        return (zone_id, body_id if zone_id in self.body_zone_ids else None)

    def _recent_services(self, hall: Hall) -> dict[LineKey, list[dt.timedelta]]:
        """The last ``RECENT_SERVICES`` service times of every line (zone, body) in one query:
        a window numbers each line's services newest first and only the first ones are read."""
        since = self.day - dt.timedelta(days=RECENT_DAYS)
        rows = (
            Ticket.objects.filter(
                zone_id__in=list(self.zones),
                status=TicketStatus.SERVED,
                day__gte=since,
                called_at__isnull=False,
                finished_at__isnull=False,
                finished_at__lte=self.now,
            )
            .annotate(
                service=ExpressionWrapper(F("finished_at") - F("called_at"), output_field=DurationField()),
                nth=Window(
                    RowNumber(),
                    partition_by=[F("zone_id"), F("competent_body_id")],
                    order_by=F("finished_at").desc(),
                ),
            )
            .filter(nth__lte=RECENT_SERVICES)
            .order_by()
            .values_list("zone_id", "competent_body_id", "service")
        )
        out: dict[LineKey, list[dt.timedelta]] = defaultdict(list)
        for zone_id, body_id, service in rows:
            if service is not None and service > dt.timedelta(0):
                out[self._key(zone_id, body_id)].append(service)
        return out

    def _serving_desks(self, hall: Hall) -> dict[LineKey, int]:
        zone_ids = list(self.zones)
        called = Ticket.objects.filter(
            zone_id__in=zone_ids, day=self.day, status=TicketStatus.CALLED, desk__isnull=False
        ).values("desk_id")
        desks = (
            Desk.objects.filter(zone_id__in=zone_ids)
            .filter(Q(operator__isnull=False, staffed_since__isnull=False) | Q(pk__in=called))
            .order_by()
        )
        out: dict[LineKey, int] = defaultdict(int)
        for zone_id, body_id in desks.values_list("zone_id", "organisation_id"):
            out[self._key(zone_id, body_id)] += 1
        return out

    def service_time(self, key: LineKey) -> dt.timedelta:
        own = self._services.get(key, [])[:RECENT_SERVICES]
        if len(own) >= MIN_SAMPLES:
            return _median(own)
        zone_all = sorted(
            (
                d
                for (zone_id, _b), ds in self._services.items()
                if zone_id == key[0]
                for d in ds[:RECENT_SERVICES]
            ),
        )
        if len(zone_all) >= MIN_SAMPLES:
            return _median(zone_all)
        return DEFAULT_SERVICE

    def desks(self, key: LineKey) -> int:
        return max(self._desks.get(key, 0), 1)

    def position(self, ticket: Ticket) -> Position | None:
        """A waiting ticket's place in its line; ``None`` once it is no longer waiting."""
        key = self._key(ticket.zone_id, ticket.competent_body_id)
        line = self.waiting.get(key, [])
        if ticket.pk not in line:
            return None
        ahead = line.index(ticket.pk)
        return Position(
            ahead, estimate_minutes(ahead=ahead, service=self.service_time(key), desks=self.desks(key))
        )

    def line(self, zone_id: int, body_id: int | None = None) -> dict[str, Any]:
        """A line's figures for the board: how many wait, and about how long a ticket issued now
        waits (everybody waiting is ahead of it)."""
        key = self._key(zone_id, body_id)
        waiting = len(self.waiting.get(key, []))
        return {
            "waiting": waiting,
            "minutes": estimate_minutes(ahead=waiting, service=self.service_time(key), desks=self.desks(key)),
        }

    def body_lines(self, zone_id: int) -> list[int]:
        """The bodies with tickets waiting in a body-lined zone, in order of their oldest ticket."""
        return [body for (z, body) in self.waiting if z == zone_id and body is not None]


def ticket_position(*, ticket: Ticket, now: dt.datetime | None = None) -> Position | None:
    """CRC 14: how many are ahead of a waiting ticket in its line and about how long it waits."""
    ticket = Ticket.objects.select_related("zone__hall").get(pk=ticket.pk)
    if ticket.status != TicketStatus.WAITING:
        return None
    return HallQueue(hall=ticket.zone.hall, day=ticket.day, now=now).position(ticket)
