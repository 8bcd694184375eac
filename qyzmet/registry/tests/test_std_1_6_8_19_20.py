"""STD 1 (the service's name and the organisation that delivers it directly, with its address)
and STD 6 (the recipients) are kept with each version of the standard, so that a new version
may change them while the one in force still says what it said: in the editor, the comparison,
the public page, the REST standard and the export. STD 8: where an expedited service is
provided, its cost. STD 19-20: the appendix table (normative values, the yearly targets approved
by order) is published with the standard."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from qyzmet.core.errors import ApplicationError
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory
from qyzmet.quality.enums import Indicator
from qyzmet.quality.models import IndicatorNorm, IndicatorTarget
from qyzmet.registry import services
from qyzmet.registry.comparison import version_comparison
from qyzmet.registry.enums import RecipientCategory, VersionStatus
from qyzmet.registry.models import StandardVersion
from qyzmet.registry.tests.factories import (
    BareServiceFactory,
    ServiceFactory,
    StandardVersionFactory,
    fill_version,
)
from qyzmet.registry.transfer import register_export, register_export_data, register_import

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 11, 23)
STD_1_6: dict[str, Any] = {
    "service_name_kk": "Мектепке дейінгі ұйымға кезекке қою (1-нұсқа)",
    "service_name_ru": "Постановка на очередь в дошкольную организацию (версия 1)",
    "provider_name_kk": "Астана қаласының білім басқармасы",
    "provider_name_ru": "Управление образования города Астаны",
    "provider_address_kk": "Астана қ., Бейбітшілік көшесі, 11",
    "provider_address_ru": "г. Астана, улица Бейбитшилик, 11",
    "recipient_categories": [RecipientCategory.INDIVIDUAL.value],
    "recipients_note_kk": "Баласы бар ата-аналар",
    "recipients_note_ru": "Родители детей",
}
STD_1_6_V2: dict[str, Any] = {
    "service_name_kk": "Балабақшаға кезекке қою (2-нұсқа)",
    "service_name_ru": "Постановка на очередь в детский сад (версия 2)",
    "provider_name_kk": "Астана қаласының әкімдігі",
    "provider_name_ru": "Акимат города Астаны",
    "provider_address_kk": "Астана қ., Бейбітшілік көшесі, 11, 2-қабат",
    "provider_address_ru": "г. Астана, улица Бейбитшилик, 11, 2 этаж",
    "recipient_categories": [RecipientCategory.INDIVIDUAL.value, RecipientCategory.LEGAL_ENTITY.value],
    "recipients_note_kk": "Ата-аналар және заңды өкілдер",
    "recipients_note_ru": "Родители и законные представители",
}


def _two_versions() -> tuple[StandardVersion, StandardVersion]:
    """Version 1 in force until 2026-12-31, version 2 from 2027-01-01, each naming its own
    service name, provider and recipients (STD 1, 6)."""
    service = ServiceFactory.create(
        version__effective_from=dt.date(2020, 1, 1), version__effective_to=dt.date(2026, 12, 31)
    )
    first = service.versions.get()
    StandardVersion.objects.filter(pk=first.pk).update(**STD_1_6)
    second = StandardVersionFactory.create(
        service=service, number=2, effective_from=dt.date(2027, 1, 1), **STD_1_6_V2
    )
    fill_version(second)
    return StandardVersion.objects.get(pk=first.pk), second


def _page(service_code: str, lang: str, on: dt.date = ON) -> str:
    response = Client().get(
        reverse("registry:service-detail", args=[service_code]),
        {"on": on.isoformat()},
        HTTP_ACCEPT_LANGUAGE=lang,
    )
    assert response.status_code == 200
    return response.content.decode()


def _rest(service_code: str, on: dt.date = ON) -> dict[str, Any]:
    response = Client().get(f"/api/v1/registry/services/{service_code}/standard/", {"on": on.isoformat()})
    assert response.status_code == 200, response.content
    data: dict[str, Any] = response.json()
    return data


# --- STD 1, 6: versioned --------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_std_1_and_6_the_public_page_shows_the_name_provider_and_recipients_of_the_version_in_force(
    lang: str,
) -> None:
    first, _second = _two_versions()
    code = first.service.code
    now, later = _page(code, lang), _page(code, lang, dt.date(2027, 1, 15))
    for stem in ("service_name", "provider_name", "provider_address", "recipients_note"):
        assert escape(STD_1_6[f"{stem}_{lang}"]) in now, stem
        assert escape(STD_1_6_V2[f"{stem}_{lang}"]) not in now, stem
        assert escape(STD_1_6_V2[f"{stem}_{lang}"]) in later, stem
    with translation.override(lang):
        legal_entity = escape(str(RecipientCategory.LEGAL_ENTITY.label))
    assert legal_entity not in now.split('id="h-docs"')[0]
    assert legal_entity in later.split('id="h-docs"')[0]
    # the page's title is the standard's name of the service, not the register entry's
    assert (
        f'<h1><span class="service-code">{code}</span> {escape(STD_1_6[f"service_name_{lang}"])}</h1>' in now
    )


def test_std_1_and_6_the_rest_standard_carries_the_name_provider_and_recipients_of_each_version() -> None:
    first, _second = _two_versions()
    now, later = _rest(first.service.code), _rest(first.service.code, dt.date(2027, 1, 15))
    assert {k: now[k] for k in STD_1_6} == STD_1_6
    assert {k: later[k] for k in STD_1_6_V2} == STD_1_6_V2


def test_std_1_and_6_are_inputs_of_the_editor_and_rows_of_the_comparison() -> None:
    first, second = _two_versions()
    StandardVersion.objects.filter(pk=second.pk).update(status=VersionStatus.DRAFT, effective_from=None)
    second.refresh_from_db()
    body = first.service.responsible_body
    client = Client()
    client.force_login(StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER, organisation=body).user)
    client.cookies["qyzmet_language"] = "ru"
    page = client.get(reverse("registry:staff-version", args=[first.service.code, 2])).content.decode()
    for name in ("service_name", "provider_name", "provider_address", "recipients_note"):
        assert f'name="{name}_kk"' in page and f'name="{name}_ru"' in page, name
        assert escape(STD_1_6_V2[f"{name}_ru"]) in page, name
    assert 'name="recipient_categories" value="legal_entity"' in page
    with translation.override("ru"):
        labels = {d.label: d for d in version_comparison(draft=second, in_force=first)}
    changed = " ".join(" ".join(d.new) for d in labels.values())
    for name in ("service_name_ru", "provider_name_ru", "provider_address_ru", "recipients_note_ru"):
        assert str(STD_1_6_V2[name]) in changed, name
    assert "Юридическое лицо" in changed


def test_std_1_and_6_a_new_draft_starts_from_the_register_and_a_copy_keeps_the_version_s() -> None:
    service = BareServiceFactory.create(recipient_categories=[RecipientCategory.LEGAL_ENTITY.value])
    draft = services.standard_version_create(actor=None, service=service, check_permission=False)
    assert (draft.service_name_kk, draft.service_name_ru) == (service.name_kk, service.name_ru)
    assert draft.recipient_categories == [RecipientCategory.LEGAL_ENTITY.value]
    StandardVersion.objects.filter(pk=draft.pk).update(**STD_1_6)
    copy = services.standard_version_copy(actor=None, version=StandardVersion.objects.get(pk=draft.pk))
    assert {k: getattr(copy, k) for k in STD_1_6} == STD_1_6


def test_std_6_an_unknown_recipient_category_is_refused_naming_point_6() -> None:
    version = StandardVersionFactory.create(recipient_categories=["alien"])
    fill_version(version)
    errors = services.standard_version_errors(version=version)
    assert "пункт 6 Типового стандарта" in errors["recipient_categories"]["ru"]
    assert "Үлгі стандарттың 6-тармағы" in errors["recipient_categories"]["kk"]


def test_std_1_and_6_survive_export_and_import_and_an_old_file_reads_them_from_the_service(
    tmp_path: Path,
) -> None:
    first, _second = _two_versions()
    code = first.service.code
    path = tmp_path / "register.json"
    register_export(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    exported = next(s for s in data["services"] if s["code"] == code)["versions"][0]
    assert {k: exported[k] for k in STD_1_6} == STD_1_6
    # a file from before STD 1 and 6 were kept with the version: a draft number 3 without them
    old = dict(exported, number=3, status=VersionStatus.DRAFT, effective_from=None, effective_to=None)
    for key in STD_1_6:
        old.pop(key)
    next(s for s in data["services"] if s["code"] == code)["versions"].append(old)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = register_import(actor=None, path=path)
    assert report.ok, [str(e) for e in report.errors]
    third = StandardVersion.objects.get(service__code=code, number=3)
    assert (third.service_name_kk, third.service_name_ru) == (first.service.name_kk, first.service.name_ru)
    assert third.recipient_categories == list(first.service.recipient_categories)
    assert third.provider_name_ru == ""
    kept = StandardVersion.objects.get(service__code=code, number=1)
    assert {k: getattr(kept, k) for k in STD_1_6} == STD_1_6


# --- STD 8: the cost of an expedited service ---------------------------------------------------


def _expedited(**fields: Any) -> StandardVersion:
    values = {
        "expedited_available": True,
        "expedited_conditions_kk": "Бір жұмыс күнінде",
        "expedited_conditions_ru": "В течение одного рабочего дня",
        **fields,
    }
    version = StandardVersionFactory.create(**values)
    fill_version(version)
    return version


def test_std_8_an_expedited_service_without_its_cost_is_refused_naming_point_8() -> None:
    version = _expedited(expedited_fee_mci=None)
    errors = services.standard_version_errors(version=version)
    assert "пункт 8 Типового стандарта" in errors["expedited_fee_mci"]["ru"]
    assert "Үлгі стандарттың 8-тармағы" in errors["expedited_fee_mci"]["kk"]
    with pytest.raises(ApplicationError) as exc:
        services.standard_version_validate(version=version)
    assert "expedited_fee_mci" in exc.value.fields
    StandardVersion.objects.filter(pk=version.pk).update(expedited_fee_mci=Decimal("0"))
    version.refresh_from_db()
    assert "expedited_fee_mci" not in services.standard_version_errors(version=version)


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"expedited_available": False, "expedited_fee_mci": Decimal("2")}, "не предусмотрено"),
        ({"expedited_fee_mci": Decimal("-1")}, "не может быть отрицательной"),
        ({"is_free_by_law": True, "expedited_fee_mci": Decimal("2")}, "пункт 2 статьи 24 Закона"),
    ],
)
def test_std_8_an_expedited_cost_without_the_service_negative_or_on_a_free_by_law_service_is_refused(
    fields: dict[str, Any], words: str
) -> None:
    version = _expedited(**fields)
    assert words in services.standard_version_errors(version=version)["expedited_fee_mci"]["ru"]


def test_std_8_the_expedited_cost_is_on_the_page_and_in_rest_in_tenge() -> None:
    from qyzmet.registry.models import MciValue

    MciValue.objects.update_or_create(year=2026, defaults={"amount": 4000})
    service = ServiceFactory.create(
        version__expedited_available=True, version__expedited_fee_mci=Decimal("1.5")
    )
    page = _page(service.code, "ru")
    assert "6000 ₸" in page and "1.5" in page.replace("1,5", "1.5")
    served = _rest(service.code)
    assert Decimal(str(served["expedited_fee_mci"])) == Decimal("1.5")
    assert Decimal(str(served["expedited_fee_tenge"])) == Decimal("6000")


def test_std_8_the_editor_takes_the_expedited_cost() -> None:
    body = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    service = ServiceFactory.create(responsible_body=body, version__status=VersionStatus.DRAFT)
    client = Client()
    client.force_login(StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER, organisation=body).user)
    page = client.get(reverse("registry:staff-version", args=[service.code, 1])).content.decode()
    assert 'name="expedited_fee_mci"' in page


# --- STD 19-20: the appendix table -----------------------------------------------------------


def _appendix() -> Any:
    service = ServiceFactory.create()
    IndicatorNorm.objects.update_or_create(
        indicator=Indicator.TIMELINESS, service=None, defaults={"value": Decimal("90.00")}
    )
    IndicatorNorm.objects.create(
        indicator=Indicator.POLITENESS, service=service, value=Decimal("87.50"), legal_basis="Бұйрық № 5"
    )
    IndicatorTarget.objects.create(
        service=service,
        indicator=Indicator.TIMELINESS,
        year=2026,
        value=Decimal("95.00"),
        order_number="101-н",
        order_date=dt.date(2025, 12, 20),
    )
    IndicatorTarget.objects.create(
        service=service,
        indicator=Indicator.TIMELINESS,
        year=2027,
        value=Decimal("97.00"),
        order_number="222-н",
        order_date=dt.date(2026, 11, 2),
    )
    return service


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_std_19_and_20_the_public_page_publishes_the_appendix_with_norms_and_targets_by_order(
    lang: str,
) -> None:
    service = _appendix()
    page = _page(service.code, lang)
    section = page.split('id="h-indicators"')[1].split("</section>")[0]
    with translation.override(lang):
        for indicator in Indicator:
            assert escape(str(indicator.label)) in section
    for text in ("90.00", "87.50", "95.00", "97.00", "101-н", "222-н", "20.12.2025", "02.11.2026"):
        assert text in section.replace("90,00", "90.00").replace("87,50", "87.50").replace(
            "95,00", "95.00"
        ).replace("97,00", "97.00"), text
    assert "2026" in section and "2027" in section


def test_std_19_and_20_the_rest_standard_and_the_export_carry_the_appendix(tmp_path: Path) -> None:
    service = _appendix()
    served = {row["indicator"]: row for row in _rest(service.code)["indicators"]}
    assert list(served) == list(Indicator.values)
    assert Decimal(str(served["1.1"]["normative_value"])) == Decimal("90")
    assert served["1.1"]["normative_is_national_default"] is True
    assert served["5.1"]["normative_is_national_default"] is False
    assert served["5.1"]["normative_legal_basis"] == "Бұйрық № 5"
    assert [(t["year"], t["order_number"], t["order_date"]) for t in served["1.1"]["targets"]] == [
        (2026, "101-н", "2025-12-20"),
        (2027, "222-н", "2026-11-02"),
    ]
    exported = next(s for s in register_export_data()["services"] if s["code"] == service.code)
    rows = {row["indicator"]: row for row in exported["indicators"]}
    assert rows["1.1"]["targets"][1] == {
        "year": 2027,
        "value": "97",
        "order_number": "222-н",
        "order_date": "2026-11-02",
    }
    assert rows["5.1"]["normative_value"] == "87.50"
    path = tmp_path / "register.xlsx"
    register_export(path)
    from openpyxl import load_workbook

    sheet = load_workbook(path, read_only=True)["indicators"]
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert cells[0][:3] == ["service_code", "indicator", "normative_value"]
    assert any(r[0] == service.code and r[1] == "1.1" and "222-н" in str(r[-1]) for r in cells[1:])


def test_std_19_and_20_the_appendix_of_many_services_is_read_in_two_queries(
    django_assert_num_queries: Any,
) -> None:
    from qyzmet.quality.selectors import standard_indicators

    ids = [_appendix().pk for _ in range(3)]
    with django_assert_num_queries(2):
        rows = standard_indicators(service_ids=ids)
    assert set(rows) == set(ids)


# --- approving act and what changes, per language, in REST (registry migration 0012) ----------


def test_std_approval_act_and_change_summary_are_in_rest_in_kazakh_and_in_russian() -> None:
    service = ServiceFactory.create(
        version__approval_act_kk="Бұйрық № 125",
        version__approval_act_ru="Приказ № 125",
        version__change_summary_kk="Сенбі қосылды",
        version__change_summary_ru="Добавлена суббота",
    )
    served = _rest(service.code)
    assert (served["approval_act_kk"], served["approval_act_ru"]) == ("Бұйрық № 125", "Приказ № 125")
    assert (served["change_summary_kk"], served["change_summary_ru"]) == (
        "Сенбі қосылды",
        "Добавлена суббота",
    )
    assert "approval_act" not in served and "change_summary" not in served
    schema = Client().get("/api/v1/openapi.json").json()["components"]["schemas"]["StandardOut"]
    for name in ("approval_act_kk", "approval_act_ru", "change_summary_kk", "change_summary_ru"):
        assert name in schema["required"], name


# --- the editor's wording (kk, ru): points and articles cited as the texts cite them ----------


@pytest.mark.parametrize(
    ("lang", "wanted", "unwanted"),
    [
        (
            "ru",
            [
                "пункт 4 Типового стандарта",
                "пункты 21–23 Типового стандарта",
                "пункт 2 статьи 24 Закона",
                "только для лиц, имеющих льготы",
                "документ, подтверждающий сдачу документов",
                "максимально допустимое время ожидания в очереди",
            ],
            ["ст. 24 п. 2", "льготник", "куда обжаловать", "закон 20.1", "очистите их"],
        ),
        (
            "kk",
            [
                "Үлгі стандарттың 4-тармағы",
                "Үлгі стандарттың 21–23-тармақтары",
                "Заңның 24-бабының 2-тармағы",
                "тек жеңілдіктері бар тұлғалар үшін",
                "құжаттардың тапсырылғанын растайтын құжат",
                "кезекте күтудің рұқсат етілген ең ұзақ уақыты",
            ],
            ["Заңның 24.2)", "Үлгілік", "(Стандарттың", "Заң 20.1", "тазалаңыз"],
        ),
    ],
)
def test_std_the_editor_cites_points_and_articles_as_the_texts_do_in_kazakh_and_russian(
    lang: str, wanted: list[str], unwanted: list[str]
) -> None:
    body = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    service = ServiceFactory.create(responsible_body=body, version__status=VersionStatus.DRAFT)
    client = Client()
    client.force_login(StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER, organisation=body).user)
    client.cookies["qyzmet_language"] = lang
    page = client.get(reverse("registry:staff-version", args=[service.code, 1])).content.decode()
    text = page.replace("&nbsp;", " ").replace("&#x27;", "'").lower()  # labels begin with a capital
    assert [w for w in wanted if w.lower() not in text] == []
    assert [u for u in unwanted if u.lower() in text] == []
    # a point is of the model standard (Типовой стандарт, Үлгі стандарт), never of "the standard"
    assert re.findall(r"(?<!типового) стандарта\)|\(стандарттың", text) == []
