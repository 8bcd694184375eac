"""Test data for a paid service (Law 24.1, STD 8, ADR 0019): the world's service made one whose
standard has a fee of 1 MCI paid through the payment gateway, with a proof-of-payment document
and two exemptions."""

from __future__ import annotations

from decimal import Decimal

from qyzmet.delivery.tests.factories import World
from qyzmet.registry.enums import DocumentRole, FeeExemption, PaymentMethod
from qyzmet.registry.models import MciValue, RequiredDocument, StandardVersion
from qyzmet.registry.tests.factories import RequiredDocumentFactory

# 1 MCI at the 2026 MCI (registry migration 0002): what the suite's Monday's applicant pays.
FEE_2026 = Decimal(4325)


def make_paid(world: World, *, method: str = PaymentMethod.PAYMENT_GATEWAY) -> StandardVersion:
    # A transactional test (the browser's) starts without the migration's MCI rows.
    MciValue.objects.get_or_create(year=2026, defaults={"amount": int(FEE_2026)})
    version = world.service.versions.get()
    version.is_paid = True
    version.fee_mci = Decimal(1)
    version.payment_method = method
    version.fee_exemptions = [FeeExemption.WAR_VETERAN, FeeExemption.DISABILITY_GROUP_1_2]
    version.save()
    RequiredDocumentFactory.create(
        version=version,
        order=4,
        name_kk="Мемлекеттік бажды төлегенін растайтын құжат",
        name_ru="Документ об уплате государственной пошлины",
        role=DocumentRole.FEE_RECEIPT,
    )
    return version


def fee_receipt(world: World) -> RequiredDocument:
    return world.service.versions.get().required_documents.get(role=DocumentRole.FEE_RECEIPT)
