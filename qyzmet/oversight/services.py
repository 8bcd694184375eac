"""Writes of public accountability: the quality assessment by the authority the Law names for
the form of delivery (Law 28, 7, 9), state control cases and their orders to remove breaches,
followed up until fulfilled (Law 27, 7.2; ``qyzmet.core.followup``), the yearly report and its
public hearing with the public's comments (Law 23.5-23.6), and the sweep that flags a body
that held no hearing in a year.

Only the owning role acts at each step; every refusal names the point of the Law and what to
do, in kk/ru/en, and writes nothing. Every change writes an audit row in its transaction;
messages leave through the outbox after commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from qyzmet.complaints.selectors import complaint_get_by_number
from qyzmet.core import followup
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.links import public_url
from qyzmet.core.models import Language, User
from qyzmet.core.services import audit_record
from qyzmet.notify.services import outbox_enqueue
from qyzmet.orgs.enums import Authority
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import authority as authority_holding
from qyzmet.oversight import selectors
from qyzmet.oversight.enums import (
    ASSESSED_KINDS,
    CONTROL_OBJECT_KINDS,
    REPORTING_KINDS,
    AssessmentStatus,
    CommentRejection,
    CommentStatus,
    ControlGround,
    ControlStatus,
    DeliveryForm,
    HearingStatus,
    Rating,
    ReportStatus,
)
from qyzmet.oversight.errors import OversightErrorCode as E
from qyzmet.oversight.models import (
    Assessment,
    ControlCase,
    ControlOrder,
    Hearing,
    HearingComment,
    HearingMissingFlag,
    YearlyReport,
)
from qyzmet.registry.models import Service

COMMENT_MAX = 4000
PLACE_MAX = 400
PARTICIPANTS_MAX = 1_000_000


def _err(code: E, kk: str, ru: str, en: str, *, field: str = "") -> ApplicationError:
    fields = {field: {"kk": kk, "ru": ru, "en": en}} if field else None
    return ApplicationError(code, {"kk": kk, "ru": ru, "en": en}, fields=fields)


def _refused(kk: str, ru: str, en: str) -> AccessDenied:
    return AccessDenied({"kk": kk, "ru": ru, "en": en})


def _numbered(prefix: str, year: int, pk: int) -> str:
    return f"{prefix}-{year}-{pk:05d}"


def _mail(*, to: str, subject: str, body: str, dedup_key: str, kind: str) -> None:
    if to.strip():
        outbox_enqueue(channel="email", to=to, subject=subject, body=body, dedup_key=dedup_key, kind=kind)


# --- quality assessment (Law 28, 7, 9, 26) -----------------------------------------------------


def _wrong_authority(form: str) -> AccessDenied:
    if form == DeliveryForm.ELECTRONIC:
        return _refused(
            "Электрондық нысанда көрсетілетін қызметтердің сапасын ақпараттандыру саласындағы уәкілетті "
            "орган бағалайды (Заңның 28-бабының екінші бөлігі, 9-бап): бағалауды сол органның инспекторы "
            "ашады.",
            "Качество услуг, оказываемых в электронной форме, оценивает уполномоченный орган в сфере "
            "информатизации (часть вторая статьи 28, статья 9 Закона): оценку открывает его инспектор.",
            "Services delivered electronically are assessed by the informatization authority (Law 28, "
            "second paragraph; Law 9): one of its inspectors opens the assessment.",
        )
    return _refused(
        "Электрондық нысаннан басқа нысанда көрсетілетін қызметтердің сапасын мемлекеттік қызметтер көрсету "
        "сапасын бағалау және бақылау жөніндегі уәкілетті орган бағалайды (Заңның 28-бабының бірінші "
        "бөлігі, 7-бап): бағалауды сол органның инспекторы ашады.",
        "Качество услуг, оказываемых не в электронной форме, оценивает уполномоченный орган по оценке и "
        "контролю за качеством оказания государственных услуг (часть первая статьи 28, статья 7 Закона): "
        "оценку открывает его инспектор.",
        "Services delivered other than electronically are assessed by the quality assessment and control "
        "authority (Law 28, first paragraph; Law 7): one of its inspectors opens the assessment.",
    )


@transaction.atomic
def assessment_open(
    *,
    actor: User,
    body: Organisation,
    service: Service,
    year: int,
    form: str,
    today: dt.date | None = None,
) -> Assessment:
    """Law 28: open the yearly assessment of ``service`` at ``body`` in ``form``, by an
    inspector of the authority the Law names for that form, with what it rests on gathered."""
    today = today or timezone.localdate()
    if form not in DeliveryForm.values:
        raise _err(
            E.WRONG_AUTHORITY,
            "Қызмет көрсету нысанын таңдаңыз: электрондық немесе өзге (Заңның 28-бабы).",
            "Выберите форму оказания услуги: электронная или иная (статья 28 Закона).",
            "Choose the form of delivery: electronic or other (Law 28).",
            field="form",
        )
    authority = selectors.assessing_authority_of(user=actor, form=form)
    if authority is None:
        raise _wrong_authority(form)
    if body.kind not in ASSESSED_KINDS:
        raise _err(
            E.NOT_ASSESSED_BODY,
            "Бағаланатын – қызмет көрсетушілер және Мемлекеттік корпорация (Заңның 27-бабының 2-тармағы, "
            "28-бап): тізімнен қызмет көрсетушіні таңдаңыз.",
            "Оцениваются услугодатели и Государственная корпорация (пункт 2 статьи 27, статья 28 Закона): "
            "выберите услугодателя из списка.",
            "Providers and the State Corporation are assessed (Law 27.2, 28): choose a provider from the list.",
            field="body",
        )
    if year > today.year:
        raise _err(
            E.YEAR_AHEAD,
            f"{year} жыл әлі басталған жоқ: өткен немесе ағымдағы жылды таңдаңыз.",
            f"{year} год ещё не наступил: выберите прошедший или текущий год.",
            f"The year {year} has not begun: choose a past or the current year.",
            field="year",
        )
    if not selectors.delivers(body=body, service=service):
        raise _err(
            E.SERVICE_NOT_DELIVERED,
            "Бұл орган бұл қызметті көрсетпейді (тізілім бойынша, Заңның 1-бабының 4-тармағы): органның "
            "өз қызметін таңдаңыз.",
            "Этот орган не оказывает эту услугу (по реестру, пункт 4 статьи 1 Закона): выберите услугу, "
            "которую он оказывает.",
            "This body does not deliver this service (by the register, Law 1.4): choose one it delivers.",
            field="service",
        )
    if form == DeliveryForm.ELECTRONIC and not service.is_electronic_capable:
        raise _err(
            E.NOT_ELECTRONIC,
            "Бұл қызмет электрондық нысанда көрсетілмейді (Заңның 21-бабы): «өзге нысан» бағалауын ашыңыз.",
            "Эта услуга не оказывается в электронной форме (статья 21 Закона): откройте оценку «иной формы».",
            "This service is not delivered electronically (Law 21): open an assessment of the other form.",
            field="form",
        )
    if Assessment.objects.filter(body=body, service=service, year=year, form=form).exists():
        raise _err(
            E.ASSESSMENT_EXISTS,
            f"{year} жылғы бұл бағалау бар: оны ашып жалғастырыңыз (бағалау жылына бір рет).",
            f"Эта оценка за {year} год уже есть: откройте её и продолжите (оценка проводится раз в год).",
            f"This assessment for {year} exists: open it and go on (one assessment a year).",
            field="year",
        )
    assessment = Assessment.objects.create(
        number=f"tmp-{uuid.uuid4().hex[:24]}",
        body=body,
        service=service,
        year=year,
        form=form,
        authority=authority,
        assessor=actor,
        evidence=selectors.gather_evidence(body=body, service=service, year=year, form=form, today=today),
    )
    assessment.number = _numbered("QA", year, assessment.pk)
    assessment.save(update_fields=["number", "updated_at"])
    audit_record(
        actor=actor,
        action="oversight.assessment_open",
        obj=assessment,
        after={
            "number": assessment.number,
            "body": body.code,
            "service": service.code,
            "year": year,
            "form": form,
        },
    )
    return assessment


def _require_draft(assessment: Assessment) -> None:
    if assessment.status != AssessmentStatus.DRAFT:
        raise _err(
            E.ASSESSMENT_SIGNED,
            "Бағалауға қол қойылған: ол енді өзгермейді.",
            "Оценка подписана: она больше не меняется.",
            "The assessment is signed: it no longer changes.",
        )


@transaction.atomic
def assessment_refresh(*, assessment: Assessment, actor: User, today: dt.date | None = None) -> Assessment:
    """Gather again what a draft assessment rests on (new data since it was opened)."""
    selectors.access_assessment(user=actor, assessment=assessment, act=True)
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require_draft(assessment)
    assessment.evidence = selectors.gather_evidence(
        body=assessment.body,
        service=assessment.service,
        year=assessment.year,
        form=assessment.form,
        today=today,
    )
    assessment.save(update_fields=["evidence", "updated_at"])
    audit_record(actor=actor, action="oversight.assessment_refresh", obj=assessment)
    return assessment


def assessment_sign_check(*, findings_kk: str, findings_ru: str, rating: str) -> None:
    """Law 26 (reliability, comprehensiveness): the findings in both languages of the document
    and a rating; every problem at once."""
    fields: dict[str, dict[str, str]] = {}
    if not findings_kk.strip():
        fields["findings_kk"] = {
            "kk": "Қорытындыларды қазақ тілінде жазыңыз: құжат қазақ және орыс тілдерінде беріледі.",
            "ru": "Напишите выводы на казахском языке: документ выдаётся на казахском и русском.",
            "en": "Write the findings in Kazakh: the document is issued in Kazakh and Russian.",
        }
    if not findings_ru.strip():
        fields["findings_ru"] = {
            "kk": "Қорытындыларды орыс тілінде жазыңыз: құжат қазақ және орыс тілдерінде беріледі.",
            "ru": "Напишите выводы на русском языке: документ выдаётся на казахском и русском.",
            "en": "Write the findings in Russian: the document is issued in Kazakh and Russian.",
        }
    if rating not in Rating.values:
        fields["rating"] = {
            "kk": "Бағаны таңдаңыз.",
            "ru": "Выберите оценку.",
            "en": "Choose the rating.",
        }
    if fields:
        first = next(iter(fields.values()))
        raise ApplicationError(
            E.NO_RATING if set(fields) == {"rating"} else E.NO_FINDINGS,
            {
                "kk": "Бағалауға қол қою үшін: " + first["kk"],
                "ru": "Чтобы подписать оценку: " + first["ru"],
                "en": "To sign the assessment: " + first["en"],
            },
            fields=fields,
        )


@transaction.atomic
def assessment_sign(
    *,
    assessment: Assessment,
    actor: User,
    findings_kk: str,
    findings_ru: str,
    rating: str,
    signed_on: dt.date | None = None,
) -> Assessment:
    """Law 28: the assessor records the findings and the rating and signs; what it rests on is
    gathered a last time and frozen; the signed PDFs (kk, ru) are issued and the assessed body
    is told (it sees the assessment from now on)."""
    from qyzmet.oversight import documents

    selectors.access_assessment(user=actor, assessment=assessment, act=True)
    assessment = (
        Assessment.objects.select_for_update().select_related("body", "service").get(pk=assessment.pk)
    )
    _require_draft(assessment)
    assessment_sign_check(findings_kk=findings_kk, findings_ru=findings_ru, rating=rating)
    signed_on = signed_on or timezone.localdate()
    if assessment.year >= signed_on.year:
        # The assessment of a year rests on the reporting year's indicators (STD 19 and its
        # appendix, column 4) and is made once per body, service and form: signed only once the
        # year is over, so that it never freezes part of a year.
        raise _err(
            E.YEAR_NOT_OVER,
            f"{assessment.year} жылғы бағалау есепті жылдың көрсеткіштеріне сүйенеді (Үлгі стандарттың "
            "19-тармағы және қосымшасы): жыл аяқталғаннан кейін қол қойыңыз; оған дейін жобаны жаңартуға болады.",
            f"Оценка за {assessment.year} год опирается на показатели отчётного года (пункт 19 Типового "
            "стандарта и приложение к нему): подпишите её после окончания года; до тех пор проект можно "
            "обновлять.",
            f"The assessment of {assessment.year} rests on the reporting year's indicators (STD 19 and its "
            "appendix): sign it once the year is over; until then the draft can be refreshed.",
        )
    assessment.evidence = selectors.gather_evidence(
        body=assessment.body,
        service=assessment.service,
        year=assessment.year,
        form=assessment.form,
        today=signed_on,
    )
    assessment.findings_kk = findings_kk.strip()
    assessment.findings_ru = findings_ru.strip()
    assessment.rating = rating
    assessment.status = AssessmentStatus.SIGNED
    assessment.signed_on = signed_on
    assessment.signed_by = actor
    assessment.save(
        update_fields=[
            "evidence",
            "findings_kk",
            "findings_ru",
            "rating",
            "status",
            "signed_on",
            "signed_by",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action="oversight.assessment_sign",
        obj=assessment,
        before={"status": AssessmentStatus.DRAFT},
        after={"status": assessment.status, "rating": rating, "signed_on": signed_on.isoformat()},
    )
    for language in (Language.KAZAKH, Language.RUSSIAN):
        documents.assessment_pdf(assessment, language, actor=actor)
    link = public_url(reverse("oversight:assessment", args=[assessment.number]))
    _mail(
        to=assessment.body.email,
        subject=f"{assessment.number}: {assessment.service.code} {assessment.year}",
        body=(
            f"{assessment.year} жылғы «{assessment.service.name_kk}» қызметі сапасының бағалауына қол қойылды "
            f"(Заңның 28-бабы).\n\nПодписана оценка качества услуги «{assessment.service.name_ru}» за "
            f"{assessment.year} год (статья 28 Закона).\n\n{link}"
        ),
        dedup_key=f"oversight-assessment-signed-{assessment.pk}",
        kind="oversight_assessment_signed",
    )
    return assessment


# --- state control (Law 27, 7.2) ---------------------------------------------------------------


def _quality_authority(actor: User) -> Organisation:
    authority = selectors.quality_authority_of(user=actor)
    if authority is None:
        raise _refused(
            "Мемлекеттік қызметтер көрсету сапасын мемлекеттік бақылауды сапаны бағалау және бақылау жөніндегі "
            "уәкілетті орган жүзеге асырады (Заңның 7-бабының 2) тармақшасы): бұл әрекетті оның инспекторы "
            "жасайды.",
            "Государственный контроль за качеством оказания государственных услуг осуществляет "
            "уполномоченный орган по оценке и контролю за качеством (подпункт 2) статьи 7 Закона): это "
            "действие выполняет его инспектор.",
            "State control of the quality of public services is exercised by the quality assessment and "
            "control authority (Law 7.2): one of its inspectors does this.",
        )
    return authority


def _complaint_numbers(numbers: Iterable[str], obj: Organisation) -> tuple[list[str], list[str]]:
    """The numbers as given (upper-cased, each once) and those that are no complaint about
    ``obj`` (or a body below it)."""
    clean = list(dict.fromkeys(n.strip().upper() for n in numbers if n.strip()))
    unknown = []
    for number in clean:
        complaint = complaint_get_by_number(number=number)
        if complaint is None or not complaint.provider.path.startswith(obj.path):
            unknown.append(number)
    return clean, unknown


def control_case_open_check(
    *,
    actor: User,
    obj: Organisation,
    ground: str,
    ground_text: str,
    ground_complaints: Iterable[str] = (),
    ground_assessment: Assessment | None = None,
    ground_assessment_number: str = "",
    period_start: dt.date | None,
    period_end: dt.date | None,
    services: Iterable[Service],
    today: dt.date,
) -> tuple[list[str], Assessment | None]:
    """Every problem of a new control case at once (as field errors); returns the complaint
    numbers as they will be kept and the assessment the case rests on (given, or by number)."""
    _quality_authority(actor)
    fields: dict[str, dict[str, str]] = {}
    if obj.kind not in CONTROL_OBJECT_KINDS:
        fields["object"] = {
            "kk": "Бақылау объектісі – орталық және жергілікті атқарушы органдардың, әкімдердің, Мемлекеттік "
            "корпорацияның және қызмет көрсететін тұлғалардың қызметі (Заңның 27-бабының 2-тармағы).",
            "ru": "Объект контроля – деятельность центральных и местных исполнительных органов, акимов, "
            "Государственной корпорации и лиц, оказывающих услуги (пункт 2 статьи 27 Закона).",
            "en": "The objects of control are central and local executive bodies, akims, the State Corporation "
            "and those delivering services (Law 27.2).",
        }
    if ground not in ControlGround.values:
        fields["ground"] = {
            "kk": "Бақылау негізін таңдаңыз (Заңның 27-бабы).",
            "ru": "Выберите основание контроля (статья 27 Закона).",
            "en": "Choose the ground of control (Law 27).",
        }
    if not ground_text.strip():
        fields["ground_text"] = {
            "kk": "Негізді сипаттаңыз: не анықталды және қашан (Заңның 26-бабы: заңдылық, объективтілік).",
            "ru": "Опишите основание: что выявлено и когда (статья 26 Закона: законность, объективность).",
            "en": "Describe the ground: what was found and when (Law 26: legality, objectivity).",
        }
    numbers, unknown = _complaint_numbers(ground_complaints, obj)
    if ground == ControlGround.COMPLAINTS and not numbers:
        fields["ground_complaints"] = {
            "kk": "Шағымдар негізінде ашылатын бақылауға кемінде бір шағымның нөмірін көрсетіңіз.",
            "ru": "Для контроля по жалобам укажите номер хотя бы одной жалобы.",
            "en": "A control on complaints names at least one complaint number.",
        }
    elif unknown:
        fields["ground_complaints"] = {
            "kk": "Бұл нөмірлер осы объект туралы шағым емес: " + ", ".join(unknown) + ".",
            "ru": "Эти номера – не жалобы на этот объект: " + ", ".join(unknown) + ".",
            "en": "These numbers are no complaints about this object: " + ", ".join(unknown) + ".",
        }
    if ground_assessment is None and ground_assessment_number.strip():
        ground_assessment = selectors.assessment_get(number=ground_assessment_number)
    if ground == ControlGround.ASSESSMENT and (
        ground_assessment is None
        or ground_assessment.status != AssessmentStatus.SIGNED
        or not ground_assessment.body.path.startswith(obj.path)
    ):
        fields["ground_assessment"] = {
            "kk": "Осы объектінің қол қойылған сапа бағалауын таңдаңыз (Заңның 28-бабы).",
            "ru": "Выберите подписанную оценку качества этого объекта (статья 28 Закона).",
            "en": "Choose a signed quality assessment of this object (Law 28).",
        }
    if period_start is None or period_end is None or period_start > period_end or period_end > today:
        fields["period_end"] = {
            "kk": "Тексерілетін кезең басталу күнінен басталып, бүгінгі күннен кешіктірмей аяқталады.",
            "ru": "Проверяемый период начинается с даты начала и заканчивается не позже сегодняшнего дня.",
            "en": "The period checked runs from its start to no later than today.",
        }
    services = list(services)
    if not services:
        fields["services"] = {
            "kk": "Тексерілетін кемінде бір қызметті таңдаңыз.",
            "ru": "Выберите хотя бы одну проверяемую услугу.",
            "en": "Choose at least one service to check.",
        }
    elif obj.kind in CONTROL_OBJECT_KINDS:
        foreign = [s.code for s in services if not selectors.checkable(obj=obj, service=s)]
        if foreign:
            codes = ", ".join(foreign)
            fields["services"] = {
                "kk": f"Бақылау объектісі бұл қызметтерді көрсетпейді (Заңның 27-бабының 2-тармағы: объект – "
                f"оның мемлекеттік қызметтер көрсету саласындағы қызметі): {codes}. Объектінің қызметтерін таңдаңыз.",
                "ru": f"Объект контроля не оказывает эти услуги (пункт 2 статьи 27 Закона: объект – его "
                f"деятельность в сфере оказания государственных услуг): {codes}. Выберите услуги объекта.",
                "en": f"The object of control does not deliver these services (Law 27.2: the object is its "
                f"activity in delivering public services): {codes}. Choose the object's services.",
            }
    if fields:
        first = next(iter(fields.values()))
        raise ApplicationError(E.NO_GROUND, first, fields=fields)
    return numbers, ground_assessment if ground == ControlGround.ASSESSMENT else None


@transaction.atomic
def control_case_open(
    *,
    actor: User,
    obj: Organisation,
    ground: str,
    ground_text: str,
    period_start: dt.date | None,
    period_end: dt.date | None,
    services: Iterable[Service],
    ground_complaints: Iterable[str] = (),
    ground_assessment: Assessment | None = None,
    ground_assessment_number: str = "",
    opened_on: dt.date | None = None,
) -> ControlCase:
    """Law 27, 7.2: the quality authority opens a control case on an object of control."""
    opened_on = opened_on or timezone.localdate()
    services = list(services)
    numbers, ground_assessment = control_case_open_check(
        actor=actor,
        obj=obj,
        ground=ground,
        ground_text=ground_text,
        ground_complaints=ground_complaints,
        ground_assessment=ground_assessment,
        ground_assessment_number=ground_assessment_number,
        period_start=period_start,
        period_end=period_end,
        services=services,
        today=opened_on,
    )
    assert period_start is not None and period_end is not None  # checked
    case = ControlCase.objects.create(
        number=f"tmp-{uuid.uuid4().hex[:24]}",
        object=obj,
        authority=_quality_authority(actor),
        ground=ground,
        ground_text=ground_text.strip(),
        ground_complaints=numbers,
        ground_assessment=ground_assessment,
        period_start=period_start,
        period_end=period_end,
        opened_on=opened_on,
        opened_by=actor,
    )
    case.number = _numbered("SC", opened_on.year, case.pk)
    case.save(update_fields=["number", "updated_at"])
    case.services.set(services)
    audit_record(
        actor=actor,
        action="oversight.control_open",
        obj=case,
        after={
            "number": case.number,
            "object": obj.code,
            "ground": ground,
            "period": [period_start.isoformat(), period_end.isoformat()],
            "services": sorted(s.code for s in services),
        },
    )
    _mail(
        to=obj.email,
        subject=f"{case.number} (Заң 27 / Закон 27)",
        body=(
            f"Мемлекеттік қызметтер көрсету сапасын мемлекеттік бақылау ашылды: {case.number}, кезең "
            f"{period_start:%d.%m.%Y}–{period_end:%d.%m.%Y}.\n\nОткрыт государственный контроль за качеством "
            f"оказания государственных услуг: {case.number}, период {period_start:%d.%m.%Y}–"
            f"{period_end:%d.%m.%Y}.\n\n" + public_url(reverse("oversight:control", args=[case.number]))
        ),
        dedup_key=f"oversight-control-open-{case.pk}",
        kind="oversight_control_open",
    )
    return case


def _case_state(kk: str, ru: str, en: str) -> ApplicationError:
    return _err(E.CASE_STATE, kk, ru, en)


@transaction.atomic
def control_findings_record(
    *,
    case: ControlCase,
    actor: User,
    findings: str,
    breaches_found: bool,
    recorded_on: dt.date | None = None,
) -> ControlCase:
    """Law 27: the findings of the check and whether breaches were found (then orders follow)."""
    _quality_authority(actor)
    case = ControlCase.objects.select_for_update().get(pk=case.pk)
    if case.status != ControlStatus.OPEN or case.findings_on is not None:
        raise _case_state(
            "Қорытындылар жазылған: енді бұзушылықтарды жою туралы нұсқамаларды беріңіз немесе істі жабыңыз.",
            "Выводы уже записаны: теперь выдайте предписания об устранении нарушений или закройте дело.",
            "The findings are recorded: now issue orders to remove breaches or close the case.",
        )
    if not findings.strip():
        raise _err(
            E.EMPTY_TEXT,
            "Тексеру қорытындыларын жазыңыз (Заңның 26-бабы: анықтық, жан-жақтылық).",
            "Напишите выводы проверки (статья 26 Закона: достоверность, всесторонность).",
            "Write the findings of the check (Law 26: reliability, comprehensiveness).",
            field="findings",
        )
    recorded_on = recorded_on or timezone.localdate()
    case.findings = findings.strip()
    case.breaches_found = breaches_found
    case.findings_on = recorded_on
    case.findings_by = actor
    case.status = ControlStatus.ORDERED if breaches_found else ControlStatus.OPEN
    case.save(
        update_fields=["findings", "breaches_found", "findings_on", "findings_by", "status", "updated_at"]
    )
    audit_record(
        actor=actor,
        action="oversight.control_findings",
        obj=case,
        before={"status": ControlStatus.OPEN},
        after={"status": case.status, "breaches_found": breaches_found},
    )
    return case


@transaction.atomic
def control_order_issue(
    *,
    case: ControlCase,
    actor: User,
    text: str,
    due_on: dt.date | None,
    issued_on: dt.date | None = None,
    repeats: ControlOrder | None = None,
) -> ControlOrder:
    """Law 27: an order to remove the breaches found, with a due date after the day it is
    issued; ``repeats``: a new order for one controlled as not fulfilled (follow-up until it is)."""
    _quality_authority(actor)
    case = ControlCase.objects.select_for_update().select_related("object").get(pk=case.pk)
    if case.status != ControlStatus.ORDERED:
        raise _err(
            E.ORDER_NO_BREACH,
            "Нұсқама тексеру бұзушылықтарды анықтағаннан кейін ғана беріледі: алдымен қорытындыларды жазыңыз.",
            "Предписание выдаётся, только когда проверка выявила нарушения: сначала запишите выводы.",
            "An order is issued only once the check has found breaches: record the findings first.",
        )
    issued_on = issued_on or timezone.localdate()
    fields: dict[str, dict[str, str]] = {}
    if not text.strip():
        fields["text"] = {
            "kk": "Қандай бұзушылықты қалай жою керектігін жазыңыз.",
            "ru": "Напишите, какое нарушение и как устранить.",
            "en": "Write which breach to remove and how.",
        }
    if due_on is None or not followup.due_date_valid(issued_on=issued_on, due_on=due_on):
        fields["due_on"] = {
            "kk": "Орындау мерзімі нұсқама берілген күннен кейін болуы тиіс.",
            "ru": "Срок исполнения должен быть позже даты предписания.",
            "en": "The due date must follow the day the order is issued.",
        }
    if repeats is not None and (
        repeats.case_id != case.pk or repeats.status != followup.FollowUpStatus.NOT_FULFILLED
    ):
        fields["repeats"] = {
            "kk": "Қайталанатын нұсқама – осы істің орындалмаған нұсқамасы.",
            "ru": "Повторяется только неисполненное предписание этого дела.",
            "en": "Only an order of this case controlled as not fulfilled is repeated.",
        }
    if fields:
        raise ApplicationError(E.ORDER_DUE, next(iter(fields.values())), fields=fields)
    assert due_on is not None
    order = ControlOrder.objects.create(
        case=case, text=text.strip(), due_on=due_on, issued_on=issued_on, issued_by=actor, repeats=repeats
    )
    audit_record(
        actor=actor,
        action="oversight.control_order_issue",
        obj=case,
        after={"order": order.pk, "due_on": due_on.isoformat(), "repeats": repeats.pk if repeats else None},
    )
    _mail(
        to=case.object.email,
        subject=f"{case.number}: {due_on:%d.%m.%Y} (Заң 27 / Закон 27)",
        body=(
            f"Бұзушылықтарды жою туралы нұсқама, орындау мерзімі {due_on:%d.%m.%Y}:\n{order.text}\n\n"
            f"Предписание об устранении нарушений, срок исполнения {due_on:%d.%m.%Y}.\n\n"
            + public_url(reverse("oversight:control", args=[case.number]))
        ),
        dedup_key=f"oversight-control-order-{order.pk}",
        kind="oversight_control_order",
    )
    return order


@transaction.atomic
def control_order_report(
    *, order: ControlOrder, actor: User, text: str, reported_on: dt.date | None = None
) -> ControlOrder:
    """The object of control reports what it did to fulfil a pending order."""
    order = ControlOrder.objects.select_for_update().select_related("case__object").get(pk=order.pk)
    if not selectors.answers_for(user=actor, body=order.case.object):
        raise _refused(
            "Нұсқаманың орындалуы туралы бақылау объектісінің басшысы немесе қызметкері хабарлайды.",
            "Об исполнении предписания сообщает руководитель или сотрудник объекта контроля.",
            "The head or an officer of the object of control reports on an order.",
        )
    if not order.is_pending:
        raise _err(
            E.ORDER_CONTROLLED,
            "Нұсқаманың орындалуы тексерілген: жаңа нұсқаманы күтіңіз.",
            "Исполнение предписания уже проверено: ожидайте новое предписание.",
            "The order has already been controlled: wait for a new order.",
        )
    if not text.strip():
        raise _err(
            E.ORDER_REPORT_EMPTY,
            "Не істелгенін жазыңыз.",
            "Напишите, что сделано.",
            "Write what was done.",
            field="text",
        )
    before = {"body_report": order.body_report}
    order.body_report = text.strip()
    order.reported_on = reported_on or timezone.localdate()
    order.reported_by = actor
    order.save(update_fields=["body_report", "reported_on", "reported_by", "updated_at"])
    audit_record(
        actor=actor,
        action="oversight.control_order_report",
        obj=order.case,
        before=before,
        after={"order": order.pk, "reported_on": order.reported_on.isoformat()},
    )
    return order


@transaction.atomic
def control_order_control(
    *,
    order: ControlOrder,
    actor: User,
    fulfilled_on: dt.date | None,
    in_full: bool,
    note: str = "",
) -> ControlOrder:
    """Law 27 with the rule of Law 25.3.3: fulfilled only in time and in full, else not."""
    _quality_authority(actor)
    order = ControlOrder.objects.select_for_update().get(pk=order.pk)
    if not order.is_pending:
        raise _err(
            E.ORDER_CONTROLLED,
            "Нұсқаманың орындалуы тексерілген: орындалмаса, жаңа нұсқама беріңіз.",
            "Исполнение предписания уже проверено: если не исполнено, выдайте новое.",
            "The order has already been controlled: if not fulfilled, issue a new one.",
        )
    before, update_fields = followup.control_apply(
        order, fulfilled_on=fulfilled_on, in_full=in_full, note=note
    )
    order.save(update_fields=update_fields)
    audit_record(
        actor=actor,
        action="oversight.control_order_control",
        obj=order.case,
        before=before,
        after={"order": order.pk, "status": order.status},
    )
    return order


@transaction.atomic
def control_case_close(*, case: ControlCase, actor: User, closed_on: dt.date | None = None) -> ControlCase:
    """Law 27: the case is closed when the check found no breach, or every breach is removed:
    no order pending and every order not fulfilled followed by a repeated one."""
    _quality_authority(actor)
    case = ControlCase.objects.select_for_update().get(pk=case.pk)
    if case.status == ControlStatus.CLOSED:
        raise _case_state("Іс жабылған.", "Дело закрыто.", "The case is closed.")
    if case.findings_on is None:
        raise _case_state(
            "Алдымен тексеру қорытындыларын жазыңыз.",
            "Сначала запишите выводы проверки.",
            "Record the findings of the check first.",
        )
    orders = list(case.orders.prefetch_related("repeated_by"))
    open_orders = [
        o
        for o in orders
        if o.is_pending or (o.status == followup.FollowUpStatus.NOT_FULFILLED and not o.repeated_by.all())
    ]
    if case.breaches_found and (not orders or open_orders):
        raise _err(
            E.CASE_OPEN_ORDERS,
            "Бұзушылықтар жойылғанша іс жабылмайды: әр бұзушылыққа нұсқама беріп, оның орындалуын тексеріңіз; "
            "орындалмағанын қайта беріңіз (Заңның 27-бабы).",
            "Дело не закрывается, пока нарушения не устранены: выдайте предписание по каждому нарушению и "
            "проверьте исполнение; неисполненное выдайте повторно (статья 27 Закона).",
            "The case stays open until the breaches are removed: issue an order for each, control it and "
            "repeat one not fulfilled (Law 27).",
        )
    before = {"status": case.status}
    case.status = ControlStatus.CLOSED
    case.closed_on = closed_on or timezone.localdate()
    case.closed_by = actor
    case.save(update_fields=["status", "closed_on", "closed_by", "updated_at"])
    audit_record(
        actor=actor, action="oversight.control_close", obj=case, before=before, after={"status": case.status}
    )
    return case


# --- yearly report (Law 23.5) ------------------------------------------------------------------


def _not_reporting_staff() -> AccessDenied:
    return _refused(
        "Есепті органның өз басшысы немесе қызметкері дайындайды (Заңның 23-бабының 5-тармағы).",
        "Отчёт готовит руководитель или сотрудник самого органа (пункт 5 статьи 23 Закона).",
        "The report is prepared by the head or an officer of the body itself (Law 23.5).",
    )


@transaction.atomic
def report_create(
    *, actor: User, body: Organisation, year: int, today: dt.date | None = None
) -> YearlyReport:
    """Law 23.5: start the yearly report of ``body`` on ``year`` (a year that is over), with
    its figures built from its data."""
    today = today or timezone.localdate()
    if not selectors.prepares_report_of(user=actor, body=body):
        raise _not_reporting_staff()
    if body.kind not in REPORTING_KINDS:
        raise _err(
            E.NOT_REPORTING_BODY,
            "Жылдық есепті орталық мемлекеттік органдар, жергілікті атқарушы органдар, әкімдер және "
            "Мемлекеттік корпорация жариялайды (Заңның 23-бабының 5-тармағы).",
            "Годовой отчёт публикуют центральные государственные органы, местные исполнительные органы, "
            "акимы и Государственная корпорация (пункт 5 статьи 23 Закона).",
            "Yearly reports are published by central state bodies, local executive bodies, akims and the "
            "State Corporation (Law 23.5).",
            field="body",
        )
    if year >= today.year:
        raise _err(
            E.REPORT_YEAR,
            f"Есеп бүкіл жыл туралы (Заңның 23-бабының 5-тармағы: жыл сайын): {year} жыл аяқталғаннан кейін "
            f"дайындаңыз; өткен жылды таңдаңыз.",
            f"Отчёт – за весь год (пункт 5 статьи 23 Закона: ежегодно): готовьте его после окончания {year} "
            f"года; выберите прошедший год.",
            f"The report covers a whole year (Law 23.5: yearly): prepare it once {year} is over; choose a "
            f"past year.",
            field="year",
        )
    if YearlyReport.objects.filter(body=body, year=year).exists():
        raise _err(
            E.REPORT_EXISTS,
            f"{year} жылғы есеп бар: оны ашып жалғастырыңыз.",
            f"Отчёт за {year} год уже есть: откройте его и продолжите.",
            f"The report for {year} exists: open it and go on.",
            field="year",
        )
    report = YearlyReport.objects.create(
        body=body,
        year=year,
        figures=selectors.report_figures(body=body, year=year, today=today),
        prepared_by=actor,
    )
    audit_record(
        actor=actor, action="oversight.report_create", obj=report, after={"body": body.code, "year": year}
    )
    return report


def _require_report_draft(report: YearlyReport) -> None:
    if report.status != ReportStatus.DRAFT:
        raise _err(
            E.REPORT_PUBLISHED,
            "Есеп жарияланған: ол енді өзгермейді.",
            "Отчёт опубликован: он больше не меняется.",
            "The report is published: it no longer changes.",
        )


@transaction.atomic
def report_update(
    *, report: YearlyReport, actor: User, narrative_kk: str, narrative_ru: str, today: dt.date | None = None
) -> YearlyReport:
    """Law 23.5: the body's own narrative, in Kazakh and Russian; the figures are built again."""
    if not selectors.prepares_report_of(user=actor, body=report.body):
        raise _not_reporting_staff()
    report = YearlyReport.objects.select_for_update().select_related("body").get(pk=report.pk)
    _require_report_draft(report)
    report.narrative_kk = narrative_kk.strip()
    report.narrative_ru = narrative_ru.strip()
    report.figures = selectors.report_figures(body=report.body, year=report.year, today=today)
    report.save(update_fields=["narrative_kk", "narrative_ru", "figures", "updated_at"])
    audit_record(actor=actor, action="oversight.report_update", obj=report)
    return report


def report_publish_check(*, report: YearlyReport) -> None:
    fields: dict[str, dict[str, str]] = {}
    for lang, name_kk, name_ru, name_en in (
        ("kk", "қазақ", "казахском", "Kazakh"),
        ("ru", "орыс", "русском", "Russian"),
    ):
        if not getattr(report, f"narrative_{lang}").strip():
            fields[f"narrative_{lang}"] = {
                "kk": f"Есептің мәтінін {name_kk} тілінде жазыңыз: есеп қазақ және орыс тілдерінде жарияланады "
                "(Заңның 23-бабының 5-тармағы).",
                "ru": f"Напишите текст отчёта на {name_ru} языке: отчёт публикуется на казахском и русском "
                "(пункт 5 статьи 23 Закона).",
                "en": f"Write the report's text in {name_en}: it is published in Kazakh and Russian (Law 23.5).",
            }
    if fields:
        raise ApplicationError(E.REPORT_NARRATIVE, next(iter(fields.values())), fields=fields)


@transaction.atomic
def report_publish(*, report: YearlyReport, actor: User, published_on: dt.date | None = None) -> YearlyReport:
    """Law 23.5: the body's head publishes the report: its figures are built a last time and
    frozen, its signed PDFs (kk, ru) issued; the page is public from now on."""
    from qyzmet.oversight import documents

    if not selectors.heads(user=actor, body=report.body):
        raise _refused(
            "Есепті органның басшысы жариялайды (Заңның 23-бабының 5-тармағы); қызметкер оны дайындайды.",
            "Отчёт публикует руководитель органа (пункт 5 статьи 23 Закона); сотрудник его готовит.",
            "The body's head publishes the report (Law 23.5); an officer prepares it.",
        )
    report = YearlyReport.objects.select_for_update().select_related("body").get(pk=report.pk)
    _require_report_draft(report)
    report_publish_check(report=report)
    published_on = published_on or timezone.localdate()
    report.figures = selectors.report_figures(body=report.body, year=report.year, today=published_on)
    report.status = ReportStatus.PUBLISHED
    report.published_on = published_on
    report.published_by = actor
    report.save(update_fields=["figures", "status", "published_on", "published_by", "updated_at"])
    audit_record(
        actor=actor,
        action="oversight.report_publish",
        obj=report,
        before={"status": ReportStatus.DRAFT},
        after={"status": report.status, "published_on": published_on.isoformat()},
    )
    for language in (Language.KAZAKH, Language.RUSSIAN):
        documents.report_pdf(report, language, actor=actor)
    return report


# --- public hearing (Law 23.6) -----------------------------------------------------------------


def _not_hearing_staff() -> AccessDenied:
    return _refused(
        "Жария талқылауды органның өз басшысы немесе қызметкері өткізеді (Заңның 23-бабының 6-тармағы).",
        "Публичное обсуждение проводит руководитель или сотрудник самого органа (пункт 6 статьи 23 Закона).",
        "The public hearing is held by the head or an officer of the body itself (Law 23.6).",
    )


@transaction.atomic
def hearing_announce(
    *,
    report: YearlyReport,
    actor: User,
    held_at: dt.datetime | None,
    place_kk: str,
    place_ru: str,
    now: dt.datetime | None = None,
) -> Hearing:
    """Law 23.6: announce a public hearing on a published report, with its date and place
    (ahead: the public may comment until it begins)."""
    now = now or timezone.now()
    if not selectors.prepares_report_of(user=actor, body=report.body):
        raise _not_hearing_staff()
    if report.status != ReportStatus.PUBLISHED:
        raise _err(
            E.REPORT_NOT_PUBLISHED,
            "Алдымен есепті жариялаңыз: жария талқылау жарияланған есеп бойынша өтеді (Заңның 23-бабының "
            "6-тармағы).",
            "Сначала опубликуйте отчёт: публичное обсуждение проводится по опубликованному отчёту (пункт 6 "
            "статьи 23 Закона).",
            "Publish the report first: the hearing is on the published report (Law 23.6).",
        )
    fields: dict[str, dict[str, str]] = {}
    if held_at is None or held_at <= now:
        fields["held_at"] = {
            "kk": "Талқылаудың күні мен уақыты алда болуы тиіс: жұртшылық оған дейін пікір қалдырады.",
            "ru": "Дата и время обсуждения должны быть впереди: до него общественность оставляет замечания.",
            "en": "The hearing's date and time must lie ahead: the public comments until then.",
        }
    for lang, kk, ru, en in (("kk", "қазақ", "казахском", "Kazakh"), ("ru", "орыс", "русском", "Russian")):
        place = (place_kk if lang == "kk" else place_ru).strip()
        if not place:
            fields[f"place_{lang}"] = {
                "kk": f"Өтетін орнын {kk} тілінде жазыңыз (мекенжай, зал немесе онлайн сілтеме).",
                "ru": f"Укажите место на {ru} языке (адрес, зал или ссылку онлайн).",
                "en": f"Give the place in {en} (address, room or online link).",
            }
        elif len(place) > PLACE_MAX:
            fields[f"place_{lang}"] = {
                "kk": f"Өтетін орны {PLACE_MAX} таңбадан аспайды: қысқартыңыз.",
                "ru": f"Место – не более {PLACE_MAX} знаков: сократите.",
                "en": f"A place has at most {PLACE_MAX} characters: shorten it.",
            }
    if fields:
        code = E.HEARING_IN_PAST if "held_at" in fields else E.HEARING_NO_PLACE
        raise ApplicationError(code, next(iter(fields.values())), fields=fields)
    assert held_at is not None
    hearing = Hearing.objects.create(
        report=report,
        body=report.body,
        held_at=held_at,
        place_kk=place_kk.strip(),
        place_ru=place_ru.strip(),
        announced_on=timezone.localdate(now),
        announced_by=actor,
    )
    audit_record(
        actor=actor,
        action="oversight.hearing_announce",
        obj=hearing,
        after={"report": report.number, "held_at": held_at.isoformat()},
    )
    return hearing


@transaction.atomic
def hearing_comment_submit(
    *,
    hearing: Hearing,
    text: str,
    author_name: str = "",
    author: User | None = None,
    language: str = Language.KAZAKH,
    now: dt.datetime | None = None,
) -> HearingComment:
    """Law 23.6: anyone may comment on the report until the hearing begins; the comment is
    published after the body's moderation by the published rule."""
    now = now or timezone.now()
    if not selectors.comments_open(hearing=hearing, now=now):
        raise _err(
            E.COMMENTS_CLOSED,
            "Пікірлер талқылау басталғанға дейін қабылданады: бұл талқылау басталды. Пікіріңізді органға "
            "өтініш ретінде жіберуге болады.",
            "Замечания принимаются до начала обсуждения: это обсуждение уже началось. Своё замечание можно "
            "направить органу обращением.",
            "Comments are taken until the hearing begins: this one has begun. You may write to the body instead.",
        )
    fields: dict[str, dict[str, str]] = {}
    if not text.strip():
        fields["text"] = {
            "kk": "Пікіріңізді жазыңыз.",
            "ru": "Напишите замечание.",
            "en": "Write your comment.",
        }
    elif len(text) > COMMENT_MAX:
        fields["text"] = {
            "kk": f"Пікір {COMMENT_MAX} таңбадан аспайды: қысқартыңыз.",
            "ru": f"Замечание – не более {COMMENT_MAX} знаков: сократите его.",
            "en": f"A comment has at most {COMMENT_MAX} characters: shorten it.",
        }
    if len(author_name) > 120:
        fields["author_name"] = {
            "kk": "Аты 120 таңбадан аспайды.",
            "ru": "Имя – не более 120 знаков.",
            "en": "A name has at most 120 characters.",
        }
    if fields:
        raise ApplicationError(E.COMMENT_EMPTY, next(iter(fields.values())), fields=fields)
    comment = HearingComment.objects.create(
        hearing=hearing,
        text=text.strip(),
        author_name=author_name.strip(),
        author=author if author is not None and author.is_authenticated and author.pk else None,
        language=language if language in (Language.KAZAKH, Language.RUSSIAN) else Language.KAZAKH,
        submitted_at=now,
    )
    audit_record(actor=author, action="oversight.hearing_comment", obj=comment, after={"hearing": hearing.pk})
    return comment


@transaction.atomic
def hearing_comment_moderate(
    *,
    comment: HearingComment,
    actor: User,
    publish: bool,
    rejection: str = "",
    now: dt.datetime | None = None,
) -> HearingComment:
    """The body publishes a comment, or withholds it for one of the published reasons only."""
    comment = HearingComment.objects.select_for_update().select_related("hearing__body").get(pk=comment.pk)
    if not selectors.prepares_report_of(user=actor, body=comment.hearing.body):
        raise _not_hearing_staff()
    if comment.status != CommentStatus.PENDING:
        raise _err(
            E.COMMENT_MODERATED,
            "Бұл пікір қаралған.",
            "Это замечание уже рассмотрено.",
            "This comment has already been moderated.",
        )
    if not publish and rejection not in CommentRejection.values:
        raise _err(
            E.COMMENT_NO_REASON,
            "Пікір тек жарияланған ереженің бір себебімен ғана жарияланбайды: себебін таңдаңыз.",
            "Замечание не публикуется только по одной из опубликованных причин: выберите причину.",
            "A comment is withheld only for one of the published reasons: choose it.",
            field="rejection",
        )
    before = {"status": comment.status}
    comment.status = CommentStatus.PUBLISHED if publish else CommentStatus.REJECTED
    comment.rejection = "" if publish else rejection
    comment.moderated_at = now or timezone.now()
    comment.moderated_by = actor
    comment.save(update_fields=["status", "rejection", "moderated_at", "moderated_by", "updated_at"])
    audit_record(
        actor=actor,
        action="oversight.hearing_comment_moderate",
        obj=comment,
        before=before,
        after={"status": comment.status, "rejection": comment.rejection},
    )
    return comment


@transaction.atomic
def hearing_minutes_record(
    *,
    hearing: Hearing,
    actor: User,
    minutes_kk: str,
    minutes_ru: str,
    participants: int | None,
    now: dt.datetime | None = None,
) -> Hearing:
    """Law 23.6: after the hearing, its minutes are published (kk, ru) with the number of
    participants; comments left unmoderated are moderated first."""
    now = now or timezone.now()
    hearing = Hearing.objects.select_for_update().select_related("body").get(pk=hearing.pk)
    if not selectors.prepares_report_of(user=actor, body=hearing.body):
        raise _not_hearing_staff()
    if hearing.status != HearingStatus.ANNOUNCED:
        raise _err(
            E.HEARING_STATE,
            "Хаттама жарияланған.",
            "Протокол уже опубликован.",
            "The minutes are already published.",
        )
    if now < hearing.held_at:
        raise _err(
            E.HEARING_NOT_YET,
            f"Талқылау {timezone.localtime(hearing.held_at):%d.%m.%Y %H:%M} өтеді: хаттаманы одан кейін жазыңыз.",
            f"Обсуждение пройдёт {timezone.localtime(hearing.held_at):%d.%m.%Y %H:%M}: протокол – после него.",
            f"The hearing is on {timezone.localtime(hearing.held_at):%d.%m.%Y %H:%M}: record the minutes after it.",
        )
    if selectors.pending_comments(hearing=hearing).exists():
        raise _err(
            E.HEARING_MINUTES,
            "Алдымен келіп түскен барлық пікірлерді қараңыз: әрқайсысы жарияланады немесе ереженің себебімен "
            "жарияланбайды.",
            "Сначала рассмотрите все поступившие замечания: каждое публикуется или не публикуется по причине "
            "из правила.",
            "Moderate every comment received first: each is published or withheld for a reason of the rule.",
        )
    fields: dict[str, dict[str, str]] = {}
    if not minutes_kk.strip():
        fields["minutes_kk"] = {
            "kk": "Хаттаманы қазақ тілінде жазыңыз.",
            "ru": "Напишите протокол на казахском языке.",
            "en": "Write the minutes in Kazakh.",
        }
    if not minutes_ru.strip():
        fields["minutes_ru"] = {
            "kk": "Хаттаманы орыс тілінде жазыңыз.",
            "ru": "Напишите протокол на русском языке.",
            "en": "Write the minutes in Russian.",
        }
    if participants is None or not 1 <= participants <= PARTICIPANTS_MAX:
        fields["participants"] = {
            "kk": "Қатысушылар санын көрсетіңіз (Заңның 23-бабының 6-тармағы: мүдделі тұлғалардың қатысуымен).",
            "ru": "Укажите число участников (пункт 6 статьи 23 Закона: с участием заинтересованных лиц).",
            "en": "Give the number of participants (Law 23.6: with the interested persons taking part).",
        }
    if fields:
        raise ApplicationError(E.HEARING_MINUTES, next(iter(fields.values())), fields=fields)
    hearing.minutes_kk = minutes_kk.strip()
    hearing.minutes_ru = minutes_ru.strip()
    hearing.participants = participants
    hearing.minutes_on = timezone.localdate(now)
    hearing.minutes_by = actor
    hearing.status = HearingStatus.HELD
    hearing.save(
        update_fields=[
            "minutes_kk",
            "minutes_ru",
            "participants",
            "minutes_on",
            "minutes_by",
            "status",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action="oversight.hearing_minutes",
        obj=hearing,
        before={"status": HearingStatus.ANNOUNCED},
        after={"status": hearing.status, "participants": participants},
    )
    return hearing


@transaction.atomic
def hearing_results_record(
    *,
    hearing: Hearing,
    actor: User,
    results_use_kk: str,
    results_use_ru: str,
    recorded_on: dt.date | None = None,
) -> Hearing:
    """Law 23.6: how the hearing's results were used to raise the quality of services and
    improve the by-laws, published (kk, ru) after the minutes."""
    hearing = Hearing.objects.select_for_update().select_related("body").get(pk=hearing.pk)
    if not selectors.prepares_report_of(user=actor, body=hearing.body):
        raise _not_hearing_staff()
    if hearing.status != HearingStatus.HELD:
        raise _err(
            E.HEARING_STATE,
            "Алдымен талқылаудың хаттамасын жариялаңыз.",
            "Сначала опубликуйте протокол обсуждения.",
            "Publish the hearing's minutes first.",
        )
    fields: dict[str, dict[str, str]] = {}
    for lang, kk, ru, en in (("kk", "қазақ", "казахском", "Kazakh"), ("ru", "орыс", "русском", "Russian")):
        if not (results_use_kk if lang == "kk" else results_use_ru).strip():
            fields[f"results_use_{lang}"] = {
                "kk": f"Нәтижелердің қалай пайдаланылғанын {kk} тілінде жазыңыз: қызмет сапасын арттыру және "
                "заңға тәуелді актілерді жетілдіру үшін (Заңның 23-бабының 6-тармағы).",
                "ru": f"Напишите на {ru} языке, как использованы результаты: для повышения качества услуг и "
                "совершенствования подзаконных актов (пункт 6 статьи 23 Закона).",
                "en": f"Write in {en} how the results were used: to raise the quality of services and improve "
                "the by-laws (Law 23.6).",
            }
    if fields:
        raise ApplicationError(E.HEARING_RESULTS, next(iter(fields.values())), fields=fields)
    before = {"results_use_kk": hearing.results_use_kk, "results_use_ru": hearing.results_use_ru}
    hearing.results_use_kk = results_use_kk.strip()
    hearing.results_use_ru = results_use_ru.strip()
    hearing.results_on = recorded_on or timezone.localdate()
    hearing.results_by = actor
    hearing.save(update_fields=["results_use_kk", "results_use_ru", "results_on", "results_by", "updated_at"])
    audit_record(actor=actor, action="oversight.hearing_results", obj=hearing, before=before)
    return hearing


# --- sweep (Law 23.6) --------------------------------------------------------------------------


@transaction.atomic
def hearing_missing_sweep(*, today: dt.date | None = None) -> int:
    """Law 23.6 (at least once a year): after a year ends, flag to the quality authority every
    reporting body that held no public hearing in it; one e-mail lists the bodies newly
    flagged. Idempotent (one flag per body and year). Returns the number newly flagged."""
    today = today or timezone.localdate()
    year = today.year - 1
    quality = authority_holding(Authority.QUALITY)
    flagged = set(HearingMissingFlag.objects.filter(year=year).values_list("body_id", flat=True))
    new = [body for body in selectors.bodies_without_hearing(year=year) if body.pk not in flagged]
    if not new:
        return 0
    HearingMissingFlag.objects.bulk_create(
        [HearingMissingFlag(body=body, year=year, flagged_on=today, authority=quality) for body in new],
        ignore_conflicts=True,
    )
    for body in new:
        audit_record(
            actor=None,
            action="oversight.hearing_missing",
            object_type="orgs.organisation",
            object_id=str(body.pk),
            after={"year": year, "body": body.code},
        )
    if quality is not None and quality.email:
        names_kk = "\n".join(f"– {b.name_kk}" for b in new)
        names_ru = "\n".join(f"– {b.name_ru}" for b in new)
        digest = hashlib.sha256(",".join(sorted(b.code for b in new)).encode()).hexdigest()[:16]
        _mail(
            to=quality.email,
            subject=f"{year}: жария талқылау өткізілмеді / публичное обсуждение не проведено (Заң 23.6 / Закон 23.6)",
            body=(
                f"{year} жылы мемлекеттік қызметтер көрсету туралы есепке жария талқылау өткізбеген органдар "
                f"(Заңның 23-бабының 6-тармағы):\n{names_kk}\n\nОрганы, не проводившие в {year} году публичное "
                f"обсуждение отчёта об оказании государственных услуг (пункт 6 статьи 23 Закона):\n{names_ru}\n\n"
                + public_url(reverse("oversight:hearing-flags"))
            ),
            dedup_key=f"oversight-hearing-missing-{year}-{digest}",
            kind="oversight_hearing_missing",
        )
    return len(new)
