"""Throttling (ADR 0011, ADR 0075): limits per client address and per target, counted in the
database table ``core_throttlecounter`` by one upsert per limit and attempt; over a limit the client gets HTTP 429 with ``Retry-After`` and
a message in its language (a page, the REST API's error object or Open311's error list).

A view names its limits and asks :func:`throttle`::

    wait = throttle(request, by_address("status_address"), by_target("status_number", number))
    if wait:
        return refusal(request, wait)

Limits are taken in order; each counts the attempt it lets through, and the first one that
refuses stops the request, so a refused attempt never uses up the budget of the limits after
it (a flood from one address does not lock the target for everybody else). The rates are the
setting ``QYZMET_THROTTLE_RATES`` (config/settings/base.py). A refusal writes nothing but the
counter.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_ratelimit.core import _SIMPLE_KEYS

from qyzmet.core.models import ThrottleCounter

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}

THROTTLED_CODE = "too_many_requests"


@dataclass(frozen=True)
class Limit:
    """One limit: the rate named ``name`` in the settings, counted per ``key`` (an address or a
    target such as an application number or a user name)."""

    name: str
    key: str | None  # None: the client's address (django-ratelimit's "ip" key)
    with_address: bool = False  # counted per key *and* client address

    @property
    def rate(self) -> str:
        return str(settings.QYZMET_THROTTLE_RATES[self.name])

    @property
    def allowed(self) -> int:
        return int(self.rate.split("/", 1)[0])

    @property
    def period(self) -> dt.timedelta:
        """ "10/15m": fifteen minutes; "30/d": a day."""
        period = self.rate.split("/", 1)[1]
        digits = period[:-1] or "1"
        return dt.timedelta(seconds=int(digits) * PERIODS[period[-1]])


def by_address(name: str) -> Limit:
    """Counted per client address (REMOTE_ADDR, or ``QYZMET_CLIENT_ADDRESS_META`` behind a proxy;
    an IPv6 client per /64)."""
    return Limit(name=name, key=None)


def by_target(name: str, target: str) -> Limit:
    """Counted per target, whatever address the attempts come from (case and spaces ignored)."""
    return Limit(name=name, key=" ".join(target.split()).upper())


def by_target_from_address(name: str, target: str) -> Limit:
    """Counted per target and client address together: one address's failures lock only that
    address out of the target, never the target's owner elsewhere."""
    return Limit(name=name, key=by_target(name, target).key, with_address=True)


def _value(request: HttpRequest, limit: Limit) -> str:
    address = str(_SIMPLE_KEYS["ip"](request))  # django-ratelimit's: the proxy header, IPv6 /64
    if limit.key is None:
        return address
    return f"{limit.key}@{address}" if limit.with_address else limit.key


def _key(limit: Limit, value: str) -> str:
    return hashlib.sha256(f"{limit.name}\n{value}".encode()).hexdigest()


def _wait(expires: dt.datetime, now: dt.datetime) -> int:
    return max(1, math.ceil((expires - now).total_seconds()))


# One statement an attempt, atomic on PostgreSQL and SQLite alike: a new key or a window that
# ended starts at 1 with a new end; a live window adds one and keeps its end (a lock never
# lifts early, parallel workers lose no attempt).
_COUNT_SQL = (
    "INSERT INTO core_throttlecounter (key, count, expires) VALUES (%s, 1, %s) "
    "ON CONFLICT (key) DO UPDATE SET "
    "count = CASE WHEN core_throttlecounter.expires <= %s THEN 1 ELSE core_throttlecounter.count + 1 END, "
    "expires = CASE WHEN core_throttlecounter.expires <= %s THEN excluded.expires "
    "ELSE core_throttlecounter.expires END "
    "RETURNING count, expires"
)


def _count(request: HttpRequest, limit: Limit, now: dt.datetime) -> tuple[int, dt.datetime]:
    """Count this attempt against ``limit``: the count in the window and its end."""
    with connection.cursor() as cursor:
        cursor.execute(_COUNT_SQL, [_key(limit, _value(request, limit)), now + limit.period, now, now])
        count, expires = cursor.fetchone()
    if isinstance(expires, str):  # SQLite returns the stored text, in UTC
        expires = parse_datetime(expires)
    if timezone.is_naive(expires):
        expires = timezone.make_aware(expires, dt.UTC)
    return int(count), expires


def throttle_reset(limit: Limit) -> None:
    """Lift a by-target limit now (a sysadmin unlocking an account, ``qyzmet signin_unlock``):
    its counter is removed."""
    if limit.key is None or limit.with_address:
        raise ValueError("only a limit counted per target alone can be reset")
    ThrottleCounter.objects.filter(key=_key(limit, limit.key)).delete()


def throttle(request: HttpRequest, *limits: Limit) -> int:
    """Count this attempt against ``limits`` in order; 0 when all let it through, else the
    seconds until the refusing limit's window ends (at least 1)."""
    if not settings.RATELIMIT_ENABLE:
        return 0
    now = timezone.now()
    for limit in limits:
        count, expires = _count(request, limit, now)
        if count > limit.allowed:
            return _wait(expires, now)
    return 0


def throttle_check(request: HttpRequest, *limits: Limit) -> int:
    """Like :func:`throttle` without counting: 0 while every limit has room for one more
    attempt, else the seconds until the full limit's window ends. For limits counted only when
    an attempt fails (:func:`throttle_count`), such as wrong passwords."""
    if not settings.RATELIMIT_ENABLE:
        return 0
    now = timezone.now()
    for limit in limits:
        row = ThrottleCounter.objects.filter(key=_key(limit, _value(request, limit)), expires__gt=now).first()
        if row is not None and row.count >= limit.allowed:
            return _wait(row.expires, now)
    return 0


def throttle_count(request: HttpRequest, *limits: Limit) -> None:
    """Count one failed attempt against every one of ``limits``."""
    if not settings.RATELIMIT_ENABLE:
        return
    now = timezone.now()
    for limit in limits:
        _count(request, limit, now)


def _texts(wait: int) -> tuple[str, str]:
    minutes = max(1, math.ceil(wait / 60))
    title = _("Too many attempts")
    message = ngettext(
        "Too many attempts. Try again in %(minutes)d minute: the limit lifts by itself.",
        "Too many attempts. Try again in %(minutes)d minutes: the limit lifts by itself.",
        minutes,
    ) % {"minutes": minutes}
    return title, message


def refusal(request: HttpRequest, wait: int, *, language: str | None = None) -> HttpResponse:
    """HTTP 429 with ``Retry-After: wait``: the REST API's error object under /api/, Open311's
    error list (JSON or XML) under /open311/, a page elsewhere; in ``language`` or the
    request's."""
    with translation.override(language or translation.get_language()):
        title, message = _texts(wait)
        path = request.path
        response: HttpResponse
        if path.startswith("/api/"):
            response = JsonResponse({"code": THROTTLED_CODE, "message": message, "fields": {}}, status=429)
        elif path.startswith("/open311/"):
            if path.endswith(".xml"):
                root = ET.Element("errors")
                error = ET.SubElement(root, "error")
                ET.SubElement(error, "code").text = "429"
                ET.SubElement(error, "description").text = message
                body = ET.tostring(root, encoding="unicode")
                response = HttpResponse(
                    f'<?xml version="1.0" encoding="utf-8"?>\n{body}',
                    content_type="application/xml; charset=utf-8",
                    status=429,
                )
            else:
                response = JsonResponse([{"code": 429, "description": message}], safe=False, status=429)
        else:
            response = render(request, "429.html", {"title": title, "message": message}, status=429)
    response["Retry-After"] = str(wait)
    return response
