"""Pages of payments (ADR 0019): the test gateway's page (development and the demo) and the
address every gateway notifies. Thin: the rules are in ``services``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import User
from qyzmet.payments import selectors, services
from qyzmet.payments.enums import NotificationOutcome, PaymentStatus
from qyzmet.payments.errors import PaymentErrorCode
from qyzmet.payments.gateways import gateway_get
from qyzmet.payments.gateways.fake import TEST_GATEWAY
from qyzmet.payments.models import Payment


def _payer_payment(request: HttpRequest, reference: str) -> Payment:
    payment = selectors.payment_get(reference=reference)
    if payment is None or payment.backend != TEST_GATEWAY.name or gateway_get(TEST_GATEWAY.name) is None:
        raise Http404
    user: User = request.user  # type: ignore[assignment]
    try:
        return selectors.access_payment(actor=user, payment=payment)
    except AccessDenied as exc:
        raise PermissionDenied(exc.message_for(get_language())) from exc


@method_decorator(never_cache, name="dispatch")
class TestGatewayView(LoginRequiredMixin, View):
    """The test gateway: its payer presses "Pay" or "Decline"; the gateway then notifies
    ``payment_notify`` with a signed notification, exactly as a real gateway posts to
    ``/payments/notify/<backend>/``, and sends the payer back to where the payment started."""

    def get(self, request: HttpRequest, reference: str) -> HttpResponse:
        payment = _payer_payment(request, reference)
        return render(request, "payments/test_gateway.html", {"payment": payment})

    def post(self, request: HttpRequest, reference: str) -> HttpResponse:
        payment = _payer_payment(request, reference)
        if payment.status == PaymentStatus.PENDING:
            outcome = (
                NotificationOutcome.PAID
                if request.POST.get("action") == "pay"
                else NotificationOutcome.FAILED
            )
            body, headers = TEST_GATEWAY.notification(
                payment=payment,
                outcome=outcome,
                reason="" if outcome == NotificationOutcome.PAID else "declined on the test gateway",
            )
            payment = services.payment_notify(backend=TEST_GATEWAY.name, body=body, headers=headers)
        if payment.return_url:
            return redirect(payment.return_url)
        return render(request, "payments/test_gateway.html", {"payment": payment})


@method_decorator(csrf_exempt, name="dispatch")
class NotifyView(View):
    """A gateway's server-to-server notification. 200 when recorded (or recorded before), 400
    for a wrong signature or an unknown payment (nothing written), 404 for an unknown backend."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, backend: str) -> HttpResponseBase:
        headers: dict[str, Any] = dict(request.headers)
        try:
            payment = services.payment_notify(backend=backend, body=request.body, headers=headers)
        except ApplicationError as exc:
            status = 404 if exc.code == PaymentErrorCode.UNKNOWN_BACKEND else 400
            return JsonResponse({"code": exc.code, "message": exc.message_for("en")}, status=status)
        return JsonResponse({"reference": str(payment.reference), "status": payment.status})
