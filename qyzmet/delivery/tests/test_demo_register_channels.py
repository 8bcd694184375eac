"""Law 1.4, 18, 19: every service of the demo register accepts a complete application on every
channel its standard offers, and the application lands at an organisation that delivers it."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest

from qyzmet.core.models import User
from qyzmet.delivery import selectors
from qyzmet.delivery.enums import Channel, RecipientKind
from qyzmet.delivery.services import SubmittedDocument, application_submit, fee_for
from qyzmet.delivery.services.applications import SELF_SERVICE_CHANNELS
from qyzmet.orgs.enums import LOCAL_BODY_KINDS, OrganisationKind, StaffRole
from qyzmet.orgs.models import Organisation, RecipientCompany
from qyzmet.orgs.tests.factories import StaffPositionFactory
from qyzmet.payments.demo import demo_payment
from qyzmet.registry.enums import FormFieldType
from qyzmet.registry.models import Service
from qyzmet.registry.selectors import service_provider_list

pytestmark = pytest.mark.django_db

# The registry's channels and who submits on each (our Channel values).
CHANNELS = {
    "provider": Channel.PROVIDER,
    "state_corporation": Channel.STATE_CORPORATION,
    "egov_portal": Channel.EGOV_PORTAL,
    "mobile": Channel.MOBILE,
    "landline": Channel.LANDLINE,
    "other_echannel": Channel.API,
}
VALUES: dict[str, Any] = {
    FormFieldType.DATE: "2020-01-01",
    FormFieldType.NUMBER: "1",
    FormFieldType.BOOLEAN: True,
    # ADR 0020: typed fields take only values of their type.
    FormFieldType.IIN: "900101400003",
    FormFieldType.EMAIL: "citizen@example.kz",
    FormFieldType.PHONE_KZ: "+7 701 412 33 08",
    FormFieldType.AMOUNT: "3692",
    FormFieldType.IBAN_KZ: "KZ86125KZT5004100100",
}


@pytest.fixture
def register() -> list[Service]:
    from qyzmet.orgs import demo as orgs_demo
    from qyzmet.registry import demo as registry_demo
    from qyzmet.workcalendar import demo as calendar_demo

    out = io.StringIO()
    for module in (calendar_demo, orgs_demo, registry_demo):
        module.load(out)
    return list(Service.objects.filter(is_active=True).order_by("code"))


def _data(version: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in selectors.form_field_list(version=version):
        if f.datatype == FormFieldType.CHOICE:
            out[f.code] = f.choices[0]["key"]
        elif f.datatype == FormFieldType.DATE and f.date_min_days is not None:
            # A date bounded from the application day (the suite's Monday, 23.11.2026).
            out[f.code] = (dt.date(2026, 11, 23) + dt.timedelta(days=f.date_min_days + 1)).isoformat()
        elif f.datatype == FormFieldType.BIN:
            out[f.code] = RecipientCompany.objects.values_list("bin", flat=True).first()
        else:
            out[f.code] = VALUES.get(f.datatype, "Мәлімет")
    return out


def _documents(version: Any, on: dt.date) -> list[SubmittedDocument]:
    return [
        SubmittedDocument(
            required_document=rd,
            document_number=f"N-{rd.pk}",
            issued_on=on - dt.timedelta(days=3),
            valid_until=on + dt.timedelta(days=300),
        )
        for rd in selectors.required_document_checklist(version=version)
        if not rd.privileged_only
    ]


def _actor(channel: str, provider: Organisation, branch: Organisation, recipient: User) -> User:
    if channel == Channel.PROVIDER:
        return StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER, organisation=provider).user
    if channel == Channel.STATE_CORPORATION:
        return StaffPositionFactory.create(
            role=StaffRole.STATE_CORPORATION_OPERATOR, organisation=branch
        ).user
    return recipient


def test_law_1_4_every_demo_service_is_accepted_on_every_channel_at_a_provider_that_delivers_it(
    register: list[Service],
) -> None:
    citizen = User.objects.get(username="citizen")
    company = RecipientCompany.objects.select_related("director").get()
    branch = Organisation.objects.get(code="govcorp-astana")
    on = dt.date(2026, 11, 23)
    tried = 0
    for service in register:
        version = selectors.version_in_force(service=service, on=on)
        deliverers = list(service_provider_list(service=service))
        assert deliverers, f"{service.code} has no provider of record"
        # A local service goes to the recipient's own akimat; others to the first deliverer.
        local = [org for org in deliverers if org.kind in LOCAL_BODY_KINDS]
        provider = local[0] if local else deliverers[0]
        entity = RecipientKind.INDIVIDUAL not in (service.recipient_categories or [RecipientKind.INDIVIDUAL])
        recipient = company.director if entity else citizen
        for term in version.channel_terms.all():
            channel = CHANNELS[term.channel]
            fee = fee_for(version=version, on=on)
            # Law 24.1, ADR 0019: a fee paid through the gateway is paid before a self-service
            # application (at a desk its proof is among the documents).
            payment = (
                demo_payment(
                    payer=recipient,
                    amount_tenge=fee.amount_tenge,
                    purpose="delivery.application",
                    payer_bin=company.bin if entity else "",
                )
                if fee.payable_in_system and channel in SELF_SERVICE_CHANNELS
                else None
            )
            application = application_submit(
                actor=_actor(channel, provider, branch, recipient),
                service=service,
                channel=channel,
                provider=provider,
                accepting_organisation=branch if channel == Channel.STATE_CORPORATION else None,
                recipient_kind=RecipientKind.LEGAL_ENTITY if entity else RecipientKind.INDIVIDUAL,
                recipient_iin="" if entity else recipient.iin,
                recipient_bin=company.bin if entity else "",
                recipient_name=company.name_ru if entity else str(recipient),
                recipient_user=recipient,
                data=_data(version),
                documents=_documents(version, on),
                identity_confirmed=True,
                consent_method="e_signature",
                payment=payment,
            )
            assert application.provider in deliverers, (service.code, channel)
            assert application.provider.kind != OrganisationKind.STATE_CORPORATION_BRANCH
            tried += 1
    assert len(register) >= 40
    assert tried >= 2 * len(register)
