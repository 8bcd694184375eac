"""Writes of payments (Law 24.1: a paid service is paid as the laws and its standard say; STD 8:
the standard names the cost and how it is paid). ADR 0019.

A payment is started by its payer (``payment_start``); only a gateway's signed notification
changes its outcome (``payment_notify`` → ``payment_confirm`` / ``payment_fail`` /
``payment_refund``): no person, staff or not, marks a payment paid. A pending payment nothing
waits for any more is cancelled for its payer (``payment_cancel``). A paid payment pays for one
thing only (``payment_consume``). Every change writes an audit row in its transaction."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.orgs.selectors import companies_of
from qyzmet.payments import selectors
from qyzmet.payments.enums import NotificationOutcome, PaymentStatus
from qyzmet.payments.errors import PaymentErrorCode
from qyzmet.payments.gateways import Notification, SignatureInvalid, default_gateway_name, gateway_get
from qyzmet.payments.models import Payment
from qyzmet.payments.purposes import purpose_get


class PaymentSignatureInvalid(ApplicationError):
    """A notification the gateway did not sign (or that cannot be read): HTTP 400."""

    def __init__(self) -> None:
        super().__init__(
            PaymentErrorCode.SIGNATURE_INVALID,
            {
                "kk": "Төлем туралы хабарламаның қолтаңбасы жарамсыз.",
                "ru": "Подпись уведомления о платеже недействительна.",
                "en": "The payment notification's signature is not valid.",
            },
        )


def _error(code: PaymentErrorCode, kk: str, ru: str, en: str) -> ApplicationError:
    return ApplicationError(code, {"kk": kk, "ru": ru, "en": en})


# What each reason a payment cannot pay a fee is called (Law 24.1: the fee the standard sets,
# paid before acceptance where the standard says so).
PROBLEM_TEXTS: dict[str, dict[str, str]] = {
    PaymentErrorCode.NOT_PAID: {
        "kk": "төлем төленбеген",
        "ru": "платёж не оплачен",
        "en": "the payment is not paid",
    },
    PaymentErrorCode.ALREADY_CONSUMED: {
        "kk": "бұл төлеммен басқа өтініш төленген",
        "ru": "этим платежом уже оплачено другое заявление",
        "en": "the payment has already paid for another application",
    },
    PaymentErrorCode.WRONG_AMOUNT: {
        "kk": "төлем сомасы қызмет құнына тең емес",
        "ru": "сумма платежа не равна стоимости услуги",
        "en": "the amount paid is not the fee of the service",
    },
    PaymentErrorCode.WRONG_PAYER: {
        "kk": "төлемді басқа адам төлеген",
        "ru": "платёж внесён другим лицом",
        "en": "the payment was made by someone else",
    },
}


def payment_problem_error(code: PaymentErrorCode) -> ApplicationError:
    texts = PROBLEM_TEXTS[code]
    return ApplicationError(
        code,
        {
            "kk": f"Төлем қабылданбайды: {texts['kk']} (Заңның 24-бабы 1-тармағы).",
            "ru": f"Платёж не принимается: {texts['ru']} (пункт 1 статьи 24 Закона).",
            "en": f"The payment cannot be used: {texts['en']} (Law 24.1).",
        },
        fields={"payment": {k: v[:1].upper() + v[1:] + "." for k, v in texts.items()}},
    )


def _safe_return_url(url: str) -> str:
    """Only a path on this site (never another host: no open redirect)."""
    url = (url or "").strip()
    if not url.startswith("/") or url.startswith("//") or "\\" in url:
        return ""
    return url[:500]


def _snapshot(payment: Payment) -> dict[str, Any]:
    return {
        "reference": str(payment.reference),
        "status": payment.status,
        "amount_tenge": str(payment.amount_tenge),
        "backend": payment.backend,
        "purpose": payment.purpose,
        "object_ref": payment.object_ref,
        "payer_iin": payment.payer_iin,
        "payer_bin": payment.payer_bin,
        "gateway_transaction_id": payment.gateway_transaction_id,
        "consumed_by": payment.consumed_by,
    }


@transaction.atomic
def payment_start(
    *,
    actor: User,
    amount_tenge: Decimal,
    purpose: str,
    object_ref: str = "",
    payer_bin: str = "",
    description: str = "",
    return_url: str = "",
    backend: str = "",
) -> Payment:
    """A new pending payment of ``amount_tenge`` KZT by ``actor`` (for themselves by their IIN,
    or for a company they direct by its ``payer_bin``) through ``backend`` (the configured
    gateway by default). Send the payer to ``gateway_start_url(payment=...)``."""
    if actor is None or not actor.pk:
        raise AccessDenied()
    if payer_bin and not companies_of(actor).filter(bin=payer_bin).exists():
        raise AccessDenied(
            {
                "kk": "Тек өзіңіз үшін немесе өзіңіз басқаратын ұйым үшін төлей аласыз.",
                "ru": "Платить можно только за себя или за организацию, которой вы руководите.",
                "en": "You may pay only for yourself or for a company you direct.",
            }
        )
    if not payer_bin and not actor.iin:
        raise AccessDenied()
    amount = Decimal(amount_tenge)
    if amount <= 0:
        raise _error(
            PaymentErrorCode.AMOUNT_NOT_POSITIVE,
            "Төлем сомасы нөлден үлкен болуы керек.",
            "Сумма платежа должна быть больше нуля.",
            "The amount to pay must be more than zero.",
        )
    if purpose_get(purpose) is None:
        raise _error(
            PaymentErrorCode.UNKNOWN_PURPOSE,
            "Төлем мақсаты белгісіз.",
            "Неизвестное назначение платежа.",
            "Unknown payment purpose.",
        )
    backend = backend or default_gateway_name()
    if gateway_get(backend) is None:
        raise _error(
            PaymentErrorCode.UNKNOWN_BACKEND,
            "Төлем шлюзі белгісіз.",
            "Неизвестный платёжный шлюз.",
            "Unknown payment gateway.",
        )
    payment = Payment.objects.create(
        reference=uuid.uuid4(),
        amount_tenge=amount,
        status=PaymentStatus.PENDING,
        backend=backend,
        purpose=purpose,
        object_ref=object_ref[:100],
        description=description[:300],
        payer=actor,
        payer_iin="" if payer_bin else actor.iin,
        payer_bin=payer_bin,
        return_url=_safe_return_url(return_url),
    )
    audit_record(
        actor=actor, action="payments.payment_start", obj=payment, before={}, after=_snapshot(payment)
    )
    return payment


def gateway_start_url(*, payment: Payment) -> str:
    """Where the payer goes to pay ``payment`` (the gateway's page)."""
    gateway = gateway_get(payment.backend)
    if gateway is None:
        raise _error(
            PaymentErrorCode.UNKNOWN_BACKEND,
            "Төлем шлюзі белгісіз.",
            "Неизвестный платёжный шлюз.",
            "Unknown payment gateway.",
        )
    return gateway.start_url(payment)


@transaction.atomic
def payment_notify(*, backend: str, body: bytes, headers: Mapping[str, str]) -> Payment:
    """A gateway's notification: its signature checked by the backend (a wrong one is
    :class:`PaymentSignatureInvalid` and nothing is written), then the outcome recorded. A
    notification repeated is harmless: the payment is returned as it stands."""
    gateway = gateway_get(backend)
    if gateway is None:
        raise _error(
            PaymentErrorCode.UNKNOWN_BACKEND,
            "Төлем шлюзі белгісіз.",
            "Неизвестный платёжный шлюз.",
            "Unknown payment gateway.",
        )
    try:
        notification = gateway.verify(body=body, headers=headers)
    except SignatureInvalid as exc:
        raise PaymentSignatureInvalid() from exc
    payment = (
        Payment.objects.select_for_update().filter(reference=notification.reference, backend=backend).first()
    )
    if payment is None:
        raise _error(
            PaymentErrorCode.NOTIFICATION_INVALID,
            "Хабарламадағы төлем табылмады.",
            "Платёж из уведомления не найден.",
            "The notification's payment was not found.",
        )
    if notification.outcome == NotificationOutcome.PAID:
        return payment_confirm(payment=payment, notification=notification)
    if notification.outcome == NotificationOutcome.FAILED:
        return payment_fail(payment=payment, notification=notification)
    return payment_refund(actor=None, payment=payment, notification=notification)


@transaction.atomic
def payment_confirm(*, payment: Payment, notification: Notification) -> Payment:
    """The gateway says ``payment`` is paid (called by ``payment_notify`` only, with the
    checked notification). ``paid_at`` is when the notification arrived. Then the purpose's
    ``on_paid`` runs in a savepoint: if it refuses, the payment stays paid and unused."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    # A cancelled payment the gateway still took (paid in another tab as its form was sent
    # fee-free): the money is real, so it is recorded paid, and stays unused and refundable.
    if payment.status not in (PaymentStatus.PENDING, PaymentStatus.CANCELLED):
        return payment  # a repeated (or late) notification changes nothing
    before = _snapshot(payment)
    payment.status = PaymentStatus.PAID
    payment.paid_at = timezone.now()
    payment.gateway_transaction_id = notification.transaction_id
    payment.save(update_fields=["status", "paid_at", "gateway_transaction_id", "updated_at"])
    audit_record(
        actor=None, action="payments.payment_confirm", obj=payment, before=before, after=_snapshot(payment)
    )
    purpose = purpose_get(payment.purpose)
    if purpose is not None and purpose.on_paid is not None:
        try:
            with transaction.atomic():
                purpose.on_paid(payment)
        except ApplicationError:
            pass  # the payer is told when they come back; the payment may still be used
        payment.refresh_from_db()
    return payment


@transaction.atomic
def payment_fail(*, payment: Payment, notification: Notification) -> Payment:
    """The gateway says ``payment`` did not go through (declined, cancelled)."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.status != PaymentStatus.PENDING:
        return payment
    before = _snapshot(payment)
    payment.status = PaymentStatus.FAILED
    payment.failed_at = timezone.now()
    payment.gateway_transaction_id = notification.transaction_id
    payment.failure_reason = notification.reason[:300]
    payment.save(
        update_fields=["status", "failed_at", "gateway_transaction_id", "failure_reason", "updated_at"]
    )
    audit_record(
        actor=None, action="payments.payment_fail", obj=payment, before=before, after=_snapshot(payment)
    )
    return payment


@transaction.atomic
def payment_cancel(*, actor: User, payment: Payment, reason: str = "") -> Payment:
    """Law 24.1: ``payment`` is waiting at the gateway for a fee that is no longer asked (its
    form was sent without a fee): its payer's own pending payment is cancelled, audited, so it
    waits for nothing. A payment that is not pending (already paid, failed, refunded or
    cancelled) is returned as it stands, nothing written: a paid one stays paid and unused, to
    be used or refunded. Anyone but the payer: ``AccessDenied``, nothing written."""
    if actor is None or not actor.pk:
        raise AccessDenied()
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.payer_id != actor.pk:
        raise AccessDenied()
    if payment.status != PaymentStatus.PENDING:
        return payment
    before = _snapshot(payment)
    payment.status = PaymentStatus.CANCELLED
    payment.cancelled_at = timezone.now()
    payment.failure_reason = reason[:300]
    payment.save(update_fields=["status", "cancelled_at", "failure_reason", "updated_at"])
    audit_record(
        actor=actor, action="payments.payment_cancel", obj=payment, before=before, after=_snapshot(payment)
    )
    return payment


@transaction.atomic
def payment_refund(
    *, actor: User | None, payment: Payment, notification: Notification | None = None, reason: str = ""
) -> Payment:
    """The money of a paid payment goes back. By the gateway's notification (``actor`` None);
    or asked by its payer for a payment that has paid for nothing yet (the test gateway
    refunds at once; a real one would be asked through its interface)."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if notification is None:
        if actor is None or payment.payer_id != actor.pk:
            raise AccessDenied()
        if not payment.is_consumable:
            raise _error(
                PaymentErrorCode.NOT_REFUNDABLE,
                "Тек төленген және әлі пайдаланылмаған төлем қайтарылады.",
                "Вернуть можно только оплаченный и ещё не использованный платёж.",
                "Only a paid payment that has not been used can be refunded.",
            )
    elif payment.status != PaymentStatus.PAID:
        return payment  # nothing to refund, or refunded already
    before = _snapshot(payment)
    payment.status = PaymentStatus.REFUNDED
    payment.refunded_at = timezone.now()
    payment.failure_reason = (reason or (notification.reason if notification else ""))[:300]
    payment.save(update_fields=["status", "refunded_at", "failure_reason", "updated_at"])
    audit_record(
        actor=actor, action="payments.payment_refund", obj=payment, before=before, after=_snapshot(payment)
    )
    return payment


@transaction.atomic
def payment_consume(
    *,
    actor: User | None,
    payment: Payment,
    amount_tenge: Decimal,
    payer_iin: str = "",
    payer_bin: str = "",
    consumed_by: str,
) -> Payment:
    """``payment`` pays a fee of ``amount_tenge`` for ``payer_iin`` (or ``payer_bin``) and for
    nothing else ever after. Refused (``ApplicationError`` with the reason's
    :class:`PaymentErrorCode`, nothing written) unless it is paid, unused, of exactly this
    amount and by this payer."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    problem = selectors.payment_problem(
        payment=payment, amount_tenge=Decimal(amount_tenge), payer_iin=payer_iin, payer_bin=payer_bin
    )
    if problem is not None:
        raise payment_problem_error(problem)
    before = _snapshot(payment)
    payment.consumed_at = timezone.now()
    payment.consumed_by = consumed_by[:100]
    payment.save(update_fields=["consumed_at", "consumed_by", "updated_at"])
    audit_record(
        actor=actor, action="payments.payment_consume", obj=payment, before=before, after=_snapshot(payment)
    )
    return payment
