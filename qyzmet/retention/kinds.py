"""The kinds of records that have a retention period (ADR 0062), registered by the app that owns
them (the plugin-registry pattern of ``payments.purposes``): ``retention`` never imports a case
app. A kind says which disposal actions it takes, whether its periods may differ by service,
how to find its records whose period has run out (a selector of the owning app) and how to
dispose of some of them (a service of the owning app, which removes the files too and audits)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet


@dataclass(frozen=True)
class Due:
    """A record whose period has run out: its primary key and its public identifier (a number,
    never a name)."""

    pk: int
    identifier: str


@dataclass(frozen=True)
class Disposed:
    """What a disposal did: the records, their public identifiers and how many files it removed."""

    identifiers: list[str] = field(default_factory=list)
    files: int = 0

    @property
    def count(self) -> int:
        return len(self.identifiers)


# due(cutoff=, service_id=, other_service_ids=, exclude=, only=, limit=) -> list[Due]
#   cutoff: records that ended before this moment; service_id: only this service's (None: all,
#   less other_service_ids, which have rules of their own); exclude: a subquery of primary keys
#   already disposed of; only: restrict to these keys (a re-check before disposal).
DueFinder = Callable[..., list[Due]]
# dispose(actor=, pks=, action=, rule=) -> Disposed  (actor: who approved, None for the job;
#   rule: a short label for the audit rows)
Disposer = Callable[..., Disposed]


@dataclass(frozen=True)
class RecordKind:
    name: str
    label: Any  # a lazy translation
    actions: tuple[str, ...]
    due: DueFinder
    dispose: Disposer
    by_service: bool = False


_KINDS: dict[str, RecordKind] = {}


def register_record_kind(kind: RecordKind) -> RecordKind:
    _KINDS[kind.name] = kind
    return kind


def record_kind(name: str) -> RecordKind | None:
    return _KINDS.get(name)


def record_kinds() -> list[RecordKind]:
    return [_KINDS[n] for n in sorted(_KINDS)]


def due_args(
    *,
    cutoff: dt.datetime,
    service_id: int | None,
    other_service_ids: Sequence[int],
    exclude: QuerySet[Any],
    only: Sequence[int] | None,
    limit: int,
) -> dict[str, Any]:
    """The keyword arguments every ``due`` receives (one place that names them)."""
    return {
        "cutoff": cutoff,
        "service_id": service_id,
        "other_service_ids": list(other_service_ids),
        "exclude": exclude,
        "only": None if only is None else list(only),
        "limit": limit,
    }
