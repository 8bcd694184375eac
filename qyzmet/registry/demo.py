"""Demo register (kk/ru): 43 real services in 11 spheres (``demo_catalogue``), each with one
approved version in force since 2024-01-01; the passport service with a second version approved
a few days ago and in force from next 1 January; the address certificate amended after a public
discussion closed some three months ago, with its report; the kindergarten-queue amendment in
public discussion now, with comments. Dates are counted from the day of loading (as written for
23 November 2026: approved 18 November, in force from 1 January 2027; discussed 3-14 August).

Idempotent: spheres and situations by code, services by code (skipped when present), extra
versions and discussions by (service, version number). Historical discussion rows (past dates)
are written directly since a service cannot post in the past; everything else goes through the
services."""

from __future__ import annotations

import datetime as dt
import importlib
from decimal import Decimal
from typing import Any, TextIO

from django.db import transaction
from django.utils import timezone, translation

from qyzmet.core.models import User
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.models import Organisation
from qyzmet.registry import demo_catalogue as cat
from qyzmet.registry.enums import (
    Channel,
    CommentDecision,
    ComplaintAddressKind,
    DiscussionStatus,
    InformationSourceKind,
    PaymentMethod,
    RefusalGround,
    TermStart,
    TermUnit,
    VersionStatus,
    WorkPrinciple,
)
from qyzmet.registry.models import (
    ContactCentreUpdateTask,
    Discussion,
    DiscussionComment,
    DraftAgreement,
    LifeSituation,
    MciValue,
    Service,
    Sphere,
    StandardVersion,
)
from qyzmet.registry.services import (
    discussion_comment_add,
    discussion_comment_decide,
    discussion_open,
    search_index_rebuild,
    service_create,
    service_providers_set,
    standard_version_copy,
    standard_version_create,
    standard_version_register_approved,
    standard_version_update,
    version_content_hash,
)
from qyzmet.workcalendar.calendar import add_working_days, next_working_day, previous_working_day

BASE_EFFECTIVE_FROM = dt.date(2024, 1, 1)
GROUNDS = list(RefusalGround)
E_CHANNELS = {Channel.EGOV_PORTAL, Channel.MOBILE, Channel.LANDLINE, Channel.OTHER_ECHANNEL}

COMMON: dict[str, Any] = {
    "legal_basis_kk": "«Мемлекеттік көрсетілетін қызметтер туралы» 2013 жылғы 15 сәуірдегі № 88-V Қазақстан Республикасының Заңы; "
    "қызметті көрсету қағидалары (жауапты орталық мемлекеттік органның бұйрығы)",
    "legal_basis_ru": "Закон Республики Казахстан от 15 апреля 2013 года № 88-V «О государственных услугах»; правила "
    "оказания государственной услуги (приказ ответственного центрального государственного органа)",
    "information_sources_kk": "www.egov.kz порталы, көрсетілетін қызметті берушінің интернет-ресурсы, 1414 Бірыңғай байланыс орталығы",
    "information_sources_ru": "Портал www.egov.kz, интернет-ресурс услугодателя, Единый контакт-центр 1414",
    "interaction_kk": "Мемлекеттік корпорация өтінішті қабылдап, мониторинг жүйесі арқылы көрсетілетін қызметті берушіге жібереді; "
    "деректер «Жеке тұлғалар» МДҚ және өзге мемлекеттік ақпараттық жүйелерден алынады.",
    "interaction_ru": "Государственная корпорация принимает заявление и направляет его услугодателю через систему мониторинга; "
    "сведения запрашиваются из ГБД «Физические лица» и иных государственных информационных систем.",
    # STD 9: the notes say only what the structured schedules below cannot (days and hours live
    # there alone, so a changed schedule is never contradicted by an old note; finding 22.2a).
    "schedule_provider_kk": "Демалыс және мереке күндері жұмыс істемейді",
    "schedule_provider_ru": "Кроме выходных и праздничных дней",
    "schedule_state_corporation_kk": "Электрондық кезек тәртібімен; алдын ала жазылғандар белгіленген уақытта қабылданады",
    "schedule_state_corporation_ru": "В порядке электронной очереди; записавшиеся заранее принимаются в назначенное время",
    "schedule_echannels_kk": "Жөндеу жұмыстарын қоспағанда; жұмыс уақытынан кейін берілген өтініш келесі жұмыс күні қабылданады",
    "schedule_echannels_ru": "Кроме технических перерывов; заявление, поданное после окончания рабочего времени, "
    "принимается следующим рабочим днём",
    # STD 9: the schedules (days, hours, breaks) as structured data.
    "working_schedule_provider": {
        "days": [
            {
                "weekday": w,
                "opens": "09:00",
                "closes": "18:30",
                "breaks": [{"start": "13:00", "end": "14:30"}],
            }
            for w in range(5)
        ]
    },
    "working_schedule_state_corporation": {
        "days": [
            *({"weekday": w, "opens": "09:00", "closes": "20:00", "breaks": []} for w in range(5)),
            {"weekday": 5, "opens": "09:00", "closes": "13:00", "breaks": []},
        ]
    },
    "working_schedule_echannels": {"around_the_clock": True, "days": []},
    "pre_registration_available": True,
    "pre_registration_conditions_kk": "Портал немесе 1414 арқылы алдын ала жазылу; белгіленген уақытқа 10 минуттан артық кешіккенде жазылу күшін жояды",
    "pre_registration_conditions_ru": "Предварительная запись через портал или 1414; при опоздании более чем на 10 минут запись аннулируется",
    "expedited_available": True,
    # STD 8: the out-of-turn service costs nothing more.
    "expedited_fee_mci": Decimal("0"),
    "expedited_conditions_kk": "Мүгедектігі бар адамдарға, 65 жастан асқан адамдарға, жүкті әйелдерге кезектен тыс қызмет көрсетіледі",
    "expedited_conditions_ru": "Лица с инвалидностью, лица старше 65 лет и беременные женщины обслуживаются вне очереди",
    "premises_kk": "Ғимарат пандустармен, тұтқалармен, мүгедектерге арналған дәретханамен, күту залымен, ақпараттық тақталармен жабдықталған",
    "premises_ru": "Здание оборудовано пандусами, поручнями, туалетом для лиц с инвалидностью, залом ожидания и информационными стендами",
    "forms_blanks_kk": "Өтініш нысаны қызмет көрсету қағидаларына қосымшада және порталда берілген",
    "forms_blanks_ru": "Форма заявления приведена в приложении к правилам оказания услуги и на портале",
    "receipt_document_kk": "Құжаттарды қабылдау туралы қолхат (Мемлекеттік корпорацияда) немесе жеке кабинеттегі мәртебе (порталда)",
    "receipt_document_ru": "Расписка о приёме документов (в Государственной корпорации) или статус в личном кабинете (на портале)",
    "suspension_grounds_kk": "Заңда көзделген жағдайларды қоспағанда, тоқтата тұрылмайды",
    "suspension_grounds_ru": "Не приостанавливается, кроме случаев, предусмотренных законом",
    "complaint_addresses_kk": "Қызмет берушінің басшысына, Мемлекеттік корпорацияға (оның қызметкерлерінің әрекетіне) немесе "
    "мемлекеттік қызметтер көрсету сапасын бағалау және бақылау жөніндегі уәкілетті органға (Мемлекеттік қызмет істері агенттігі); "
    "сотқа жүгінуге болады",
    "complaint_addresses_ru": "Руководителю услугодателя, в Государственную корпорацию (на действия её работников) или в "
    "уполномоченный орган по оценке и контролю за качеством оказания государственных услуг (Агентство по делам "
    "государственной службы); возможно обращение в суд",
}

# STD 13, 18, 24-26: the same for every demo standard.
COMMON.update(
    {
        "document_office_kk": "Мемлекеттік корпорацияның кез келген бөлімшесінің операторы (электрондық кезек "
        "бойынша терезе), көрсетілетін қызметті берушінің кеңсесі немесе www.egov.kz порталы",
        "document_office_ru": "Оператор любого отделения Государственной корпорации (окно по электронной "
        "очереди), канцелярия услугодателя или портал www.egov.kz",
        "principles": [p.value for p in WorkPrinciple if p != WorkPrinciple.OTHER],
        "principles_note_kk": "Мерзімінде алынбаған құжаттар Мемлекеттік корпорацияда бір ай сақталады, "
        "содан кейін қызмет берушіге қайтарылады",
        "principles_note_ru": "Документы, не полученные в срок, хранятся в Государственной корпорации "
        "один месяц, затем возвращаются услугодателю",
        "complaint_documents_kk": "Шағым жазбаша немесе электрондық нысанда беріледі: шағымданушының аты-жөні "
        "(заңды тұлғаның атауы), пошталық мекенжайы, шағымның мәні; шешімнің (қолхаттың) көшірмесі және "
        "дәлелдейтін құжаттар қоса беріледі",
        "complaint_documents_ru": "Жалоба подаётся в письменной или электронной форме: фамилия, имя, отчество "
        "(наименование юридического лица), почтовый адрес, суть жалобы; прилагаются копия решения "
        "(расписки) и подтверждающие документы",
        "complaint_receipt_kk": "Шағымның қабылданғанын растайтын талон (тіркелген күні, нөмірі, жауап берілетін "
        "мерзім мен орын); шағымның қаралу барысы туралы 1414 немесе порталдағы жеке кабинет арқылы білуге болады",
        "complaint_receipt_ru": "Талон о принятии жалобы (дата и номер регистрации, срок и место получения "
        "ответа); о ходе рассмотрения можно узнать по номеру 1414 или в личном кабинете на портале",
        "other_information_kk": "Қызмет көрсету тәртібі мен мәртебесі туралы ақпаратты 1414 бірыңғай байланыс "
        "орталығынан (ұялы телефоннан тегін) алуға болады; қызмет электрондық цифрлық қолтаңба болған кезде "
        "порталда көрсетіледі",
        "other_information_ru": "Информацию о порядке и статусе оказания услуги можно получить в Едином "
        "контакт-центре 1414 (бесплатно с мобильного); при наличии электронной цифровой подписи услуга "
        "оказывается на портале",
    }
)

# STD 4: where information is published. A service with no electronic channel (four passport
# and consular services) is described at the counters and by phone only (indicator 3.2).
ELECTRONIC_SOURCES: list[dict[str, Any]] = [
    {
        "kind": InformationSourceKind.EGOV_PORTAL,
        "detail_kk": "«Электрондық үкімет» порталы, «Мемлекеттік қызметтер» бөлімі",
        "detail_ru": "Портал «электронного правительства», раздел «Государственные услуги»",
        "url": "https://egov.kz",
    },
    {
        "kind": InformationSourceKind.PROVIDER_WEBSITE,
        "detail_kk": "Жауапты органның интернет-ресурсы, «Мемлекеттік қызметтер» бөлімі",
        "detail_ru": "Интернет-ресурс ответственного органа, раздел «Государственные услуги»",
        "url": "https://www.gov.kz",
    },
    {
        "kind": InformationSourceKind.CONTACT_CENTRE,
        "detail_kk": "1414 бірыңғай байланыс орталығы, 8 800 080 7777 (тегін)",
        "detail_ru": "Единый контакт-центр 1414, 8 800 080 7777 (бесплатно)",
        "url": "",
    },
]
PAPER_SOURCES: list[dict[str, Any]] = [
    {
        "kind": InformationSourceKind.STATE_CORPORATION,
        "detail_kk": "Мемлекеттік корпорация бөлімшелеріндегі ақпараттық тақталар мен кеңесшілер",
        "detail_ru": "Информационные стенды и консультанты в отделениях Государственной корпорации",
        "url": "",
    },
    {
        "kind": InformationSourceKind.PROVIDER_PREMISES,
        "detail_kk": "Көрсетілетін қызметті берушінің ғимаратындағы ақпараттық стенд",
        "detail_ru": "Информационный стенд в здании услугодателя",
        "url": "",
    },
    {
        "kind": InformationSourceKind.HOTLINE,
        "detail_kk": "Көрсетілетін қызметті берушінің анықтама қызметі (жұмыс уақытында)",
        "detail_ru": "Справочная служба услугодателя (в рабочее время)",
        "url": "",
    },
]
OFFICE_HOURS: dict[str, Any] = {
    "days": [
        {"weekday": w, "opens": "09:00", "closes": "18:30", "breaks": [{"start": "13:00", "end": "14:30"}]}
        for w in range(5)
    ]
}
CONTACT_CENTRE_HOURS: dict[str, Any] = {
    "days": [{"weekday": w, "opens": "08:00", "closes": "20:00", "breaks": []} for w in range(6)]
}


# The body's one address (orgs) is typed in Kazakh; the Russian page of a service shows the
# complaint address in Russian, so the bodies a complaint goes to have it here in Russian.
HOUSE_RU = "г. Астана, проспект Мангилик Ел, 8, АЗ «Дом министерств»"
ADDRESSES_RU: dict[str, str] = {
    "minjust": f"{HOUSE_RU}, подъезд 13",
    "minedu": f"{HOUSE_RU}, подъезд 11",
    "minlabour": f"{HOUSE_RU}, подъезд 2",
    "minhealth": f"{HOUSE_RU}, подъезд 5",
    "minfin": f"{HOUSE_RU}, подъезд 4",
    "minagri": f"{HOUSE_RU}, подъезд 7",
    "mvd": "г. Астана, проспект Тауелсиздик, 1",
    "mfa": "г. Астана, улица Д. Кунаева, 31",
    "minindustry": "г. Астана, проспект Кабанбай батыра, 32/1",
    "mindigital": "г. Астана, проспект Мангилик Ел, 55/15, МВЦ «Экспо», павильон C4.2",
    "prosecutor": "г. Астана, проспект Мангилик Ел, 14",
    "adgs": "г. Астана, проспект Абая, 33а",
    "ucc": "г. Астана, проспект Мангилик Ел, 55/15",
}


def _body_entry(kind: str, body: Organisation, **extra: Any) -> dict[str, Any]:
    return {
        "kind": kind,
        "body": body,
        "name_kk": body.name_kk,
        "name_ru": body.name_ru,
        "address_kk": body.address,
        "address_ru": ADDRESSES_RU.get(body.code, body.address),
        "email": body.email,
        "phone": body.phone,
        **extra,
    }


def _complaint_addresses(spec: cat.Spec, bodies: dict[str, Organisation]) -> list[dict[str, Any]]:
    """STD 21 (1414 explains and helps), 22 (the quality authority, higher instance), 23 (the
    provider: the central body itself, or the head of the local provider)."""
    central = "central_state_body" in spec.providers
    provider = (
        _body_entry(ComplaintAddressKind.PROVIDER, bodies[spec.body], office="101")
        if central
        else {
            "kind": ComplaintAddressKind.PROVIDER,
            "name_kk": "Қызметті көрсеткен көрсетілетін қызметті берушінің басшысы",
            "name_ru": "Руководитель услугодателя, оказавшего услугу",
            "address_kk": "Көрсетілетін қызметті берушінің мекенжайы бойынша (порталдағы тізімде)",
            "address_ru": "По адресу услугодателя (в перечне на портале)",
            # One free-text field, typed in one language (the body's own cabinet is on the portal).
            "office": "приёмная",
        }
    )
    entries = [
        {**provider, "schedule": OFFICE_HOURS},
        _body_entry(ComplaintAddressKind.HIGHER_INSTANCE, bodies["adgs"], schedule=OFFICE_HOURS),
    ]
    if "ucc" in bodies:
        entries.insert(
            0, _body_entry(ComplaintAddressKind.EXPLAINS, bodies["ucc"], schedule=CONTACT_CENTRE_HOURS)
        )
    return entries


def _counted_from(channel: str) -> str:
    """STD 7.1: at the State Corporation from handing in the documents (a), at the provider
    from registration (b), electronically from the e-request (c)."""
    if channel == Channel.STATE_CORPORATION:
        return TermStart.SUBMISSION
    if channel == Channel.PROVIDER:
        return TermStart.REGISTRATION
    return TermStart.EREQUEST


# STD 7.4: a result not collected in time is kept at the State Corporation for a month.
STORAGE_TERM: dict[str, Any] = {
    "name_kk": "Мерзімінде алынбаған нәтижені Мемлекеттік корпорацияда сақтау",
    "name_ru": "Хранение не полученного в срок результата в Государственной корпорации",
    "term_amount": 30,
    "term_unit": TermUnit.CALENDAR_DAYS,
    "note_kk": "Содан кейін нәтиже көрсетілетін қызметті берушіге қайтарылады",
    "note_ru": "Затем результат возвращается услугодателю",
}


STEPS: list[dict[str, Any]] = [
    {
        "text_kk": "Өтінішті қабылдау және тіркеу",
        "text_ru": "Приём и регистрация заявления",
        "unit_kk": "Кеңсе",
        "unit_ru": "Канцелярия",
        "duration_amount": 15,
        "duration_unit": "minutes",
    },
    {
        "text_kk": "Құжаттарды қарау және нәтижені ресімдеу",
        "text_ru": "Рассмотрение документов и оформление результата",
        "unit_kk": "Жауапты бөлімше",
        "unit_ru": "Ответственное подразделение",
        "duration_amount": 1,
        "duration_unit": "working_days",
    },
    {
        "text_kk": "Нәтижеге қол қою және беру",
        "text_ru": "Подписание и выдача результата",
        "unit_kk": "Басшы",
        "unit_ru": "Руководитель",
        "duration_amount": 30,
        "duration_unit": "minutes",
    },
]


def _provider_texts(spec: cat.Spec) -> dict[str, str]:
    """STD 1 of a demo standard: the kinds of organisations that deliver it, and where their
    addresses are published."""
    out: dict[str, str] = {}
    for lang in ("kk", "ru"):
        with translation.override(lang):
            out[f"provider_name_{lang}"] = "; ".join(str(OrganisationKind(k).label) for k in spec.providers)
    out["provider_address_kk"] = (
        "Қызмет берушінің орналасқан жері бойынша; мекенжайлары порталда және қызмет берушінің интернет-ресурсында"
    )
    out["provider_address_ru"] = (
        "По месту нахождения услугодателя; адреса размещены на портале и интернет-ресурсе услугодателя"
    )
    return out


def _version_data(spec: cat.Spec, bodies: dict[str, Organisation]) -> dict[str, Any]:
    paid = spec.fee_mci is not None
    channels = {t[0] for t in spec.terms}
    fields: dict[str, Any] = {
        **COMMON,
        "automation_form": spec.automation,
        "result_description_kk": spec.result_kk,
        "result_description_ru": spec.result_ru,
        "result_form": spec.result_form,
        "is_free_by_law": spec.free_by_law,
        "is_paid": paid,
        "fee_mci": Decimal(spec.fee_mci) if spec.fee_mci is not None else None,
        "payment_method": PaymentMethod.PAYMENT_GATEWAY if paid else PaymentMethod.NONE,
        "fee_exemptions": list(spec.fee_exemptions),
        "max_queue_wait_minutes": spec.max_wait,
        "max_service_minutes": spec.max_service,
        "delivery_methods": list(spec.delivery),
        "refusal_grounds": [GROUNDS[n - 1].value for n in spec.grounds],
        "is_licence_or_permit": spec.licence,
        "higher_instance": bodies.get("adgs"),
        # STD 1: who delivers it directly (by the kinds of providers the register names)
        **_provider_texts(spec),
    }
    if spec.legal_kk:
        fields["legal_basis_kk"], fields["legal_basis_ru"] = spec.legal_kk, spec.legal_ru
    if not channels & E_CHANNELS:  # STD 4: described at the counters and by phone only
        fields["information_sources_kk"] = (
            "Мемлекеттік корпорация бөлімшелері мен қызмет берушінің ақпараттық стендтері"
        )
        fields["information_sources_ru"] = "Стенды в отделениях Государственной корпорации и у услугодателя"
    if paid:
        fields["fee_note_kk"] = "Мемлекеттік баж Салық кодексіне сәйкес АЕК-пен алынады"
        fields["fee_note_ru"] = "Государственная пошлина взимается в МРП в соответствии с Налоговым кодексом"
    return {
        "fields": fields,
        "channel_terms": [
            {
                "channel": ch,
                "term_amount": n,
                "term_unit": unit,
                "paper_dispatch": paper,
                "counted_from": _counted_from(ch),
            }
            for ch, n, unit, paper in spec.terms
        ],
        "other_terms": [STORAGE_TERM] if Channel.STATE_CORPORATION in channels else [],
        "information_source_entries": (ELECTRONIC_SOURCES if channels & E_CHANNELS else []) + PAPER_SOURCES,
        "complaint_address_entries": _complaint_addresses(spec, bodies),
        "required_documents": [
            {
                "name_kk": doc[0],
                "name_ru": doc[1],
                "presence": doc[2],
                "expires": doc[3] is not None,
                "validity_days": doc[3],
                "privileged_only": doc[4],
                "role": cat.DOCUMENT_ROLES.get(doc, ""),
            }
            for doc in spec.documents
        ],
        "other_refusal_grounds": [
            {"text_kk": kk, "text_ru": ru, "legal_reference": ref}
            for kk, ru, ref in (
                cat.PERMITS_LAW_GROUNDS if spec.licence else [spec.other_ground] if spec.other_ground else []
            )
        ],
        "process_steps": STEPS,
        "form_fields": [
            {
                "code": code,
                "label_kk": kk,
                "label_ru": ru,
                "datatype": dtype,
                "required": req,
                "choices": choices,
                **cat.FIELD_EXTRAS.get(code, {}),
            }
            for code, kk, ru, dtype, req, choices in spec.fields
        ],
    }


def load_spheres() -> dict[str, LifeSituation]:
    situations: dict[str, LifeSituation] = {}
    for order, (code, kk, ru, items) in enumerate(cat.SPHERES, start=1):
        sphere, _ = Sphere.objects.update_or_create(
            code=code, defaults={"name_kk": kk, "name_ru": ru, "order": order}
        )
        for sub_order, (s_code, s_kk, s_ru) in enumerate(items, start=1):
            situations[s_code], _ = LifeSituation.objects.update_or_create(
                code=s_code, defaults={"sphere": sphere, "name_kk": s_kk, "name_ru": s_ru, "order": sub_order}
            )
    return situations


def load_mci() -> None:
    """The MCI values the register's migration seeds (Law 24 fees), back if a test flushed them."""
    seeded = importlib.import_module("qyzmet.registry.migrations.0002_mci_seed_trigram").MCI
    for year, amount in seeded.items():
        MciValue.objects.get_or_create(year=year, defaults={"amount": amount})


@transaction.atomic
def load_services(bodies: dict[str, Organisation]) -> int:
    load_mci()
    situations = load_spheres()
    existing = set(Service.objects.values_list("code", flat=True))
    created = 0
    for spec in cat.SERVICES:
        if spec.code in existing:
            continue
        situation = situations[spec.situation]
        channels = {t[0] for t in spec.terms}
        service = service_create(
            actor=None,
            check_permission=False,
            code=spec.code,
            name_kk=spec.name_kk,
            name_ru=spec.name_ru,
            description_kk=spec.description_kk,
            description_ru=spec.description_ru,
            sphere=situation.sphere,
            life_situation=situation,
            responsible_body=bodies[spec.body],
            provider_kinds=list(spec.providers),
            recipient_categories=list(spec.recipients),
            is_socially_significant=spec.social,
            is_proactive_capable=spec.proactive,
            is_electronic_capable=bool(channels & E_CHANNELS),
            is_via_state_corporation=Channel.STATE_CORPORATION in channels,
            needs_protected_data_consent=spec.consent,
        )
        version = standard_version_create(
            actor=None, service=service, check_permission=False, **_version_data(spec, bodies)
        )
        standard_version_register_approved(actor=None, version=version, effective_from=BASE_EFFECTIVE_FROM)
        created += 1
    return created


# Law 1.4: the legal entities that deliver the services whose providers are "other providers".
OTHER_DELIVERERS: dict[str, list[str]] = {
    "04020001": ["school-astana-54", "school-kosshy-1"],
    "04030001": ["school-astana-54", "school-kosshy-1"],
    "06010001": ["polyclinic-astana-4"],
    "06020001": ["psychiatry-astana"],
    "11010001": ["enpf"],
}


def _deliverers(spec: cat.Spec, bodies: dict[str, Organisation]) -> list[Organisation]:
    """Law 1.4: who delivers a demo service: the central body itself, every local body or akim
    of the kinds the register names (each on its territory), every embassy and consulate, or
    the schools, clinics and funds of ``OTHER_DELIVERERS``."""
    kinds = set(spec.providers)
    out = [bodies[spec.body]] if "central_state_body" in kinds else []
    out += [org for org in bodies.values() if org.kind in kinds - {"central_state_body", "other_provider"}]
    out += [bodies[code] for code in OTHER_DELIVERERS.get(spec.code, []) if code in bodies]
    return out


@transaction.atomic
def load_providers(bodies: dict[str, Organisation]) -> None:
    """Every demo service has its providers of record (idempotent)."""
    by_code = {service.code: service for service in Service.objects.all()}
    for spec in cat.SERVICES:
        if spec.code in by_code:
            service_providers_set(
                actor=None, service=by_code[spec.code], organisations=_deliverers(spec, bodies)
            )


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _working_day_before(days: int) -> dt.date:
    """The working day ``days`` calendar days before today (or the working day before it)."""
    return previous_working_day(timezone.localdate() - dt.timedelta(days=days))


@transaction.atomic
def load_future_version() -> None:
    """Passport: version 2 (term 10 working days), approved five days ago, in force from next
    1 January."""
    service = Service.objects.filter(code="02010002").first()
    if service is None or service.versions.filter(number=2).exists():
        return
    current = service.versions.get(number=1)
    draft = standard_version_copy(actor=None, version=current)
    standard_version_update(
        actor=None,
        version=draft,
        fields={
            "change_summary_kk": "Паспортты ресімдеу мерзімі 10 жұмыс күніне дейін қысқартылды",
            "change_summary_ru": "Срок оформления паспорта сокращён до 10 рабочих дней",
            "approval_act_kk": "ҚР Ішкі істер министрінің бұйрығы (демо)",
            "approval_act_ru": "Приказ Министра внутренних дел РК (демо)",
        },
        channel_terms=[
            {
                "channel": Channel.STATE_CORPORATION,
                "term_amount": 10,
                "term_unit": "working_days",
                "paper_dispatch": True,
                "counted_from": _counted_from(Channel.STATE_CORPORATION),
            },
            {
                "channel": Channel.PROVIDER,
                "term_amount": 10,
                "term_unit": "working_days",
                "counted_from": _counted_from(Channel.PROVIDER),
            },
        ],
    )
    standard_version_register_approved(
        actor=_user("registry.admin"),
        version=draft,
        effective_from=dt.date(timezone.localdate().year + 1, 1, 1),
        approved_on=_working_day_before(5),
        create_update_task=True,
    )


@transaction.atomic
def load_closed_discussion(bodies: dict[str, Organisation]) -> None:
    """Address certificate: version 2 posted for discussion 16 weeks ago (3 August, loaded on
    23 November 2026) for 10 working days, report published, agreed by the Ministry of
    Justice, approved and in force from the first of a month since; UCC updated (Law 23.2)."""
    service = Service.objects.filter(code="02020002").first()
    # Law 13.1: the Ministry of Internal Affairs develops and approves the by-law; the Ministry of
    # Justice, an interested body, agreed the revised text (Law 15.4).
    admin, head, agreeing = _user("registry.admin"), _user("head.mvd"), _user("head.minjust")
    citizen, citizen_ru = _user("citizen"), _user("citizen.ru")
    if service is None or admin is None or head is None or agreeing is None or citizen is None:
        return
    if citizen_ru is None:
        return
    if service.versions.filter(number=2).exists():
        return
    current = service.versions.get(number=1)
    draft = standard_version_copy(actor=None, version=current)
    standard_version_update(
        actor=None,
        version=draft,
        fields={
            "change_summary_kk": "Анықтама eGov mobile қосымшасы арқылы да беріледі",
            "change_summary_ru": "Справка выдаётся также через мобильное приложение eGov mobile",
            "delivery_methods": ["portal", "email"],
        },
        channel_terms=[
            {
                "channel": Channel.EGOV_PORTAL,
                "term_amount": 15,
                "term_unit": "minutes",
                "counted_from": _counted_from(Channel.EGOV_PORTAL),
            },
            {
                "channel": Channel.MOBILE,
                "term_amount": 15,
                "term_unit": "minutes",
                "counted_from": _counted_from(Channel.MOBILE),
            },
            {
                "channel": Channel.STATE_CORPORATION,
                "term_amount": 1,
                "term_unit": "working_days",
                "counted_from": _counted_from(Channel.STATE_CORPORATION),
            },
            {
                "channel": Channel.OTHER_ECHANNEL,
                "term_amount": 15,
                "term_unit": "minutes",
                "counted_from": _counted_from(Channel.OTHER_ECHANNEL),
            },
        ],
    )
    posted = _working_day_before(16 * 7)

    def after(days: int) -> dt.date:
        return previous_working_day(posted + dt.timedelta(days=days))

    approved = after(38)
    # in force from the first of the month after a fortnight (1 October for 10 September)
    in_force = ((approved + dt.timedelta(days=15)).replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    discussion = Discussion.objects.create(
        version=draft,
        posted_by=head,
        posted_on=posted,
        ends_on=add_working_days(posted, 10),
        status=DiscussionStatus.CLOSED,
        closed_on=after(17),
        revised_draft_location="https://legalacts.egov.kz/npa/view?id=demo-address-certificate-v2",
        report_summary_kk="Үш ескерту түсті: екеуі қабылданды, біреуі қабылданбады.",
        report_summary_ru="Поступило три замечания: два приняты, одно отклонено.",
    )
    comments = [
        (
            citizen,
            "channel_terms",
            "Анықтаманы eGov mobile арқылы да алу мүмкіндігін қосыңыз.",
            CommentDecision.ACCEPTED,
            "Ұялы құрылғы арнасы 15 минут мерзімімен қосылды.",
        ),
        (
            citizen_ru,
            "delivery_methods",
            "Прошу направлять справку на электронную почту.",
            CommentDecision.ACCEPTED,
            "Добавлен способ выдачи «на электронную почту».",
        ),
        (
            citizen_ru,
            "",
            "Отменить справку совсем, сведения есть у всех органов.",
            CommentDecision.REJECTED,
            "Справка востребована банками и работодателями, не имеющими доступа к ГБД ФЛ; отмена вне компетенции.",
        ),
    ]
    for author, field_name, text, decision, reason in comments:
        DiscussionComment.objects.create(
            discussion=discussion,
            author=author,
            field_name=field_name,
            text=text,
            submitted_on=posted + dt.timedelta(days=2),
            decision=decision,
            reason=reason,
            decided_by=head,
        )
    DraftAgreement.objects.create(
        version=draft,
        organisation=bodies["minjust"],
        agreed=True,
        recorded_by=agreeing,
        content_hash=version_content_hash(draft),
        recorded_on=after(24),
    )
    StandardVersion.objects.filter(pk=draft.pk).update(status=VersionStatus.AGREED)
    draft.refresh_from_db()
    standard_version_register_approved(
        actor=admin,
        version=draft,
        effective_from=in_force,
        approved_on=approved,
        create_update_task=True,
    )
    ContactCentreUpdateTask.objects.filter(version=draft).update(
        done_at=dt.datetime.combine(
            next_working_day(approved + dt.timedelta(days=1)), dt.time(10, 0), tzinfo=dt.UTC
        ),
        done_by=head,
    )


@transaction.atomic
def load_open_discussion() -> None:
    """Kindergarten queue: version 2 (documents for privileged persons clarified) in public
    discussion now, with two comments (one already accepted)."""
    service = Service.objects.filter(code="04010001").first()
    # Law 13.1: the Ministry of Education develops the by-law; its officer runs the discussion.
    officer, citizen, citizen_ru = _user("officer.minedu"), _user("citizen"), _user("citizen.ru")
    if service is None or officer is None or citizen is None or citizen_ru is None:
        return
    if service.versions.filter(number=2).exists():
        return
    draft = standard_version_copy(actor=officer, version=service.versions.get(number=1))
    standard_version_update(
        actor=officer,
        version=draft,
        fields={
            "change_summary_kk": "Кезектен тыс орналастыру құқығы бар санаттар нақтыланды",
            "change_summary_ru": "Уточнены категории лиц с правом внеочередного устройства",
        },
    )
    discussion = discussion_open(actor=officer, version=draft)
    first = discussion_comment_add(
        author=citizen,
        discussion=discussion,
        field_name="required_documents",
        text="Көп балалы отбасылар үшін анықтаманы талап етпеу керек: мәлімет мемлекеттік жүйеде бар.",
    )
    discussion_comment_add(
        author=citizen_ru,
        discussion=discussion,
        field_name="channel_terms",
        text="Прошу добавить постановку в очередь через eGov mobile.",
    )
    discussion_comment_decide(
        actor=officer,
        comment=first,
        decision=CommentDecision.ACCEPTED,
        reason="Мәртебе «Жеке тұлғалар» МДҚ-дан тексеріледі; құжат тізімнен алынды.",
    )


def load(stdout: TextIO) -> None:
    bodies = {o.code: o for o in Organisation.objects.all()}
    missing = {spec.body for spec in cat.SERVICES} - set(bodies)
    if missing:
        stdout.write(
            f"registry demo: skipped, organisations missing: {sorted(missing)} (run the orgs demo first)\n"
        )
        return
    created = load_services(bodies)
    load_providers(bodies)
    load_future_version()
    load_closed_discussion(bodies)
    load_open_discussion()
    indexed = search_index_rebuild()  # ADR 0024: after the vocabulary changes, a rerun reindexes
    stdout.write(f"registry demo: {indexed} services in the search index\n")
    stdout.write(f"registry demo: {created} services created, {Service.objects.count()} in the register\n")
