"""Writes of the public monitoring of the quality of public services (Law 29) and of the
aggregates behind the public indicators page (ADR 0051).

WHO acts at each step (everyone else is refused):

* registration, requests, the conclusion and its publication: the monitor, the signed-in
  individual identified by IIN who registered the monitoring, for themselves or for a
  non-profit organisation (Law 29.1);
* the answer to a request, or its refusal on a ground of Law 29.2: the staff of the body the
  request is addressed to (a provider head or officer; the State Corporation's own staff);
* the measures taken on a published conclusion (Law 29.4): the staff of a body the monitoring
  covered.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from qyzmet.core.identity import is_valid_bin
from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.monitoring import selectors
from qyzmet.monitoring.enums import (
    ConclusionStatus,
    MonitoringBasis,
    MonitoringStatus,
    MonitorKind,
    RefusalGround,
    RequestStatus,
)
from qyzmet.monitoring.errors import MonitoringErrorCode as E
from qyzmet.monitoring.errors import error, field_text, invalid, not_addressee, not_monitor
from qyzmet.monitoring.models import (
    BylawProposal,
    IndicatorAggregate,
    InformationRequest,
    Measure,
    Monitoring,
    MonitoringConclusion,
)
from qyzmet.notify.services import outbox_enqueue
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import is_state_body_bin
from qyzmet.quality.enums import Indicator
from qyzmet.quality.selectors import aggregated_indicator_table
from qyzmet.registry.models import Service
from qyzmet.workcalendar.calendar import add_calendar_days

LANGUAGES = ("kk", "ru")
Fields = dict[str, dict[str, str]]

_REQUIRED = field_text("Толтырыңыз.", "Заполните.", "Fill this in.")


def _lang(language: str) -> str:
    return language if language in LANGUAGES else "kk"


def _refuse_if(fields: Fields) -> None:
    if fields:
        raise invalid(fields)


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _person_name(user: User) -> str:
    return " ".join(p for p in (user.last_name, user.first_name) if p).strip() or user.get_username()


# --- registration (Law 29.1) -------------------------------------------------------------------


@transaction.atomic
def monitoring_register(
    *,
    actor: User,
    monitor_kind: str,
    subject: str,
    period_start: dt.date | None,
    period_end: dt.date | None,
    bodies: Sequence[Organisation],
    services: Sequence[Service],
    basis: str,
    social_order_reference: str = "",
    social_order_date: dt.date | None = None,
    organisation_name: str = "",
    organisation_bin: str = "",
    author_name: str = "",
    language: str = "kk",
    now: dt.datetime | None = None,
) -> Monitoring:
    """Law 29.1: register a public monitoring of ``bodies`` and ``services`` for the period,
    by an individual or a non-profit organisation, on its own initiative or under the quality
    authority's state social order (whose reference and date are then required). Every problem
    is reported at once; nothing is written on a refusal."""
    now = _now(now)
    today = timezone.localdate(now)
    if not actor.is_authenticated or not getattr(actor, "iin", ""):
        raise error(
            E.NOT_IDENTIFIED,
            "Қоғамдық мониторингті жеке тұлғалар мен коммерциялық емес ұйымдар жүргізеді "
            "(Заңның 29-бабының 1-тармағы): ЖСН-мен сәйкестендірілген есептік жазбамен кіріңіз.",
            "Общественный мониторинг проводят физические лица и некоммерческие организации "
            "(пункт 1 статьи 29 Закона): войдите с учётной записью, идентифицированной по ИИН.",
            "Public monitoring is conducted by individuals and non-profit organisations (Law 29.1): "
            "sign in with an account identified by IIN.",
        )
    fields: Fields = {}
    subject = subject.strip()
    organisation_name = organisation_name.strip()
    organisation_bin = organisation_bin.strip()
    social_order_reference = social_order_reference.strip()
    if monitor_kind not in MonitorKind.values:
        fields["monitor_kind"] = field_text(
            "Кім жүргізетінін таңдаңыз: жеке тұлға немесе коммерциялық емес ұйым (Заңның 29.1).",
            "Выберите, кто проводит: физическое лицо или некоммерческая организация (Закон, 29.1).",
            "Choose who monitors: an individual or a non-profit organisation (Law 29.1).",
        )
    if monitor_kind == MonitorKind.NON_PROFIT:
        if not organisation_name:
            fields["organisation_name"] = field_text(
                "Коммерциялық емес ұйымның атауын жазыңыз (Заңның 29.1).",
                "Укажите название некоммерческой организации (Закон, 29.1).",
                "Give the name of the non-profit organisation (Law 29.1).",
            )
        if not is_valid_bin(organisation_bin):
            fields["organisation_bin"] = field_text(
                "Ұйымның БСН-і 12 цифр және бақылау цифры дұрыс болуы керек.",
                "БИН организации — 12 цифр с верной контрольной цифрой.",
                "The organisation's BIN is 12 digits with a valid check digit.",
            )
        elif is_state_body_bin(organisation_bin):
            fields["organisation_bin"] = field_text(
                "Бұл мемлекеттік органның БСН-і: мониторингті коммерциялық емес ұйымдар жүргізеді "
                "(Заңның 29.1).",
                "Это БИН государственного органа: мониторинг проводят некоммерческие организации "
                "(Закон, 29.1).",
                "This is a state body's BIN: monitoring is conducted by non-profit organisations (Law 29.1).",
            )
    if basis not in MonitoringBasis.values:
        fields["basis"] = field_text(
            "Негізін таңдаңыз: өз бастамасы немесе мемлекеттік әлеуметтік тапсырыс (Заңның 29.1).",
            "Выберите основание: собственная инициатива или государственный социальный заказ (Закон, 29.1).",
            "Choose the basis: own initiative or a state social order (Law 29.1).",
        )
    if basis == MonitoringBasis.SOCIAL_ORDER and monitor_kind == MonitorKind.INDIVIDUAL:
        # Law 29.1: the state social order is placed with non-governmental organisations (the
        # legislation on the state social order, grants and premiums for them, which 29.1 names)
        fields["basis"] = field_text(
            "Мемлекеттік әлеуметтік тапсырыс бойынша мониторингті коммерциялық емес ұйым жүргізеді "
            "(Заңның 29-бабының 1-тармағы): «Коммерциялық емес ұйым» таңдаңыз немесе өз бастамаңыз бойынша "
            "тіркеңіз.",
            "Мониторинг по государственному социальному заказу проводит некоммерческая организация "
            "(пункт 1 статьи 29 Закона): выберите «Некоммерческая организация» или зарегистрируйте "
            "мониторинг по собственной инициативе.",
            "A monitoring under the state social order is conducted by a non-profit organisation (Law 29.1): "
            "choose a non-profit organisation, or register it at your own initiative.",
        )
    if basis == MonitoringBasis.SOCIAL_ORDER:
        if not social_order_reference:
            fields["social_order_reference"] = field_text(
                "Мемлекеттік әлеуметтік тапсырыстың деректемелерін (шарттың нөмірін) жазыңыз "
                "(Заңның 29.1, 7-бабының 6) тармақшасы).",
                "Укажите реквизиты государственного социального заказа (номер договора) "
                "(Закон, 29.1, подпункт 6) статьи 7).",
                "Give the reference of the state social order (the contract number) (Law 29.1, 7.6).",
            )
        if social_order_date is None or social_order_date > today:
            fields["social_order_date"] = field_text(
                "Тапсырыстың күнін жазыңыз (болашақ күн емес).",
                "Укажите дату заказа (не в будущем).",
                "Give the date of the order (not in the future).",
            )
    if not subject:
        fields["subject"] = _REQUIRED
    if period_start is None:
        fields["period_start"] = _REQUIRED
    if period_end is None:
        fields["period_end"] = _REQUIRED
    if period_start and period_end and period_end < period_start:
        fields["period_end"] = field_text(
            "Аяқталу күні басталу күнінен кейін болуы керек.",
            "Дата окончания должна быть не раньше даты начала.",
            "The end date must not be before the start date.",
        )
    if not bodies and not services:
        fields["bodies"] = field_text(
            "Мониторинг жүргізілетін органды немесе қызметті таңдаңыз (Заңның 29.1).",
            "Выберите орган или услугу, по которым проводится мониторинг (Закон, 29.1).",
            "Choose a body or a service to monitor (Law 29.1).",
        )
    wrong = [b for b in bodies if not selectors.is_monitorable_body(b)]
    if wrong:
        fields["bodies"] = field_text(
            "Мониторинг мемлекеттік қызметтерді көрсететін органдарға, Мемлекеттік корпорацияға "
            "және көрсетілетін қызметті берушілерге жүргізіледі (Заңның 29.3, 1) тармақшасы).",
            "Мониторинг проводится по органам, оказывающим государственные услуги, "
            "Государственной корпорации и услугодателям (подпункт 1) пункта 3 статьи 29 Закона).",
            "Monitoring covers bodies delivering public services, the State Corporation and "
            "providers (Law 29.3.1).",
        )
    _refuse_if(fields)
    assert period_start is not None and period_end is not None
    if not author_name.strip():
        author_name = organisation_name if monitor_kind == MonitorKind.NON_PROFIT else _person_name(actor)
    monitoring = Monitoring.objects.create(
        number=f"tmp-{uuid.uuid4().hex[:16]}",
        monitor=actor,
        monitor_kind=monitor_kind,
        organisation_name=organisation_name if monitor_kind == MonitorKind.NON_PROFIT else "",
        organisation_bin=organisation_bin if monitor_kind == MonitorKind.NON_PROFIT else "",
        author_name=author_name.strip()[:400],
        basis=basis,
        social_order_reference=social_order_reference if basis == MonitoringBasis.SOCIAL_ORDER else "",
        social_order_date=social_order_date if basis == MonitoringBasis.SOCIAL_ORDER else None,
        subject=subject[:500],
        language=_lang(language),
        period_start=period_start,
        period_end=period_end,
        registered_at=now,
    )
    monitoring.number = f"MN-{timezone.localtime(now).year}-{monitoring.pk:06d}"
    monitoring.save(update_fields=["number"])
    monitoring.bodies.set(list(bodies))
    monitoring.services.set(list(services))
    audit_record(
        actor=actor,
        action="monitoring.registered",
        obj=monitoring,
        after={
            "number": monitoring.number,
            "kind": monitor_kind,
            "basis": basis,
            "social_order": monitoring.social_order_reference,
            "bodies": [b.code for b in bodies],
            "services": [s.code for s in services],
        },
    )
    return monitoring


def _own(actor: User, monitoring: Monitoring) -> None:
    if not actor.is_authenticated or monitoring.monitor_id != actor.pk:
        raise not_monitor()


def _in_progress(monitoring: Monitoring) -> None:
    if monitoring.status != MonitoringStatus.IN_PROGRESS:
        raise error(
            E.CONCLUDED,
            "Мониторингтің қорытындысы жарияланды (Заңның 29.3): ол аяқталды. Жаңа мониторинг тіркеңіз.",
            "Заключение мониторинга опубликовано (Закон, 29.3): он завершён. Зарегистрируйте новый.",
            "The monitoring's conclusion is published (Law 29.3): it is over. Register a new one.",
        )


# --- requests for information (Law 29.2) ---------------------------------------------------


def request_due_on(*, sent_on: dt.date) -> dt.date:
    """ADR 0050: Law 29.2 names no term for the answer; the addressee has
    ``QYZMET_MONITORING_ANSWER_DAYS`` calendar days (15 by default) counted from the day after
    the request (Civil Code 171), a term ending on a non-working day ending on the next
    working day (Civil Code 173)."""
    return add_calendar_days(sent_on, int(settings.QYZMET_MONITORING_ANSWER_DAYS))


def _mail(*, to: str, subject: str, body: str, language: str, key: str, user: User | None = None) -> None:
    if to:
        outbox_enqueue(
            channel="email",
            to=to,
            subject=subject,
            body=body,
            language=language,
            dedup_key=key,
            kind="monitoring",
            user=user,
        )


@transaction.atomic
def information_request_send(
    *,
    actor: User,
    monitoring: Monitoring,
    addressee: Organisation | None,
    question: str,
    now: dt.datetime | None = None,
) -> InformationRequest:
    """Law 29.2: the monitor asks a body, the State Corporation or a provider for information
    on public services that is not on its internet resource; the answer is due in the term of
    ADR 0050. The addressee is told by e-mail (outbox)."""
    _own(actor, monitoring)
    _in_progress(monitoring)
    now = _now(now)
    fields: Fields = {}
    if addressee is None or not selectors.is_monitorable_body(addressee):
        fields["addressee"] = field_text(
            "Ақпарат орталық мемлекеттік органнан, жергілікті атқарушы органнан, әкімнен, "
            "Мемлекеттік корпорациядан немесе көрсетілетін қызметті берушіден сұратылады "
            "(Заңның 29.2): тізімнен таңдаңыз.",
            "Информация запрашивается у центрального государственного органа, местного "
            "исполнительного органа, акима, Государственной корпорации или услугодателя "
            "(Закон, 29.2): выберите из списка.",
            "Information is requested from a central state body, a local executive body, an akim, "
            "the State Corporation or a provider (Law 29.2): choose one from the list.",
        )
    question = question.strip()
    if not question:
        fields["question"] = field_text(
            "Қандай ақпарат қажет екенін жазыңыз (оның интернет-ресурста жоқ екенін, Заңның 29.2).",
            "Опишите, какая информация нужна (её нет на интернет-ресурсе, Закон, 29.2).",
            "Say what information you need (it is not on the internet resource, Law 29.2).",
        )
    _refuse_if(fields)
    assert addressee is not None
    sent_on = timezone.localdate(now)
    request = InformationRequest.objects.create(
        monitoring=monitoring,
        number=f"tmp-{uuid.uuid4().hex[:16]}",
        addressee=addressee,
        question=question,
        sent_at=now,
        due_on=request_due_on(sent_on=sent_on),
    )
    request.number = f"{monitoring.number}-R{request.pk}"
    request.save(update_fields=["number"])
    audit_record(
        actor=actor,
        action="monitoring.request_sent",
        obj=request,
        after={"number": request.number, "addressee": addressee.code, "due_on": request.due_on.isoformat()},
    )
    lang = _lang(monitoring.language)
    subject = {
        "kk": f"Қоғамдық мониторинг: ақпарат сұрау {request.number}",
        "ru": f"Общественный мониторинг: запрос информации {request.number}",
    }[lang]
    body = {
        "kk": f"{monitoring.author_name} ақпарат сұратады (Заңның 29.2). Жауап беру мерзімі: "
        f"{request.due_on:%d.%m.%Y}.\n\n{question}",
        "ru": f"{monitoring.author_name} запрашивает информацию (Закон, 29.2). Срок ответа: "
        f"{request.due_on:%d.%m.%Y}.\n\n{question}",
    }[lang]
    _mail(
        to=addressee.email, subject=subject, body=body, language=lang, key=f"monitoring-request-{request.pk}"
    )
    return request


def _answerable(actor: User, request: InformationRequest) -> None:
    if not selectors.acts_for_addressee(user=actor, organisation=request.addressee):
        raise not_addressee()
    if request.status != RequestStatus.PENDING:
        raise error(
            E.REQUEST_CLOSED,
            "Бұл сұрауға жауап берілген немесе бас тартылған: ол өзгертілмейді.",
            "На этот запрос уже ответили или отказали: он не изменяется.",
            "This request has already been answered or refused: it is not changed.",
        )


def _tell_monitor(request: InformationRequest, *, refused: bool) -> None:
    monitoring = request.monitoring
    lang = _lang(monitoring.language)
    what = {
        ("kk", False): "жауап берілді",
        ("kk", True): "бас тартылды",
        ("ru", False): "получен ответ",
        ("ru", True): "получен отказ",
    }[(lang, refused)]
    subject = {"kk": f"Сұрау {request.number}: {what}", "ru": f"Запрос {request.number}: {what}"}[lang]
    _mail(
        to=monitoring.monitor.email,
        subject=subject,
        body=subject,
        language=lang,
        key=f"monitoring-answer-{request.pk}",
        user=monitoring.monitor,
    )


@transaction.atomic
def information_request_answer(
    *, actor: User, request: InformationRequest, answer_text: str, now: dt.datetime | None = None
) -> InformationRequest:
    """Law 29.2: the addressed body's staff record the answer (once); the monitor is told."""
    _answerable(actor, request)
    answer_text = answer_text.strip()
    if not answer_text:
        raise invalid(
            {
                "answer_text": field_text(
                    "Жауаптың мәтінін жазыңыз немесе Заңның 29.2-тармағындағы негіз бойынша бас тартыңыз.",
                    "Напишите ответ или откажите по основанию пункта 2 статьи 29 Закона.",
                    "Write the answer, or refuse it on a ground of Law 29.2.",
                )
            }
        )
    before = request.status
    request.status = RequestStatus.ANSWERED
    request.answer_text = answer_text
    request.answered_at = _now(now)
    request.answered_by = actor
    request.save(update_fields=["status", "answer_text", "answered_at", "answered_by", "updated_at"])
    audit_record(
        actor=actor,
        action="monitoring.request_answered",
        obj=request,
        before={"status": before},
        after={"status": request.status, "late": request.is_late(timezone.localdate(request.answered_at))},
    )
    _tell_monitor(request, refused=False)
    return request


_URL = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)


@transaction.atomic
def information_request_refuse(
    *,
    actor: User,
    request: InformationRequest,
    ground: str,
    reason: str,
    now: dt.datetime | None = None,
) -> InformationRequest:
    """Law 29.2: the addressed body's staff refuse, with the reason, information that is a
    state secret, a commercial secret or another secret protected by law, or point to where it
    is already published on their internet resource (its address in the reason)."""
    _answerable(actor, request)
    reason = reason.strip()
    fields: Fields = {}
    if ground not in RefusalGround.values:
        fields["refusal_ground"] = field_text(
            "Бас тарту тек Заңның 29.2-тармағындағы негіз бойынша: мемлекеттік, коммерциялық "
            "немесе заңмен қорғалатын өзге құпия, не ақпарат интернет-ресурста жарияланған.",
            "Отказ — только по основанию пункта 2 статьи 29 Закона: государственная, коммерческая "
            "или иная охраняемая законом тайна, либо информация опубликована на интернет-ресурсе.",
            "A refusal needs a ground of Law 29.2: a state, commercial or other protected secret, "
            "or the information is published on the internet resource.",
        )
    if not reason:
        fields["refusal_reason"] = field_text(
            "Бас тарту себебін жазыңыз: қандай ақпарат және қандай заң оны қорғайды.",
            "Укажите причину отказа: какая информация и какой закон её охраняет.",
            "Give the reason: which information and which law protects it.",
        )
    elif ground == RefusalGround.PUBLISHED_ONLINE and not _URL.search(reason):
        fields["refusal_reason"] = field_text(
            "Ақпарат жарияланған интернет-ресурстың мекенжайын (https://...) жазыңыз (Заңның 29.2).",
            "Укажите адрес интернет-ресурса, где опубликована информация (https://...) (Закон, 29.2).",
            "Give the address of the internet resource where it is published (https://...) (Law 29.2).",
        )
    _refuse_if(fields)
    request.status = RequestStatus.REFUSED
    request.refusal_ground = ground
    request.refusal_reason = reason
    request.answered_at = _now(now)
    request.answered_by = actor
    request.save(
        update_fields=[
            "status",
            "refusal_ground",
            "refusal_reason",
            "answered_at",
            "answered_by",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action="monitoring.request_refused",
        obj=request,
        before={"status": RequestStatus.PENDING},
        after={"status": request.status, "ground": ground},
    )
    _tell_monitor(request, refused=True)
    return request


# --- the conclusion (Law 29.3) ---------------------------------------------------------------


@transaction.atomic
def conclusion_save(
    *,
    actor: User,
    monitoring: Monitoring,
    compliance: str,
    recommendations: str,
    quality_proposals: str,
    bylaw_proposals_text: str = "",
    bylaw_proposals: Iterable[tuple[Service, str]] = (),
    language: str | None = None,
) -> MonitoringConclusion:
    """Law 29.3: the monitor writes (or rewrites) the draft conclusion: 1) compliance with the
    legislation, 2) recommendations to remove the breaches, 3) proposals to raise the quality,
    4) proposals to change the by-laws (per service, and a general text). A draft may be
    incomplete; it is seen by its monitor only until it is published."""
    _own(actor, monitoring)
    _in_progress(monitoring)
    proposals = [(s, t.strip()) for s, t in bylaw_proposals if t.strip()]
    conclusion = MonitoringConclusion.objects.filter(monitoring=monitoring).first()
    values = {
        "compliance": compliance.strip(),
        "recommendations": recommendations.strip(),
        "quality_proposals": quality_proposals.strip(),
        "bylaw_proposals_text": bylaw_proposals_text.strip(),
        "language": _lang(language or monitoring.language),
    }
    if conclusion is None:
        conclusion = MonitoringConclusion.objects.create(
            monitoring=monitoring, number=f"{monitoring.number}-C", **values
        )
        action = "monitoring.conclusion_drafted"
    else:
        for name, value in values.items():
            setattr(conclusion, name, value)
        conclusion.save(update_fields=[*values, "updated_at"])
        action = "monitoring.conclusion_redrafted"
    conclusion.bylaw_proposals.all().delete()
    BylawProposal.objects.bulk_create(
        [BylawProposal(conclusion=conclusion, service=s, text=t) for s, t in proposals]
    )
    audit_record(
        actor=actor,
        action=action,
        obj=conclusion,
        after={"number": conclusion.number, "bylaw_proposals": [s.code for s, _t in proposals]},
    )
    return conclusion


@transaction.atomic
def conclusion_publish(
    *, actor: User, conclusion: MonitoringConclusion, now: dt.datetime | None = None
) -> MonitoringConclusion:
    """Law 29.3: publish the conclusion once it has its four parts; the monitoring is then
    concluded, its requests and answers become public, and each body it covered is told to
    take measures (Law 29.4). Refused while a request's answer term still runs (Law 29.2: the
    addressee has the term to answer)."""
    monitoring = conclusion.monitoring
    _own(actor, monitoring)
    if conclusion.status == ConclusionStatus.PUBLISHED:
        raise error(
            E.PUBLISHED,
            "Қорытынды жарияланған (Заңның 29.3): ол өзгертілмейді.",
            "Заключение опубликовано (Закон, 29.3): оно не изменяется.",
            "The conclusion is published (Law 29.3): it is not changed.",
        )
    _in_progress(monitoring)
    now = _now(now)
    today = timezone.localdate(now)
    fields: Fields = {}
    if not conclusion.compliance:
        fields["compliance"] = field_text(
            "1-бөлім: заңнама талаптарының сақталуы туралы ақпаратты жазыңыз (Заңның 29.3, 1) тармақшасы).",
            "Часть 1: укажите информацию о соблюдении требований законодательства (Закон, 29.3, подпункт 1).",
            "Part 1: give the information on compliance with the legislation (Law 29.3.1).",
        )
    if not conclusion.recommendations:
        fields["recommendations"] = field_text(
            "2-бөлім: бұзушылықтарды жою жөніндегі ұсынымдарды жазыңыз (Заңның 29.3, 2) тармақшасы); "
            "бұзушылық болмаса, соны жазыңыз.",
            "Часть 2: укажите рекомендации по устранению нарушений (Закон, 29.3, подпункт 2); "
            "если нарушений нет, так и напишите.",
            "Part 2: give the recommendations to remove the breaches (Law 29.3.2); if there are "
            "none, say so.",
        )
    if not conclusion.quality_proposals:
        fields["quality_proposals"] = field_text(
            "3-бөлім: сапаны арттыру жөніндегі ұсыныстарды жазыңыз (Заңның 29.3, 3) тармақшасы).",
            "Часть 3: укажите предложения по повышению качества (Закон, 29.3, подпункт 3).",
            "Part 3: give the proposals to raise the quality (Law 29.3.3).",
        )
    if not conclusion.bylaw_proposals_text and not conclusion.bylaw_proposals.exists():
        fields["bylaw_proposals_text"] = field_text(
            "4-бөлім: заңға тәуелді актілерге өзгерістер енгізу жөніндегі ұсыныстарды жазыңыз "
            "(Заңның 29.3, 4) тармақшасы); ұсыныс болмаса, соны жазыңыз.",
            "Часть 4: укажите предложения по изменению подзаконных актов (Закон, 29.3, подпункт 4); "
            "если предложений нет, так и напишите.",
            "Part 4: give the proposals to change the by-laws (Law 29.3.4); if there are none, say so.",
        )
    if fields:
        raise invalid(fields)
    waiting = monitoring.requests.filter(status=RequestStatus.PENDING, due_on__gte=today).order_by("due_on")
    first = waiting.first()
    if first is not None:
        raise error(
            E.ANSWER_PENDING,
            f"{first.number} сұрауына жауап беру мерзімі {first.due_on:%d.%m.%Y} дейін (Заңның 29.2): "
            "жауапты немесе мерзімнің өтуін күтіңіз.",
            f"Срок ответа на запрос {first.number} — до {first.due_on:%d.%m.%Y} (Закон, 29.2): "
            "дождитесь ответа или истечения срока.",
            f"The answer to request {first.number} is due by {first.due_on:%d.%m.%Y} (Law 29.2): "
            "wait for it or for the term to end.",
        )
    conclusion.status = ConclusionStatus.PUBLISHED
    conclusion.published_at = now
    conclusion.published_on = today
    conclusion.save(update_fields=["status", "published_at", "published_on", "updated_at"])
    monitoring.status = MonitoringStatus.CONCLUDED
    monitoring.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="monitoring.conclusion_published",
        obj=conclusion,
        before={"status": ConclusionStatus.DRAFT},
        after={"status": conclusion.status, "published_on": today.isoformat()},
    )
    lang = _lang(conclusion.language)
    for body in monitoring.bodies.all():
        subject = {
            "kk": f"Қоғамдық мониторингтің қорытындысы {conclusion.number}",
            "ru": f"Заключение общественного мониторинга {conclusion.number}",
        }[lang]
        text = {
            "kk": "Қорытындыны ескере отырып, сапаны арттыру жөнінде қабылданған шараларды тіркеңіз "
            "(Заңның 29.4).",
            "ru": "Зарегистрируйте меры по повышению качества, принятые с учётом заключения (Закон, 29.4).",
        }[lang]
        _mail(
            to=body.email,
            subject=subject,
            body=text,
            language=lang,
            key=f"monitoring-conclusion-{conclusion.pk}-{body.pk}",
        )
    return conclusion


@transaction.atomic
def conclusion_save_and_publish(
    *,
    actor: User,
    monitoring: Monitoring,
    compliance: str,
    recommendations: str,
    quality_proposals: str,
    bylaw_proposals_text: str = "",
    bylaw_proposals: Iterable[tuple[Service, str]] = (),
    language: str | None = None,
    now: dt.datetime | None = None,
) -> MonitoringConclusion:
    """Law 29.3: save the conclusion as typed and publish it, in one step: a refused
    publication (an empty part, a request whose answer term still runs) writes nothing, not
    even the draft (the page shows the form again with what was typed)."""
    conclusion = conclusion_save(
        actor=actor,
        monitoring=monitoring,
        compliance=compliance,
        recommendations=recommendations,
        quality_proposals=quality_proposals,
        bylaw_proposals_text=bylaw_proposals_text,
        bylaw_proposals=bylaw_proposals,
        language=language,
    )
    return conclusion_publish(actor=actor, conclusion=conclusion, now=now)


# --- measures (Law 29.4) ------------------------------------------------------------------------


@transaction.atomic
def measure_record(
    *,
    actor: User,
    conclusion: MonitoringConclusion,
    body: Organisation,
    text: str,
    taken_on: dt.date | None,
    now: dt.datetime | None = None,
) -> Measure:
    """Law 29.4: a body the monitoring covered records a measure it took, on or after the day
    the conclusion was published and not in the future; only its own staff record it."""
    if not selectors.acts_for_addressee(user=actor, organisation=body):
        raise not_addressee()
    if conclusion.status != ConclusionStatus.PUBLISHED or conclusion.published_on is None:
        raise error(
            E.NOT_PUBLISHED,
            "Шаралар жарияланған қорытынды бойынша тіркеледі (Заңның 29.4).",
            "Меры регистрируются по опубликованному заключению (Закон, 29.4).",
            "Measures are recorded on a published conclusion (Law 29.4).",
        )
    if not conclusion.monitoring.bodies.filter(pk=body.pk).exists():
        raise error(
            E.NOT_ADDRESSED_BODY,
            "Шараларды мониторинг жүргізілген органдар қабылдайды (Заңның 29.4): бұл орган қорытындыда жоқ.",
            "Меры принимают органы, в отношении которых проводился мониторинг (Закон, 29.4): "
            "этого органа нет в заключении.",
            "Measures are taken by the bodies the monitoring covered (Law 29.4): this body is not "
            "among them.",
        )
    now = _now(now)
    today = timezone.localdate(now)
    text = text.strip()
    fields: Fields = {}
    if not text:
        fields["text"] = field_text(
            "Қандай шара қабылданғанын жазыңыз (Заңның 29.4).",
            "Опишите принятую меру (Закон, 29.4).",
            "Describe the measure taken (Law 29.4).",
        )
    if taken_on is None or taken_on > today or taken_on < conclusion.published_on:
        fields["taken_on"] = field_text(
            f"Шара қабылданған күн: қорытынды жарияланған {conclusion.published_on:%d.%m.%Y} күннен "
            "бастап бүгінге дейін.",
            f"Дата принятия меры: с даты публикации заключения {conclusion.published_on:%d.%m.%Y} "
            "по сегодня.",
            f"The date the measure was taken: from the conclusion's publication on "
            f"{conclusion.published_on:%d.%m.%Y} up to today.",
        )
    _refuse_if(fields)
    assert taken_on is not None
    measure = Measure.objects.create(
        conclusion=conclusion, body=body, text=text, taken_on=taken_on, recorded_by=actor, recorded_at=now
    )
    audit_record(
        actor=actor,
        action="monitoring.measure_recorded",
        obj=measure,
        after={"conclusion": conclusion.number, "body": body.code, "taken_on": taken_on.isoformat()},
    )
    return measure


# --- aggregates of the public indicators page (ADR 0051) --------------------------------------


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, month, 1)
    end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return start, end


@transaction.atomic
def indicator_aggregate_refresh(
    *, year: int, month: int, today: dt.date | None = None, now: dt.datetime | None = None
) -> int:
    """Recompute one month of the STD appendix indicators per service and provider with the
    quality app's computation (``aggregated_indicator_table``: its monthly aggregates where
    settled, ADR 0078, else a few grouped queries over the cases, whatever the
    volume) and replace that month's rows. Returns the number of rows written."""
    now = _now(now)
    start, end = _month_bounds(year, month)
    table = aggregated_indicator_table(start=start, end=end, today=today or timezone.localdate(now))
    rows = []
    for row in table.rows:
        if row.service is None:
            continue
        for code in Indicator.values:
            fig = row.figures.get(code)
            if fig is None or not fig.denominator:
                continue
            rows.append(
                IndicatorAggregate(
                    year=year,
                    month=month,
                    service=row.service,
                    provider=row.provider,
                    indicator=code,
                    numerator=fig.numerator,
                    denominator=fig.denominator,
                    refreshed_at=now,
                )
            )
    IndicatorAggregate.objects.filter(year=year, month=month).delete()
    IndicatorAggregate.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def indicator_aggregate_refresh_recent(*, months: int = 2, now: dt.datetime | None = None) -> int:
    """The sweep: refresh the current month and the ``months - 1`` before it (late results and
    survey answers change them); older months keep their rows. A full rebuild is
    ``indicator_aggregate_rebuild``."""
    now = _now(now)
    today = timezone.localdate(now)
    written = 0
    y, m = today.year, today.month
    for _i in range(months):
        written += indicator_aggregate_refresh(year=y, month=m, today=today, now=now)
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return written


def indicator_aggregate_rebuild(*, start: dt.date, end: dt.date, now: dt.datetime | None = None) -> int:
    """Refresh every month from ``start`` to ``end`` (installation, a correction of old data)."""
    now = _now(now)
    today = timezone.localdate(now)
    written = 0
    month = start.replace(day=1)
    while month <= end:
        written += indicator_aggregate_refresh(year=month.year, month=month.month, today=today, now=now)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return written
