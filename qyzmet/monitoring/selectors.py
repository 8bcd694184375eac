"""Reads of the public monitoring (Law 29) and of the public indicators page.

``conclusion_list`` and ``measure_list`` are the interface other apps read (the quality
assessment, Law 28, and the yearly report, Law 23.5, in ``oversight``): published conclusions
and the measures the bodies took on them (Law 29.4). They carry no personal data of the
monitor beyond the name the conclusion is published under.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Q, QuerySet, Sum

from qyzmet.core.errors import AccessDenied
from qyzmet.core.models import User
from qyzmet.monitoring.enums import ConclusionStatus, MonitoringBasis, MonitorKind, RequestStatus
from qyzmet.monitoring.models import (
    BylawProposal,
    IndicatorAggregate,
    InformationRequest,
    Measure,
    Monitoring,
    MonitoringConclusion,
)
from qyzmet.orgs.enums import PROVIDER_KINDS, OrganisationKind, StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import can_act_for, organisations_visible_to
from qyzmet.quality.enums import Indicator
from qyzmet.quality.selectors import (
    Figure,
    SeriesPoint,
    is_quality_authority_inspector,
    norm_entries,
    norms_of,
    target_value_map,
)
from qyzmet.registry.enums import VersionStatus
from qyzmet.registry.models import Service, StandardVersion

# Law 29.2, 29.3.1, 29.4: whom a monitoring covers and asks: the bodies delivering services
# (central, local, akims, foreign institutions, other providers) and the State Corporation.
MONITORABLE_KINDS: frozenset[str] = frozenset(
    {*PROVIDER_KINDS, OrganisationKind.STATE_CORPORATION, OrganisationKind.STATE_CORPORATION_BRANCH}
)
# The staff who act for an addressed body (answer requests, record measures): a provider's head
# or officer; at the State Corporation and its branches (where only its operators hold
# positions, orgs.services.ROLE_KINDS) its staff of that organisation.
BODY_ROLES = [StaffRole.PROVIDER_HEAD, StaffRole.PROVIDER_OFFICER, StaffRole.STATE_CORPORATION_OPERATOR]


def is_monitorable_body(organisation: Organisation) -> bool:
    return organisation.is_active and organisation.kind in MONITORABLE_KINDS


def monitorable_body_list() -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_active=True, kind__in=MONITORABLE_KINDS).order_by("path")


def acts_for_addressee(*, user: User, organisation: Organisation) -> bool:
    """Whether ``user`` acts for ``organisation`` with one of ``BODY_ROLES``."""
    return bool(user.is_authenticated) and can_act_for(user=user, organisation=organisation, roles=BODY_ROLES)


def conclusion_list(
    *,
    body: Organisation | None = None,
    service: Service | None = None,
    year: int | None = None,
    published_only: bool = True,
) -> QuerySet[MonitoringConclusion]:
    """Law 29.3: the conclusions of public monitorings, newest first. ``body``: those of
    monitorings that covered the body; ``service``: those that covered the service or propose
    to change its by-law (29.3.4); ``year``: published in that year (a draft: created in it).
    ``published_only=False`` adds drafts: for internal reads only, never shown to the public."""
    qs = MonitoringConclusion.objects.select_related("monitoring")
    if published_only:
        qs = qs.filter(status=ConclusionStatus.PUBLISHED)
    if body is not None:
        qs = qs.filter(monitoring__bodies=body)
    if service is not None:
        qs = qs.filter(Q(monitoring__services=service) | Q(bylaw_proposals__service=service))
    if year is not None:
        qs = qs.filter(
            Q(status=ConclusionStatus.PUBLISHED, published_on__year=year)
            | (~Q(status=ConclusionStatus.PUBLISHED) & Q(created_at__year=year))
        )
    if body is not None or service is not None:
        qs = MonitoringConclusion.objects.select_related("monitoring").filter(pk__in=qs.values("pk"))
    return qs.order_by("-published_on", "-id")


def measure_list(
    *,
    conclusion: MonitoringConclusion | None = None,
    body: Organisation | None = None,
    year: int | None = None,
) -> QuerySet[Measure]:
    """Law 29.4: the measures the addressed bodies took on published conclusions, in the order
    they were taken. ``year``: taken in that year."""
    qs = Measure.objects.select_related("conclusion", "conclusion__monitoring", "body").filter(
        conclusion__status=ConclusionStatus.PUBLISHED
    )
    if conclusion is not None:
        qs = qs.filter(conclusion=conclusion)
    if body is not None:
        qs = qs.filter(body=body)
    if year is not None:
        qs = qs.filter(taken_on__year=year)
    return qs.order_by("taken_on", "id")


def acts_for_any_body(*, user: User) -> bool:
    """Whether ``user`` holds a position that acts for an addressed body."""
    return bool(user.is_authenticated) and organisations_visible_to(user=user, roles=BODY_ROLES).exists()


# --- who sees what ---------------------------------------------------------------------------


def monitoring_list_own(*, user: User) -> QuerySet[Monitoring]:
    """The monitor's own monitorings, newest first."""
    if not user.is_authenticated:
        return Monitoring.objects.none()
    return Monitoring.objects.filter(monitor=user).order_by("-registered_at", "-id")


def _published(monitoring: Monitoring) -> bool:
    conclusion = getattr(monitoring, "conclusion", None)
    return conclusion is not None and conclusion.status == ConclusionStatus.PUBLISHED


def access_monitoring(*, user: User, monitoring: Monitoring) -> Monitoring:
    """The monitoring for its monitor; for anyone once its conclusion is published (Law 29.3);
    otherwise :class:`AccessDenied`."""
    if _published(monitoring):
        return monitoring
    if user.is_authenticated and monitoring.monitor_id == user.pk:
        return monitoring
    raise AccessDenied()


def access_monitoring_own(*, user: User, number: str) -> Monitoring:
    """The user's own monitoring by number, to act on; :class:`AccessDenied` for anyone else's."""
    found = (
        Monitoring.objects.filter(number=number, monitor_id=user.pk).first()
        if user.is_authenticated
        else None
    )
    if found is None:
        raise AccessDenied()
    return found


def monitoring_get(*, number: str) -> Monitoring | None:
    return Monitoring.objects.filter(number=number).first()


def request_list_for(*, user: User, monitoring: Monitoring) -> QuerySet[InformationRequest]:
    """The requests of a monitoring: its monitor sees them all; once its conclusion is
    published everyone does; anyone else gets :class:`AccessDenied` (an addressed body sees its
    own through ``request_list_addressed``)."""
    access_monitoring(user=user, monitoring=monitoring)
    return monitoring.requests.select_related("addressee").order_by("sent_at", "id")


def request_list_addressed(*, user: User, status: str | None = None) -> QuerySet[InformationRequest]:
    """Requests addressed to the organisations the user acts for (provider head/officer),
    the pending ones first by due date."""
    if not user.is_authenticated:
        return InformationRequest.objects.none()
    orgs = organisations_visible_to(user=user, roles=BODY_ROLES)
    qs = InformationRequest.objects.filter(addressee__in=orgs).select_related("monitoring", "addressee")
    if status in RequestStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("-status", "due_on", "id")


def access_information_request(*, user: User, number: str, act: bool = False) -> InformationRequest:
    """A request for its monitor and the addressed body's staff (``act``: the staff only, to
    answer it); for anyone once the conclusion is published; else :class:`AccessDenied`."""
    request = (
        InformationRequest.objects.select_related("monitoring", "addressee", "monitoring__conclusion")
        .filter(number=number)
        .first()
    )
    if request is None:
        raise AccessDenied()
    addressee_staff = acts_for_addressee(user=user, organisation=request.addressee)
    if act:
        if not addressee_staff:
            raise AccessDenied()
        return request
    if addressee_staff or (user.is_authenticated and request.monitoring.monitor_id == user.pk):
        return request
    if _published(request.monitoring):
        return request
    raise AccessDenied()


def conclusion_public_get(*, number: str) -> MonitoringConclusion | None:
    """A published conclusion by its number (the public page, the PDF, the verification)."""
    return (
        MonitoringConclusion.objects.select_related("monitoring")
        .filter(number=number, status=ConclusionStatus.PUBLISHED)
        .first()
    )


def conclusion_list_for_measures(*, user: User) -> QuerySet[MonitoringConclusion]:
    """Published conclusions on monitorings that covered a body the user acts for (Law 29.4)."""
    if not user.is_authenticated:
        return MonitoringConclusion.objects.none()
    orgs = organisations_visible_to(user=user, roles=BODY_ROLES)
    ids = MonitoringConclusion.objects.filter(
        status=ConclusionStatus.PUBLISHED, monitoring__bodies__in=orgs
    ).values("pk")
    return (
        MonitoringConclusion.objects.filter(pk__in=ids).select_related("monitoring").order_by("-published_on")
    )


def measure_bodies_for(*, user: User, conclusion: MonitoringConclusion) -> list[Organisation]:
    """The bodies of the conclusion's monitoring for which the user may record measures."""
    return [
        b
        for b in conclusion.monitoring.bodies.order_by("path")
        if acts_for_addressee(user=user, organisation=b)
    ]


def public_author(monitoring: Monitoring) -> str:
    """Who the public lists and open data name: a non-profit organisation by its name; an
    individual only as "individual" (no personal data, ADR 0052)."""
    if monitoring.monitor_kind == MonitorKind.NON_PROFIT:
        return monitoring.organisation_name or monitoring.author_name
    return str(MonitorKind.INDIVIDUAL.label)


def monitoring_list_social_order(*, user: User, today: dt.date) -> QuerySet[Monitoring]:
    """Law 7.6, 29.1: the monitorings conducted under the quality authority's state social
    order, for its inspectors, who follow the order's implementation and evaluate its results:
    the registration and progress (how many requests were sent, answered, refused, overdue;
    the conclusion once published), never the content of the requests before publication
    (ADR 0052). Anyone else: :class:`AccessDenied`."""
    if not user.is_authenticated or not is_quality_authority_inspector(user=user):
        raise AccessDenied()
    return (
        Monitoring.objects.filter(basis=MonitoringBasis.SOCIAL_ORDER)
        .select_related("conclusion")
        .annotate(
            requests_sent=Count("requests"),
            requests_answered=Count("requests", filter=Q(requests__status=RequestStatus.ANSWERED)),
            requests_refused=Count("requests", filter=Q(requests__status=RequestStatus.REFUSED)),
            requests_overdue=Count(
                "requests", filter=Q(requests__status=RequestStatus.PENDING, requests__due_on__lt=today)
            ),
        )
        .order_by("-registered_at", "-id")
    )


# --- Law 13.3: by-law proposals reach the next standard draft ---------------------------------


def bylaw_proposal_list(
    *, service: Service, after: dt.date | None = None, until: dt.date | None = None
) -> QuerySet[BylawProposal]:
    """Law 29.3.4, 13.3: the by-law change proposals of published conclusions for ``service``,
    published after ``after`` and up to ``until`` (inclusive), oldest first."""
    qs = BylawProposal.objects.filter(service=service, conclusion__status=ConclusionStatus.PUBLISHED)
    if after is not None:
        qs = qs.filter(conclusion__published_on__gt=after)
    if until is not None:
        qs = qs.filter(conclusion__published_on__lte=until)
    return qs.select_related("conclusion", "conclusion__monitoring").order_by(
        "conclusion__published_on", "id"
    )


def bylaw_proposals_for_version(*, version: StandardVersion) -> QuerySet[BylawProposal]:
    """Law 13.3: the inputs of a standard version from public monitoring: the proposals
    published since the version it amends was approved (every one, for a first version); for
    an approved version, those up to its approval."""
    previous = (
        StandardVersion.objects.filter(
            service_id=version.service_id, status=VersionStatus.APPROVED, number__lt=version.number
        )
        .exclude(approved_on=None)
        .order_by("-number")
        .values_list("approved_on", flat=True)
        .first()
    )
    until = version.approved_on if version.status == VersionStatus.APPROVED else None
    return bylaw_proposal_list(service=version.service, after=previous, until=until)


# --- the public indicators page, from the aggregates (ADR 0051) -------------------------------


@dataclass
class PublicRow:
    """One line of the public table: a service (when no service is chosen) or a body."""

    service: Service | None
    provider: Organisation | None
    figures: dict[str, Figure] = field(default_factory=dict)
    norms: dict[str, Decimal] = field(default_factory=dict)
    targets: dict[str, Decimal] = field(default_factory=dict)


@dataclass
class PublicIndicators:
    year: int
    body: Organisation | None
    service: Service | None
    total: PublicRow
    rows: list[PublicRow]
    series: list[SeriesPoint]
    refreshed_at: dt.datetime | None


ADDITIVE = [c for c in Indicator.values if c != Indicator.ELECTRONIC_INFORMATION]


def _aggregates(
    *, year: int, body: Organisation | None, service: Service | None
) -> QuerySet[IndicatorAggregate]:
    qs = IndicatorAggregate.objects.filter(year=year)
    if service is not None:
        qs = qs.filter(service=service)
    if body is not None:
        qs = qs.filter(provider__path__startswith=body.path)
    return qs


def public_indicators(
    *, year: int, body: Organisation | None = None, service: Service | None = None
) -> PublicIndicators:
    """The STD appendix indicators of ``year`` for everyone, read from the monthly aggregates
    only (a fixed number of queries, whatever the number of applications): the total, one row
    per service (or, with a service chosen, per body), the monthly series, the normative values
    and the targets approved for the year (STD 20). 3.2 is the share of services whose
    information is electronic in the last month with data."""
    qs = _aggregates(year=year, body=body, service=service)
    by_provider = service is not None
    key = "provider_id" if by_provider else "service_id"
    grouped = (
        qs.filter(indicator__in=ADDITIVE)
        .order_by()
        .values(key, "indicator")
        .annotate(n=Sum("numerator"), d=Sum("denominator"))
    )
    figures: dict[int | None, dict[str, Figure]] = {}
    totals: dict[str, Figure] = {}
    for r in grouped:
        fig = Figure(int(r["n"] or 0), int(r["d"] or 0))
        figures.setdefault(r[key], {})[r["indicator"]] = fig
        totals[r["indicator"]] = totals.get(r["indicator"], Figure()) + fig
    electronic = qs.filter(indicator=Indicator.ELECTRONIC_INFORMATION)
    last_month = electronic.aggregate(m=Max("month"))["m"]
    if last_month is not None:
        per_service = (
            electronic.filter(month=last_month).order_by().values("service_id").annotate(ok=Max("numerator"))
        )
        ok = {r["service_id"]: int(r["ok"] or 0) for r in per_service}
        totals[Indicator.ELECTRONIC_INFORMATION] = Figure(sum(1 for v in ok.values() if v), len(ok))
        if not by_provider:
            for s_id, v in ok.items():
                figures.setdefault(s_id, {})[Indicator.ELECTRONIC_INFORMATION] = Figure(int(bool(v)), 1)
    monthly = (
        qs.filter(indicator__in=ADDITIVE)
        .order_by()
        .values("month", "indicator")
        .annotate(n=Sum("numerator"), d=Sum("denominator"))
    )
    by_month: dict[int, dict[str, Figure]] = {}
    for r in monthly:
        by_month.setdefault(r["month"], {})[r["indicator"]] = Figure(int(r["n"] or 0), int(r["d"] or 0))
    series = [SeriesPoint(month=dt.date(year, m, 1), figures=by_month.get(m, {})) for m in range(1, 13)]
    refreshed_at = qs.aggregate(t=Max("refreshed_at"))["t"]
    ids = [k for k in figures if k is not None]
    if by_provider:
        names = Organisation.objects.in_bulk(ids)
        service_ids = [service.pk] if service is not None else []
    else:
        names = Service.objects.in_bulk(ids)  # type: ignore[assignment]
        service_ids = list(ids)
    entries = norm_entries(service_ids=service_ids)
    targets = target_value_map(service_ids=service_ids, year=year)
    rows: list[PublicRow] = []
    for k, figs in figures.items():
        obj = names.get(k) if k is not None else None
        if obj is None:
            continue
        s_id = service.pk if by_provider and service is not None else k
        rows.append(
            PublicRow(
                service=service if by_provider else obj,  # type: ignore[arg-type]
                provider=obj if by_provider else None,
                figures=figs,
                norms={c: n.value for c, n in norms_of(entries, s_id).items()},
                targets=targets.get(s_id or 0, {}),
            )
        )
    if by_provider:
        rows.sort(key=lambda r: r.provider.path if r.provider else "")
    else:
        rows.sort(key=lambda r: r.service.code if r.service else "")
    s_total = service.pk if service is not None else None
    total = PublicRow(
        service=service,
        provider=body,
        figures=totals,
        norms={c: n.value for c, n in norms_of(entries, s_total).items()},
        targets=targets.get(s_total, {}) if s_total is not None else {},
    )
    return PublicIndicators(
        year=year,
        body=body,
        service=service,
        total=total,
        rows=rows,
        series=series,
        refreshed_at=refreshed_at,
    )


def public_years() -> list[int]:
    """The years the aggregates cover, newest first."""
    return sorted(
        IndicatorAggregate.objects.order_by().values_list("year", flat=True).distinct(), reverse=True
    )


def public_body_choices() -> QuerySet[Organisation]:
    """The bodies offered on the public page: the central state bodies, the local executive
    bodies of oblasts and cities of republican significance and the capital, and the State
    Corporation (each with its subordinate bodies); any other body is reached by its link."""
    return Organisation.objects.filter(
        is_active=True,
        kind__in=[
            OrganisationKind.CENTRAL_STATE_BODY,
            OrganisationKind.OBLAST_AKIMAT,
            OrganisationKind.CITY_REPUBLICAN_AKIMAT,
            OrganisationKind.CAPITAL_AKIMAT,
            OrganisationKind.STATE_CORPORATION,
        ],
    ).order_by("name_ru", "pk")


def conclusions_by_service(*, service_ids: set[int]) -> dict[int, list[dict[str, str]]]:
    """Law 29.3 for the PSC list (PSC 6): the published conclusions about each service (covered
    by the monitoring or proposed for a by-law change), newest first, as frozen text rows: the
    number, the publication date and a summary of the compliance part. Two queries."""
    out: dict[int, list[dict[str, str]]] = {}
    published = MonitoringConclusion.objects.filter(status=ConclusionStatus.PUBLISHED)
    pairs = set(
        published.filter(monitoring__services__in=service_ids).values_list("pk", "monitoring__services")
    ) | set(
        published.filter(bylaw_proposals__service__in=service_ids).values_list(
            "pk", "bylaw_proposals__service"
        )
    )
    by_pk = {
        c.pk: c for c in published.filter(pk__in={pk for pk, _ in pairs}).order_by("-published_on", "-id")
    }
    for pk, sid in sorted(pairs, key=lambda p: by_pk[p[0]].published_on or dt.date.min, reverse=True):
        c = by_pk[pk]
        day = f"{c.published_on:%d.%m.%Y}" if c.published_on else ""
        text = " ".join(c.compliance.split())
        out.setdefault(sid, []).append(
            {"number": c.number, "published_on": day, "summary": f"№ {c.number}, {day}: {text[:200]}"}
        )
    return out
