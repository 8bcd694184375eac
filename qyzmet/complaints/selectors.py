"""Reads of complaints (Law 25) and the permission-checked ``access_*`` reads.

Who sees what:
- a quality inspector (quality assessment and control authority, Law 7) sees every complaint
  of every body, read-only unless the complaint is addressed to the authority;
- provider staff (officers, heads, State Corporation operators) see the complaints addressed to
  the bodies they act for (a head: their subtree);
- a recipient sees their own complaints (filed by them or registered under their IIN).

Clean period selectors for the quality indicators (STD 19-20, indicator 4.1) and the contact
centre's monthly report (UCC 18) are at the end; see docs/complaints-model.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from qyzmet.complaints.enums import (
    ComplaintAddressee,
    ComplaintStatus,
    ComplaintSubject,
)
from qyzmet.complaints.models import Complaint, ComplaintExtension, Recommendation
from qyzmet.core import followup
from qyzmet.core.errors import AccessDenied
from qyzmet.core.listing import Period, SortFields, sort_order
from qyzmet.core.models import User
from qyzmet.orgs.enums import LOCAL_BODY_KINDS, PROVIDER_KINDS, OrganisationKind, StaffRole
from qyzmet.orgs.models import Organisation, StaffPosition
from qyzmet.orgs.selectors import can_act_for, has_role, organisation_tree, organisations_visible_to

# Staff of the body that delivered the service and reviews complaints addressed to it.
REVIEWER_ROLES: tuple[str, ...] = (
    StaffRole.PROVIDER_OFFICER,
    StaffRole.PROVIDER_HEAD,
    StaffRole.STATE_CORPORATION_OPERATOR,
)
INSPECTOR_ROLES: tuple[str, ...] = (StaffRole.QUALITY_INSPECTOR,)
# Bodies a complaint may be about: providers (Law 1.4) and the State Corporation with branches.
COMPLAINED_ABOUT_KINDS: frozenset[str] = frozenset(
    {*PROVIDER_KINDS, OrganisationKind.STATE_CORPORATION, OrganisationKind.STATE_CORPORATION_BRANCH}
)


# Law 25.4 (and 25.3.2): the bodies whose review term may be extended, and to which the quality
# authority sends recommendations: central state bodies, local executive bodies and akims. The
# State Corporation, foreign institutions and other providers are not named there.
EXTENDABLE_BODY_KINDS: frozenset[str] = frozenset({OrganisationKind.CENTRAL_STATE_BODY, *LOCAL_BODY_KINDS})


def complained_about_list() -> QuerySet[Organisation]:
    """Law 25.2: the active bodies a complaint may concern, in tree order."""
    return organisation_tree().filter(kind__in=COMPLAINED_ABOUT_KINDS)


def _base() -> QuerySet[Complaint]:
    return Complaint.objects.select_related("provider", "reviewing_body", "extension")


def is_inspector(*, user: User) -> bool:
    return bool(user.is_authenticated) and has_role(user=user, roles=INSPECTOR_ROLES)


def is_reviewer(*, user: User) -> bool:
    return bool(user.is_authenticated) and has_role(user=user, roles=REVIEWER_ROLES)


def _own_q(user: User) -> Q:
    q = Q(complainant=user)
    if user.iin:
        q |= Q(complainant_iin=user.iin)
    return q


def complaint_list_for(*, user: User) -> QuerySet[Complaint]:
    """Every complaint the user may see, ordered by due date (open ones first)."""
    if not user.is_authenticated or not user.pk:
        return Complaint.objects.none()
    if is_inspector(user=user):
        return _base().all()
    query = Q(pk__in=[])
    if is_reviewer(user=user):
        query |= Q(reviewing_body__in=organisations_visible_to(user=user, roles=REVIEWER_ROLES))
    return _base().filter(query)


def _reviewer_covers() -> Q:
    """Some active reviewer position covers the complaint's reviewing body: a position at the
    body itself, or a provider head's position at a body above it (a head sees the subtree)."""
    active = StaffPosition.objects.filter(is_active=True, user__is_active=True, organisation__is_active=True)
    own = active.filter(role__in=REVIEWER_ROLES, organisation=OuterRef("reviewing_body"))
    above = (
        active.filter(role=StaffRole.PROVIDER_HEAD)
        .annotate(body_path=ExpressionWrapper(OuterRef("reviewing_body__path"), output_field=CharField()))
        .filter(body_path__startswith=F("organisation__path"))
    )
    return Q(Exists(own)) | Q(Exists(above))


def complaint_list_unattended() -> QuerySet[Complaint]:
    """Complaints addressed to a body that no active reviewer covers (no officer, head or
    operator in the system). They are shown in the quality inspectors' workspace, flagged, so
    that no registered complaint stays in nobody's queue (issue 13.10)."""
    return _base().filter(addressee=ComplaintAddressee.PROVIDER).exclude(_reviewer_covers())


def complaint_list_to_review(*, user: User) -> QuerySet[Complaint]:
    """The reviewer's workspace: complaints the user may act on, by due date. Quality
    inspectors also see, read-only and flagged ``unattended``, the complaints addressed to a
    body nobody reviews for (``complaint_list_unattended``)."""
    if not user.is_authenticated or not user.pk:
        return Complaint.objects.none()
    query = Q(pk__in=[])
    if is_reviewer(user=user):
        query |= Q(
            addressee=ComplaintAddressee.PROVIDER,
            reviewing_body__in=organisations_visible_to(user=user, roles=REVIEWER_ROLES),
        )
    if is_inspector(user=user):
        query |= Q(addressee=ComplaintAddressee.QUALITY_AUTHORITY)
        query |= Q(addressee=ComplaintAddressee.PROVIDER) & ~_reviewer_covers()
    answered_last = Case(When(status=ComplaintStatus.ANSWERED, then=Value(1)), default=Value(0))
    qs = _base().filter(query)
    if is_inspector(user=user):
        qs = qs.annotate(
            unattended=ExpressionWrapper(
                Q(addressee=ComplaintAddressee.PROVIDER) & ~_reviewer_covers(), output_field=BooleanField()
            )
        )
    return qs.order_by(answered_last, "due_on", "number")


# The staff complaint lists' sortable columns (``?sort=key`` or ``-key``).
COMPLAINT_SORTS: SortFields = {
    "number": ("number",),
    "registered_on": ("registered_on", "number"),
    "due_on": ("due_on", "number"),
    "subject": ("subject", "due_on", "number"),
    "status": ("status", "due_on", "number"),
}
WORKSPACE_DEFAULT_SORT = "due_on"
REGISTER_DEFAULT_SORT = "-registered_on"


def _narrowed_complaints(
    qs: QuerySet[Complaint],
    *,
    period: Period | None,
    body: Organisation | None,
    status: str,
    subject: str,
) -> QuerySet[Complaint]:
    if period is not None:
        qs = qs.filter(period.q("registered_on"))
    if body is not None:
        qs = qs.filter(provider__path__startswith=body.path)
    if status:
        qs = qs.filter(status=status)
    if subject:
        qs = qs.filter(subject=subject)
    return qs


def complaint_workspace(
    *,
    user: User,
    period: Period | None = None,
    body: Organisation | None = None,
    status: str = "",
    subject: str = "",
    sort: str = "",
) -> QuerySet[Complaint]:
    """The reviewer's workspace (``complaint_list_to_review``) narrowed to complaints registered
    in ``period`` (both days included, ``qyzmet.core.listing``), about ``body`` (and the bodies
    under it), of a status or subject; answered ones last, then by ``sort`` (one of
    ``COMPLAINT_SORTS``, another raises ``UnknownSort``)."""
    _key, order = sort_order(sort, fields=COMPLAINT_SORTS, default=WORKSPACE_DEFAULT_SORT)
    answered_last = Case(When(status=ComplaintStatus.ANSWERED, then=Value(1)), default=Value(0))
    qs = _narrowed_complaints(
        complaint_list_to_review(user=user), period=period, body=body, status=status, subject=subject
    )
    return qs.order_by(answered_last, *order)


def complaint_register_for(
    *,
    user: User,
    period: Period | None = None,
    body: Organisation | None = None,
    status: str = "",
    subject: str = "",
    sort: str = "",
) -> QuerySet[Complaint]:
    """Every complaint the user may see (``complaint_list_for``), narrowed like the workspace,
    newest first unless ``sort`` says otherwise."""
    _key, order = sort_order(sort, fields=COMPLAINT_SORTS, default=REGISTER_DEFAULT_SORT)
    qs = _narrowed_complaints(
        complaint_list_for(user=user), period=period, body=body, status=status, subject=subject
    )
    return qs.order_by(*order)


def complaint_body_choices(*, user: User) -> QuerySet[Organisation]:
    """The bodies the user's complaint lists can be narrowed to: those complained about."""
    ids = complaint_list_for(user=user).values("provider_id")
    return Organisation.objects.filter(pk__in=ids).order_by("name_ru", "pk")


def complaint_list_own(*, user: User) -> QuerySet[Complaint]:
    """A recipient's own complaints (cabinet), newest first."""
    if not user.is_authenticated or not user.pk:
        return Complaint.objects.none()
    return _base().filter(_own_q(user)).order_by("-registered_on", "-id")


# --- API clients (scope ``complaints:read``, issue 19) ----------------------------------------

CLIENT_READ_SCOPE = "complaints:read"


def _client_reads(*, organisation: Organisation, user: User, scopes: Sequence[str]) -> Q | None:
    """What a client with ``complaints:read`` reads: the complaints about its organisation (the
    provider) or addressed to it (the reviewing body), its subordinate bodies included, and the
    complaints it filed itself (its technical user is the complainant). None without the scope."""
    if CLIENT_READ_SCOPE not in scopes:
        return None
    return (
        Q(provider__path__startswith=organisation.path)
        | Q(reviewing_body__path__startswith=organisation.path)
        | Q(complainant=user)
    )


def complaint_list_for_client(
    *, organisation: Organisation, user: User, scopes: Sequence[str]
) -> QuerySet[Complaint]:
    """The complaints an API client may read (``_client_reads``), by due date."""
    q = _client_reads(organisation=organisation, user=user, scopes=scopes)
    if q is None:
        return Complaint.objects.none()
    return _base().filter(q).order_by("due_on", "id")


def access_complaint_by_client(
    *, organisation: Organisation, user: User, scopes: Sequence[str], complaint: Complaint
) -> Complaint:
    """The complaint for an API client reading it, or :class:`AccessDenied`."""
    q = _client_reads(organisation=organisation, user=user, scopes=scopes)
    if q is None or not Complaint.objects.filter(q, pk=complaint.pk).exists():
        raise AccessDenied()
    return complaint


def can_act_on(*, user: User, complaint: Complaint) -> bool:
    """May the user review (extend, answer) the complaint? Its reviewing body's staff only."""
    if not user.is_authenticated:
        return False
    if complaint.addressee == ComplaintAddressee.QUALITY_AUTHORITY:
        return is_inspector(user=user)
    return can_act_for(user=user, organisation=complaint.reviewing_body, roles=REVIEWER_ROLES)


def can_see(*, user: User, complaint: Complaint) -> bool:
    if not user.is_authenticated:
        return False
    if complaint.complainant_id == user.pk or (user.iin and complaint.complainant_iin == user.iin):
        return True
    if is_inspector(user=user):
        return True
    return can_act_for(user=user, organisation=complaint.reviewing_body, roles=REVIEWER_ROLES)


def access_complaint(*, user: User, complaint: Complaint, act: bool = False) -> Complaint:
    """The complaint, or :class:`AccessDenied`. ``act=True`` asks for the right to review it."""
    allowed = can_act_on(user=user, complaint=complaint) if act else can_see(user=user, complaint=complaint)
    if not allowed:
        raise AccessDenied()
    return complaint


def can_recommend(*, complaint: Complaint) -> bool:
    """Law 25.3.2: the quality authority sends recommendations on a complaint addressed to it,
    and only to a central state body, a local executive body or an akim; not to the State
    Corporation or another provider (their reasons are studied, Law 25.3.1, but not recommended)."""
    return (
        complaint.addressee == ComplaintAddressee.QUALITY_AUTHORITY
        and complaint.provider.kind in EXTENDABLE_BODY_KINDS
    )


def can_extend(*, complaint: Complaint) -> bool:
    """Law 25.4: only the bodies the article names may extend the review term (ADR 0005)."""
    return (
        complaint.addressee == ComplaintAddressee.QUALITY_AUTHORITY
        or complaint.reviewing_body.kind in EXTENDABLE_BODY_KINDS
    )


# --- Applications (delivery), by public number ------------------------------------------------


def application_lookup(number: str) -> Any | None:
    """The application with this public number through ``qyzmet.delivery.selectors``, if that
    module offers a lookup. Returns ``None`` when the number is unknown, and ``...`` (Ellipsis)
    when delivery cannot be asked (module or lookup missing): the number is then kept as given."""
    try:
        from qyzmet.delivery import selectors as delivery_selectors
    except ImportError:
        return ...
    for name in ("application_get", "application_find_by_number", "application_get_by_number"):
        lookup = getattr(delivery_selectors, name, None)
        if lookup is None:
            continue
        try:
            return lookup(number=number)
        except Exception:
            return None
    return ...


def may_complain_about(*, user: User, application: Any) -> bool:
    """A recipient complains about their own application (delivery's ``access_application``)."""
    try:
        from qyzmet.delivery.selectors import access_application
    except ImportError:
        return True
    try:
        access_application(user=user, application=application)
    except AccessDenied:
        return False
    return True


def application_provider_for(*, user: User, number: str) -> Organisation | None:
    """The body that delivers the user's own application with this number (the default
    addressee of a complaint about it), or ``None`` for an unknown or another person's number."""
    number = number.strip()
    if not number:
        return None
    application = application_lookup(number)
    if (
        application is None
        or application is ...
        or not may_complain_about(user=user, application=application)
    ):
        return None
    provider = getattr(application, "provider", None)
    return provider if isinstance(provider, Organisation) else None


def complaint_get_by_number(*, number: str) -> Complaint | None:
    return _base().filter(number=number).first()


def complaint_filed_with_key(*, user: User, idempotency_key: str) -> Complaint | None:
    """Issue 20.4: the complaint ``user`` filed (or registered) with a form's key, if any."""
    if not user.pk or not idempotency_key:
        return None
    return Complaint.objects.filter(registered_by=user, idempotency_key=idempotency_key).first()


def can_register_paper_for(*, user: User) -> QuerySet[Organisation]:
    """The bodies for which the user may register a paper complaint (the reviewing bodies)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    query = Q(pk__in=organisations_visible_to(user=user, roles=REVIEWER_ROLES).values("pk"))
    if is_inspector(user=user):
        query |= Q(is_quality_authority=True)
    return organisation_tree().filter(query)


def extension_list_notice_pending() -> QuerySet[ComplaintExtension]:
    """Law 25.4: extensions whose notice to the complainant has not been sent yet."""
    return ComplaintExtension.objects.filter(notice_sent_on__isnull=True).select_related("complaint")


def recommendation_list_for(*, user: User, today: dt.date | None = None) -> QuerySet[Recommendation]:
    """Law 25.3.2: inspectors see every recommendation; a body's staff the ones sent to it;
    each with ``late`` (pending after its due date, Law 25.3.3)."""
    qs = followup.with_late_flag(
        Recommendation.objects.select_related("complaint", "organisation"),
        today=today or timezone.localdate(),
    )
    if is_inspector(user=user):
        return qs.all()
    if is_reviewer(user=user):
        return qs.filter(organisation__in=organisations_visible_to(user=user, roles=REVIEWER_ROLES))
    return qs.none()


# --- Period selectors for quality indicators (STD 19-20, appendix 4.1) and UCC 18 ---------------


def complaint_list_for_period(
    *,
    start: dt.date,
    end: dt.date,
    provider: Organisation | None = None,
    provider_kinds: Iterable[str] | None = None,
    subjects: Iterable[str] | None = None,
    addressee: str | None = None,
    channel: str | None = None,
    service_code: str | None = None,
) -> QuerySet[Complaint]:
    """Complaints registered from ``start`` to ``end`` inclusive, optionally of one provider
    (and its subtree: pass the organisation), provider kinds, subjects, addressee, channel
    (``electronic``: filed through the portal, UCC 18) or service (its register code)."""
    qs = _base().filter(registered_on__gte=start, registered_on__lte=end)
    if service_code is not None:
        qs = qs.filter(service_code=service_code)
    if provider is not None:
        qs = qs.filter(provider__path__startswith=provider.path)
    if provider_kinds is not None:
        qs = qs.filter(provider__kind__in=[str(k) for k in provider_kinds])
    if subjects is not None:
        qs = qs.filter(subject__in=[str(s) for s in subjects])
    if addressee is not None:
        qs = qs.filter(addressee=addressee)
    if channel is not None:
        qs = qs.filter(channel=channel)
    return qs.order_by("registered_on", "number")


def complaint_list_standard_noncompliance(
    *, start: dt.date, end: dt.date, channel: str | None = None
) -> QuerySet[Complaint]:
    """UCC 18: complaints on non-compliance with the service standard."""
    return complaint_list_for_period(
        start=start, end=end, subjects=[ComplaintSubject.STANDARD_NONCOMPLIANCE], channel=channel
    )


def complaint_list_staff_actions(
    *, start: dt.date, end: dt.date, channel: str | None = None
) -> QuerySet[Complaint]:
    """UCC 18: complaints on actions or inaction of officers."""
    return complaint_list_for_period(
        start=start, end=end, subjects=[ComplaintSubject.OFFICER_ACTION], channel=channel
    )


def complaint_list_review_breaches(
    *,
    start: dt.date,
    end: dt.date,
    today: dt.date | None = None,
    provider: Organisation | None = None,
    service_code: str | None = None,
) -> QuerySet[Complaint]:
    """UCC 18: complaints of the period whose review term was breached: answered after the due
    date, or still open after it (whether or not the sweep has flagged them yet); optionally
    about one provider (and its subtree) and one service (Law 28 assessment)."""
    today = today or timezone.localdate()
    return complaint_list_for_period(
        start=start, end=end, provider=provider, service_code=service_code
    ).filter(
        Q(review_term_breached=True)
        | Q(answered_on__gt=F("due_on"))
        | Q(answered_on__isnull=True, due_on__lt=today)
    )


def complaint_answered_list(*, start: dt.date, end: dt.date) -> QuerySet[Complaint]:
    """Complaints answered from ``start`` to ``end`` (for satisfaction surveys, indicator 4.1)."""
    return (
        _base()
        .filter(status=ComplaintStatus.ANSWERED, answered_on__gte=start, answered_on__lte=end)
        .order_by("answered_on", "number")
    )


@dataclass(frozen=True)
class BodyStatistics:
    provider_id: int
    provider_code: str
    provider_name_kk: str
    provider_name_ru: str
    provider_kind: str
    total: int
    open: int
    answered: int
    satisfied: int
    partly_satisfied: int
    rejected: int
    extended: int
    breaches: int
    standard_noncompliance: int
    staff_actions: int

    def name(self, lang: str) -> str:
        return self.provider_name_ru if lang == "ru" else self.provider_name_kk


def _breach_q(today: dt.date) -> Q:
    return (
        Q(review_term_breached=True)
        | Q(answered_on__gt=F("due_on"))
        | Q(answered_on__isnull=True, due_on__lt=today)
    )


def complaint_statistics_per_body(
    *, start: dt.date, end: dt.date, today: dt.date | None = None, channel: str | None = None
) -> list[BodyStatistics]:
    """One row per body complained about, in one query (UCC 18; inspectors' read-only view).
    ``breaches`` here are of the complaints *about* the body, whoever reviewed them; UCC 18
    counts a breach against the body that reviewed late: :func:`complaint_review_per_reviewing_body`."""
    today = today or timezone.localdate()
    breach = _breach_q(today)
    rows: Iterable[dict[str, Any]] = (
        complaint_list_for_period(start=start, end=end, channel=channel)
        .order_by()
        .values("provider_id", "provider__code", "provider__name_kk", "provider__name_ru", "provider__kind")
        .annotate(
            total=Count("id"),
            open=Count("id", filter=~Q(status=ComplaintStatus.ANSWERED)),
            answered=Count("id", filter=Q(status=ComplaintStatus.ANSWERED)),
            satisfied=Count("id", filter=Q(outcome="satisfied")),
            partly_satisfied=Count("id", filter=Q(outcome="partly_satisfied")),
            rejected=Count("id", filter=Q(outcome="rejected")),
            extended=Count("extension"),
            breaches=Count("id", filter=breach),
            standard_noncompliance=Count("id", filter=Q(subject=ComplaintSubject.STANDARD_NONCOMPLIANCE)),
            staff_actions=Count("id", filter=Q(subject=ComplaintSubject.OFFICER_ACTION)),
        )
        .order_by("provider__path")
    )
    return [
        BodyStatistics(
            provider_id=r["provider_id"],
            provider_code=r["provider__code"],
            provider_name_kk=r["provider__name_kk"],
            provider_name_ru=r["provider__name_ru"],
            provider_kind=r["provider__kind"],
            total=r["total"],
            open=r["open"],
            answered=r["answered"],
            satisfied=r["satisfied"],
            partly_satisfied=r["partly_satisfied"],
            rejected=r["rejected"],
            extended=r["extended"],
            breaches=r["breaches"],
            standard_noncompliance=r["standard_noncompliance"],
            staff_actions=r["staff_actions"],
        )
        for r in rows
    ]


@dataclass(frozen=True)
class ReviewingBodyStatistics:
    """UCC 18: the complaints one body reviewed and how many it reviewed past the term."""

    body_code: str
    body_name_kk: str
    body_name_ru: str
    body_kind: str
    reviewed: int
    breaches: int


def complaint_review_per_reviewing_body(
    *, start: dt.date, end: dt.date, today: dt.date | None = None, channel: str | None = None
) -> list[ReviewingBodyStatistics]:
    """UCC 18: per *reviewing* body (the provider itself or the quality authority, Law 25.2),
    the complaints of the period it reviews and the breaches of their review term, one query."""
    today = today or timezone.localdate()
    rows: Iterable[dict[str, Any]] = (
        complaint_list_for_period(start=start, end=end, channel=channel)
        .order_by()
        .values(
            "reviewing_body__code",
            "reviewing_body__name_kk",
            "reviewing_body__name_ru",
            "reviewing_body__kind",
        )
        .annotate(reviewed=Count("id"), breaches=Count("id", filter=_breach_q(today)))
        .order_by("reviewing_body__path")
    )
    return [
        ReviewingBodyStatistics(
            body_code=r["reviewing_body__code"],
            body_name_kk=r["reviewing_body__name_kk"],
            body_name_ru=r["reviewing_body__name_ru"],
            body_kind=r["reviewing_body__kind"],
            reviewed=r["reviewed"],
            breaches=r["breaches"],
        )
        for r in rows
    ]


def recommendation_list_overdue(*, today: dt.date | None = None) -> QuerySet[Recommendation]:
    """Law 25.3.3: pending recommendations past their due date."""
    today = today or timezone.localdate()
    return followup.overdue(Recommendation.objects.all(), today=today).select_related(
        "complaint", "organisation"
    )


def complaint_retention_due(
    *, cutoff: dt.datetime, exclude: QuerySet[Any], only: Sequence[int] | None, limit: int, **_: Any
) -> list[tuple[int, str]]:
    """ADR 0062: complaints answered before ``cutoff``'s day, less ``exclude``; (pk, number),
    oldest first."""
    day = timezone.localdate(cutoff)
    qs = Complaint.objects.filter(status=ComplaintStatus.ANSWERED, answered_on__lt=day).exclude(
        pk__in=exclude
    )
    if only is not None:
        qs = qs.filter(pk__in=list(only))
    return list(qs.order_by("answered_on", "pk").values_list("pk", "number")[:limit])
