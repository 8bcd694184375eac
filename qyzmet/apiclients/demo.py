"""Demo API client (Law 18.6): the e-gov mobile application of the informatization authority,
allowed to read the register, submit for recipients it identified, read back what it submitted
and use Open311. Its token is printed once, when the client is made (docs/demo-users.md)."""

from __future__ import annotations

from typing import TextIO

from qyzmet.apiclients.models import ApiClient
from qyzmet.apiclients.services import apiclient_create
from qyzmet.orgs.models import Organisation

DEMO_CLIENT = "eGov Mobile (demo)"
DEMO_SCOPES = (
    "registry:read",
    "applications:submit",
    "applications:read-own",
    "open311:read",
    "open311:submit",
)


def load(*, stdout: TextIO) -> None:
    if ApiClient.objects.filter(name=DEMO_CLIENT).exists():
        return
    organisation = Organisation.objects.filter(code="mindigital").first()
    if organisation is None:
        return
    _client, token = apiclient_create(
        actor=None, name=DEMO_CLIENT, organisation=organisation, scopes=DEMO_SCOPES
    )
    stdout.write(f"demo API client «{DEMO_CLIENT}»: token (shown once) {token}")
