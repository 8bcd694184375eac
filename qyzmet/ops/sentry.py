"""Optional error reporting (ADR 0070): Sentry's SDK, started only when ``SENTRY_DSN`` is set.

Nothing personal leaves: ``send_default_pii`` is off (no cookies, no user, no client address) and
``scrub`` masks IIN digits in every string of every event, transaction and breadcrumb before
it is queued (request bodies, query strings, local variables of the stack frames, messages)."""

from __future__ import annotations

from typing import Any

from qyzmet.ops.logs import mask


def scrub(event: Any, hint: Any = None) -> Any:
    """before_send / before_send_transaction / before_breadcrumb: the event with IINs masked."""
    return mask(event)


def sentry_init(
    *,
    dsn: str,
    environment: str,
    release: str = "",
    traces_sample_rate: float = 0.0,
    transport: Any = None,
) -> bool:
    """Start the SDK when ``dsn`` is set; returns whether it was started."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.integrations.logging import LoggingIntegration

    options: dict[str, Any] = {
        "dsn": dsn,
        "environment": environment,
        "release": release or None,
        "send_default_pii": False,
        "traces_sample_rate": traces_sample_rate,
        "before_send": scrub,
        "before_send_transaction": scrub,
        "before_breadcrumb": scrub,
        "integrations": [DjangoIntegration(), LoggingIntegration()],
        "max_request_body_size": "small",
    }
    if transport is not None:
        options["transport"] = transport
    sentry_sdk.init(**options)
    return True
