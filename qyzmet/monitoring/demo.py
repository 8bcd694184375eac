"""Demo public monitoring (Law 29), dated relative to the load day and never in the future:

* in Kazakh, a non-profit organisation (the demo ``citizen`` acts for «Ашық қызмет» ҚБ) under
  the state social order of the quality authority monitors the address certificate
  (02020002) at the Ministry of Internal Affairs and the State Corporation's Astana branch:
  a request refused by the branch as a state secret, one answered by the ministry, the
  conclusion published with its four parts and a by-law proposal for the certificate's
  standard, and a measure of the ministry;
* in Russian, an individual (``citizen.ru``) monitors the kindergarten queue (04010001) at the
  Akimat of Astana at their own initiative: an answered request, the conclusion with a by-law
  proposal (shown on the queue standard's draft, Law 13.3), and the akimat's measure;
* in Russian, last year, an individual (``citizen.ru``) monitors the address certificate at
  the Ministry (September-October): an answered request, the conclusion published in November
  and the ministry's measure in December (last year's quality assessment rests on it, Law 28);
* in Kazakh, a monitoring still in progress with a request the Ministry of Justice has not
  answered yet (its term runs).

Then the indicators' aggregates are built for the last twelve months (ADR 0051) and the
services' targets for the current year are approved by an order of last December (STD 20), so
the public page shows norms and targets. Idempotent: a monitoring is keyed by its monitor and
subject; an existing one is left as it is."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TextIO

from django.utils import timezone

from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import User
from qyzmet.monitoring import services
from qyzmet.monitoring.enums import MonitoringBasis, MonitorKind, RefusalGround
from qyzmet.monitoring.models import Monitoring
from qyzmet.orgs.demo import demo_bin
from qyzmet.orgs.models import Organisation
from qyzmet.quality import services as quality_services
from qyzmet.quality.enums import Indicator
from qyzmet.registry.models import Service

NGO_BIN = demo_bin("1503", 4411)
TARGETS = {
    Indicator.TIMELINESS: Decimal("98"),
    Indicator.PROCESS: Decimal("90"),
    Indicator.POLITENESS: Decimal("95"),
}


def _at(today: dt.date, days_ago: int, hour: int = 11) -> dt.datetime:
    day = today - dt.timedelta(days=days_ago)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _org(code: str) -> Organisation | None:
    return Organisation.objects.filter(code=code).first()


def _exists(monitor: User, subject: str) -> bool:
    return Monitoring.objects.filter(monitor=monitor, subject=subject).exists()


def _address_certificate(today: dt.date) -> bool:
    monitor, ministry, branch = _user("citizen"), _org("mvd"), _org("govcorp-astana")
    head, operator = _user("head.mvd"), _user("operator.astana")
    service = Service.objects.filter(code="02020002").first()
    subject = "Тұрғылықты мекенжайы туралы анықтама беру мерзімдері мен кезектегі күту уақыты"
    if None in (monitor, ministry, branch, head, operator, service) or _exists(monitor, subject):  # type: ignore[arg-type]
        return False
    assert monitor and ministry and branch and head and operator and service
    monitoring = services.monitoring_register(
        actor=monitor,
        monitor_kind=MonitorKind.NON_PROFIT,
        organisation_name="«Ашық қызмет» қоғамдық бірлестігі",
        organisation_bin=NGO_BIN,
        subject=subject,
        period_start=today - dt.timedelta(days=120),
        period_end=today - dt.timedelta(days=40),
        bodies=[ministry, branch],
        services=[service],
        basis=MonitoringBasis.SOCIAL_ORDER,
        social_order_reference="Мемлекеттік әлеуметтік тапсырыс шарты № 14-ӘТ",
        social_order_date=today - dt.timedelta(days=150),
        language="kk",
        now=_at(today, 120),
    )
    secret = services.information_request_send(
        actor=monitor,
        monitoring=monitoring,
        addressee=branch,
        question="Құжаттар мұрағатының серверлері қай ғимаратта орналасқан және олар қалай қорғалады?",
        now=_at(today, 80),
    )
    services.information_request_refuse(
        actor=operator,
        request=secret,
        ground=RefusalGround.STATE_SECRET,
        reason="Ақпараттық жүйе объектілерінің орналасуы мен қорғалуы туралы мәліметтер мемлекеттік "
        "құпияларға жатады («Мемлекеттік құпиялар туралы» Заң).",
        now=_at(today, 75),
    )
    asked = services.information_request_send(
        actor=monitor,
        monitoring=monitoring,
        addressee=ministry,
        question="Тамыз–қазан айларында мекенжай анықтамасына қанша өтінім түсті және олардың қаншасы "
        "мерзімінен кеш берілді?",
        now=_at(today, 80),
    )
    services.information_request_answer(
        actor=head,
        request=asked,
        answer_text="Тамыз–қазан айларында 18 420 өтінім түсті, оның 112-сі мерзімінен кеш берілді "
        "(негізінен ақпараттық жүйенің тоқтап қалуына байланысты).",
        now=_at(today, 70),
    )
    conclusion = services.conclusion_save(
        actor=monitor,
        monitoring=monitoring,
        compliance="Анықтама беру мерзімдері жалпы сақталады: өтінімдердің 99,4%-ы мерзімінде берілді. "
        "Астана филиалында кезекте күту уақыты стандартта белгіленген 15 минуттан асқан жағдайлар бар.",
        recommendations="Ақпараттық жүйе тоқтаған кезде өтінімдерді қабылдаудың резервтік тәртібін енгізу; "
        "кешіктірілген 112 өтінім бойынша алушыларға хабарлама жіберу.",
        quality_proposals="Филиалда электрондық кезекті ұялы телефон арқылы алдын ала жазылумен толықтыру; "
        "анықтаманы SMS арқылы дайын болғаны туралы хабарлау.",
        bylaw_proposals_text="",
        bylaw_proposals=[
            (
                service,
                "Стандартқа анықтаманың дайын болғаны туралы SMS-хабарламаны міндетті ету және ақпараттық жүйе "
                "тоқтаған кездегі қабылдау тәртібін қосу.",
            )
        ],
    )
    services.conclusion_publish(actor=monitor, conclusion=conclusion, now=_at(today, 40))
    services.measure_record(
        actor=head,
        conclusion=conclusion,
        body=ministry,
        text="Ақпараттық жүйенің резервтік арнасы іске қосылды; кешіктірілген өтінімдер бойынша алушыларға "
        "хабарламалар жіберілді.",
        taken_on=today - dt.timedelta(days=20),
        now=_at(today, 19),
    )
    return True


def _kindergarten_queue(today: dt.date) -> bool:
    monitor, akimat, officer = _user("citizen.ru"), _org("astana-akimat"), _user("officer.astana")
    service = Service.objects.filter(code="04010001").first()
    subject = "Постановка детей в очередь в детские сады Астаны: сроки и информирование родителей"
    if None in (monitor, akimat, officer, service) or _exists(monitor, subject):  # type: ignore[arg-type]
        return False
    assert monitor and akimat and officer and service
    monitoring = services.monitoring_register(
        actor=monitor,
        monitor_kind=MonitorKind.INDIVIDUAL,
        subject=subject,
        period_start=today - dt.timedelta(days=90),
        period_end=today - dt.timedelta(days=35),
        bodies=[akimat],
        services=[service],
        basis=MonitoringBasis.OWN_INITIATIVE,
        language="ru",
        now=_at(today, 90),
    )
    asked = services.information_request_send(
        actor=monitor,
        monitoring=monitoring,
        addressee=akimat,
        question="Сколько детей поставлено в очередь за сентябрь–октябрь и сколько заявлений "
        "рассмотрено позже 30 минут?",
        now=_at(today, 60),
    )
    services.information_request_answer(
        actor=officer,
        request=asked,
        answer_text="За сентябрь–октябрь поставлено в очередь 6 215 детей; 41 заявление рассмотрено "
        "позже 30 минут из-за сбоев портала.",
        now=_at(today, 55),
    )
    conclusion = services.conclusion_save(
        actor=monitor,
        monitoring=monitoring,
        compliance="Сроки постановки в очередь в основном соблюдаются (99,3 % заявлений). Информация о "
        "номере в очереди доступна на портале, но не во всех случаях обновляется своевременно.",
        recommendations="Устранить задержки обновления номера в очереди; уведомить родителей по "
        "41 заявлению, рассмотренному с нарушением срока.",
        quality_proposals="Добавить уведомление родителей об изменении номера в очереди и о "
        "направлении в детский сад.",
        bylaw_proposals=[
            (
                service,
                "Включить в стандарт обязанность уведомлять родителя об изменении номера в очереди "
                "не позднее следующего рабочего дня.",
            )
        ],
        language="ru",
    )
    services.conclusion_publish(actor=monitor, conclusion=conclusion, now=_at(today, 30))
    services.measure_record(
        actor=officer,
        conclusion=conclusion,
        body=akimat,
        text="Настроено ежедневное обновление номеров в очереди; родителям по 41 заявлению направлены "
        "уведомления.",
        taken_on=today - dt.timedelta(days=12),
        now=_at(today, 12),
    )
    return True


def _in_progress(today: dt.date) -> bool:
    monitor, ministry = _user("citizen"), _org("minjust")
    subject = "Әділет министрлігінің электрондық қызметтері туралы ақпараттың қолжетімділігі"
    if None in (monitor, ministry) or _exists(monitor, subject):  # type: ignore[arg-type]
        return False
    assert monitor and ministry
    monitoring = services.monitoring_register(
        actor=monitor,
        monitor_kind=MonitorKind.INDIVIDUAL,
        subject=subject,
        period_start=today - dt.timedelta(days=20),
        period_end=today + dt.timedelta(days=40),
        bodies=[ministry],
        services=list(Service.objects.filter(responsible_body=ministry, is_active=True).order_by("code")[:2]),
        basis=MonitoringBasis.OWN_INITIATIVE,
        language="kk",
        now=_at(today, 20),
    )
    services.information_request_send(
        actor=monitor,
        monitoring=monitoring,
        addressee=ministry,
        question="Министрліктің интернет-ресурсында жарияланбаған қызметтер бойынша 1414 "
        "орталығына қанша сұрау түсті?",
        now=_at(today, 3),
    )
    return True


def _targets(today: dt.date) -> int:
    """STD 20: this year's targets of the monitored services, approved last December."""
    count = 0
    order_date = dt.date(today.year - 1, 12, 20)
    for service in Service.objects.filter(code__in=["02020002", "04010001", "02010002"]):
        for code, value in TARGETS.items():
            try:
                quality_services.indicator_target_set(
                    actor=None,
                    service=service,
                    indicator=code,
                    year=today.year,
                    value=value,
                    order_number=f"{service.code[-3:]}-НМ/{today.year}",
                    order_date=order_date,
                )
            except ApplicationError:  # approved before with another value: left as it is
                continue
            count += 1
    return count


def _on(day: dt.date, hour: int = 11) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _address_certificate_last_year(today: dt.date) -> bool:
    """Last year's monitoring of the address certificate at the Ministry (Russian, an individual
    at their own initiative, September-October), its conclusion published in November and the
    ministry's measure in December: last year's quality assessment of the service rests on it
    (Law 28, Law 29.3-29.4)."""
    monitor, ministry, head = _user("citizen.ru"), _org("mvd"), _user("head.mvd")
    service = Service.objects.filter(code="02020002").first()
    subject = "Выдача адресной справки через ЦОН: сроки и отказы в информации"
    if None in (monitor, ministry, head, service) or _exists(monitor, subject):  # type: ignore[arg-type]
        return False
    assert monitor and ministry and head and service
    year = today.year - 1
    monitoring = services.monitoring_register(
        actor=monitor,
        monitor_kind=MonitorKind.INDIVIDUAL,
        subject=subject,
        period_start=dt.date(year, 9, 1),
        period_end=dt.date(year, 10, 31),
        bodies=[ministry],
        services=[service],
        basis=MonitoringBasis.OWN_INITIATIVE,
        language="ru",
        now=_on(dt.date(year, 9, 1), 10),
    )
    asked = services.information_request_send(
        actor=monitor,
        monitoring=monitoring,
        addressee=ministry,
        question="Сколько адресных справок выдано через ЦОН за сентябрь и сколько из них позже срока?",
        now=_on(dt.date(year, 9, 15)),
    )
    services.information_request_answer(
        actor=head,
        request=asked,
        answer_text="В сентябре через ЦОН выдано 22 справки, из них 1 — позже срока (результат передан "
        "в ЦОН с опозданием).",
        now=_on(dt.date(year, 9, 22)),
    )
    conclusion = services.conclusion_save(
        actor=monitor,
        monitoring=monitoring,
        compliance="Сроки выдачи справки через ЦОН в основном соблюдаются; отдельные результаты "
        "передаются в ЦОН позже срока передачи, на обращения контакт-центра министерство отвечало не всегда.",
        recommendations="Утвердить с ЦОН график передачи результатов; назначить ответственного за ответы "
        "контакт-центру.",
        quality_proposals="Сообщать заявителю SMS о готовности справки в ЦОН.",
        bylaw_proposals_text="Предложений по изменению подзаконных актов нет.",
        language="ru",
    )
    services.conclusion_publish(actor=monitor, conclusion=conclusion, now=_on(dt.date(year, 11, 17)))
    services.measure_record(
        actor=head,
        conclusion=conclusion,
        body=ministry,
        text="С ЦОН утверждён график передачи результатов; назначен ответственный за ответы контакт-центру.",
        taken_on=dt.date(year, 12, 8),
        now=_on(dt.date(year, 12, 8), 15),
    )
    return True


def load(stdout: TextIO) -> None:
    today = timezone.localdate()
    made = sum(
        (
            _address_certificate_last_year(today),
            _address_certificate(today),
            _kindergarten_queue(today),
            _in_progress(today),
        )
    )
    targets = _targets(today)
    start = (today.replace(day=1) - dt.timedelta(days=335)).replace(day=1)
    rows = services.indicator_aggregate_rebuild(start=start, end=today)
    stdout.write(f"  monitoring: {made} monitorings, {targets} targets, {rows} indicator aggregates")
