"""Reads of the Unified Contact Centre 1414 (UCC 3-21, Law 23.4).

Contacts are personal data: only contact-centre roles read them (``access_contact``,
``contact_list``). Onboardings are read by the centre and by the body concerned.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from qyzmet.contactcentre import terms
from qyzmet.contactcentre.enums import ArticleState, OnboardingStep, Party, RequestStatus
from qyzmet.contactcentre.models import (
    BodyExplanation,
    CentreReport,
    Contact,
    InformationRequest,
    InformationUpdate,
    KnowledgeArticle,
    KnowledgeArticleVersion,
    Onboarding,
    PlanItem,
    PlanSchedule,
    QualityAuthorityReport,
    RefusalFile,
    Training,
)
from qyzmet.core.confirmation import content_fingerprint
from qyzmet.core.errors import AccessDenied
from qyzmet.core.listing import Period, SortFields, sort_order
from qyzmet.core.models import User
from qyzmet.orgs.enums import LOCAL_BODY_KINDS, OrganisationKind, StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import (
    has_role,
    organisation_choices,
    organisations_visible_to,
    position_list,
    staff_position_list,
)
from qyzmet.registry.models import Service
from qyzmet.registry.search import service_search
from qyzmet.workcalendar.calendar import WorkCalendar
from qyzmet.workcalendar.selectors import get_calendar

UCC_ROLES = (StaffRole.CONTACT_CENTRE_OPERATOR,)
BODY_ROLES = (StaffRole.PROVIDER_OFFICER, StaffRole.PROVIDER_HEAD)
STEP_ORDER = list(OnboardingStep.values)


def is_ucc_staff(*, user: User) -> bool:
    return has_role(user=user, roles=UCC_ROLES)


def is_body_staff(*, user: User) -> bool:
    return has_role(user=user, roles=BODY_ROLES)


def _require_ucc(user: User) -> None:
    if not is_ucc_staff(user=user):
        raise AccessDenied()


# --- plan-schedule and onboarding ------------------------------------------------------------


def plan_schedule_list() -> QuerySet[PlanSchedule]:
    return PlanSchedule.objects.select_related("prepared_by", "approved_by", "approving_authority")


def is_informatization_staff(*, user: User) -> bool:
    """UCC 3: a staff position in the organisation holding the informatization authority."""
    return position_list(user=user).filter(organisation__is_informatization_authority=True).exists()


def access_plan_schedules(*, user: User) -> QuerySet[PlanSchedule]:
    """UCC 3: the plan-schedules, for the centre that prepares them and the informatization
    authority that approves them; anyone else is refused."""
    if not (is_ucc_staff(user=user) or is_informatization_staff(user=user)):
        raise AccessDenied()
    return plan_schedule_list().prefetch_related("items__service", "items__body")


def plan_schedule_fingerprint(*, plan: PlanSchedule) -> str:
    """UCC 3: a fingerprint of the plan-schedule as it would be sent or approved (its year, when
    it was prepared, every service with its body and planned date): shown on the confirmation
    page and checked by the service, so that what is confirmed is what is written."""
    items = PlanItem.objects.filter(plan_id=plan.pk).order_by("service__code", "pk")
    prepared = PlanSchedule.objects.filter(pk=plan.pk).values_list("prepared_on", flat=True).first()
    return content_fingerprint(
        {
            "year": plan.year,
            "prepared_on": str(prepared) if prepared else None,
            "items": [list(row) for row in items.values_list("service__code", "body__code", "planned_on")],
        }
    )


def plan_items_shown(*, plan: PlanSchedule) -> QuerySet[PlanItem]:
    """UCC 3: the services of a plan-schedule as the confirmation page lists them."""
    return (
        PlanItem.objects.filter(plan_id=plan.pk)
        .select_related("service", "body")
        .order_by("planned_on", "pk")
    )


def rule_citation(point: str) -> str:
    """A point of the rules as a page cites it, in the active language: kk "Қағидалардың
    4-тармағы", ru "пункт 4 Правил"."""
    return gettext("point %(point)s of the Rules") % {"point": point}


def plan_item_list(*, user: User, plan: PlanSchedule | None = None) -> QuerySet[PlanItem]:
    """The centre sees every item; a body sees its own (head: its subtree)."""
    qs = PlanItem.objects.select_related("plan", "service", "body", "onboarding")
    if plan is not None:
        qs = qs.filter(plan=plan)
    if is_ucc_staff(user=user) or has_role(user=user, roles=[StaffRole.SYSTEM_ADMINISTRATOR]):
        return qs
    return qs.filter(body__in=organisations_visible_to(user=user, roles=BODY_ROLES))


def access_onboarding(*, user: User, onboarding: Onboarding) -> Onboarding:
    if not plan_item_list(user=user).filter(pk=onboarding.item_id).exists():
        raise AccessDenied()
    return onboarding


@dataclass(frozen=True)
class StepStatus:
    """One step of an onboarding as shown: its term, who owes it, whether it is late."""

    step: str
    label: str
    party: str
    rule: str
    due_on: dt.date | None
    done_on: dt.date | None
    is_late: bool
    is_current: bool


def onboarding_steps(*, onboarding: Onboarding, today: dt.date | None = None) -> list[StepStatus]:
    """UCC 4-9 step by step, each citing its point in the active language."""
    today = today or timezone.localdate()
    o = onboarding
    rows: list[tuple[str, str, str, dt.date | None, dt.date | None]] = [
        (OnboardingStep.REQUEST_SENT, Party.UCC, "4", o.item.planned_on, o.request_sent_on),
        (OnboardingStep.RESPONSIBLE_NAMED, Party.BODY, "5", o.responsible_due_on, o.responsible_named_on),
        (
            OnboardingStep.INFORMATION_SIGNED,
            Party.BODY,
            "5",
            o.information_due_on,
            o.information_signed_on,
        ),
        (OnboardingStep.TRAINING_HELD, Party.BODY, "8", o.training_due_on, o.training_held_on),
        (OnboardingStep.PROTOCOL_SIGNED, Party.UCC, "8", None, o.protocol_signed_on),
        (
            OnboardingStep.CONSULTING,
            Party.UCC,
            "9",
            o.consultations_start_on,
            o.consultations_start_on
            if o.consultations_start_on and o.consultations_start_on <= today
            else None,
        ),
    ]
    current = next((r[0] for r in rows if r[4] is None), None)
    result = []
    for step, party, rule, due, done in rows:
        late = bool(due and ((done and done > due) or (done is None and today > due)))
        if step == OnboardingStep.CONSULTING:
            late = False
        result.append(
            StepStatus(
                step=step,
                label=str(OnboardingStep(step).label),
                party=party,
                rule=rule_citation(rule),
                due_on=due,
                done_on=done,
                is_late=late,
                is_current=step == current,
            )
        )
    return result


def onboarding_is_late(*, onboarding: Onboarding, today: dt.date | None = None) -> bool:
    return any(s.is_late for s in onboarding_steps(onboarding=onboarding, today=today))


def is_consultable(*, onboarding: Onboarding | None, today: dt.date | None = None) -> bool:
    """UCC 9: consultations start on ``consultations_start_on``."""
    today = today or timezone.localdate()
    return bool(
        onboarding is not None
        and onboarding.consultations_start_on
        and onboarding.consultations_start_on <= today
    )


def information_update_list(*, user: User, open_only: bool = False) -> QuerySet[InformationUpdate]:
    qs = InformationUpdate.objects.select_related(
        "onboarding__item__service", "onboarding__item__body"
    ).filter(onboarding__item__in=plan_item_list(user=user))
    return qs.filter(done_on__isnull=True) if open_only else qs


# --- requests and refusals -------------------------------------------------------------------


def information_request_list(*, user: User) -> QuerySet[InformationRequest]:
    qs = InformationRequest.objects.select_related("body", "service", "report").prefetch_related(
        "refusal_files"
    )
    if is_ucc_staff(user=user):
        return qs
    if not is_body_staff(user=user):
        raise AccessDenied()
    return qs.filter(body__in=organisations_visible_to(user=user, roles=BODY_ROLES))


REQUEST_SORTS: SortFields = {
    "sent_on": ("sent_on", "pk"),
    "status": ("status", "-sent_on", "pk"),
}
REQUEST_DEFAULT_SORT = "-sent_on"


def information_request_register(
    *,
    user: User,
    period: Period | None = None,
    body: Organisation | None = None,
    status: str = "",
    sort: str = "",
) -> QuerySet[InformationRequest]:
    """UCC 10-12: the requests the user sees (``information_request_list``) sent in ``period``
    (both days included, ``qyzmet.core.listing``), to a ``body``, of a status; newest first
    unless ``sort`` (one of ``REQUEST_SORTS``; another raises ``UnknownSort``) says otherwise."""
    _key, order = sort_order(sort, fields=REQUEST_SORTS, default=REQUEST_DEFAULT_SORT)
    qs = information_request_list(user=user)
    if period is not None:
        qs = qs.filter(period.q("sent_on"))
    if body is not None:
        qs = qs.filter(body=body)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by(*order)


def information_request_body_choices(*, user: User) -> QuerySet[Organisation]:
    """The bodies of the user's requests, to narrow the list to one."""
    ids = information_request_list(user=user).values("body_id")
    return Organisation.objects.filter(pk__in=ids).order_by("name_ru", "pk")


def access_information_request(*, user: User, request: InformationRequest) -> InformationRequest:
    if not information_request_list(user=user).filter(pk=request.pk).exists():
        raise AccessDenied()
    return request


def quality_authority_report_list(*, user: User) -> QuerySet[QualityAuthorityReport]:
    """UCC 12: the refusal reports, for the quality authority's inspectors and the centre that
    sent them; anyone else is refused."""
    if not (is_ucc_staff(user=user) or has_role(user=user, roles=[StaffRole.QUALITY_INSPECTOR])):
        raise AccessDenied()
    requests = InformationRequest.objects.select_related("service").prefetch_related("refusal_files")
    return QualityAuthorityReport.objects.select_related("body", "authority").prefetch_related(
        Prefetch("requests", queryset=requests.order_by("answered_on", "id"))
    )


def access_quality_authority_report(*, user: User, pk: int) -> QualityAuthorityReport:
    report = quality_authority_report_list(user=user).filter(pk=pk).first()
    if report is None:
        raise AccessDenied()
    return report


def access_refusal_file(*, user: User, pk: int) -> RefusalFile:
    """UCC 12: a supporting file, for whoever may read the refusals (the centre, inspectors)."""
    if not (is_ucc_staff(user=user) or has_role(user=user, roles=[StaffRole.QUALITY_INSPECTOR])):
        raise AccessDenied()
    found = RefusalFile.objects.filter(pk=pk).first()
    if found is None:
        raise AccessDenied()
    return found


def body_explanation_list(*, user: User) -> QuerySet[BodyExplanation]:
    """UCC 11.2: explanations given by bodies; the centre sees all, a body its own."""
    qs = BodyExplanation.objects.select_related("body", "service", "request", "recorded_by")
    if is_ucc_staff(user=user):
        return qs
    if not is_body_staff(user=user):
        raise AccessDenied()
    return qs.filter(body__in=organisations_visible_to(user=user, roles=BODY_ROLES))


# --- knowledge base --------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleHit:
    article: KnowledgeArticle | None
    service: Service
    state: str
    planned_on: dt.date | None
    consultations_start_on: dt.date | None


def _article_state(
    service_id: int, onboardings: dict[int, Onboarding], items: dict[int, PlanItem], today: dt.date
) -> tuple[str, dt.date | None, dt.date | None]:
    onboarding = onboardings.get(service_id)
    item = items.get(service_id)
    if onboarding is not None and is_consultable(onboarding=onboarding, today=today):
        return ArticleState.CONSULTABLE, item.planned_on if item else None, onboarding.consultations_start_on
    if item is not None:
        return (
            ArticleState.PLANNED,
            item.planned_on,
            onboarding.consultations_start_on if onboarding else None,
        )
    return ArticleState.NOT_PLANNED, None, None


def knowledge_search(
    *,
    user: User,
    query: str,
    today: dt.date | None = None,
    limit: int = 20,
    full_text: bool | None = None,
) -> list[ArticleHit]:
    """Articles matching a caller's words: first those of the services the register's search
    finds (ADR 0024), then those whose own text (title, everyday words, procedure; kk and ru)
    matches.

    PostgreSQL: full-text (simple dictionary, so Kazakh and Russian both work) OR trigram word
    similarity (typos, word forms) OR substring; SQLite: substring (``icontains``) only.
    A service not yet accepted for consultation is returned marked as such with its planned
    date (UCC 3, 9)."""
    _require_ucc(user)
    today = today or timezone.localdate()
    words = " ".join(query.lower().split())
    if not words:
        return []
    qs = KnowledgeArticle.objects.select_related("service")
    substring = Q(search_text__contains=words)
    if full_text is None:
        full_text = connection.vendor == "postgresql"
    if full_text:
        from django.contrib.postgres.search import (
            SearchQuery,
            SearchRank,
            SearchVector,
            TrigramWordSimilarity,
        )

        vector = SearchVector("search_text", config="simple")
        search_query = SearchQuery(words, config="simple", search_type="plain")
        qs = (
            qs.annotate(
                rank=SearchRank(vector, search_query), similarity=TrigramWordSimilarity(words, "search_text")
            )
            .filter(Q(rank__gt=0) | Q(similarity__gte=0.5) | substring)
            .order_by("-rank", "-similarity", "title_ru")
        )
    else:
        tokens = [t for t in words.split() if len(t) > 2] or [words]
        token_q = Q()
        for token in tokens:
            token_q &= Q(search_text__contains=token)
        qs = qs.filter(substring | token_q)
    # ADR 0024: the one search of the register finds the services (names, synonyms, life
    # events, word forms, typos); the articles' own text (everyday words, procedure) too.
    ranked = [hit.service_id for hit in service_search(q=query)]
    by_service = {
        a.service_id: a
        for a in KnowledgeArticle.objects.select_related("service").filter(service_id__in=ranked)
    }
    articles = [by_service[pk] for pk in ranked if pk in by_service]
    seen = {a.pk for a in articles}
    articles += [a for a in qs[:limit] if a.pk not in seen]
    articles = articles[:limit]
    service_ids = [a.service_id for a in articles]
    onboardings = {
        o.item.service_id: o
        for o in Onboarding.objects.select_related("item")
        .filter(item__service_id__in=service_ids)
        .order_by("-item__plan__year")
    }
    items = {
        i.service_id: i for i in PlanItem.objects.filter(service_id__in=service_ids).order_by("-plan__year")
    }
    hits = []
    for article in articles:
        state, planned, start = _article_state(article.service_id, onboardings, items, today)
        hits.append(
            ArticleHit(
                article=article,
                service=article.service,
                state=state,
                planned_on=planned,
                consultations_start_on=start,
            )
        )
    return hits


def knowledge_article_list(*, user: User) -> QuerySet[KnowledgeArticle]:
    """Every article of the knowledge base, by service code (UCC 3), for the operators."""
    _require_ucc(user)
    return KnowledgeArticle.objects.select_related("service").order_by("service__code")


def knowledge_article_versions(*, article: KnowledgeArticle) -> QuerySet[KnowledgeArticleVersion]:
    return article.versions.select_related("changed_by").order_by("-version")


def knowledge_service_list(*, user: User, today: dt.date | None = None) -> list[ArticleHit]:
    """Every planned or accepted service with its state (UCC 3, 9), for the operators' index."""
    _require_ucc(user)
    today = today or timezone.localdate()
    items = {i.service_id: i for i in PlanItem.objects.select_related("service").order_by("-plan__year")}
    onboardings = {o.item.service_id: o for o in Onboarding.objects.select_related("item")}
    articles = {a.service_id: a for a in KnowledgeArticle.objects.filter(service_id__in=list(items))}
    hits = []
    for service_id, item in items.items():
        state, planned, start = _article_state(service_id, onboardings, items, today)
        hits.append(
            ArticleHit(
                article=articles.get(service_id),
                service=item.service,
                state=state,
                planned_on=planned,
                consultations_start_on=start,
            )
        )
    return sorted(hits, key=lambda h: h.service.name_ru)


# --- contacts (personal data) ----------------------------------------------------------------


def contact_list(*, user: User, since: dt.date | None = None) -> QuerySet[Contact]:
    """Contacts are personal data: contact-centre roles only."""
    _require_ucc(user)
    qs = Contact.objects.select_related("operator", "service")
    return qs.filter(occurred_at__date__gte=since) if since else qs


def access_contact(*, user: User, contact: Contact) -> Contact:
    _require_ucc(user)
    return contact


@dataclass(frozen=True)
class CallerStage:
    number: str
    service_name_kk: str
    service_name_ru: str
    status: str
    status_kk: str
    status_ru: str
    due_on: dt.date
    stages: list[tuple[str, dt.datetime]]
    stage_labels: dict[str, tuple[str, str]]  # kind -> (kk, ru)
    # Law 5.2.5: the term ran out without the result arriving (the worklist's rules).
    is_overdue: bool = False
    # UCC 15, Law 23.3: whom the caller turns to: the provider's public contacts.
    provider_name_kk: str = ""
    provider_name_ru: str = ""
    provider_address: str = ""
    provider_phone: str = ""
    provider_email: str = ""

    def provider_name(self, language: str = "kk") -> str:
        return self.provider_name_ru if language[:2] == "ru" else self.provider_name_kk

    def status_label(self, language: str = "kk") -> str:
        return self.status_ru if language[:2] == "ru" else self.status_kk

    def stage_list(self, language: str = "kk") -> list[tuple[str, dt.datetime]]:
        i = 1 if language[:2] == "ru" else 0
        return [(self.stage_labels.get(kind, (kind, kind))[i], at) for kind, at in self.stages]


def _labels(choices: Any, value: str) -> tuple[str, str]:
    out = []
    for lang in ("kk", "ru"):
        with translation.override(lang):
            try:
                out.append(str(choices(value).label))
            except ValueError:
                out.append(value)
    return out[0], out[1]


def application_stage_for_caller(
    *, user: User | None, number: str, iin_last4: str, today: dt.date | None = None
) -> CallerStage | None:
    """Law 23.4, UCC 15-16: the current stage of an application, the caller identified by the
    last four digits of the IIN/BIN (through the delivery selector), whether it is overdue on
    ``today`` and the provider's contacts to give the caller. ``user`` None = the
    telephony/chatbot front end (API key checked by the caller)."""
    if user is not None:
        _require_ucc(user)
    from qyzmet.delivery.selectors import application_stage_lookup

    found = application_stage_lookup(number=number, iin_last4=iin_last4.strip(), today=today)
    if found is None:
        return None
    from qyzmet.delivery.enums import ApplicationStatus, StageKind

    status_kk, status_ru = _labels(ApplicationStatus, found.status)
    return CallerStage(
        number=found.number,
        service_name_kk=found.service_name_kk,
        service_name_ru=found.service_name_ru,
        status=found.status,
        status_kk=status_kk,
        status_ru=status_ru,
        due_on=found.due_on,
        stages=list(found.stages),
        stage_labels={kind: _labels(StageKind, kind) for kind, _at in found.stages},
        is_overdue=found.flags.is_overdue,
        provider_name_kk=found.provider_name_kk,
        provider_name_ru=found.provider_name_ru,
        provider_address=found.provider_address,
        provider_phone=found.provider_phone,
        provider_email=found.provider_email,
    )


def complaint_advice(*, language: str = "kk") -> str:
    """UCC 17, Law 25.2: how to complain and the review terms."""
    body = terms.COMPLAINT_REVIEW_BODY_WORKING_DAYS
    authority = terms.COMPLAINT_REVIEW_AUTHORITY_WORKING_DAYS
    if language[:2] == "ru":
        return (
            "Жалобу можно подать электронно (портал «электронного правительства», личный кабинет, "
            "с ЭЦП) или на бумаге: в орган, услугодателю или Госкорпорацию, оказавшие услугу — "
            f"рассматривается в течение {body} рабочих дней со дня регистрации; в уполномоченный "
            f"орган по оценке и контролю качества — в течение {authority} рабочих дней. Срок может "
            "быть продлён не более чем на 10 рабочих дней с уведомлением в течение 3 рабочих дней "
            "(ст. 25 Закона)."
        )
    return (
        "Шағымды электрондық түрде («электрондық үкімет» порталы, жеке кабинет, ЭЦҚ-мен) немесе "
        "қағаз түрінде беруге болады: қызметті көрсеткен органға, қызмет берушіге немесе "
        f"Мемлекеттік корпорацияға — тіркелген күнінен бастап {body} жұмыс күні ішінде қаралады; "
        f"сапаны бағалау және бақылау жөніндегі уәкілетті органға — {authority} жұмыс күні ішінде. "
        "Мерзім 10 жұмыс күнінен аспайтын мерзімге ұзартылуы мүмкін, бұл туралы 3 жұмыс күні "
        "ішінде хабарланады (Заңның 25-бабы)."
    )


# --- reports ---------------------------------------------------------------------------------

BODY_KIND_GROUPS: dict[str, tuple[str, ...]] = {
    "central": (OrganisationKind.CENTRAL_STATE_BODY, OrganisationKind.FOREIGN_INSTITUTION),
    "local": tuple(sorted(LOCAL_BODY_KINDS)),
    "state_corporation": (OrganisationKind.STATE_CORPORATION, OrganisationKind.STATE_CORPORATION_BRANCH),
}


def body_kind_group(kind: str) -> str:
    for group, kinds in BODY_KIND_GROUPS.items():
        if kind in kinds:
            return group
    return "other_provider"


def quarterly_report_figures(*, start: dt.date, end: dt.date) -> dict[str, Any]:
    """UCC 13-14: recipients' appeals to the centre in the quarter."""
    rows = list(
        Contact.objects.filter(occurred_at__date__range=(start, end)).values_list(
            "channel", "language", "topic", "outcome", "service__code"
        )
    )
    return {
        "totals": {"contacts": len(rows)},
        "by_channel": dict(Counter(r[0] for r in rows)),
        "by_language": dict(Counter(r[1] for r in rows)),
        "by_topic": dict(Counter(r[2] for r in rows)),
        "by_outcome": dict(Counter(r[3] for r in rows)),
        "by_service": dict(Counter(r[4] for r in rows if r[4])),
    }


# UCC 18: the monthly report counts the complaints filed through the e-government portal.
PORTAL_CHANNEL = "electronic"


def _body_row(per_body: dict[str, dict[str, Any]], code: str, kk: str, ru: str, kind: str) -> dict[str, Any]:
    return per_body.setdefault(
        code,
        {
            "name_kk": kk,
            "name_ru": ru,
            "kind_group": body_kind_group(kind),
            "total": 0,
            "standard_noncompliance": 0,
            "staff_actions": 0,
            "reviewed": 0,
            "breaches": 0,
        },
    )


def _monthly_per_body(
    *, start: dt.date, end: dt.date, today: dt.date | None
) -> tuple[dict[str, dict[str, Any]], dict[str, int]]:
    """UCC 18 per body: complaints about it (total, on the standard, on staff actions) and the
    complaints it reviewed with their breaches; a breach is the reviewing body's, e.g. the
    quality authority's when it reviewed a complaint about an akimat late."""
    from qyzmet.complaints import selectors as complaints

    per_body: dict[str, dict[str, Any]] = {}
    for row in complaints.complaint_statistics_per_body(
        start=start, end=end, today=today, channel=PORTAL_CHANNEL
    ):
        fig = _body_row(
            per_body, row.provider_code, row.provider_name_kk, row.provider_name_ru, row.provider_kind
        )
        fig.update(
            total=row.total,
            standard_noncompliance=row.standard_noncompliance,
            staff_actions=row.staff_actions,
        )
    breaches_by_kind = {group: 0 for group in (*BODY_KIND_GROUPS, "other_provider")}
    for rev in complaints.complaint_review_per_reviewing_body(
        start=start, end=end, today=today, channel=PORTAL_CHANNEL
    ):
        fig = _body_row(per_body, rev.body_code, rev.body_name_kk, rev.body_name_ru, rev.body_kind)
        fig.update(reviewed=rev.reviewed, breaches=rev.breaches)
        breaches_by_kind[fig["kind_group"]] += rev.breaches
    return per_body, breaches_by_kind


def _monthly_review_terms(
    *, start: dt.date, end: dt.date, calendar: WorkCalendar | None = None
) -> dict[str, dict[str, Any]]:
    """Review terms (Law 25.2) per addressee: the statutory term, how many, extended (Law 25.4),
    answered, and the average actual review in working days, as the term is counted (from the
    day after registration to the answer, on the working calendar)."""
    from qyzmet.complaints import selectors as complaints

    calendar = calendar or get_calendar()
    review_terms: dict[str, dict[str, Any]] = {}
    period = complaints.complaint_list_for_period(start=start, end=end, channel=PORTAL_CHANNEL)
    # grouped by the days: a month has few distinct (registered, answered) pairs
    rows = (
        period.order_by()
        .values_list("addressee", "registered_on", "answered_on")
        .annotate(n=Count("id"), extended=Count("extension"))
    )
    for addressee, registered, answered, n, extended in rows:
        fig = review_terms.setdefault(
            addressee,
            {
                "statutory_working_days": terms.COMPLAINT_REVIEW_AUTHORITY_WORKING_DAYS
                if addressee == "quality_authority"
                else terms.COMPLAINT_REVIEW_BODY_WORKING_DAYS,
                "count": 0,
                "extended": 0,
                "answered": 0,
                "days_total": 0,
            },
        )
        fig["count"] += n
        fig["extended"] += extended
        if answered:
            fig["answered"] += n
            fig["days_total"] += n * calendar.working_days_between(registered, answered)
    for fig in review_terms.values():
        days_total = fig.pop("days_total")
        fig["average_working_days"] = round(days_total / fig["answered"], 1) if fig["answered"] else None
    return review_terms


def _contact(*parts: str) -> str:
    return ", ".join(x for x in parts if x)


LIST_COLUMNS = (
    "number",
    "service_code",
    "provider__code",
    "complainant_name",
    "complainant_phone",
    "complainant_email",
)


def _monthly_lists(*, start: dt.date, end: dt.date) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """UCC 18: the complaints on the standard (service name, contact) and on staff actions, read
    as plain rows (a month's list runs to tens of thousands at national volume)."""
    from qyzmet.complaints import selectors as complaints
    from qyzmet.complaints.enums import ComplaintSubject
    from qyzmet.registry.selectors import service_list

    standard: list[dict[str, Any]] = []
    staff: list[dict[str, Any]] = []
    for subject, number, code, provider, *contact in complaints.complaint_list_for_period(
        start=start,
        end=end,
        subjects=[ComplaintSubject.STANDARD_NONCOMPLIANCE, ComplaintSubject.OFFICER_ACTION],
        channel=PORTAL_CHANNEL,
    ).values_list("subject", *LIST_COLUMNS):
        if subject == ComplaintSubject.STANDARD_NONCOMPLIANCE:
            standard.append(
                {"number": number, "service_code": code, "provider": provider, "contact": _contact(*contact)}
            )
        else:
            staff.append({"number": number, "provider": provider, "contact": _contact(*contact)})
    names = {
        s.code: (s.name_kk, s.name_ru)
        for s in service_list(codes=list({r["service_code"] for r in standard if r["service_code"]}))
    }
    for entry in standard:
        entry["service_name_kk"], entry["service_name_ru"] = names.get(entry["service_code"], ("", ""))
    return standard, staff


def monthly_report_figures(
    *, start: dt.date, end: dt.date, today: dt.date | None = None, calendar: WorkCalendar | None = None
) -> dict[str, Any]:
    """UCC 18: of the complaints filed through the e-government portal in the month (paper ones
    are not the centre's figure): the total, review terms, breaches of the review term per
    reviewing body and body kind, complaints on non-compliance with the standard (service,
    contact) and on staff actions (contact)."""
    per_body, breaches_by_kind = _monthly_per_body(start=start, end=end, today=today)
    standard, staff = _monthly_lists(start=start, end=end)
    return {
        "totals": {
            "complaints": sum(f["total"] for f in per_body.values()),
            "breaches": sum(f["breaches"] for f in per_body.values()),
            "standard_noncompliance": len(standard),
            "staff_actions": len(staff),
        },
        "review_terms": _monthly_review_terms(start=start, end=end, calendar=calendar),
        "breaches_by_kind": breaches_by_kind,
        "per_body": per_body,
        "standard_noncompliance": standard,
        "staff_actions": staff,
    }


def _addressee_ids(user: User) -> set[int]:
    """The organisations the user works at (any active position): the addressees whose
    reports they may open (UCC 13-14: the informatization authority, UCC 18: the quality one)."""
    return {p.organisation_id for p in position_list(user=user)}


def report_list(*, user: User) -> QuerySet[CentreReport]:
    """The centre's staff see every report; an addressee's staff see the reports sent to their
    organisation; anyone else is refused."""
    qs = CentreReport.objects.select_related("addressee").prefetch_related("discrepancies__body")
    if is_ucc_staff(user=user):
        return qs
    if not is_addressee_staff(user=user):
        raise AccessDenied()
    return qs.filter(addressee_id__in=_addressee_ids(user), sent_on__isnull=False)


def is_addressee_staff(*, user: User) -> bool:
    """Whether the user works at the informatization or the quality authority."""
    return (
        position_list(user=user)
        .filter(
            Q(organisation__is_quality_authority=True) | Q(organisation__is_informatization_authority=True)
        )
        .exists()
    )


def access_centre_report(*, user: User, report: CentreReport) -> CentreReport:
    """UCC 13-14, 18: the centre's staff open any report; the addressee's staff open a report
    once it was sent to them; anyone else (another body, an inspector of the other authority
    for a report not addressed to it) is refused."""
    if is_ucc_staff(user=user):
        return report
    if report.sent_on is not None and report.addressee_id in _addressee_ids(user):
        return report
    raise AccessDenied()


def report_addressee_staff(*, report: CentreReport) -> list[User]:
    """The addressee's active staff with an e-mail, each once (they get the sent report)."""
    users: dict[int, User] = {}
    for position in staff_position_list(organisation=report.addressee):
        if position.user.email and position.user.is_active:
            users.setdefault(position.user.pk, position.user)
    return list(users.values())


def report_body_choices(*, report: CentreReport, language: str) -> list[tuple[str, str]]:
    """UCC 20: the bodies to choose from, by name in ``language`` (code as value): those with a
    row in the report first, then every other active body (the centre's figure for it is 0)."""
    key = "name_ru" if language == "ru" else "name_kk"
    rows = report.data.get("per_body", {})
    in_report = sorted(((code, str(row.get(key) or code)) for code, row in rows.items()), key=lambda c: c[1])
    others = [c for c in organisation_choices(language=language) if c[0] not in rows]
    return [*in_report, *others]


# --- training of the quality authority's staff (UCC 19) ---------------------------------------


def is_quality_staff(*, user: User) -> bool:
    """A quality inspector working at the quality authority (UCC 19: who asks for training)."""
    return (
        position_list(user=user, roles=[StaffRole.QUALITY_INSPECTOR])
        .filter(organisation__is_quality_authority=True)
        .exists()
    )


def training_list(*, user: User) -> QuerySet[Training]:
    """UCC 19: the centre's staff and the quality authority's inspectors; others refused."""
    if not (is_ucc_staff(user=user) or is_quality_staff(user=user)):
        raise AccessDenied()
    return Training.objects.select_related("authority", "recorded_by")


def access_training(*, user: User, training: Training) -> Training:
    training_list(user=user)
    return training


def refused_request_list(
    *, body: Organisation, start: dt.date, end: dt.date, service: Service | None = None
) -> QuerySet[InformationRequest]:
    """UCC 12: the centre's requests ``body`` (and its subtree) refused from ``start`` to
    ``end``, optionally about one service (the quality assessment of Law 28 reads these)."""
    qs = InformationRequest.objects.filter(
        body__path__startswith=body.path, status=RequestStatus.REFUSED, answered_on__range=(start, end)
    )
    if service is not None:
        qs = qs.filter(service=service)
    return qs.order_by("answered_on", "id")


def quality_report_months(*, body: Organisation, start: dt.date, end: dt.date) -> list[dt.date]:
    """UCC 12: the months in which ``body`` was reported to the quality authority for refusals."""
    return list(
        QualityAuthorityReport.objects.filter(body=body, month__range=(start, end))
        .order_by("month")
        .values_list("month", flat=True)
    )


def request_refusal_count(*, body_id: int, month_start: dt.date) -> int:
    start, end = terms.month_bounds(month_start.year, month_start.month)
    return InformationRequest.objects.filter(
        body_id=body_id, status=RequestStatus.REFUSED, answered_on__range=(start, end)
    ).count()


# UCC appendix: the labels of the information on a service (keys of ``Onboarding.information``
# without their ``_kk`` / ``_ru`` suffix), in the order of the appendix.
INFORMATION_LABELS: dict[str, Promise] = {
    "service_name": _("Name of the service"),
    "provider": _("Service provider"),
    "channels": _("Channels and terms"),
    "documents": _("Documents"),
    "result": _("Result of the service"),
    "fee": _("Fee"),
    "schedule": _("Working hours"),
    "complaints": _("Where to complain"),
    "extra": _("Additional information"),
}


def onboarding_information(*, onboarding: Onboarding, language: str) -> list[tuple[str, str]]:
    """UCC appendix: the information on the service as (label, value) rows in ``language``
    (the other language's value when this one is missing), labelled for people, not by key."""
    info = {str(key): str(value) for key, value in (onboarding.information or {}).items()}
    other = "kk" if language == "ru" else "ru"
    rows: list[tuple[str, str]] = []
    for key, label in INFORMATION_LABELS.items():
        value = info.get(f"{key}_{language}") or info.get(f"{key}_{other}") or info.get(key, "")
        if value:
            rows.append((str(label), value))
    known = {f"{key}_{lang}" for key in INFORMATION_LABELS for lang in ("kk", "ru")} | set(INFORMATION_LABELS)
    rows += [(key, value) for key, value in info.items() if key not in known and value]
    return rows
