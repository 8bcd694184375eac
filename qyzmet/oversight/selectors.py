"""Reads of public accountability: who may do what (the owning role at each step), what an
assessment gathers (Law 28), the figures of a yearly report (Law 23.5), the public pages
(published reports, hearings and their comments, control outcomes) and the flags of missing
hearings (Law 23.6).

Every figure comes from the owning app's selectors (quality, complaints, delivery,
contactcentre), each one aggregate query; nothing here scans applications row by row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from qyzmet.complaints.selectors import (
    complaint_list_for_period,
    complaint_list_review_breaches,
    complaint_statistics_per_body,
)
from qyzmet.contactcentre.selectors import quality_report_months, refused_request_list
from qyzmet.core import followup
from qyzmet.core.errors import AccessDenied
from qyzmet.core.models import User
from qyzmet.delivery.enums import ELECTRONIC_CHANNELS, Channel, TermViolationKind
from qyzmet.delivery.selectors import application_volume_list, term_violation_list
from qyzmet.monitoring.selectors import conclusion_list, measure_list
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import can_act_for, organisation_subtree, position_list
from qyzmet.oversight.enums import (
    REPORTING_KINDS,
    AssessmentStatus,
    CommentStatus,
    ControlStatus,
    DeliveryForm,
    HearingStatus,
    ReportStatus,
)
from qyzmet.oversight.models import (
    Assessment,
    ControlCase,
    ControlOrder,
    Hearing,
    HearingComment,
    HearingMissingFlag,
    YearlyReport,
)
from qyzmet.quality.enums import Indicator
from qyzmet.quality.selectors import Figure, compute_indicator_table
from qyzmet.registry.models import Service, ServiceProvider
from qyzmet.registry.selectors import service_is_delivered_by

INSPECTOR = StaffRole.QUALITY_INSPECTOR
# The staff of a body: who prepares its report and hearing, and answers for its control orders.
BODY_ROLES = (StaffRole.PROVIDER_HEAD, StaffRole.PROVIDER_OFFICER)
# Who reads a control case or a signed assessment of their organisation (a branch's operators too).
BODY_READ_ROLES = (*BODY_ROLES, StaffRole.STATE_CORPORATION_OPERATOR)

# Law 28: the channels of each form (Law 18.3-18.6 electronic; 18.1-18.2 the others).
FORM_CHANNELS: dict[str, frozenset[str]] = {
    DeliveryForm.ELECTRONIC: frozenset(ELECTRONIC_CHANNELS),
    DeliveryForm.OTHER: frozenset(set(Channel.values) - set(ELECTRONIC_CHANNELS)),
}


# --- who ---------------------------------------------------------------------------------------


def quality_authority_of(*, user: User) -> Organisation | None:
    """Law 7: the quality assessment and control authority the user inspects for (a quality
    inspector's position in it), or ``None``."""
    position = (
        position_list(user=user, roles=[INSPECTOR]).filter(organisation__is_quality_authority=True).first()
    )
    return position.organisation if position is not None else None


def informatization_authority_of(*, user: User) -> Organisation | None:
    """Law 9: the informatization authority the user assesses for (a quality inspector's
    position in the organisation holding that authority), or ``None``."""
    position = (
        position_list(user=user, roles=[INSPECTOR])
        .filter(organisation__is_informatization_authority=True)
        .first()
    )
    return position.organisation if position is not None else None


def assessing_authority_of(*, user: User, form: str) -> Organisation | None:
    """Law 28: the authority for which ``user`` may assess services delivered in ``form``."""
    if form == DeliveryForm.ELECTRONIC:
        return informatization_authority_of(user=user)
    return quality_authority_of(user=user)


def is_overseer(*, user: User) -> bool:
    """An inspector of either assessing authority (Law 7, 9): reads assessments and cases."""
    return bool(user.is_authenticated) and (
        quality_authority_of(user=user) is not None or informatization_authority_of(user=user) is not None
    )


def is_body_staff(*, user: User) -> bool:
    return bool(user.is_authenticated) and position_list(user=user, roles=BODY_READ_ROLES).exists()


_STATE_CORPORATION_KINDS = frozenset(
    {OrganisationKind.STATE_CORPORATION, OrganisationKind.STATE_CORPORATION_BRANCH}
)


def body_roles(body: Organisation) -> tuple[str, ...]:
    """Who works for ``body``: its head and officers; in the State Corporation and its branches
    (where no head or officer role is held, Law 11-1) its staff, the operators."""
    if body.kind in _STATE_CORPORATION_KINDS:
        return (StaffRole.STATE_CORPORATION_OPERATOR,)
    return BODY_ROLES


def reporting_bodies_of(*, user: User) -> list[Organisation]:
    """Law 23.5: the bodies whose yearly report and hearing the user prepares: a position in the
    body itself (a parent body does not report for its children)."""
    return [
        p.organisation
        for p in position_list(user=user, roles=BODY_READ_ROLES).order_by("organisation__path")
        if p.organisation.kind in REPORTING_KINDS and p.role in body_roles(p.organisation)
    ]


def prepares_report_of(*, user: User, body: Organisation) -> bool:
    return position_list(user=user, roles=body_roles(body)).filter(organisation=body).exists()


def heads(*, user: User, body: Organisation) -> bool:
    """Who publishes the body's report (Law 23.5): its head; for the State Corporation, which
    has no head role here, its staff at the head office."""
    roles = body_roles(body) if body.kind in _STATE_CORPORATION_KINDS else (StaffRole.PROVIDER_HEAD,)
    return position_list(user=user, roles=roles).filter(organisation=body).exists()


def answers_for(*, user: User, body: Organisation) -> bool:
    """Staff who answer for a control object: its head or officer, or a head above it (a State
    Corporation branch: its operators)."""
    return can_act_for(user=user, organisation=body, roles=body_roles(body))


# --- assessments (Law 28) ----------------------------------------------------------------------


def period_of(year: int, *, today: dt.date) -> tuple[dt.date, dt.date]:
    """The year, up to ``today`` while it is running."""
    return dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)


def delivers(*, body: Organisation, service: Service) -> bool:
    """Law 1.4, 20: the body delivers the service (a provider of record), or accepts it as the
    State Corporation or its branch (a service delivered through the State Corporation)."""
    if body.kind in {OrganisationKind.STATE_CORPORATION, OrganisationKind.STATE_CORPORATION_BRANCH}:
        return service.is_via_state_corporation
    return service_is_delivered_by(service=service, organisation=body)


def checkable(*, obj: Organisation, service: Service) -> bool:
    """Law 27.2: the object's activity in delivering ``service`` can be checked: it delivers or
    accepts it (``delivers``), a body below it delivers it, or it is the body responsible for
    the service (its standard, Law 10)."""
    if delivers(body=obj, service=service) or service.responsible_body_id == obj.pk:
        return True
    return ServiceProvider.objects.filter(service=service, organisation__path__startswith=obj.path).exists()


def _as_text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _figure(figure: Figure) -> dict[str, Any]:
    return {"numerator": figure.numerator, "denominator": figure.denominator, "value": _as_text(figure.value)}


def _meets(value: Decimal | None, norm: Decimal | None) -> bool | None:
    return None if value is None or norm is None else value >= norm


def indicator_rows(
    *,
    start: dt.date,
    end: dt.date,
    today: dt.date,
    service: Service | None = None,
    provider: Organisation | None = None,
    scope: QuerySet[Organisation] | None = None,
    channels: Iterable[str] | None = None,
) -> list[dict[str, Any]]:
    """STD 19-20: the indicators 1.1-5.1 of the period with their normative values (column 2)
    and next year's targets (column 3), as JSON rows (``quality.compute_indicator_table``)."""
    table = compute_indicator_table(
        start=start, end=end, service=service, provider=provider, scope=scope, today=today, channels=channels
    )
    total = table.total
    rows = []
    for indicator in Indicator:
        figure = total.figure(indicator)
        norm = total.norms.get(indicator)
        rows.append(
            {
                "indicator": indicator.value,
                **_figure(figure),
                "norm": _as_text(norm),
                "target": _as_text(total.targets.get(indicator)),
                "meets_norm": _meets(figure.value, norm),
            }
        )
    return rows


def gather_evidence(
    *,
    body: Organisation,
    service: Service,
    year: int,
    form: str,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Law 28 (with Law 26.5, comprehensiveness): what an assessment of ``service`` at ``body``
    for ``year`` in ``form`` rests on: the indicators against their norms and targets, the
    applications and missed terms on the form's channels, the complaints and their review-term
    breaches, the contact centre's requests the body refused (UCC 12) and the public
    monitoring conclusions. JSON, frozen into the assessment when it is signed."""
    today = today or timezone.localdate()
    start, end = period_of(year, today=today)
    channels = sorted(FORM_CHANNELS[form])
    accepted = body.kind in {OrganisationKind.STATE_CORPORATION, OrganisationKind.STATE_CORPORATION_BRANCH}
    volumes = application_volume_list(
        organisation=body, start=start, end=end, accepted=accepted, service=service
    )
    violations = term_violation_list(
        provider=None if accepted else body,
        accepted_by=body if accepted else None,
        service=service,
        due_from=start,
        due_to=end,
        channels=channels,
    )
    by_kind = dict(violations.order_by().values_list("kind").annotate(n=Count("pk")))
    complaints = complaint_list_for_period(start=start, end=end, provider=body, service_code=service.code)
    breaches = complaint_list_review_breaches(
        start=start, end=end, today=today, provider=body, service_code=service.code
    )
    refusals = refused_request_list(body=body, start=start, end=end, service=service)
    refusals_all = refused_request_list(body=body, start=start, end=end)
    return {
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "channels": channels,
        # STD 19: the indicators are the provider's; a State Corporation branch only accepts
        "indicators": []
        if accepted
        else indicator_rows(
            start=start, end=end, today=today, service=service, provider=body, channels=channels
        ),
        "applications": {v.channel: v.applications for v in volumes if v.channel in FORM_CHANNELS[form]},
        "term_violations": {
            "delivery": by_kind.get(TermViolationKind.DELIVERY, 0),
            "handover": by_kind.get(TermViolationKind.HANDOVER, 0),
        },
        "complaints": {"total": complaints.count(), "review_term_breaches": breaches.count()},
        "contact_centre_refusals": {
            "refused": refusals.count(),
            "refused_all": refusals_all.count(),
            "reported_months": [
                m.isoformat()[:7] for m in quality_report_months(body=body, start=start, end=end)
            ],
        },
        "monitoring_conclusions": monitoring_conclusions(body=body, service=service, year=year),
    }


def monitoring_conclusions(
    *, body: Organisation, service: Service | None = None, year: int
) -> list[dict[str, Any]]:
    """Law 29.3-29.4: the public monitoring conclusions published in ``year`` on the body (and
    the service), each with the measures the body took on it (``monitoring`` selectors), in
    two queries."""
    conclusions = list(conclusion_list(body=body, service=service, year=year))
    measures: dict[int, list[str]] = {}
    for m in measure_list(body=body).filter(conclusion__in=conclusions):
        measures.setdefault(m.conclusion_id, []).append(f"{m.taken_on:%d.%m.%Y}: {m.text}")
    return [
        {
            "number": c.number,
            "subject": c.monitoring.subject,
            "language": c.language,
            "published_on": c.published_on.isoformat() if c.published_on else "",
            "measures": len(measures.get(c.pk, [])),
            "measures_text": measures.get(c.pk, []),
        }
        for c in conclusions
    ]


def assessment_list_for(*, user: User) -> QuerySet[Assessment]:
    """Law 28: the inspectors of both authorities see every assessment; a body's staff the
    signed assessments of their organisation (and, for a head, its subtree); anyone else is
    refused."""
    qs = Assessment.objects.select_related("body", "service", "authority", "assessor")
    if is_overseer(user=user):
        return qs
    if not is_body_staff(user=user):
        raise AccessDenied()
    visible = [
        o.pk
        for o in Organisation.objects.filter(
            pk__in=Assessment.objects.filter(status=AssessmentStatus.SIGNED).values("body_id")
        )
        if can_act_for(user=user, organisation=o, roles=BODY_READ_ROLES)
    ]
    return qs.filter(status=AssessmentStatus.SIGNED, body_id__in=visible)


def access_assessment(*, user: User, assessment: Assessment, act: bool = False) -> Assessment:
    """Acting (refreshing, signing): an inspector of the authority that assesses it. Reading:
    the inspectors of both authorities; the assessed body once it is signed."""
    if act:
        if assessing_authority_of(user=user, form=assessment.form) != assessment.authority:
            raise AccessDenied()
        return assessment
    if is_overseer(user=user):
        return assessment
    if assessment.status == AssessmentStatus.SIGNED and can_act_for(
        user=user, organisation=assessment.body, roles=BODY_READ_ROLES
    ):
        return assessment
    raise AccessDenied()


def assessment_get(*, number: str) -> Assessment | None:
    return (
        Assessment.objects.select_related("body", "service", "authority", "assessor", "signed_by")
        .filter(number=number.strip().upper())
        .first()
    )


# --- state control (Law 27) --------------------------------------------------------------------


def control_case_list_for(*, user: User) -> QuerySet[ControlCase]:
    """Law 27: the quality authority's inspectors see every case (the informatization
    authority's read them too); the object's staff see the cases on their organisation."""
    qs = ControlCase.objects.select_related("object", "authority").prefetch_related("services")
    if is_overseer(user=user):
        return qs
    if not is_body_staff(user=user):
        raise AccessDenied()
    ids = [
        o.pk
        for o in Organisation.objects.filter(pk__in=ControlCase.objects.values("object_id"))
        if can_act_for(user=user, organisation=o, roles=BODY_READ_ROLES)
    ]
    return qs.filter(object_id__in=ids)


def access_control_case(*, user: User, case: ControlCase) -> ControlCase:
    if is_overseer(user=user) or can_act_for(user=user, organisation=case.object, roles=BODY_READ_ROLES):
        return case
    raise AccessDenied()


def control_case_get(*, number: str) -> ControlCase | None:
    return (
        ControlCase.objects.select_related("object", "authority", "ground_assessment", "opened_by")
        .prefetch_related("services")
        .filter(number=number.strip().upper())
        .first()
    )


def control_orders(*, case: ControlCase, today: dt.date | None = None) -> QuerySet[ControlOrder]:
    """The case's orders with ``late`` (pending after the due date, ``core.followup``)."""
    return followup.with_late_flag(case.orders.select_related("repeats"), today=today or timezone.localdate())


def control_order_list_late(*, today: dt.date | None = None) -> QuerySet[ControlOrder]:
    """Law 27: orders still pending after their due date, every case."""
    return followup.overdue(ControlOrder.objects.all(), today=today or timezone.localdate()).select_related(
        "case__object"
    )


@dataclass(frozen=True)
class ControlOutcome:
    """A closed control case as the public sees it: no findings text, no personal data."""

    number: str
    object_name_kk: str
    object_name_ru: str
    period_start: dt.date
    period_end: dt.date
    services: list[str]
    breaches_found: bool
    orders: int
    fulfilled_in_time: int
    repeated: int
    closed_on: dt.date

    def object_name(self, language: str) -> str:
        return self.object_name_ru if language == "ru" else self.object_name_kk


def control_outcome_list(
    *, year: int | None = None, body: Organisation | None = None
) -> list[ControlOutcome]:
    """Law 26.6 (openness): the outcomes of closed control cases, newest first, in a bounded
    number of queries (the cases, their services, their order counts)."""
    qs = ControlCase.objects.filter(status=ControlStatus.CLOSED).select_related("object")
    if year is not None:
        qs = qs.filter(closed_on__year=year)
    if body is not None:
        qs = qs.filter(object__path__startswith=body.path)
    qs = qs.annotate(
        n_orders=Count("orders", distinct=True),
        n_fulfilled=Count(
            "orders", filter=Q(orders__status=followup.FollowUpStatus.FULFILLED), distinct=True
        ),
        n_repeated=Count("orders", filter=Q(orders__repeats__isnull=False), distinct=True),
    ).prefetch_related(Prefetch("services", queryset=Service.objects.only("code").order_by("code")))
    return [
        ControlOutcome(
            number=c.number,
            object_name_kk=c.object.name_kk,
            object_name_ru=c.object.name_ru,
            period_start=c.period_start,
            period_end=c.period_end,
            services=[s.code for s in c.services.all()],
            breaches_found=bool(c.breaches_found),
            orders=c.n_orders,
            fulfilled_in_time=c.n_fulfilled,
            repeated=c.n_repeated,
            closed_on=c.closed_on or c.opened_on,
        )
        for c in qs.order_by("-closed_on", "-id")
    ]


# --- yearly reports (Law 23.5) -----------------------------------------------------------------


def report_figures(*, body: Organisation, year: int, today: dt.date | None = None) -> dict[str, Any]:
    """Law 23.5: the figures of ``body``'s yearly report: applications by service and channel,
    the indicators against their norms, complaints and their review-term breaches, missed
    terms, the quality assessments signed for the year and the public monitoring conclusions
    with the measures taken. Built from aggregates; JSON, frozen at publication."""
    today = today or timezone.localdate()
    start, end = period_of(year, today=today)
    accepted = body.kind == OrganisationKind.STATE_CORPORATION
    volumes = application_volume_list(organisation=body, start=start, end=end, accepted=accepted)
    services = Service.objects.in_bulk({v.service_id for v in volumes})
    by_service: dict[int, dict[str, Any]] = {}
    for v in volumes:
        service = services[v.service_id]
        row = by_service.setdefault(
            v.service_id,
            {"code": service.code, "name_kk": service.name_kk, "name_ru": service.name_ru, "channels": {}},
        )
        row["channels"][v.channel] = v.applications
    for row in by_service.values():
        row["total"] = sum(row["channels"].values())
    subtree = organisation_subtree(organisation=body)
    codes = set(subtree.values_list("code", flat=True))
    complaints = [
        r
        for r in complaint_statistics_per_body(start=start, end=end, today=today)
        if r.provider_code in codes
    ]
    violations = term_violation_list(
        provider=None if accepted else body,
        accepted_by=body if accepted else None,
        due_from=start,
        due_to=end,
    )
    by_kind = dict(violations.order_by().values_list("kind").annotate(n=Count("pk")))
    assessments = Assessment.objects.filter(
        status=AssessmentStatus.SIGNED, year=year, body__path__startswith=body.path
    ).select_related("service")
    return {
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "volumes": sorted(by_service.values(), key=lambda r: str(r["code"])),
        "applications_total": sum(v.applications for v in volumes),
        "indicators": [] if accepted else indicator_rows(start=start, end=end, today=today, scope=subtree),
        "complaints": {
            "total": sum(r.total for r in complaints),
            "answered": sum(r.answered for r in complaints),
            "satisfied": sum(r.satisfied + r.partly_satisfied for r in complaints),
            "review_term_breaches": sum(r.breaches for r in complaints),
            "extended": sum(r.extended for r in complaints),
        },
        "term_violations": {
            "delivery": by_kind.get(TermViolationKind.DELIVERY, 0),
            "handover": by_kind.get(TermViolationKind.HANDOVER, 0),
        },
        "assessments": [
            {"number": a.number, "service": a.service.code, "form": a.form, "rating": a.rating}
            for a in assessments.order_by("service__code", "form")
        ],
        "monitoring_conclusions": monitoring_conclusions(body=body, year=year),
    }


def report_list_published(
    *, year: int | None = None, body: Organisation | None = None
) -> QuerySet[YearlyReport]:
    """Law 23.5: the published yearly reports (public), newest year first."""
    qs = YearlyReport.objects.filter(status=ReportStatus.PUBLISHED).select_related("body")
    if year is not None:
        qs = qs.filter(year=year)
    if body is not None:
        qs = qs.filter(body=body)
    return qs.order_by("-year", "body__path")


def report_get(*, body_code: str, year: int) -> YearlyReport | None:
    return YearlyReport.objects.select_related("body").filter(body__code=body_code, year=year).first()


def access_report(*, user: User, report: YearlyReport) -> YearlyReport:
    """A published report is public; a draft only for the body's own staff and the quality
    authority's inspectors."""
    if report.status == ReportStatus.PUBLISHED:
        return report
    if user.is_authenticated and (
        prepares_report_of(user=user, body=report.body) or quality_authority_of(user=user) is not None
    ):
        return report
    raise AccessDenied()


def report_list_for(*, user: User) -> QuerySet[YearlyReport]:
    """The reports the user works on: the body's staff their bodies' (drafts too); the quality
    authority's inspectors every report."""
    qs = YearlyReport.objects.select_related("body")
    if quality_authority_of(user=user) is not None:
        return qs.order_by("-year", "body__path")
    bodies = reporting_bodies_of(user=user)
    if not bodies:
        raise AccessDenied()
    return qs.filter(body__in=bodies).order_by("-year", "body__path")


# --- hearings (Law 23.6) -----------------------------------------------------------------------


def hearing_list(*, report: YearlyReport) -> QuerySet[Hearing]:
    return report.hearings.order_by("held_at", "id")


def hearing_get(*, pk: int) -> Hearing | None:
    return Hearing.objects.select_related("report__body", "body").filter(pk=pk).first()


def comments_open(*, hearing: Hearing, now: dt.datetime | None = None) -> bool:
    """Comments are collected from the announcement until the hearing begins."""
    now = now or timezone.now()
    return hearing.status == HearingStatus.ANNOUNCED and now < hearing.held_at


def published_comments(*, hearing: Hearing) -> QuerySet[HearingComment]:
    return hearing.comments.filter(status=CommentStatus.PUBLISHED).order_by("submitted_at", "id")


def pending_comments(*, hearing: Hearing) -> QuerySet[HearingComment]:
    return hearing.comments.filter(status=CommentStatus.PENDING).order_by("submitted_at", "id")


def rejected_counts(*, hearing: Hearing) -> dict[str, int]:
    """How many comments were not published, by the rule's reason (shown to the public)."""
    rows = (
        hearing.comments.filter(status=CommentStatus.REJECTED)
        .values_list("rejection")
        .annotate(n=Count("pk"))
    )
    return {str(reason): int(n) for reason, n in rows}


def hearing_held_q(year: int) -> Q:
    return Q(status=HearingStatus.HELD, held_at__year=year)


def bodies_without_hearing(*, year: int) -> QuerySet[Organisation]:
    """Law 23.6: the active reporting bodies that held no public hearing in ``year``."""
    held = Hearing.objects.filter(hearing_held_q(year)).values("body_id")
    return (
        Organisation.objects.filter(kind__in=REPORTING_KINDS, is_active=True)
        .exclude(pk__in=held)
        .order_by("path")
    )


def hearing_missing_list(*, user: User) -> QuerySet[HearingMissingFlag]:
    """Law 23.6: the flags, for the quality authority's inspectors only."""
    if quality_authority_of(user=user) is None:
        raise AccessDenied()
    return HearingMissingFlag.objects.select_related("body").order_by("-year", "body__path")
