"""Reads of the quality app: the STD appendix indicators COMPUTED from real data, never entered
(STD 19-20; Law 26-29), the surveys, and who may see what.

Definitions (for a period ``start``..``end``, inclusive, per service and provider):

* 1.1 (STD appendix, "from the moment the documents are handed in"; Law 5.2.5): applications
  whose due date falls in the period and whose result has arrived, or whose term has run out on
  ``today``. The result arrives when it reaches the recipient (issued, or a reasoned refusal:
  ``closed_at``) or, for a State Corporation application owing a handover, when it reaches the
  State Corporation (the first ``handed_over`` stage; issued or refused before that: their
  time). On time when it arrived on or before the handover date (State Corporation) or the due
  date (before ``due_at`` for a service in hours/minutes). A result that is only ready (a paper
  result waiting at the provider, a result not yet handed over) has not arrived. Open cases
  whose term has not run out are not counted.
* 2.1, 3.1, 5.1: survey answers about services issued in the period; satisfied = score 4-5;
  a blank question is not counted.
* 4.1: survey answers about complaints answered in the period.
* 3.2 ("services whose information is accessible in electronic format"): services whose
  standard version in force on ``end`` has among its structured information sources (STD 4)
  an electronic one — the e-gov portal, the provider's internet resource or the contact centre
  (``registry.selectors.electronic_information_service_ids``); a paper notice or the premises
  alone do not count, nor does free text. 1 of 1 or 0 of 1 per service; the total counts
  distinct services.
* Normative values (column 2): the service's own value, else the national default; next
  year's targets (column 3, STD 20): those approved for ``end.year + 1``.

Each source is read with one aggregate query grouped by (service, provider) — the number of
queries does not depend on the amount of data. Delivery data is read (never written) through
the delivery model in read-only aggregates; the delivery app offers no period selector yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar, cast
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    DateField,
    DateTimeField,
    F,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils import timezone

from qyzmet.core.aggregates import month_end, month_starts
from qyzmet.core.errors import AccessDenied
from qyzmet.core.models import AuditLog, User
from qyzmet.core.services import IIN_READ_ACTION
from qyzmet.delivery.enums import ApplicationStatus, Channel, StageKind
from qyzmet.delivery.models import Application, Stage
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import can_act_for, has_role, organisations_visible_to, position_list
from qyzmet.quality.enums import SATISFIED_FROM, SURVEY_FIELDS, CaseKind, Indicator
from qyzmet.quality.models import (
    IndicatorMonth,
    IndicatorMonthChange,
    IndicatorMonthCoverage,
    IndicatorNorm,
    IndicatorNormRevision,
    IndicatorTarget,
    IndicatorTargetRevision,
    SurveyAnswer,
    SurveyInvitation,
)
from qyzmet.registry.models import Service
from qyzmet.registry.selectors import electronic_information_service_ids

INSPECTOR_ROLES = [StaffRole.QUALITY_INSPECTOR, StaffRole.SYSTEM_ADMINISTRATOR]
PROVIDER_ROLES = [StaffRole.PROVIDER_HEAD, StaffRole.PROVIDER_OFFICER]
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Figure:
    """A share: ``numerator`` of ``denominator``; ``value`` in percent (2 places) or None."""

    numerator: int = 0
    denominator: int = 0

    @property
    def value(self) -> Decimal | None:
        if not self.denominator:
            return None
        return (HUNDRED * self.numerator / self.denominator).quantize(Decimal("0.01"), ROUND_HALF_UP)

    def __add__(self, other: Figure) -> Figure:
        return Figure(self.numerator + other.numerator, self.denominator + other.denominator)


@dataclass
class IndicatorRow:
    """One line of the table: a service at a provider (either may be None in totals)."""

    service: Service | None
    provider: Organisation | None
    figures: dict[str, Figure] = field(default_factory=dict)
    targets: dict[str, Decimal] = field(default_factory=dict)
    norms: dict[str, Decimal] = field(default_factory=dict)

    def figure(self, indicator: str) -> Figure:
        return self.figures.get(indicator, Figure())


@dataclass
class IndicatorTable:
    start: dt.date
    end: dt.date
    rows: list[IndicatorRow]
    total: IndicatorRow
    norms: dict[str, Decimal]
    target_year: int
    # the total's norm and target rows (who set them, when, on what basis / order)
    norm_entries: dict[str, IndicatorNorm] = field(default_factory=dict)
    target_entries: dict[str, IndicatorTarget] = field(default_factory=dict)
    services_with_own_norms: int = 0


# --- access ----------------------------------------------------------------------------------


def is_inspector(*, user: User) -> bool:
    return bool(user.is_authenticated) and (
        bool(user.is_superuser) or has_role(user=user, roles=INSPECTOR_ROLES)
    )


def is_quality_authority_inspector(*, user: User) -> bool:
    """A quality inspector in an organisation that is the quality assessment and control
    authority (Law 7)."""
    return (
        position_list(user=user, roles=[StaffRole.QUALITY_INSPECTOR])
        .filter(organisation__is_quality_authority=True)
        .exists()
    )


def acts_for_responsible_body(*, user: User, service: Service) -> bool:
    """Staff of the body responsible for developing ``service`` (its standard's developer)."""
    body = service.responsible_body
    return body is not None and can_act_for(user=user, organisation=body, roles=PROVIDER_ROLES)


def access_national_norms(*, user: User) -> dict[str, IndicatorNorm]:
    """The national default normative values (with who set them), for the quality authority's
    inspectors only (Law 7.5); anyone else gets :class:`AccessDenied`."""
    if not is_quality_authority_inspector(user=user):
        raise AccessDenied()
    return norm_entries(service_ids=[]).get(None, {})


def quality_scope(*, user: User) -> QuerySet[Organisation] | None:
    """Providers whose indicators the user may see: None = national (inspectors); provider
    heads their subtree, officers their organisation. AccessDenied for anyone else."""
    if not user.is_authenticated:
        raise AccessDenied()
    if is_inspector(user=user):
        return None
    if has_role(user=user, roles=PROVIDER_ROLES):
        return organisations_visible_to(user=user, roles=PROVIDER_ROLES)
    raise AccessDenied()


def access_provider(*, user: User, provider: Organisation | None) -> Organisation | None:
    """The provider filter, or AccessDenied when it is outside the user's scope."""
    scope = quality_scope(user=user)
    if provider is not None and scope is not None and not scope.filter(pk=provider.pk).exists():
        raise AccessDenied()
    return provider


# --- indicators ------------------------------------------------------------------------------


def _local_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


_M = TypeVar("_M", bound=Model)


def _narrowed(
    qs: QuerySet[_M],
    *,
    service: Service | None,
    provider: Organisation | None,
    scope: QuerySet[Organisation] | None,
) -> QuerySet[_M]:
    """Rows of one service, one provider and the providers in ``scope``, where given."""
    if service is not None:
        qs = qs.filter(service=service)
    if provider is not None:
        qs = qs.filter(provider=provider)
    if scope is not None:
        qs = qs.filter(provider__in=scope)
    return qs


def _application_base(
    *, service: Service | None, provider: Organisation | None, scope: QuerySet[Organisation] | None
) -> QuerySet[Application]:
    return _narrowed(
        Application.objects.filter(service__isnull=False), service=service, provider=provider, scope=scope
    )


def timeliness_queryset(
    *,
    start: dt.date,
    end: dt.date,
    service: Service | None = None,
    provider: Organisation | None = None,
    scope: QuerySet[Organisation] | None = None,
    today: dt.date | None = None,
    channels: Iterable[str] | None = None,
) -> QuerySet[Application]:
    """Applications counted in 1.1 for the period, annotated ``arrived_at`` / ``arrived_on``
    (when the result reached the recipient, or the State Corporation), ``term_on`` /
    ``term_at`` (the date, or moment, it had to arrive by), for ``ON_TIME_Q`` (see the module
    docstring); ``channels``: only applications made on these (Law 28 assesses the electronic
    form apart from the others)."""
    today = today or timezone.localdate()
    return timeliness_base(
        start=start, end=end, service=service, provider=provider, scope=scope, channels=channels
    ).filter(Q(arrived_at__isnull=False) | Q(term_on__lt=today))


def timeliness_base(
    *,
    start: dt.date,
    end: dt.date,
    service: Service | None = None,
    provider: Organisation | None = None,
    scope: QuerySet[Organisation] | None = None,
    channels: Iterable[str] | None = None,
) -> QuerySet[Application]:
    """Every application due in the period with the annotations of ``timeliness_queryset``,
    whatever today is (a pending one included): what the monthly aggregates count."""
    owes_handover = owes_handover_q()
    handed_over_at = Subquery(
        Stage.objects.filter(application=OuterRef("pk"), kind=StageKind.HANDED_OVER)
        .order_by("occurred_at")
        .values("occurred_at")[:1]
    )
    base = _application_base(service=service, provider=provider, scope=scope)
    if channels is not None:
        base = base.filter(channel__in=list(channels))
    return (
        base.filter(due_on__gte=start, due_on__lte=end)
        .annotate(
            arrived_at=Case(
                When(owes_handover, then=Coalesce(handed_over_at, "closed_at")),
                default=F("closed_at"),
                output_field=DateTimeField(),
            ),
            term_on=Case(When(owes_handover, then=F("handover_due_on")), default=F("due_on")),
            term_at=Case(
                When(owes_handover, then=Value(None, output_field=DateTimeField())),
                default=F("due_at"),
                output_field=DateTimeField(),
            ),
        )
        .annotate(arrived_on=TruncDate("arrived_at", tzinfo=_local_tz(), output_field=DateField()))
    )


def owes_handover_q() -> Q:
    """The applications whose result arrives when handed to the State Corporation (Law 5.2.5):
    their arrival is a stage, not ``closed_at``."""
    return Q(channel=Channel.STATE_CORPORATION, handover_due_on__isnull=False)


def settled_q(before: dt.datetime) -> Q:
    """The applications a month in progress holds in its aggregates: a result that arrived
    (``closed_at``) before ``before``; a State Corporation one is always counted from the
    cases, its arrival being a stage. The page counts the complement, ``unsettled_q``."""
    return ~owes_handover_q() & Q(closed_at__lt=before)


def unsettled_q(before: dt.datetime, *, today: dt.date) -> list[Q]:
    """What a page counts from the cases of a month in progress, as alternatives the database
    reads each by an index: a State Corporation case, a result arrived at or after ``before``
    (``settled_q`` leaves out exactly these and the pending ones), and a pending case whose term
    ran out before ``today`` (one whose term is still ahead is not counted yet, 1.1)."""
    return [owes_handover_q(), Q(closed_at__gte=before), Q(closed_at__isnull=True, due_on__lt=today)]


ON_TIME_Q = Q(arrived_at__isnull=False) & (
    Q(term_at__isnull=False, arrived_at__lte=F("term_at"))
    | Q(term_at__isnull=True, arrived_on__lte=F("term_on"))
)


def timeliness_cases(
    *,
    user: User,
    start: dt.date,
    end: dt.date,
    service: Service | None = None,
    provider: Organisation | None = None,
    on_time: bool | None = None,
    today: dt.date | None = None,
) -> QuerySet[Application]:
    """Drill-down: the applications behind a 1.1 figure, permission-checked."""
    scope = quality_scope(user=user)
    access_provider(user=user, provider=provider)
    qs = timeliness_queryset(
        start=start, end=end, service=service, provider=provider, scope=scope, today=today
    )
    if on_time is True:
        qs = qs.filter(ON_TIME_Q)
    elif on_time is False:
        qs = qs.exclude(ON_TIME_Q)
    return qs.select_related("service", "provider").order_by("due_on", "number")


Key = tuple[int | None, int | None]


def _timeliness_figures(
    *,
    start: dt.date,
    end: dt.date,
    service: Service | None,
    provider: Organisation | None,
    scope: QuerySet[Organisation] | None,
    today: dt.date | None,
    by_month: bool = False,
    channels: Iterable[str] | None = None,
) -> dict[tuple[object, ...], Figure]:
    qs = timeliness_queryset(
        start=start, end=end, service=service, provider=provider, scope=scope, today=today, channels=channels
    )
    keys = ["service_id", "provider_id"]
    if by_month:
        qs = qs.annotate(month=TruncMonth("due_on", output_field=DateField()))
        keys = ["month"]
    rows = qs.order_by().values(*keys).annotate(total=Count("pk"), ok=Count("pk", filter=ON_TIME_Q))
    return {tuple(r[k] for k in keys): Figure(r["ok"], r["total"]) for r in rows}


def _answer_base(
    *,
    start: dt.date,
    end: dt.date,
    service: Service | None,
    provider: Organisation | None,
    scope: QuerySet[Organisation] | None,
) -> QuerySet[SurveyAnswer]:
    return _narrowed(
        SurveyAnswer.objects.filter(case_date__gte=start, case_date__lte=end),
        service=service,
        provider=provider,
        scope=scope,
    )


def _survey_figures(
    *,
    start: dt.date,
    end: dt.date,
    service: Service | None,
    provider: Organisation | None,
    scope: QuerySet[Organisation] | None,
    by_month: bool = False,
    channels: Iterable[str] | None = None,
) -> dict[tuple[object, ...], dict[str, Figure]]:
    qs = _answer_base(start=start, end=end, service=service, provider=provider, scope=scope)
    if channels is not None:
        # Law 28: only the answers on cases delivered on these channels (an answer whose
        # channel is unknown belongs to neither form)
        qs = qs.filter(delivery_channel__in=list(channels))
    keys = ["service_id", "provider_id"]
    if by_month:
        qs = qs.annotate(month=TruncMonth("case_date", output_field=DateField()))
        keys = ["month"]
    aggregates = {}
    for name in SURVEY_FIELDS.values():
        aggregates[f"n_{name}"] = Count(name)
        aggregates[f"ok_{name}"] = Count("pk", filter=Q(**{f"{name}__gte": SATISFIED_FROM}))
    out: dict[tuple[object, ...], dict[str, Figure]] = {}
    for r in qs.order_by().values(*keys).annotate(**aggregates):
        out[tuple(r[k] for k in keys)] = {
            indicator: Figure(r[f"ok_{name}"], r[f"n_{name}"])
            for indicator, name in SURVEY_FIELDS.items()
            if r[f"n_{name}"]
        }
    return out


def norms() -> dict[str, Decimal]:
    """The national default normative values (STD appendix column 2)."""
    return {n.indicator: n.value for n in IndicatorNorm.objects.filter(service__isnull=True)}


NormMap = dict[int | None, dict[str, IndicatorNorm]]


def norm_entries(*, service_ids: Iterable[int]) -> NormMap:
    """The norm rows of ``service_ids`` and the national defaults (key None), in one query."""
    out: NormMap = {}
    qs = IndicatorNorm.objects.filter(Q(service__isnull=True) | Q(service_id__in=list(service_ids)))
    for norm in qs.select_related("set_by"):
        out.setdefault(norm.service_id, {})[norm.indicator] = norm
    return out


def norms_of(entries: NormMap, service_id: int | None) -> dict[str, IndicatorNorm]:
    """STD appendix column 2 for a service: its own value, else the national default."""
    merged = dict(entries.get(None, {}))
    if service_id is not None:
        merged.update(entries.get(service_id, {}))
    return merged


def _values(entries: dict[str, IndicatorNorm] | dict[str, IndicatorTarget]) -> dict[str, Decimal]:
    return {code: entry.value for code, entry in entries.items()}


def indicator_table(
    *,
    user: User,
    start: dt.date,
    end: dt.date,
    service: Service | None = None,
    provider: Organisation | None = None,
    today: dt.date | None = None,
) -> IndicatorTable:
    """The STD appendix table for the period: one row per (service, provider) with data, and
    the total. Permission-checked (inspectors: national; providers: their organisations).
    A period of whole months is read from the monthly aggregates where they are settled
    (``indicator_page``); any other period is counted from the cases."""
    scope = quality_scope(user=user)
    access_provider(user=user, provider=provider)
    return aggregated_indicator_table(
        start=start, end=end, service=service, provider=provider, scope=scope, today=today
    )


def aggregated_indicator_table(
    *,
    start: dt.date,
    end: dt.date,
    service: Service | None = None,
    provider: Organisation | None = None,
    scope: QuerySet[Organisation] | None = None,
    today: dt.date | None = None,
) -> IndicatorTable:
    """``compute_indicator_table`` without the access check, read from the monthly aggregates
    where they are settled (ADR 0078) for a period of whole months; equal to it figure for
    figure. The public indicators' monthly refresh (monitoring, ADR 0051) reads it."""
    if not _whole_months(start, end):
        return compute_indicator_table(
            start=start, end=end, service=service, provider=provider, scope=scope, today=today
        )
    by_key, _by_month = _page_counts(
        start=start,
        end=end,
        chart_start=start,
        service=service,
        provider=provider,
        scope=scope,
        today=today or timezone.localdate(),
    )
    return _page_table(by_key, start=start, end=end, service=service, provider=provider)


def compute_indicator_table(
    *,
    start: dt.date,
    end: dt.date,
    service: Service | None = None,
    provider: Organisation | None = None,
    scope: QuerySet[Organisation] | None = None,
    today: dt.date | None = None,
    channels: Iterable[str] | None = None,
) -> IndicatorTable:
    """``indicator_table`` without the access check (jobs, API after its own check).
    ``channels`` narrows 1.1 to applications made on them and the survey indicators (2.1-5.1)
    to the answers on cases delivered on them (Law 28: the electronic form and the others are
    assessed apart, each on its own figures)."""
    timeliness = _timeliness_figures(
        start=start, end=end, service=service, provider=provider, scope=scope, today=today, channels=channels
    )
    surveys = _survey_figures(
        start=start, end=end, service=service, provider=provider, scope=scope, channels=channels
    )
    return _table_from(
        start=start,
        end=end,
        service=service,
        provider=provider,
        timeliness={cast(Key, k): v for k, v in timeliness.items()},
        surveys={cast(Key, k): v for k, v in surveys.items()},
    )


def _table_from(
    *,
    start: dt.date,
    end: dt.date,
    service: Service | None,
    provider: Organisation | None,
    timeliness: dict[Key, Figure],
    surveys: dict[Key, dict[str, Figure]],
) -> IndicatorTable:
    """The table from 1.1 and the survey figures per (service, provider): 3.2, the names, the
    norms and the targets in a fixed number of queries."""
    keys: set[Key] = set(timeliness) | set(surveys)
    if service is not None and not keys:
        keys = {(service.pk, provider.pk if provider else None)}
    service_ids = {s for s, _ in keys if s is not None}
    provider_ids = {p for _, p in keys if p is not None}
    services = Service.objects.in_bulk(service_ids)
    providers = Organisation.objects.in_bulk(provider_ids)
    electronic = electronic_information_service_ids(service_ids=service_ids, on=end)
    target_year = end.year + 1
    wanted = service_ids | ({service.pk} if service is not None else set())
    targets: dict[int, dict[str, IndicatorTarget]] = {}
    for t in IndicatorTarget.objects.filter(service_id__in=wanted, year=target_year).select_related("set_by"):
        targets.setdefault(t.service_id, {})[t.indicator] = t
    entries = norm_entries(service_ids=wanted)
    rows: list[IndicatorRow] = []
    total = IndicatorRow(service=service, provider=provider)
    sums: dict[str, Figure] = {}
    for key in keys:
        s_id, p_id = key
        figures: dict[str, Figure] = {}
        if key in timeliness:
            figures[Indicator.TIMELINESS] = timeliness[key]
        figures.update(surveys.get(key, {}))
        if s_id is not None:
            figures[Indicator.ELECTRONIC_INFORMATION] = Figure(int(s_id in electronic), 1)
        for code, fig in figures.items():
            if code != Indicator.ELECTRONIC_INFORMATION:
                sums[code] = sums.get(code, Figure()) + fig
        rows.append(
            IndicatorRow(
                service=services.get(s_id) if s_id else None,
                provider=providers.get(p_id) if p_id else None,
                figures=figures,
                targets=_values(targets.get(s_id, {})) if s_id else {},
                norms=_values(norms_of(entries, s_id)),
            )
        )
    if service_ids:
        sums[Indicator.ELECTRONIC_INFORMATION] = Figure(len(electronic), len(service_ids))
    total.figures = sums
    total_norms = norms_of(entries, service.pk if service is not None else None)
    total_targets = targets.get(service.pk, {}) if service is not None else {}
    total.targets, total.norms = _values(total_targets), _values(total_norms)
    rows.sort(key=lambda r: (r.service.code if r.service else "", r.provider.code if r.provider else ""))
    return IndicatorTable(
        start=start,
        end=end,
        rows=rows,
        total=total,
        norms=total.norms,
        target_year=target_year,
        norm_entries=total_norms,
        target_entries=total_targets,
        services_with_own_norms=len([k for k in entries if k is not None]),
    )


@dataclass(frozen=True)
class SeriesPoint:
    month: dt.date
    figures: dict[str, Figure]


# --- the page from the monthly aggregates (ADR 0078) -----------------------------------------


# A month's rebuild is trusted when made this long after the month ended: a transaction that
# changed one of its cases just before midnight has committed by then.
REBUILD_GRACE = dt.timedelta(minutes=10)


def rebuilt_after_end(month: dt.date, refreshed_at: dt.datetime) -> bool:
    """Whether a rebuild of ``month`` made at ``refreshed_at`` counts every case due in it."""
    next_start = month_end(month) + dt.timedelta(days=1)
    ended_at = dt.datetime.combine(next_start, dt.time(), tzinfo=_local_tz())
    return refreshed_at >= ended_at + REBUILD_GRACE


def _whole_months(start: dt.date, end: dt.date) -> bool:
    return start.day == 1 and end == month_end(end) and start <= end


def counted_months(*, start: dt.date, end: dt.date, today: dt.date) -> set[dt.date]:
    """The months from ``start`` to ``end`` that must be counted wholly from the cases (see
    ``month_sources``)."""
    return month_sources(start=start, end=end, today=today)[0]


def month_sources(
    *, start: dt.date, end: dt.date, today: dt.date
) -> tuple[set[dt.date], dict[dt.date, dt.datetime]]:
    """Where each month from ``start`` to ``end`` is read from (one query). Returns the months
    counted wholly from the cases, and the months in progress built in part, each with the
    moment before which its settled cases are in the aggregates (``settled_before``); every
    other month is read from the aggregates alone.

    Wholly from the cases: a month without a build (a future one, one never built), one with
    a change not yet swept into the aggregates, and one whose whole rebuild has a case still
    pending with its term on or after ``today`` (whether it counts depends on the day). In
    part: a month whose last build was made before it ended, for the cases settled before
    ``settled_before`` (ADR 0078)."""
    months = month_starts(start, end)
    first, last = months[0], months[-1]
    trusted = (
        IndicatorMonthCoverage.objects.filter(month__gte=first, month__lte=last)
        .order_by()
        .annotate(tag=Value(1))
        .values_list("month", "tag", "refreshed_at", "settled_before")
    )
    none = Value(None, output_field=DateTimeField())
    changed = (
        IndicatorMonthChange.objects.filter(month__gte=first, month__lte=last)
        .order_by()
        .annotate(tag=Value(2), at=none, settled=none)
        .values_list("month", "tag", "at", "settled")
    )
    unsettled = (
        IndicatorMonth.objects.filter(
            month__gte=first, month__lte=last, pending__gt=0, pending_term_last__gte=today
        )
        .order_by()
        .annotate(tag=Value(3), at=none, settled=none)
        .values_list("month", "tag", "at", "settled")
    )
    built: set[dt.date] = set()
    partial: dict[dt.date, dt.datetime] = {}
    live: set[dt.date] = set()
    for month, tag, at, settled in trusted.union(changed, unsettled):
        month = _as_date(month)
        if tag != 1:
            live.add(month)
        elif settled is not None:
            partial[month] = settled
        elif at is not None and rebuilt_after_end(month, at) and month_end(month) < today:
            built.add(month)
    whole = {m for m in months if (m not in built and m not in partial) or m in live}
    return whole, {m: at for m, at in partial.items() if m not in whole}


SURVEY_NAMES = list(SURVEY_FIELDS.values())


@dataclass
class _Tally:
    """The counts of one (service, provider) or one month: 1.1 counted of ``total`` with
    ``ok`` on time; ``answers`` survey answers with ``n`` answered and ``sat`` satisfied per
    question."""

    total: int = 0
    ok: int = 0
    answers: int = 0
    n: dict[str, int] = field(default_factory=dict)
    sat: dict[str, int] = field(default_factory=dict)

    def add_answers(self, row: dict[str, Any]) -> None:
        self.answers += int(row["answers"] or 0)
        for name in SURVEY_NAMES:
            self.n[name] = self.n.get(name, 0) + int(row[f"n_{name}"] or 0)
            self.sat[name] = self.sat.get(name, 0) + int(row[f"ok_{name}"] or 0)

    def timeliness(self) -> Figure | None:
        return Figure(self.ok, self.total) if self.total else None

    def survey(self) -> dict[str, Figure]:
        return {
            indicator: Figure(self.sat.get(name, 0), self.n[name])
            for indicator, name in SURVEY_FIELDS.items()
            if self.n.get(name)
        }

    def figures(self) -> dict[str, Figure]:
        out = self.survey()
        timely = self.timeliness()
        if timely is not None:
            out[Indicator.TIMELINESS] = timely
        return out


def survey_counts() -> dict[str, Any]:
    out: dict[str, Any] = {"answers": Count("pk")}
    for name in SURVEY_NAMES:
        out[f"n_{name}"] = Count(name)
        out[f"ok_{name}"] = Count("pk", filter=Q(**{f"{name}__gte": SATISFIED_FROM}))
    return out


def _aggregate_sums() -> dict[str, Any]:
    out: dict[str, Any] = {
        "arrived": Sum("arrived"),
        "on_time": Sum("on_time"),
        "pending": Sum("pending"),
        "answers": Sum("answers"),
    }
    for name in SURVEY_NAMES:
        out[f"n_{name}"] = Sum(f"n_{name}")
        out[f"ok_{name}"] = Sum(f"ok_{name}")
    return out


NO_MONTH = dt.date(1, 1, 1)


def _in_months(field_name: str, months: list[dt.date]) -> Q:
    """The rows dated in ``months`` (sorted); none of them, yet the query still runs (a fixed
    count), when there are none."""
    q = Q()
    for month in months:
        q |= Q(**{f"{field_name}__gte": month, f"{field_name}__lte": month_end(month)})
    return q


def _rest_of_months(
    field_name: str, partial: dict[dt.date, dt.datetime], rest: Callable[[dt.datetime], list[Q]]
) -> Q:
    """The rows dated in the months in progress that their aggregates leave out: each of the
    ``rest`` alternatives with the month's range, so that the database reads each by its index."""
    q = Q()
    for month, before in sorted(partial.items()):
        dated = Q(**{f"{field_name}__gte": month, f"{field_name}__lte": month_end(month)})
        for alternative in rest(before):
            q |= dated & alternative
    return q


def _answers_after(before: dt.datetime) -> list[Q]:
    return [Q(created_at__gte=before)]


def _live_span(months: list[dt.date], *, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The range from the first to the last of ``months`` (sorted) within ``start``..``end``,
    so that the database reads only those months by its index on the date; an empty range
    when there are none."""
    if not months:
        return NO_MONTH, NO_MONTH
    return max(start, months[0]), min(end, month_end(months[-1]))


def _page_counts(
    *,
    start: dt.date,
    end: dt.date,
    chart_start: dt.date,
    service: Service | None,
    provider: Organisation | None,
    scope: QuerySet[Organisation] | None,
    today: dt.date,
) -> tuple[dict[Key, _Tally], dict[dt.date, _Tally]]:
    """The counts of the table (``start``..``end``, by service and provider) and of the chart
    (``chart_start``..``end``, by month) in five queries whatever the volume: which months are
    counted from the cases, the aggregates of the others summed by key and by month, and the
    cases of the counted months by month and key (1.1 and the answers), with the cases of the
    months in progress that their aggregates leave out (those not settled before the build)."""
    live, partial = month_sources(start=chart_start, end=end, today=today)
    live_list = sorted(live)
    by_key: dict[Key, _Tally] = {}
    by_month: dict[dt.date, _Tally] = {}
    stored = _narrowed(
        IndicatorMonth.objects.exclude(month__in=live_list), service=service, provider=provider, scope=scope
    ).order_by()
    for r in (
        stored.filter(month__gte=start, month__lte=end)
        .values("service_id", "provider_id")
        .annotate(**_aggregate_sums())
    ):
        tally = by_key.setdefault((r["service_id"], r["provider_id"]), _Tally())
        tally.total += int(r["arrived"] or 0) + int(r["pending"] or 0)
        tally.ok += int(r["on_time"] or 0)
        tally.add_answers(r)
    for r in (
        stored.filter(month__gte=chart_start, month__lte=end).values("month").annotate(**_aggregate_sums())
    ):
        tally = by_month.setdefault(_as_date(r["month"]), _Tally())
        tally.total += int(r["arrived"] or 0) + int(r["pending"] or 0)
        tally.ok += int(r["on_time"] or 0)
        tally.add_answers(r)
    live_start, live_end = _live_span(sorted(live | set(partial)), start=chart_start, end=end)
    cases = (
        timeliness_queryset(
            start=live_start, end=live_end, service=service, provider=provider, scope=scope, today=today
        )
        .filter(
            _in_months("due_on", live_list)
            | _rest_of_months("due_on", partial, lambda before: unsettled_q(before, today=today))
        )
        .annotate(month=TruncMonth("due_on", output_field=DateField()))
        .order_by()
        .values("month", "service_id", "provider_id")
        .annotate(total=Count("pk"), ok=Count("pk", filter=ON_TIME_Q))
    )
    for r in cases:
        month = _as_date(r["month"])
        for tally in _tallies(by_key, by_month, r, month, start):
            tally.total += r["total"]
            tally.ok += r["ok"]
    answers = (
        _answer_base(start=live_start, end=live_end, service=service, provider=provider, scope=scope)
        .filter(_in_months("case_date", live_list) | _rest_of_months("case_date", partial, _answers_after))
        .annotate(month=TruncMonth("case_date", output_field=DateField()))
        .order_by()
        .values("month", "service_id", "provider_id")
        .annotate(**survey_counts())
    )
    for r in answers:
        month = _as_date(r["month"])
        for tally in _tallies(by_key, by_month, r, month, start):
            tally.add_answers(r)
    return by_key, by_month


def _tallies(
    by_key: dict[Key, _Tally],
    by_month: dict[dt.date, _Tally],
    row: dict[str, Any],
    month: dt.date,
    start: dt.date,
) -> list[_Tally]:
    out = [by_month.setdefault(month, _Tally())]
    if month >= start:
        out.append(by_key.setdefault((row["service_id"], row["provider_id"]), _Tally()))
    return out


def _page_table(
    by_key: dict[Key, _Tally],
    *,
    start: dt.date,
    end: dt.date,
    service: Service | None,
    provider: Organisation | None,
) -> IndicatorTable:
    timeliness: dict[Key, Figure] = {}
    surveys: dict[Key, dict[str, Figure]] = {}
    for key, tally in by_key.items():
        timely = tally.timeliness()
        if timely is not None:
            timeliness[key] = timely
        if tally.answers:
            surveys[key] = tally.survey()
    return _table_from(
        start=start, end=end, service=service, provider=provider, timeliness=timeliness, surveys=surveys
    )


def _page_series(by_month: dict[dt.date, _Tally], *, start: dt.date, end: dt.date) -> list[SeriesPoint]:
    return [
        SeriesPoint(month=m, figures=by_month[m].figures() if m in by_month else {})
        for m in month_starts(start, end)
    ]


def indicator_page(
    *,
    user: User,
    start: dt.date,
    end: dt.date,
    chart_start: dt.date,
    service: Service | None = None,
    provider: Organisation | None = None,
    today: dt.date | None = None,
) -> tuple[IndicatorTable, list[SeriesPoint]]:
    """The indicators page: the table of ``start``..``end`` and the chart's months from
    ``chart_start``, read from the monthly aggregates where they are settled and counted from
    the cases elsewhere (``counted_months``), equal to ``compute_indicator_table`` and
    ``indicator_series`` figure for figure. Permission-checked like ``indicator_table``."""
    scope = quality_scope(user=user)
    access_provider(user=user, provider=provider)
    today = today or timezone.localdate()
    chart_start = min(chart_start, start).replace(day=1)
    if not _whole_months(start, end):
        table = compute_indicator_table(
            start=start, end=end, service=service, provider=provider, scope=scope, today=today
        )
        return table, indicator_series(
            user=user, start=chart_start, end=end, service=service, provider=provider, today=today
        )
    by_key, by_month = _page_counts(
        start=start,
        end=end,
        chart_start=chart_start,
        service=service,
        provider=provider,
        scope=scope,
        today=today,
    )
    table = _page_table(by_key, start=start, end=end, service=service, provider=provider)
    return table, _page_series(by_month, start=chart_start, end=end)


def _month_start(d: dt.date) -> dt.date:
    return d.replace(day=1)


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    assert isinstance(value, dt.date)
    return value


def indicator_series(
    *,
    user: User,
    start: dt.date,
    end: dt.date,
    service: Service | None = None,
    provider: Organisation | None = None,
    today: dt.date | None = None,
) -> list[SeriesPoint]:
    """Monthly values of 1.1, 2.1, 3.1, 4.1, 5.1 from ``start`` to ``end`` (two grouped queries)
    for the charts over time."""
    scope = quality_scope(user=user)
    access_provider(user=user, provider=provider)
    timeliness = _timeliness_figures(
        start=start, end=end, service=service, provider=provider, scope=scope, today=today, by_month=True
    )
    surveys = _survey_figures(
        start=start, end=end, service=service, provider=provider, scope=scope, by_month=True
    )
    by_month: dict[dt.date, dict[str, Figure]] = {}
    for (m,), fig in timeliness.items():
        by_month.setdefault(_as_date(m), {})[Indicator.TIMELINESS] = fig
    for (m,), figs in surveys.items():
        by_month.setdefault(_as_date(m), {}).update(figs)
    points = []
    month = _month_start(start)
    while month <= end:
        points.append(SeriesPoint(month=month, figures=by_month.get(month, {})))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return points


# --- surveys ---------------------------------------------------------------------------------


def survey_invitation_get(*, token: str) -> SurveyInvitation | None:
    return SurveyInvitation.objects.select_related("service", "provider").filter(token=token).first()


def survey_invitation_for_case(*, case_kind: str, case_number: str) -> SurveyInvitation | None:
    return SurveyInvitation.objects.filter(case_kind=case_kind, case_number=case_number).first()


def survey_pending_for(*, user: User) -> QuerySet[SurveyInvitation]:
    """The recipient's unanswered invitations (cabinet links)."""
    if not user.is_authenticated:
        return SurveyInvitation.objects.none()
    return SurveyInvitation.objects.filter(recipient_user=user, answered_at__isnull=True).select_related(
        "service"
    )


def survey_answer_export_rows(
    *, user: User, start: dt.date, end: dt.date, case_kind: str | None = None
) -> QuerySet[SurveyAnswer]:
    """Anonymous answers for export: no recipient identity, no case number (anonymity)."""
    scope = quality_scope(user=user)
    qs = _answer_base(start=start, end=end, service=None, provider=None, scope=scope)
    if case_kind in CaseKind.values:
        qs = qs.filter(case_kind=case_kind)
    return qs.select_related("service", "provider").order_by("case_date", "id")


def new_issued_applications(
    *, since: dt.datetime, skip_prefixes: Sequence[str] = ()
) -> QuerySet[Application]:
    """Applications issued (or refused with a reasoned decision) since ``since`` that have no
    survey invitation yet (read-only; the survey job uses it). Numbers starting with one of
    ``skip_prefixes`` are an imported history, whose recipients are not asked."""
    invited = SurveyInvitation.objects.filter(case_kind=CaseKind.APPLICATION).values("case_number")
    skipped = Q()
    for prefix in skip_prefixes:
        skipped |= Q(number__startswith=prefix)
    return (
        Application.objects.filter(
            service__isnull=False,
            status__in=[ApplicationStatus.ISSUED, ApplicationStatus.REFUSED],
            closed_at__gte=since,
        )
        .exclude(number__in=invited)
        .exclude(skipped)
        .select_related("service", "provider", "recipient_user")
        .order_by("closed_at", "id")
    )


# --- targets (STD 20) ------------------------------------------------------------------------


def indicator_filter_choices(*, user: User) -> tuple[QuerySet[Service], QuerySet[Organisation]]:
    """The services and providers the indicator table can be narrowed to, chosen by name:
    every active service, and the providers in the user's scope that deliver applications."""
    scope = quality_scope(user=user)
    services = Service.objects.filter(is_active=True).order_by("code")
    providers = Organisation.objects.filter(pk__in=Application.objects.values("provider_id"))
    if scope is not None:
        providers = providers.filter(pk__in=scope.values("pk"))
    return services, providers.order_by("name_ru", "pk")


def target_services_for(*, user: User) -> QuerySet[Service]:
    """Services whose yearly targets (STD 20) and own normative values the user may set: those
    of the bodies responsible for them that the user acts for."""
    if not user.is_authenticated:
        return Service.objects.none()
    qs = Service.objects.filter(is_active=True).select_related("responsible_body").order_by("code")
    return qs.filter(responsible_body__in=organisations_visible_to(user=user, roles=PROVIDER_ROLES))


def target_entries(*, service: Service, year: int) -> dict[str, IndicatorTarget]:
    """The approved targets of ``service`` for ``year`` by indicator (with who approved them)."""
    qs = IndicatorTarget.objects.filter(service=service, year=year).select_related("set_by")
    return {t.indicator: t for t in qs}


def target_value_map(*, service_ids: Iterable[int], year: int) -> dict[int, dict[str, Decimal]]:
    """STD 20: the approved targets for ``year`` of each of ``service_ids`` by indicator, in
    one query (the public indicators page)."""
    out: dict[int, dict[str, Decimal]] = {}
    qs = IndicatorTarget.objects.filter(service_id__in=list(service_ids), year=year)
    for t in qs.only("service_id", "indicator", "value"):
        out.setdefault(t.service_id, {})[t.indicator] = t.value
    return out


def target_values(*, service: Service, year: int) -> dict[str, Decimal]:
    return _values(target_entries(service=service, year=year))


def target_history(*, service: Service, year: int) -> QuerySet[IndicatorTargetRevision]:
    """STD 20: every approval and change of the service's targets for ``year``, oldest first."""
    return (
        IndicatorTargetRevision.objects.filter(target__service=service, target__year=year)
        .select_related("target", "set_by")
        .order_by("set_at", "id")
    )


def norm_history(*, service: Service | None) -> QuerySet[IndicatorNormRevision]:
    """STD appendix column 2: every setting and change of the service's own normative values
    (None: the national defaults), oldest first, with the value and basis each replaced."""
    return (
        IndicatorNormRevision.objects.filter(norm__service=service)
        .select_related("norm", "set_by")
        .order_by("set_at", "id")
    )


# --- Who read an unmasked IIN (issue 12.3) ---------------------------------------------------


def access_iin_read_log(*, user: User) -> QuerySet[AuditLog]:
    """The ``core.iin_read`` audit rows (who was shown which case's unmasked IIN, and when),
    newest first, for the quality authority only: an active quality-inspector position in an
    organisation that is the quality assessment and control authority (Law 7). Anyone else,
    a superuser or a system administrator included, gets :class:`AccessDenied`."""
    if not user.is_authenticated or not (
        position_list(user=user, roles=[StaffRole.QUALITY_INSPECTOR])
        .filter(organisation__is_quality_authority=True)
        .exists()
    ):
        raise AccessDenied()
    return (
        AuditLog.objects.filter(action=IIN_READ_ACTION)
        .select_related("actor")
        .order_by("-occurred_at", "-id")
    )


def indicator_values_by_service(
    *, service_ids: Iterable[int], start: dt.date, end: dt.date, today: dt.date | None = None
) -> dict[int, dict[str, Decimal | None]]:
    """STD appendix 1.1-5.1 of each of ``service_ids`` for the period, every provider together
    (the shares summed over the providers; 3.2 is the service's own), in the bounded queries of
    ``compute_indicator_table``. For the PSC list (PSC 6): the quality of a service weighs in
    its selection."""
    wanted = set(service_ids)
    table = compute_indicator_table(start=start, end=end, today=today)
    sums: dict[int, dict[str, Figure]] = {}
    for row in table.rows:
        if row.service is None or row.service.pk not in wanted:
            continue
        figures = sums.setdefault(row.service.pk, {})
        for code, fig in row.figures.items():
            if code == Indicator.ELECTRONIC_INFORMATION:
                figures[code] = fig
            else:
                figures[code] = figures.get(code, Figure()) + fig
    return {sid: {code: fig.value for code, fig in figures.items()} for sid, figures in sums.items()}


def application_channel(*, number: str) -> str:
    """The channel an application was made on, by its number ("" when there is none): what a
    survey invitation of a complaint about it records (Law 28)."""
    if not number:
        return ""
    return Application.objects.filter(number=number).values_list("channel", flat=True).first() or ""


# --- the appendix of a service's standard (STD 19-20) ------------------------------------------


def standard_indicators(*, service_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """STD 19-20 and the appendix table as published with each of ``service_ids``' standard:
    per indicator (appendix order), the normative value (column 2: the service's own, else the
    national default, with its legal basis) and every yearly target approved by order of the
    responsible body (column 3: year, value, order number and date), oldest year first. Public
    data; two queries whatever the number of services. Column 4 (the current value) is computed
    on the indicators page, not stored."""
    ids = list(dict.fromkeys(service_ids))
    entries = norm_entries(service_ids=ids)
    targets: dict[int, dict[str, list[IndicatorTarget]]] = {}
    qs = IndicatorTarget.objects.filter(service_id__in=ids).order_by("service_id", "indicator", "year")
    for target in qs.only("service_id", "indicator", "year", "value", "order_number", "order_date"):
        targets.setdefault(target.service_id, {}).setdefault(target.indicator, []).append(target)
    out: dict[int, list[dict[str, Any]]] = {}
    for service_id in ids:
        norms_here = norms_of(entries, service_id)
        rows: list[dict[str, Any]] = []
        for indicator in Indicator:
            norm = norms_here.get(indicator.value)
            rows.append(
                {
                    "indicator": indicator.value,
                    "normative_value": norm.value if norm is not None else None,
                    "normative_is_national_default": bool(norm is not None and norm.is_national_default),
                    "normative_legal_basis": norm.legal_basis if norm is not None else "",
                    "targets": [
                        {
                            "year": t.year,
                            "value": t.value,
                            "order_number": t.order_number,
                            "order_date": t.order_date,
                        }
                        for t in targets.get(service_id, {}).get(indicator.value, [])
                    ],
                }
            )
        out[service_id] = rows
    return out
