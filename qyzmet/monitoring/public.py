"""Sections of the public indicators page (``/public/quality/``) that other apps contribute.

The page belongs to ``monitoring`` (indicators, monitoring conclusions, measures). Another app
(``oversight``: yearly reports, Law 23.5-23.6; control outcomes, Law 27) adds a section by
registering it in its ``AppConfig.ready()``::

    from qyzmet.monitoring.public import PublicSection, register_public_section

    register_public_section(
        PublicSection(
            key="yearly_reports",
            title=lambda: str(_("Yearly reports")),
            template="oversight/public/_yearly_reports.html",
            context=yearly_reports_context,   # (PublicFilter) -> dict, bounded queries
            rows=yearly_reports_rows,         # (PublicFilter) -> list[dict], open data
            order=30,
        )
    )

Rules for a section: it reads only published, non-personal data through its own app's
selectors; its number of queries does not grow with the data (the page is benchmarked on
1,000,000 applications); ``rows`` are flat dicts of str/int/float/None/ISO-date values (the
page's CSV and JSON export carry them under the section's ``key``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from qyzmet.orgs.models import Organisation
from qyzmet.registry.models import Service


@dataclass(frozen=True)
class PublicFilter:
    """What the reader chose: the year, and optionally one body (organisation) and one
    service; ``language`` is ``kk`` or ``ru`` (``en`` reads the Russian names)."""

    year: int
    body: Organisation | None = None
    service: Service | None = None
    language: str = "kk"


@dataclass(frozen=True)
class PublicSection:
    key: str
    title: Callable[[], str]
    template: str
    context: Callable[[PublicFilter], dict[str, Any]]
    rows: Callable[[PublicFilter], list[dict[str, Any]]] | None = None
    order: int = 100


_SECTIONS: dict[str, PublicSection] = {}


def register_public_section(section: PublicSection) -> None:
    """Add (or replace, by ``key``) a section of the public page."""
    _SECTIONS[section.key] = section


def public_sections() -> list[PublicSection]:
    """The registered sections in page order."""
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))
