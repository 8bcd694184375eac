"""The demo register: 43 real public services of Kazakhstan in 11 spheres (kk/ru).

Names follow the Register of public services (order of the Minister of Digital Development
No. 39/НҚ of 31.01.2020, as amended) and the services' standards published on egov.kz / adilet.zan.kz;
terms and fees are those of the standards and of the Tax Code (state duty in MCI), rounded where
a standard distinguishes sub-cases. Codes follow the register's layout (sphere, life situation,
serial) but are demo codes, not the official numbers. See docs/registry-model.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field

P, SC, EG, MB = "provider", "state_corporation", "egov_portal", "mobile"
OS = "other_echannel"  # Law 18 subpoint 6: another information system (an API client, ADR 0060)
WD, CD, MIN, H = "working_days", "calendar_days", "minutes", "hours"

SPHERES: list[tuple[str, str, str, list[tuple[str, str, str]]]] = [
    # code, name_kk, name_ru, [(situation code, kk, ru)]
    (
        "justice",
        "Әділет және азаматтық хал актілері",
        "Юстиция и акты гражданского состояния",
        [
            ("birth", "Бала туылды", "Рождение ребёнка"),
            ("family", "Неке және отбасы", "Брак и семья"),
            ("certificates", "Анықтамалар мен куәліктер", "Справки и свидетельства"),
            ("bereavement", "Жақын адамның қайтыс болуы", "Утрата близкого"),
            ("property", "Жылжымайтын мүлік", "Недвижимость"),
        ],
    ),
    (
        "documents",
        "Халықты құжаттандыру және тіркеу",
        "Документирование и регистрация населения",
        [
            ("identity", "Жеке басты куәландыратын құжаттар", "Документы, удостоверяющие личность"),
            ("moving", "Тұрғылықты жерді ауыстыру", "Смена места жительства"),
        ],
    ),
    (
        "transport",
        "Көлік",
        "Транспорт",
        [
            ("vehicle", "Көлік сатып алу", "Покупка транспортного средства"),
            ("driving", "Жүргізуші куәлігі", "Водительское удостоверение"),
        ],
    ),
    (
        "education",
        "Білім беру",
        "Образование",
        [
            ("preschool", "Мектепке дейінгі тәрбие", "Дошкольное воспитание"),
            ("school", "Мектеп", "Школа"),
            ("diplomas", "Білім туралы құжаттар", "Документы об образовании"),
        ],
    ),
    (
        "social",
        "Әлеуметтік қорғау",
        "Социальная защита",
        [
            ("retirement", "Зейнеткерлікке шығу", "Выход на пенсию"),
            ("children-benefits", "Балалы отбасыларды қолдау", "Поддержка семей с детьми"),
            ("low-income", "Аз қамтылған отбасылар", "Малообеспеченные семьи"),
            ("disability", "Мүгедектік", "Инвалидность"),
            ("employment", "Жұмыс іздеу", "Поиск работы"),
        ],
    ),
    (
        "health",
        "Денсаулық сақтау",
        "Здравоохранение",
        [
            ("primary-care", "Емханаға бекіну", "Прикрепление к поликлинике"),
            ("medical-certificates", "Медициналық анықтамалар", "Медицинские справки"),
            (
                "medical-licensing",
                "Медициналық қызметті лицензиялау",
                "Лицензирование медицинской деятельности",
            ),
        ],
    ),
    (
        "land",
        "Жер қатынастары, сәулет және құрылыс",
        "Земельные отношения, архитектура и строительство",
        [
            ("land-plot", "Жер учаскесі", "Земельный участок"),
            ("construction", "Құрылыс және қайта жоспарлау", "Строительство и перепланировка"),
        ],
    ),
    (
        "business",
        "Кәсіпкерлік",
        "Предпринимательство",
        [
            ("business-start", "Бизнесті ашу", "Открытие бизнеса"),
            ("taxes", "Салықтар", "Налоги"),
            ("business-licensing", "Лицензиялар", "Лицензии"),
        ],
    ),
    (
        "guardianship",
        "Қорғаншылық және қамқоршылық",
        "Опека и попечительство",
        [
            ("orphans", "Ата-ана қамқорлығынсыз қалған балалар", "Дети, оставшиеся без попечения родителей"),
            ("minors-property", "Кәмелетке толмағандардың мүлкі", "Имущество несовершеннолетних"),
        ],
    ),
    (
        "consular",
        "Консулдық қызметтер",
        "Консульские услуги",
        [
            ("abroad", "Шетелде тұру", "Проживание за рубежом"),
            ("legalisation", "Құжаттарды заңдастыру", "Легализация документов"),
        ],
    ),
    (
        "pensions",
        "Зейнетақы жинақтары",
        "Пенсионные накопления",
        [
            ("savings", "Жинақтар туралы ақпарат", "Информация о накоплениях"),
        ],
    ),
]

# Documents: (kk, ru, presence, validity_days or None, privileged_only)
Doc = tuple[str, str, str, int | None, bool]
APP: Doc = ("Өтініш", "Заявление", "original", None, False)
ID: Doc = (
    "Жеке басын куәландыратын құжат (сәйкестендіру үшін, қайтарылады)",
    "Документ, удостоверяющий личность (для идентификации, возвращается)",
    "original_for_check",
    None,
    False,
)
PHOTO: Doc = (
    "3,5х4,5 см өлшемді түрлі түсті фотосурет",
    "Цветная фотография размером 3,5х4,5 см",
    "original",
    None,
    False,
)
DUTY: Doc = (
    "Мемлекеттік бажды төлегенін растайтын құжат (портал арқылы төленгенде талап етілмейді)",
    "Документ об уплате государственной пошлины (не требуется при оплате через портал)",
    "original",
    None,
    False,
)
PRIV: Doc = (
    "Жеңілдік құқығын растайтын құжат (жеңілдігі бар адамдар үшін)",
    "Документ, подтверждающий право на льготу (для лиц, имеющих льготы)",
    "copy",
    None,
    True,
)
MED_086: Doc = (
    "086/у нысанындағы медициналық анықтама",
    "Медицинская справка формы 086/у",
    "original",
    180,
    False,
)
MED_083: Doc = (
    "Жүргізушілікке үміткердің медициналық куәландыру туралы анықтамасы (083/у)",
    "Медицинская справка о допуске к управлению транспортом (форма 083/у)",
    "original",
    365,
    False,
)
POWER: Doc = (
    "Сенімхат (өкіл жүгінгенде)",
    "Доверенность (при обращении представителя)",
    "original",
    None,
    False,
)

# Law 19-1.4: grounds for refusing a licence under the Law of the Republic of Kazakhstan
# "On permits and notifications" (its art. 48), as demo data: (kk, ru, legal reference). The
# reference is one field, the citation the body types: in one language, never both joined by " / ".
PERMITS_LAW_REFERENCE = "Закон РК «О разрешениях и уведомлениях», ст. 48"
PERMITS_LAW_GROUNDS: list[tuple[str, str, str]] = [
    (
        "Қызмет түрімен айналысуға осы санаттағы субъектілер үшін заңмен тыйым салынған",
        "Занятие видом деятельности запрещено законами для данной категории субъектов",
        PERMITS_LAW_REFERENCE,
    ),
    (
        "Лицензиялық алым енгізілмеген",
        "Не внесён лицензионный сбор",
        PERMITS_LAW_REFERENCE,
    ),
    (
        "Өтініш беруші біліктілік талаптарына сәйкес келмейді",
        "Заявитель не соответствует квалификационным требованиям",
        PERMITS_LAW_REFERENCE,
    ),
    (
        "Тиісті мемлекеттік органның келісімі алынбаған",
        "Отсутствует согласование соответствующего государственного органа",
        PERMITS_LAW_REFERENCE,
    ),
    (
        "Өтініш берушіге қатысты лицензияланатын қызметпен айналысуға тыйым салу туралы "
        "заңды күшіне енген сот шешімі (үкімі) бар",
        "В отношении заявителя имеется вступившее в законную силу решение (приговор) суда "
        "о запрещении деятельности или отдельных видов деятельности, подлежащих лицензированию",
        PERMITS_LAW_REFERENCE,
    ),
    (
        "Сот сот орындаушысының ұсынуы негізінде борышкер өтініш берушіге лицензия беруге "
        "уақытша тыйым салған",
        "Судом на основании представления судебного исполнителя временно запрещено выдавать "
        "заявителю-должнику лицензию",
        PERMITS_LAW_REFERENCE,
    ),
]

# Form fields: (code, kk, ru, datatype, required, choices)
Fld = tuple[str, str, str, str, bool, list[dict[str, str]]]
F_IIN: Fld = ("iin", "ЖСН", "ИИН", "iin", True, [])
F_PHONE: Fld = ("phone", "Ұялы телефон нөмірі", "Номер мобильного телефона", "phone_kz", True, [])
F_EMAIL: Fld = ("email", "Электрондық пошта", "Электронная почта", "email", False, [])
F_BIN: Fld = ("bin", "БСН", "БИН", "bin", True, [])

# ADR 0020: what the portal knows from the profile, and the structured bounds of fields, by
# field code (every service with that code): e.g. a ceremony date from the application day
# to 180 days ahead; a paid duty of 1 to 1,000,000 tenge.
FIELD_EXTRAS: dict[str, dict[str, object]] = {
    "iin": {"prefill": "applicant_iin"},
    "phone": {"prefill": "applicant_phone"},
    "email": {"prefill": "applicant_email"},
    "ceremony_date": {"date_min_days": 0, "date_max_days": 180},
    "child_birth_date": {"date_max_days": 0},  # a child born, not to be born
    "duty_paid": {"min_value": 1, "max_value": 1_000_000},
}
# ADR 0020: the documents the portal treats by their role (not by their name).
DOCUMENT_ROLES: dict[Doc, str] = {APP: "application_form", ID: "identity_document", DUTY: "fee_receipt"}
F_REGION: Fld = (
    "region",
    "Өңір",
    "Регион",
    "choice",
    True,
    [
        {"key": "astana", "name_kk": "Астана қ.", "name_ru": "г. Астана"},
        {"key": "almaty", "name_kk": "Алматы қ.", "name_ru": "г. Алматы"},
        {"key": "shymkent", "name_kk": "Шымкент қ.", "name_ru": "г. Шымкент"},
        {"key": "akmola", "name_kk": "Ақмола облысы", "name_ru": "Акмолинская область"},
        {"key": "turkistan", "name_kk": "Түркістан облысы", "name_ru": "Туркестанская область"},
    ],
)
F_COMMENT: Fld = ("comment", "Қосымша мәліметтер", "Дополнительные сведения", "text", False, [])


def f_date(code: str, kk: str, ru: str, required: bool = True) -> Fld:
    return (code, kk, ru, "date", required, [])


def f_str(code: str, kk: str, ru: str, required: bool = True) -> Fld:
    return (code, kk, ru, "string", required, [])


def f_num(code: str, kk: str, ru: str, required: bool = True) -> Fld:
    return (code, kk, ru, "number", required, [])


def f_iban(code: str, kk: str, ru: str, required: bool = True) -> Fld:
    return (code, kk, ru, "iban_kz", required, [])


def f_iin(code: str, kk: str, ru: str, required: bool = True) -> Fld:
    return (code, kk, ru, "iin", required, [])


def f_amount(code: str, kk: str, ru: str, required: bool = True) -> Fld:
    return (code, kk, ru, "amount", required, [])


def f_bool(code: str, kk: str, ru: str) -> Fld:
    return (code, kk, ru, "boolean", False, [])


def f_choice(code: str, kk: str, ru: str, options: list[tuple[str, str, str]], required: bool = True) -> Fld:
    return (code, kk, ru, "choice", required, [{"key": k, "name_kk": a, "name_ru": b} for k, a, b in options])


LOCAL = ["capital_akimat", "city_republican_akimat", "oblast_akimat", "district_akimat", "city_oblast_akimat"]
RURAL = ["town_akim", "village_akim", "settlement_akim", "rural_district_akim", "city_district_akim"]
CENTRAL = ["central_state_body"]


@dataclass
class Spec:
    code: str
    situation: str
    name_kk: str
    name_ru: str
    body: str
    terms: list[tuple[str, int, str, bool]]
    result_kk: str
    result_ru: str
    documents: list[Doc] = field(default_factory=lambda: [APP])
    fields: list[Fld] = field(default_factory=lambda: [F_IIN, F_PHONE, F_EMAIL])
    fee_mci: str | None = None
    free_by_law: bool = False
    result_form: str = "electronic"
    providers: list[str] = field(default_factory=lambda: list(CENTRAL))
    recipients: list[str] = field(default_factory=lambda: ["individual"])
    grounds: list[int] = field(default_factory=lambda: [1, 2])
    social: bool = False
    proactive: bool = False
    consent: bool = False
    description_kk: str = ""
    description_ru: str = ""
    max_wait: int = 15
    max_service: int = 15
    automation: str = "partially_automated"
    delivery: list[str] = field(default_factory=lambda: ["portal", "in_person"])
    legal_kk: str = ""
    legal_ru: str = ""
    other_ground: tuple[str, str, str] | None = None
    # Law 19-1.4: a licence is refused on the permits law's grounds only (no 19-1.2 grounds)
    licence: bool = False
    # STD 8, 11: FeeExemption values the standard lets off the fee (ADR 0019)
    fee_exemptions: list[str] = field(default_factory=list)


# STD 11: the proof of a fee exemption (a document "for privileged persons").
EXEMPTION_PROOF: Doc = (
    "Төлемнен босату құқығын растайтын құжат (жеңілдік берілгенде)",
    "Документ, подтверждающий право на освобождение от платы (при льготе)",
    "copy",
    None,
    True,
)


def _t(ch: str, n: int, unit: str = WD, paper: bool = False) -> tuple[str, int, str, bool]:
    return (ch, n, unit, paper)


SERVICES: list[Spec] = [
    # --- justice -----------------------------------------------------------------------------
    Spec(
        "01030001",
        "certificates",
        "Сотталғандығының болуы не болмауы туралы анықтама беру",
        "Выдача справки о наличии либо отсутствии судимости",
        "prosecutor",
        [_t(EG, 1), _t(SC, 5, paper=True), _t(MB, 1), _t(OS, 1)],
        "Сотталғандығының болуы не болмауы туралы анықтама",
        "Справка о наличии либо отсутствии судимости",
        documents=[APP, ID],
        fields=[
            F_IIN,
            F_PHONE,
            f_choice(
                "purpose",
                "Анықтаманың мақсаты",
                "Цель получения справки",
                [
                    ("work", "Жұмысқа орналасу", "Трудоустройство"),
                    ("visa", "Виза алу", "Получение визы"),
                    ("adoption", "Бала асырап алу", "Усыновление"),
                    ("other", "Басқа", "Иное"),
                ],
            ),
        ],
        free_by_law=True,
        social=True,
        consent=True,
        automation="fully_automated",
        grounds=[1, 6],
    ),
    Spec(
        "01010001",
        "birth",
        "Баланың тууын мемлекеттік тіркеу, оның ішінде азаматтық хал актілерінің жазбаларына өзгерістер енгізу",
        "Государственная регистрация рождения ребенка, в том числе внесение изменений, дополнений и исправлений в записи актов гражданского состояния",
        "minjust",
        [_t(P, 1), _t(EG, 1)],
        "Баланың туу туралы куәлігі немесе электрондық құжат",
        "Свидетельство о рождении ребенка либо электронный документ",
        documents=[
            APP,
            ID,
            (
                "Медициналық ұйым берген туу туралы анықтама (103/у нысаны)",
                "Справка о рождении из медицинской организации (форма 103/у)",
                "original",
                30,
                False,
            ),
        ],
        fields=[
            F_IIN,
            F_PHONE,
            f_date("child_birth_date", "Баланың туған күні", "Дата рождения ребёнка"),
            f_str("child_name", "Баланың аты", "Имя ребёнка"),
            f_choice(
                "child_sex",
                "Баланың жынысы",
                "Пол ребёнка",
                [("m", "Ұл", "Мужской"), ("f", "Қыз", "Женский")],
            ),
        ],
        free_by_law=True,
        providers=LOCAL + RURAL,
        social=True,
        proactive=True,
        automation="fully_automated",
    ),
    Spec(
        "01020001",
        "family",
        "Неке қиюды (ерлі-зайыптылықты) мемлекеттік тіркеу",
        "Государственная регистрация заключения брака (супружества)",
        "minjust",
        [_t(P, 30, CD), _t(EG, 30, CD)],
        "Неке қию туралы куәлік",
        "Свидетельство о заключении брака",
        documents=[APP, ID, DUTY],
        fields=[
            F_IIN,
            F_PHONE,
            f_iin("partner_iin", "Жұбайының ЖСН", "ИИН второго супруга"),
            f_date(
                "ceremony_date",
                "Салтанатты тіркеудің қалаған күні",
                "Желаемая дата торжественной регистрации",
            ),
            f_amount(
                "duty_paid",
                "Банкте төленген мемлекеттік баж сомасы, теңге",
                "Сумма государственной пошлины, уплаченной в банке, тенге",
                False,
            ),
            f_bool("change_surname", "Тегін ауыстыру", "Смена фамилии"),
        ],
        fee_mci="1",
        result_form="paper",
        providers=LOCAL + RURAL,
        other_ground=(
            "Неке қиюға кедергі келтіретін мән-жайлардың болуы",
            "Наличие обстоятельств, препятствующих заключению брака",
            "Кодекс РК «О браке (супружестве) и семье», ст. 11",
        ),
    ),
    Spec(
        "01020002",
        "family",
        "Некені (ерлі-зайыптылықты) бұзуды мемлекеттік тіркеу",
        "Государственная регистрация расторжения брака (супружества)",
        "minjust",
        [_t(P, 30, CD), _t(EG, 30, CD)],
        "Некені бұзу туралы куәлік",
        "Свидетельство о расторжении брака",
        documents=[APP, ID, DUTY],
        fee_mci="2",
        result_form="paper",
        providers=LOCAL + RURAL,
    ),
    Spec(
        "01040001",
        "bereavement",
        "Қайтыс болуды мемлекеттік тіркеу",
        "Государственная регистрация смерти",
        "minjust",
        [_t(P, 1), _t(EG, 1)],
        "Қайтыс болу туралы куәлік",
        "Свидетельство о смерти",
        documents=[
            APP,
            ID,
            (
                "Қайтыс болу туралы медициналық куәлік",
                "Медицинское свидетельство о смерти",
                "original",
                None,
                False,
            ),
        ],
        free_by_law=True,
        providers=LOCAL + RURAL,
        social=True,
    ),
    Spec(
        "01030002",
        "certificates",
        "Азаматтық хал актілерін тіркеу туралы қайталама куәліктер немесе анықтамалар беру",
        "Выдача повторных свидетельств или справок о регистрации актов гражданского состояния",
        "minjust",
        [_t(EG, 1), _t(SC, 3, paper=True), _t(P, 1)],
        "Қайталама куәлік немесе анықтама",
        "Повторное свидетельство или справка",
        documents=[APP, ID, DUTY],
        fee_mci="0.5",
        providers=LOCAL + RURAL,
        automation="fully_automated",
    ),
    Spec(
        "01030003",
        "certificates",
        "Тегін, атын, әкесінің атын ауыстыруды мемлекеттік тіркеу",
        "Государственная регистрация перемены имени, отчества, фамилии",
        "minjust",
        [_t(P, 30, CD), _t(SC, 30, CD, True), _t(EG, 30, CD)],
        "Тегін, атын, әкесінің атын ауыстыру туралы куәлік",
        "Свидетельство о перемене имени, отчества, фамилии",
        documents=[APP, ID, PHOTO, DUTY],
        fee_mci="1",
        result_form="paper",
        providers=LOCAL,
    ),
    Spec(
        "08010001",
        "business-start",
        "Заңды тұлғаларды мемлекеттік тіркеу, олардың филиалдары мен өкілдіктерін есептік тіркеу",
        "Государственная регистрация юридических лиц, учетная регистрация их филиалов и представительств",
        "minjust",
        [_t(EG, 1), _t(SC, 1, paper=True)],
        "Заңды тұлғаны мемлекеттік тіркеу туралы хабарлама (электрондық құжат)",
        "Уведомление о государственной регистрации юридического лица (электронный документ)",
        documents=[
            APP,
            (
                "Құрылтай құжаттары (үлгілік жарғы бойынша жұмыс істегенде талап етілмейді)",
                "Учредительные документы (не требуются при типовом уставе)",
                "original",
                None,
                False,
            ),
            DUTY,
        ],
        fields=[
            F_IIN,
            F_PHONE,
            f_str("company_name", "Заңды тұлғаның атауы", "Наименование юридического лица"),
            f_choice(
                "legal_form",
                "Ұйымдық-құқықтық нысаны",
                "Организационно-правовая форма",
                [("too", "ЖШС", "ТОО"), ("ao", "АҚ", "АО"), ("po", "ҚБ", "ОО")],
            ),
            f_num("charter_capital", "Жарғылық капитал, теңге", "Уставный капитал, тенге", False),
        ],
        fee_mci="6.5",
        recipients=["individual", "legal_entity"],
        automation="fully_automated",
        delivery=["portal"],
        description_kk="Шағын кәсіпкерлік субъектілері портал арқылы тіркелгенде мемлекеттік баж алынбайды.",
        description_ru="Субъекты малого предпринимательства при регистрации через портал государственную пошлину не уплачивают.",
    ),
    Spec(
        "01030004",
        "certificates",
        "Ресми құжаттарға апостиль қою",
        "Проставление апостиля на официальных документах",
        "minjust",
        [_t(P, 5), _t(SC, 5, paper=True), _t(EG, 5)],
        "Апостиль қойылған құжат",
        "Документ с проставленным апостилем",
        documents=[
            APP,
            (
                "Апостиль қойылатын құжаттың түпнұсқасы",
                "Оригинал документа, на который проставляется апостиль",
                "original",
                None,
                False,
            ),
            DUTY,
            EXEMPTION_PROOF,
        ],
        fee_mci="0.5",
        result_form="paper",
        recipients=["individual", "legal_entity"],
        fee_exemptions=["war_veteran", "disability_group_1_2"],
    ),
    Spec(
        "01050001",
        "property",
        "Жылжымайтын мүлікке құқықтарды (құқықтар ауыртпалықтарын) мемлекеттік тіркеу",
        "Государственная регистрация прав (обременений) на недвижимое имущество",
        "minjust",
        [_t(SC, 3, paper=True), _t(EG, 1)],
        "Тіркеу жазбасы бар құқық белгілейтін құжат",
        "Правоустанавливающий документ с регистрационной надписью",
        documents=[
            APP,
            ID,
            (
                "Құқық белгілейтін құжат (шарт, шешім)",
                "Правоустанавливающий документ (договор, решение)",
                "original",
                None,
                False,
            ),
            DUTY,
        ],
        fee_mci="0.5",
        result_form="state_system_record",
        recipients=["individual", "legal_entity"],
        grounds=[1, 2, 4],
    ),
    # --- documents -----------------------------------------------------------------------------
    Spec(
        "02010001",
        "identity",
        "Қазақстан Республикасы азаматының жеке куәлігін беру",
        "Выдача удостоверения личности гражданина Республики Казахстан",
        "mvd",
        [_t(SC, 15, paper=True), _t(P, 15)],
        "Жеке куәлік",
        "Удостоверение личности",
        documents=[
            APP,
            DUTY,
            PRIV,
            (
                "Ескі жеке куәлік (ауыстырған кезде)",
                "Прежнее удостоверение личности (при замене)",
                "original",
                None,
                False,
            ),
        ],
        fields=[
            F_IIN,
            F_PHONE,
            f_choice(
                "reason",
                "Беру себебі",
                "Причина выдачи",
                [
                    ("first", "Алғаш рет", "Впервые"),
                    ("expiry", "Мерзімі өтуі", "Истечение срока"),
                    ("loss", "Жоғалту", "Утеря"),
                    ("name_change", "Тегін ауыстыру", "Смена фамилии"),
                ],
            ),
            f_bool("expedited", "Жеделдетілген ресімдеу", "Ускоренное оформление"),
        ],
        fee_mci="0.2",
        result_form="paper",
        social=True,
        max_wait=20,
        max_service=20,
        delivery=["in_person"],
    ),
    Spec(
        "02010002",
        "identity",
        "Қазақстан Республикасы азаматының паспортын беру",
        "Выдача паспорта гражданина Республики Казахстан",
        "mvd",
        [_t(SC, 15, paper=True), _t(P, 15)],
        "Қазақстан Республикасы азаматының паспорты",
        "Паспорт гражданина Республики Казахстан",
        documents=[APP, DUTY, PRIV],
        fee_mci="4",
        result_form="paper",
        delivery=["in_person"],
    ),
    Spec(
        "02020001",
        "moving",
        "Қазақстан Республикасы азаматтарын тұрғылықты жері бойынша тіркеу",
        "Регистрация по месту жительства граждан Республики Казахстан",
        "mvd",
        [_t(EG, 1), _t(SC, 1, paper=True)],
        "Тұрғылықты жері бойынша тіркеу туралы жазба",
        "Запись о регистрации по месту жительства",
        documents=[
            APP,
            ID,
            (
                "Тұрғын үй иесінің келісімі (порталда ЭЦҚ-мен)",
                "Согласие собственника жилища (на портале с ЭЦП)",
                "original",
                None,
                False,
            ),
        ],
        fields=[
            F_IIN,
            F_PHONE,
            f_str("address", "Тіркелетін мекенжай", "Адрес регистрации"),
            f_iin("owner_iin", "Тұрғын үй иесінің ЖСН", "ИИН собственника"),
        ],
        free_by_law=True,
        result_form="state_system_record",
        automation="fully_automated",
    ),
    Spec(
        "02020002",
        "moving",
        "Тұрғылықты мекенжайы туралы анықтама беру",
        "Выдача адресной справки с места жительства",
        "mvd",
        [_t(EG, 15, MIN), _t(SC, 1), _t(OS, 15, MIN)],
        "Мекенжай анықтамасы",
        "Адресная справка",
        documents=[APP],
        fields=[F_IIN, F_PHONE],
        free_by_law=True,
        automation="fully_automated",
        delivery=["portal", "email"],
    ),
    # --- transport -----------------------------------------------------------------------------
    Spec(
        "03010001",
        "vehicle",
        "Көлік құралдарын тіркеу, қайта тіркеу",
        "Регистрация, перерегистрация транспортных средств",
        "mvd",
        [_t(P, 1), _t(EG, 1), _t(SC, 1, paper=True)],
        "Көлік құралын тіркеу туралы куәлік және мемлекеттік нөмір белгілері",
        "Свидетельство о регистрации транспортного средства и государственные номерные знаки",
        documents=[
            APP,
            ID,
            (
                "Көлік құралының құқық белгілейтін құжаты",
                "Документ, подтверждающий право собственности на транспортное средство",
                "original",
                None,
                False,
            ),
            DUTY,
        ],
        fields=[
            F_IIN,
            F_PHONE,
            f_str("vin", "VIN коды", "VIN-код"),
            f_num("year", "Шығарылған жылы", "Год выпуска"),
        ],
        fee_mci="0.25",
        result_form="paper",
        recipients=["individual", "legal_entity"],
        delivery=["in_person"],
    ),
    Spec(
        "03020001",
        "driving",
        "Жүргізуші куәлігін беру",
        "Выдача водительского удостоверения",
        "mvd",
        [_t(P, 1), _t(SC, 3, paper=True)],
        "Жүргізуші куәлігі",
        "Водительское удостоверение",
        documents=[
            APP,
            ID,
            MED_083,
            (
                "Жүргізушілерді даярлау туралы куәлік",
                "Свидетельство об окончании автошколы",
                "copy",
                None,
                False,
            ),
            DUTY,
        ],
        fields=[
            F_IIN,
            F_PHONE,
            f_choice(
                "category",
                "Санаты",
                "Категория",
                [("B", "B", "B"), ("A", "A", "A"), ("C", "C", "C"), ("D", "D", "D")],
            ),
        ],
        fee_mci="1.25",
        result_form="paper",
        grounds=[1, 2, 5],
        delivery=["in_person"],
    ),
    # --- education -----------------------------------------------------------------------------
    Spec(
        "04010001",
        "preschool",
        "Мектепке дейінгі жастағы балаларды мектепке дейінгі ұйымдарға жолдама беру үшін кезекке қою",
        "Постановка на очередь детей дошкольного возраста для направления в дошкольные организации",
        "minedu",
        [_t(EG, 30, MIN), _t(P, 30, MIN)],
        "Кезекке қойылғаны туралы хабарлама",
        "Уведомление о постановке на очередь",
        documents=[APP, PRIV],
        fields=[
            F_IIN,
            F_PHONE,
            # Optional: asked on one application with the birth registration (01010001; the
            # "birth-of-a-child" bundle, Law 1.1-2), which itself assigns the child's IIN; once
            # registered the child is in the state systems (Law 5.2: not demanded again).
            f_iin("child_iin", "Баланың ЖСН", "ИИН ребёнка", required=False),
            F_REGION,
            f_choice(
                "language",
                "Оқыту тілі",
                "Язык обучения",
                [("kk", "Қазақ", "Казахский"), ("ru", "Орыс", "Русский")],
            ),
        ],
        free_by_law=True,
        providers=LOCAL,
        social=True,
        automation="fully_automated",
        delivery=["portal"],
    ),
    Spec(
        "04020001",
        "school",
        "Бастауыш, негізгі орта, жалпы орта білім беру ұйымдарына құжаттарды қабылдау және оқуға қабылдау",
        "Прием документов и зачисление в организации образования для обучения по общеобразовательным программам начального, основного среднего, общего среднего образования",
        "minedu",
        [_t(P, 1), _t(EG, 1)],
        "Оқуға қабылдау туралы хабарлама",
        "Уведомление о зачислении",
        documents=[
            APP,
            MED_086,
            (
                "063/у нысанындағы профилактикалық егулер картасы",
                "Карта профилактических прививок формы 063/у",
                "copy",
                None,
                False,
            ),
            PHOTO,
        ],
        free_by_law=True,
        providers=["other_provider"],
    ),
    Spec(
        "04030001",
        "diplomas",
        "Негізгі орта, жалпы орта білім туралы құжаттардың телнұсқаларын беру",
        "Выдача дубликатов документов об основном среднем, общем среднем образовании",
        "minedu",
        [_t(P, 15), _t(EG, 15), _t(SC, 15, paper=True)],
        "Білім туралы құжаттың телнұсқасы",
        "Дубликат документа об образовании",
        documents=[APP],
        free_by_law=True,
        result_form="paper",
        providers=["other_provider"],
    ),
    Spec(
        "04030002",
        "diplomas",
        "Білім туралы құжаттарды тану және нострификациялау",
        "Признание и нострификация документов об образовании",
        "minedu",
        [_t(EG, 15), _t(SC, 15, paper=True)],
        "Тану туралы куәлік",
        "Свидетельство о признании",
        documents=[
            APP,
            (
                "Шетелдік білім туралы құжаттың нотариат куәландырған аудармасы",
                "Нотариально засвидетельствованный перевод иностранного документа об образовании",
                "copy",
                None,
                False,
            ),
        ],
        free_by_law=True,
        grounds=[1, 2, 3],
    ),
    Spec(
        "04020002",
        "school",
        "Жалпы орта білім беретін мектептердегі білім алушылардың жекелеген санаттарына тегін тамақтандыру",
        "Предоставление бесплатного питания отдельным категориям обучающихся в общеобразовательных школах",
        "minedu",
        [_t(P, 5), _t(EG, 5)],
        "Тегін тамақтандыру туралы хабарлама",
        "Уведомление о предоставлении бесплатного питания",
        documents=[APP, PRIV],
        free_by_law=True,
        providers=LOCAL,
        social=True,
    ),
    # --- social --------------------------------------------------------------------------------
    Spec(
        "05010001",
        "retirement",
        "Жасына байланысты зейнетақы төлемдерін тағайындау",
        "Назначение пенсионных выплат по возрасту",
        "minlabour",
        [_t(SC, 10, paper=True), _t(EG, 10)],
        "Зейнетақы тағайындау туралы хабарлама",
        "Уведомление о назначении пенсионных выплат",
        documents=[
            APP,
            ID,
            (
                "Еңбек кітапшасы немесе еңбек өтілін растайтын құжаттар",
                "Трудовая книжка или документы, подтверждающие трудовой стаж",
                "copy",
                None,
                False,
            ),
        ],
        fields=[F_IIN, F_PHONE, f_iban("bank_account", "Банктік шот (IBAN)", "Банковский счёт (IBAN)")],
        free_by_law=True,
        social=True,
        proactive=True,
        consent=True,
        grounds=[1, 2, 6],
    ),
    Spec(
        "05020001",
        "children-benefits",
        "Бала тууына байланысты біржолғы төлемді тағайындау",
        "Назначение единовременного пособия на рождение ребенка",
        "minlabour",
        [_t(EG, 1), _t(SC, 8, paper=True)],
        "Жәрдемақы тағайындау туралы хабарлама",
        "Уведомление о назначении пособия",
        documents=[APP],
        fields=[
            F_IIN,
            F_PHONE,
            # Optional for the same reason as in 04010001: the birth registration in the same
            # bundle (Law 1.1-2) assigns the IIN this would ask for.
            f_iin("child_iin", "Баланың ЖСН", "ИИН ребёнка", required=False),
            f_iban("bank_account", "Банктік шот (IBAN)", "Банковский счёт (IBAN)"),
        ],
        free_by_law=True,
        social=True,
        proactive=True,
        automation="fully_automated",
    ),
    Spec(
        "05020002",
        "children-benefits",
        "Бала бір жарым жасқа толғанға дейін оның күтіміне байланысты жәрдемақы тағайындау",
        "Назначение пособия по уходу за ребенком по достижении им возраста полутора лет",
        "minlabour",
        [_t(EG, 1), _t(SC, 8, paper=True)],
        "Жәрдемақы тағайындау туралы хабарлама",
        "Уведомление о назначении пособия",
        documents=[APP],
        free_by_law=True,
        social=True,
        proactive=True,
    ),
    Spec(
        "05030001",
        "low-income",
        "Атаулы әлеуметтік көмек тағайындау",
        "Назначение адресной социальной помощи",
        "minlabour",
        [_t(P, 7), _t(EG, 7)],
        "Атаулы әлеуметтік көмек тағайындау туралы шешім",
        "Решение о назначении адресной социальной помощи",
        documents=[
            APP,
            ID,
            (
                "Отбасы мүшелерінің табысы туралы мәліметтер (ақпараттық жүйелерде жоқ бөлігінде)",
                "Сведения о доходах членов семьи (в части, отсутствующей в информационных системах)",
                "original",
                None,
                False,
            ),
        ],
        free_by_law=True,
        providers=LOCAL + RURAL,
        social=True,
        consent=True,
        grounds=[1, 2, 6],
    ),
    Spec(
        "05040001",
        "disability",
        "Мүгедектігі бойынша мемлекеттік әлеуметтік жәрдемақы тағайындау",
        "Назначение государственного социального пособия по инвалидности",
        "minlabour",
        [_t(SC, 10, paper=True), _t(EG, 10)],
        "Жәрдемақы тағайындау туралы хабарлама",
        "Уведомление о назначении пособия",
        documents=[APP, ID],
        free_by_law=True,
        social=True,
        proactive=True,
    ),
    Spec(
        "05050001",
        "employment",
        "Жұмыс іздеп жүрген адамдарды жұмыссыз ретінде тіркеу",
        "Регистрация лиц, ищущих работу, в качестве безработных",
        "minlabour",
        [_t(P, 1), _t(EG, 1)],
        "Жұмыссыз ретінде тіркеу туралы хабарлама",
        "Уведомление о регистрации в качестве безработного",
        documents=[APP, ID],
        free_by_law=True,
        providers=LOCAL,
        social=True,
    ),
    Spec(
        "05020003",
        "children-benefits",
        "Көп балалы отбасыларға жәрдемақы тағайындау",
        "Назначение пособия многодетной семье",
        "minlabour",
        [_t(SC, 8, paper=True), _t(EG, 8)],
        "Жәрдемақы тағайындау туралы хабарлама",
        "Уведомление о назначении пособия",
        documents=[APP],
        free_by_law=True,
        social=True,
        proactive=True,
    ),
    # --- health --------------------------------------------------------------------------------
    Spec(
        "06010001",
        "primary-care",
        "Медициналық-санитариялық алғашқы көмек көрсететін медициналық ұйымға бекіту",
        "Прикрепление к медицинской организации, оказывающей первичную медико-санитарную помощь",
        "minhealth",
        [_t(P, 1), _t(EG, 1)],
        "Бекіту туралы хабарлама",
        "Уведомление о прикреплении",
        documents=[APP],
        fields=[F_IIN, F_PHONE, f_str("clinic", "Медициналық ұйым", "Медицинская организация")],
        free_by_law=True,
        providers=["other_provider"],
        social=True,
        automation="fully_automated",
    ),
    Spec(
        "06020001",
        "medical-certificates",
        "Психиатриялық ұйымнан анықтама беру",
        "Выдача справки с психиатрической организации",
        "minhealth",
        [_t(P, 30, MIN), _t(EG, 1)],
        "Анықтама",
        "Справка",
        documents=[APP, ID],
        free_by_law=True,
        providers=["other_provider"],
        consent=True,
        grounds=[1, 6],
    ),
    Spec(
        "06030001",
        "medical-licensing",
        "Медициналық қызметке лицензия беру",
        "Выдача лицензии на медицинскую деятельность",
        "minhealth",
        [_t(EG, 15)],
        "Лицензия (электрондық құжат)",
        "Лицензия (электронный документ)",
        documents=[
            APP,
            (
                "Біліктілік талаптарына сәйкестігі туралы мәліметтер нысаны",
                "Форма сведений о соответствии квалификационным требованиям",
                "original",
                None,
                False,
            ),
            DUTY,
        ],
        fee_mci="10",
        recipients=["individual", "legal_entity"],
        grounds=[],
        delivery=["portal"],
        licence=True,
    ),
    # --- land ----------------------------------------------------------------------------------
    Spec(
        "07010001",
        "land-plot",
        "Мемлекеттік меншіктегі жер учаскесіне құқық беру",
        "Предоставление права на земельный участок, находящийся в государственной собственности",
        "minagri",
        [_t(EG, 20), _t(SC, 20, paper=True)],
        "Жер учаскесіне құқық беру туралы шешім",
        "Решение о предоставлении права на земельный участок",
        documents=[APP, ("Жер учаскесінің сұлбасы", "Схема земельного участка", "original", None, False)],
        fields=[
            F_IIN,
            F_PHONE,
            F_REGION,
            f_num("area", "Ауданы, га", "Площадь, га"),
            f_choice(
                "purpose",
                "Нысаналы мақсаты",
                "Целевое назначение",
                [
                    ("izhs", "Жеке тұрғын үй құрылысы", "ИЖС"),
                    ("farm", "Шаруа қожалығы", "Крестьянское хозяйство"),
                    ("commercial", "Коммерциялық", "Коммерческое"),
                ],
            ),
        ],
        free_by_law=True,
        providers=LOCAL,
        recipients=["individual", "legal_entity"],
        grounds=[1, 2, 3],
    ),
    Spec(
        "07010002",
        "land-plot",
        "Жеке тұрғын үй құрылысы үшін жер учаскесін алуға кезекке қою",
        "Постановка на очередь на получение земельного участка для индивидуального жилищного строительства",
        "minagri",
        [_t(EG, 5), _t(SC, 5, paper=True)],
        "Кезекке қою туралы хабарлама",
        "Уведомление о постановке на очередь",
        documents=[APP],
        free_by_law=True,
        providers=LOCAL,
        social=True,
    ),
    Spec(
        "07020001",
        "construction",
        "Сәулет-жоспарлау тапсырмасын беру",
        "Выдача архитектурно-планировочного задания",
        "minindustry",
        [_t(EG, 7)],
        "Сәулет-жоспарлау тапсырмасы",
        "Архитектурно-планировочное задание",
        documents=[
            APP,
            (
                "Жер учаскесіне құқық белгілейтін құжат",
                "Правоустанавливающий документ на земельный участок",
                "copy",
                None,
                False,
            ),
        ],
        free_by_law=True,
        providers=LOCAL,
        recipients=["individual", "legal_entity"],
        grounds=[2, 3],
        delivery=["portal"],
    ),
    Spec(
        "07020002",
        "construction",
        "Үй-жайларды қайта құруға (қайта жоспарлауға, қайта жабдықтауға) шешім беру",
        "Выдача решения на реконструкцию (перепланировку, переоборудование) помещений (отдельных частей) существующих зданий",
        "minindustry",
        [_t(EG, 15), _t(SC, 15, paper=True)],
        "Қайта жоспарлауға шешім",
        "Решение на перепланировку",
        documents=[
            APP,
            (
                "Үй-жай иелерінің (тұрғын үй кооперативінің) келісімі",
                "Согласие собственников (КСК) на перепланировку",
                "original",
                None,
                False,
            ),
            ("Қайта жоспарлау эскизі (жобасы)", "Эскиз (проект) перепланировки", "original", None, False),
        ],
        free_by_law=True,
        providers=LOCAL,
        recipients=["individual", "legal_entity"],
        grounds=[2, 3],
    ),
    # --- business ------------------------------------------------------------------------------
    Spec(
        "08010002",
        "business-start",
        "Дара кәсіпкер ретінде қызметтің басталғаны туралы хабарламаны қабылдау",
        "Прием уведомления о начале деятельности в качестве индивидуального предпринимателя",
        "minfin",
        [_t(EG, 1), _t(SC, 1, paper=True), _t(MB, 1)],
        "Дара кәсіпкерді тіркеу туралы талон",
        "Талон о регистрации индивидуального предпринимателя",
        documents=[APP],
        fields=[
            F_IIN,
            F_PHONE,
            f_choice(
                "tax_regime",
                "Салық режимі",
                "Налоговый режим",
                [
                    ("simplified", "Оңайлатылған декларация", "Упрощённая декларация"),
                    ("general", "Жалпыға бірдей", "Общеустановленный"),
                ],
            ),
        ],
        free_by_law=True,
        automation="fully_automated",
        delivery=["portal", "email"],
    ),
    Spec(
        "08020001",
        "taxes",
        "Салықтық берешектің жоқ (бар) екендігі туралы мәліметтер беру",
        "Выдача сведений об отсутствии (наличии) налоговой задолженности",
        "minfin",
        [_t(EG, 1)],
        "Салықтық берешектің жоқ (бар) екендігі туралы мәліметтер",
        "Сведения об отсутствии (наличии) налоговой задолженности",
        documents=[APP],
        fields=[F_IIN],
        free_by_law=True,
        recipients=["individual", "legal_entity"],
        automation="fully_automated",
        delivery=["portal"],
    ),
    Spec(
        "08030001",
        "business-licensing",
        "Сәулет, қала құрылысы және құрылыс қызметіне лицензия беру",
        "Выдача лицензии на архитектурную, градостроительную и строительную деятельность",
        "minindustry",
        [_t(EG, 15)],
        "Лицензия (электрондық құжат)",
        "Лицензия (электронный документ)",
        documents=[
            APP,
            (
                "Біліктілік талаптарына сәйкестігі туралы мәліметтер нысаны",
                "Форма сведений о соответствии квалификационным требованиям",
                "original",
                None,
                False,
            ),
            DUTY,
        ],
        fields=[
            F_BIN,
            F_PHONE,
            f_choice(
                "category",
                "Санаты",
                "Категория",
                [("I", "I", "I"), ("II", "II", "II"), ("III", "III", "III")],
            ),
        ],
        fee_mci="10",
        recipients=["legal_entity"],
        grounds=[],
        delivery=["portal"],
        licence=True,
    ),
    # --- guardianship --------------------------------------------------------------------------
    Spec(
        "09010001",
        "orphans",
        "Жетім балаға, ата-анасының қамқорлығынсыз қалған балаға қорғаншылық немесе қамқоршылық белгілеу",
        "Установление опеки или попечительства над ребенком-сиротой (детьми-сиротами) и ребенком (детьми), оставшимся без попечения родителей",
        "minedu",
        [_t(P, 10), _t(EG, 10), _t(SC, 10, paper=True)],
        "Қорғаншылық белгілеу туралы шешім",
        "Решение об установлении опеки",
        documents=[
            APP,
            ID,
            MED_086,
            (
                "Некеге тұру туралы куәлік (некеде болса)",
                "Свидетельство о браке (при наличии)",
                "copy",
                None,
                False,
            ),
        ],
        free_by_law=True,
        providers=LOCAL,
        social=True,
        consent=True,
        grounds=[1, 2, 6],
    ),
    Spec(
        "09020001",
        "minors-property",
        "Кәмелетке толмағандардың мүлкіне қатысты мәмілелерді ресімдеу үшін қорғаншылық органдарының анықтамаларын беру",
        "Выдача справок органов опеки и попечительства для оформления сделок с имуществом, принадлежащим на праве собственности несовершеннолетним",
        "minedu",
        [_t(EG, 1), _t(SC, 1, paper=True)],
        "Анықтама",
        "Справка",
        documents=[APP],
        free_by_law=True,
        providers=LOCAL,
    ),
    # --- consular ------------------------------------------------------------------------------
    Spec(
        "10010001",
        "abroad",
        "Шетелде тұрақты тұратын Қазақстан Республикасы азаматтарын консулдық есепке қою",
        "Постановка на консульский учет граждан Республики Казахстан, постоянно проживающих за пределами Республики Казахстан",
        "mfa",
        [_t(P, 5), _t(EG, 5)],
        "Консулдық есепке қою туралы хабарлама",
        "Уведомление о постановке на консульский учет",
        documents=[
            APP,
            ID,
            (
                "Шет мемлекетте тұруға ықтиярхат",
                "Вид на жительство иностранного государства",
                "copy",
                None,
                False,
            ),
        ],
        free_by_law=True,
        providers=["foreign_institution"],
    ),
    Spec(
        "10020001",
        "legalisation",
        "Құжаттарды консулдық заңдастыру",
        "Консульская легализация документов",
        "mfa",
        [_t(P, 3), _t(SC, 5, paper=True)],
        "Заңдастырылған құжат",
        "Легализованный документ",
        documents=[
            APP,
            ("Заңдастырылатын құжат", "Документ, подлежащий легализации", "original", None, False),
            DUTY,
        ],
        fee_mci="2",
        result_form="paper",
        providers=["central_state_body", "foreign_institution"],
        recipients=["individual", "legal_entity"],
    ),
    # --- pensions ------------------------------------------------------------------------------
    Spec(
        "11010001",
        "savings",
        "Жеке зейнетақы шотындағы зейнетақы жинақтарының жай-күйі туралы ақпарат беру",
        "Выдача информации о состоянии пенсионных накоплений на индивидуальном пенсионном счете",
        "minlabour",
        [_t(EG, 15, MIN), _t(MB, 15, MIN), _t(P, 1)],
        "Жеке зейнетақы шотынан үзінді көшірме",
        "Выписка с индивидуального пенсионного счета",
        documents=[APP],
        fields=[F_IIN, F_PHONE],
        free_by_law=True,
        providers=["other_provider"],
        automation="fully_automated",
        delivery=["portal", "email"],
    ),
]
