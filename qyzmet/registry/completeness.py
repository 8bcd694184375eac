"""The points of the model standard a version must fill before it is approved (issue 15 item 1):
STD 1 (the body that delivers the service directly: its name, address and working schedule),
STD 9 (the schedules of the State Corporation and the e-channels a version is delivered through,
the conditions of pre-registration and of the expedited service it offers), STD 3 (legal basis), STD 4 (information sources), STD 17 (refusal grounds), STD 21, 22 and 23
(complaint addresses: the body that explains the procedure, the higher instance and the
provider), and the values of the structured
entries (STD 7.1, 7.4, 18, 21-23). Pure reads over a version and its prefetched rows; services
call ``std_completeness_errors`` from ``standard_version_errors``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from qyzmet.registry.enums import (
    ELECTRONIC_CHANNELS,
    Channel,
    ComplaintAddressKind,
    InformationSourceKind,
    TermStart,
    TermUnit,
    WorkPrinciple,
)
from qyzmet.registry.models import ComplaintAddress, StandardVersion
from qyzmet.workcalendar.schedule import ScheduleError, schedule_problems, schedule_validate

Texts = dict[str, str]

# What each point is called in a message naming the missing ones (kk, ru, en).
POINT_NAMES: dict[str, Texts] = {
    "provider_name": {
        "kk": "1-тармақ: қызметті тікелей көрсететін органның атауы",
        "ru": "пункт 1: наименование органа, непосредственно оказывающего услугу",
        "en": "point 1: name of the body delivering the service directly",
    },
    "provider_address": {
        "kk": "1-тармақ: қызмет берушінің мекенжайы",
        "ru": "пункт 1: адрес услугодателя",
        "en": "point 1: provider's address",
    },
    "working_schedule_provider": {
        "kk": "1-тармақ: қызмет берушінің жұмыс кестесі",
        "ru": "пункт 1: график работы услугодателя",
        "en": "point 1: provider's working schedule",
    },
    "legal_basis": {
        "kk": "3-тармақ: құқықтық негіз",
        "ru": "пункт 3: правовое основание",
        "en": "point 3: legal basis",
    },
    "information_source_entries": {
        "kk": "4-тармақ: ақпарат көздері",
        "ru": "пункт 4: источники информации",
        "en": "point 4: information sources",
    },
    "working_schedule_state_corporation": {
        "kk": "9-тармақ: Мемлекеттік корпорацияның жұмыс кестесі",
        "ru": "пункт 9: график работы Государственной корпорации",
        "en": "point 9: State Corporation's working schedule",
    },
    "working_schedule_echannels": {
        "kk": "9-тармақ: электрондық арналардың жұмыс кестесі",
        "ru": "пункт 9: график работы электронных каналов",
        "en": "point 9: e-channels' working schedule",
    },
    "pre_registration_conditions": {
        "kk": "9-тармақ: алдын ала жазылу шарттары",
        "ru": "пункт 9: условия предварительной записи",
        "en": "point 9: pre-registration conditions",
    },
    "expedited_conditions": {
        "kk": "9-тармақ: жедел қызмет көрсету шарттары",
        "ru": "пункт 9: условия ускоренного обслуживания",
        "en": "point 9: expedited service conditions",
    },
    "refusal_grounds": {
        "kk": "17-тармақ: бас тарту негіздері",
        "ru": "пункт 17: основания для отказа",
        "en": "point 17: refusal grounds",
    },
    "complaint_address_entries": {
        "kk": "21–23-тармақтар: шағым мекенжайлары",
        "ru": "пункты 21–23: адреса для жалоб",
        "en": "points 21-23: complaint addresses",
    },
}


def _t(kk: str, ru: str, en: str) -> Texts:
    return {"kk": kk, "ru": ru, "en": en}


def _provider_name(version: StandardVersion) -> Texts | None:
    if version.provider_name_kk.strip() and version.provider_name_ru.strip():
        return None
    return _t(
        "Қызметті тікелей көрсететін мемлекеттік органның, мемлекеттік мекеменің немесе өзге де "
        "ұйымның атауын қазақ және орыс тілдерінде көрсетіңіз (Үлгі стандарттың 1-тармағы).",
        "Укажите на казахском и русском языках наименование государственного органа, "
        "государственного учреждения или иной организации, непосредственно оказывающих услугу "
        "(пункт 1 Типового стандарта).",
        "Give the name of the state body, state institution or other organisation that delivers "
        "the service directly, in Kazakh and Russian (model standard, point 1).",
    )


def _provider_address(version: StandardVersion) -> Texts | None:
    if version.provider_address_kk.strip() and version.provider_address_ru.strip():
        return None
    return _t(
        "Қызметті тікелей көрсететін органның мекенжайын қазақ және орыс тілдерінде көрсетіңіз "
        "(Үлгі стандарттың 1-тармағы).",
        "Укажите на казахском и русском языках адрес органа, непосредственно оказывающего услугу "
        "(пункт 1 Типового стандарта).",
        "Give the address of the body that delivers the service directly, in Kazakh and Russian "
        "(model standard, point 1).",
    )


# What a schedule's own problem cites (``workcalendar.schedule``); said once, by the wrapper.
POINT_9_CITED: Texts = {
    "kk": " (Үлгі стандарттың 9-тармағы)",
    "ru": " (пункт 9 Типового стандарта)",
    "en": " (STD 9)",
}


def _problems_said(data: object) -> Texts | None:
    """Every problem of a stored schedule in kk/ru/en, without its own citation of point 9
    (the message around it cites it); ``None`` when the schedule is readable."""
    problems = schedule_problems(data)
    if not problems:
        return None
    return {
        lang: " ".join(p.messages[lang] for p in problems).replace(POINT_9_CITED[lang], "")
        for lang in ("kk", "ru", "en")
    }


def _provider_schedule(version: StandardVersion) -> Texts | None:
    """STD 1 asks for the provider's working schedule; its days, hours and breaks are those of
    STD 9. Services refuse an empty or bad schedule on write; a version stored otherwise (an old
    row, a direct write) is refused here."""
    said = _problems_said(version.working_schedule_provider)
    if said is None:
        return None
    return _t(
        f"Қызметті тікелей көрсететін органның жұмыс кестесін көрсетіңіз (Үлгі стандарттың 1, 9-тармақтары). "
        f"{said['kk']}",
        f"Укажите график работы органа, непосредственно оказывающего услугу (пункты 1, 9 Типового "
        f"стандарта). {said['ru']}",
        f"Give the working schedule of the body that delivers the service directly (model standard, "
        f"points 1, 9). {said['en']}",
    )


# STD 9: the schedule of each place the version accepts applications at, by the channels that
# use it (the provider's is STD 1's, above), with its name in the refusal.
_PLACE_SCHEDULES: tuple[tuple[str, frozenset[str], Texts], ...] = (
    (
        "working_schedule_state_corporation",
        frozenset({Channel.STATE_CORPORATION}),
        _t("Мемлекеттік корпорацияның", "Государственной корпорации", "the State Corporation's"),
    ),
    (
        "working_schedule_echannels",
        ELECTRONIC_CHANNELS,
        _t("электрондық арналардың", "электронных каналов", "the e-channels'"),
    ),
)


def schedules_not_used(channels: Iterable[str]) -> frozenset[str]:
    """Law 14.3-1, STD 9: the schedule fields of the places a version delivered through
    ``channels`` does not use (the State Corporation's without its channel, the e-channels'
    without an electronic one). Approval does not ask for them; the editor lets them be empty."""
    used = set(channels)
    return frozenset(field for field, used_by, _whose in _PLACE_SCHEDULES if not used & used_by)


def schedule_left_empty(data: object) -> bool:
    """A schedule with nothing given: no day ticked and not around the clock."""
    if not data:
        return True
    return isinstance(data, Mapping) and not data.get("around_the_clock") and not (data.get("days") or [])


def _place_schedules(version: StandardVersion) -> dict[str, Texts]:
    """STD 9: «Жұмыс кестесін (күндер, сағаттар, үзілістер) көрсету» for each place the version
    is delivered through. Services refuse a bad schedule on write; one stored otherwise is
    refused here, as the provider's is for STD 1."""
    unused = schedules_not_used(term.channel for term in version.channel_terms.all())
    errors: dict[str, Texts] = {}
    for field, _used_by, whose in _PLACE_SCHEDULES:
        said = _problems_said(getattr(version, field)) if field not in unused else None
        if said is not None:
            errors[field] = _t(
                f"{whose['kk'].capitalize()} жұмыс кестесін көрсетіңіз (Заңның 14-бабының 3-1) тармақшасы, "
                f"Үлгі стандарттың 9-тармағы). {said['kk']}",
                f"Укажите график работы {whose['ru']} (подпункт 3-1) статьи 14 Закона, пункт 9 Типового "
                f"стандарта). {said['ru']}",
                f"Give {whose['en']} working schedule (Law 14.3-1, model standard, point 9). {said['en']}",
            )
    return errors


# STD 9: «алдын ала жазылуға бола ма (шарттары мен талаптарын көрсету), жедел қызмет көрсетіле
# ме (шарттары мен талаптарын көрсету)»: offered means its conditions are given in kk and ru.
_OFFERS: tuple[tuple[str, str, Texts], ...] = (
    (
        "pre_registration_available",
        "pre_registration_conditions",
        _t("алдын ала жазылудың", "предварительной записи", "pre-registration"),
    ),
    (
        "expedited_available",
        "expedited_conditions",
        _t("жедел қызмет көрсетудің", "ускоренного обслуживания", "the expedited service"),
    ),
)


def _offer_conditions(version: StandardVersion) -> dict[str, Texts]:
    errors: dict[str, Texts] = {}
    for offered, stem, what in _OFFERS:
        given = all(getattr(version, f"{stem}_{lang}").strip() for lang in ("kk", "ru"))
        if getattr(version, offered) and not given:
            errors[stem] = _t(
                f"{what['kk'].capitalize()} шарттары мен талаптарын қазақ және орыс тілдерінде "
                "көрсетіңіз (Үлгі стандарттың 9-тармағы).",
                f"Укажите на казахском и русском языках условия и требования {what['ru']} "
                "(пункт 9 Типового стандарта).",
                f"Give the conditions and requirements of {what['en']} in Kazakh and Russian "
                "(model standard, point 9).",
            )
    return errors


def _legal_basis(version: StandardVersion) -> Texts | None:
    if version.legal_basis_kk.strip() and version.legal_basis_ru.strip():
        return None
    return _t(
        "Қызмет көрсетуге негіз болатын нормативтік құқықтық актінің атауы мен бабын (тармағын) "
        "қазақ және орыс тілдерінде көрсетіңіз (Үлгі стандарттың 3-тармағы).",
        "Укажите на казахском и русском языках наименование и статью (пункт) нормативного "
        "правового акта, являющегося основанием оказания услуги (пункт 3 Типового стандарта).",
        "Give the name and article of the legal act the service is based on, in Kazakh and "
        "Russian (model standard, point 3).",
    )


def _information_sources(version: StandardVersion) -> Texts | None:
    sources = list(version.information_source_entries.all())
    if not sources:
        return _t(
            "Қызмет туралы ақпарат көздерін және оған қол жеткізу орындарын кемінде біреуін "
            "көрсетіңіз: интернет-ресурс, байланыс орталығы, анықтама қызметі және т.б. (Үлгі "
            "стандарттың 4-тармағы).",
            "Укажите хотя бы один источник информации об услуге и место доступа к нему: "
            "интернет-ресурс, контакт-центр, справочная служба и т. п. (пункт 4 Типового стандарта).",
            "Give at least one information source on the service and where to reach it: an "
            "internet resource, the contact centre, a help desk, ... (model standard, point 4).",
        )
    if any(s.kind not in InformationSourceKind.values for s in sources):
        return _t(
            "Ақпарат көзінің түрі белгісіз (Үлгі стандарттың 4-тармағы).",
            "Неизвестный вид источника информации (пункт 4 Типового стандарта).",
            "Unknown kind of information source (model standard, point 4).",
        )
    return None


def _refusal_grounds(version: StandardVersion) -> Texts | None:
    # A licence's grounds are the permits law's (Law 19-1.4): standard_version_errors asks for them.
    if version.is_licence_or_permit or version.refusal_grounds or list(version.other_refusal_grounds.all()):
        return None
    return _t(
        "Қызмет көрсетуден бас тарту негіздерінің толық тізбесін көрсетіңіз: Заңның 19-1-бабы "
        "2-тармағының негіздерін белгілеңіз немесе өзге заңның негізін қосыңыз (Үлгі стандарттың "
        "17-тармағы).",
        "Укажите полный перечень оснований для отказа: отметьте основания пункта 2 статьи 19-1 "
        "Закона или добавьте основание иного закона (пункт 17 Типового стандарта).",
        "Give the full list of refusal grounds: tick the grounds of Law 19-1.2 or add a ground "
        "of another law (model standard, point 17).",
    )


# STD 21-23: what each kind of complaint address is and what the original asks of it (kk, ru, en).
_KIND_WANTED: dict[str, Texts] = {
    ComplaintAddressKind.EXPLAINS: _t(
        "шағымдану тәртібін түсіндіретін және шағым дайындауға жәрдем көрсететін органды — атауын, "
        "электрондық поштасын, call-орталығының телефонын не лауазымды адам кабинетінің нөмірін (21-тармақ)",
        "орган, разъясняющий порядок обжалования и оказывающий содействие в подготовке жалобы, — "
        "наименование, электронную почту, телефон call-центра или номер кабинета должностного лица (пункт 21)",
        "the body that explains the appeal procedure and helps to prepare a complaint, with its name, "
        "e-mail and call-centre phone or an official's cabinet (point 21)",
    ),
    ComplaintAddressKind.HIGHER_INSTANCE: _t(
        "жоғары тұрған инстанцияны — атауын, мекенжайын, электрондық поштасын және жұмыс кестесін (22-тармақ)",
        "вышестоящую инстанцию — наименование, адрес, электронную почту и график работы (пункт 22)",
        "the higher instance, with its name, address, e-mail and working schedule (point 22)",
    ),
    ComplaintAddressKind.PROVIDER: _t(
        "қызметті тікелей көрсететін органды — атауын, электрондық поштасын, кабинетінің нөмірін және жұмыс "
        "кестесін (23-тармақ)",
        "орган, непосредственно оказывающий услугу, — наименование, электронную почту, номер кабинета и "
        "график работы (пункт 23)",
        "the body delivering the service directly, with its name, e-mail, cabinet and working schedule "
        "(point 23)",
    ),
}


def _complaint_addresses(version: StandardVersion) -> Texts | None:
    """STD 21, 22 and 23 each ask for a body to turn to: an entry of each kind is needed; the
    STD 21 body with its e-mail and a call-centre phone or a cabinet."""
    entries = list(version.complaint_address_entries.all())
    kinds = {e.kind for e in entries}
    missing = [_KIND_WANTED[kind] for kind in _KIND_WANTED if kind not in kinds]
    if missing:
        return _t(
            f"Шағым мекенжайларына қосыңыз: {'; '.join(m['kk'] for m in missing)} (Үлгі стандарттың "
            "21–23-тармақтары).",
            f"Добавьте в адреса для жалоб: {'; '.join(m['ru'] for m in missing)} (пункты 21–23 Типового "
            "стандарта).",
            f"Add to the complaint addresses: {'; '.join(m['en'] for m in missing)} (model standard, "
            "points 21-23).",
        )
    unreachable = [
        number
        for number, e in enumerate(entries, start=1)
        if e.kind == ComplaintAddressKind.EXPLAINS
        and not (e.email.strip() and (e.phone.strip() or e.office.strip()))
    ]
    if unreachable:
        rows = ", ".join(str(n) for n in unreachable)
        return _t(
            f"Шағым мекенжайлары, {rows}-жол: шағымдану тәртібін түсіндіретін органның электрондық поштасын және "
            "call-орталығының телефонын не лауазымды адам кабинетінің нөмірін көрсетіңіз (Үлгі стандарттың "
            "21-тармағы).",
            f"Адреса для жалоб, строка {rows}: укажите электронную почту органа, разъясняющего порядок обжалования, и "
            "телефон call-центра или номер кабинета должностного лица (пункт 21 Типового стандарта).",
            f"Complaint addresses, row {rows}: give the e-mail of the body that explains the appeal procedure and "
            "its call-centre phone or an official's cabinet (model standard, point 21).",
        )
    return _complaint_entry_values(entries)


def _complaint_entry_values(entries: list[ComplaintAddress]) -> Texts | None:
    for number, entry in enumerate(entries, start=1):
        named = entry.body_id is not None or bool(entry.name_kk.strip() and entry.name_ru.strip())
        if entry.kind not in ComplaintAddressKind.values or not named:
            return _t(
                f"Шағым мекенжайлары, {number}-жол: түрін және органның атауын қазақ және орыс тілдерінде "
                "көрсетіңіз (Үлгі стандарттың 21–23-тармақтары).",
                f"Адреса для жалоб, строка {number}: укажите вид и наименование органа на казахском и "
                "русском языках (пункты 21–23 Типового стандарта).",
                f"Complaint addresses, row {number}: give its kind and the body's name in Kazakh and "
                "Russian (model standard, points 21-23).",
            )
        if entry.schedule:
            try:
                schedule_validate(entry.schedule)
            except ScheduleError as exc:
                return {
                    lang: f"{_ADDRESS[lang].format(n=number)}. {exc.messages[lang]}"
                    for lang in ("kk", "ru", "en")
                }
    return None


_ADDRESS: Texts = {
    "kk": "Шағым мекенжайлары, {n}-жол, жұмыс кестесі",
    "ru": "Адреса для жалоб, строка {n}, график работы",
    "en": "Complaint addresses, row {n}, working schedule",
}


def _structured_values(version: StandardVersion) -> dict[str, Texts]:
    errors: dict[str, Texts] = {}
    if any(t.counted_from not in TermStart.values for t in version.channel_terms.all()):
        errors["channel_terms"] = _t(
            "Мерзімнің басталу сәті белгісіз (Үлгі стандарттың 7-тармағы 1) тармақшасы).",
            "Неизвестный момент начала срока (подпункт 1) пункта 7 Типового стандарта).",
            "Unknown start of a term (model standard, point 7.1).",
        )
    others = list(version.other_terms.all())
    if any(
        t.term_amount <= 0 or t.term_unit not in TermUnit.values or not t.name_kk or not t.name_ru
        for t in others
    ):
        errors["other_terms"] = _t(
            "Басқа мерзімнің атауын қазақ және орыс тілдерінде және оң мерзімін көрсетіңіз (Үлгі "
            "стандарттың 7-тармағы 4) тармақшасы).",
            "Укажите наименование иного срока на казахском и русском языках и положительный срок "
            "(подпункт 4) пункта 7 Типового стандарта).",
            "Give each other term a name in Kazakh and Russian and a positive term (model "
            "standard, point 7.4).",
        )
    if any(p not in WorkPrinciple.values for p in version.principles or []):
        errors["principles"] = _t(
            "Жұмыс қағидаты белгісіз (Үлгі стандарттың 18-тармағы).",
            "Неизвестный принцип работы (пункт 18 Типового стандарта).",
            "Unknown principle of work (model standard, point 18).",
        )
    return errors


def std_completeness_errors(version: StandardVersion) -> dict[str, Texts]:
    """Per-field kk/ru/en messages for every missing or unreadable point (all at once)."""
    errors: dict[str, Texts] = {}
    checks = (
        ("provider_name", _provider_name),
        ("provider_address", _provider_address),
        ("working_schedule_provider", _provider_schedule),
        ("legal_basis", _legal_basis),
        ("information_source_entries", _information_sources),
        ("refusal_grounds", _refusal_grounds),
        ("complaint_address_entries", _complaint_addresses),
    )
    for field, check in checks:
        message = check(version)
        if message is not None:
            errors[field] = message
    errors.update(_place_schedules(version))
    errors.update(_offer_conditions(version))
    errors.update(_structured_values(version))
    return errors


def missing_points_text(errors: dict[str, Texts], language: str) -> str:
    """The points among ``errors`` that are missing, named in ``language`` ("" when none)."""
    lang = language if language in ("kk", "ru") else "en"
    return "; ".join(POINT_NAMES[f][lang] for f in POINT_NAMES if f in errors)
