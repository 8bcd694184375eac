"""Throttling (ADR 0011): limits per client address and per target, counted by django-ratelimit
in the shared "throttle" cache; over a limit the client gets HTTP 429 with ``Retry-After`` and
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

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_ratelimit import ALL
from django_ratelimit.core import _SIMPLE_KEYS, _get_window, _make_cache_key, _split_rate, get_usage

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
    address = str(_SIMPLE_KEYS["ip"](request))
    if limit.key is None:
        return address
    return f"{limit.key}@{address}" if limit.with_address else limit.key


def _usage(request: HttpRequest, limit: Limit, *, increment: bool) -> dict[str, Any] | None:
    """django-ratelimit's count of ``limit`` for this request (counting it when ``increment``)."""
    value = _value(request, limit)
    return get_usage(
        request,
        group=_group(limit.name),
        key=lambda _group, _request: value,
        rate=limit.rate,
        increment=increment,
    )


def _group(name: str) -> str:
    return f"qyzmet:{name}"


def throttle_reset(limit: Limit) -> None:
    """Lift a by-target limit now (a sysadmin unlocking an account, ``qyzmet signin_unlock``):
    the count of the current window is removed from the throttle cache."""
    if limit.key is None or limit.with_address:
        raise ValueError("only a limit counted per target alone can be reset")
    _count, period = _split_rate(limit.rate)
    key = _make_cache_key(_group(limit.name), _get_window(limit.key, period), limit.rate, limit.key, ALL)
    caches[settings.RATELIMIT_USE_CACHE].delete(key)


def throttle(request: HttpRequest, *limits: Limit) -> int:
    """Count this attempt against ``limits`` in order; 0 when all let it through, else the
    seconds until the refusing limit's window ends (at least 1)."""
    for limit in limits:
        usage = _usage(request, limit, increment=True)
        if usage is not None and usage["should_limit"]:
            return max(1, int(usage["time_left"]))
    return 0


def throttle_check(request: HttpRequest, *limits: Limit) -> int:
    """Like :func:`throttle` without counting: 0 while every limit has room for one more
    attempt, else the seconds until the full limit's window ends. For limits counted only when
    an attempt fails (:func:`throttle_count`), such as wrong passwords."""
    for limit in limits:
        usage = _usage(request, limit, increment=False)
        if usage is not None and usage["count"] >= usage["limit"]:
            return max(1, int(usage["time_left"]))
    return 0


def throttle_count(request: HttpRequest, *limits: Limit) -> None:
    """Count one failed attempt against every one of ``limits``."""
    for limit in limits:
        _usage(request, limit, increment=True)


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
