"""Reads of the register (Law 12-15). Public data: no ``access_*`` checks needed except for
staff pages, which use ``orgs.selectors.has_role``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Prefetch, Q, QuerySet

from qyzmet.core.errors import ApplicationError
from qyzmet.registry.enums import DiscussionStatus, VersionStatus
from qyzmet.registry.errors import RegistryErrorCode
from qyzmet.registry.models import (
    ContactCentreUpdateTask,
    Discussion,
    DiscussionComment,
    LifeSituation,
    MciValue,
    Service,
    Sphere,
    StandardVersion,
)

VERSION_PREFETCH: tuple[str, ...] = (
    "channel_terms",
    "required_documents",
    "other_refusal_grounds",
    "process_steps",
    "form_fields",
)


def service_get(*, code: str) -> Service:
    """The service with this 8-digit register code, or an ApplicationError (kk/ru/en)."""
    service = (
        Service.objects.select_related("sphere", "life_situation", "responsible_body")
        .filter(code=code)
        .first()
    )
    if service is None:
        raise ApplicationError(
            RegistryErrorCode.SERVICE_NOT_FOUND,
            {
                "kk": f"{code} кодты мемлекеттік қызмет тізілімде жоқ.",
                "ru": f"Государственной услуги с кодом {code} нет в реестре.",
                "en": f"There is no public service with code {code} in the register.",
            },
        )
    return service


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


def standard_in_force(*, service: Service, on: dt.date) -> StandardVersion:
    """The one approved version of ``service`` in force on ``on`` (Law 14). Channels, terms,
    documents, refusal grounds, steps and form fields are prefetched. Raises ApplicationError
    ``registry.no_standard_in_force`` when there is none."""
    version = versions_in_force_queryset(on=on).filter(service=service).order_by("-effective_from").first()
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
    """(name, label) for the comment form."""
    labels: dict[str, str] = {}
    for field in StandardVersion._meta.concrete_fields:
        base = field.name[:-3] if field.name.endswith(("_kk", "_ru")) else field.name
        label = str(field.verbose_name)
        for suffix in (" (Kazakh)", " (Russian)"):
            label = label.replace(suffix, "")
        labels.setdefault(base, label)
    for relation in COMMENTABLE_RELATIONS:
        model = StandardVersion._meta.get_field(relation).related_model
        labels[relation] = str(model._meta.verbose_name_plural)  # type: ignore[union-attr]
    return [(name, labels.get(name, name)) for name in commentable_field_names()]
