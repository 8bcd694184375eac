"""Demo data of the Unified Contact Centre 1414 (idempotent; run after orgs, registry,
delivery and complaints): the 2026 plan-schedule prepared by the centre and approved by the
head of the informatization authority (UCC 3), onboardings at every step (one across Nauryz,
some late; the information signed by the body's head, UCC 5), knowledge-base articles in kk/ru
with everyday words, contacts of every outcome, refusals by letter and by call with their files
reported to the quality authority and a later one that joined the report (UCC 11-12),
explanations by telephone and orally (UCC 11.2), reports sent with their files to the
addressees' staff (UCC 13-14, 18), a discrepancy (UCC 20), trainings (UCC 19).

The story is written in 2026 as it stands on 23 November 2026; loaded on another day it is
told in the last year whose 23 November has passed (``_story_year``), each date moved to the
next working day of that year, so that nothing done lies after today."""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from django.core.files.base import ContentFile
from django.utils import timezone

from qyzmet.contactcentre import services
from qyzmet.contactcentre.enums import (
    ContactChannel,
    ContactOutcome,
    ContactTopic,
    ExplanationChannel,
    OnboardingStep,
    RefusalForm,
    ReportKind,
)
from qyzmet.contactcentre.models import (
    BodyExplanation,
    CentreReport,
    Contact,
    InformationRequest,
    KnowledgeArticle,
    Onboarding,
    PlanItem,
    PlanSchedule,
    Training,
)
from qyzmet.core.models import User
from qyzmet.orgs.models import Organisation
from qyzmet.registry.models import Service
from qyzmet.workcalendar.calendar import next_working_day

D = dt.date

STORY_YEAR = 2026  # the year the dates below are written in
STORY_DAY = (11, 23)  # ... as they stand on this day of it


def _story_year(today: D) -> int:
    return today.year if (today.month, today.day) >= STORY_DAY else today.year - 1


def _in(day: D, year: int) -> D:
    """A date of the story told in ``year`` (the next working day when it falls on a day off)."""
    return next_working_day(day.replace(year=day.year - STORY_YEAR + year))


def _row_in(row: tuple, year: int) -> tuple:
    code, *dates = row
    return (code, *(_in(d, year) if d is not None else None for d in dates))


# code -> (planned, request sent, named, information signed, training, protocol); None = not yet.
PLAN: list[tuple[str, D, D | None, D | None, D | None, D | None, D | None]] = [
    (
        "01010001",
        D(2026, 1, 19),
        D(2026, 1, 19),
        D(2026, 1, 21),
        D(2026, 1, 26),
        D(2026, 2, 2),
        D(2026, 2, 3),
    ),
    # across Nauryz (21-25 March 2026 are not working days)
    (
        "01020001",
        D(2026, 3, 17),
        D(2026, 3, 17),
        D(2026, 3, 19),
        D(2026, 3, 20),
        D(2026, 4, 1),
        D(2026, 4, 1),
    ),
    ("01030002", D(2026, 10, 1), D(2026, 10, 1), D(2026, 10, 2), D(2026, 10, 7), D(2026, 10, 13), None),
    ("01040001", D(2026, 11, 2), D(2026, 11, 2), D(2026, 11, 3), D(2026, 11, 6), None, None),
    # late: the information was due 3 working days after naming and never came
    ("07010001", D(2026, 10, 19), D(2026, 10, 19), D(2026, 10, 20), None, None, None),
    # late: no responsible person named
    ("07010002", D(2026, 11, 2), D(2026, 11, 2), None, None, None, None),
    ("01030001", D(2026, 11, 23), D(2026, 11, 23), None, None, None, None),
    ("02010002", D(2026, 12, 14), None, None, None, None, None),
]

KEYWORDS: dict[str, tuple[str, str]] = {
    "01010001": (
        "бала туу, туу туралы куәлік, метрика",
        "свидетельство о рождении, метрика, рождение ребёнка",
    ),
    "01020001": ("үйлену, неке, АХАЖ, неке куәлігі", "свадьба, ЗАГС, расписаться, свидетельство о браке"),
    "01030002": ("куәліктің көшірмесі, жоғалған куәлік", "дубликат свидетельства, потерял свидетельство"),
    "01040001": ("қайтыс болу, өлім туралы куәлік", "свидетельство о смерти, умер"),
    "07010001": ("жер телімі, жер алу", "земельный участок, получить землю"),
    "07010002": ("жеке үйге жер, жер кезегі", "земля под ИЖС, очередь на землю"),
    "01030001": (
        "соттылығы жоқ анықтама, сотталмағандығы туралы анықтама",
        "справка о несудимости, несудимость, справка из полиции",
    ),
    "02010002": ("шетелдік төлқұжат, паспорт алу", "загранпаспорт, паспорт для выезда за границу"),
}


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _onboard(
    onboarding: Onboarding, row: tuple, ucc: User, body_user: User, head: User | None, today: D
) -> None:
    _code, _planned, _sent, named, info, training, protocol = row
    if onboarding.step == OnboardingStep.REQUEST_SENT and named and named <= today:
        onboarding = services.onboarding_responsible_name(
            actor=body_user,
            onboarding=onboarding,
            name="Төлегенов Ерлан Қайратұлы",
            position="бас маман",
            phone="+7 7172 74 00 00",
            email="1414@demo.kz",
            named_on=named,
        )
    if onboarding.step == OnboardingStep.RESPONSIBLE_NAMED and info and info <= today and head:
        # UCC 5: the head of the body signs the information in the system
        onboarding = services.onboarding_information_submit(
            actor=head,
            onboarding=onboarding,
            information={
                "extra_kk": "Сұрақтар бойынша: 8 7172 74 00 00 (жұмыс күндері 9:00-18:30).",
                "extra_ru": "По вопросам: 8 7172 74 00 00 (рабочие дни 9:00-18:30).",
            },
            signed_on=info,
        )
    if onboarding.step == OnboardingStep.INFORMATION_SIGNED and training and training <= today:
        onboarding = services.onboarding_training_record(
            actor=ucc, onboarding=onboarding, held_on=training, trained_staff=14
        )
    if onboarding.step == OnboardingStep.TRAINING_HELD and protocol and protocol <= today:
        services.onboarding_protocol_sign(
            actor=ucc,
            onboarding=onboarding,
            signed_on=protocol,
            body_signatory="Омарова Г. Б.",
            ucc_signatory="Ибраева М. А.",
        )


def _plan(ucc: User, today: D, year: int, stdout: TextIO) -> None:
    rows = [_row_in(row, year) for row in PLAN]
    plan = PlanSchedule.objects.filter(year=year).first() or services.plan_schedule_create(
        actor=ucc, year=year
    )
    services_by_code = {s.code: s for s in Service.objects.filter(code__in=[r[0] for r in PLAN])}
    for row in rows:
        service = services_by_code.get(row[0])
        if service is None:
            continue
        if not PlanItem.objects.filter(plan=plan, service=service).exists() and not plan.is_approved:
            # UCC 3: planned while the centre drew the plan-schedule up, before 9 January
            services.plan_item_add(
                actor=ucc,
                plan=plan,
                service=service,
                planned_on=row[1],
                body=_plan_body(service),
                today=_in(D(2026, 1, 8), year),
            )
    plan = _approve(ucc, plan, year)
    made = 0
    for row in rows:
        item = (
            PlanItem.objects.filter(plan=plan, service__code=row[0]).select_related("body", "service").first()
        )
        if item is None:
            continue
        minjust = item.body.code == "minjust"
        body_user = _user("officer.minjust") if minjust else _user("officer.astana")
        head = _user("head.minjust") if minjust else _user("head.astana")
        onboarding = Onboarding.objects.filter(item=item).first()
        sent = row[2]
        if onboarding is None and sent and sent <= today:
            onboarding = services.onboarding_request_send(actor=ucc, item=item, sent_on=sent)
            made += 1
        if onboarding is not None and body_user is not None:
            _onboard(onboarding, row, ucc, body_user, head, today)
        kk, ru = KEYWORDS[row[0]]
        article = KnowledgeArticle.objects.filter(service=item.service).first()
        if article is None or article.keywords_kk != kk:
            services.knowledge_article_save(
                actor=None,
                service=item.service,
                title_kk=item.service.name_kk,
                title_ru=item.service.name_ru,
                procedure_kk=article.procedure_kk if article else item.service.name_kk,
                procedure_ru=article.procedure_ru if article else item.service.name_ru,
                keywords_kk=kk,
                keywords_ru=ru,
                reason="Бытовые слова",
            )
    stdout.write(f"contactcentre: plan-schedule {year}, {made} onboardings started\n")


def _approve(ucc: User, plan: PlanSchedule, year: int) -> PlanSchedule:
    """UCC 3: the centre prepared the plan-schedule on 9 January, the head of the
    informatization authority approved it on 12 January."""
    if plan.is_approved:
        return plan
    plan = services.plan_schedule_prepare(actor=ucc, plan=plan, prepared_on=_in(D(2026, 1, 9), year))
    head = _user("head.mindigital")
    if head is None:
        return plan
    return services.plan_schedule_approve(actor=head, plan=plan, approved_on=_in(D(2026, 1, 12), year))


def _plan_body(service: Service) -> Organisation | None:
    """The land services are developed by the Ministry of Agriculture (Law 13.1) and delivered by
    the akimats: the UCC onboards them with the Akimat of Astana."""
    if service.code.startswith("0701"):
        return Organisation.objects.filter(code="astana-akimat").first()
    return None


def _updates(today: D, year: int) -> None:
    """UCC 6-7, Law 23.2: the register's approval tasks become due updates; a new responsible
    person announced late (changed 17 November, due 20 November)."""
    services.registry_update_tasks_consume()
    officer = _user("officer.minjust")
    onboarding = Onboarding.objects.filter(item__service__code="01010001").first()
    changed_on = _in(D(2026, 11, 17), year)
    if officer is None or onboarding is None or onboarding.updates.exists() or today < changed_on:
        return
    services.responsible_person_change(
        actor=officer,
        onboarding=onboarding,
        name="Сейітова Айгүл Маратқызы",
        position="главный специалист",
        phone="+7 7172 74 00 01",
        changed_on=changed_on,
    )
    services.information_update_flag_late(today=today)


def _contacts(ucc: User, today: D) -> None:
    if Contact.objects.filter(note__startswith="demo:").exists():
        return
    marriage = Service.objects.filter(code="01020001").first()
    rows = [
        (
            ContactChannel.PHONE,
            "kk",
            ContactTopic.PROCEDURE,
            ContactOutcome.INFORMED,
            marriage,
            "",
            "demo: неке тіркеу",
        ),
        (
            ContactChannel.CHAT,
            "ru",
            ContactTopic.STAGE,
            ContactOutcome.STAGE_GIVEN,
            None,
            "",
            "demo: этап заявки",
        ),
        (
            ContactChannel.EMAIL,
            "ru",
            ContactTopic.COMPLAINT,
            ContactOutcome.COMPLAINT_ADVICE,
            None,
            "",
            "demo: как пожаловаться",
        ),
        (
            ContactChannel.BOT,
            "kk",
            ContactTopic.OTHER,
            ContactOutcome.REDIRECTED,
            None,
            "102 (полиция)",
            "demo: бағыттау",
        ),
    ]
    now = timezone.now()
    for i, (channel, lang, topic, outcome, service, redirected, note) in enumerate(rows):
        services.contact_record(
            actor=ucc,
            channel=channel,
            language=lang,
            topic=topic,
            outcome=outcome,
            service=service,
            caller_name="Әбілов Нұрлан" if lang == "kk" else "Иванова Ольга",
            caller_phone=f"+7701555000{i}",
            redirected_to=redirected,
            note=note,
            occurred_at=now - dt.timedelta(days=40 * i + 1),
        )


def _letter(title: str, lines: list[str]) -> ContentFile:
    """A supporting document of the demo (a scanned letter, a call note) as a real PDF."""
    from qyzmet.core import pdf

    data = pdf.build_pdf([pdf.title(title), *[pdf.para(line) for line in lines]], doc_title=title)
    return ContentFile(data, name=f"{title}.pdf")


# UCC 11-12: the Akimat of Astana refuses by letter and by telephone in October (reported on the
# second), then once more without answering in time, recorded in November: it joins the report.
REFUSALS = [
    (
        D(2026, 10, 6),
        "Разъяснение о порядке предоставления участка",
        RefusalForm.LETTER,
        D(2026, 10, 8),
        D(2026, 10, 8),
        "Информация не подготовлена (письмо № 12-04/1187)",
    ),
    (
        D(2026, 10, 20),
        "ИЖС кезегінің жағдайы",
        RefusalForm.CALL,
        D(2026, 10, 21),
        D(2026, 10, 21),
        "Жер қатынастары бөлімі телефонмен бас тартты",
    ),
    (
        D(2026, 10, 26),
        "Перечень документов для постановки в очередь",
        RefusalForm.NO_ANSWER,
        D(2026, 10, 30),
        D(2026, 11, 3),
        "",
    ),
]


# The supporting files as named in the centre's records (kk): a letter, a call note, the request.
FILE_NAMES = {
    RefusalForm.LETTER: "бас-тарту-хаты",
    RefusalForm.CALL: "қоңырау-жазбасы",
    RefusalForm.NO_ANSWER: "жауапсыз-сұрау",
}


def _refusals(ucc: User, today: D, year: int) -> None:
    body = Organisation.objects.filter(code="astana-akimat").first()
    officer = _user("officer.astana")
    if body is None or officer is None or InformationRequest.objects.filter(body=body).exists():
        return
    for sent, subject_text, form, refused_on, recorded_on, reason in REFUSALS:
        sent, refused_on, recorded_on = _in(sent, year), _in(refused_on, year), _in(recorded_on, year)
        if recorded_on > today:
            continue
        request = services.information_request_send(actor=ucc, body=body, subject=subject_text, sent_on=sent)
        services.information_refusal_record(
            actor=ucc,
            request=request,
            form=form,
            reason=reason,
            refused_on=refused_on,
            recorded_on=recorded_on,
            files=[
                _letter(
                    f"1414-{FILE_NAMES[form]}-{refused_on:%Y%m%d}",
                    [
                        body.name_kk,
                        subject_text,
                        f"{refused_on:%d.%m.%Y}: {reason or 'Мерзімінде жауап жоқ'}",
                    ],
                )
            ],
        )
    request = services.information_request_send(actor=ucc, body=body, subject="График приёма")
    services.information_request_answer(actor=officer, request=request, answer_text="Пн-Пт 9:00-18:30")


def _explanations(ucc: User, today: D, year: int) -> None:
    """UCC 11.2: the Ministry of Justice explained a service to the centre by telephone and
    orally at the training."""
    body = Organisation.objects.filter(code="minjust").first()
    if body is None or BodyExplanation.objects.filter(body=body).exists():
        return
    rows = [
        (
            ExplanationChannel.PHONE,
            D(2026, 11, 10),
            "Апостиль бір жұмыс күнінде қойылады; шетелдік құжат аудармасымен беріледі.",
        ),
        (
            ExplanationChannel.ORAL,
            D(2026, 11, 17),
            "Разъяснены основания сокращения срока регистрации брака.",
        ),
    ]
    for channel, day, content in rows:
        day = _in(day, year)
        if day > today:
            continue
        services.body_explanation_record(
            actor=ucc,
            body=body,
            channel=channel,
            given_by="Төлегенов Ерлан Қайратұлы, бас маман",
            given_at=timezone.make_aware(dt.datetime.combine(day, dt.time(11, 30))),
            content=content,
            service=Service.objects.filter(code="01030004" if channel == "phone" else "01020001").first(),
        )


def _open_request(ucc: User, today: D) -> None:
    """UCC 10-11: a request the Ministry of Justice has still to answer (its officer sees it)."""
    body = Organisation.objects.filter(code="minjust").first()
    if body is None or InformationRequest.objects.filter(body=body).exists():
        return
    services.information_request_send(
        actor=ucc,
        body=body,
        service=Service.objects.filter(code="01030004").first(),
        subject="Срок проставления апостиля на иностранных документах",
        sent_on=today,
    )


def _reports(ucc: User, today: D, year: int) -> None:
    if CentreReport.objects.exists():
        return
    q3 = services.quarterly_report_build(actor=ucc, year=year, quarter=3)
    services.report_send(actor=ucc, report=q3, sent_on=_in(D(2026, 10, 9), year))
    september = services.monthly_report_build(actor=ucc, year=year, month=9)
    # late: due 5 October
    services.report_send(actor=ucc, report=september, sent_on=_in(D(2026, 10, 7), year))
    october = services.monthly_report_build(actor=ucc, year=year, month=10)
    services.report_send(actor=ucc, report=october, sent_on=_in(D(2026, 11, 4), year))
    body = Organisation.objects.filter(code="minjust").first()
    if body is not None:
        services.report_discrepancy_record(
            actor=ucc,
            report=october,
            figure="total",
            body=body,
            body_value=int(october.data.get("per_body", {}).get(body.code, {}).get("total", 0)) + 1,
            explanation="Одна жалоба зарегистрирована на портале 31 октября, в органе — 2 ноября.",
        )
    assert CentreReport.objects.filter(kind=ReportKind.MONTHLY_COMPLAINTS).count() == 2


def _letter_pdf(number: str, day: D) -> ContentFile[bytes]:
    from qyzmet.core import pdf

    text = (
        f"№ {number}, {day:%d.%m.%Y}. Бірыңғай байланыс орталығынан агенттік қызметкерлерін ақпарат "
        "алмасу мәселелері бойынша оқытуды сұраймыз (Қағидалардың 19-тармағы)."
    )
    content = pdf.build_pdf([pdf.title("Өтініш"), pdf.para(text)], doc_title=number)
    return ContentFile(content, name="request.pdf")


def _trainings(ucc: User, year: int) -> None:
    """UCC 19: one training held on the quality authority's letter, one request just received."""
    inspector = _user("inspector.adgs")
    if (
        inspector is None
        or Training.objects.exists()
        or Organisation.objects.filter(is_quality_authority=True).count() == 0
    ):
        return
    held = services.training_request_record(
        actor=inspector,
        letter_number="04-12/3317",
        letter_date=_in(D(2026, 10, 26), year),
        letter_file=_letter_pdf("04-12/3317", _in(D(2026, 10, 26), year)),
    )
    held = services.training_schedule(
        actor=ucc,
        training=held,
        scheduled_on=_in(D(2026, 11, 10), year),
        trainer="Ибраева М. А.",
        topic="Данные ИС МОГУ и запросы",
    )
    services.training_record_held(
        actor=ucc,
        training=held,
        held_on=_in(D(2026, 11, 10), year),
        trainees=["Мұхамедиярова Ж. Б.", "Сейтқали Н. Е.", "Петрова О. В."],
        result="Үш қызметкер оқытылды, сұрақтарға жауап берілді",
    )
    services.training_request_record(
        actor=inspector,
        letter_number="04-12/3590",
        letter_date=_in(D(2026, 11, 19), year),
        letter_file=_letter_pdf("04-12/3590", _in(D(2026, 11, 19), year)),
    )


def load(stdout: TextIO) -> None:
    ucc = _user("operator.1414")
    if ucc is None or not Service.objects.filter(code="01020001").exists():
        stdout.write(
            "contactcentre: demo users or services missing (run orgs and registry demos first); skipped\n"
        )
        return
    today = timezone.localdate()
    year = _story_year(today)
    _plan(ucc, today, year, stdout)
    _updates(today, year)
    _contacts(ucc, today)
    _refusals(ucc, today, year)
    _explanations(ucc, today, year)
    _open_request(ucc, today)
    if today >= _in(D(2026, 11, 5), year):
        _reports(ucc, today, year)
    if today >= _in(D(2026, 11, 19), year):
        _trainings(ucc, year)
    stdout.write("contactcentre: contacts, refusals reported to the quality authority, reports, trainings\n")
