"""Law 20.3: who sees the full IIN (staff who identify applicants) and who sees the mask."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template

from qyzmet.core.models import User
from qyzmet.core.selectors import can_see_full_iin
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.models import Organisation, StaffPosition

pytestmark = pytest.mark.django_db

IIN = "990101100000"


def _staff(role: str, *, active: bool = True) -> User:
    org, _ = Organisation.objects.get_or_create(
        code="minjust",
        defaults={
            "kind": OrganisationKind.CENTRAL_STATE_BODY,
            "name_kk": "Әділет министрлігі",
            "name_ru": "Министерство юстиции",
            "path": "/minjust/",
        },
    )
    user = User.objects.create_user(username=f"u-{role}-{active}", password="x")
    StaffPosition.objects.create(user=user, organisation=org, role=role, is_active=active)
    return user


@pytest.mark.parametrize(
    ("role", "full"),
    [
        (StaffRole.PROVIDER_OFFICER, True),  # Law 20.3: identifies the applicant
        (StaffRole.PROVIDER_HEAD, True),  # Law 20.3: decides on the application
        (StaffRole.STATE_CORPORATION_OPERATOR, True),  # Law 20.3: identifies at the counter
        (StaffRole.RECEPTION_STAFF, True),  # CRC: registers the appeal of an identified person
        (StaffRole.CONTACT_CENTRE_OPERATOR, False),  # UCC: consults, does not identify
        (StaffRole.QUALITY_INSPECTOR, False),  # Law 7: statistics, not persons
        (StaffRole.REGISTRY_ADMINISTRATOR, False),
        (StaffRole.SYSTEM_ADMINISTRATOR, False),
    ],
)
def test_law_20_3_full_iin_only_for_roles_that_identify_applicants(role: str, full: bool) -> None:
    user = _staff(role)
    assert can_see_full_iin(user=user) is full
    rendered = Template("{% load identity %}{{ iin|masked_iin:user }}").render(
        Context({"iin": IIN, "user": user})
    )
    assert rendered == (IIN if full else "9901******00")


def test_law_20_3_inactive_position_sees_the_mask() -> None:
    assert can_see_full_iin(user=_staff(StaffRole.PROVIDER_OFFICER, active=False)) is False


def test_law_20_3_citizen_and_anonymous_see_the_mask() -> None:
    citizen = User.objects.create_user(username="citizen", password="x", iin=IIN)
    assert can_see_full_iin(user=citizen) is False
    assert can_see_full_iin(user=AnonymousUser()) is False  # type: ignore[arg-type]
    rendered = Template("{% load identity %}[{{ iin|masked_iin }}][{{ empty|masked_iin:user }}]").render(
        Context({"iin": IIN, "empty": "", "user": AnonymousUser()})
    )
    assert rendered == "[9901******00][]"
