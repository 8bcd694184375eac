"""Demo public accountability, dated relative to the load day and never in the past's future
(the year reported on is the one before the load day's; every date is on or before today,
except a hearing announced ahead and an order's due date, which lie ahead by nature):

* what they rest on, for last year: the address certificate's decided applications at the
  Ministry of Internal Affairs on the portal, at its desk and through the State Corporation's
  Astana branch (bulk-written, a few late with their term violations), two complaints on it (one
  answered after its review term) and two of the contact centre's requests the Ministry refused;
  the monitoring demo adds last year's public monitoring conclusion on it;
* quality assessments (Law 28) of the address certificate (02020002) at the Ministry of
  Internal Affairs for last year, both signed: the form delivered other than electronically
  (through the State Corporation) by the quality authority's ``inspector.adgs``, findings in
  Kazakh and Russian; the electronic form by the informatization authority's
  ``inspector.mindigital``; the findings quote the figures the assessment rests on;
* state control (Law 27): a closed case on the State Corporation's Astana branch on a pattern
  of complaints, with an order fulfilled in time; an open case on the Ministry of Internal
  Affairs resting on the assessment, with an order pending;
* yearly reports (Law 23.5) for last year: the Ministry of Internal Affairs' (head ``head.mvd``),
  with a public hearing held, its comments (one published, one withheld by the rule), minutes
  and how the results were used; the Akimat of Astana's (head ``head.astana``), with a hearing
  announced ahead that takes comments now.

Idempotent: each object is looked up first (the applications by their number prefix, a
complaint by its text, the refusals by body and service, assessment by body, service, year and
form; case by object and ground text; report by body and year; hearing by report) and left as
it is."""

from __future__ import annotations

import datetime as dt
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from qyzmet.complaints import services as complaint_services
from qyzmet.complaints.enums import ComplaintAddressee, ComplaintOutcome, ComplaintSubject
from qyzmet.complaints.models import Complaint
from qyzmet.complaints.selectors import complaint_list_for_period
from qyzmet.contactcentre import services as centre_services
from qyzmet.contactcentre.enums import RefusalForm
from qyzmet.contactcentre.models import InformationRequest
from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import User
from qyzmet.delivery.enums import ApplicationStatus, Channel, TermViolationKind
from qyzmet.delivery.models import Application, TermViolation
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
from qyzmet.quality import demo as quality_demo
from qyzmet.quality import services as quality_services
from qyzmet.quality.enums import CaseKind
from qyzmet.registry.models import Service
from qyzmet.registry.selectors import standard_in_force
from qyzmet.workcalendar.calendar import add_working_days, next_working_day

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


# What the assessments of last year rest on (Law 28: gathered from the delivery data, the
# complaints, the contact centre's records): a year of decided applications of the address
# certificate at the Ministry, bulk-written as the PSC demo writes its year of history (through
# the model), a few of them late and recorded as term violations (Law 5.2.5); two complaints,
# one answered after its review term (UCC 18); two requests of the contact centre the Ministry
# refused (UCC 12). Every date lies in last year; nothing is decided after 20 December.
EVIDENCE_PREFIX = "QAD"  # the bulk applications' numbers
# channel -> (issued, refused, late among the issued), accepted by the State Corporation's branch
EVIDENCE_VOLUMES: dict[str, tuple[int, int, int]] = {
    Channel.EGOV_PORTAL: (880, 20, 3),
    Channel.STATE_CORPORATION: (250, 10, 6),
    Channel.PROVIDER: (130, 6, 4),
}
EVIDENCE_COMPLAINTS = [
    # text (natural key), complainant, language, registered (month, day), answered late
    (
        "ХҚКО-да мекенжай анықтамасы уәде етілген күні дайын болмады, екі рет келуге тура келді.",
        "citizen",
        "kk",
        (3, 10),
        False,
    ),
    (
        "Адресную справку через ЦОН выдали позже срока, на звонки в министерство не отвечали.",
        "citizen.ru",
        "ru",
        (9, 14),
        True,
    ),
]
EVIDENCE_REFUSALS = [
    # subject, form, sent (month, day), refused after (days), reason: each typed in one language
    # (never Kazakh and Russian joined by " / ": a one-language page showed both)
    (
        "Срок выдачи адресной справки через ЦОН",
        RefusalForm.LETTER,
        (4, 7),
        2,
        "Информация для служебного пользования (письмо № 3-11/402)",
    ),
    (
        "Уақытша тіркеу кезіндегі мекенжай анықтамасы",
        RefusalForm.CALL,
        (10, 13),
        1,
        "Көші-қон қызметі телефонмен бас тартты",
    ),
]


def _evidence_applications(body: Organisation, service: Service, year: int) -> int:
    """A year of decided applications of ``service`` at ``body`` (bulk): each registered on a
    working morning, due five days later (handed to the branch a day before that), decided in
    two days; the late ones a week after registration, each with its term violation."""
    prefix = f"{EVIDENCE_PREFIX}{year}{service.code}-"
    if Application.objects.filter(number__startswith=prefix).exists():
        return 0
    branch = _org("govcorp-astana")
    tz = ZoneInfo(settings.TIME_ZONE)
    try:
        version = standard_in_force(service=service, on=dt.date(year, 6, 1))
    except ApplicationError:  # the demo register's standards start later
        version = None
    rows: list[Application] = []
    late: list[tuple[int, dt.date, str]] = []
    n = 0
    for channel, (issued, refused, late_count) in EVIDENCE_VOLUMES.items():
        by_branch = channel == Channel.STATE_CORPORATION
        for i in range(issued + refused):
            n += 1
            registered = next_working_day(dt.date(year, 1, 8) + dt.timedelta(days=(i * 5) % 340))
            submitted = dt.datetime.combine(registered, dt.time(9 + i % 8, 5 * (i % 10)), tz)
            due_on = registered + dt.timedelta(days=5)
            handover_due_on = due_on - dt.timedelta(days=1) if by_branch else None
            is_late = i < late_count
            decided = submitted + dt.timedelta(days=7 if is_late else 2, hours=3)
            refusal = i >= issued
            rows.append(
                Application(
                    number=f"{prefix}{n:05d}",
                    service=service,
                    standard_version=version,
                    channel=channel,
                    status=ApplicationStatus.REFUSED if refusal else ApplicationStatus.ISSUED,
                    language="ru" if i % 3 == 0 else "kk",
                    recipient_name="Получатель (демо)",
                    provider=body,
                    accepting_organisation=branch if by_branch else None,
                    submitted_at=submitted,
                    registered_on=registered,
                    due_on=due_on,
                    handover_due_on=handover_due_on,
                    result_ready_at=None if refusal else decided,
                    closed_at=decided + dt.timedelta(hours=1),
                    term_violated_on=(handover_due_on or due_on) + dt.timedelta(days=1) if is_late else None,
                    refusal_reason="Құжаттар толық емес (демо)" if refusal else "",
                )
            )
            if is_late:
                kind = TermViolationKind.HANDOVER if by_branch else TermViolationKind.DELIVERY
                late.append((len(rows) - 1, handover_due_on or due_on, kind))
    made = Application.objects.bulk_create(rows, batch_size=1000)
    numbers = {made[i].number for i, _, _ in late}
    by_number = {a.number: a for a in Application.objects.filter(number__in=numbers)}
    TermViolation.objects.bulk_create(
        [
            TermViolation(
                application=by_number[made[i].number],
                provider=body,
                service=service,
                due_on=missed,
                detected_on=missed + dt.timedelta(days=1),
                kind=kind,
            )
            for i, missed, kind in late
        ]
    )
    return len(rows)


def _evidence_complaints(body: Organisation, year: int) -> None:
    """Two complaints on the address certificate, answered by the Ministry's head: one within
    its term, one after it (a review-term breach, UCC 18)."""
    head = _user("head.mvd")
    if head is None:
        return
    for text, username, language, (month, day), answered_late in EVIDENCE_COMPLAINTS:
        complainant = _user(username)
        if complainant is None or Complaint.objects.filter(text=text).exists():
            continue
        complaint = complaint_services.complaint_file(
            actor=complainant,
            subject=ComplaintSubject.STANDARD_NONCOMPLIANCE,
            addressee=ComplaintAddressee.PROVIDER,
            provider=body,
            text=text,
            service_code=SERVICE,
            language=language,
            registered_on=next_working_day(dt.date(year, month, day)),
        )
        answered_on = (
            add_working_days(complaint.due_on, 3)
            if answered_late
            else add_working_days(complaint.registered_on, 3)
        )
        complaint_services.complaint_answer(
            complaint=complaint,
            actor=head,
            outcome=ComplaintOutcome.SATISFIED if answered_late else ComplaintOutcome.PARTLY_SATISFIED,
            answer_text=(
                "Анықтама берілді; ХҚКО-мен нәтижені беру кестесі бекітілді."
                if language == "kk"
                else "Справка выдана; с ЦОН утверждён график передачи результатов."
            ),
            answered_on=answered_on,
        )


def _refusal_letter(title: str, lines: list[str]) -> ContentFile[bytes]:
    """The centre's record of a refusal (a letter, a call note) as a real PDF."""
    from qyzmet.core import pdf

    data = pdf.build_pdf([pdf.title(title), *[pdf.para(line) for line in lines]], doc_title=title)
    return ContentFile(data, name=f"{title}.pdf")


def _evidence_refusals(body: Organisation, service: Service, year: int) -> None:
    """UCC 12: the Ministry refused the contact centre's requests on the service twice."""
    ucc = _user("operator.1414")
    if ucc is None or InformationRequest.objects.filter(body=body, service=service).exists():
        return
    for subject, form, (month, day), after, reason in EVIDENCE_REFUSALS:
        sent = next_working_day(dt.date(year, month, day))
        refused = add_working_days(sent, after)
        request = centre_services.information_request_send(
            actor=ucc, body=body, subject=subject, service=service, sent_on=sent
        )
        centre_services.information_refusal_record(
            actor=ucc,
            request=request,
            form=form,
            reason=reason,
            refused_on=refused,
            recorded_on=refused,
            files=[
                _refusal_letter(
                    f"1414-{form}-{refused:%Y%m%d}",
                    [body.name_kk, subject, f"{refused:%d.%m.%Y}: {reason}"],
                )
            ],
        )


def _evidence_surveys(year: int) -> int:
    """Indicators 2.1-5.1 of the year's assessments: one in three recipients of the year's
    decided applications, and the complainants, were invited to the survey (no SMS: the year
    is over); about four in five answered. Returns the answers written (none on a second load)."""
    answered = 0
    decided = Application.objects.filter(number__startswith=f"{EVIDENCE_PREFIX}{year}").order_by("number")
    for app in decided.select_related("service", "provider")[::3]:
        assert app.closed_at is not None
        invitation, new = quality_services.survey_invitation_create(
            case_kind=CaseKind.APPLICATION,
            case_number=app.number,
            case_date=timezone.localtime(app.closed_at).date(),
            service=app.service,
            provider=app.provider,
            language=app.language,
            send_sms=False,
            delivery_channel=app.channel,
        )
        answered += int(new and quality_demo.survey_answer_demo(invitation))
    for complaint in Complaint.objects.filter(text__in=[c[0] for c in EVIDENCE_COMPLAINTS]).order_by("id"):
        # Indicator 4.1: the complainants were asked about the complaint procedure.
        invitation, new = quality_services.survey_invite_complaint(complaint=complaint, send_sms=False)
        answered += int(new and quality_demo.survey_answer_demo(invitation))
    return answered


def _evidence(year: int) -> int:
    body, service = _org("mvd"), Service.objects.filter(code=SERVICE).first()
    if body is None or service is None:
        return 0
    written = _evidence_applications(body, service, year)
    _evidence_complaints(body, year)
    _evidence_surveys(year)
    _evidence_refusals(body, service, year)
    return written


def _figures(evidence: dict[str, Any]) -> dict[str, int]:
    """The figures an assessment's findings quote, from the evidence it rests on."""
    return {
        "applications": sum(evidence.get("applications", {}).values()),
        "late": sum(evidence.get("term_violations", {}).values()),
        "complaints": evidence.get("complaints", {}).get("total", 0),
        "breaches": evidence.get("complaints", {}).get("review_term_breaches", 0),
        "refusals": evidence.get("contact_centre_refusals", {}).get("refused", 0),
        "monitoring": len(evidence.get("monitoring_conclusions", [])),
    }


def _assessments(today: dt.date, year: int) -> int:
    body, service = _org("mvd"), Service.objects.filter(code=SERVICE).first()
    made = 0
    specs = [
        (
            DeliveryForm.OTHER,
            "inspector.adgs",
            Rating.SATISFACTORY,
            "Мемлекеттік корпорация арқылы және министрлікте берілген анықтамалардың көпшілігі "
            "мерзімінде берілді (өтініштер: {applications}, мерзімі бұзылғандары: {late}); шағымдар аз "
            "({complaints}, оның ішінде қарау мерзімі бұзылғаны: {breaches}), бірақ байланыс орталығына "
            "ақпарат беруден бас тарту болды ({refusals}); қоғамдық мониторинг қорытындылары: {monitoring}.",
            "Большинство справок через Государственную корпорацию и в министерстве выдано в срок "
            "(заявлений: {applications}, с нарушением срока: {late}); жалоб мало ({complaints}, из них "
            "с нарушением срока рассмотрения: {breaches}), но были отказы контакт-центру в информации "
            "({refusals}); заключений общественного мониторинга: {monitoring}.",
        ),
        (
            DeliveryForm.ELECTRONIC,
            "inspector.mindigital",
            Rating.HIGH,
            "Порталдағы қызмет тұрақты жұмыс істеді, нәтиже автоматты түрде берілді (өтініштер: "
            "{applications}, мерзімі бұзылғандары: {late}); шағымдар ({complaints}) Мемлекеттік "
            "корпорация арқылы берілген анықтамаларға қатысты.",
            "Услуга на портале работала устойчиво, результат выдавался автоматически (заявлений: "
            "{applications}, с нарушением срока: {late}); жалобы ({complaints}) касаются справок через "
            "Государственную корпорацию.",
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
            figures = _figures(found.evidence)
            services.assessment_sign(
                assessment=found,
                actor=actor,
                findings_kk=findings_kk.format(**figures),
                findings_ru=findings_ru.format(**figures),
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
    written = _evidence(year)
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
    stdout.write(
        f"oversight: {written} applications of {year} written, {assessments} assessments, "
        f"{cases} control cases, {reports} yearly reports\n"
    )
