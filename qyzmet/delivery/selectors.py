"""Reads of applications, and who may see and act on them (Law 5.2.8, 5.2.11, 20.4, 23.4)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Case, Count, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.dateparse import parse_date

from qyzmet.apiclients.models import ApiClient
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.listing import Period, SortFields, sort_order
from qyzmet.core.models import User
from qyzmet.delivery import selectors_volumes
from qyzmet.delivery.enums import (
    CLOSED_STATUSES,
    ELECTRONIC_CHANNELS,
    RESULT_STATUSES,
    ApplicationStatus,
    Channel,
    RecipientKind,
    StageKind,
)
from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.models import (
    AcceptanceRefusal,
    Application,
    ApplicationDocument,
    ApplicationDraft,
    CompositeService,
    NotificationPreference,
    ProactiveOffer,
    Stage,
    TermViolation,
)
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import (
    branch_working_schedule,
    can_act_for,
    companies_of,
    has_role,
    organisation_find_by_code,
    organisations_visible_to,
    position_list,
)
from qyzmet.registry.enums import Channel as RegistryChannel
from qyzmet.registry.enums import DeliveryMethod, DocumentRole, FormFieldPrefill, FormFieldType, ResultForm
from qyzmet.registry.models import ChannelTerm, FormField, RequiredDocument, Service, StandardVersion
from qyzmet.registry.selectors import (
    channel_schedule_kind,
    service_provider_list,
    services_delivered_by,
    standard_in_force,
    version_working_schedule,
)
from qyzmet.workcalendar.schedule import WorkingSchedule

PROVIDER_ROLES = (StaffRole.PROVIDER_OFFICER, StaffRole.PROVIDER_HEAD)
OPERATOR_ROLES = (StaffRole.STATE_CORPORATION_OPERATOR,)
READ_ONLY_NATIONAL_ROLES = (StaffRole.QUALITY_INSPECTOR,)
UNCLAIMED_AFTER_DAYS = 30


def registration_schedule(
    *, version: StandardVersion, channel: str, accepting_organisation: Organisation | None = None
) -> WorkingSchedule:
    """Law 20.1, ADR 0018: the working schedule that registers an application. At a State
    Corporation branch, the branch's own hours, else the standard's State Corporation schedule;
    otherwise the standard's provider schedule (e-channel applications too)."""
    if channel == Channel.STATE_CORPORATION:
        own = branch_working_schedule(organisation=accepting_organisation)
        if own is not None:
            return own
    return version_working_schedule(version=version, which=channel_schedule_kind(channel))


# Law 18: our channels and the registry's (Law 18.6 "other informatization objects" is the API).
REGISTRY_CHANNEL: dict[str, str] = {
    Channel.PROVIDER: RegistryChannel.PROVIDER,
    Channel.STATE_CORPORATION: RegistryChannel.STATE_CORPORATION,
    Channel.EGOV_PORTAL: RegistryChannel.EGOV_PORTAL,
    Channel.LANDLINE: RegistryChannel.LANDLINE,
    Channel.MOBILE: RegistryChannel.MOBILE,
    Channel.API: RegistryChannel.OTHER_ECHANNEL,
}

_LIST_RELATED = ("service", "provider", "accepting_organisation", "composite_service")


# --- Registry reads used by acceptance (through the registry's selectors) -------------------


def version_in_force(*, service: Service, on: dt.date) -> StandardVersion:
    """The version pinned on an application submitted on ``on`` (raises when none, Law 14)."""
    return standard_in_force(service=service, on=on)


def provider_default(
    *, service: Service, territory: Organisation | None = None, near: Organisation | None = None
) -> Organisation | None:
    """Law 1.4: the provider of record when the applicant named none: the only organisation
    delivering ``service``; else the one nearest above the recipient's ``territory`` (the akim
    of their village, else their district, else their oblast); else the only one in the region
    of ``near`` (the State Corporation branch that accepts). None when a choice is needed."""
    candidates = list(service_provider_list(service=service))
    if len(candidates) == 1:
        return candidates[0]
    if territory is not None:
        above = [org for org in candidates if territory.path.startswith(org.path)]
        if above:
            return max(above, key=lambda org: len(org.path))
    if near is not None and near.region:
        same_region = [org for org in candidates if org.region == near.region]
        if len(same_region) == 1:
            return same_region[0]
    return None


def provider_by_code(*, code: str) -> Organisation | None:
    """Law 1.4: the provider an API client names by organisation code (None when it names
    none); an unknown code is an ApplicationError, never a silent default."""
    if not code.strip():
        return None
    found = organisation_find_by_code(code=code.strip())
    if found is None:
        raise ApplicationError(
            DeliveryErrorCode.NOT_A_PROVIDER,
            {
                "kk": f"«{code}» кодты ұйым жоқ.",
                "ru": f"Организации с кодом «{code}» нет.",
                "en": f"There is no organisation with code {code}.",
            },
            fields={"provider": {"kk": "Кодты тексеріңіз.", "ru": "Проверьте код.", "en": "Check the code."}},
        )
    return found


def recipient_preference(*, user: User | None) -> NotificationPreference | None:
    """The recipient's cabinet settings with their territory (Law 1.4, 21.2-1), if any."""
    if user is None or not user.pk:
        return None
    # ``get`` on the one-to-one user, not ``first()``'s ordering (issue 20.2: every acceptance).
    try:
        return NotificationPreference.objects.select_related("territory").get(user=user)
    except NotificationPreference.DoesNotExist:
        return None


def recipient_territory(*, user: User | None) -> Organisation | None:
    """Law 1.4: the territory of residence the recipient keeps in their cabinet, if any."""
    pref = recipient_preference(user=user)
    return pref.territory if pref is not None else None


def channel_term(*, version: StandardVersion, channel: str) -> ChannelTerm | None:
    """The version's term for a channel, or None when it is not offered there (Law 18)."""
    wanted = REGISTRY_CHANNEL.get(channel, channel)
    for row in version.channel_terms.all():
        if row.channel == wanted:
            return row
    return None


def required_document_checklist(
    *,
    version: StandardVersion,
    channel: str = "",
    identified_by_signature: bool = False,
    fee_paid_in_system: bool = False,
) -> list[RequiredDocument]:
    """Law 19, 5.2: the documents to demand: those obtainable from state systems never are.
    ADR 0020: on an electronic channel the submission is the application itself, so the row
    that is "the application" is not demanded; nor the identity document from an applicant
    who signed in with an e-signature (it identified them). Without a channel: the full list.
    ADR 0019: the proof of payment of the fee is not demanded when the fee is paid through the
    payment gateway (``fee_paid_in_system``; the system holds the proof, Law 5.2, last
    paragraph, 1)) or not owed (an exemption)."""

    def asked(rd: RequiredDocument) -> bool:
        if rd.obtainable_from_state_system:
            return False
        if rd.role == DocumentRole.APPLICATION_FORM and channel in ELECTRONIC_CHANNELS:
            return False
        if rd.role == DocumentRole.FEE_RECEIPT and fee_paid_in_system:
            return False
        return not (rd.role == DocumentRole.IDENTITY_DOCUMENT and identified_by_signature)

    return [rd for rd in version.required_documents.all() if asked(rd)]


def application_draft_get(*, owner: User, key: str) -> ApplicationDraft | None:
    """ADR 0020: the owner's open, unexpired draft with this key; ``None`` for anyone else's
    (the page answers 404), a closed or expired one, or a key that is not one."""
    try:
        parsed = uuid.UUID(str(key))
    except ValueError:
        return None
    return (
        ApplicationDraft.objects.filter(
            key=parsed, owner=owner, closed_at__isnull=True, expires_at__gt=timezone.now()
        )
        .select_related("service")
        .prefetch_related("files")
        .first()
    )


def application_draft_waiting_for_payment(*, owner: User, idempotency_key: str) -> ApplicationDraft | None:
    """Issue 20.4, ADR 0019: the owner's open draft whose submission under this form key waits
    for its payment (Back from the gateway without paying shows it again, everything kept);
    ``None`` for anyone else's key, or when nothing under it waits."""
    if not idempotency_key:
        return None
    return (
        ApplicationDraft.objects.filter(
            owner=owner, closed_at__isnull=True, submission__idempotency_key=idempotency_key
        )
        .select_related("service")
        .prefetch_related("files")
        .order_by("created_at", "id")
        .first()
    )


@dataclass(frozen=True)
class DataRow:
    code: str
    label: str
    value: str


def application_data_rows(*, application: Application, language: str) -> list[DataRow]:
    """Issue 13.8: every value the applicant filled in, labelled in ``language`` by the form
    of the standard version they applied under (a choice by its name, yes/no in words); a
    value whose field that version no longer has keeps its code as the label."""
    data = dict(application.data or {})
    rows: list[DataRow] = []
    fields = list(application.standard_version.form_fields.all()) if application.standard_version else []
    yes, no = {"kk": ("Иә", "Жоқ"), "ru": ("Да", "Нет")}.get(language, ("Yes", "No"))
    for f in fields:
        if f.code not in data:
            continue
        value = data.pop(f.code)
        if f.datatype == FormFieldType.BOOLEAN:
            text = yes if value in (True, "true", "True", "on", "1") else no
        elif f.datatype == FormFieldType.CHOICE:
            key = "name_ru" if language in ("ru", "en") else "name_kk"
            names = {str(c.get("key")): c.get(key) or c.get("key") for c in f.choices or []}
            text = str(names.get(str(value), value))
        elif f.datatype == FormFieldType.DATE:
            day = parse_date(str(value))
            text = day.strftime("%d.%m.%Y") if day else str(value)
        else:
            text = str(value)
        rows.append(DataRow(f.code, f.label(language), text))
    rows.extend(DataRow(code, code, str(value)) for code, value in data.items())
    return rows


def form_field_list(*, version: StandardVersion) -> list[FormField]:
    return list(version.form_fields.all())


def applicant_known(*, user: User) -> dict[str, str]:
    """ADR 0020: what the signed-in applicant's profile answers, by ``FormFieldPrefill``; a
    value the profile lacks is left out (its field is then asked like any other)."""
    values = {
        FormFieldPrefill.APPLICANT_IIN: user.iin,
        FormFieldPrefill.APPLICANT_PHONE: user.phone,
        FormFieldPrefill.APPLICANT_EMAIL: user.email,
    }
    return {str(k): v for k, v in values.items() if v}


def form_field_prefill(*, fields: Iterable[FormField], known: Mapping[str, str]) -> dict[str, str]:
    """ADR 0020 (Law 5.2): the value of each field the profile answers (``prefill``), by field
    code: such a field is shown read-only, not asked, and filled on the server from ``known``
    (``applicant_known``), never from what the browser sends."""
    return {f.code: known[f.prefill] for f in fields if f.prefill and known.get(f.prefill)}


# --- Access -------------------------------------------------------------------------------


def _is_recipient(*, user: User, application: Application) -> bool:
    if not user.is_authenticated:
        return False
    if application.recipient_user_id == user.pk:
        return True
    if application.recipient_kind == RecipientKind.INDIVIDUAL:
        return bool(user.iin) and application.recipient_iin == user.iin
    return companies_of(user).filter(bin=application.recipient_bin).exists()


def is_recipient_of(*, user: User, application: Application) -> bool:
    """The user is the application's recipient (themselves, or a director of the company):
    they may complain about it (Law 25) and see its result once issued."""
    return _is_recipient(user=user, application=application)


def can_act_as_provider(*, user: User, application: Application) -> bool:
    return application.provider is not None and can_act_for(
        user=user, organisation=application.provider, roles=PROVIDER_ROLES
    )


def can_act_as_operator(*, user: User, application: Application) -> bool:
    return application.accepting_organisation is not None and can_act_for(
        user=user, organisation=application.accepting_organisation, roles=OPERATOR_ROLES
    )


def access_application(*, user: User, application: Application, act: bool = False) -> Application:
    """The application, or ``AccessDenied``. Who may see it: the recipient (own only); provider
    officers of the provider (a head: its subtree); State Corporation operators of the accepting
    branch; quality inspectors (read-only, national). With ``act=True`` only the provider's staff
    and the accepting branch's operators pass. A contact-centre operator sees the stage only,
    through ``application_stage_lookup``."""
    if can_act_as_provider(user=user, application=application) or can_act_as_operator(
        user=user, application=application
    ):
        return application
    if not act and (
        _is_recipient(user=user, application=application)
        or has_role(user=user, roles=READ_ONLY_NATIONAL_ROLES)
    ):
        return application
    raise AccessDenied()


def application_readable(*, user: User, application: Application) -> bool:
    """Whether ``user`` may read ``application`` (``access_application`` without ``act``). One
    who may not is told it is not found, as for a number that does not exist: numbers are
    sequential, and a 403 would tell which exist (tester's finding 19.4)."""
    try:
        access_application(user=user, application=application)
    except AccessDenied:
        return False
    return True


def _client_reads(client: ApiClient) -> Q | None:
    """Law 18.6: what an API client may read: the applications it submitted
    (``applications:read-own``) and those of its organisation's subtree
    (``applications:read-organisation``); nothing else, whatever its user could see."""
    scopes = set(client.scopes or [])
    q: Q | None = None
    if "applications:read-own" in scopes:
        q = Q(submitted_by_id=client.user_id)
    if "applications:read-organisation" in scopes:
        org = Q(provider__path__startswith=client.organisation.path)
        q = org if q is None else q | org
    return q


def access_application_by_client(
    *, client: ApiClient, application: Application, act: bool = False
) -> Application:
    """The application for an API client, or ``AccessDenied``. Acting (stages, decisions) is
    its technical user's provider position (scope ``stages:record``); reading is ``_client_reads``."""
    if act:
        return access_application(user=client.user, application=application, act=True)
    q = _client_reads(client)
    if q is not None and Application.objects.filter(q, pk=application.pk).exists():
        return application
    raise AccessDenied()


def client_application_list(*, client: ApiClient) -> QuerySet[Application]:
    """The applications an API client may read, newest first."""
    q = _client_reads(client)
    if q is None:
        return Application.objects.none()
    return (
        Application.objects.filter(q, parent__isnull=True)
        .select_related(*_LIST_RELATED)
        .order_by("-submitted_at", "-id")
    )


def submitting_client_name(*, application: Application) -> str:
    """Law 18.6: the name of the API client that submitted ``application`` ("" if a person did)."""
    if application.channel != Channel.API or application.submitted_by_id is None:
        return ""
    client = ApiClient.objects.filter(user_id=application.submitted_by_id).only("name").first()
    return client.name if client is not None else ""


def result_is_paper(*, application: Application) -> bool:
    """Law 4.1.4, 21.2: the result is a paper document the recipient collects (or receives by
    courier): the standard's result form is paper, or the recipient chose delivery in person or
    by courier, or (nothing chosen) the standard offers only those. Otherwise it is an
    electronic document (or a state-system record) that lands in the cabinet."""
    version = application.standard_version
    if version is not None and version.result_form == ResultForm.PAPER:
        return True
    paper = {DeliveryMethod.IN_PERSON, DeliveryMethod.COURIER}
    if application.result_delivery_method:
        return application.result_delivery_method in paper
    offered = set(version.delivery_methods or []) if version is not None else set()
    return bool(offered) and offered <= paper


def result_available(*, user: User, application: Application) -> bool:
    """Law 4.1.4, 21.2: who may open the result document (the caller checked access): the staff
    who act on the application (and inspectors) once it is ready, to print or hand it over; the
    recipient once it is issued, when it is theirs (an e-result is issued as it lands in the
    cabinet; a paper result when handed over)."""
    if application.status not in RESULT_STATUSES:
        return False
    if application.status == ApplicationStatus.ISSUED:
        return True
    return (
        can_act_as_provider(user=user, application=application)
        or can_act_as_operator(user=user, application=application)
        or has_role(user=user, roles=READ_ONLY_NATIONAL_ROLES)
    )


def application_get(*, number: str) -> Application | None:
    """The application with this number, or None (``get`` on the unique number: ``first()``
    would order by the model's ordering, issue 20.2)."""
    try:
        return Application.objects.select_related(*_LIST_RELATED, "standard_version", "parent").get(
            number=number
        )
    except Application.DoesNotExist:
        return None


def application_draft_open(*, owner: User, service: Service) -> ApplicationDraft | None:
    """ADR 0025: the owner's latest open, unexpired draft of ``service`` (the one the start
    page resumes), or ``None``."""
    if owner is None or not owner.pk:
        return None
    return (
        ApplicationDraft.objects.filter(
            owner=owner, service=service, closed_at__isnull=True, expires_at__gt=timezone.now()
        )
        .order_by("-updated_at")
        .first()
    )


def application_draft_submitted(*, owner: User, key: str) -> Application | None:
    """ADR 0025: the application the owner's draft with this key became (``None`` while it is
    open, or when it is not the owner's): a second "Submit" leads to its confirmation."""
    try:
        parsed = uuid.UUID(str(key))
    except ValueError:
        return None
    draft = (
        ApplicationDraft.objects.filter(key=parsed, owner=owner, closed_at__isnull=False)
        .select_related("application")
        .first()
    )
    return draft.application if draft is not None else None


def application_submitted_with_key(*, user: User, idempotency_key: str) -> Application | None:
    """Issue 20.4: the application ``user`` submitted with a form's key, if any (the form's
    page, shown again by Back, says it was sent and links to it)."""
    if not user.pk or not idempotency_key:
        return None
    return Application.objects.filter(submitted_by=user, idempotency_key=idempotency_key).first()


def application_confirmation_get(*, user: User, number: str) -> Application | None:
    """ADR 0025: the application a portal applicant just submitted, for its confirmation page:
    only the applicant's own (``recipient_user``); ``None`` for anyone else's or an unknown
    number (the page answers 404, telling nothing of whether it exists)."""
    if user is None or not user.pk:
        return None
    return (
        Application.objects.select_related("service", "provider", "standard_version")
        .filter(number=number, recipient_user=user)
        .first()
    )


# --- Lists --------------------------------------------------------------------------------


# Law 5.2.5: the stages at which the result has reached the recipient (or, for a State
# Corporation application, the State Corporation); a reasoned refusal is recorded in the
# monitoring system and reaches it at once.
ARRIVED_STATUSES: frozenset[str] = frozenset({ApplicationStatus.ISSUED, ApplicationStatus.REFUSED})
ARRIVED_AT_STATE_CORPORATION_STATUSES: frozenset[str] = ARRIVED_STATUSES | {ApplicationStatus.HANDED_OVER}

# Law 5.2.5: a State Corporation application whose result is owed to the branch by a date.
_HANDOVER_Q = Q(channel=Channel.STATE_CORPORATION, handover_due_on__isnull=False)


def term_missed_q(*, today: dt.date) -> Q:
    """Law 5.2.5: applications whose term has run out on ``today`` without the result having
    arrived: a State Corporation application not handed to the State Corporation (nor issued
    or refused) after its handover date; any other application not issued or refused after its
    due date, whatever its stage (a paper result waiting for pickup included)."""
    handover_missed = (
        _HANDOVER_Q & Q(handover_due_on__lt=today) & ~Q(status__in=ARRIVED_AT_STATE_CORPORATION_STATUSES)
    )
    due_missed = ~_HANDOVER_Q & Q(due_on__lt=today) & ~Q(status__in=ARRIVED_STATUSES)
    return handover_missed | due_missed


def _with_flags(qs: QuerySet[Application], today: dt.date) -> QuerySet[Application]:
    """``is_overdue``: the term ran out without the result arriving (``term_missed_q``);
    ``is_term_violated``: that, or a term violation is recorded on it (a late handover or
    issue, Law 5.2.5); ``is_handover_overdue``: a State Corporation application not handed
    over by its handover date; ``is_due_today``: open and due today."""
    open_q = ~Q(status__in=CLOSED_STATUSES)
    missed = term_missed_q(today=today)
    return qs.annotate(
        is_overdue=Case(When(missed, then=Value(True)), default=Value(False), output_field=BooleanField()),
        is_term_violated=Case(
            When(missed | Q(term_violated_on__isnull=False), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        is_handover_overdue=Case(
            When(
                _HANDOVER_Q
                & Q(handover_due_on__lt=today)
                & ~Q(status__in=ARRIVED_AT_STATE_CORPORATION_STATUSES),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        ),
        is_due_today=Case(
            When(open_q & Q(due_on=today), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )


# The worklist's sortable columns (``?sort=key`` or ``-key``) and its own order.
WORKLIST_SORTS: SortFields = {
    "due_on": ("due_on", "id"),
    "number": ("number",),
    "service": ("service__code", "id"),
    "channel": ("channel", "due_on", "id"),
    "status": ("status", "due_on", "id"),
    "recipient": ("recipient_name", "id"),
}
WORKLIST_DEFAULT_SORT = "due_on"


def application_worklist(
    *,
    user: User,
    status: str | Iterable[str] | None = None,
    service: Service | None = None,
    channel: str | None = None,
    due_from: dt.date | None = None,
    due_to: dt.date | None = None,
    period: Period | None = None,
    flag: str = "",
    open_only: bool = False,
    sort: str = "",
    today: dt.date | None = None,
) -> QuerySet[Application]:
    """Law 5.2.11: a provider officer's applications (a head's: the subtree), by due date, each
    annotated as ``_with_flags`` says (overdue, handover overdue, term violated, due today).
    ``flag`` ``"overdue"`` keeps those whose term ran out without the result arriving (Law
    5.2.5: a State Corporation case past its handover date included), ``"today"`` the open
    ones due today; ``open_only`` drops the issued and refused. Composite parents are not work
    items. ``period`` bounds the due date, both
    days included (``qyzmet.core.listing``); ``sort`` is one of ``WORKLIST_SORTS`` (another
    raises ``UnknownSort``)."""
    _key, order = sort_order(sort, fields=WORKLIST_SORTS, default=WORKLIST_DEFAULT_SORT)
    today = today or timezone.localdate()
    orgs = organisations_visible_to(user=user, roles=PROVIDER_ROLES)
    qs = Application.objects.filter(provider__in=orgs, composite_service__isnull=True)
    if status:
        qs = qs.filter(status=status) if isinstance(status, str) else qs.filter(status__in=list(status))
    if service is not None:
        qs = qs.filter(service=service)
    if channel:
        qs = qs.filter(channel=channel)
    if due_from:
        qs = qs.filter(due_on__gte=due_from)
    if due_to:
        qs = qs.filter(due_on__lte=due_to)
    if flag == "overdue":
        qs = qs.filter(term_missed_q(today=today))
    elif flag == "today":
        qs = qs.exclude(status__in=CLOSED_STATUSES).filter(due_on=today)
    if period is not None:
        qs = qs.filter(period.q("due_on"))
    if open_only:
        qs = qs.exclude(status__in=CLOSED_STATUSES)
    return _with_flags(qs.select_related(*_LIST_RELATED), today).order_by(*order)


def worklist_service_choices(*, user: User) -> QuerySet[Service]:
    """The services the worklist can be narrowed to: those of the user's applications."""
    orgs = organisations_visible_to(user=user, roles=PROVIDER_ROLES)
    ids = Application.objects.filter(provider__in=orgs, service__isnull=False).values("service_id")
    return Service.objects.filter(pk__in=ids).order_by("code")


def unclaimed_result_list(*, user: User) -> QuerySet[Application]:
    """Law 4.1.4, 21.2: results the recipient has not received yet, oldest first: paper results
    ready at the user's provider organisations waiting for pickup (or the courier), and results
    handed to the user's State Corporation branches waiting at the desk. A State Corporation
    result still at the provider is not here: it is owed to the branch (Law 5.2.5)."""
    at_provider = Q(
        provider__in=organisations_visible_to(user=user, roles=PROVIDER_ROLES),
        status=ApplicationStatus.RESULT_READY,
    ) & ~Q(channel=Channel.STATE_CORPORATION)
    at_branch = Q(
        accepting_organisation__in=organisations_visible_to(user=user, roles=OPERATOR_ROLES),
        status=ApplicationStatus.HANDED_OVER,
    )
    return (
        Application.objects.filter(at_provider | at_branch, composite_service__isnull=True)
        .select_related(*_LIST_RELATED)
        .order_by("result_ready_at", "id")
    )


def visible_application_q(*, user: User) -> Q:
    """Every application the user may see (the rules of ``access_application`` as a filter)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if has_role(user=user, roles=READ_ONLY_NATIONAL_ROLES):
        return Q()
    q = Q(provider__in=organisations_visible_to(user=user, roles=PROVIDER_ROLES))
    q |= Q(accepting_organisation__in=organisations_visible_to(user=user, roles=OPERATOR_ROLES))
    q |= Q(recipient_user=user)
    if user.iin:
        q |= Q(recipient_kind=RecipientKind.INDIVIDUAL, recipient_iin=user.iin)
    bins = list(companies_of(user).values_list("bin", flat=True))
    if bins:
        q |= Q(recipient_kind=RecipientKind.LEGAL_ENTITY, recipient_bin__in=bins)
    return q


def application_list(
    *,
    user: User,
    status: str | None = None,
    service: Service | None = None,
    channel: str | None = None,
    provider_id: int | None = None,
    number: str = "",
    today: dt.date | None = None,
) -> QuerySet[Application]:
    """Every application the user may see, newest first, flagged ``is_overdue`` /
    ``is_due_today`` (for the API and the inspector's national view)."""
    qs = Application.objects.filter(visible_application_q(user=user))
    if status:
        qs = qs.filter(status=status)
    if service is not None:
        qs = qs.filter(service=service)
    if channel:
        qs = qs.filter(channel=channel)
    if provider_id:
        qs = qs.filter(provider_id=provider_id)
    if number:
        qs = qs.filter(number__iexact=number.strip())
    qs = qs.select_related(*_LIST_RELATED)
    return _with_flags(qs, today or timezone.localdate()).order_by("-submitted_at", "-id")


def _branch_qs(user: User) -> QuerySet[Application]:
    orgs = organisations_visible_to(user=user, roles=OPERATOR_ROLES)
    return Application.objects.filter(accepting_organisation__in=orgs).select_related(*_LIST_RELATED)


def state_corporation_accepted_list(*, user: User, today: dt.date | None = None) -> QuerySet[Application]:
    """Law 20: what the operator's branch accepted, newest first."""
    return _with_flags(_branch_qs(user), today or timezone.localdate()).order_by("-submitted_at", "-id")


def state_corporation_pickup_list(*, user: User, today: dt.date | None = None) -> QuerySet[Application]:
    """Law 5.2.5: results handed to the branch and waiting for the recipient, flagged as
    ``_with_flags`` says (``is_term_violated``: handed over after the handover date)."""
    qs = _branch_qs(user).filter(status=ApplicationStatus.HANDED_OVER)
    return _with_flags(qs, today or timezone.localdate()).order_by("due_on", "id")


def state_corporation_handover_overdue_list(
    *, user: User, today: dt.date | None = None
) -> QuerySet[Application]:
    """Law 5.2.5: applications the branch accepted whose result the provider has not handed to
    the State Corporation by the handover date (term violations), oldest handover date first."""
    today = today or timezone.localdate()
    qs = (
        _branch_qs(user)
        .filter(_HANDOVER_Q, handover_due_on__lt=today, composite_service__isnull=True)
        .exclude(status__in=ARRIVED_AT_STATE_CORPORATION_STATUSES)
    )
    return _with_flags(qs, today).order_by("handover_due_on", "id")


def state_corporation_unclaimed_list(*, user: User, today: dt.date | None = None) -> QuerySet[Application]:
    """Paper results kept at the branch unclaimed for more than ``UNCLAIMED_AFTER_DAYS`` days."""
    today = today or timezone.localdate()
    limit = today - dt.timedelta(days=UNCLAIMED_AFTER_DAYS)
    handed = Stage.objects.filter(kind=StageKind.HANDED_OVER, occurred_at__date__lt=limit).values(
        "application_id"
    )
    return state_corporation_pickup_list(user=user).filter(pk__in=handed)


def recipient_application_list(*, user: User) -> QuerySet[Application]:
    """Law 21.2-1: the recipient's cabinet: own applications (e-results land here)."""
    if not user.is_authenticated:
        return Application.objects.none()
    q = Q(recipient_user=user)
    if user.iin:
        q |= Q(recipient_kind=RecipientKind.INDIVIDUAL, recipient_iin=user.iin)
    bins = list(companies_of(user).values_list("bin", flat=True))
    if bins:
        q |= Q(recipient_kind=RecipientKind.LEGAL_ENTITY, recipient_bin__in=bins)
    return (
        Application.objects.filter(q, parent__isnull=True)
        .select_related(*_LIST_RELATED)
        .order_by("-submitted_at", "-id")
    )


def application_stages(*, application: Application) -> QuerySet[Stage]:
    return application.stages.select_related("officer", "organisation", "other_body").order_by(
        "occurred_at", "id"
    )


@dataclass(frozen=True)
class TermFlags:
    """The term flags ``_with_flags`` computes, for one application (the worklist's rules)."""

    is_overdue: bool = False
    is_term_violated: bool = False
    is_handover_overdue: bool = False
    is_due_today: bool = False
    handover_due_on: dt.date | None = None


_FLAG_FIELDS = ("is_overdue", "is_term_violated", "is_handover_overdue", "is_due_today")


def application_term_flags(*, application: Application, today: dt.date | None = None) -> TermFlags:
    """Law 5.2.5, 5.2.8: whether ``application``'s term ran out without the result arriving on
    ``today`` (overdue), and the other flags of the worklist, by the same rules (one query)."""
    row = (
        _with_flags(Application.objects.filter(pk=application.pk), today or timezone.localdate())
        .values(*_FLAG_FIELDS)
        .first()
    )
    return TermFlags(**(row or {}), handover_due_on=application.handover_due_on)


@dataclass(frozen=True)
class StageLookup:
    """What the contact centre (and the public status page) may tell: no personal data. The
    provider is a state body (its name and public contacts are not personal data); the public
    status page shows it only to someone signed in who may see the application."""

    number: str
    service_code: str
    service_name_kk: str
    service_name_ru: str
    status: str
    due_on: dt.date
    stages: list[tuple[str, dt.datetime]]
    flags: TermFlags = TermFlags()
    provider_name_kk: str = ""
    provider_name_ru: str = ""
    provider_address: str = ""
    provider_phone: str = ""
    provider_email: str = ""

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def provider_name(self, language: str = "kk") -> str:
        return self.provider_name_ru if language[:2] == "ru" else self.provider_name_kk


def application_stage_lookup(
    *, number: str, iin_last4: str, today: dt.date | None = None
) -> StageLookup | None:
    """Law 5.2.8, 23.4: the current stage by number and the last four digits of the
    recipient's IIN/BIN (the contact centre and the public status page use it), flagged
    overdue by the worklist's rules (``_with_flags``) on ``today``, with the provider's
    public contacts (UCC 15: the operator tells the caller whom to turn to)."""
    # A lean read: the public status page and the 1414 console answer this at national scale
    # (``get`` on the unique number: no ORDER BY to compile, issue 20.1).
    found = (
        _with_flags(Application.objects.filter(number=number.strip().upper()), today or timezone.localdate())
        .select_related("service", "composite_service", "provider")
        .only(
            "number",
            "status",
            "due_on",
            "handover_due_on",
            "channel",
            "recipient_kind",
            "recipient_iin",
            "recipient_bin",
            "service__code",
            "service__name_kk",
            "service__name_ru",
            "composite_service__code",
            "composite_service__name_kk",
            "composite_service__name_ru",
            "provider__name_kk",
            "provider__name_ru",
            "provider__address",
            "provider__phone",
            "provider__email",
        )
        .order_by()
    )
    try:
        application = found.get()
    except Application.DoesNotExist:
        return None
    if len(iin_last4) != 4 or len(iin_last4) != 4 or not application.recipient_id_number.endswith(iin_last4):
        return None
    service = application.service
    provider = application.provider
    return StageLookup(
        number=application.number,
        service_code=service.code
        if service
        else (application.composite_service.code if application.composite_service else ""),
        service_name_kk=service.name_kk
        if service
        else (application.composite_service.name_kk if application.composite_service else ""),
        service_name_ru=service.name_ru
        if service
        else (application.composite_service.name_ru if application.composite_service else ""),
        status=application.status,
        due_on=application.due_on,
        stages=list(application.stages.order_by("occurred_at", "id").values_list("kind", "occurred_at")),
        flags=TermFlags(
            **{f: getattr(application, f) for f in _FLAG_FIELDS},
            handover_due_on=application.handover_due_on,
        ),
        provider_name_kk=provider.name_kk if provider else "",
        provider_name_ru=provider.name_ru if provider else "",
        provider_address=provider.address if provider else "",
        provider_phone=provider.phone if provider else "",
        provider_email=provider.email if provider else "",
    )


def application_visible_to(*, user: User, number: str) -> Application | None:
    """The application numbered ``number`` when ``user`` may see it (the rules of
    ``access_application``), else None: the public status page offers a signed-in recipient
    the links of their application page (receipt, result, complaint)."""
    if not user.is_authenticated:
        return None
    return (
        Application.objects.filter(visible_application_q(user=user), number=number.strip().upper())
        .select_related(*_LIST_RELATED)
        .first()
    )


def term_violation_list(
    *,
    since: dt.date | None = None,
    provider: Organisation | None = None,
    service: Service | None = None,
    due_from: dt.date | None = None,
    due_to: dt.date | None = None,
    channels: Iterable[str] | None = None,
    accepted_by: Organisation | None = None,
) -> QuerySet[TermViolation]:
    """Law 5.2.5: the missed terms (quality indicator 1.1, the quality assessment of Law 28 and
    the yearly report of Law 23.5 read these), optionally detected since a day, of one provider
    and its subtree, of one service, whose missed date falls from ``due_from`` to ``due_to``,
    of applications made on ``channels``, accepted by ``accepted_by`` (a State Corporation
    branch, or the State Corporation with its branches)."""
    qs = TermViolation.objects.select_related("application", "provider", "service")
    if accepted_by is not None:
        qs = qs.filter(application__accepting_organisation__path__startswith=accepted_by.path)
    if since:
        qs = qs.filter(detected_on__gte=since)
    if provider is not None:
        qs = qs.filter(provider__path__startswith=provider.path)
    if service is not None:
        qs = qs.filter(service=service)
    if due_from is not None:
        qs = qs.filter(due_on__gte=due_from)
    if due_to is not None:
        qs = qs.filter(due_on__lte=due_to)
    if channels is not None:
        qs = qs.filter(application__channel__in=list(channels))
    return qs


@dataclass(frozen=True)
class Volume:
    """Applications of one service on one channel (Law 18) registered in a period."""

    service_id: int
    channel: str
    applications: int


def application_volume_list(
    *,
    organisation: Organisation,
    start: dt.date,
    end: dt.date,
    accepted: bool = False,
    service: Service | None = None,
) -> list[Volume]:
    """Law 23.5: the applications registered from ``start`` to ``end`` by service and channel,
    delivered by ``organisation`` and its subtree (``accepted``: accepted by it, the State
    Corporation's branches), in one aggregate query, by service and channel."""
    who = "accepting_organisation__path__startswith" if accepted else "provider__path__startswith"
    qs = Application.objects.filter(
        service__isnull=False, registered_on__gte=start, registered_on__lte=end, **{who: organisation.path}
    )
    if service is not None:
        qs = qs.filter(service=service)
    rows = (
        qs.order_by()
        .values("service_id", "channel")
        .annotate(n=Count("pk"))
        .order_by("service_id", "channel")
    )
    return [Volume(service_id=r["service_id"], channel=r["channel"], applications=r["n"]) for r in rows]


def composite_service_list() -> QuerySet[CompositeService]:
    return CompositeService.objects.filter(is_active=True).prefetch_related("services")


def composite_children(*, application: Application) -> QuerySet[Application]:
    return application.children.select_related(*_LIST_RELATED).order_by("id")


def composite_child_list() -> QuerySet[Application]:
    """Children of composite parents with what a list shows of them (to prefetch under the
    parents a list holds: Law 1.1-2, one application followed in one place)."""
    return (
        Application.objects.filter(parent__isnull=False)
        .select_related("service", "provider")
        .prefetch_related(Prefetch("stages", queryset=Stage.objects.order_by("occurred_at", "id")))
        .order_by("service__code", "id")
    )


def proactive_offer_list(*, user: User) -> QuerySet[ProactiveOffer]:
    """The recipient's proactive offers (Law 21-1), newest first."""
    return ProactiveOffer.objects.filter(recipient=user).select_related("service", "provider", "application")


def notification_preference_get(*, user: User) -> NotificationPreference | None:
    """Law 21.2-1: the recipient's chosen notification channels (None: defaults)."""
    if not user.is_authenticated:
        return None
    return NotificationPreference.objects.filter(user=user).first()


def operator_branch(*, user: User) -> Organisation | None:
    """The State Corporation branch an operator works at (first by path), or None."""
    if not user.is_authenticated:
        return None
    return organisations_visible_to(user=user, roles=OPERATOR_ROLES).order_by("path").first()


def proactive_provider_organisations(*, user: User) -> list[Organisation]:
    """The organisations a provider officer or head works at (their own positions)."""
    seen: dict[int, Organisation] = {}
    for position in position_list(user=user, roles=PROVIDER_ROLES).order_by("organisation__path"):
        seen.setdefault(position.organisation_id, position.organisation)
    return list(seen.values())


def proactive_service_list(*, organisation: Organisation) -> QuerySet[Service]:
    """Law 21-1, 1.4: the proactive-capable services in the register this organisation delivers."""
    return services_delivered_by(organisation=organisation).filter(is_active=True, is_proactive_capable=True)


def proactive_offers_by_organisations(*, organisations: Iterable[Organisation]) -> QuerySet[ProactiveOffer]:
    """The latest offers the organisations made (staff page)."""
    return (
        ProactiveOffer.objects.filter(provider__in=list(organisations))
        .select_related("service", "recipient")
        .order_by("-offered_at", "-id")
    )


def application_document_file(*, application: Application, pk: int) -> ApplicationDocument | None:
    """A document of ``application`` that has a stored scan (the caller checked access)."""
    return ApplicationDocument.objects.filter(application=application, pk=pk).exclude(file="").first()


# --- Refusals to accept documents (Law 20.2, ADR 0021) ---------------------------------------


def acceptance_refusal_get(*, number: str) -> AcceptanceRefusal | None:
    return (
        AcceptanceRefusal.objects.filter(number=number.strip().upper())
        .select_related("service", "standard_version", "branch", "operator")
        .first()
    )


def access_acceptance_refusal(*, user: User, refusal: AcceptanceRefusal) -> AcceptanceRefusal:
    """The refusal, or ``AccessDenied``: only the operators of the branch that issued it (they
    print it again for the visitor). It holds the visitor's name: no one else reads it here."""
    if not can_act_for(user=user, organisation=refusal.branch, roles=OPERATOR_ROLES):
        raise AccessDenied()
    return refusal


def acceptance_refusal_list(*, user: User) -> QuerySet[AcceptanceRefusal]:
    """Refusals to accept issued at the branches where ``user`` is an operator, newest first."""
    return AcceptanceRefusal.objects.filter(
        branch__in=organisations_visible_to(user=user, roles=OPERATOR_ROLES)
    ).select_related("service")


def popular_service_ids(*, until: dt.date, days: int = 90, limit: int = 6) -> list[int]:
    """The services most applied for in the ``days`` days up to ``until`` (the landing page's
    popular services), most applications first, ties by code. Counts, no personal data."""
    since = until - dt.timedelta(days=days)
    rows = (
        Application.objects.filter(
            submitted_at__date__gt=since, submitted_at__date__lte=until, parent__isnull=True
        )
        .exclude(service__isnull=True)
        .values("service_id", "service__code")
        .annotate(n=Count("id"))
        .order_by("-n", "service__code")[:limit]
    )
    return [row["service_id"] for row in rows]


def decided_volume_rows(
    *, start: dt.date, end: dt.date, count_refusals: bool
) -> list[tuple[int, str, int | None, int]]:
    """How many applications were decided from ``start`` to ``end`` (inclusive, local dates),
    nationwide and on every channel, as ``(service_id, channel, provider_id, count)`` rows.
    Decided means with a result (ready, handed over or issued), dated by when the result was
    ready; with ``count_refusals`` also a reasoned refusal, dated by the refusal. A composite
    application's parent is not counted (its children are). For the PSC selection (PSC 4).
    ADR 0079: the whole months are read from the monthly aggregates where a count made after
    their end covers them and no correction waits for the sweep; every other day is counted
    from the cases. At most two queries whatever the volume."""
    return selectors_volumes.decided_volume_rows(start=start, end=end, count_refusals=count_refusals)


def application_retention_due(
    *,
    cutoff: dt.datetime,
    service_id: int | None,
    other_service_ids: Sequence[int],
    exclude: QuerySet[Any],
    only: Sequence[int] | None,
    limit: int,
) -> list[tuple[int, str]]:
    """ADR 0062: closed applications (issued or refused) closed before ``cutoff``, of one service
    (or of every service but ``other_service_ids``), less ``exclude``; (pk, number), oldest
    first."""
    qs = Application.objects.filter(status__in=CLOSED_STATUSES, closed_at__lt=cutoff).exclude(pk__in=exclude)
    if service_id is not None:
        qs = qs.filter(service_id=service_id)
    elif other_service_ids:
        qs = qs.exclude(service_id__in=list(other_service_ids))
    if only is not None:
        qs = qs.filter(pk__in=list(only))
    return list(qs.order_by("closed_at", "pk").values_list("pk", "number")[:limit])
