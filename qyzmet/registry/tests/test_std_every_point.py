"""Issue 15 item 1: every point of the model standard is data. A version with every field filled
(``fill_every_field``) shows every value on the public page (kk and ru), comes back whole from
the REST standard endpoint and survives export → import unchanged (JSON and XLSX); approval
refuses a version missing STD 3, 4, 17 or 21-23 and names every missing point at once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from qyzmet.core.errors import ApplicationError
from qyzmet.registry.enums import (
    REFUSAL_GROUND_TEXTS,
    ComplaintAddressKind,
    DeliveryMethod,
    FeeExemption,
    InformationSourceKind,
    TermStart,
    VersionStatus,
    WorkPrinciple,
)
from qyzmet.registry.models import ComplaintAddress, Service, StandardVersion
from qyzmet.registry.selectors import electronic_information_service_ids, version_cache_clear
from qyzmet.registry.services import (
    VERSION_SCHEDULE_FIELDS,
    VERSION_TEXT_FIELDS,
    standard_version_errors,
    standard_version_register_approved,
    standard_version_update,
)
from qyzmet.registry.tests.factories import (
    BareServiceFactory,
    ChannelTermFactory,
    ComplaintAddressFactory,
    InformationSourceFactory,
    ServiceFactory,
    StandardVersionFactory,
    fill_every_field,
)
from qyzmet.registry.transfer import (
    CHILDREN,
    VERSION_SCALARS,
    register_export,
    register_export_data,
    register_import,
)
from qyzmet.workcalendar.schedule import schedule_validate

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)


def _full_service() -> Service:
    service = BareServiceFactory.create()
    fill_every_field(StandardVersionFactory.create(service=service, number=1))
    return service


def _page(client: Client, service: Service, lang: str) -> str:
    response = client.get(reverse("registry:service-detail", args=[service.code]), HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return response.content.decode()


def _expected_on_page(version: StandardVersion, lang: str) -> list[str]:
    """Every value of the version a reader of the page in ``lang`` must find."""
    suffix = f"_{lang}"
    values = [getattr(version, f) for f in VERSION_TEXT_FIELDS if f.endswith(suffix)]
    for term in version.channel_terms.all():
        values += [term.term_text(), str(term.get_counted_from_display()), getattr(term, f"note{suffix}")]
    for other in version.other_terms.all():
        values += [getattr(other, f"name{suffix}"), other.term_text(), getattr(other, f"note{suffix}")]
    for source in version.information_source_entries.all():
        values += [str(source.get_kind_display()), getattr(source, f"detail{suffix}"), source.url]
    for entry in version.complaint_address_entries.all():
        values += [str(entry.get_kind_display()), entry.name(lang), entry.address(lang)]
        values += [entry.office, entry.email, entry.phone]
    for doc in version.required_documents.all():
        values.append(getattr(doc, f"name{suffix}"))
    for ground in version.other_refusal_grounds.all():
        values += [getattr(ground, f"text{suffix}"), ground.legal_reference]
    for step in version.process_steps.all():
        values += [getattr(step, f"text{suffix}"), getattr(step, f"unit{suffix}")]
    for field in version.form_fields.all():
        values += [getattr(field, f"label{suffix}"), getattr(field, f"help{suffix}")]
    values += [REFUSAL_GROUND_TEXTS[g][lang] for g in version.refusal_grounds]
    values += [str(WorkPrinciple(p).label) for p in version.principles]
    values += [str(DeliveryMethod(m).label) for m in version.delivery_methods]
    values += [str(FeeExemption(e).label) for e in version.fee_exemptions]
    values += [str(version.get_automation_form_display()), str(version.get_result_form_display())]
    values.append(str(version.get_payment_method_display()))
    # STD 22: the higher instance is named by its complaint address (above), the one source.
    assert version.higher_instance is not None
    assert version.complaint_address_entries.get(kind="higher").body == version.higher_instance
    return [v for v in values if v]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_std_1_to_26_every_field_appears_on_the_public_page(client: Client, lang: str) -> None:
    service = _full_service()
    body = _page(client, service, lang)
    version = service.versions.get()
    with translation.override(lang):
        expected = _expected_on_page(version, lang)
    missing = [v for v in expected if escape(v) not in body]
    assert missing == []
    assert "Дүйсенбі: 09:00–18:30" in body or "Понедельник: 09:00–18:30" in body  # STD 9 with its break
    assert ("үзіліс 13:00–14:30" if lang == "kk" else "перерыв 13:00–14:30") in body


def test_std_7_1_the_page_says_from_when_each_term_counts(client: Client) -> None:
    service = _full_service()
    kk, ru = _page(client, service, "kk"), _page(client, service, "ru")
    for start in TermStart:
        with translation.override("kk"):
            assert escape(str(start.label)) in kk
        with translation.override("ru"):
            assert escape(str(start.label)) in ru
    with translation.override("ru"):
        assert str(TermStart.EREQUEST.label) == "с момента подачи электронного запроса"


def _same(name: str, exported: Any, served: Any) -> bool:
    if name in {"fee_mci", "min_value", "max_value"}:
        return (exported in (None, "")) == (served is None) and (
            served is None or Decimal(str(exported)) == Decimal(str(served))
        )
    return bool(exported == served)


def test_std_1_to_26_the_rest_standard_carries_every_field_of_the_export(client: Client) -> None:
    service = _full_service()
    exported = next(s for s in register_export_data()["services"] if s["code"] == service.code)["versions"][0]
    served = client.get(f"/api/v1/registry/services/{service.code}/standard/").json()
    for name in VERSION_SCALARS:
        if name in VERSION_SCHEDULE_FIELDS:
            which = name.removeprefix("working_schedule_")
            assert served["working_schedules"][which] == schedule_validate(exported[name]).to_json(), name
        elif name == "refusal_grounds":
            assert [g["code"] for g in served[name]] == exported[name]
        else:
            assert _same(name, exported[name], served[name]), (name, exported[name], served[name])
    for relation, (_model, columns) in CHILDREN.items():
        assert len(served[relation]) == len(exported[relation]) > 0, relation
        for row_out, row_in in zip(served[relation], exported[relation], strict=True):
            for column in columns:
                assert _same(column, row_in[column], row_out[column]), (relation, column)
    sources = served["information_source_entries"]
    assert {s["kind"] for s in sources if s["is_electronic"]} == {
        "egov_portal",
        "provider_website",
        "contact_centre",
    }


def _wipe() -> None:
    StandardVersion.objects.all().delete()
    Service.objects.all().delete()


@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_std_1_to_26_export_import_round_trips_every_field(tmp_path: Path, suffix: str) -> None:
    service = _full_service()
    assert standard_version_errors(version=service.versions.get()) == {}
    before = register_export_data()
    path = tmp_path / f"register{suffix}"
    register_export(path)
    _wipe()
    report = register_import(actor=None, path=path)
    assert report.ok, [str(e) for e in report.errors]
    assert register_export_data() == before
    version = Service.objects.get(code=service.code).versions.get()
    assert {e.kind for e in version.complaint_address_entries.all()} == set(ComplaintAddressKind.values)
    assert version.complaint_address_entries.get(kind="higher").body == version.higher_instance
    assert {t.counted_from for t in version.channel_terms.all()} == set(TermStart.values)


def _bare_draft() -> StandardVersion:
    version = StandardVersionFactory.create(
        service=BareServiceFactory.create(is_via_state_corporation=False),
        status=VersionStatus.DRAFT,
        effective_from=None,
        legal_basis_kk="",
        legal_basis_ru="",
        refusal_grounds=[],
    )
    ChannelTermFactory.create(version=version)
    return version


def test_std_3_and_4_and_17_and_21_to_23_approval_names_every_missing_point_at_once() -> None:
    version = _bare_draft()
    with pytest.raises(ApplicationError) as error:
        standard_version_register_approved(actor=None, version=version, effective_from=TODAY)
    fields = error.value.fields
    assert {
        "legal_basis",
        "information_source_entries",
        "refusal_grounds",
        "complaint_address_entries",
    } <= set(fields)
    for texts in fields.values():
        assert set(texts) == {"kk", "ru", "en"}
    message = error.value.messages
    for point in ("3-тармақ", "4-тармақ", "17-тармақ", "21–23-тармақтар"):
        assert point in message["kk"]
    for point in ("пункт 3:", "пункт 4:", "пункт 17:", "пункты 21–23:"):
        assert point in message["ru"]
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT  # nothing written


def test_std_3_legal_basis_in_both_languages() -> None:
    version = _bare_draft()
    version.legal_basis_kk = "Заң"
    version.save()
    assert "legal_basis" in standard_version_errors(version=version)


def test_std_17_a_ground_of_another_law_is_enough() -> None:
    version = ServiceFactory.create().versions.get()
    version.refusal_grounds = []
    version.save()
    assert "refusal_grounds" not in standard_version_errors(version=version)  # an other ground stays
    version.other_refusal_grounds.all().delete()
    assert "пункт 17" in standard_version_errors(version=version)["refusal_grounds"]["ru"]


def test_std_21_to_23_the_provider_and_the_higher_instance_are_both_needed() -> None:
    version = ServiceFactory.create().versions.get()
    version.complaint_address_entries.exclude(kind=ComplaintAddressKind.PROVIDER).delete()
    message = standard_version_errors(version=version)["complaint_address_entries"]
    assert "пункт 22" in message["ru"] and "пункт 23" not in message["ru"]
    ComplaintAddressFactory.create(version=version, kind=ComplaintAddressKind.HIGHER_INSTANCE)
    ComplaintAddressFactory.create(version=version, kind=ComplaintAddressKind.EXPLAINS)
    assert "complaint_address_entries" not in standard_version_errors(version=version)


def test_std_21_a_version_without_the_body_that_explains_the_procedure_is_refused_naming_it() -> None:
    """STD 21: the body that explains the appeal procedure and helps to prepare a complaint, with
    its e-mail and its call-centre phone or an official's cabinet, is a point of the standard;
    approval without it is refused naming point 21 (kk/ru/en)."""
    version = ServiceFactory.create().versions.get()
    version.complaint_address_entries.filter(kind=ComplaintAddressKind.EXPLAINS).delete()
    assert {e.kind for e in version.complaint_address_entries.all()} == {"provider", "higher"}
    with pytest.raises(ApplicationError) as refused:
        standard_version_register_approved(actor=None, version=version, effective_from=TODAY)
    message = refused.value.fields["complaint_address_entries"]
    assert "(21-тармақ)" in message["kk"] and "22-тармақ" not in message["kk"]
    assert "(пункт 21)" in message["ru"] and "пункт 23" not in message["ru"]
    assert "(point 21)" in message["en"]
    # STD 21: with its e-mail and a call-centre phone or a cabinet.
    explains = ComplaintAddressFactory.create(
        version=version, kind=ComplaintAddressKind.EXPLAINS, email="", phone="", office=""
    )
    message = standard_version_errors(version=version)["complaint_address_entries"]
    assert "пункт 21" in message["ru"] and "электронн" in message["ru"]
    explains.email, explains.phone = "help@example.kz", "1414"
    explains.save()
    assert "complaint_address_entries" not in standard_version_errors(version=version)


def test_std_21_to_23_a_complaint_address_schedule_is_checked() -> None:
    version = ServiceFactory.create().versions.get()
    ComplaintAddress.objects.filter(version=version).update(
        schedule={"days": [{"weekday": 0, "opens": "18:00", "closes": "09:00", "breaks": []}]}
    )
    message = standard_version_errors(version=version)["complaint_address_entries"]
    assert message["ru"].startswith("Адреса для жалоб, строка 1, график работы.")


def test_std_4_the_portal_the_site_and_the_contact_centre_are_electronic() -> None:
    electronic = {k for k in InformationSourceKind if k.is_electronic}
    assert electronic == {
        InformationSourceKind.EGOV_PORTAL,
        InformationSourceKind.PROVIDER_WEBSITE,
        InformationSourceKind.CONTACT_CENTRE,
    }


def test_std_4_electronic_information_service_ids_in_one_query(django_assert_num_queries: Any) -> None:
    electronic = ServiceFactory.create()  # fill_version: an e-gov portal source
    paper = ServiceFactory.create()
    paper.versions.get().information_source_entries.update(kind=InformationSourceKind.PROVIDER_PREMISES)
    future = ServiceFactory.create(version__effective_from=dt.date(2027, 1, 1))
    InformationSourceFactory.create(version=future.versions.get(), kind=InformationSourceKind.CONTACT_CENTRE)
    ids = [electronic.pk, paper.pk, future.pk]
    with django_assert_num_queries(1):
        assert electronic_information_service_ids(service_ids=ids, on=TODAY) == {electronic.pk}


def test_std_1_to_26_the_public_page_loads_a_version_without_n_plus_1(client: Client) -> None:
    """A cold load: the pk lookup, the version with its joins, one query per kind of child row
    (eight); the complaint addresses bring their bodies in the same query."""
    service = _full_service()
    url = reverse("registry:service-detail", args=[service.code])
    client.get(url)
    version_cache_clear()
    with CaptureQueriesContext(connection) as cold:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url).status_code == 200
    # 10 to load the version graph (7 before issue 15) less the one in-force lookup a warm load
    # makes too; the same whatever the number of rows (six channels, four sources, three addresses).
    assert len(cold.captured_queries) - len(warm.captured_queries) == 9


def test_std_21_to_23_a_bad_complaint_schedule_is_refused_on_write_and_nothing_is_written() -> None:
    version = StandardVersionFactory.create(status=VersionStatus.DRAFT, effective_from=None)
    bad = {"days": [{"weekday": 0, "opens": "18:00", "closes": "09:00", "breaks": []}]}
    with pytest.raises(ApplicationError) as error:
        standard_version_update(
            actor=None,
            version=version,
            fields={"other_information_kk": "жаңа"},
            complaint_address_entries=[{"kind": "provider", "name_kk": "А", "name_ru": "А", "schedule": bad}],
        )
    assert error.value.fields["complaint_address_entries"]["kk"].startswith(
        "Шағым мекенжайлары, 1-жол, жұмыс кестесі."
    )
    version.refresh_from_db()
    assert version.other_information_kk == ""
    assert not version.complaint_address_entries.exists()
