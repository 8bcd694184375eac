"""The fee of a service (Law 24; STD 8, 11; ADR 0019).

Law 24.1: a service is paid or free as the laws say; 24.2: a service the law guarantees free
carries no fee. STD 8: the standard gives the cost and how it is paid. Here: the fee of a
version in tenge (its MCI × the MCI of the year); whether the standard has it paid through
the e-government payment gateway, so paid in the system before acceptance; and the
exemptions it names (STD 11), which make the fee 0 for an applicant who claims one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import User
from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.selectors import version_in_force
from qyzmet.payments import services as payment_services
from qyzmet.payments.models import Payment
from qyzmet.registry.enums import FeeExemption, PaymentMethod
from qyzmet.registry.models import Service, StandardVersion
from qyzmet.registry.selectors import mci_for_year

# The purpose of a payment started through the REST API; the application that names it uses it.
API_PURPOSE = "delivery.application"


@dataclass(frozen=True)
class Fee:
    """What one applicant pays for one version on one day."""

    full_tenge: Decimal  # the standard's fee
    amount_tenge: Decimal  # what this applicant pays (0 when exempt)
    in_system: bool  # the standard has it paid through the payment gateway, before acceptance
    exemption: str = ""

    @property
    def payable_in_system(self) -> bool:
        """A payment through the gateway is needed before acceptance."""
        return self.in_system and self.amount_tenge > 0


def fee_paid_in_system(*, version: StandardVersion) -> bool:
    """STD 8: the standard has the fee paid through the e-government payment gateway."""
    return bool(
        version.is_paid
        and not version.is_free_by_law
        and version.payment_method == PaymentMethod.PAYMENT_GATEWAY
    )


def fee_full_tenge(*, version: StandardVersion, on: dt.date) -> Decimal:
    """Law 24: the standard's fee in tenge at the MCI of ``on``'s year (0 for a free service)."""
    if not version.is_paid or version.is_free_by_law:
        return Decimal(0)
    mci = mci_for_year(year=on.year)
    if mci <= 0 or not version.fee_mci:
        # Never a paid service accepted for nothing because a number is missing.
        raise ApplicationError(
            DeliveryErrorCode.FEE_UNKNOWN,
            {
                "kk": "Қызмет ақылы, бірақ оның құны анықталмаған (АЕК мөлшері жоқ): өтініш қабылданбайды.",
                "ru": "Услуга платная, но её стоимость не определена (нет значения МРП): заявление не принимается.",
                "en": "The service is paid but its fee cannot be worked out (no MCI value): not accepted.",
            },
        )
    return version.fee_tenge(mci)


def fee_exemptions(*, version: StandardVersion) -> list[FeeExemption]:
    """STD 8, 11: the exemptions the standard names, in its order."""
    return [FeeExemption(e) for e in version.fee_exemptions or [] if e in FeeExemption.values]


def fee_for(*, version: StandardVersion, on: dt.date, exemption: str = "") -> Fee:
    """The fee one applicant pays. ``exemption`` must be one the standard names (else an
    ``ApplicationError``); it makes the fee 0."""
    if exemption and exemption not in [e.value for e in fee_exemptions(version=version)]:
        raise ApplicationError(
            DeliveryErrorCode.FEE_EXEMPTION_NOT_IN_STANDARD,
            {
                "kk": "Қызмет стандартында мұндай төлемнен босату жоқ.",
                "ru": "Стандарт услуги не предусматривает такого освобождения от платы.",
                "en": "The service's standard names no such exemption from the fee.",
            },
            fields={
                "fee_exemption": {
                    "kk": "Стандарттағы санатты таңдаңыз.",
                    "ru": "Выберите категорию из стандарта.",
                    "en": "Choose a category the standard names.",
                }
            },
        )
    full = fee_full_tenge(version=version, on=on)
    return Fee(
        full_tenge=full,
        amount_tenge=Decimal(0) if exemption else full,
        in_system=fee_paid_in_system(version=version),
        exemption=exemption,
    )


@transaction.atomic
def application_fee_payment_start(
    *,
    actor: User,
    service: Service,
    recipient_bin: str = "",
    fee_exemption: str = "",
    on: dt.date | None = None,
) -> Payment:
    """Law 24.1 (ADR 0019): start the payment of ``service``'s fee by ``actor`` (for a company
    they direct: ``recipient_bin``) before applying for it through the API; the application
    then names the payment. Refused when the standard has nothing to pay through the gateway."""
    on = on or timezone.localdate()
    version = version_in_force(service=service, on=on)
    fee = fee_for(version=version, on=on, exemption=fee_exemption)
    if not fee.payable_in_system:
        raise ApplicationError(
            DeliveryErrorCode.FEE_PAYMENT_UNUSABLE,
            {
                "kk": "Бұл қызмет үшін жүйеде төлеу қажет емес (Заңның 24-бабы 1-тармағы).",
                "ru": "За эту услугу платить в системе не нужно (пункт 1 статьи 24 Закона).",
                "en": "Nothing is paid in the system for this service (Law 24.1).",
            },
        )
    return payment_services.payment_start(
        actor=actor,
        amount_tenge=fee.amount_tenge,
        purpose=API_PURPOSE,
        object_ref=service.code,
        payer_bin=recipient_bin,
        description=f"{service.code} {service.name_ru}"[:300],
    )
