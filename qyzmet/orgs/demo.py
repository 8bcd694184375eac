"""Demo organisations (Law 1.4, 11 hierarchy; Law 7, 8, 9 authorities) and demo users.

Idempotent: organisations are keyed by ``code``, users by ``username``, companies by BIN.
Every demo user's password is ``qyzmet-demo`` (see docs/demo-users.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, TextIO

from qyzmet.core.identity import check_digit
from qyzmet.core.models import User
from qyzmet.orgs.enums import OrganisationKind as K
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.models import Organisation, RecipientCompany
from qyzmet.orgs.services import (
    organisation_create,
    organisation_update,
    recipient_company_create,
    staff_position_create,
)

DEMO_PASSWORD = "qyzmet-demo"


def _with_check_digit(first11: str) -> str:
    """Append the check digit; bump the serial until a valid digit exists (UCC rules of IIN/BIN)."""
    head, serial = first11[:-4], int(first11[-4:])
    while True:
        candidate = f"{head}{serial % 10_000:04d}"
        digit = check_digit(candidate)
        if digit is not None:
            return f"{candidate}{digit}"
        serial += 1


def demo_bin(yymm: str, serial: int) -> str:
    """A BIN: YYMM of registration, d5 = 4 (resident legal entity), d6 = 0, serial, check digit."""
    return _with_check_digit(f"{yymm}40{serial:05d}")


def demo_iin(birth: dt.date, *, male: bool, serial: int) -> str:
    """An IIN: YYMMDD, d7 = century and sex (3/4 for the 1900s, 5/6 for the 2000s), check digit."""
    century = 3 if birth.year < 2000 else 5
    return _with_check_digit(f"{birth:%y%m%d}{century if male else century + 1}{serial:04d}")


@dataclass(frozen=True)
class Org:
    code: str
    kind: str
    parent: str | None
    name_kk: str
    name_ru: str
    short_kk: str
    short_ru: str
    region: str
    address: str
    phone: str
    bin_yymm: str
    bin_serial: int
    email: str = ""
    flags: dict[str, bool] = field(default_factory=dict)


MINISTRIES_HOUSE_KK = "Астана қ., Мәңгілік Ел даңғылы, 8, «Министрліктер үйі» ӘҮ"

ORGANISATIONS: list[Org] = [
    # Central state bodies (Law 1.4)
    Org("minjust", K.CENTRAL_STATE_BODY, None,
        "Қазақстан Республикасының Әділет министрлігі", "Министерство юстиции Республики Казахстан",
        "Әділетмині", "Минюст", "astana", f"{MINISTRIES_HOUSE_KK}, 13-кіреберіс", "+7 7172 74 07 44",
        "9703", 1481, "kense@adilet.gov.kz"),
    Org("mvd", K.CENTRAL_STATE_BODY, None,
        "Қазақстан Республикасының Ішкі істер министрлігі",
        "Министерство внутренних дел Республики Казахстан",
        "ІІМ", "МВД", "astana", "Астана қ., Тәуелсіздік даңғылы, 1", "+7 7172 72 25 84",
        "9412", 135, "kense@mvd.gov.kz"),
    Org("minedu", K.CENTRAL_STATE_BODY, None,
        "Қазақстан Республикасының Оқу-ағарту министрлігі",
        "Министерство просвещения Республики Казахстан",
        "Оқу-ағарту министрлігі", "Минпросвещения", "astana", f"{MINISTRIES_HOUSE_KK}, 11-кіреберіс",
        "+7 7172 74 24 28", "2206", 3127, "kense@edu.gov.kz"),
    Org("minlabour", K.CENTRAL_STATE_BODY, None,
        "Қазақстан Республикасының Еңбек және халықты әлеуметтік қорғау министрлігі",
        "Министерство труда и социальной защиты населения Республики Казахстан",
        "ЕХӘҚМ", "МТСЗН", "astana", f"{MINISTRIES_HOUSE_KK}, 2-кіреберіс", "+7 7172 74 36 07",
        "9903", 2108, "kense@enbek.gov.kz"),
    Org("minhealth", K.CENTRAL_STATE_BODY, None,
        "Қазақстан Республикасының Денсаулық сақтау министрлігі",
        "Министерство здравоохранения Республики Казахстан",
        "ДСМ", "Минздрав", "astana", f"{MINISTRIES_HOUSE_KK}, 5-кіреберіс", "+7 7172 74 37 43",
        "9902", 2344, "kense@dsm.gov.kz"),
    Org("minfin", K.CENTRAL_STATE_BODY, None,
        "Қазақстан Республикасының Қаржы министрлігі", "Министерство финансов Республики Казахстан",
        "Қаржымин", "Минфин", "astana", f"{MINISTRIES_HOUSE_KK}, 4-кіреберіс", "+7 7172 71 77 64",
        "9906", 807, "kense@minfin.gov.kz"),
    Org("mfa", K.CENTRAL_STATE_BODY, None,
        "Қазақстан Республикасының Сыртқы істер министрлігі",
        "Министерство иностранных дел Республики Казахстан",
        "СІМ", "МИД", "astana", "Астана қ., Д. Қонаев көшесі, 31", "+7 7172 72 05 18",
        "9603", 1159, "kense@mfa.gov.kz"),
    Org("embassy-de", K.FOREIGN_INSTITUTION, "mfa",
        "Қазақстан Республикасының Германия Федеративтік Республикасындағы Елшілігі",
        "Посольство Республики Казахстан в Федеративной Республике Германия",
        "ҚР-дың Германиядағы Елшілігі", "Посольство РК в ФРГ", "abroad",
        "Nordendstraße 14-17, 13156 Berlin", "+49 30 470 07 0", "0503", 2215, "berlin@mfa.kz"),
    Org("minindustry", K.CENTRAL_STATE_BODY, None,
        "Қазақстан Республикасының Өнеркәсіп және құрылыс министрлігі",
        "Министерство промышленности и строительства Республики Казахстан",
        "ӨҚМ", "МПС", "astana", "Астана қ., Қабанбай батыр даңғылы, 32/1", "+7 7172 98 33 01",
        "2309", 4410, "kense@mps.gov.kz"),
    Org("mindigital", K.CENTRAL_STATE_BODY, None,
        "Қазақстан Республикасының Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрлігі",
        "Министерство цифрового развития, инноваций и аэрокосмической промышленности "
        "Республики Казахстан",
        "ЦДИАӨМ", "МЦРИАП", "astana", "Астана қ., Мәңгілік Ел даңғылы, 55/15, «Экспо» ХКО, C4.2 павильоны",
        "+7 7172 65 16 23", "1904", 1012, "kense@mdai.gov.kz",
        # Law 8, 9: the authority for public services and the authority for informatization
        {"is_public_services_authority": True, "is_informatization_authority": True}),
    Org("minagri", K.CENTRAL_STATE_BODY, None,
        "Қазақстан Республикасының Ауыл шаруашылығы министрлігі",
        "Министерство сельского хозяйства Республики Казахстан",
        "АШМ", "Минсельхоз", "astana", f"{MINISTRIES_HOUSE_KK}, 7-кіреберіс", "+7 7172 55 59 99",
        "9904", 1737, "kense@moa.gov.kz"),
    Org("adgs", K.CENTRAL_STATE_BODY, None,
        "Қазақстан Республикасының Мемлекеттік қызмет істері агенттігі",
        "Агентство Республики Казахстан по делам государственной службы",
        "МҚІА", "АДГС", "astana", "Астана қ., Абай даңғылы, 33а", "+7 7172 75 40 11",
        "1901", 3390, "kense@qyzmet.gov.kz",
        # Law 7: the authority for quality assessment and control of public services
        {"is_quality_authority": True}),
    # Local executive bodies (Law 1.4)
    Org("astana-akimat", K.CAPITAL_AKIMAT, None,
        "Астана қаласының әкімдігі", "Акимат города Астаны",
        "Астана әкімдігі", "Акимат Астаны", "astana", "Астана қ., Бейбітшілік көшесі, 11",
        "+7 7172 55 64 00", "9807", 1544, "akimat@astana.gov.kz"),
    Org("almaty-akimat", K.CITY_REPUBLICAN_AKIMAT, None,
        "Алматы қаласының әкімдігі", "Акимат города Алматы",
        "Алматы әкімдігі", "Акимат Алматы", "almaty", "Алматы қ., Республика алаңы, 4",
        "+7 727 271 65 65", "9501", 1766, "akimat@almaty.gov.kz"),
    Org("almaty-almaly", K.CITY_DISTRICT_AKIM, "almaty-akimat",
        "Алматы қаласы Алмалы ауданы әкімінің аппараты", "Аппарат акима Алмалинского района города Алматы",
        "Алмалы ауданы әкімі", "Аким Алмалинского района", "almaty",
        "Алматы қ., Төле би көшесі, 155", "+7 727 378 02 00", "9910", 2417),
    Org("shymkent-akimat", K.CITY_REPUBLICAN_AKIMAT, None,
        "Шымкент қаласының әкімдігі", "Акимат города Шымкент",
        "Шымкент әкімдігі", "Акимат Шымкента", "shymkent", "Шымкент қ., Тәуке хан даңғылы, 5",
        "+7 7252 56 77 00", "1807", 2630, "akimat@shymkent.gov.kz"),
    Org("akmola-oblast", K.OBLAST_AKIMAT, None,
        "Ақмола облысының әкімдігі", "Акимат Акмолинской области",
        "Ақмола облысы әкімдігі", "Акимат Акмолинской области", "akmola",
        "Көкшетау қ., Абай көшесі, 83", "+7 7162 29 22 00", "9605", 1178, "akimat@akmola.gov.kz"),
    Org("akmola-kokshetau", K.CITY_OBLAST_AKIMAT, "akmola-oblast",
        "Көкшетау қаласының әкімдігі", "Акимат города Кокшетау",
        "Көкшетау әкімдігі", "Акимат Кокшетау", "akmola",
        "Көкшетау қ., Абай көшесі, 89", "+7 7162 25 12 46", "9603", 2284),
    Org("akmola-tselinograd", K.DISTRICT_AKIMAT, "akmola-oblast",
        "Целиноград ауданының әкімдігі", "Акимат Целиноградского района",
        "Целиноград ауданы әкімдігі", "Акимат Целиноградского района", "akmola",
        "Ақмол ауылы, Гагарин көшесі, 15", "+7 71651 3 12 20", "9701", 3305),
    Org("akmola-kosshy", K.TOWN_AKIM, "akmola-tselinograd",
        "Қосшы қаласы әкімінің аппараты", "Аппарат акима города Косшы",
        "Қосшы қаласы әкімі", "Аким города Косшы", "akmola",
        "Қосшы қ., Республика көшесі, 1", "+7 7172 31 00 75", "2104", 1863),
    Org("akmola-akmol", K.RURAL_DISTRICT_AKIM, "akmola-tselinograd",
        "Ақмол ауылдық округі әкімінің аппараты", "Аппарат акима Акмолинского сельского округа",
        "Ақмол ауылдық округі әкімі", "Аким Акмолинского с/о", "akmola",
        "Ақмол ауылы, Садовая көшесі, 20", "+7 71651 3 11 04", "0702", 4127),
    Org("turkistan-oblast", K.OBLAST_AKIMAT, None,
        "Түркістан облысының әкімдігі", "Акимат Туркестанской области",
        "Түркістан облысы әкімдігі", "Акимат Туркестанской области", "turkistan",
        "Түркістан қ., Жаңа қала шағынауданы, 1-көше, 1", "+7 72533 6 20 05", "1807", 1941,
        "akimat@turkistan.gov.kz"),
    Org("turkistan-sairam", K.DISTRICT_AKIMAT, "turkistan-oblast",
        "Сайрам ауданының әкімдігі", "Акимат Сайрамского района",
        "Сайрам ауданы әкімдігі", "Акимат Сайрамского района", "turkistan",
        "Ақсу ауылы, Жібек жолы көшесі, 33", "+7 72531 2 11 71", "9702", 2570),
    Org("turkistan-aksu", K.RURAL_DISTRICT_AKIM, "turkistan-sairam",
        "Ақсу ауылдық округі әкімінің аппараты", "Аппарат акима Аксуского сельского округа",
        "Ақсу ауылдық округі әкімі", "Аким Аксуского с/о", "turkistan",
        "Ақсу ауылы, Әмір Темір көшесі, 2", "+7 72531 2 14 40", "0801", 3826),
    # The State Corporation and its branches, Public Service Centres (Law 1.1, 11-1)
    Org("govcorp", K.STATE_CORPORATION, None,
        "«Азаматтарға арналған үкімет» мемлекеттік корпорациясы» коммерциялық емес акционерлік қоғамы",
        "Некоммерческое акционерное общество «Государственная корпорация «Правительство для граждан»",
        "«Азаматтарға арналған үкімет» МК", "Госкорпорация «Правительство для граждан»", "astana",
        "Астана қ., Мәңгілік Ел даңғылы, 55/15", "+7 7172 57 48 48", "1601", 2193, "info@gov4c.kz"),
    Org("govcorp-astana", K.STATE_CORPORATION_BRANCH, "govcorp",
        "«Азаматтарға арналған үкімет» МК Астана қаласы бойынша филиалы",
        "Филиал Госкорпорации «Правительство для граждан» по городу Астане",
        "ХҚКО Астана", "ЦОН Астана", "astana", "Астана қ., Ж. Омаров көшесі, 4", "+7 7172 57 48 00",
        "1603", 1046),
    Org("govcorp-almaty", K.STATE_CORPORATION_BRANCH, "govcorp",
        "«Азаматтарға арналған үкімет» МК Алматы қаласы бойынша филиалы",
        "Филиал Госкорпорации «Правительство для граждан» по городу Алматы",
        "ХҚКО Алматы", "ЦОН Алматы", "almaty", "Алматы қ., Жандосов көшесі, 51", "+7 727 357 48 00",
        "1603", 1207),
    Org("govcorp-shymkent", K.STATE_CORPORATION_BRANCH, "govcorp",
        "«Азаматтарға арналған үкімет» МК Шымкент қаласы бойынша филиалы",
        "Филиал Госкорпорации «Правительство для граждан» по городу Шымкенту",
        "ХҚКО Шымкент", "ЦОН Шымкент", "shymkent", "Шымкент қ., Байтұрсынов көшесі, 19",
        "+7 7252 57 48 00", "1807", 3352),
    Org("govcorp-akmola", K.STATE_CORPORATION_BRANCH, "govcorp",
        "«Азаматтарға арналған үкімет» МК Ақмола облысы бойынша филиалы",
        "Филиал Госкорпорации «Правительство для граждан» по Акмолинской области",
        "ХҚКО Ақмола", "ЦОН Акмолинской области", "akmola", "Көкшетау қ., Ауельбеков көшесі, 142",
        "+7 7162 57 48 00", "1603", 1482),
    # The Unified Contact Centre (Law 1.9) and the Citizens' Reception Centre (CRC 1)
    Org("ucc", K.CONTACT_CENTRE, None,
        "Мемлекеттік қызметтер жөніндегі бірыңғай байланыс орталығы", "Единый контакт-центр по вопросам "
        "оказания государственных услуг",
        "1414 бірыңғай байланыс орталығы", "Единый контакт-центр 1414", "astana",
        "Астана қ., Мәңгілік Ел даңғылы, 55/15", "1414", "1602", 3728, "1414@gov4c.kz"),
    Org("crc", K.RECEPTION_CENTRE, None,
        "Қазақстан Республикасы Үкіметі Аппаратының Азаматтарды қабылдау орталығы",
        "Центр приёма граждан Аппарата Правительства Республики Казахстан",
        "Азаматтарды қабылдау орталығы", "Центр приёма граждан", "astana",
        "Астана қ., Мәңгілік Ел даңғылы, 8, «Министрліктер үйі» ӘҮ, 1-кіреберіс", "+7 7172 74 50 50",
        "2006", 1711, "priem@gov.kz"),
    # CRC 7, 20: the Government Apparatus (its Head approves the schedules of personal receptions)
    # and its Department for work with citizens' appeals (agrees them, coordinates the centre)
    Org("gov-apparatus", K.GOVERNMENT_APPARATUS, None,
        "Қазақстан Республикасы Үкіметінің Аппараты", "Аппарат Правительства Республики Казахстан",
        "Үкімет Аппараты", "Аппарат Правительства", "astana", "Астана қ., Үкімет үйі",
        "+7 7172 74 50 00", "9512", 1901, "apparatus@gov.kz"),
    Org("gov-apparatus-appeals", K.APPARATUS_DEPARTMENT, "gov-apparatus",
        "Қазақстан Республикасы Үкімет Аппаратының Азаматтардың өтініштерімен жұмыс бөлімі",
        "Отдел по работе с обращениями граждан Аппарата Правительства Республики Казахстан",
        "Азаматтардың өтініштерімен жұмыс бөлімі", "Отдел по работе с обращениями граждан", "astana",
        "Астана қ., Үкімет үйі", "+7 7172 74 51 15", "9512", 1902, "obrasheniya@gov.kz"),
    # Individuals and legal entities that deliver services (Law 1.4): the pension fund, a
    # school, clinics; the General Prosecutor's Office (its legal-statistics committee) is a
    # central state body.
    Org("enpf", K.OTHER_PROVIDER, None,
        "«Бірыңғай жинақтаушы зейнетақы қоры» акционерлік қоғамы",
        "Акционерное общество «Единый накопительный пенсионный фонд»",
        "БЖЗҚ", "ЕНПФ", "almaty", "Алматы қ., Әйтеке би көшесі, 12", "+7 727 356 16 00",
        "9705", 4622, "info@enpf.kz", {"is_quasi_state_sector": True}),
    Org("prosecutor", K.CENTRAL_STATE_BODY, None,
        "Қазақстан Республикасының Бас прокуратурасы", "Генеральная прокуратура Республики Казахстан",
        "Бас прокуратура", "Генпрокуратура", "astana", "Астана қ., Мәңгілік Ел даңғылы, 14",
        "+7 7172 71 25 00", "9512", 1354, "kense@prokuror.kz"),
    Org("school-astana-54", K.OTHER_PROVIDER, "astana-akimat",
        "Астана қаласы әкімдігінің «№ 54 мектеп-лицей» ШЖҚ КМК",
        "ГККП на ПХВ «Школа-лицей № 54» акимата города Астаны",
        "№ 54 мектеп-лицей", "Школа-лицей № 54", "astana", "Астана қ., Сығанақ көшесі, 25",
        "+7 7172 57 21 54", "1208", 3154),
    Org("school-kosshy-1", K.OTHER_PROVIDER, "akmola-kosshy",
        "Қосшы қаласының № 1 жалпы білім беретін мектебі", "Общеобразовательная школа № 1 города Косшы",
        "Қосшы № 1 мектебі", "Школа № 1 г. Косшы", "akmola", "Қосшы қ., Абай көшесі, 7",
        "+7 7172 31 02 11", "1509", 2911),
    Org("polyclinic-astana-4", K.OTHER_PROVIDER, "astana-akimat",
        "Астана қаласы әкімдігінің «№ 4 қалалық емхана» ШЖҚ МКК",
        "ГКП на ПХВ «Городская поликлиника № 4» акимата города Астаны",
        "№ 4 қалалық емхана", "Городская поликлиника № 4", "astana",
        "Астана қ., Бөгенбай батыр даңғылы, 42", "+7 7172 38 04 04", "1002", 1404),
    Org("psychiatry-astana", K.OTHER_PROVIDER, "astana-akimat",
        "Астана қаласы әкімдігінің «Психикалық денсаулық орталығы» ШЖҚ МКК",
        "ГКП на ПХВ «Центр психического здоровья» акимата города Астаны",
        "Психикалық денсаулық орталығы", "Центр психического здоровья", "astana",
        "Астана қ., Ш. Айманов көшесі, 8", "+7 7172 54 78 12", "1103", 2077),
    Org("consulate-de-frankfurt", K.FOREIGN_INSTITUTION, "mfa",
        "Қазақстан Республикасының Франкфурт-на-Майндағы Бас консулдығы",
        "Генеральное консульство Республики Казахстан во Франкфурте-на-Майне",
        "ҚР-дың Франкфурттағы Бас консулдығы", "Генконсульство РК во Франкфурте", "abroad",
        "Ulmenstraße 28, 60325 Frankfurt am Main", "+49 69 971 46 70", "0811", 2561,
        "frankfurt@mfa.kz"),
]  # fmt: skip


@dataclass(frozen=True)
class DemoUser:
    username: str
    last_name: str
    first_name: str
    patronymic: str
    birth: dt.date
    male: bool
    phone: str
    language: str
    role: str | None = None
    organisation: str | None = None
    is_staff: bool = False
    is_superuser: bool = False


DEMO_USERS: list[DemoUser] = [
    DemoUser("officer.minjust", "Төлегенов", "Ерлан", "Қайратұлы", dt.date(1988, 4, 12), True,
             "+7 701 412 33 08", "kk", StaffRole.PROVIDER_OFFICER, "minjust"),
    DemoUser("head.minjust", "Омарова", "Гүлнар", "Бекқызы", dt.date(1976, 9, 3), False,
             "+7 701 903 17 42", "kk", StaffRole.PROVIDER_HEAD, "minjust"),
    DemoUser("officer.minedu", "Бекова", "Әсем", "Талғатқызы", dt.date(1990, 3, 18), False,
             "+7 701 318 44 26", "kk", StaffRole.PROVIDER_OFFICER, "minedu"),
    DemoUser("head.minedu", "Сағынтаев", "Нұржан", "Ерланұлы", dt.date(1974, 11, 2), True,
             "+7 701 102 63 51", "ru", StaffRole.PROVIDER_HEAD, "minedu"),
    DemoUser("head.mvd", "Исаев", "Марат", "Кенжеұлы", dt.date(1972, 5, 9), True,
             "+7 701 509 28 84", "ru", StaffRole.PROVIDER_HEAD, "mvd"),
    # UCC 3: the head of the informatization authority approves the 1414 plan-schedule;
    # UCC 5: the head of the akimat signs the information on its services
    DemoUser("head.mindigital", "Мадиев", "Жаслан", "Хасенұлы", dt.date(1983, 4, 24), True,
             "+7 701 424 51 09", "kk", StaffRole.PROVIDER_HEAD, "mindigital"),
    DemoUser("head.astana", "Қасымбек", "Жеңіс", "Махмұдұлы", dt.date(1979, 10, 30), True,
             "+7 701 030 62 14", "ru", StaffRole.PROVIDER_HEAD, "astana-akimat"),
    DemoUser("officer.astana", "Жұмабеков", "Дәурен", "Маратұлы", dt.date(1991, 2, 27), True,
             "+7 701 227 58 16", "ru", StaffRole.PROVIDER_OFFICER, "astana-akimat"),
    DemoUser("operator.astana", "Сәрсенбаева", "Айгерім", "Нұрланқызы", dt.date(1995, 11, 8), False,
             "+7 701 118 04 95", "kk", StaffRole.STATE_CORPORATION_OPERATOR, "govcorp-astana"),
    DemoUser("operator.1414", "Ибраева", "Мадина", "Асқарқызы", dt.date(1993, 6, 19), False,
             "+7 701 619 22 71", "ru", StaffRole.CONTACT_CENTRE_OPERATOR, "ucc"),
    DemoUser("reception.crc", "Қасымов", "Бауыржан", "Серікұлы", dt.date(1982, 1, 15), True,
             "+7 701 115 60 38", "kk", StaffRole.RECEPTION_STAFF, "crc"),
    # CRC 20-21: the centre's head, the Department's officer, the Head of the Government Apparatus
    DemoUser("head.crc", "Жүсіпова", "Ләззат", "Ермекқызы", dt.date(1978, 6, 11), False,
             "+7 701 611 40 27", "kk", StaffRole.RECEPTION_HEAD, "crc"),
    DemoUser("department.appeals", "Серікбаев", "Ақылбек", "Дәуренұлы", dt.date(1986, 2, 9), True,
             "+7 701 209 35 61", "ru", StaffRole.APPEALS_DEPARTMENT_OFFICER, "gov-apparatus-appeals"),
    DemoUser("head.apparatus", "Әбдірахманов", "Ғалым", "Серікұлы", dt.date(1968, 9, 19), True,
             "+7 701 919 07 33", "kk", StaffRole.HEAD_OF_APPARATUS, "gov-apparatus"),
    DemoUser("inspector.adgs", "Мұхамедиярова", "Жанар", "Болатқызы", dt.date(1985, 8, 21), False,
             "+7 701 821 47 63", "kk", StaffRole.QUALITY_INSPECTOR, "adgs"),
    # Law 28, 9: the informatization authority assesses the services delivered electronically
    DemoUser("inspector.mindigital", "Сейітқали", "Дана", "Ерланқызы", dt.date(1989, 2, 14), False,
             "+7 701 214 39 58", "ru", StaffRole.QUALITY_INSPECTOR, "mindigital"),
    DemoUser("registry.admin", "Нұрпейісов", "Арман", "Ерболұлы", dt.date(1987, 3, 5), True,
             "+7 701 305 89 12", "ru", StaffRole.REGISTRY_ADMINISTRATOR, "mindigital"),
    DemoUser("sysadmin", "Ахметов", "Тимур", "Айдарұлы", dt.date(1990, 12, 1), True,
             "+7 701 120 14 77", "ru", StaffRole.SYSTEM_ADMINISTRATOR, "mindigital",
             is_staff=True, is_superuser=True),
    DemoUser("citizen", "Серікбаева", "Айжан", "Қанатқызы", dt.date(1992, 10, 14), False,
             "+7 701 014 26 53", "kk"),
    DemoUser("citizen.ru", "Жаксылыков", "Ринат", "Маратович", dt.date(1979, 5, 30), True,
             "+7 701 530 71 20", "ru"),
    DemoUser("company.director", "Байжанов", "Серік", "Әбенұлы", dt.date(1971, 7, 7), True,
             "+7 701 707 35 49", "kk"),
]  # fmt: skip

DEMO_COMPANY = {
    "bin": demo_bin("0806", 2731),
    "name_kk": "«Дала Агро» жауапкершілігі шектеулі серіктестігі",
    "name_ru": "Товарищество с ограниченной ответственностью «Дала Агро»",
    "director": "company.director",
}


def _weekdays(opens: str, closes: str, *, lunch: bool) -> list[dict[str, Any]]:
    breaks = [{"start": "13:00", "end": "14:00"}] if lunch else []
    return [{"weekday": w, "opens": opens, "closes": closes, "breaks": breaks} for w in range(5)]


# Law 20.1 (ADR 0018): branches with their own hours; the others keep the standard's. Astana is
# open till 20:00 and on Saturday morning; Almaty closes at 19:00 with a lunch break.
BRANCH_HOURS: dict[str, dict[str, Any]] = {
    "govcorp-astana": {
        "days": [
            *_weekdays("09:00", "20:00", lunch=False),
            {"weekday": 5, "opens": "09:00", "closes": "13:00", "breaks": []},
        ]
    },
    "govcorp-almaty": {"days": _weekdays("09:00", "19:00", lunch=True)},
}


def _org_fields(org: Org) -> dict[str, Any]:
    extra = {"working_schedule": BRANCH_HOURS[org.code]} if org.code in BRANCH_HOURS else {}
    return {
        **extra,
        "name_kk": org.name_kk,
        "name_ru": org.name_ru,
        "short_name_kk": org.short_kk,
        "short_name_ru": org.short_ru,
        "bin": demo_bin(org.bin_yymm, org.bin_serial),
        "region": org.region,
        "address": org.address,
        "phone": org.phone,
        "email": org.email,
        "is_quality_authority": False,
        "is_public_services_authority": False,
        "is_informatization_authority": False,
        "is_quasi_state_sector": False,
        **org.flags,
    }


def load_organisations() -> dict[str, Organisation]:
    by_code: dict[str, Organisation] = {}
    for org in ORGANISATIONS:
        fields = _org_fields(org)
        parent = by_code[org.parent] if org.parent else None
        existing = Organisation.objects.filter(code=org.code).first()
        if existing is None:
            by_code[org.code] = organisation_create(code=org.code, kind=org.kind, parent=parent, **fields)
        else:
            by_code[org.code] = organisation_update(
                organisation=existing, kind=org.kind, parent=parent, **fields
            )
    return by_code


def load_users(by_code: dict[str, Organisation]) -> dict[str, User]:
    users: dict[str, User] = {}
    for serial, spec in enumerate(DEMO_USERS, start=101):
        user, created = User.objects.update_or_create(
            username=spec.username,
            defaults={
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "patronymic": spec.patronymic,
                "iin": demo_iin(spec.birth, male=spec.male, serial=serial),
                "phone": spec.phone,
                "email": f"{spec.username}@example.kz",
                "preferred_language": spec.language,
                "is_staff": spec.is_staff,
                "is_superuser": spec.is_superuser,
                "is_active": True,
            },
        )
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if spec.role and spec.organisation:
            staff_position_create(user=user, organisation=by_code[spec.organisation], role=spec.role)
        users[spec.username] = user
    return users


def load(stdout: TextIO) -> None:
    by_code = load_organisations()
    users = load_users(by_code)
    if not RecipientCompany.objects.filter(bin=DEMO_COMPANY["bin"]).exists():
        recipient_company_create(
            bin=DEMO_COMPANY["bin"],
            name_kk=DEMO_COMPANY["name_kk"],
            name_ru=DEMO_COMPANY["name_ru"],
            director=users[DEMO_COMPANY["director"]],
        )
    stdout.write(f"orgs: {len(by_code)} organisations, {len(users)} demo users (password {DEMO_PASSWORD})\n")
