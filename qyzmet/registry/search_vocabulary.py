"""The everyday words of the register search (ADR 0024): synonyms and life events, kk/ru/en.

Data, not code: a service whose own text (names, description, life situation) contains every
word of one phrase of a group is also found by every other phrase of that group. A life event
gathers the services of several life situations across spheres (a child is born: the birth
registration in justice, the birth allowance in social protection). After editing this file,
run ``qyzmet search_index_rebuild`` (the demo loader rebuilds too).
"""

from __future__ import annotations

from typing import TypedDict

# language (kk, ru, en) → phrases
Phrases = dict[str, list[str]]


class LifeEvent(TypedDict):
    situations: list[str]
    phrases: Phrases


# Words a query may carry that name nothing (kk, ru, en).
STOPWORDS: frozenset[str] = frozenset(
    """
    және мен бен пен немесе үшін туралы бойынша қалай қайда маған
    и в во на по за о об от с со к ко для как где мне я или а не из у при
    a an the is are was be to of for in on and or how my i me get what where
    """.split()  # noqa: SIM905
)

# Stems the stemmers get wrong (Russian fleeting vowels, Kazakh voicing): word → stem.
STEM_OVERRIDES: dict[str, str] = {
    "ребенок": "ребенк",
    "ребенк": "ребенк",
    "отец": "отц",
    "паспорт": "паспорт",
}

SYNONYMS: list[Phrases] = [
    {
        "kk": ["жеке куәлік", "төлқұжат", "паспорт"],
        "ru": ["удостоверение личности", "паспорт", "документ удостоверяющий личность"],
        "en": ["identity card", "id card", "passport"],
    },
    {
        "kk": ["тіркеу тұрғылықты жер", "прописка", "тіркелу"],
        "ru": ["прописка", "регистрация по месту жительства", "прописаться"],
        "en": ["residence registration", "registration of address"],
    },
    {
        "kk": ["декрет", "бала күтімі", "бала күтіміне байланысты жәрдемақы"],
        "ru": ["декрет", "декретные", "по уходу за ребенком"],
        "en": ["maternity leave", "childcare allowance", "parental leave"],
    },
    {
        "kk": ["бала туу", "туу", "туылды", "туған", "бала туылды", "нәресте"],
        "ru": ["рождение ребенка", "ребенок родился", "родился", "роды", "новорожденный"],
        "en": ["birth", "born", "newborn", "a child is born"],
    },
    {
        "kk": ["неке", "үйлену", "тұрмысқа шығу", "неке қию"],
        "ru": ["брак", "свадьба", "жениться", "выйти замуж", "заключение брака"],
        "en": ["marriage", "wedding", "get married"],
    },
    {
        "kk": ["ажырасу", "некені бұзу"],
        "ru": ["развод", "расторжение брака"],
        "en": ["divorce"],
    },
    {
        "kk": ["қайтыс болу", "өлім"],
        "ru": ["смерть", "умер", "похороны", "кончина"],
        "en": ["death", "died", "bereavement"],
    },
    {
        "kk": ["соттылық", "сотталғандық", "соттылығы жоқ"],
        "ru": ["судимость", "несудимость", "справка о несудимости", "справка из полиции"],
        "en": ["criminal record", "police certificate"],
    },
    {
        "kk": ["жүргізуші куәлігі"],
        "ru": ["водительские права", "водительское удостоверение"],
        "en": ["driving licence", "driver license"],
    },
    {
        "kk": ["балабақша", "мектепке дейінгі"],
        "ru": ["детский сад", "детсад", "садик", "дошкольные организации"],
        "en": ["kindergarten", "nursery"],
    },
    {
        "kk": ["зейнетақы", "зейнеткерлік"],
        "ru": ["пенсия", "пенсионные"],
        "en": ["pension", "retirement"],
    },
    {
        "kk": ["жәрдемақы", "төлем"],
        "ru": ["пособие", "выплата"],
        "en": ["allowance", "benefit"],
    },
    {
        "kk": ["көлік", "автокөлік", "машина"],
        "ru": ["транспортное средство", "автомобиль", "машина"],
        "en": ["car", "vehicle"],
    },
    {
        "kk": ["жұмыссыз", "жұмыс іздеу"],
        "ru": ["безработный", "поиск работы"],
        "en": ["unemployed", "job seeker"],
    },
    {
        "kk": ["емхана", "бекіну"],
        "ru": ["поликлиника", "прикрепление"],
        "en": ["clinic", "register with a doctor"],
    },
    {
        "kk": ["жеке кәсіпкер", "дара кәсіпкер", "жк"],
        "ru": ["ип", "индивидуальный предприниматель"],
        "en": ["sole trader", "self employed"],
    },
]

LIFE_EVENTS: list[LifeEvent] = [
    {
        "situations": ["birth", "children-benefits"],
        "phrases": {
            "kk": ["бала туылды", "баланың тууы"],
            "ru": ["ребенок родился", "рождение ребенка"],
            "en": ["a child is born", "birth of a child"],
        },
    },
    {
        "situations": ["family"],
        "phrases": {
            "kk": ["үйлену", "отбасы құру"],
            "ru": ["свадьба", "создание семьи"],
            "en": ["getting married"],
        },
    },
    {
        "situations": ["bereavement", "savings"],
        "phrases": {
            "kk": ["жақын адам қайтыс болды"],
            "ru": ["умер близкий человек"],
            "en": ["someone has died"],
        },
    },
    {
        "situations": ["moving", "identity", "primary-care"],
        "phrases": {
            "kk": ["көшіп келдім", "жаңа мекенжай"],
            "ru": ["переезд", "новый адрес"],
            "en": ["moving house", "new address"],
        },
    },
    {
        "situations": ["business-start", "taxes", "business-licensing"],
        "phrases": {
            "kk": ["бизнес ашу"],
            "ru": ["открыть бизнес", "открыть ип"],
            "en": ["start a business"],
        },
    },
]
