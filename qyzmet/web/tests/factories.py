"""Small factories for the web tests (organisations, users and staff positions).

They build rows directly so that the web tests do not wait for the orgs services; the
materialised ``path`` is filled the way ``orgs.services.organisation_create`` does it.
"""

from __future__ import annotations

from typing import Any

import factory

from qyzmet.core.models import User
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.models import Organisation, StaffPosition

PASSWORD = "qyzmet-demo"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"web.user{n}")
    first_name = "Айгүл"
    last_name = "Сейітова"
    password = factory.django.Password(PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"web-org-{n}")
    kind = OrganisationKind.CENTRAL_STATE_BODY
    name_kk = factory.Sequence(lambda n: f"Сынақ министрлігі {n}")
    name_ru = factory.Sequence(lambda n: f"Министерство испытаний {n}")
    path = factory.LazyAttribute(lambda o: f"/{o.code}/")

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Organisation:
        parent = kwargs.get("parent")
        if parent is not None:
            kwargs["path"] = f"{parent.path}{kwargs['code']}/"
            kwargs["depth"] = parent.depth + 1
        return super()._create(model_class, *args, **kwargs)


class StaffPositionFactory(factory.django.DjangoModelFactory[StaffPosition]):
    class Meta:
        model = StaffPosition

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = StaffRole.PROVIDER_OFFICER
