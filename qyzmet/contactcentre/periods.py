"""How the contact centre names a reporting period, a month or a quarter, in Kazakh, Russian and
English: in e-mail subjects, refusals and file names ("2026 ж. қараша айындағы …", "… за ноябрь
2026 г.", "1414-ezhemesyachnyj-otchet-2026-11.pdf"). Pure functions, no database."""

from __future__ import annotations

import datetime as dt

MONTHS_KK = (
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
)
MONTHS_RU = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def language_of(language: str | None) -> str:
    """``kk``, ``ru`` or ``en`` (Kazakh for anything else)."""
    lang = (language or "kk")[:2]
    return lang if lang in ("ru", "en") else "kk"


def month_name(day: dt.date, language: str) -> str:
    """The month of ``day`` with its year, to be read after "за" in Russian and before a case
    ending in Kazakh: kk "2026 ж. қараша айы", ru "ноябрь 2026 г.", en "November 2026"."""
    lang = language_of(language)
    if lang == "ru":
        return f"{MONTHS_RU[day.month - 1]} {day.year} г."
    if lang == "en":
        return f"{MONTHS_EN[day.month - 1]} {day.year}"
    return f"{day.year} ж. {MONTHS_KK[day.month - 1]} айы"


def month_of(day: dt.date, language: str) -> str:
    """ "Of the month": kk "2026 ж. қараша айындағы", ru "за ноябрь 2026 г.", en "for November
    2026"."""
    lang = language_of(language)
    if lang == "ru":
        return f"за {month_name(day, 'ru')}"
    if lang == "en":
        return f"for {month_name(day, 'en')}"
    return f"{day.year} ж. {MONTHS_KK[day.month - 1]} айындағы"


def month_in_kk(day: dt.date) -> str:
    """ "In the month", in Kazakh: "2026 ж. қазан айында"."""
    return f"{day.year} ж. {MONTHS_KK[day.month - 1]} айында"


def quarter_of(year: int, quarter: int, language: str) -> str:
    """ "Of the quarter": kk "2026 ж. 3-тоқсандағы", ru "за 3-й квартал 2026 г.", en "for Q3
    2026"."""
    lang = language_of(language)
    if lang == "ru":
        return f"за {quarter}-й квартал {year} г."
    if lang == "en":
        return f"for Q{quarter} {year}"
    return f"{year} ж. {quarter}-тоқсандағы"


def quarter_number(period_start: dt.date) -> int:
    return (period_start.month - 1) // 3 + 1


def day(value: dt.date) -> str:
    """A date as the rules' letters write it: 01.12.2026."""
    return f"{value:%d.%m.%Y}"


# File names readable in the reader's language and safe for any mail relay, archiver and
# browser (Latin transliteration of the Kazakh and Russian names, no spaces).
MONTHLY_FILE_STEMS = {
    "kk": "ai-saiyngy-taldamalyq-esep",
    "ru": "ezhemesyachnyj-otchet",
    "en": "monthly-report",
}
QUARTERLY_FILE_STEMS = {
    "kk": "toqsandyq-esep",
    "ru": "kvartalnyj-otchet",
    "en": "quarterly-report",
}
QUARTER_FILE_WORDS = {"kk": "toqsan", "ru": "kvartal", "en": "q"}


def monthly_file_name(period_start: dt.date, language: str) -> str:
    """kk ``1414-ai-saiyngy-taldamalyq-esep-2026-10``, ru ``1414-ezhemesyachnyj-otchet-2026-10``."""
    lang = language_of(language)
    return f"1414-{MONTHLY_FILE_STEMS[lang]}-{period_start:%Y-%m}"


def quarterly_file_name(period_start: dt.date, language: str) -> str:
    """kk ``1414-toqsandyq-esep-2026-3-toqsan``, ru ``1414-kvartalnyj-otchet-2026-3-kvartal``."""
    lang = language_of(language)
    q = quarter_number(period_start)
    if lang == "en":
        return f"1414-{QUARTERLY_FILE_STEMS[lang]}-{period_start.year}-q{q}"
    return f"1414-{QUARTERLY_FILE_STEMS[lang]}-{period_start.year}-{q}-{QUARTER_FILE_WORDS[lang]}"
