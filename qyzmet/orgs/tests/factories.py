"""factory_boy factories for organisations, staff and recipients (used by every app's tests)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from qyzmet.core.identity import check_digit
from qyzmet.core.models import User
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.models import Organisation, StaffPosition
from qyzmet.orgs.services import ALLOWED_PARENT_KINDS, organisation_create, staff_position_create

K = OrganisationKind


def make_iin(birth: dt.date, *, male: bool = True, serial: int = 1) -> str:
    """A valid IIN for ``birth`` (d7 gives century and sex; d12 the check digit)."""
    century = 3 if birth.year < 2000 else 5
    d7 = century if male else century + 1
    for s in range(serial, serial + 10_000):
        first11 = f"{birth:%y%m%d}{d7}{s % 10_000:04d}"
        digit = check_digit(first11)
        if digit is not None:
            return f"{first11}{digit}"
    raise ValueError("no valid IIN")  # pragma: no cover


def make_bin(registered: dt.date, *, serial: int = 1, entity: int = 4) -> str:
    """A valid BIN: YYMM of registration, d5 the entity kind (4 = resident legal entity)."""
    for s in range(serial, serial + 10_000):
        first11 = f"{registered:%y%m}{entity}0{s % 100_000:05d}"
        digit = check_digit(first11)
        if digit is not None:
            return f"{first11}{digit}"
    raise ValueError("no valid BIN")  # pragma: no cover


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Айгүл"
    last_name = "Сейітова"
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.kz")
    phone = factory.Sequence(lambda n: f"+7701{n % 10_000_000:07d}")
    preferred_language = "kk"
    password = factory.django.Password("qyzmet-demo")


class RecipientFactory(UserFactory):
    """A citizen (service recipient) with a valid IIN."""

    first_name = "Нұрлан"
    last_name = "Әбілов"
    patronymic = "Серікұлы"
    iin = factory.Sequence(
        lambda n: make_iin(dt.date(1985, 1, 1) + dt.timedelta(days=n % 9000), serial=n % 9000 + 1)
    )


# The first parent kind the hierarchy allows, for factories asked for a kind without a parent.
_DEFAULT_PARENT_KIND: dict[str, str] = {
    K.FOREIGN_INSTITUTION: K.CENTRAL_STATE_BODY,
    K.DISTRICT_AKIMAT: K.OBLAST_AKIMAT,
    K.CITY_OBLAST_AKIMAT: K.OBLAST_AKIMAT,
    K.CITY_DISTRICT_AKIM: K.CITY_REPUBLICAN_AKIMAT,
    K.TOWN_AKIM: K.DISTRICT_AKIMAT,
    K.SETTLEMENT_AKIM: K.DISTRICT_AKIMAT,
    K.VILLAGE_AKIM: K.DISTRICT_AKIMAT,
    K.RURAL_DISTRICT_AKIM: K.DISTRICT_AKIMAT,
    K.STATE_CORPORATION_BRANCH: K.STATE_CORPORATION,
    K.APPARATUS_DEPARTMENT: K.GOVERNMENT_APPARATUS,
}


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    """Created through ``organisation_create`` so ``path``/``depth`` are right. A kind that
    needs a parent (Law 1.4, 11) gets a fresh valid parent when none is given."""

    class Meta:
        model = Organisation

    code = factory.Sequence(lambda n: f"org-{n}")
    kind = K.CENTRAL_STATE_BODY
    name_kk = factory.Sequence(lambda n: f"Сынақ ұйымы {n}")
    name_ru = factory.Sequence(lambda n: f"Тестовая организация {n}")
    parent = None

    @classmethod
    def _create(cls, model_class: type[Organisation], *args: Any, **kwargs: Any) -> Organisation:
        kind = kwargs.pop("kind")
        parent = kwargs.pop("parent", None)
        if parent is None and None not in ALLOWED_PARENT_KINDS.get(kind, frozenset({None})):
            parent = OrganisationFactory.create(kind=_DEFAULT_PARENT_KIND[kind])
        for name in ("path", "depth"):
            kwargs.pop(name, None)
        return organisation_create(
            code=kwargs.pop("code"),
            kind=kind,
            name_kk=kwargs.pop("name_kk"),
            name_ru=kwargs.pop("name_ru"),
            parent=parent,
            **kwargs,
        )


# The organisation kind a position of each role is created in by default.
_KIND_FOR_ROLE: dict[str, str] = {
    StaffRole.STATE_CORPORATION_OPERATOR: K.STATE_CORPORATION_BRANCH,
    StaffRole.CONTACT_CENTRE_OPERATOR: K.CONTACT_CENTRE,
    StaffRole.RECEPTION_STAFF: K.RECEPTION_CENTRE,
    StaffRole.RECEPTION_HEAD: K.RECEPTION_CENTRE,
    StaffRole.APPEALS_DEPARTMENT_OFFICER: K.APPARATUS_DEPARTMENT,
    StaffRole.HEAD_OF_APPARATUS: K.GOVERNMENT_APPARATUS,
}


def _organisation_for(position: Any) -> Organisation:
    role = position.role
    if role == StaffRole.QUALITY_INSPECTOR:
        return OrganisationFactory.create(is_quality_authority=True)
    if role in {StaffRole.REGISTRY_ADMINISTRATOR, StaffRole.SYSTEM_ADMINISTRATOR}:
        return OrganisationFactory.create(
            is_public_services_authority=True, is_informatization_authority=True
        )
    return OrganisationFactory.create(kind=_KIND_FOR_ROLE.get(role, K.CENTRAL_STATE_BODY))


class StaffPositionFactory(factory.django.DjangoModelFactory[StaffPosition]):
    """Created through ``staff_position_create``; the default organisation suits the role."""

    class Meta:
        model = StaffPosition

    user = factory.SubFactory(UserFactory)
    role = StaffRole.PROVIDER_OFFICER
    organisation = factory.LazyAttribute(_organisation_for)
    is_active = True

    @classmethod
    def _create(cls, model_class: type[StaffPosition], *args: Any, **kwargs: Any) -> StaffPosition:
        organisation = kwargs["organisation"]
        if not organisation.is_active:  # the service refuses new positions there; tests may need one
            return StaffPosition.objects.create(
                user=kwargs["user"],
                organisation=organisation,
                role=kwargs["role"],
                is_active=kwargs.get("is_active", True),
            )
        position = staff_position_create(user=kwargs["user"], organisation=organisation, role=kwargs["role"])
        if not kwargs.get("is_active", True):
            position.is_active = False
            position.save(update_fields=["is_active", "updated_at"])
        return position
