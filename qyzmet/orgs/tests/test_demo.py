"""The orgs demo: exactly the shared organisation codes and users, valid numbers, idempotent."""

from __future__ import annotations

import io

import pytest

from qyzmet.core.identity import is_valid_bin, is_valid_iin
from qyzmet.core.models import User
from qyzmet.orgs import demo
from qyzmet.orgs.enums import Authority, StaffRole
from qyzmet.orgs.models import Organisation, RecipientCompany, StaffPosition
from qyzmet.orgs.selectors import access_organisation, authority, companies_of, organisation_get_by_code

pytestmark = pytest.mark.django_db

EXPECTED_CODES = {
    "minjust", "mvd", "minedu", "minlabour", "minhealth", "minfin", "mfa", "minindustry",
    "mindigital", "adgs", "minagri", "embassy-de", "astana-akimat", "almaty-akimat", "almaty-almaly",
    "shymkent-akimat", "akmola-oblast", "akmola-kokshetau", "akmola-tselinograd", "akmola-kosshy",
    "akmola-akmol", "turkistan-oblast", "turkistan-sairam", "turkistan-aksu", "govcorp",
    "govcorp-astana", "govcorp-almaty", "govcorp-shymkent", "govcorp-akmola", "ucc", "crc", "enpf",
    "prosecutor", "school-astana-54", "school-kosshy-1", "polyclinic-astana-4", "psychiatry-astana",
    "consulate-de-frankfurt", "gov-apparatus", "gov-apparatus-appeals",
}  # fmt: skip
EXPECTED_USERS = {
    "officer.minjust", "head.minjust", "officer.astana", "operator.astana", "operator.1414",
    "reception.crc", "inspector.adgs", "registry.admin", "sysadmin", "citizen", "citizen.ru",
    "company.director",
    "officer.minedu",
    "head.minedu",
    "head.mvd",
    "head.mindigital",
    "head.astana",
    "head.crc",
    "department.appeals",
    "head.apparatus",
    "inspector.mindigital",
}  # fmt: skip


def test_demo_loads_exactly_the_shared_codes_and_users_twice() -> None:
    demo.load(io.StringIO())
    counts = (Organisation.objects.count(), User.objects.count(), StaffPosition.objects.count())
    demo.load(io.StringIO())
    assert (Organisation.objects.count(), User.objects.count(), StaffPosition.objects.count()) == counts
    assert set(Organisation.objects.values_list("code", flat=True)) == EXPECTED_CODES
    assert set(User.objects.values_list("username", flat=True)) == EXPECTED_USERS
    for org in Organisation.objects.all():
        assert is_valid_bin(org.bin) and org.bin[4] == "4", org.code
    for user in User.objects.all():
        assert is_valid_iin(user.iin), user.username
        assert user.check_password("qyzmet-demo")
    assert (
        organisation_get_by_code(code="akmola-akmol").path
        == "/akmola-oblast/akmola-tselinograd/akmola-akmol/"
    )
    assert authority(Authority.QUALITY) == organisation_get_by_code(code="adgs")
    assert authority(Authority.PUBLIC_SERVICES) == organisation_get_by_code(code="mindigital")
    assert authority(Authority.INFORMATIZATION) == organisation_get_by_code(code="mindigital")
    staff_flags = dict(User.objects.values_list("username", "is_staff"))
    # the admin is for system administrators only (issue 12.3)
    assert {u for u, s in staff_flags.items() if s} == {"sysadmin"}
    assert User.objects.get(username="sysadmin").is_superuser
    assert User.objects.get(username="citizen").preferred_language == "kk"
    assert User.objects.get(username="citizen.ru").preferred_language == "ru"
    director = User.objects.get(username="company.director")
    (company,) = companies_of(director)
    assert isinstance(company, RecipientCompany) and is_valid_bin(company.bin)
    operator = User.objects.get(username="operator.astana")
    access_organisation(
        user=operator,
        organisation=organisation_get_by_code(code="govcorp-astana"),
        roles=[StaffRole.STATE_CORPORATION_OPERATOR],
    )
