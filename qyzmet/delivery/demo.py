"""Demo applications, built through the delivery services (idempotent: each scenario carries an
idempotency key of its submitting actor and is skipped when present).

Applications in every stage, on the provider, State Corporation, e-gov portal and mobile
channels; some overdue (swept into term violations); a refused one (its letter, SMS and e-mail in
Russian) with its re-application; a refusal to accept documents at a branch (Law 20.2); a
proactive offer open, one confirmed and one declined by SMS; a composite "birth of a child"
application with three children at different stages; kk and ru recipients and a legal entity; receipts are
generated on demand.

Dated from the moment of loading and never after it: applications come in at 10:30 on a working
day (today only when its steps fit before now); the services stamp each step now, and the demo
then moves the stages back to an officer's working hours between submission and now
(``_timeline``, ``_backdate``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import IO, Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from qyzmet.core.models import User
from qyzmet.delivery import selectors, services
from qyzmet.delivery.enums import Channel, RecipientKind, StageKind
from qyzmet.delivery.models import (
    AcceptanceRefusal,
    Application,
    CompositeService,
    ProactiveOffer,
    Stage,
    TermViolation,
)
from qyzmet.delivery.selectors import required_document_checklist, version_in_force
from qyzmet.delivery.services.applications import SELF_SERVICE_CHANNELS
from qyzmet.notify import demo as notify_demo
from qyzmet.orgs.models import Organisation, RecipientCompany
from qyzmet.payments.demo import demo_payment
from qyzmet.payments.enums import NotificationOutcome, PaymentStatus
from qyzmet.payments.models import Payment
from qyzmet.registry.enums import RefusalGround
from qyzmet.registry.models import FormField, Service, StandardVersion
from qyzmet.workcalendar.calendar import is_working_day, next_working_day, previous_working_day

ALMATY = ZoneInfo("Asia/Almaty")


# A valid IIN (check digit) of a demo spouse or child who has no account.
DEMO_OTHER_IIN = "900101400003"


def _field_value(f: FormField, user: User, on: dt.date) -> object:
    """A value the field's type and bounds accept on the application day ``on``."""
    if f.datatype == "iin":
        return user.iin if f.prefill or f.code == "iin" else DEMO_OTHER_IIN
    if f.datatype == "phone_kz" or f.code == "phone":
        return user.phone
    if f.datatype == "email":
        return user.email or "demo@example.kz"
    if f.datatype == "iban_kz":
        return "KZ86125KZT5004100100"  # the standard's example account, check digits valid
    if f.datatype == "date":
        if f.date_min_days is not None or f.date_max_days is not None:
            low = f.date_min_days if f.date_min_days is not None else (f.date_max_days or 0) - 30
            high = f.date_max_days if f.date_max_days is not None else low + 30
            return (on + dt.timedelta(days=min(low + 30, high))).isoformat()
        return "2020-05-15"
    if f.datatype in ("number", "amount"):
        return str(f.min_value if f.min_value is not None else 1)
    if f.datatype == "boolean":
        return True
    if f.datatype == "choice" and f.choices:
        return next(iter(f.choices))["key"]
    return "Серікбаев Нұрлан" if "name" in f.code else "Демо"


def _data(version: StandardVersion, user: User, on: dt.date) -> dict[str, object]:
    return {f.code: _field_value(f, user, on) for f in version.form_fields.all()}


def _documents(versions: list[StandardVersion], on: dt.date) -> list[services.SubmittedDocument]:
    return [
        services.SubmittedDocument(
            required_document=rd,
            document_number=f"D-{rd.pk:05d}",
            issued_on=on - dt.timedelta(days=10),
            valid_until=on + dt.timedelta(days=365) if rd.expires else None,
        )
        for v in versions
        for rd in required_document_checklist(version=v)
        if not rd.privileged_only
    ]


RECEIVED_AT = dt.time(10, 30)  # the demo's applications come in mid-morning
OPENS_AT = dt.time(9, 0)
CLOSES_AT = dt.time(18, 0)
STEP_GAP = dt.timedelta(hours=1)  # an officer's next step on the same working day


def _on(day: dt.date, at: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, at, tzinfo=ALMATY)


def _at(days_ago: int, *, steps: int = 0) -> dt.datetime:
    """10:30 on the working day ``days_ago`` calendar days back (or the working day before it),
    early enough that its ``steps`` fit before now: today from 09:00 when 10:30 is still ahead,
    the previous working day when today has no room (early morning, evening of a day off)."""
    now = timezone.localtime()
    day = previous_working_day(now.date() - dt.timedelta(days=days_ago))
    room = (steps + 1) * dt.timedelta(minutes=5)
    for at in (_on(day, RECEIVED_AT), _on(day, OPENS_AT)):
        if at + room <= now:
            return at
    return _on(previous_working_day(day - dt.timedelta(days=1)), RECEIVED_AT)


def _timeline(received: dt.datetime, fixed: list[dt.datetime | None]) -> list[dt.datetime]:
    """A time for each step after ``received``, in order and before now: the time the scenario
    fixes, or else an hour after the previous step within the working day (09:00-18:00) or the
    next working morning; steps that would fall after now (or after the next fixed step) are
    spread evenly before it instead."""
    now = timezone.now()
    times: list[dt.datetime] = []
    last = received
    for i, at in enumerate(fixed):
        nxt = next((j for j in range(i + 1, len(fixed)) if fixed[j] is not None), len(fixed))
        bound = min(now, fixed[nxt] or now) if nxt < len(fixed) else now
        if at is None:
            at = timezone.localtime(last + STEP_GAP)
            if at.time() > CLOSES_AT or not is_working_day(at.date()):
                at = _on(next_working_day(at.date() + dt.timedelta(days=1)), dt.time(9, 30))
        if not last <= at <= bound:
            at = last + (bound - last) / (nxt - i + 1)
        times.append(at)
        last = at
    return times


@dataclass
class Scenario:
    key: str
    actor: str
    service: str
    channel: str
    provider: str
    recipient: str
    days_ago: int
    steps: list[str] = field(default_factory=list)
    branch: str = ""
    legal_entity: bool = False
    reapplication_of: str = ""
    # per step: done this many days ago (11:30 on that working day or the one before), or
    # None: soon after the previous step (see ``_timeline``)
    step_days_ago: list[int | None] = field(default_factory=list)
    # the recipient's channels for this application (None: their preference)
    notify_email: bool | None = None


# steps: in_work, request, ready, hand_over, issue (by the branch operator), refuse
SCENARIOS: list[Scenario] = [
    Scenario(
        "desk-issued",
        "officer.minjust",
        "01030004",
        Channel.PROVIDER,
        "minjust",
        "citizen",
        3,
        ["in_work", "ready", "issue"],
    ),
    Scenario(
        "psc-awaiting-pickup",
        "operator.astana",
        "01030004",
        Channel.STATE_CORPORATION,
        "minjust",
        "citizen.ru",
        4,
        ["in_work", "ready", "hand_over"],
        branch="govcorp-astana",
    ),
    Scenario(
        "psc-unclaimed",
        "operator.astana",
        "01030004",
        Channel.STATE_CORPORATION,
        "minjust",
        "citizen",
        60,
        ["in_work", "ready", "hand_over"],
        branch="govcorp-astana",
        # decided late, then the result has lain at the branch for 45 days (unclaimed results)
        step_days_ago=[None, 46, 45],
    ),
    Scenario(
        "psc-issued",
        "operator.astana",
        "01030004",
        Channel.STATE_CORPORATION,
        "minjust",
        "citizen",
        4,
        ["in_work", "ready", "hand_over", "issue"],
        branch="govcorp-astana",
    ),
    Scenario(
        "psc-received-today",
        "operator.astana",
        "01030004",
        Channel.STATE_CORPORATION,
        "minjust",
        "citizen.ru",
        0,
        [],
        branch="govcorp-astana",
    ),
    Scenario("portal-received", "citizen", "01030004", Channel.EGOV_PORTAL, "minjust", "citizen", 1),
    Scenario(
        "portal-overdue-in-work",
        "citizen.ru",
        "01030004",
        Channel.EGOV_PORTAL,
        "minjust",
        "citizen.ru",
        15,
        ["in_work"],
    ),
    # Law 21.2-1: an electronic result (birth registration) lands in the cabinet: issued.
    Scenario(
        "portal-e-result",
        "citizen",
        "01010001",
        Channel.EGOV_PORTAL,
        "astana-akimat",
        "citizen",
        2,
        ["in_work", "ready"],
    ),
    # Law 4.1.4, 21.2: a paper result (an apostille) applied for on the portal waits for
    # pickup at the provider: ready, not issued (the worklist's unclaimed results).
    Scenario(
        "portal-paper-awaiting-pickup",
        "citizen.ru",
        "01030004",
        Channel.EGOV_PORTAL,
        "minjust",
        "citizen.ru",
        3,
        ["in_work", "ready"],
    ),
    # Law 5.2.5: a State Corporation case whose result is still at the provider after its
    # handover date: a term violation, flagged in the worklist and at the branch.
    Scenario(
        "psc-handover-overdue",
        "operator.astana",
        "01030004",
        Channel.STATE_CORPORATION,
        "minjust",
        "citizen",
        12,
        ["in_work", "ready"],
        branch="govcorp-astana",
        step_days_ago=[None, 9],
    ),
    Scenario(
        "desk-request-other-body",
        "officer.minjust",
        "01030004",
        Channel.PROVIDER,
        "minjust",
        "company.director",
        3,
        ["in_work", "request"],
        legal_entity=True,
    ),
    Scenario(
        "akimat-result-ready",
        "officer.astana",
        "01010001",
        Channel.PROVIDER,
        "astana-akimat",
        "citizen",
        0,
        ["in_work", "ready"],
    ),
    Scenario("mobile-overdue", "citizen", "08010002", Channel.MOBILE, "minfin", "citizen", 9),
    Scenario(
        "desk-refused",
        "officer.minjust",
        "01030004",
        Channel.PROVIDER,
        "minjust",
        "citizen.ru",
        3,
        ["in_work", "refuse"],
        notify_email=True,  # asked at the desk for e-mail too: the refusal goes both ways
    ),
    Scenario(
        "desk-reapplied",
        "officer.minjust",
        "01030004",
        Channel.PROVIDER,
        "minjust",
        "citizen.ru",
        1,
        [],
        reapplication_of="desk-refused",
    ),
]


REFUSAL_REASON = {
    "kk": "Ұсынылған «{document}» құжатының деректері мемлекеттік ақпараттық жүйедегі деректерге "
    "сәйкес келмейді: құжаттың нөмірі жүйеде жоқ.",
    "ru": "Сведения представленного документа «{document}» не совпадают с данными государственной "
    "информационной системы: номера документа в системе нет.",
}


def _refusal_reason(app: Application) -> str:
    """Law 19-1.1: the reason names a document the application itself presented."""
    lang = "ru" if app.language == "ru" else "kk"
    document = app.documents.order_by("-id").first()
    name = document.name(lang) if document is not None else ("Өтініш" if lang == "kk" else "Заявление")
    return REFUSAL_REASON[lang].format(document=name)


def _run_steps(
    app: Application, steps: list[str], users: dict[str, User], provider_officer: User | None
) -> list[list[int]]:
    """Run the steps through the services (stamped now); return the stages each step recorded."""
    officer = provider_officer
    groups: list[list[int]] = []
    for step in steps:
        if officer is None:
            break
        seen = set(Stage.objects.filter(application=app).values_list("pk", flat=True))
        if step == "in_work":
            app = services.application_take_in_work(actor=officer, application=app)
        elif step == "request":
            other = Organisation.objects.filter(code="mvd").first()
            app = services.application_request_other_body(
                actor=officer,
                application=app,
                other_body=other,
                note="Запрос сведений о судимости",
            )
        elif step == "ready":
            app = services.application_result_ready(
                actor=officer,
                application=app,
                result_summary_kk="Анықтама дайын",
                result_summary_ru="Справка готова",
            )
        elif step == "hand_over":
            app = services.application_hand_over(actor=officer, application=app)
        elif step == "issue":
            issuer = users.get("operator.astana") if app.channel == Channel.STATE_CORPORATION else officer
            if issuer is not None:
                app = services.application_issue(actor=issuer, application=app)
        elif step == "refuse":
            # Law 19-1.1: the letter, the SMS and the e-mail speak the application's language.
            app = services.application_refuse(
                actor=officer,
                application=app,
                grounds=[RefusalGround.UNRELIABLE_DOCUMENTS],
                reason=_refusal_reason(app),
            )
        groups.append(sorted(set(Stage.objects.filter(application=app).values_list("pk", flat=True)) - seen))
    return groups


def _backdate(app: Application, groups: list[list[int]], times: list[dt.datetime]) -> None:
    """Demo history only: the services stamp each step now; the stages (and the times the
    application keeps of them) are moved to the scenario's ``times``, in the order recorded.
    A term violation marked because the loader decided late is dated on the decision, or
    dropped when the decision's new date was in time."""
    for pks, at in zip(groups, times, strict=False):
        Stage.objects.filter(pk__in=pks).update(occurred_at=at)
    stages = list(Stage.objects.filter(application=app).order_by("id"))
    by_kind = {s.kind: s.occurred_at for s in stages}
    fields: dict[str, object] = {}
    if app.result_ready_at is not None and StageKind.RESULT_READY in by_kind:
        fields["result_ready_at"] = by_kind[StageKind.RESULT_READY]
    if app.closed_at is not None:
        fields["closed_at"] = stages[-1].occurred_at
    # Law 5.2.5: the result arrives when issued or refused, or for a State Corporation case
    # owing a handover when handed to the State Corporation; by the handover or due date.
    owes_handover = app.channel == Channel.STATE_CORPORATION and app.handover_due_on is not None
    arrival_kinds = [StageKind.ISSUED, StageKind.REFUSED]
    if owes_handover:
        arrival_kinds.insert(0, StageKind.HANDED_OVER)
    arrived = next((by_kind[k] for k in arrival_kinds if k in by_kind), None)
    term = app.handover_due_on if owes_handover else app.due_on
    if app.term_violated_on is not None and arrived is not None and term is not None:
        day = timezone.localdate(arrived)
        if day > term:
            fields["term_violated_on"] = day
            TermViolation.objects.filter(application=app).update(detected_on=day)
        else:
            fields["term_violated_on"] = None
            TermViolation.objects.filter(application=app).delete()
    if fields:
        Application.objects.filter(pk=app.pk).update(**fields)


# Law 1.4: where the demo recipients live (their default provider of local services).
DEMO_TERRITORIES = {
    "citizen": "astana-akimat",
    "citizen.ru": "akmola-akmol",
    "company.director": "almaty-almaly",
}


def _territories(users: dict[str, User]) -> None:
    territories = {o.code: o for o in Organisation.objects.filter(code__in=DEMO_TERRITORIES.values())}
    for username, code in DEMO_TERRITORIES.items():
        if code in territories and selectors.recipient_territory(user=users[username]) is None:
            services.recipient_territory_set(user=users[username], territory=territories[code])


def load(stdout: IO[str] | Any) -> None:
    usernames = {
        "officer.minjust",
        "officer.astana",
        "operator.astana",
        "citizen",
        "citizen.ru",
        "company.director",
    }
    users = {u.username: u for u in User.objects.filter(username__in=usernames)}
    if len(users) < len(usernames):
        stdout.write("delivery: demo users missing (load the orgs demo first); skipped\n")
        return
    _territories(users)
    services_by_code = {
        s.code: s
        for s in Service.objects.filter(code__in={s.service for s in SCENARIOS} | {"04010001", "05020001"})
    }
    orgs = {
        o.code: o
        for o in Organisation.objects.filter(
            code__in={"minjust", "astana-akimat", "minfin", "minlabour", "govcorp-astana", "mvd"}
        )
    }
    officers = {"minjust": users["officer.minjust"], "astana-akimat": users["officer.astana"]}
    created: dict[str, Application] = {}
    made = 0
    for sc in SCENARIOS:
        actor = users[sc.actor]
        existing = Application.objects.filter(submitted_by=actor, idempotency_key=f"demo-{sc.key}").first()
        if existing is not None:
            created[sc.key] = existing
            continue
        service = services_by_code.get(sc.service)
        provider = orgs.get(sc.provider)
        if service is None or provider is None:
            stdout.write(
                f"delivery: service {sc.service} or provider {sc.provider} missing; {sc.key} skipped\n"
            )
            continue
        received = _at(sc.days_ago, steps=len(sc.steps))
        version = version_in_force(service=service, on=received.date())
        recipient = users[sc.recipient]
        company = RecipientCompany.objects.filter(director=recipient).first() if sc.legal_entity else None
        # Law 24.1, ADR 0019: on a self-service channel a gateway fee is paid first.
        fee = services.fee_for(version=version, on=received.date())
        payment = (
            demo_payment(
                payer=recipient,
                amount_tenge=fee.amount_tenge,
                purpose="delivery.application",
                object_ref=f"demo-{sc.key}",
                payer_bin=company.bin if company else "",
                at=received - dt.timedelta(minutes=10),
                description=f"{service.code} {service.name_ru}",
            )
            if fee.payable_in_system and sc.channel in SELF_SERVICE_CHANNELS
            else None
        )
        app = services.application_submit(
            actor=actor,
            service=service,
            channel=sc.channel,
            provider=provider,
            accepting_organisation=orgs.get(sc.branch) if sc.branch else None,
            recipient_kind=RecipientKind.LEGAL_ENTITY if company else RecipientKind.INDIVIDUAL,
            recipient_iin=recipient.iin,
            recipient_bin=company.bin if company else "",
            recipient_name=company.name_ru if company else str(recipient),
            recipient_user=recipient,
            language=recipient.preferred_language if recipient.preferred_language in ("kk", "ru") else "kk",
            data=_data(version, recipient, received.date()),
            documents=_documents([version], received.date()),
            identity_confirmed=True,
            consent_method="e_signature" if sc.channel != Channel.STATE_CORPORATION else "written",
            reapplication_of=created.get(sc.reapplication_of),
            notify_email=sc.notify_email,
            idempotency_key=f"demo-{sc.key}",
            received_at=received,
            payment=payment,
        )
        if payment is not None:  # used when the application came in, not when the demo loaded
            Payment.objects.filter(pk=payment.pk).update(consumed_at=received)
        groups = _run_steps(app, sc.steps, users, officers.get(sc.provider))
        fixed = [
            None
            if days is None
            else _on(previous_working_day(timezone.localdate() - dt.timedelta(days=days)), dt.time(11, 30))
            for days in (sc.step_days_ago or [None] * len(groups))
        ]
        app.refresh_from_db()
        _backdate(app, groups, _timeline(app.submitted_at, fixed[: len(groups)]))
        app.refresh_from_db()
        if app.closed_at is not None:
            # Demo history: the notices of the decision left when it was made.
            notify_demo.mark_delivered(dedup_key_prefix=f"delivery:{app.number}:refused:", at=app.closed_at)
        created[sc.key] = app
        made += 1
    made += _acceptance_refusal(users, services_by_code, orgs)
    made += _after_hours_at_branch(users, services_by_code, orgs)
    made += _proactive(users, services_by_code, orgs)
    made += _composite(users, services_by_code, orgs)
    made += _payments(users, services_by_code)
    swept = services.application_sweep_overdue()
    stdout.write(f"delivery: {made} demo item(s) created, {swept} overdue marked\n")


def _after_hours_at_branch(
    users: dict[str, User], by_code: dict[str, Service], orgs: dict[str, Organisation]
) -> int:
    """Law 20.1 (ADR 0018): an application accepted at the Astana branch at 20:30, after the
    branch closed (20:00), is registered at the branch's opening on the next working day; the
    latest such evening whose next working day is not after today."""
    service, branch, minjust = by_code.get("01030004"), orgs.get("govcorp-astana"), orgs.get("minjust")
    actor = users["operator.astana"]
    if service is None or branch is None or minjust is None:
        return 0
    if Application.objects.filter(submitted_by=actor, idempotency_key="demo-psc-after-hours").exists():
        return 0
    today = timezone.localdate()
    day = previous_working_day(today - dt.timedelta(days=2))
    while next_working_day(day + dt.timedelta(days=1)) > today:
        day = previous_working_day(day - dt.timedelta(days=1))
    received = _on(day, dt.time(20, 30))
    version = version_in_force(service=service, on=day)
    recipient = users["citizen.ru"]
    services.application_submit(
        actor=actor,
        service=service,
        channel=Channel.STATE_CORPORATION,
        provider=minjust,
        accepting_organisation=branch,
        recipient_iin=recipient.iin,
        recipient_name=str(recipient),
        recipient_user=recipient,
        language="ru",
        data=_data(version, recipient, day),
        documents=_documents([version], day),
        identity_confirmed=True,
        consent_method="written",
        idempotency_key="demo-psc-after-hours",
        received_at=received,
    )
    return 1


def _acceptance_refusal(
    users: dict[str, User], by_code: dict[str, Service], orgs: dict[str, Organisation]
) -> int:
    """Law 20.2: one refusal to accept at the Astana branch two working days ago: the visitor
    (kk) came without one document of the list and with another one expired."""
    operator, branch, service = users["operator.astana"], orgs.get("govcorp-astana"), by_code.get("01030004")
    if branch is None or service is None or AcceptanceRefusal.objects.filter(branch=branch).exists():
        return 0
    at = _at(2)
    version = version_in_force(service=service, on=at.date())
    documents = _documents([version], at.date())
    if len(documents) < 2:
        return 0
    # The first document is not presented; the last one is two years old (expired, if it expires).
    expiring = next((d for d in documents if d.required_document.expires), None)  # type: ignore[union-attr]
    presented = [
        services.SubmittedDocument(
            required_document=d.required_document,
            document_number=d.document_number,
            issued_on=at.date() - dt.timedelta(days=730),
            valid_until=at.date() - dt.timedelta(days=365),
        )
        if d is expiring
        else d
        for d in documents[1:]
    ]
    visitor = users["citizen"]
    services.acceptance_refusal_issue(
        actor=operator,
        branch=branch,
        service=service,
        recipient_iin=visitor.iin,
        recipient_name=str(visitor),
        identity_confirmed=True,
        documents=presented,
        language="kk",
        at=at,
    )
    return 1


def _proactive(users: dict[str, User], by_code: dict[str, Service], orgs: dict[str, Organisation]) -> int:
    service = by_code.get("01010001")
    provider = orgs.get("astana-akimat")
    if service is None or provider is None:
        return 0
    made = 0
    # "withdrawn": consent withdrawn after the offer, then "ИӘ": closed, no application (Law 21-1)
    plan: tuple[tuple[str, tuple[str | None, ...]], ...] = (
        ("citizen", ("withdrawn", None)),
        ("citizen.ru", ("ДА",)),
        ("company.director", ("ЖОҚ",)),
    )
    for username, answers in plan:
        recipient = users[username]
        if (
            ProactiveOffer.objects.filter(recipient=recipient, service=service).exists()
            or not recipient.phone
        ):
            continue
        for answer in answers:
            services.proactive_consent_set(user=recipient, consent=True)
            services.proactive_offer_start(
                provider_user=users["officer.astana"], service=service, recipient=recipient, provider=provider
            )
            if answer == "withdrawn":
                services.proactive_consent_set(user=recipient, consent=False)
                services.proactive_sms_reply(phone=recipient.phone, text="ИӘ")
            elif answer:
                services.proactive_sms_reply(phone=recipient.phone, text=answer)
            made += 1
    return made


def _composite(users: dict[str, User], by_code: dict[str, Service], orgs: dict[str, Organisation]) -> int:
    """Law 1.1-2, 4.1.4-1: the "birth of a child" bundle in the catalogue, and one application
    for it whose children stand at different stages: the birth registration issued, the
    kindergarten queue in work, the benefit just received."""
    codes = ["01010001", "05020001", "04010001"]
    if any(c not in by_code for c in codes):
        return 0
    composite, _ = CompositeService.objects.get_or_create(
        code="birth-of-a-child",
        defaults={
            "name_kk": "Баланың тууы: бір өтініш (тіркеу, жәрдемақы, балабақша кезегі)",
            "name_ru": "Рождение ребёнка: одно заявление (регистрация, пособие, очередь в детский сад)",
        },
    )
    composite.description_kk = (
        "Бала туғанда бір өтініш беріңіз: туу тіркеледі, біржолғы жәрдемақы тағайындалады және бала "
        "балабақшаға кезекке қойылады. Әр құжат бір рет сұралады."
    )
    composite.description_ru = (
        "При рождении ребёнка подайте одно заявление: рождение регистрируется, назначается "
        "единовременное пособие и ребёнок ставится в очередь в детский сад. Каждый документ "
        "запрашивается один раз."
    )
    composite.life_situation = by_code["01010001"].life_situation
    composite.save(update_fields=["description_kk", "description_ru", "life_situation", "updated_at"])
    composite.services.set([by_code[c] for c in codes])
    citizen = users["citizen"]
    if Application.objects.filter(submitted_by=citizen, idempotency_key="demo-composite-birth").exists():
        return 0
    received = _at(2, steps=4)
    versions = [version_in_force(service=by_code[c], on=received.date()) for c in codes]
    data: dict[str, object] = {}
    for v in versions:
        data.update(_data(v, citizen, received.date()))
    parent = services.composite_application_submit(
        actor=citizen,
        composite_service=composite,
        channel=Channel.EGOV_PORTAL,
        providers={"01010001": orgs["astana-akimat"], "04010001": orgs["astana-akimat"]},
        recipient_iin=citizen.iin,
        recipient_name=str(citizen),
        recipient_user=citizen,
        language="kk",
        data=data,
        documents=_documents(versions, received.date()),
        consent_method="e_signature",
        idempotency_key="demo-composite-birth",
        received_at=received,
    )
    # Each child moves on its own: the registration is done (its e-result issued in the
    # cabinet), the kindergarten queue is in work, the benefit waits at its provider.
    for code, steps in (("01010001", ["in_work", "ready"]), ("04010001", ["in_work"])):
        child = parent.children.filter(service__code=code).first()
        if child is None:
            continue
        groups = _run_steps(child, steps, users, users["officer.astana"])
        child.refresh_from_db()
        _backdate(child, groups, _timeline(child.submitted_at, [None] * len(groups)))
    return 1


__all__ = ["load"]


# ADR 0019: payments that paid for nothing: one waiting, one declined, one refunded, one
# cancelled (its form sent without a fee; kk and ru payers), days before the load day.
PAYMENTS: list[tuple[str, str, str, int]] = [
    ("demo-payment-pending", "citizen", "", 0),
    ("demo-payment-failed", "citizen.ru", NotificationOutcome.FAILED, 2),
    ("demo-payment-refunded", "citizen", NotificationOutcome.REFUNDED, 5),
    ("demo-payment-cancelled", "citizen.ru", PaymentStatus.CANCELLED, 3),
]


def _payments(users: dict[str, User], by_code: dict[str, Service]) -> int:
    service = by_code.get("01030004")
    if service is None:
        return 0
    made = 0
    for ref, username, outcome, days_ago in PAYMENTS:
        payer = users[username]
        if Payment.objects.filter(object_ref=ref, payer=payer).exists():
            continue
        version = version_in_force(service=service, on=timezone.localdate())
        at = _on(previous_working_day(timezone.localdate() - dt.timedelta(days=days_ago)), dt.time(12, 15))
        demo_payment(
            payer=payer,
            amount_tenge=services.fee_for(version=version, on=at.date()).amount_tenge,
            purpose="delivery.application",
            object_ref=ref,
            outcome=outcome,
            at=at,
            description=f"{service.code} {service.name_kk if username == 'citizen' else service.name_ru}",
        )
        made += 1
    return made
