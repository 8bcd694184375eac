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

from qyzmet.core.errors import ApplicationError
from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.registry.enums import FeeExemption, PaymentMethod
from qyzmet.registry.models import StandardVersion
from qyzmet.registry.selectors import mci_for_year


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
