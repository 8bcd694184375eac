"""Demo public accountability, dated relative to the load day and never in the past's future
(the year reported on is the one before the load day's; every date is on or before today,
except a hearing announced ahead and an order's due date, which lie ahead by nature):

* quality assessments (Law 28) of the address certificate (02020002) at the Ministry of
  Internal Affairs for last year, both signed: the form delivered other than electronically
  (through the State Corporation) by the quality authority's ``inspector.adgs``, findings in
  Kazakh and Russian; the electronic form by the informatization authority's
  ``inspector.mindigital``;
* state control (Law 27): a closed case on the State Corporation's Astana branch on a pattern
  of complaints, with an order fulfilled in time; an open case on the Ministry of Internal
  Affairs resting on the assessment, with an order pending;
* yearly reports (Law 23.5) for last year: the Ministry of Internal Affairs' (head ``head.mvd``),
  with a public hearing held, its comments (one published, one withheld by the rule), minutes
  and how the results were used; the Akimat of Astana's (head ``head.astana``), with a hearing
  announced ahead that takes comments now.

Idempotent: each object is looked up first (assessment by body, service, year and form; case
by object and ground text; report by body and year; hearing by report) and left as it is."""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from django.utils import timezone

from qyzmet.complaints.selectors import complaint_list_for_period
from qyzmet.core.models import User
from qyzmet.orgs.models import Organisation
from qyzmet.oversight import services
from qyzmet.oversight.enums import (
    AssessmentStatus,
    CommentRejection,
    ControlGround,
    DeliveryForm,
    HearingStatus,
    Rating,
    ReportStatus,
)
from qyzmet.oversight.models import Assessment, ControlCase, Hearing, YearlyReport
from qyzmet.registry.models import Service

SERVICE = "02020002"  # the address certificate, delivered by the Ministry of Internal Affairs

CONTROL_BRANCH = (
    "Бір ай ішінде ХҚКО Астана бойынша мекенжай анықтамасының мерзімі туралы бірнеше шағым түсті."
)
CONTROL_MINISTRY = (
    "Сапаны бағалау мекенжай анықтамасын беру мерзімдерінің нормативтік мәннен төмен екенін көрсетті."
)


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _org(code: str) -> Organisation | None:
    return Organisation.objects.filter(code=code).first()


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _assessments(today: dt.date, year: int) -> int:
    body, service = _org("mvd"), Service.objects.filter(code=SERVICE).first()
    made = 0
    specs = [
        (
            DeliveryForm.OTHER,
            "inspector.adgs",
            Rating.SATISFACTORY,
            "Мемлекеттік корпорация арқылы берілген анықтамалардың көпшілігі мерзімінде берілді; "
            "шағымдар аз, бірақ байланыс орталығына ақпарат беруден бас тарту болды.",
            "Большинство справок через Государственную корпорацию выдано в срок; жалоб мало, "
            "но были отказы контакт-центру в информации.",
        ),
        (
            DeliveryForm.ELECTRONIC,
            "inspector.mindigital",
            Rating.HIGH,
            "Порталдағы қызмет тұрақты жұмыс істеді, нәтиже автоматты түрде берілді.",
            "Услуга на портале работала устойчиво, результат выдавался автоматически.",
        ),
    ]
    for form, username, rating, findings_kk, findings_ru in specs:
        actor = _user(username)
        if body is None or service is None or actor is None:
            continue
        found = Assessment.objects.filter(body=body, service=service, year=year, form=form).first()
        if found is None:
            found = services.assessment_open(
                actor=actor, body=body, service=service, year=year, form=form, today=today
            )
            made += 1
        if found.status == AssessmentStatus.DRAFT:
            services.assessment_sign(
                assessment=found,
                actor=actor,
                findings_kk=findings_kk,
                findings_ru=findings_ru,
                rating=rating,
                signed_on=max(dt.date(today.year, 1, 1), today - dt.timedelta(days=50)),
            )
    return made


def _control(today: dt.date, year: int) -> int:
    inspector = _user("inspector.adgs")
    branch, ministry = _org("govcorp-astana"), _org("mvd")
    service = Service.objects.filter(code=SERVICE).first()
    if inspector is None or branch is None or ministry is None or service is None:
        return 0
    made = 0
    opened = max(dt.date(today.year, 1, 1), today - dt.timedelta(days=45))
    if not ControlCase.objects.filter(object=branch, ground_text=CONTROL_BRANCH).exists():
        numbers = [
            c.number
            for c in complaint_list_for_period(start=dt.date(2000, 1, 1), end=today, provider=branch)[:3]
        ]
        case = services.control_case_open(
            actor=inspector,
            obj=branch,
            ground=ControlGround.COMPLAINTS if numbers else ControlGround.BREACH,
            ground_text=CONTROL_BRANCH,
            ground_complaints=numbers,
            period_start=dt.date(year, 1, 1),
            period_end=min(today, dt.date(year, 12, 31)),
            services=[service],
            opened_on=opened,
        )
        services.control_findings_record(
            case=case,
            actor=inspector,
            findings="Үш өтініш бойынша нәтиже қызмет көрсетушіге кешігіп жеткізілген; кезек кестесі бұзылған.",
            breaches_found=True,
            recorded_on=opened,
        )
        order = services.control_order_issue(
            case=case,
            actor=inspector,
            text="Нәтижелерді қызмет көрсетушіден алу кестесін бекітіп, операторларды оқыту.",
            due_on=opened + dt.timedelta(days=20),
            issued_on=opened,
        )
        operator = _user("operator.astana")
        fulfilled = opened + dt.timedelta(days=14)
        if operator is not None and fulfilled <= today:
            services.control_order_report(
                order=order,
                actor=operator,
                text="Кесте бекітілді, 12 оператор оқытылды.",
                reported_on=fulfilled,
            )
        services.control_order_control(
            order=order, actor=inspector, fulfilled_on=min(fulfilled, today), in_full=True
        )
        services.control_case_close(case=case, actor=inspector, closed_on=min(fulfilled, today))
        made += 1
    assessment = Assessment.objects.filter(body=ministry, year=year, form=DeliveryForm.OTHER).first()
    if (
        assessment is not None
        and not ControlCase.objects.filter(object=ministry, ground_text=CONTROL_MINISTRY).exists()
    ):
        opened = max(dt.date(today.year, 1, 1), today - dt.timedelta(days=10))
        case = services.control_case_open(
            actor=inspector,
            obj=ministry,
            ground=ControlGround.ASSESSMENT,
            ground_text=CONTROL_MINISTRY,
            ground_assessment=assessment,
            period_start=dt.date(year, 1, 1),
            period_end=dt.date(year, 12, 31),
            services=[service],
            opened_on=opened,
        )
        services.control_findings_record(
            case=case,
            actor=inspector,
            findings="Байланыс орталығының сұрауларына жауап беру тәртібі бекітілмеген.",
            breaches_found=True,
            recorded_on=opened,
        )
        services.control_order_issue(
            case=case,
            actor=inspector,
            text="Байланыс орталығына ақпарат беру тәртібін бекітіп, жауапты адамды тағайындау.",
            due_on=today + dt.timedelta(days=20),
            issued_on=opened,
        )
        made += 1
    return made


NARRATIVES = {
    "mvd": (
        "Есепті жылы министрлік мекенжай анықтамасын негізінен порталда автоматты түрде берді. "
        "Мемлекеттік корпорация арқылы берілген анықтамалар бойынша мерзімдер сақталды, шағымдар аз болды. "
        "Келесі жылы байланыс орталығымен өзара іс-қимылды жақсарту жоспарлануда.",
        "В отчётном году министерство выдавало адресную справку в основном автоматически на портале. "
        "По справкам через Государственную корпорацию сроки соблюдались, жалоб было немного. "
        "В следующем году планируется улучшить взаимодействие с контакт-центром.",
    ),
    "astana-akimat": (
        "Әкімдік мектепке дейінгі ұйымдарға кезекке қоюды және басқа да қызметтерді көрсетті. "
        "Электрондық өтініштердің үлесі өсті; кезекке қатысты шағымдар бойынша шаралар қабылданды.",
        "Акимат оказывал постановку на очередь в дошкольные организации и другие услуги. "
        "Доля электронных заявлений выросла; по жалобам на очередь приняты меры.",
    ),
}


def _report(body_code: str, head_name: str, today: dt.date, year: int) -> YearlyReport | None:
    body, head = _org(body_code), _user(head_name)
    if body is None or head is None:
        return None
    report = YearlyReport.objects.filter(body=body, year=year).first()
    if report is None:
        report = services.report_create(actor=head, body=body, year=year, today=today)
    if report.status == ReportStatus.DRAFT:
        kk, ru = NARRATIVES[body_code]
        report = services.report_update(
            report=report, actor=head, narrative_kk=kk, narrative_ru=ru, today=today
        )
        published = max(dt.date(today.year, 1, 1), today - dt.timedelta(days=40))
        report = services.report_publish(report=report, actor=head, published_on=published)
    return report


def _held_hearing(report: YearlyReport, head: User, today: dt.date) -> None:
    """The Ministry's hearing: held a few days ago when the year leaves room, with its comments,
    minutes and how the results were used; announced ahead otherwise."""
    if report.hearings.exists() or report.published_on is None:
        return
    now = timezone.now()
    announced = _at(report.published_on, 10)
    held_day = report.published_on + dt.timedelta(days=14)
    if held_day >= today:  # early in the year: the hearing lies ahead
        services.hearing_announce(
            report=report,
            actor=head,
            held_at=_at(today + dt.timedelta(days=14), 15),
            place_kk="Астана қ., Тәуелсіздік даңғылы, 1, ІІМ мәжіліс залы",
            place_ru="г. Астана, пр. Тәуелсіздік, 1, зал заседаний МВД",
            now=now,
        )
        return
    hearing = services.hearing_announce(
        report=report,
        actor=head,
        held_at=_at(held_day, 15),
        place_kk="Астана қ., Тәуелсіздік даңғылы, 1, ІІМ мәжіліс залы",
        place_ru="г. Астана, пр. Тәуелсіздік, 1, зал заседаний МВД",
        now=announced,
    )
    citizen, citizen_ru = _user("citizen"), _user("citizen.ru")
    kept = services.hearing_comment_submit(
        hearing=hearing,
        text="ХҚКО-да анықтаманы алу үшін кезек әлі де ұзақ: электрондық кезекті кеңейтуді ұсынамын.",
        author_name="Айжан С.",
        author=citizen,
        language="kk",
        now=announced + dt.timedelta(days=2),
    )
    withheld = services.hearing_comment_submit(
        hearing=hearing,
        text="Лучшие окна в городе — звоните!",
        author=citizen_ru,
        language="ru",
        now=announced + dt.timedelta(days=3),
    )
    services.hearing_comment_moderate(
        comment=kept, actor=head, publish=True, now=announced + dt.timedelta(days=4)
    )
    services.hearing_comment_moderate(
        comment=withheld,
        actor=head,
        publish=False,
        rejection=CommentRejection.ADVERTISING,
        now=announced + dt.timedelta(days=4),
    )
    after = _at(held_day + dt.timedelta(days=1), 11)
    hearing = services.hearing_minutes_record(
        hearing=hearing,
        actor=head,
        minutes_kk="Талқылауға 34 адам қатысты. Есеп таныстырылды, кезек пен байланыс орталығы туралы сұрақтар талқыланды.",
        minutes_ru="В обсуждении участвовали 34 человека. Представлен отчёт, обсуждены вопросы очереди и контакт-центра.",
        participants=34,
        now=after,
    )
    if hearing.status == HearingStatus.HELD:
        services.hearing_results_record(
            hearing=hearing,
            actor=head,
            results_use_kk="Мемлекеттік корпорациямен бірге алдын ала жазылу енгізілді; стандарттың жобасына "
            "электрондық кезек туралы ұсыныс жіберілді.",
            results_use_ru="Вместе с Государственной корпорацией введена предварительная запись; в проект "
            "стандарта направлено предложение об электронной очереди.",
            recorded_on=min(today, held_day + dt.timedelta(days=5)),
        )


def _announced_hearing(report: YearlyReport, head: User, today: dt.date) -> None:
    """The akimat's hearing: announced ahead, taking comments now."""
    if Hearing.objects.filter(report=report).exists():
        return
    services.hearing_announce(
        report=report,
        actor=head,
        held_at=_at(today + dt.timedelta(days=21), 11),
        place_kk="Астана қ., Бейбітшілік көшесі, 11, әкімдіктің мәжіліс залы; онлайн трансляция",
        place_ru="г. Астана, ул. Бейбітшілік, 11, зал заседаний акимата; онлайн-трансляция",
    )


def load(stdout: TextIO) -> None:
    today = timezone.localdate()
    year = today.year - 1
    assessments = _assessments(today, year)
    cases = _control(today, year)
    reports = 0
    for code, head_name, hearing in (
        ("mvd", "head.mvd", _held_hearing),
        ("astana-akimat", "head.astana", _announced_hearing),
    ):
        report = _report(code, head_name, today, year)
        head = _user(head_name)
        if report is not None and head is not None:
            hearing(report, head, today)
            reports += 1
    stdout.write(f"oversight: {assessments} assessments, {cases} control cases, {reports} yearly reports\n")
