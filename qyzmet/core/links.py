"""Absolute links to the public site, for SMS, e-mails and QR codes (Law 21.2-1, 5.2.8)."""

from __future__ import annotations

from django.conf import settings


def public_url(path: str) -> str:
    """``path`` on the site's public address (``QYZMET_PUBLIC_BASE_URL``)."""
    return str(settings.PUBLIC_BASE_URL or "").rstrip("/") + path
