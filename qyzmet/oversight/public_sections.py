"""The oversight app's sections of the public indicators page (``monitoring.public``): the
yearly reports and their hearings (Law 23.5-23.6) and the outcomes of closed state control
cases (Law 27; Law 26.6, openness). Published, non-personal data only, in a bounded number of
queries whatever the volume of applications."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from qyzmet.monitoring.public import PublicFilter, PublicSection, register_public_section
from qyzmet.oversight import selectors
from qyzmet.oversight.enums import HearingStatus


def report_year(f: PublicFilter) -> int:
    """Law 23.5: a report covers a year that is over; for the running year the page shows the
    reports on the year just ended."""
    return min(f.year, timezone.localdate().year - 1)


def _reports(f: PublicFilter) -> list[Any]:
    qs = selectors.report_list_published(year=report_year(f))
    if f.body is not None:
        qs = qs.filter(body__path__startswith=f.body.path)
    return list(
        qs.annotate(
            hearings_held=Count("hearings", filter=Q(hearings__status=HearingStatus.HELD), distinct=True),
            hearings_announced=Count("hearings", distinct=True),
        )[:200]
    )


def yearly_reports_context(f: PublicFilter) -> dict[str, Any]:
    return {"reports": [(r, r.body.name(f.language)) for r in _reports(f)], "year": report_year(f)}


def yearly_reports_rows(f: PublicFilter) -> list[dict[str, Any]]:
    return [
        {
            "body_code": r.body.code,
            "body_name": r.body.name(f.language),
            "year": r.year,
            "published_on": r.published_on.isoformat() if r.published_on else None,
            "applications": r.figures.get("applications_total", 0),
            "complaints": r.figures.get("complaints", {}).get("total", 0),
            "hearings_announced": r.hearings_announced,
            "hearings_held": r.hearings_held,
        }
        for r in _reports(f)
    ]


def _outcomes(f: PublicFilter) -> list[selectors.ControlOutcome]:
    return selectors.control_outcome_list(year=f.year, body=f.body)[:200]


def control_outcomes_context(f: PublicFilter) -> dict[str, Any]:
    return {"outcomes": [(o, o.object_name(f.language)) for o in _outcomes(f)], "year": f.year}


def control_outcomes_rows(f: PublicFilter) -> list[dict[str, Any]]:
    return [
        {
            "number": o.number,
            "object_name": o.object_name(f.language),
            "period_start": o.period_start.isoformat(),
            "period_end": o.period_end.isoformat(),
            "services": " ".join(o.services),
            "breaches_found": o.breaches_found,
            "orders": o.orders,
            "fulfilled_in_time": o.fulfilled_in_time,
            "repeated": o.repeated,
            "closed_on": o.closed_on.isoformat(),
        }
        for o in _outcomes(f)
    ]


def register() -> None:
    register_public_section(
        PublicSection(
            key="yearly_reports",
            title=lambda: _("Yearly reports and public hearings"),
            template="oversight/public/_yearly_reports.html",
            context=yearly_reports_context,
            rows=yearly_reports_rows,
            order=30,
        )
    )
    register_public_section(
        PublicSection(
            key="control_outcomes",
            title=lambda: _("Outcomes of state control"),
            template="oversight/public/_control_outcomes.html",
            context=control_outcomes_context,
            rows=control_outcomes_rows,
            order=40,
        )
    )
