"""Demo retention rules (ADR 0062). The law texts of the project state no retention period, so
these are demonstration values a system administrator replaces with the periods of the body's
approved nomenclature of cases; each says so in its basis."""

from __future__ import annotations

from typing import TextIO

from qyzmet.registry.models import Service
from qyzmet.retention.enums import DisposalAction, PeriodUnit
from qyzmet.retention.models import RetentionRule
from qyzmet.retention.services import retention_rule_save

_KK = (
    "Демонстрациялық мән: «Мемлекеттік көрсетілетін қызметтер туралы» Заңда, 1414 бірыңғай байланыс "
    "орталығының қағидаларында, ХҚКО-ға қызметтерді іріктеу қағидаларында, Азаматтарды қабылдау "
    "орталығының ережесінде және үлгі стандартта сақтау мерзімі белгіленбеген; мерзімді органның "
    "бекітілген істер номенклатурасынан алыңыз (ADR 0062)."
)
_RU = (
    "Демонстрационное значение: в Законе «О государственных услугах», правилах Единого контакт-центра "
    "1414, правилах отбора услуг для ЦОН, положении о Центре приёма граждан и типовом стандарте срок "
    "хранения не установлен; возьмите срок из утверждённой номенклатуры дел органа (ADR 0062)."
)

# (kind, service code or "", period, unit, action, an officer approves, basis)
RULES: list[tuple[str, str, int, str, str, bool, str]] = [
    ("delivery.application", "", 5, PeriodUnit.YEARS, DisposalAction.ANONYMISE, True, _KK),
    ("complaints.complaint", "", 5, PeriodUnit.YEARS, DisposalAction.ANONYMISE, True, _RU),
    ("reception.appeal", "", 5, PeriodUnit.YEARS, DisposalAction.ANONYMISE, True, _KK),
    ("reception.ticket", "", 6, PeriodUnit.MONTHS, DisposalAction.ANONYMISE, True, _RU),
    ("notify.outbox_message", "", 90, PeriodUnit.DAYS, DisposalAction.DELETE, False, _RU),
]
# One service of the demo register keeps its applications longer (a by-service period).
SERVICE_RULE = (10, PeriodUnit.YEARS)


def load(*, stdout: TextIO) -> None:
    for kind, _code, period, unit, action, approval, basis in RULES:
        if RetentionRule.objects.filter(kind=kind, service__isnull=True).exists():
            continue
        retention_rule_save(
            actor=None,
            rule=RetentionRule(
                kind=kind, period=period, unit=unit, action=action, requires_approval=approval, basis=basis
            ),
        )
    service = Service.objects.order_by("code").first()
    if (
        service is not None
        and not RetentionRule.objects.filter(kind="delivery.application", service=service).exists()
    ):
        retention_rule_save(
            actor=None,
            rule=RetentionRule(
                kind="delivery.application",
                service=service,
                period=SERVICE_RULE[0],
                unit=SERVICE_RULE[1],
                action=DisposalAction.ANONYMISE,
                basis=_RU,
            ),
        )
