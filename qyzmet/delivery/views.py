"""Pages of the delivery app (Law 4-5, 18-24): the public status page, the portal application
form generated from the standard in force, the recipient's cabinet, the provider officers'
worklist with the stage actions, and the State Corporation branch desk. Thin: every rule
lives in ``services`` and ``selectors``."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from qyzmet.core import form_keys
from qyzmet.core import services as core_services
from qyzmet.core.confirmation import confirmation_page, is_confirmed
from qyzmet.core.errors import AccessDenied, ApplicationError, IdempotencyKeyReused
from qyzmet.core.files import private_file_response
from qyzmet.core.listing import staff_list
from qyzmet.core.models import User
from qyzmet.core.params import posted_id
from qyzmet.core.replica import reads_from_replica
from qyzmet.core.signin import signed_in_with_e_signature
from qyzmet.core.throttling import by_address, by_target, refusal, throttle
from qyzmet.delivery import documents, forms, selectors, selectors_web, services
from qyzmet.delivery.enums import ApplicationStatus, Channel, DocumentKind, RecipientKind, StageKind
from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.forms_composite import CompositeApplyForm
from qyzmet.delivery.models import Application, ApplicationDraft, Stage
from qyzmet.notify import selectors as notify_selectors
from qyzmet.orgs.selectors import companies_of, local_body_list
from qyzmet.payments import selectors as payment_selectors
from qyzmet.payments import services as payment_services
from qyzmet.payments.enums import PaymentStatus
from qyzmet.registry.enums import RefusalGround
from qyzmet.registry.selectors import service_choices, service_get, service_provider_list

WORKLIST_PAGE_SIZE = 50
MESSAGES_PAGE_SIZE = 20


def _lang() -> str:
    return "ru" if (get_language() or "kk").startswith("ru") else "kk"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _pdf(content: bytes, name: str) -> HttpResponse:
    resp = HttpResponse(content, content_type="application/pdf")
    resp["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return resp


def apply_errors(form: django_forms.Form, err: ApplicationError) -> None:
    """Put a service error on the form: per field where the field exists, else on the form.
    The entered values stay (the form is re-rendered bound)."""
    placed = False
    for name, text in err.field_messages_for().items():
        if name in form.fields:
            form.add_error(name, text)
            placed = True
    if not placed or err.field_messages_for().keys() - form.fields.keys():
        form.add_error(None, err.message_for())


def document_errors(form: django_forms.Form, err: ApplicationError) -> None:
    """Law 19: mark each missing or expired document on its own row of the checklist."""
    for pk in err.extra.get("missing", []):
        name = f"doc{pk}_number"
        if name in form.fields:
            form.add_error(name, _("This document is required (Law 19)."))
    for pk in err.extra.get("expired", []):
        name = f"doc{pk}_valid_until" if f"doc{pk}_valid_until" in form.fields else f"doc{pk}_issued_on"
        if name in form.fields:
            form.add_error(name, _("This document has expired (Law 19)."))


class _Page(LoginRequiredMixin, View):
    """Signed-in pages; :class:`AccessDenied` becomes HTTP 403."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return super().dispatch(request, *args, **kwargs)
        except AccessDenied as exc:
            raise PermissionDenied(exc.message_for(get_language())) from exc


def _application(request: HttpRequest, number: str, *, act: bool = False) -> Application:
    application = selectors.application_get(number=number)
    if application is None:
        raise Http404
    user = _user(request)
    if not selectors.application_readable(user=user, application=application):
        raise Http404  # as for a number that does not exist (tester's finding 19.4)
    return selectors.access_application(user=user, application=application, act=act)


# --- Public -------------------------------------------------------------------------------


@method_decorator(never_cache, name="dispatch")
@method_decorator(reads_from_replica, name="dispatch")  # ADR 0077
class StatusView(View):
    """Law 5.2.8, 23.4: anyone with the number and the last four IIN/BIN digits sees the stage
    history of the application and nothing else (no names, no IIN). The receipt's QR opens it
    with the number filled in; the digits are sent by POST, so that no URL and no request log
    holds them. A signed document's verification page (its QR code) links here."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(
            request, forms.StatusLookupForm(initial={"number": request.GET.get("number", "")})
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, forms.StatusLookupForm(request.POST))

    def _render(self, request: HttpRequest, form: forms.StatusLookupForm) -> HttpResponse:
        lookup = None
        searched = form.is_bound
        if searched and form.is_valid():
            # ADR 0011: a stranger must not try all 10,000 digit combinations.
            wait = throttle(
                request,
                by_address("status_address"),
                by_target("status_number", form.cleaned_data["number"]),
            )
            if wait:
                return refusal(request, wait)
            lookup = selectors.application_stage_lookup(
                number=form.cleaned_data["number"],
                iin_last4=form.cleaned_data["iin_last4"],
                today=timezone.localdate(),
            )
        lang = _lang()
        # Law 5.2.8: a stranger with the number and the digits learns the stage and its dates
        # only; someone signed in who may see the application also gets its provider and the
        # links of their application page. Everyone else is offered to sign in for them.
        application = (
            selectors.application_visible_to(user=_user(request), number=lookup.number) if lookup else None
        )
        return render(
            request,
            "delivery/status.html",
            {
                "form": form,
                "searched": searched and form.is_valid(),
                "lookup": lookup,
                "service_name": (lookup.service_name_ru if lang == "ru" else lookup.service_name_kk)
                if lookup
                else "",
                "status_label": ApplicationStatus(lookup.status).label if lookup else "",
                "stages": [{"label": StageKind(k).label, "at": at} for k, at in lookup.stages]
                if lookup
                else [],
                "application": application,
                "provider": application.provider if application else None,
                "provider_name": application.provider.name(lang)
                if application and application.provider
                else "",
                "next_steps": _next_steps(request, application) if application else None,
                "sign_in_url": f"{reverse('web:login')}?next="
                + quote(reverse("delivery:detail", args=[lookup.number]))
                if lookup and application is None and not request.user.is_authenticated
                else "",
                "lang": lang,
            },
        )


def _next_steps(request: HttpRequest, application: Application) -> dict[str, Any]:
    """Law 5.2.8, 21.2, 25.2: what the recipient can do next on their application: the
    receipt, the result once they may have it, the reasoned refusal once refused, and a
    complaint (its portal form, for the recipient themselves)."""
    user = _user(request)
    return {
        "number": application.number,
        "has_result": selectors.result_available(user=user, application=application),
        "is_refused": application.status == ApplicationStatus.REFUSED,
        "can_complain": selectors.is_recipient_of(user=user, application=application),
    }


@method_decorator(never_cache, name="dispatch")
class VerifyView(View):
    """Law 21.2-2: the public page a signed document's QR code opens (no sign-in): whether the
    document the platform issues under this number carries a valid signature, its kind, number,
    issuer and date, and nothing personal (no name, no IIN). Its holder may also upload the PDF
    they have: it is valid only if signed by this document's issuer for this document. ADR 0017."""

    def get(self, request: HttpRequest, kind: str, number: str) -> HttpResponse:
        return self._answer(request, kind, number, form=forms.VerifyFileForm())

    def post(self, request: HttpRequest, kind: str, number: str) -> HttpResponse:
        form = forms.VerifyFileForm(request.POST, request.FILES)
        return self._answer(request, kind, number, form=form)

    def _answer(
        self, request: HttpRequest, kind: str, number: str, *, form: forms.VerifyFileForm
    ) -> HttpResponse:
        # Each check signs and verifies a document: a stranger must not make the server do that
        # without end (ADR 0011).
        wait = throttle(request, by_address("verify_address"))
        if wait:
            return refusal(request, wait)
        uploaded = form.is_bound and form.is_valid()
        content = form.cleaned_data["document"].read() if uploaded else None
        check = documents.document_check(number=number, kind=kind, content=content)
        lang = _lang()
        status = 200 if check else 404
        if form.is_bound and not uploaded:
            status = 400
        return render(
            request,
            "delivery/verify.html",
            {
                "check": check,
                "uploaded": uploaded,
                "form": form,
                "number": number,
                "kind_label": documents.kind_label(kind),
                # The issuer's name from its organisation record, in the page's language (the
                # certificate's CN is one language and may be shortened).
                "issuer": (check.issuer_ru if lang == "ru" else check.issuer_kk) if check else "",
                # A refusal to accept and a complaint letter have no application, hence no
                # status page (Law 20.2).
                "status_url": f"{reverse('delivery:status')}?number={quote(check.number)}"
                if check and kind in DocumentKind.values and kind != DocumentKind.ACCEPTANCE_REFUSAL
                else "",
            },
            status=status,
        )


# --- Recipient ----------------------------------------------------------------------------


def sent_already(form: forms.ApplyForm | CompositeApplyForm) -> None:
    """Issue 20.4 on the web: the form's key already submitted an application and the form now
    says something else (sent again after going back and changing it): nothing is submitted;
    the user is told so in plain words (not the API's Idempotency-Key text), the form keeps
    what was typed and gets a new key, so that sending it again is a new application."""
    form.add_error(None, sent_already_text())
    form.renew_submission()


def sent_already_text() -> str:
    """What a portal page says when its form's key already submitted another application."""
    return _(
        "This form was already sent and your application is accepted (see “My applications”). "
        "What you changed since was not sent: to submit it as another application, send the form again."
    )


def sent_already_link_text(application: Application) -> str:
    """What the application's page says when a form sent again landed on it (issue 20.4)."""
    return _("This form was already sent: application %(number)s is accepted. Nothing new was submitted.") % {
        "number": application.number
    }


def sent_form_context(request: HttpRequest, idempotency_key: str) -> dict[str, Any]:
    """Issue 20.4: what a portal form's page shows when its key (from the page's address)
    already submitted an application (Back after sending): ``sent`` (that application, with a
    link to it: sent again unchanged, the form lands there) and ``new_form`` (a new form)."""
    token = form_keys.submission_in_address(request)
    sent = (
        selectors.application_submitted_with_key(user=_user(request), idempotency_key=idempotency_key)
        if token
        else None
    )
    return {"sent": sent, "new_form": form_keys.address_without_submission(request)}


def place_errors(form: forms.ApplyForm, err: ApplicationError) -> None:
    """ADR 0020: every message of a service error next to its field; what has no field of its
    own (the document set as a whole, a value the profile gave) goes to the top of the form."""
    if isinstance(err, IdempotencyKeyReused):
        sent_already(form)
        return
    placed = False
    for name, text in err.field_messages_for().items():
        form.add_error(name if name in form.fields else None, text)
        placed = True
    if not placed:
        form.add_error(None, err.message_for())
    document_errors(form, err)


def apply_submission(request: HttpRequest, form: forms.ApplyForm) -> dict[str, Any]:
    """What a valid portal form asks for, as ``application_submit``'s keywords (the one-page
    form and the question pages alike; the question pages key the submission by the draft)."""
    user = _user(request)
    company = form.chosen_company()
    return {
        "channel": Channel.EGOV_PORTAL,
        "provider": form.chosen_provider(),
        "recipient_kind": RecipientKind.LEGAL_ENTITY if company else RecipientKind.INDIVIDUAL,
        "recipient_iin": "" if company else user.iin,
        "recipient_bin": company.bin if company else "",
        "recipient_name": company.name(_lang()) if company else (user.get_full_name() or str(user)),
        "language": _lang(),
        "data": form.service_data(),
        "consent_method": form.consent(),
        "notify_sms": bool(form.cleaned_data.get("notify_sms")),
        "notify_email": bool(form.cleaned_data.get("notify_email")),
        "idempotency_key": form.submission_key(),
        "identified_by_signature": signed_in_with_e_signature(request),
        "fee_exemption": str(form.cleaned_data.get("fee_exemption") or ""),
    }


class ApplyView(_Page):
    """Law 19, 20.2, 20.6: apply on the portal. The form comes from the standard in force.
    ADR 0020: what the profile and the sign-in already tell is not asked; every problem (each
    value by its type, each document) is shown at once, next to its field and in a summary,
    in the user's language; what was typed and every scan attached are kept in a draft."""

    def _form(
        self, request: HttpRequest, code: str, draft: ApplicationDraft | None = None
    ) -> tuple[Any, Any, forms.ApplyForm]:
        try:
            service = service_get(code=code)
            version = selectors.version_in_force(service=service, on=timezone.localdate())
        except ApplicationError as exc:
            raise Http404(exc.message_for()) from exc
        lang = _lang()
        user = _user(request)
        default = selectors.provider_default(
            service=service, territory=selectors.recipient_territory(user=user)
        )
        initial: dict[str, Any] = {
            "provider": str(default.pk) if default else "",
            "notify_sms": bool(user.phone),
            "notify_email": bool(user.email),
        }
        if draft is not None:
            initial.update(draft.values)
        form = forms.ApplyForm(
            request.POST if request.method == "POST" else None,
            request.FILES if request.method == "POST" else None,
            fields=selectors.form_field_list(version=version),
            checklist=selectors.required_document_checklist(
                version=version,
                channel=Channel.EGOV_PORTAL,
                identified_by_signature=signed_in_with_e_signature(request),
                # ADR 0019: paid through the gateway, so its proof is not asked (Law 5.2).
                fee_paid_in_system=services.fee_paid_in_system(version=version),
            ),
            language=lang,
            providers=list(service_provider_list(service=service)),
            companies=list(companies_of(user)),
            known=selectors.applicant_known(user=user),
            exemptions=[(e.value, str(e.label)) for e in services.fee_exemptions(version=version)],
            submission=form_keys.submission_in_address(request),
            initial=initial,
        )
        return service, version, form

    def _render(
        self,
        request: HttpRequest,
        service: Any,
        version: Any,
        form: forms.ApplyForm,
        draft: ApplicationDraft | None = None,
    ) -> HttpResponse:
        lang = _lang()
        user = _user(request)
        term = selectors.channel_term(version=version, channel=Channel.EGOV_PORTAL)
        asked = {rd.pk for rd in form.checklist}
        scans = {row.required_document_id: row for row in draft.files.all()} if draft else {}
        return render(
            request,
            "delivery/apply.html",
            {
                "service": service,
                "service_name": service.name(lang) if hasattr(service, "name") else service.name_kk,
                "version": version,
                "form": form,
                "offered": term is not None,
                "draft": draft,
                "documents": [(rd, fields, scans.get(rd.pk)) for rd, fields in form.document_groups()],
                "applicant_name": user.get_full_name() or str(user),
                "applicant_iin": user.iin,
                "applicant_phone": user.phone,
                "state_documents": [
                    rd for rd in version.required_documents.all() if rd.obtainable_from_state_system
                ],
                # ADR 0020: what is not asked, and why.
                "not_asked": [
                    (rd, rd.role)
                    for rd in version.required_documents.all()
                    if rd.pk not in asked and not rd.obtainable_from_state_system
                ],
                "lang": lang,
                # Law 24, STD 8: the fee in tenge before paying (ADR 0019).
                "fee": self._fee(version),
                # Issue 20.4: Back after sending: this form's key already submitted it.
                **sent_form_context(request, f"portal:{form_keys.submission_in_address(request)}"),
            },
            status=400 if form.is_bound and form.errors else 200,
        )

    @staticmethod
    def _fee(version: Any) -> services.Fee | None:
        try:
            return services.fee_for(version=version, on=timezone.localdate())
        except ApplicationError:
            return None  # no MCI value: the submission is refused and says why

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        draft = None
        if request.GET.get("draft"):
            draft = selectors.application_draft_get(owner=_user(request), key=request.GET["draft"])
            if draft is None or draft.service.code != code:
                raise Http404
        if not form_keys.submission_in_address(request):
            return form_keys.with_new_submission(request)  # issue 20.4: Back keeps the form's key
        if draft is None:  # Back from the gateway unpaid: the draft waiting for its payment
            waiting = selectors.application_draft_waiting_for_payment(
                owner=_user(request), idempotency_key=f"portal:{form_keys.submission_in_address(request)}"
            )
            draft = waiting if waiting is not None and waiting.service.code == code else None
        service, version, form = self._form(request, code, draft)
        return self._render(request, service, version, form, draft)

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        service, version, form = self._form(request, code)
        user = _user(request)
        form.is_valid()  # the data fields carry text; the service checks them below
        # 1. Keep what was typed and attached, whatever else is wrong.
        try:
            saved = services.application_draft_save(
                owner=user,
                service=service,
                key=request.POST.get("draft", ""),
                values=form.draft_values(),
                files=form.uploads(),
                remove=form.removed(),
            )
        except services.DraftNotFound as exc:
            raise Http404 from exc
        draft = saved.draft
        for name, texts in saved.upload_errors.items():
            form.add_error(name, texts.get((get_language() or "kk")[:2]) or texts.get("ru", ""))
        documents = services.application_draft_documents(
            draft=draft,
            documents=[services.SubmittedDocument(**d) for d in form.submitted_documents()],
        )
        exemption = str(getattr(form, "cleaned_data", {}).get("fee_exemption") or "")
        # 2. Every value and document problem at once (nothing is written).
        try:
            services.application_form_check(
                version=version,
                channel=Channel.EGOV_PORTAL,
                data=form.service_data(),
                documents=documents,
                on=timezone.localdate(),
                identified_by_signature=signed_in_with_e_signature(request),
                fee_paid_in_system=services.fee_paid_in_system(version=version) or bool(exemption),
                fee_exempt=bool(exemption),
            )
        except ApplicationError as exc:
            place_errors(form, exc)
        if form.errors:
            return self._render(request, service, version, form, draft)
        # 3. The draft is valid. Its form's key submitted an application already (Back after
        #    sending, then send): the same one lands on it, nothing paid twice; a changed one
        #    is refused in plain words (issue 20.4). A fee the standard has paid through the
        #    gateway is paid now (ADR 0019): the submission is kept with the draft, the payer
        #    goes to the gateway, and the gateway's word that it is paid submits the draft
        #    (``ApplyPaidView``).
        try:
            again = services.application_draft_submit_again(
                actor=user,
                draft=draft,
                documents=[services.SubmittedDocument(**d) for d in form.submitted_documents()],
                **self._submission(request, form),
            )
            if again is not None:
                messages.info(request, sent_already_link_text(again))
                return redirect("delivery:detail", number=again.number)
            fee = services.fee_for(version=version, on=timezone.localdate(), exemption=exemption)
            if fee.payable_in_system:
                payment = services.application_draft_pay_start(
                    actor=user,
                    draft=draft,
                    documents=[services.SubmittedDocument(**d) for d in form.submitted_documents()],
                    return_url=f"{reverse('delivery:apply-paid', kwargs={'code': code})}?draft={draft.key}",
                    **self._submission(request, form),
                )
                if payment.is_consumable:  # paid before and not used: no second payment
                    return redirect(payment.return_url)
                return redirect(payment_services.gateway_start_url(payment=payment))
        except ApplicationError as exc:
            place_errors(form, exc)
            return self._render(request, service, version, form, draft)
        return self._submit_draft(request, service, version, form, draft)

    def _submission(self, request: HttpRequest, form: forms.ApplyForm) -> dict[str, Any]:
        return apply_submission(request, form)

    def _submit_draft(
        self,
        request: HttpRequest,
        service: Any,
        version: Any,
        form: forms.ApplyForm,
        draft: ApplicationDraft,
    ) -> HttpResponse:
        """4. The valid draft becomes the application (its scans the documents)."""
        user = _user(request)
        try:
            application = services.application_draft_submit(
                actor=user,
                draft=draft,
                documents=[services.SubmittedDocument(**d) for d in form.submitted_documents()],
                recipient_user=user,
                **self._submission(request, form),
            )
        except ApplicationError as exc:
            place_errors(form, exc)
            return self._render(request, service, version, form, draft)
        messages.success(request, _("Application %(number)s accepted.") % {"number": application.number})
        return redirect("delivery:detail", number=application.number)


@method_decorator(never_cache, name="dispatch")
class ApplyPaidView(_Page):
    """ADR 0019: where the payment gateway sends the payer back. Paid: the draft is (or now
    becomes) the application and the payer sees it with its signed receipt. Not paid: back to
    the draft, everything typed and attached kept, with a message saying so."""

    def back_url(self, code: str, key: str) -> str:
        return f"{reverse('delivery:apply-one-page', kwargs={'code': code})}?draft={key}"

    def done_url(self, application: Application) -> str:
        return reverse("delivery:detail", kwargs={"number": application.number})

    def key(self, request: HttpRequest, **kwargs: Any) -> str:
        return request.GET.get("draft", "")

    def get(self, request: HttpRequest, code: str, **kwargs: Any) -> HttpResponse:
        user = _user(request)
        key = self.key(request, **kwargs)
        payment = payment_selectors.payment_for(
            purpose=services.PORTAL_DRAFT_PURPOSE, object_ref=key, payer=user
        ).first()
        if payment is None:
            raise Http404
        back = self.back_url(code, key)
        if payment.status == PaymentStatus.PAID:
            try:
                application = services.application_draft_submit_paid(payment=payment)
            except IdempotencyKeyReused:
                messages.error(request, sent_already_text())  # issue 20.4: not the API's text
                return redirect(back)
            except ApplicationError as exc:
                messages.error(request, exc.message_for())
                return redirect(back)
            messages.success(
                request,
                _("Paid %(amount)s ₸. Application %(number)s accepted.")
                % {"amount": f"{payment.amount_tenge:.0f}", "number": application.number},
            )
            return redirect(self.done_url(application))
        if payment.status == PaymentStatus.PENDING:
            messages.info(request, _("The payment is not confirmed yet. Your application is kept."))
        elif payment.status == PaymentStatus.FAILED:
            messages.error(
                request,
                _(
                    "The payment did not go through, nothing was charged. Everything you entered "
                    "and attached is kept: you can pay again."
                ),
            )
        elif payment.status == PaymentStatus.CANCELLED:  # the form was sent without a fee
            messages.info(
                request,
                _("This payment was cancelled: the form was sent without a fee. Nothing was charged."),
            )
        else:
            messages.error(request, _("The payment was refunded. Your application is kept."))
        return redirect(back)


class MineView(_Page):
    """Law 21.2-1: the recipient's own applications with their stages and due dates."""

    def get(self, request: HttpRequest) -> HttpResponse:
        applications = list(
            selectors.recipient_application_list(user=_user(request)).prefetch_related(
                Prefetch("stages", queryset=Stage.objects.order_by("occurred_at", "id")),
                # Law 1.1-2: a composite parent's children are listed under it.
                Prefetch("children", queryset=selectors.composite_child_list()),
            )[:200]
        )
        return render(
            request,
            "delivery/mine.html",
            {"applications": applications, "lang": _lang(), "today": timezone.localdate()},
        )


class NotificationsView(_Page):
    """Law 21.2-1: the messages the recipient received (SMS and e-mail, newest first) and the
    channels they choose. Law 21-1: gives or withdraws the consent to proactive services and
    answers the proactive offers made to them."""

    def _render(self, request: HttpRequest, status: int = 200, **forms_: Any) -> HttpResponse:
        user = _user(request)
        pref = selectors_web.notification_preference_get(user=user)
        lang = _lang()
        offers = list(selectors.proactive_offer_list(user=user)[:50])
        # Law 21.2-1: the SMS and e-mails this user received, newest first.
        received = Paginator(notify_selectors.recipient_message_list(user=user), MESSAGES_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        return render(
            request,
            "delivery/notifications.html",
            {
                "received": received,
                "received_pages": list(
                    received.paginator.get_elided_page_range(received.number, on_each_side=1, on_ends=1)
                ),
                "ellipsis": Paginator.ELLIPSIS,
                "form": forms_.get("form")
                or forms.NotificationForm(initial={"sms": pref.sms, "email": pref.email} if pref else {}),
                "consent_form": forms_.get("consent_form")
                or forms.ProactiveConsentForm(
                    initial={"proactive_consent": bool(pref and pref.proactive_consent)}
                ),
                "consent_at": pref.proactive_consent_at if pref and pref.proactive_consent else None,
                "territory_form": forms_.get("territory_form")
                or forms.TerritoryForm(
                    initial={"territory": str(pref.territory_id) if pref and pref.territory_id else ""},
                    territories=list(local_body_list()),
                    language=lang,
                ),
                "offers": [
                    {
                        "offer": o,
                        "service_name": o.service.name(lang),
                        "closed_text": services.proactive_close_reason_text(
                            reason=o.closed_reason, language=lang
                        ),
                    }
                    for o in offers
                ],
            },
            status=status,
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        action = request.POST.get("action", "channels")
        if action == "territory":
            territory_form = forms.TerritoryForm(
                request.POST, territories=list(local_body_list()), language=_lang()
            )
            if territory_form.is_valid():
                services.recipient_territory_set(user=_user(request), territory=territory_form.chosen())
                messages.success(request, _("Your territory is saved."))
                return redirect("delivery:notifications")
            return self._render(request, status=400, territory_form=territory_form)
        if action == "consent":
            consent_form = forms.ProactiveConsentForm(request.POST)
            if consent_form.is_valid():
                consent = consent_form.cleaned_data["proactive_consent"]
                services.proactive_consent_set(user=_user(request), consent=consent)
                messages.success(
                    request,
                    _("Consent to proactive services given.")
                    if consent
                    else _("Consent to proactive services withdrawn."),
                )
                return redirect("delivery:notifications")
            return self._render(request, status=400, consent_form=consent_form)
        if action in ("confirm", "decline"):
            offer_id = request.POST.get("offer", "")
            offer = selectors.proactive_offer_list(user=_user(request)).filter(pk=posted_id(offer_id)).first()
            if offer is None:
                raise Http404
            try:
                offer = services.proactive_offer_answer(
                    user=_user(request), offer=offer, accept=action == "confirm"
                )
            except ApplicationError as exc:
                messages.error(request, exc.message_for())
                return redirect("delivery:notifications")
            if offer.closed_reason:
                messages.error(
                    request,
                    services.proactive_close_reason_text(reason=offer.closed_reason, language=_lang()),
                )
            elif offer.application is not None:
                messages.success(
                    request, _("Application %(number)s created.") % {"number": offer.application.number}
                )
            else:
                messages.success(request, _("The offer is declined."))
            return redirect("delivery:notifications")
        form = forms.NotificationForm(request.POST)
        if form.is_valid():
            services.notification_preference_set(
                user=_user(request), sms=form.cleaned_data["sms"], email=form.cleaned_data["email"]
            )
            messages.success(request, _("Notification channels saved."))
            return redirect("delivery:notifications")
        return self._render(request, status=400, form=form)


class ReceiptView(_Page):
    """STD 15: the receipt PDF (recipient or staff who may see the application)."""

    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        application = _application(request, number)
        return _pdf(documents.receipt_pdf(application=application, language=_lang()), f"receipt-{number}")


class ResultView(_Page):
    """Law 21.2: the result: the uploaded document or the generated e-document."""

    def get(self, request: HttpRequest, number: str) -> HttpResponseBase:
        application = _application(request, number)
        if not selectors.result_available(user=_user(request), application=application):
            # Law 4.1.4, 21.2: the recipient has the result once issued (a paper one on pickup).
            raise Http404
        if application.result_file:
            return private_file_response(file=application.result_file, download_name=f"result-{number}")
        return _pdf(documents.result_pdf(application=application, language=_lang()), f"result-{number}")


class RefusalView(_Page):
    """Law 19-1.1: the signed reasoned refusal, once the application is refused, in the
    application's language (whoever opens it)."""

    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        application = _application(request, number)
        if application.status != ApplicationStatus.REFUSED:
            raise Http404
        return _pdf(documents.refusal_pdf(application=application), f"refusal-{number}")


class DocumentFileView(_Page):
    """A scan attached to an application, for those who may see the application (never from
    MEDIA_URL): an inert attachment (qyzmet.core.files)."""

    def get(self, request: HttpRequest, number: str, pk: int) -> HttpResponseBase:
        application = _application(request, number)
        document = selectors.application_document_file(application=application, pk=pk)
        if document is None:
            raise Http404
        return private_file_response(file=document.file, download_name=f"{number}-document-{document.pk}")


# --- Staff --------------------------------------------------------------------------------


class DetailView(_Page):
    """One application: stages, documents, and the actions the user may take."""

    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        application = selectors.application_get(number=number)
        if application is not None and application.is_composite:
            # Law 1.1-2: a composite parent's page follows its children (views_composite).
            return redirect("delivery:composite-detail", number=number)
        try:
            application = _application(request, number)
        except AccessDenied:
            # Someone else's application is not found: the page does not tell that it exists.
            raise Http404 from None
        return self._render(request, application)

    def _render(self, request: HttpRequest, application: Application, **forms_: Any) -> HttpResponse:
        user = _user(request)
        lang = _lang()
        provider = selectors.can_act_as_provider(user=user, application=application)
        operator = selectors.can_act_as_operator(user=user, application=application)
        status = application.status
        recipient_id_shown = ""
        if provider or operator:
            # Staff see the recipient's IIN (a BIN is not personal data); an unmasked IIN shown
            # is logged, who/when/which case (issue 12.3).
            recipient_id_shown = (
                application.recipient_bin
                if application.recipient_kind == RecipientKind.LEGAL_ENTITY
                else core_services.iin_reveal(viewer=user, iin=application.recipient_iin, case=application)
            )
        ctx: dict[str, Any] = {
            "application": application,
            "service_name": application.service.name(lang)
            if application.service
            else (application.composite_service.name(lang) if application.composite_service else ""),
            "stages": [
                {"label": StageKind(s.kind).label, "at": s.occurred_at, "stage": s}
                for s in selectors.application_stages(application=application)
            ],
            # Law 5.2.5, 5.2.8: overdue (and the other term flags) by the worklist's rules.
            "flags": selectors.application_term_flags(application=application, today=timezone.localdate()),
            "provider": application.provider,
            "provider_name": application.provider.name(lang) if application.provider else "",
            # Law 18.6: the information system that submitted it for the recipient, if any.
            "submitted_via": selectors.submitting_client_name(application=application),
            "next_steps": _next_steps(request, application),
            "documents": list(application.documents.all()),
            "lang": lang,
            "status_label": ApplicationStatus(status).label,
            "is_staff_view": provider or operator,
            "recipient_id_shown": recipient_id_shown,
            "can_take": provider
            and status in (ApplicationStatus.RECEIVED, ApplicationStatus.REQUEST_OTHER_BODY),
            "can_request": provider and status == ApplicationStatus.IN_WORK,
            "can_result": provider and status == ApplicationStatus.IN_WORK,
            "can_refuse": provider and status not in selectors_web.DECIDED_STATUSES,
            "can_hand_over": provider
            and status == ApplicationStatus.RESULT_READY
            and application.channel == Channel.STATE_CORPORATION,
            "can_issue": (operator and status == ApplicationStatus.HANDED_OVER)
            or (
                # Law 4.1.4, 21.2: a paper result waiting at the provider is issued on handover.
                provider
                and status == ApplicationStatus.RESULT_READY
                and application.channel != Channel.STATE_CORPORATION
            ),
            "has_result": selectors.result_available(user=user, application=application),
            # Issue 13.8: every value the applicant filled in, labelled in the reader's language.
            "data_rows": selectors.application_data_rows(
                application=application, language=(get_language() or "kk")[:2]
            ),
            "grounds": [(g, RefusalGround(g).label) for g in application.refusal_grounds or []],
            # ADR 0018: accepted after the accepting place's hours, it registered on a later day.
            "registered_later": application.registered_on is not None
            and application.registered_on != timezone.localtime(application.submitted_at).date(),
        }
        ctx["request_form"] = forms_.get("request_form") or forms.RequestOtherBodyForm(
            bodies=selectors_web.other_body_choices(language=lang)
        )
        ctx["result_form"] = forms_.get("result_form") or forms.ResultReadyForm()
        ctx["refuse_form"] = forms_.get("refuse_form") or forms.RefuseForm(
            version=application.standard_version
        )
        return render(request, "delivery/detail.html", ctx, status=400 if forms_ else 200)

    def _result(
        self, request: HttpRequest, application: Application, form: forms.ResultReadyForm
    ) -> HttpResponse | bool | None:
        """The "result ready" action (final, so confirmed first). An uploaded document is kept
        server-side at once (``core.KeptUpload``): a refusal or the confirmation page does not
        ask for it again. A page to answer with, ``True`` when written, ``None`` when refused
        (the errors are on ``form``, which carries the kept file's key)."""
        user = _user(request)
        data = form.cleaned_data
        kept = core_services.kept_upload_get(owner=user, key=data["result_file_key"])
        try:
            if data["result_file"] is not None:
                kept = core_services.kept_upload_store(
                    owner=user, file=data["result_file"], field="result_file"
                )
        except ApplicationError as exc:
            apply_errors(form, exc)
            return None
        data_kept = request.POST.copy()  # shown again, the form carries the kept file's key
        data_kept["result_file_key"] = str(kept.key) if kept else ""
        form.data = data_kept
        form.kept_name = kept.original_name if kept else ""  # type: ignore[attr-defined]
        if not is_confirmed(request):
            return confirmation_page(
                request,
                heading=_("Record the result of application %(number)s.") % {"number": application.number},
                consequence=_(
                    "The result is final: it is sent to the recipient (or waits to be issued) and "
                    "cannot be changed afterwards."
                ),
                confirm_label=_("Record the result"),
                back_url=reverse("delivery:detail", args=[application.number]),
                extra=[("result_file_key", str(kept.key))] if kept else [],
            )
        try:
            services.application_result_ready(
                actor=user,
                application=application,
                result_file=core_services.kept_upload_content(kept) if kept else None,
                result_summary_kk=data["result_summary_kk"],
                result_summary_ru=data["result_summary_ru"],
            )
        except ApplicationError as exc:
            apply_errors(form, exc)
            return None
        if kept:
            core_services.kept_upload_discard(kept=kept)
        return True

    def post(self, request: HttpRequest, number: str) -> HttpResponse:
        application = _application(request, number, act=True)
        user = _user(request)
        action = request.POST.get("action", "")
        bad: dict[str, Any] = {}
        try:
            if action == "take":
                services.application_take_in_work(actor=user, application=application)
            elif action == "request":
                form = forms.RequestOtherBodyForm(
                    request.POST, bodies=selectors_web.other_body_choices(language=_lang())
                )
                if not form.is_valid():
                    bad["request_form"] = form
                else:
                    services.application_request_other_body(
                        actor=user,
                        application=application,
                        other_body=selectors_web.organisation_by_code(code=form.cleaned_data["other_body"]),
                        note=form.cleaned_data["note"],
                    )
            elif action == "result":
                rform = forms.ResultReadyForm(request.POST, request.FILES)
                answer = self._result(request, application, rform) if rform.is_valid() else None
                if isinstance(answer, HttpResponse):
                    return answer
                if answer is None:
                    bad["result_form"] = rform
            elif action == "refuse":
                fform = forms.RefuseForm(request.POST, version=application.standard_version)
                if not fform.is_valid():
                    bad["refuse_form"] = fform
                elif not is_confirmed(request):
                    return confirmation_page(
                        request,
                        heading=_("Refuse application %(number)s.") % {"number": application.number},
                        consequence=_(
                            "The refusal is final: the recipient is sent the reasoned refusal and "
                            "the application is closed."
                        ),
                        confirm_label=_("Refuse"),
                        back_url=reverse("delivery:detail", args=[number]),
                    )
                else:
                    try:
                        services.application_refuse(
                            actor=user,
                            application=application,
                            grounds=fform.cleaned_data["grounds"],
                            other_grounds=list(fform.cleaned_data["other_grounds"]),
                            reason=fform.cleaned_data["reason"],
                        )
                    except ApplicationError as exc:
                        apply_errors(fform, exc)
                        bad["refuse_form"] = fform
            elif action == "hand_over":
                services.application_hand_over(actor=user, application=application)
            elif action == "issue":
                if not is_confirmed(request):
                    return confirmation_page(
                        request,
                        heading=_("Issue the result of application %(number)s.") % {"number": number},
                        consequence=_(
                            "Issue the result only to the recipient or their representative, in "
                            "person: the application is then closed as issued."
                        ),
                        confirm_label=_("Issue the result"),
                        back_url=reverse("delivery:detail", args=[number]),
                    )
                services.application_issue(actor=user, application=application)
            else:
                raise Http404
        except AccessDenied:
            raise
        except ApplicationError as exc:
            messages.error(request, exc.message_for())
            return redirect("delivery:detail", number=number)
        if bad:
            application.refresh_from_db()
            return self._render(request, application, **bad)
        messages.success(request, _("Done."))
        return redirect("delivery:detail", number=number)


class WorklistView(_Page):
    """Law 5.2.11: the provider officer's applications by due date with overdue and due-today
    flags; filters by stage, channel, term, service and due dates, sortable columns, pages of
    25 (``qyzmet.core.listing``)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        user = _user(request)
        if not selectors_web.is_provider_staff(user=user):
            raise PermissionDenied
        listing = staff_list(
            params=request.GET,
            form_class=forms.WorklistFilterForm,
            form_kwargs={"services": selectors.worklist_service_choices(user=user)},
            rows=lambda **filters: selectors.application_worklist(user=user, **filters),
            today=timezone.localdate(),
            default_sort=selectors.WORKLIST_DEFAULT_SORT,
        )
        return render(
            request,
            "delivery/worklist.html",
            {
                "listing": listing,
                "applications": list(listing.page.object_list),
                "lang": _lang(),
                # Law 4.1.4, 21.2: paper results ready and not yet received, oldest first.
                "unclaimed": list(selectors.unclaimed_result_list(user=user)[:WORKLIST_PAGE_SIZE]),
            },
        )


def _desk_providers(code: str) -> tuple[Any, list[Any]]:
    """Law 1.4: the service with this code and the organisations that deliver it (none when the
    code names no service yet)."""
    if not code:
        return None, []
    try:
        service = service_get(code=code)
    except ApplicationError:
        return None, []
    return service, list(service_provider_list(service=service))


def _desk_value_errors(err: ApplicationError) -> dict[str, str]:
    """The refusal's messages for the desk's typed values (form data and document rows), in
    the page's language, with the missing and expired document rows marked too."""
    texts = {k: v for k, v in err.field_messages_for().items() if k.startswith(("data.", "doc"))}
    for pk in err.extra.get("missing", []):
        texts.setdefault(f"doc{pk}_number", str(_("This document is required (Law 19).")))
    for pk in err.extra.get("expired", []):
        texts.setdefault(f"doc{pk}_issued_on", str(_("This document has expired (Law 19).")))
    return texts


class DeskView(_Page):
    """State Corporation branch: accept an application for an identified visitor (Law 20.3),
    results awaiting pickup (Law 5.2.5), unclaimed paper results."""

    def _ctx(
        self,
        user: User,
        form: forms.DeskAcceptForm,
        code: str = "",
        post: Any = None,
        field_errors: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        """``field_errors``: a refusal's message per typed value (``data.<code>``, ``doc<id>_…``),
        shown beside the value it is about (ADR 0020)."""
        field_errors = field_errors or {}
        checklist: list[Any] = []
        fields: list[Any] = []
        if code:
            try:
                version = selectors.version_in_force(service=service_get(code=code), on=timezone.localdate())
                checklist = selectors.required_document_checklist(version=version)
                fields = selectors.form_field_list(version=version)
            except ApplicationError:
                pass
        lang = _lang()
        post = post or {}
        return {
            "form": form,
            "desk_documents": [
                (
                    rd,
                    rd.name(lang),
                    post.get(f"doc{rd.pk}_number", ""),
                    post.get(f"doc{rd.pk}_valid_until", ""),
                    post.get(f"doc{rd.pk}_issued_on", ""),
                    " ".join(
                        field_errors[k]
                        for k in (f"doc{rd.pk}_number", f"doc{rd.pk}_issued_on", f"doc{rd.pk}_valid_until")
                        if k in field_errors
                    ),
                )
                for rd in checklist
            ],
            "desk_fields": [
                (f, f.label(lang), post.get(f"data.{f.code}", ""), field_errors.get(f"data.{f.code}", ""))
                for f in fields
            ],
            "accepted": list(selectors.state_corporation_accepted_list(user=user)[:WORKLIST_PAGE_SIZE]),
            "pickup": list(selectors.state_corporation_pickup_list(user=user)[:WORKLIST_PAGE_SIZE]),
            # Law 5.2.5: results the provider has not handed over by the handover date.
            "handover_overdue": list(
                selectors.state_corporation_handover_overdue_list(user=user)[:WORKLIST_PAGE_SIZE]
            ),
            "unclaimed": list(selectors.state_corporation_unclaimed_list(user=user)[:WORKLIST_PAGE_SIZE]),
            # Law 20.2: the refusals to accept issued here, to print again.
            "acceptance_refusals": list(selectors.acceptance_refusal_list(user=user)[:WORKLIST_PAGE_SIZE]),
            "lang": _lang(),
        }

    def get(self, request: HttpRequest) -> HttpResponse:
        user = _user(request)
        if selectors_web.operator_branch(user=user) is None:
            raise PermissionDenied
        code = request.GET.get("service", "").strip()
        branch = selectors_web.operator_branch(user=user)
        providers = _desk_providers(code)
        default = selectors.provider_default(service=providers[0], near=branch) if providers[0] else None
        form = forms.DeskAcceptForm(
            initial={
                "service_code": code,
                "provider": str(default.pk) if default else "",
                "language": _lang(),
            },
            services=service_choices(language=_lang()),
            providers=providers[1],
            language=_lang(),
        )
        return render(request, "delivery/desk.html", self._ctx(user, form, code))

    def post(self, request: HttpRequest) -> HttpResponse:
        user = _user(request)
        branch = selectors_web.operator_branch(user=user)
        if branch is None:
            raise PermissionDenied
        if request.POST.get("action") == "refuse_acceptance":
            return self._refuse_acceptance(request, user, branch)
        refusable = False
        field_errors: dict[str, str] = {}
        form = forms.DeskAcceptForm(
            request.POST,
            services=service_choices(language=_lang()),
            providers=_desk_providers(request.POST.get("service_code", "").strip())[1],
            language=_lang(),
        )
        if form.is_valid():
            try:
                service = service_get(code=form.cleaned_data["service_code"])
                application = services.application_submit(
                    actor=user,
                    service=service,
                    channel=Channel.STATE_CORPORATION,
                    provider=form.chosen_provider(),
                    accepting_organisation=branch,
                    recipient_iin=form.cleaned_data["recipient_iin"],
                    recipient_name=form.cleaned_data["recipient_name"],
                    identity_confirmed=form.cleaned_data["identity_confirmed"],
                    language=form.cleaned_data.get("language") or _lang(),
                    data=selectors_web.desk_data(request.POST),
                    documents=selectors_web.desk_documents(service=service, post=request.POST),
                    consent_method=form.consent(),
                    payment=self._payment(form),
                )
            except ApplicationError as exc:
                apply_errors(form, exc)
                document_errors(form, exc)
                field_errors = _desk_value_errors(exc)
                refusable = services.acceptance_refusal_possible(error=exc)
            else:
                messages.success(
                    request, _("Application %(number)s accepted.") % {"number": application.number}
                )
                return redirect(reverse("delivery:detail", kwargs={"number": application.number}))
        ctx = self._ctx(user, form, request.POST.get("service_code", "").strip(), request.POST, field_errors)
        ctx["can_refuse_acceptance"] = refusable
        return render(request, "delivery/desk.html", ctx, status=400)

    @staticmethod
    def _payment(form: forms.DeskAcceptForm) -> Any:
        """ADR 0019: the gateway payment the visitor names, or None (an unknown reference is an
        error on its field, never silently ignored)."""
        reference = (form.cleaned_data.get("payment_reference") or "").strip()
        if not reference:
            return None
        payment = payment_selectors.payment_get(reference=reference)
        if payment is None:
            raise ApplicationError(
                DeliveryErrorCode.NOT_FOUND,
                {
                    "kk": "Мұндай төлем табылмады.",
                    "ru": "Такой платёж не найден.",
                    "en": "No such payment.",
                },
                fields={
                    "payment_reference": {
                        "kk": "Төлемнің сәйкестендіргішін тексеріңіз.",
                        "ru": "Проверьте идентификатор платежа.",
                        "en": "Check the payment reference.",
                    }
                },
            )
        return payment

    def _refuse_acceptance(self, request: HttpRequest, user: User, branch: Any) -> HttpResponse:
        """Law 20.2: the operator refuses to accept the documents typed in the desk form; the
        page keeps what was typed and offers the signed receipt to print."""
        code = request.POST.get("service_code", "").strip()
        rform = forms.AcceptanceRefusalForm(request.POST)
        # Unbound, filled with what was typed: the acceptance's own checks are not re-run here.
        form = forms.DeskAcceptForm(
            initial=request.POST.dict(),
            services=service_choices(language=_lang()),
            providers=_desk_providers(code)[1],
            language=_lang(),
        )
        refusal = None
        errors: list[str] = []
        if not rform.is_valid():
            errors.append(_("Enter the service code, the visitor's IIN and full name."))
        else:
            try:
                service = service_get(code=rform.cleaned_data["service_code"])
                refusal = services.acceptance_refusal_issue(
                    actor=user,
                    branch=branch,
                    service=service,
                    recipient_iin=rform.cleaned_data["recipient_iin"].strip(),
                    recipient_name=rform.cleaned_data["recipient_name"],
                    identity_confirmed=rform.cleaned_data["identity_confirmed"],
                    language=rform.cleaned_data["language"] or _lang(),
                    documents=selectors_web.desk_documents(service=service, post=request.POST),
                )
            except AccessDenied:
                raise
            except ApplicationError as exc:
                errors.append(exc.message_for())
        ctx = self._ctx(user, form, code, request.POST)
        ctx["refusal_errors"] = errors
        ctx["acceptance_refusal"] = refusal
        ctx["can_refuse_acceptance"] = refusal is None
        return render(request, "delivery/desk.html", ctx, status=200 if refusal else 400)


class AcceptanceRefusalReceiptView(_Page):
    """Law 20.2: the signed receipt of a refusal to accept, in the visitor's language, for the
    operators of the branch that issued it."""

    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        refusal = selectors.acceptance_refusal_get(number=number)
        if refusal is None:
            raise Http404
        refusal = selectors.access_acceptance_refusal(user=_user(request), refusal=refusal)
        return _pdf(documents.acceptance_refusal_pdf(refusal=refusal), f"acceptance-refusal-{refusal.number}")


class ProactiveStaffView(_Page):
    """Law 1.17-1, 21-1: provider staff offer a proactive service of their organisation to a
    recipient by IIN; the service's refusal stays in the form (kk/ru)."""

    def _context(self, request: HttpRequest, form: forms.ProactiveOfferForm | None = None) -> dict[str, Any]:
        user = _user(request)
        organisations = selectors.proactive_provider_organisations(user=user)
        if not organisations:
            raise PermissionDenied
        lang = _lang()
        by_org = [(o, list(selectors.proactive_service_list(organisation=o))) for o in organisations]
        offered = {s.code: s for _o, items in by_org for s in items}
        return {
            "organisations": [(o.name(lang), [(s.code, s.name(lang)) for s in items]) for o, items in by_org],
            "form": form or forms.ProactiveOfferForm(services=offered.values(), language=lang),
            "services_by_code": offered,
            "by_org": by_org,
            "offers": list(selectors.proactive_offers_by_organisations(organisations=organisations)[:50]),
            "lang": lang,
        }

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "delivery/proactive_staff.html", self._context(request))

    def post(self, request: HttpRequest) -> HttpResponse:
        ctx = self._context(request)
        offered = ctx["services_by_code"]
        form = forms.ProactiveOfferForm(request.POST, services=offered.values(), language=ctx["lang"])
        if form.is_valid():
            code = form.cleaned_data["service"]
            provider = next(o for o, items in ctx["by_org"] if any(s.code == code for s in items))
            try:
                offer = services.proactive_offer_start_for_iin(
                    provider_user=_user(request),
                    service=offered[code],
                    recipient_iin=form.cleaned_data["recipient_iin"],
                    provider=provider,
                )
            except AccessDenied:
                raise
            except ApplicationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Offer sent by SMS to the recipient whose IIN ends in %(iin)s.")
                    % {"iin": offer.recipient.iin[-4:]},
                )
                return redirect("delivery:proactive-staff")
        ctx["form"] = form
        return render(request, "delivery/proactive_staff.html", ctx, status=400)
