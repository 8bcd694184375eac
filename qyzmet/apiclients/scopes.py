"""The scopes an API client may hold, declared once (Law 18.6: other information systems are a
channel). Every REST v1 and Open311 operation names one of these (``qyzmet.api.auth.scoped``);
``qyzmet apiclient-scopes`` lists them. A scope says what a system may do; what it may see is
still bounded by its organisation (or, for ``applications:read-own``, by what it submitted)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scope:
    name: str
    description: str


_DECLARED = (
    Scope(
        "registry:read",
        "Read the register of services and their standards (Law 8, 13). The register is public: "
        "what this scope adds is receiving the events of approved standards.",
    ),
    Scope(
        "applications:submit",
        "Submit applications on behalf of a recipient the system has identified, on the channel "
        "'other information system' (Law 18.6).",
    ),
    Scope("applications:read-own", "Read back the applications this client submitted."),
    Scope(
        "applications:read-organisation",
        "Read the applications delivered by the client's organisation and its subordinate bodies.",
    ),
    Scope("stages:record", "Record stages and decisions of the organisation's applications (Law 5.2.11)."),
    Scope("payments:create", "Create fee payments for the applications the client submits (Law 24)."),
    Scope("complaints:file", "File complaints on behalf of a recipient (Law 25)."),
    Scope(
        "complaints:read",
        "Read the complaints addressed to the client's organisation and its subordinate bodies, "
        "and the complaints the client filed.",
    ),
    Scope(
        "complaints:review", "Extend and answer complaints addressed to the client's organisation (Law 25)."
    ),
    Scope("quality:read", "Read quality indicators and surveys (Law 7)."),
    Scope("reception:read", "Read the Citizens' Reception Centre's appeals of the client's organisation."),
    Scope("reception:write", "Issue queue tickets, call visitors and register appeals at a reception desk."),
    Scope("contactcentre:read", "Read the contact centre's knowledge base (UCC)."),
    Scope(
        "monitoring:read",
        "Read the monitorings, information requests and draft conclusions the client's "
        "organisation may see (published conclusions are public).",
    ),
    Scope(
        "monitoring:write",
        "Register monitorings, send, answer and refuse information requests, save and publish "
        "conclusions and record measures, as the client's organisation.",
    ),
    Scope(
        "oversight:read",
        "Read the assessments and control cases the client's organisation may see.",
    ),
    Scope(
        "oversight:write",
        "Open and sign assessments, run control cases (findings, orders, reports on them) and "
        "prepare yearly reports and their hearings, as the client's organisation.",
    ),
    Scope(
        "psc-selection:read",
        "Read the selection of services for the State Corporation: the cycle's steps, "
        "candidates, list and proposals the client's organisation may see.",
    ),
    Scope(
        "psc-selection:write",
        "Submit proposals of services for the State Corporation and draw up the cycle's list, "
        "as the client's organisation.",
    ),
    Scope("events:receive", "Subscribe to and receive events about cases the client may read."),
    Scope("open311:read", "Open311 GeoReport v2: list and read service requests."),
    Scope("open311:submit", "Open311 GeoReport v2: submit service requests."),
)
SCOPES: dict[str, Scope] = {s.name: s for s in _DECLARED}


def scope_names() -> list[str]:
    return list(SCOPES)


def is_scope(name: str) -> bool:
    return name in SCOPES
