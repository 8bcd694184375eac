"""Signed HTTP POSTs to other systems (ADR 0061): the webhook channel of the outbox.

Each POST carries ``X-Qyzmet-Timestamp`` (Unix seconds) and ``X-Qyzmet-Signature``:
``v1=`` and the hex HMAC-SHA256, under the subscription's secret, of ``<timestamp>.<body>``. A
receiver recomputes it over the raw body, compares in constant time and refuses a timestamp
more than five minutes away from its clock (:func:`webhook_verify` does all three), so a body
cannot be altered nor an old delivery replayed. ``X-Qyzmet-Delivery`` is the same on every retry
of one delivery: a receiver that saw it already answers 2xx and does nothing.

The address is checked before each POST: ``http`` or ``https`` (only ``https`` when
``QYZMET_WEBHOOK_REQUIRE_HTTPS``), and no loopback, private, link-local or reserved address
unless ``QYZMET_WEBHOOK_ALLOW_PRIVATE`` (the demo and the suite, whose subscriber listens on
127.0.0.1): a subscriber cannot make the server call into its own network. Redirects are not
followed."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings

from qyzmet.notify.backends import Delivered, DeliveryFailed

SIGNATURE_VERSION = "v1"
TIMESTAMP_HEADER = "X-Qyzmet-Timestamp"
SIGNATURE_HEADER = "X-Qyzmet-Signature"
DELIVERY_HEADER = "X-Qyzmet-Delivery"
EVENT_HEADER = "X-Qyzmet-Event"
TOLERANCE_SECONDS = 300
URL_MAX_LENGTH = 254  # the outbox's recipient field


def webhook_signature(*, secret: str, timestamp: int, body: bytes) -> str:
    """``v1=<hex HMAC-SHA256(secret, "<timestamp>." + body)>``."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"{SIGNATURE_VERSION}={mac.hexdigest()}"


def webhook_verify(
    *, secret: str, body: bytes, timestamp: str, signature: str, now: float | None = None
) -> bool:
    """What a receiver does: the signature matches the raw body and the timestamp, and the
    timestamp is within ``TOLERANCE_SECONDS`` of ``now``."""
    try:
        stamp = int(timestamp)
    except (TypeError, ValueError):
        return False
    now = time.time() if now is None else now
    if abs(now - stamp) > TOLERANCE_SECONDS:
        return False
    expected = webhook_signature(secret=secret, timestamp=stamp, body=body)
    return hmac.compare_digest(expected, signature or "")


def webhook_url_problem(url: str) -> dict[str, str] | None:
    """Why the server will not POST to ``url`` (kk/ru/en), or None."""
    require_https = getattr(settings, "QYZMET_WEBHOOK_REQUIRE_HTTPS", False)
    schemes = {"https"} if require_https else {"http", "https"}
    try:
        parts = urlsplit(url)
        _port = parts.port  # a port that is not a number raises here
    except ValueError:
        parts = urlsplit("")
    if parts.scheme not in schemes or not parts.hostname or any(c.isspace() for c in url):
        return {
            "kk": "Мекенжай https:// (немесе сынақта http://) арқылы басталып, хостты атауы керек.",
            "ru": "Адрес должен начинаться с https:// (при проверке — http://) и называть хост.",
            "en": "The address must start with https:// (http:// when testing) and name a host.",
        }
    if len(url) > URL_MAX_LENGTH:
        return {
            "kk": f"Мекенжай {URL_MAX_LENGTH} таңбадан аспауы керек.",
            "ru": f"Адрес не длиннее {URL_MAX_LENGTH} символов.",
            "en": f"The address is at most {URL_MAX_LENGTH} characters.",
        }
    if parts.username or parts.password:
        return {
            "kk": "Мекенжайда пайдаланушы аты мен құпиясөз болмауы керек.",
            "ru": "В адресе не должно быть имени пользователя и пароля.",
            "en": "The address must not hold a user name or password.",
        }
    if not getattr(settings, "QYZMET_WEBHOOK_ALLOW_PRIVATE", False) and _is_private(parts.hostname):
        return {
            "kk": "Мекенжай ішкі желіге (loopback, жеке, link-local) апарады: жария мекенжай беріңіз.",
            "ru": "Адрес ведёт во внутреннюю сеть (loopback, частный, link-local): укажите публичный.",
            "en": "The address leads into a private network (loopback, private, link-local): give a public one.",
        }
    return None


def _is_private(host: str) -> bool:
    """The host is, or resolves to, an address that is not global (an unresolvable host too)."""
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        return True
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            return True
    return False


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def webhook_post(
    *,
    url: str,
    body: bytes,
    secret: str,
    delivery_id: str,
    headers: Mapping[str, str] | None = None,
    timeout: float | None = None,
) -> Delivered:
    """POST ``body`` (JSON) to ``url``, signed now. A 2xx answer is :class:`Delivered`; any other
    answer, a refused connection or a timeout raises :class:`DeliveryFailed` with the code."""
    problem = webhook_url_problem(url)
    if problem is not None:
        raise DeliveryFailed(problem["en"], permanent=True)
    timestamp = int(time.time())
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Qyzmet-Webhook/1",
            TIMESTAMP_HEADER: str(timestamp),
            SIGNATURE_HEADER: webhook_signature(secret=secret, timestamp=timestamp, body=body),
            DELIVERY_HEADER: delivery_id,
            **(headers or {}),
        },
    )
    timeout = timeout if timeout is not None else getattr(settings, "QYZMET_WEBHOOK_TIMEOUT_SECONDS", 10)
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            status = int(response.status)
    except urllib.error.HTTPError as exc:
        raise DeliveryFailed(f"HTTP {exc.code}", response_code=exc.code) from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DeliveryFailed(f"no answer: {reason}") from exc
    if not 200 <= status < 300:
        # A 3xx (redirects are not followed) or a 1xx: not delivered.
        raise DeliveryFailed(f"HTTP {status}", response_code=status)
    return Delivered(provider_id=delivery_id, response_code=status)
