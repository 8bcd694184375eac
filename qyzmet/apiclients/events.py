"""Which events a client may receive (issue 19.4, ADR 0061): an event is told only to a client
that could read its object with its own scopes (``events:receive`` alone reads nothing).

Per kind, the scopes that read its object and how far each reaches: ``organisation`` (the
object is of the client's organisation or one of its subordinate bodies), ``own`` (the client
submitted or filed it) or ``public`` (the register is public, Law 8)."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from qyzmet.notify.events import EventKind


class Reach(StrEnum):
    ORGANISATION = "organisation"
    OWN = "own"
    PUBLIC = "public"


_APPLICATION = (("applications:read-organisation", Reach.ORGANISATION), ("applications:read-own", Reach.OWN))
READ_REACH: dict[str, tuple[tuple[str, Reach], ...]] = {
    EventKind.APPLICATION_RECEIVED: _APPLICATION,
    EventKind.APPLICATION_STAGE_CHANGED: _APPLICATION,
    EventKind.APPLICATION_RESULT_ISSUED: _APPLICATION,
    EventKind.APPLICATION_REFUSED: _APPLICATION,
    # complaints:read reads the organisation's complaints and those the client filed (scopes.py).
    EventKind.COMPLAINT_ANSWERED: (
        ("complaints:read", Reach.ORGANISATION),
        ("complaints:read", Reach.OWN),
        ("complaints:file", Reach.OWN),
    ),
    EventKind.STANDARD_APPROVED: (("registry:read", Reach.PUBLIC),),
}
RECEIVE_SCOPE = "events:receive"


def reaches(*, scopes: Iterable[str], kind: str) -> set[Reach]:
    """How far a client holding ``scopes`` reads the objects of ``kind`` (empty: not at all)."""
    held = set(scopes)
    return {reach for scope, reach in READ_REACH.get(kind, ()) if scope in held}


def kinds_readable(*, scopes: Iterable[str]) -> list[str]:
    """The kinds a client holding ``scopes`` may receive."""
    held = set(scopes)
    if RECEIVE_SCOPE not in held:
        return []
    return [kind for kind in EventKind.values if reaches(scopes=held, kind=kind)]
