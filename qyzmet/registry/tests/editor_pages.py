"""Test helpers for the staff editor of a standard's version: its address, and a client signed
in as an officer of the service's responsible body in a language."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import StaffPositionFactory
from qyzmet.registry.models import StandardVersion


def editor_staff(version: StandardVersion, lang: str = "kk") -> Client:
    """A client signed in as a provider officer of ``version``'s responsible body, in ``lang``."""
    client = Client()
    client.force_login(
        StaffPositionFactory.create(
            role=StaffRole.PROVIDER_OFFICER, organisation=version.service.responsible_body
        ).user
    )
    client.cookies["qyzmet_language"] = lang
    return client


def editor_url(version: StandardVersion) -> str:
    return reverse("registry:staff-version", args=[version.service.code, version.number])
