"""Issue 20.4: one request sent twice under one idempotency key is one write.

A keyed write stores a fingerprint of what was asked for (not when it was asked); a resend
with the same key and the same fingerprint gets the first write back, and the same key with
another request is refused (``IdempotencyKeyReused``; 422 in the API) and writes nothing. The
complaints, delivery and reception services share these two functions."""

from __future__ import annotations

import hashlib
import json
from typing import Any, Protocol, TypeVar

from qyzmet.core.errors import IdempotencyKeyReused


class _Keyed(Protocol):
    idempotency_fingerprint: str


K = TypeVar("K", bound=_Keyed)


def request_fingerprint(parts: Any) -> str:
    """A digest of ``parts`` (JSON-able values; model instances stand for their primary key,
    other values for their ``str``): equal requests give equal digests."""

    def plain(value: Any) -> Any:
        return value.pk if hasattr(value, "pk") else value

    if isinstance(parts, dict):
        parts = {k: plain(v) for k, v in parts.items()}
    text = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def same_request(existing: K, fingerprint: str, *, unfingerprinted_is_same: bool = False) -> K:
    """What a resend under an existing key gets back: the first write when it asked for the
    same thing; a key reused for another request is refused, nothing is written.

    A row without a fingerprint (keyed before fingerprints were stored, or anonymised at the
    end of retention, ADR 0062) cannot be compared. Where keys are per filer, the caller may
    take it as the same request (``unfingerprinted_is_same``: a late retry gets its own write
    back); where a key is not scoped to its filer, it is refused."""
    stored = existing.idempotency_fingerprint
    if stored != fingerprint and (stored or not unfingerprinted_is_same):
        raise IdempotencyKeyReused()
    return existing
