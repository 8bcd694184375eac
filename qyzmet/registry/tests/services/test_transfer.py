"""Import/export of the whole register: JSON and XLSX round-trip exactly; a dry run lists
every error with row and field and writes nothing."""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from qyzmet.registry.enums import FormFieldPrefill, FormFieldType
from qyzmet.registry.models import ChannelTerm, Service, StandardVersion
from qyzmet.registry.tests.factories import (
    FormFieldFactory,
    ServiceFactory,
    StandardVersionFactory,
    fill_version,
)
from qyzmet.registry.transfer import register_export, register_export_data, register_import

pytestmark = pytest.mark.django_db


def _register() -> None:
    first = ServiceFactory.create(version__effective_to=dt.date(2026, 12, 31))
    # ADR 0020: bounds (a date before the application day, a decimal amount) and a prefill.
    FormFieldFactory.create(
        version=first.versions.get(), code="bounded", datatype=FormFieldType.AMOUNT,
        min_value=Decimal("0.50"), max_value=Decimal("1000000"), date_min_days=-30, date_max_days=0,
        prefill=FormFieldPrefill.APPLICANT_PHONE,
    )  # fmt: skip
    fill_version(StandardVersionFactory.create(service=first, number=2, effective_from=dt.date(2027, 1, 1)))
    ServiceFactory.create(
        version__is_paid=True,
        version__fee_mci=Decimal("6.5"),
        version__payment_method="bank",
        version__fee_exemptions=["war_veteran"],  # ADR 0019
    )


def _wipe() -> None:
    for model in (ChannelTerm,):
        model.objects.all().delete()
    StandardVersion.objects.all().delete()
    Service.objects.all().delete()


@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_round_trip_is_exact(tmp_path: Path, suffix: str) -> None:
    _register()
    before = register_export_data()
    path = tmp_path / f"register{suffix}"
    register_export(path)
    _wipe()
    assert Service.objects.count() == 0
    report = register_import(actor=None, path=path)
    assert report.ok, [str(e) for e in report.errors]
    assert register_export_data() == before
    fields = [f for s in before["services"] for v in s["versions"] for f in v["form_fields"]]
    bounded = next(f for f in fields if f["code"] == "bounded")
    assert (bounded["date_min_days"], bounded["prefill"]) == (-30, "applicant_phone")
    documents = [d for s in before["services"] for v in s["versions"] for d in v["required_documents"]]
    assert "application_form" in {d["role"] for d in documents}


def test_dry_run_lists_every_error_with_row_and_field_and_writes_nothing(tmp_path: Path) -> None:
    _register()
    path = tmp_path / "register.xlsx"
    register_export(path)
    workbook = load_workbook(path)
    services = workbook["services"]
    header = [c.value for c in services[1]]
    services.cell(row=2, column=header.index("code") + 1, value="12AB")
    services.cell(row=3, column=header.index("responsible_body") + 1, value="no-such-body")
    terms = workbook["channel_terms"]
    t_header = [c.value for c in terms[1]]
    terms.cell(row=2, column=t_header.index("term_unit") + 1, value="weeks")
    workbook.save(path)
    counts = (Service.objects.count(), StandardVersion.objects.count(), ChannelTerm.objects.count())
    names = list(Service.objects.values_list("code", flat=True))

    report = register_import(actor=None, path=path, dry_run=True)

    found = {(e.row, e.field) for e in report.errors}
    assert ("services!2", "code") in found
    assert ("services!3", "responsible_body") in found
    assert ("channel_terms!2", "term_unit") in found
    assert (Service.objects.count(), StandardVersion.objects.count(), ChannelTerm.objects.count()) == counts
    assert list(Service.objects.values_list("code", flat=True)) == names


def test_dry_run_of_a_valid_file_writes_nothing(tmp_path: Path) -> None:
    _register()
    path = tmp_path / "register.json"
    register_export(path)
    _wipe()
    report = register_import(actor=None, path=path, dry_run=True)
    assert report.ok and report.services == 2
    assert Service.objects.count() == 0


def test_import_refuses_overlapping_approved_versions(tmp_path: Path) -> None:
    _register()
    path = tmp_path / "register.json"
    register_export(path)
    data = json.loads(path.read_text())
    data["services"][0]["versions"][0]["effective_to"] = None
    path.write_text(json.dumps(data))
    _wipe()
    report = register_import(actor=None, path=path)
    assert ("services[0]", "versions") in {(e.row, e.field) for e in report.errors}


def test_law_5_2_import_refuses_a_demanded_state_system_document(tmp_path: Path) -> None:
    _register()
    path = tmp_path / "register.json"
    register_export(path)
    data = json.loads(path.read_text())
    data["services"][1]["versions"][0]["required_documents"][0]["obtainable_from_state_system"] = True
    path.write_text(json.dumps(data))
    _wipe()
    report = register_import(actor=None, path=path)
    assert ("services[1].versions[0]", "required_documents") in {(e.row, e.field) for e in report.errors}


def test_cli_export_and_dry_run(tmp_path: Path) -> None:
    _register()
    path = tmp_path / "register.xlsx"
    call_command("registry", "export", str(path), verbosity=0)
    assert path.exists()
    call_command("registry", "import", str(path), "--dry-run", verbosity=0)


def test_reimport_into_the_same_register_changes_nothing(tmp_path: Path) -> None:
    _register()
    before = register_export_data()
    path = tmp_path / "register.xlsx"
    register_export(path)
    report = register_import(actor=None, path=path)
    assert report.ok, [str(e) for e in report.errors]
    assert register_export_data() == before


def test_an_approved_version_cannot_be_changed_by_import(tmp_path: Path) -> None:
    _register()
    path = tmp_path / "register.json"
    register_export(path)
    data = json.loads(path.read_text())
    data["services"][0]["versions"][0]["channel_terms"][0]["term_amount"] = 99
    path.write_text(json.dumps(data))
    report = register_import(actor=None, path=path)
    assert ("services[0].versions[0]", "number") in {(e.row, e.field) for e in report.errors}
