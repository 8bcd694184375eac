"""Reads of the register (Law 12-15). Public data: no ``access_*`` checks needed except for
staff pages, which use ``orgs.selectors.has_role``."""

from __future__ import annotations

import copy
import datetime as dt
import time
from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import translation

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.listing import Period, SortFields, sort_order
from qyzmet.orgs.enums import PROVIDER_KINDS, OrganisationKind, StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import (
    can_act_for,
    has_role,
    organisation_choices,
    organisations_acted_for,
    organisations_visible_to,
    position_list,
)
from qyzmet.registry.enums import (
    ELECTRONIC_INFORMATION_SOURCES,
    Channel,
    DiscussionStatus,
    VersionStatus,
)
from qyzmet.registry.errors import RegistryErrorCode
from qyzmet.registry.field_names import field_label
from qyzmet.registry.models import (
    ComplaintAddress,
    ContactCentreUpdateTask,
    Discussion,
    DiscussionComment,
    InformationSource,
    LifeSituation,
    MciValue,
    Service,
    ServiceProvider,
    Sphere,
    StandardVersion,
)
from qyzmet.workcalendar.calendar import add_calendar_days, add_working_days
from qyzmet.workcalendar.schedule import DEFAULT_SCHEDULE, WorkingSchedule, schedule_from_json

VERSION_PREFETCH: tuple[str | Prefetch[Any], ...] = (
    "channel_terms",
    "required_documents",
    "other_refusal_grounds",
    "process_steps",
    "form_fields",
    "other_terms",
    "information_source_entries",
    Prefetch(
        "complaint_address_entries",
        queryset=ComplaintAddress.objects.select_related("body"),
    ),
)


def service_provider_list(*, service: Service) -> QuerySet[Organisation]:
    """Law 1.4: the organisations that deliver ``service`` (its providers of record), by path."""
    return Organisation.objects.filter(delivered_services__service=service, is_active=True).order_by(
        "region", "path"
    )


def provider_candidate_list(*, service: Service) -> QuerySet[Organisation]:
    """Law 1.4: the active organisations that may be recorded as delivering ``service``: providers
    of the kinds the register allows for it (any provider kind when it names none)."""
    kinds = set(service.provider_kinds or []) or set(PROVIDER_KINDS)
    return Organisation.objects.filter(is_active=True, kind__in=kinds & set(PROVIDER_KINDS)).order_by(
        "region", "path"
    )


def service_is_delivered_by(*, service: Service, organisation: Organisation) -> bool:
    """Law 1.4: whether ``organisation`` is one of the providers of record of ``service``."""
    return ServiceProvider.objects.filter(service=service, organisation=organisation).exists()


def services_delivered_by(*, organisation: Organisation) -> QuerySet[Service]:
    """Law 1.4: the services of the register that ``organisation`` delivers."""
    return Service.objects.filter(deliverers__organisation=organisation).order_by("code")


def service_get(*, code: str, with_relations: bool = True) -> Service:
    """The service with this 8-digit register code, or an ApplicationError (kk/ru/en).
    ``with_relations``: its sphere, life situation and responsible body read in the same query,
    for pages that show them; acceptance shows none of them and leaves them out (issue 20.2: a
    wide join compiled on every submission)."""
    # ``get`` on the unique code: ``first()`` would order by the model's ordering, a cost paid
    # on every acceptance for one row at most (issue 20.2).
    related = ("sphere", "life_situation", "responsible_body") if with_relations else ()
    try:
        return Service.objects.select_related(*related).get(code=code)
    except Service.DoesNotExist:
        raise ApplicationError(
            RegistryErrorCode.SERVICE_NOT_FOUND,
            {
                "kk": f"{code} кодты мемлекеттік қызмет тізілімде жоқ.",
                "ru": f"Государственной услуги с кодом {code} нет в реестре.",
                "en": f"There is no public service with code {code} in the register.",
            },
        ) from None


def service_list(
    *,
    sphere: str | None = None,
    life_situation: str | None = None,
    responsible_body: str | None = None,
    active_only: bool = True,
    codes: Iterable[str] | None = None,
) -> QuerySet[Service]:
    """Services of the register, grouped by sphere then life situation (Law 12). Filters take
    codes (sphere code, life situation code, organisation code)."""
    qs = Service.objects.select_related("sphere", "life_situation", "responsible_body")
    if active_only:
        qs = qs.filter(is_active=True)
    if sphere:
        qs = qs.filter(sphere__code=sphere)
    if life_situation:
        qs = qs.filter(life_situation__code=life_situation)
    if responsible_body:
        qs = qs.filter(responsible_body__code=responsible_body)
    if codes is not None:
        qs = qs.filter(code__in=list(codes))
    return qs.order_by("sphere__order", "sphere__code", "life_situation__order", "code")


def _in_force_q(on: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}status": VersionStatus.APPROVED, f"{prefix}effective_from__lte": on}) & (
        Q(**{f"{prefix}effective_to__isnull": True}) | Q(**{f"{prefix}effective_to__gte": on})
    )


def versions_in_force_queryset(*, on: dt.date) -> QuerySet[StandardVersion]:
    """Approved versions in force on ``on``, with their child rows prefetched."""
    return (
        StandardVersion.objects.filter(_in_force_q(on))
        .select_related("service", "higher_instance", "drafting_body")
        .prefetch_related(*VERSION_PREFETCH)
    )


# An approved version is frozen (standard_version_update accepts drafts only); the one field
# that still changes, ``effective_to`` when a successor comes into force, bumps ``updated_at``.
# So a version graph loaded once is reused while (pk, updated_at) match: one indexed query per
# acceptance instead of seven (ADR 0007). Organisation names hanging off it (higher instance,
# drafting body) may lag by at most VERSION_CACHE_TTL.
VERSION_CACHE_TTL = dt.timedelta(minutes=5)
VERSION_CACHE_MAX = 4096
_version_cache: dict[int, tuple[dt.datetime, float, StandardVersion]] = {}


def version_cache_clear() -> None:
    """Forget every cached version graph (tests; after editing approved rows in the admin)."""
    _version_cache.clear()


def _cached_version(pk: int, updated_at: dt.datetime) -> StandardVersion:
    now = time.monotonic()
    hit = _version_cache.get(pk)
    if hit is not None and hit[0] == updated_at and now - hit[1] < VERSION_CACHE_TTL.total_seconds():
        return copy.copy(hit[2])
    version = (
        StandardVersion.objects.select_related("service", "higher_instance", "drafting_body")
        .prefetch_related(*VERSION_PREFETCH)
        .get(pk=pk)
    )
    if len(_version_cache) >= VERSION_CACHE_MAX:
        _version_cache.clear()
    _version_cache[pk] = (version.updated_at, now, version)
    return copy.copy(version)


def standard_in_force(*, service: Service, on: dt.date) -> StandardVersion:
    """The one approved version of ``service`` in force on ``on`` (Law 14). Channels, terms,
    documents, refusal grounds, steps and form fields are prefetched. Raises ApplicationError
    ``registry.no_standard_in_force`` when there is none."""
    row = (
        StandardVersion.objects.filter(_in_force_q(on), service=service)
        .order_by("-effective_from")
        .values_list("pk", "updated_at")
        .first()
    )
    version = _cached_version(row[0], row[1]) if row is not None else None
    if version is not None:
        version.service = service
    if version is None:
        raise ApplicationError(
            RegistryErrorCode.NO_STANDARD_IN_FORCE,
            {
                "kk": f"«{service.name_kk}» ({service.code}) қызметінің {on:%d.%m.%Y} күні қолданыстағы "
                "бекітілген стандарты жоқ.",
                "ru": f"У услуги «{service.name_ru}» ({service.code}) нет утверждённого стандарта, "
                f"действующего на {on:%d.%m.%Y}.",
                "en": f"Service {service.code} has no approved standard in force on {on:%Y-%m-%d}.",
            },
        )
    return version


def electronic_information_service_ids(*, service_ids: Iterable[int], on: dt.date) -> set[int]:
    """STD 4, issue 15 item 3: the services among ``service_ids`` whose standard version in force
    on ``on`` names at least one electronic information source (the portal, the provider's
    internet resource, the contact centre). One query."""
    rows = InformationSource.objects.filter(
        _in_force_q(on, "version__"),
        version__service_id__in=list(service_ids),
        kind__in=ELECTRONIC_INFORMATION_SOURCES,
    ).values_list("version__service_id", flat=True)
    return set(rows.distinct())


def standard_versions(*, service: Service) -> QuerySet[StandardVersion]:
    """Every version of a service, oldest first."""
    return StandardVersion.objects.filter(service=service).select_related("service").order_by("number")


def standard_version_get(*, service: Service, number: int) -> StandardVersion:
    version = (
        StandardVersion.objects.filter(service=service, number=number)
        .select_related("service", "higher_instance", "drafting_body")
        .prefetch_related(*VERSION_PREFETCH)
        .first()
    )
    if version is None:
        raise ApplicationError(
            RegistryErrorCode.SERVICE_NOT_FOUND,
            {
                "kk": f"{service.code} қызметінің {number} нұсқасы жоқ.",
                "ru": f"Версии {number} стандарта услуги {service.code} нет.",
                "en": f"Service {service.code} has no version {number}.",
            },
        )
    return version


def sphere_list() -> QuerySet[Sphere]:
    return Sphere.objects.prefetch_related(
        Prefetch("life_situations", queryset=LifeSituation.objects.order_by("order", "code"))
    )


def mci_for_year(*, year: int) -> int:
    """The MCI in tenge for ``year``; the latest known year's value if not yet set."""
    row = (
        MciValue.objects.filter(year__lte=year).order_by("-year").first()
        or MciValue.objects.order_by("year").first()
    )
    return row.amount if row else 0


def discussion_list(*, open_only: bool = False) -> QuerySet[Discussion]:
    qs = Discussion.objects.select_related("version__service", "posted_by")
    if open_only:
        qs = qs.filter(status=DiscussionStatus.OPEN)
    return qs


def version_in_open_discussion(*, version: StandardVersion) -> bool:
    """Law 15: the draft is posted for public discussion and cannot be changed until the
    discussion is closed with its report."""
    return Discussion.objects.filter(version=version, status=DiscussionStatus.OPEN).exists()


def discussion_comments(*, discussion: Discussion) -> QuerySet[DiscussionComment]:
    return DiscussionComment.objects.filter(discussion=discussion).select_related("author", "decided_by")


def contact_centre_update_tasks(
    *, pending_only: bool = False, service: Service | None = None
) -> QuerySet[ContactCentreUpdateTask]:
    """Law 23.2 tasks: update the service information and send it to the UCC by ``due_on``."""
    qs = ContactCentreUpdateTask.objects.select_related("service", "version")
    if pending_only:
        qs = qs.filter(done_at__isnull=True)
    if service is not None:
        qs = qs.filter(service=service)
    return qs.order_by("done_at", "due_on", "id")


# Law 15: a comment may name one field of the standard (or the whole draft).
COMMENTABLE_RELATIONS: tuple[str, ...] = (
    "channel_terms",
    "required_documents",
    "other_refusal_grounds",
    "process_steps",
    "form_fields",
    "other_terms",
    "information_source_entries",
    "complaint_address_entries",
)


def commentable_field_names() -> list[str]:
    """Names a comment may refer to: version fields (kk/ru pairs as one) and child lists."""
    names: list[str] = []
    skip = {
        "id",
        "service",
        "number",
        "status",
        "created_at",
        "updated_at",
        "approved_on",
        "approved_by",
        "drafting_body",
    }
    for field in StandardVersion._meta.concrete_fields:
        name = field.name
        if name in skip:
            continue
        if name.endswith("_ru"):
            continue
        if name.endswith("_kk"):
            name = name[:-3]
        names.append(name)
    return names + list(COMMENTABLE_RELATIONS)


def commentable_field_choices() -> list[tuple[str, str]]:
    """(name, label) for the comment form: each part named in the active language after its
    STD point ("3-тармақ: құқықтық негіз")."""
    return [(name, field_label(name)) for name in commentable_field_names()]


# --- public catalogue -------------------------------------------------------------------------


def _search_filter(qs: QuerySet[Service], q: str) -> QuerySet[Service]:
    """The one search of the register (ADR 0024), ranked best first, on SQLite and PostgreSQL."""
    from qyzmet.registry.search import service_search

    hits = service_search(q=q, services=qs)
    if not hits:
        return qs.none()
    rank = Case(
        *[When(pk=hit.service_id, then=Value(position)) for position, hit in enumerate(hits)],
        output_field=IntegerField(),
    )
    return qs.filter(pk__in=[hit.service_id for hit in hits]).order_by(rank, "code")


def catalogue_search(
    *,
    on: dt.date,
    q: str = "",
    sphere: str = "",
    life_situation: str = "",
    channel: str = "",
    provider_kind: str = "",
    paid: str = "",
) -> QuerySet[Service]:
    """The public catalogue: services with a standard in force on ``on``, searched (kk/ru) and
    filtered by sphere, life situation, channel, provider kind, free/paid. Each service carries
    ``in_force`` (a one-element list: the version in force, with channel terms)."""
    in_force = StandardVersion.objects.filter(_in_force_q(on))
    qs = Service.objects.filter(is_active=True, pk__in=in_force.values("service_id")).select_related(
        "sphere", "life_situation", "responsible_body"
    )
    if sphere:
        qs = qs.filter(sphere__code=sphere)
    if life_situation:
        qs = qs.filter(life_situation__code=life_situation)
    if channel:
        qs = qs.filter(pk__in=in_force.filter(channel_terms__channel=channel).values("service_id"))
    if paid in {"free", "paid"}:
        qs = qs.filter(pk__in=in_force.filter(is_paid=(paid == "paid")).values("service_id"))
    if provider_kind:
        if connection.vendor == "postgresql":
            qs = qs.filter(provider_kinds__contains=[provider_kind])
        else:
            qs = qs.filter(provider_kinds__icontains=f'"{provider_kind}"')
    if q.strip():
        qs = _search_filter(qs, q.strip())
    else:
        qs = qs.order_by("sphere__order", "life_situation__order", "code")
    return qs.prefetch_related(
        Prefetch(
            "versions",
            queryset=StandardVersion.objects.filter(_in_force_q(on)).prefetch_related("channel_terms"),
            to_attr="in_force",
        )
    )


def catalogue_figures(*, on: dt.date) -> dict[str, int]:
    in_force = StandardVersion.objects.filter(_in_force_q(on))
    return {
        "services": Service.objects.filter(is_active=True, pk__in=in_force.values("service_id")).count(),
        "spheres": Sphere.objects.filter(services__isnull=False).distinct().count(),
        "electronic": Service.objects.filter(is_active=True, is_electronic_capable=True).count(),
        "open_discussions": Discussion.objects.filter(status=DiscussionStatus.OPEN).count(),
    }


def channel_due_examples(*, version: StandardVersion, start: dt.date) -> list[dict[str, object]]:
    """For the plain-language page: each channel with its term and the due date if the
    application were accepted on ``start`` (workcalendar; Civil Code art. 171 start rule;
    Law 20.1: with paper dispatch the day of acceptance does not count)."""
    rows: list[dict[str, object]] = []
    for term in version.channel_terms.all():
        count_start = term.count_start_day and not term.paper_dispatch
        due: dt.date | None
        if term.term_unit == "working_days":
            due = add_working_days(start, term.term_amount, count_start_day=count_start)
        elif term.term_unit == "calendar_days":
            due = add_calendar_days(start, term.term_amount, count_start_day=count_start)
        else:
            due = start
        rows.append({"term": term, "due": due})
    return rows


def access_registry_staff(*, user: object) -> None:
    """Staff pages of the register: registry and system administrators (who keep the register,
    Law 8), provider heads, and officers of central state bodies (who draft their services'
    standards, Law 13.1)."""
    if not getattr(user, "is_authenticated", False):
        raise AccessDenied()
    admins = [StaffRole.REGISTRY_ADMINISTRATOR, StaffRole.SYSTEM_ADMINISTRATOR, StaffRole.PROVIDER_HEAD]
    if has_role(user=user, roles=admins):  # type: ignore[arg-type]
        return
    officer_positions = position_list(user=user, roles=[StaffRole.PROVIDER_OFFICER])  # type: ignore[arg-type]
    if not officer_positions.filter(organisation__kind=OrganisationKind.CENTRAL_STATE_BODY).exists():
        raise AccessDenied()


DRAFTING_ROLES = (StaffRole.PROVIDER_HEAD, StaffRole.PROVIDER_OFFICER)
APPROVING_ROLES = (StaffRole.PROVIDER_HEAD,)
AGREEING_ROLES = (StaffRole.PROVIDER_HEAD, StaffRole.PROVIDER_OFFICER)


def drafting_body(*, version: StandardVersion) -> Organisation:
    """The central state body that develops the version's by-law (Law 13.1)."""
    return version.drafting_body or version.service.responsible_body


def may_draft_version(*, user: object, version: StandardVersion) -> bool:
    """Law 10.1, 13.1: staff (head, officers) of the developing central state body."""
    body = drafting_body(version=version)
    return (
        bool(getattr(user, "is_authenticated", False))
        and body.kind == OrganisationKind.CENTRAL_STATE_BODY
        and can_act_for(user=user, organisation=body, roles=DRAFTING_ROLES)  # type: ignore[arg-type]
    )


def may_approve_version(*, user: object, version: StandardVersion) -> bool:
    """Law 10.1, 13.1: the head of the developing central state body approves."""
    body = drafting_body(version=version)
    return (
        bool(getattr(user, "is_authenticated", False))
        and body.kind == OrganisationKind.CENTRAL_STATE_BODY
        and can_act_for(user=user, organisation=body, roles=APPROVING_ROLES)  # type: ignore[arg-type]
    )


def new_version_drafting_body(*, service: Service) -> Organisation:
    """The body a new draft of ``service`` is drafted by: its latest version's (a copy keeps
    it), or the responsible central body (reads the prefetched ``versions``)."""
    versions = list(service.versions.all())
    latest = max(versions, key=lambda v: v.number) if versions else None
    return (latest.drafting_body if latest is not None else None) or service.responsible_body


def services_user_may_draft(*, user: object, services: Iterable[Service]) -> set[int]:
    """Law 10.1, 13.1 (tester's finding 13): the pks of ``services`` whose new version ``user``
    may draft (staff of the developing central state body), so that only they offer it."""
    if not getattr(user, "is_authenticated", False):
        return set()
    bodies = {s.pk: new_version_drafting_body(service=s) for s in services}
    central = [b for b in bodies.values() if b.kind == OrganisationKind.CENTRAL_STATE_BODY]
    acted = organisations_acted_for(user=user, organisations=central, roles=DRAFTING_ROLES)  # type: ignore[arg-type]
    return {
        pk
        for pk, body in bodies.items()
        if body.pk in acted and body.kind == OrganisationKind.CENTRAL_STATE_BODY
    }


def agreement_body_choices(*, user: object, version: StandardVersion, language: str) -> list[tuple[str, str]]:
    """Law 15 (tester's finding 13): the interested bodies ``user`` may record the agreement of
    (staff of that body), the developing body left out; (code, name in ``language``)."""
    if not getattr(user, "is_authenticated", False):
        return []
    bodies = (
        organisations_visible_to(user=user, roles=AGREEING_ROLES)  # type: ignore[arg-type]
        .filter(is_active=True)
        .exclude(pk=drafting_body(version=version).pk)
    )
    return organisation_choices(language=language, queryset=bodies)


def is_registry_admin(*, user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and has_role(
        user=user,  # type: ignore[arg-type]
        roles=[StaffRole.REGISTRY_ADMINISTRATOR, StaffRole.SYSTEM_ADMINISTRATOR],
    )


STAFF_SERVICE_DEFAULT_SORT = "code"
DISCUSSION_SORTS: SortFields = {
    "service": ("version__service__code", "pk"),
    "posted_on": ("posted_on", "pk"),
    "ends_on": ("ends_on", "pk"),
    "status": ("status", "-ends_on", "pk"),
}
DISCUSSION_DEFAULT_SORT = "-posted_on"


def staff_service_sorts(*, language: str) -> SortFields:
    """The register's sortable columns; names sort in the page's language."""
    return {"code": ("code",), "name": ("name_ru" if language == "ru" else "name_kk", "code")}


def staff_service_list(
    *,
    body: Organisation | None = None,
    sphere: Sphere | None = None,
    sort: str = "",
    language: str = "kk",
) -> QuerySet[Service]:
    """The register for its staff: services of a responsible ``body`` or a ``sphere``, with
    their versions; ``sort`` is one of ``staff_service_sorts`` (another raises ``UnknownSort``)."""
    _key, order = sort_order(
        sort, fields=staff_service_sorts(language=language), default=STAFF_SERVICE_DEFAULT_SORT
    )
    qs = Service.objects.select_related("sphere", "responsible_body").prefetch_related(
        Prefetch(
            "versions", queryset=StandardVersion.objects.select_related("drafting_body").order_by("number")
        )
    )
    if body is not None:
        qs = qs.filter(responsible_body=body)
    if sphere is not None:
        qs = qs.filter(sphere=sphere)
    return qs.order_by(*order)


def staff_service_body_choices() -> QuerySet[Organisation]:
    """The bodies responsible for some service (Law 1.4), to narrow the register to one."""
    ids = Service.objects.values("responsible_body_id")
    return Organisation.objects.filter(pk__in=ids).order_by("name_ru", "pk")


def discussion_register(
    *,
    period: Period | None = None,
    service: Service | None = None,
    status: str = "",
    sort: str = "",
) -> QuerySet[Discussion]:
    """Law 15: the public discussions of drafts posted in ``period`` (both days included,
    ``qyzmet.core.listing``), of a service or status, newest first unless ``sort`` (one of
    ``DISCUSSION_SORTS``; another raises ``UnknownSort``) says otherwise."""
    _key, order = sort_order(sort, fields=DISCUSSION_SORTS, default=DISCUSSION_DEFAULT_SORT)
    qs = discussion_list()
    if period is not None:
        qs = qs.filter(period.q("posted_on"))
    if service is not None:
        qs = qs.filter(version__service=service)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by(*order)


def discussion_service_choices() -> QuerySet[Service]:
    """The services whose drafts have been discussed."""
    return Service.objects.filter(versions__discussion__isnull=False).distinct().order_by("code")


# Law 14.3-1, STD 9: the schedule a version gives for each place of acceptance.
WORKING_SCHEDULE_FIELDS: dict[str, str] = {
    "provider": "working_schedule_provider",
    "state_corporation": "working_schedule_state_corporation",
    "echannels": "working_schedule_echannels",
}


def version_working_schedule(*, version: StandardVersion, which: str) -> WorkingSchedule:
    """The version's ``which`` schedule ("provider", "state_corporation", "echannels"); the
    default Monday-Friday 09:00-18:00 with lunch 13:00-14:00 when it keeps none."""
    stored = schedule_from_json(getattr(version, WORKING_SCHEDULE_FIELDS[which]))
    return stored if stored is not None else DEFAULT_SCHEDULE


def version_working_schedules(*, version: StandardVersion) -> dict[str, WorkingSchedule]:
    return {
        which: version_working_schedule(version=version, which=which) for which in WORKING_SCHEDULE_FIELDS
    }


def complaint_address_lines(*, version: StandardVersion, language: str) -> list[str]:
    """STD 21-23 as lines a document prints: "<kind>: <name>, <address>, <cabinet>, <e-mail>,
    <phone>; <schedule>" per entry, in ``language`` (the refusal of Law 19-1.1 names them)."""
    words = {"kk": ("кабинет", "тел."), "ru": ("кабинет", "тел."), "en": ("office", "tel.")}
    office_word, phone_word = words.get(language[:2], words["kk"])
    lines = []
    for entry in version.complaint_address_entries.all():
        with translation.override(language):
            kind = str(entry.get_kind_display())
        parts = [entry.name(language), entry.address(language)]
        parts += [f"{office_word} {entry.office}" if entry.office else "", entry.email]
        parts.append(f"{phone_word} {entry.phone}" if entry.phone else "")
        text = f"{kind}: " + ", ".join(p for p in parts if p)
        schedule = schedule_from_json(entry.schedule)
        if schedule is not None:
            text += "; " + "; ".join(schedule.lines(language))
        lines.append(text)
    return lines


def channel_schedule_kind(channel: str) -> str:
    """Which schedule registers an application of ``channel`` (ADR 0018): the State
    Corporation's for its channel; the provider's otherwise (e-channel applications are taken in
    during the provider's hours: the e-channels' schedule says when the channel is available)."""
    return "state_corporation" if channel == Channel.STATE_CORPORATION else "provider"


def service_choices(*, language: str, codes: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """The services of the register (active) a staff member picks from, as (code, "code — name
    in ``language``"), ordered by code: chosen by name or code, never typed."""
    qs = Service.objects.filter(is_active=True).only("code", "name_kk", "name_ru").order_by("code")
    if codes is not None:
        qs = qs.filter(code__in=list(codes))
    return [(s.code, f"{s.code} — {s.name(language)}") for s in qs]


def state_corporation_version_since(*, service: Service, since: dt.date) -> StandardVersion | None:
    """PSC 11: the first version of ``service`` approved on or after ``since`` that delivers it
    through the State Corporation (a State Corporation channel term), or ``None``."""
    return (
        StandardVersion.objects.filter(
            service=service,
            status=VersionStatus.APPROVED,
            approved_on__gte=since,
            channel_terms__channel=Channel.STATE_CORPORATION,
        )
        .order_by("approved_on", "number")
        .first()
    )


def service_sphere_id(*, code: str) -> int | None:
    """The sphere of the service ``code`` (None when there is no such service)."""
    return Service.objects.filter(code=code).values_list("sphere_id", flat=True).first()


def service_list_by_codes(*, codes: Iterable[str]) -> list[Service]:
    """The services of the register with these codes (unknown codes are left out)."""
    return list(Service.objects.filter(code__in=list(codes)).order_by("code"))
