"""Demo complaints (kk and ru), built through the services: every subject and status, both
addressees, a paper complaint extended with its letter, an electronic one extended with its
message, an overdue one (marked by the sweep), recommendations of the quality authority
(pending, fulfilled, not fulfilled), linked to the demo applications where they exist.

Idempotent: each demo complaint is keyed by its text; present ones are skipped. Dates are
counted back in working days from the last working day on or before today, so the workspace
always shows live terms and no step lies after today."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.utils import timezone

from qyzmet.complaints import selectors, services
from qyzmet.complaints.enums import (
    ComplaintAddressee,
    ComplaintChannel,
    ComplaintOutcome,
    ComplaintSource,
    ComplaintSubject,
    ExtensionGround,
)
from qyzmet.complaints.models import Complaint
from qyzmet.core.models import User
from qyzmet.orgs.selectors import organisation_find_by_code

A = ComplaintAddressee
S = ComplaintSubject


@dataclass
class Spec:
    key: str  # the complaint text (natural key)
    complainant: str  # username
    provider: str  # organisation code
    subject: str
    addressee: str
    channel: str
    language: str
    days_ago: int  # registered this many working days ago
    reviewer: str = ""  # username acting for the reviewing body
    extend: tuple[str, int, str] | None = None  # ground, working days, reasons
    notice_after: int | None = None  # paper letter sent this many working days after the extension
    answer: tuple[str, str] | None = None  # outcome, reasoned answer
    answer_after: int = 3  # answered this many working days after registration
    study: str = ""
    recommendations: list[tuple[str, int, bool | None]] = field(
        default_factory=list
    )  # text, due (wd), fulfilled
    with_application: bool = False


SPECS: list[Spec] = [
    Spec(
        key="Неке қию туралы куәліктің көшірмесін беру мерзімі бұзылды, өтініш бойынша жауап жоқ.",
        complainant="citizen",
        provider="minjust",
        subject=S.DECISION,
        addressee=A.PROVIDER,
        channel=ComplaintChannel.ELECTRONIC,
        language="kk",
        days_ago=1,
        with_application=True,
    ),
    Spec(
        key="Сотрудник акимата отказался принять документы без объяснения причин.",
        complainant="citizen.ru",
        provider="astana-akimat",
        subject=S.OFFICER_ACTION,
        addressee=A.PROVIDER,
        channel=ComplaintChannel.PAPER,
        language="ru",
        days_ago=4,
        reviewer="officer.astana",
        extend=(ExtensionGround.ON_SITE_CHECK, 7, "Требуется проверка с выездом в отдел приёма документов."),
        notice_after=2,
    ),
    Spec(
        key="Жер телімін беру туралы шешім стандартта көрсетілген мерзімнен кеш шығарылды.",
        complainant="citizen",
        provider="astana-akimat",
        subject=S.STANDARD_NONCOMPLIANCE,
        addressee=A.PROVIDER,
        channel=ComplaintChannel.ELECTRONIC,
        language="kk",
        days_ago=3,
        reviewer="officer.astana",
        extend=(ExtensionGround.MORE_INFORMATION, 10, "Жер кадастры органынан қосымша ақпарат сұратылды."),
    ),
    Spec(
        key="ХҚКО операторы кезексіз қабылдап, құжатты жоғалтты.",
        complainant="citizen",
        provider="govcorp-astana",
        subject=S.STATE_CORPORATION,
        addressee=A.PROVIDER,
        channel=ComplaintChannel.ELECTRONIC,
        language="kk",
        days_ago=12,  # open past the 5-day term: the sweep marks it
    ),
    Spec(
        key="Справка о несудимости выдана с ошибкой в фамилии, исправлять отказались.",
        complainant="citizen.ru",
        provider="minjust",
        subject=S.DECISION,
        addressee=A.PROVIDER,
        channel=ComplaintChannel.ELECTRONIC,
        language="ru",
        days_ago=9,
        reviewer="officer.minjust",
        answer=(ComplaintOutcome.SATISFIED, "Справка переоформлена и направлена в личный кабинет."),
        answer_after=2,
    ),
    Spec(
        key="Компанияның лицензиясын қайта ресімдеуден негізсіз бас тартылды.",
        complainant="company.director",
        provider="minjust",
        subject=S.OFFICER_ACTION,
        addressee=A.PROVIDER,
        channel=ComplaintChannel.ELECTRONIC,
        language="kk",
        days_ago=10,
        reviewer="officer.minjust",
        answer=(
            ComplaintOutcome.REJECTED,
            "Бас тарту Заңның 19-1-бабына сәйкес негізделген: құжаттар толық емес.",
        ),
        answer_after=6,  # answered after the 5-day term: a breach
    ),
    Spec(
        key="Министерство юстиции нарушило стандарт: требовали документы, не предусмотренные стандартом.",
        complainant="citizen.ru",
        provider="minjust",
        subject=S.STANDARD_NONCOMPLIANCE,
        addressee=A.QUALITY_AUTHORITY,
        channel=ComplaintChannel.ELECTRONIC,
        language="ru",
        days_ago=20,
        reviewer="inspector.adgs",
        study="Изучены материалы: стандарт не предусматривает справку с места жительства; требование незаконно.",
        answer=(ComplaintOutcome.PARTLY_SATISFIED, "Нарушение подтверждено, органу направлена рекомендация."),
        answer_after=8,
        recommendations=[
            ("Принять заявление без справки с места жительства и оказать услугу.", 5, None),
            ("Провести разъяснительную работу с сотрудниками отдела приёма.", 4, True),
        ],
    ),
    Spec(
        key="Әкімдік шағымымды қарамады, мемлекеттік қызмет стандарты сақталмады.",
        complainant="citizen",
        provider="astana-akimat",
        subject=S.STANDARD_NONCOMPLIANCE,
        addressee=A.QUALITY_AUTHORITY,
        channel=ComplaintChannel.PAPER,
        language="kk",
        days_ago=25,
        reviewer="inspector.adgs",
        study="Шағым берушінің қанағаттанбау себептері зерделенді: жауап мерзімі бұзылған.",
        answer=(ComplaintOutcome.SATISFIED, "Бұзушылық расталды, әкімдікке ұсыным жіберілді."),
        answer_after=10,
        recommendations=[("Өтінішті қайта қарап, қызметті көрсету.", 3, False)],
    ),
    Spec(
        key="Шағым Мемлекеттік корпорацияның филиалы қызметкерінің дөрекілігіне қатысты.",
        complainant="citizen",
        provider="govcorp-astana",
        subject=S.OFFICER_ACTION,
        addressee=A.QUALITY_AUTHORITY,
        channel=ComplaintChannel.ELECTRONIC,
        language="kk",
        days_ago=2,
    ),
]


def _back(today: dt.date, n: int) -> dt.date:
    from qyzmet.workcalendar.calendar import is_working_day

    d = today
    while n > 0:
        d -= dt.timedelta(days=1)
        if is_working_day(d):
            n -= 1
    return d


def _forward(start: dt.date, n: int) -> dt.date:
    from qyzmet.workcalendar.calendar import add_working_days

    return add_working_days(start, n) if n > 0 else start


def _application_number(user: User) -> str:
    try:
        from qyzmet.delivery.selectors import recipient_application_list
    except ImportError:
        return ""
    try:
        application = recipient_application_list(user=user).first()
    except Exception:
        return ""
    return application.number if application is not None else ""


def _make(spec: Spec, users: dict[str, User], today: dt.date) -> Complaint | None:
    provider = organisation_find_by_code(code=spec.provider)
    complainant = users.get(spec.complainant)
    if provider is None or complainant is None:
        return None
    registered_on = _back(today, spec.days_ago)
    application_number = _application_number(complainant) if spec.with_application else ""
    common: dict[str, Any] = {
        "subject": spec.subject,
        "addressee": spec.addressee,
        # about an application: addressed by default to the body that delivered it
        "provider": selectors.application_provider_for(user=complainant, number=application_number)
        or provider,
        "text": spec.key,
        "registered_on": registered_on,
        "application_number": application_number,
    }
    if spec.channel == ComplaintChannel.ELECTRONIC:
        company_bin = ""
        if spec.complainant == "company.director":
            from qyzmet.orgs.selectors import companies_of

            company = companies_of(complainant).first()
            company_bin = company.bin if company is not None else ""
        complaint = services.complaint_file(
            actor=complainant,
            language=spec.language,
            complainant_bin=company_bin,
            source=ComplaintSource.CABINET,
            **common,
        )
    else:
        clerk = users.get(spec.reviewer)
        if clerk is None:
            return None
        complaint = services.complaint_register_paper(
            actor=clerk,
            reviewing_body=services._reviewing_body(addressee=spec.addressee, provider=provider),
            complainant_name=str(complainant),
            complainant_iin=complainant.iin,
            complainant_phone=complainant.phone,
            complainant_address="Астана қ., Сарыарқа ауданы, Бейбітшілік к-сі, 10, 25 п."
            if spec.language == "kk"
            else "г. Астана, район Сарыарка, ул. Бейбитшилик, 10, кв. 25",
            language=spec.language,
            **common,
        )
    reviewer = users.get(spec.reviewer)
    if reviewer is None:
        return complaint
    if spec.extend is not None:
        ground, days, reasons = spec.extend
        extended_on = min(_forward(registered_on, 2), complaint.due_on)
        extension = services.complaint_extend(
            complaint=complaint,
            actor=reviewer,
            ground=ground,
            reasons=reasons,
            working_days=days,
            extended_on=extended_on,
        )
        if spec.notice_after is not None and extension.notice_sent_on is None:
            services.complaint_extension_notice_record(
                extension=extension, actor=reviewer, sent_on=_forward(extended_on, spec.notice_after)
            )
        complaint.refresh_from_db()
    if spec.study:
        services.complaint_study_record(complaint=complaint, actor=reviewer, text=spec.study)
    for text, due_wd, fulfilled in spec.recommendations:
        issued_on = _forward(registered_on, 5)
        recommendation = services.recommendation_issue(
            complaint=complaint,
            actor=reviewer,
            text=text,
            due_on=_forward(issued_on, due_wd),
            issued_on=issued_on,
        )
        if fulfilled is not None:
            services.recommendation_control(
                recommendation=recommendation,
                actor=reviewer,
                fulfilled_on=_forward(issued_on, due_wd - 1) if fulfilled else None,
                in_full=fulfilled,
                note="Орындалды." if fulfilled else "Мерзімінде орындалмады.",
            )
    if spec.answer is not None:
        outcome, text = spec.answer
        services.complaint_answer(
            complaint=complaint,
            actor=reviewer,
            outcome=outcome,
            answer_text=text,
            answered_on=min(_forward(registered_on, spec.answer_after), today),
        )
    return complaint


def load(stdout: TextIO) -> None:
    from qyzmet.workcalendar.calendar import previous_working_day

    usernames = {s.complainant for s in SPECS} | {s.reviewer for s in SPECS if s.reviewer}
    users = {u.username: u for u in User.objects.filter(username__in=usernames)}
    if "citizen" not in users:
        stdout.write("complaints: demo users missing (run the orgs demo first); skipped\n")
        return
    today = timezone.localdate()
    # The demo's dates count from the last working day on or before today, so that a step a few
    # working days after registration is not after today when loaded on a day off.
    last_working_day = previous_working_day(today)
    made = 0
    for spec in SPECS:
        if Complaint.objects.filter(text=spec.key).exists():
            continue
        if _make(spec, users, last_working_day) is not None:
            made += 1
    marked = services.complaint_review_breach_sweep(today=today)
    stdout.write(
        f"complaints: {made} demo complaints created, {marked} marked as breaches of the review term\n"
    )
