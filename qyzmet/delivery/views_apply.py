"""The portal application as question pages over one draft (ADR 0025, issue 14.1 and 14.3).

``/delivery/apply/<code>/`` starts (or resumes) the applicant's draft; each question page
``/delivery/apply/<code>/<key>/<step>/`` saves its answers and scans into the draft and shows
the problems of its own fields (the services check everything: ``application_draft_check``);
"Check your answers" runs the whole check, sends a remaining problem to its page, and submits
through the paths of ADR 0019/0020; the confirmation page says what happens next. Thin: which
page shows which field is presentation (``forms.apply_step_of``); every rule is a service's.
Only the draft's owner sees its pages and the confirmation; anyone else gets 404."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.forms import DateField
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from qyzmet.core.errors import ApplicationError, IdempotencyKeyReused
from qyzmet.core.signin import signed_in_with_e_signature
from qyzmet.delivery import forms, selectors, services
from qyzmet.delivery.enums import Channel
from qyzmet.delivery.models import Application, ApplicationDraft
from qyzmet.delivery.views import (
    ApplyPaidView,
    _lang,
    _Page,
    _user,
    apply_submission,
    document_errors,
    sent_already_link_text,
    sent_already_text,
)
from qyzmet.orgs.selectors import companies_of
from qyzmet.payments import services as payment_services
from qyzmet.registry.selectors import service_get, service_provider_list

CHECK = "check"
STEP_TITLES = {
    "applicant": gettext_lazy("Applicant and service provider"),
    "details": gettext_lazy("Application details"),
    "documents": gettext_lazy("Documents"),
    "consent": gettext_lazy("Consent and notifications"),
    "fee": gettext_lazy("Fee, consent and notifications"),
}


def _service_version(code: str) -> tuple[Any, Any]:
    try:
        service = service_get(code=code)
        return service, selectors.version_in_force(service=service, on=timezone.localdate())
    except ApplicationError as exc:
        raise Http404(exc.message_for()) from exc


def _fee(version: Any, exemption: str = "") -> services.Fee | None:
    try:
        return services.fee_for(version=version, on=timezone.localdate(), exemption=exemption)
    except ApplicationError:
        return None  # no MCI value: the submission is refused and says why


def _defaults(request: HttpRequest, service: Any) -> dict[str, Any]:
    """The answers a new draft starts with: the provider of the applicant's territory and the
    channels their profile can reach."""
    user = _user(request)
    default = selectors.provider_default(service=service, territory=selectors.recipient_territory(user=user))
    return {
        "provider": str(default.pk) if default else "",
        "notify_sms": bool(user.phone),
        "notify_email": bool(user.email),
    }


@dataclass
class _Flow:
    """One applicant's draft of one service, with the form its pages are cut from."""

    request: HttpRequest
    service: Any
    version: Any
    draft: ApplicationDraft

    @classmethod
    def load(cls, request: HttpRequest, code: str, key: str) -> _Flow:
        service, version = _service_version(code)
        draft = selectors.application_draft_get(owner=_user(request), key=key)
        if draft is None or draft.service_id != service.pk:
            raise Http404
        return cls(request=request, service=service, version=version, draft=draft)

    @property
    def fee(self) -> services.Fee | None:
        return _fee(self.version)

    def values(self) -> dict[str, Any]:
        return {**_defaults(self.request, self.service), **self.draft.values}

    def form(self, data: dict[str, Any] | None = None, files: Any = None) -> forms.ApplyForm:
        request = self.request
        user = _user(request)
        return forms.ApplyForm(
            data,
            files,
            fields=selectors.form_field_list(version=self.version),
            checklist=selectors.required_document_checklist(
                version=self.version,
                channel=Channel.EGOV_PORTAL,
                identified_by_signature=signed_in_with_e_signature(request),
                fee_paid_in_system=services.fee_paid_in_system(version=self.version),
            ),
            language=_lang(),
            providers=list(service_provider_list(service=self.service)),
            companies=list(companies_of(user)),
            known=selectors.applicant_known(user=user),
            exemptions=[(e.value, str(e.label)) for e in services.fee_exemptions(version=self.version)],
            consent_answer=True,
            initial=self.values() if data is None else None,
        )

    def saved_form(self) -> forms.ApplyForm:
        """The form bound to everything the draft holds, validated by its fields."""
        form = self.form(self.values())
        form.is_valid()
        return form

    def steps(self, form: forms.ApplyForm) -> list[str]:
        """The question pages of this service: details only when its form has fields."""
        return [s for s in forms.APPLY_STEPS if s != "details" or form.data_fields]

    def url(self, step: str) -> str:
        kwargs = {"code": self.service.code, "key": str(self.draft.key)}
        if step == CHECK:
            return reverse("delivery:apply-check", kwargs=kwargs)
        return reverse("delivery:apply-step", kwargs={**kwargs, "step": step})

    def check(self, form: forms.ApplyForm, *, step: str | None = None) -> None:
        """Run the whole check of the draft (nothing is written) and put each problem next to
        its field; a page (``step``) keeps only those of its own fields."""
        exemption = str(getattr(form, "cleaned_data", {}).get("fee_exemption") or "")
        documents = services.application_draft_documents(
            draft=self.draft,
            documents=[services.SubmittedDocument(**d) for d in form.submitted_documents()],
        )
        try:
            services.application_draft_check(
                service=self.service,
                version=self.version,
                provider=form.chosen_provider(),
                recipient_user=_user(self.request),
                channel=Channel.EGOV_PORTAL,
                data=form.service_data(),
                documents=documents,
                on=timezone.localdate(),
                identified_by_signature=signed_in_with_e_signature(self.request),
                fee_paid_in_system=services.fee_paid_in_system(version=self.version) or bool(exemption),
                fee_exempt=bool(exemption),
            )
        except ApplicationError as exc:
            place_step_errors(form, exc, step=step)
        if step is not None:
            form.keep_errors_of(step)


def place_step_errors(form: forms.ApplyForm, err: ApplicationError, *, step: str | None) -> None:
    """Each problem next to its field, once. A problem whose field is not on the form (a value
    the profile gave) is told at the top of its own page. The document set's message is not
    repeated: each missing, undated or expired document is marked on its own row."""
    if isinstance(err, IdempotencyKeyReused):
        form.add_error(None, sent_already_text())  # issue 20.4: plain words, not the API's text
        return
    for name, text in err.field_messages_for().items():
        if name in form.fields:
            if name not in form.errors:
                form.add_error(name, text)
        elif name != "documents" and (step is None or forms.apply_step_of(name) == step):
            form.add_error(None, text)
    document_errors(form, err)
    if not err.fields:
        form.add_error(None, err.message_for())


@method_decorator(never_cache, name="dispatch")
class ApplyStartView(_Page):
    """``/delivery/apply/<code>/``: the start page. GET resumes the applicant's open draft of
    the service (its first page) or shows what the application asks, writing nothing; "Start
    now" (POST) starts the draft and goes to its first page."""

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        service, version = _service_version(code)
        draft = selectors.application_draft_open(owner=_user(request), service=service)
        if draft is not None:
            return redirect(
                "delivery:apply-step", code=service.code, key=str(draft.key), step=forms.APPLY_STEPS[0]
            )
        lang = _lang()
        checklist = selectors.required_document_checklist(
            version=version,
            channel=Channel.EGOV_PORTAL,
            identified_by_signature=signed_in_with_e_signature(request),
            fee_paid_in_system=services.fee_paid_in_system(version=version),
        )
        fields = selectors.form_field_list(version=version)
        prefilled = selectors.form_field_prefill(
            fields=fields,
            known={k: v for k, v in selectors.applicant_known(user=_user(request)).items() if v},
        )
        has_details = any(f.code not in prefilled for f in fields)
        fee = _fee(version)
        steps = [s for s in forms.APPLY_STEPS if s != "details" or has_details]
        return render(
            request,
            "delivery/apply/start.html",
            {
                "service": service,
                "service_name": service.name(lang),
                "titles": [
                    STEP_TITLES["fee" if s == "consent" and fee and fee.full_tenge else s] for s in steps
                ]
                + [_("Check your answers")],
                "documents": [rd.name(lang) for rd in checklist if not rd.privileged_only],
                "fee": fee,
                "offered": selectors.channel_term(version=version, channel=Channel.EGOV_PORTAL) is not None,
            },
        )

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        service, _version = _service_version(code)
        draft = services.application_draft_start(
            owner=_user(request), service=service, values=_defaults(request, service)
        )
        return redirect(
            "delivery:apply-step", code=service.code, key=str(draft.key), step=forms.APPLY_STEPS[0]
        )


def _flow_or_done(request: HttpRequest, code: str, key: str) -> _Flow | HttpResponse:
    """The draft's pages; once the draft is submitted (a second click, Back from the
    confirmation to a question page, issue 20.4), its application's confirmation, saying the
    form was already sent: never a "not found", and nothing is submitted twice."""
    submitted = selectors.application_draft_submitted(owner=_user(request), key=key)
    if submitted is not None:
        messages.info(request, sent_already_link_text(submitted))
        return redirect("delivery:apply-confirmation", number=submitted.number)
    return _Flow.load(request, code, key)


@method_decorator(never_cache, name="dispatch")
class ApplyStepView(_Page):
    """One question page. GET shows the draft's answers (``?check=1``: with the problems
    "Check your answers" found); POST saves the page's answers and scans into the draft and
    goes on, or shows the page again with its problems, every answer and scan kept."""

    def get(self, request: HttpRequest, code: str, key: str, step: str) -> HttpResponse:
        flow = _flow_or_done(request, code, key)
        if isinstance(flow, HttpResponse):
            return flow
        if request.GET.get("check"):
            form = flow.saved_form()
            flow.check(form, step=step)
        else:
            form = flow.form()
        return self._render(
            flow, form, step, returning=bool(request.GET.get("check") or request.GET.get("change"))
        )

    def post(self, request: HttpRequest, code: str, key: str, step: str) -> HttpResponse:
        flow = _flow_or_done(request, code, key)
        if isinstance(flow, HttpResponse):
            return flow
        if step not in flow.steps(flow.form()):
            raise Http404
        # This page's answers over the draft's (an unticked box is an answer too).
        data = {k: v for k, v in flow.values().items() if forms.apply_step_of(k) != step}
        data.update({k: request.POST.get(k) for k in request.POST if forms.apply_step_of(k) == step})
        form = flow.form(data, request.FILES)
        form.is_valid()
        documents_page = step == "documents"
        try:
            saved = services.application_draft_save(
                owner=_user(request),
                service=flow.service,
                key=str(flow.draft.key),
                values=form.draft_values(),
                files=form.uploads() if documents_page else {},
                remove=form.removed() if documents_page else (),
            )
        except services.DraftNotFound as exc:
            raise Http404 from exc
        flow.draft = saved.draft
        for name, texts in saved.upload_errors.items():
            form.add_error(name, texts.get((get_language() or "kk")[:2]) or texts.get("ru", ""))
        flow.check(form, step=step)
        returning = request.POST.get("return") == CHECK
        if form.errors:
            return self._render(flow, form, step, returning=returning, status=400)
        steps = flow.steps(form)
        following = steps[steps.index(step) + 1] if step in steps[:-1] and not returning else CHECK
        return redirect(flow.url(following))

    def _render(
        self, flow: _Flow, form: forms.ApplyForm, step: str, *, returning: bool, status: int = 200
    ) -> HttpResponse:
        steps = flow.steps(form)
        if step not in steps:
            raise Http404
        index = steps.index(step)
        fee = flow.fee
        lang = _lang()
        user = _user(flow.request)
        scans = {row.required_document_id: row for row in flow.draft.files.all()}
        asked = {rd.pk for rd in form.checklist}
        return render(
            flow.request,
            f"delivery/apply/step_{step}.html",
            {
                "flow": flow,
                "service": flow.service,
                "service_name": flow.service.name(lang),
                "form": form.govuk(),
                "step": step,
                # The page's own address, never its fragment: a form sent to an empty action
                # goes to the page's address with its fragment (a "Change" link's
                # ``#id_<field>``), and each redirect after it would keep it (to the gateway and
                # the confirmation).
                "action": flow.url(step),
                "title": STEP_TITLES["fee" if step == "consent" and fee and fee.full_tenge else step],
                "number": index + 1,
                "total": len(steps) + 1,
                "back_url": flow.url(CHECK)
                if returning
                else (
                    flow.url(steps[index - 1])
                    if index
                    else reverse("registry:service-detail", args=[flow.service.code])
                ),
                "returning": returning,
                "lang": lang,
                "fee": fee,
                "applicant_name": user.get_full_name() or str(user),
                "applicant_iin": user.iin,
                "applicant_phone": user.phone,
                "documents": [(rd, fields, scans.get(rd.pk)) for rd, fields in form.document_groups()],
                "state_documents": [
                    rd for rd in flow.version.required_documents.all() if rd.obtainable_from_state_system
                ],
                "not_asked": [
                    (rd, rd.role)
                    for rd in flow.version.required_documents.all()
                    if rd.pk not in asked and not rd.obtainable_from_state_system
                ],
            },
            status=status,
        )


def _shown(bound: Any) -> str:
    """What an answer reads as on "Check your answers": a choice by its label, a box as yes/no,
    a date as dd.mm.yyyy."""
    value = bound.value()
    if bound.widget_type == "checkbox":
        return _("Yes") if value else _("No")
    if isinstance(bound.field, DateField) or getattr(bound.field.widget, "input_type", "") == "date":
        return forms.date_shown(value)
    choices = getattr(bound.field, "choices", None) or getattr(bound.field.widget, "choices", None)
    if choices:
        return str(dict((str(k), v) for k, v in choices).get(str(value or ""), value or ""))
    return str(value or "")


@method_decorator(never_cache, name="dispatch")
class ApplyCheckView(_Page):
    """ "Check your answers": every answer with a "Change" link to its page (and its field: a
    fragment, which the pages' forms, sent to their own addresses, do not carry on). Any problem the
    whole check still finds sends the applicant to the page it belongs to; submitting goes
    through the paths of ADR 0019 (paid in the system: the gateway first) and 0020."""

    def _flow_or_done(self, request: HttpRequest, code: str, key: str) -> _Flow | HttpResponse:
        return _flow_or_done(request, code, key)

    def _problems(self, flow: _Flow) -> tuple[forms.ApplyForm, HttpResponse | None]:
        form = flow.saved_form()
        flow.check(form)
        for step in form.steps_with_errors():
            if step in flow.steps(form):
                return form, redirect(f"{flow.url(step)}?check=1")
        return form, None

    def get(self, request: HttpRequest, code: str, key: str) -> HttpResponse:
        flow = self._flow_or_done(request, code, key)
        if isinstance(flow, HttpResponse):
            return flow
        form, elsewhere = self._problems(flow)
        return elsewhere or self._render(flow, form)

    def post(self, request: HttpRequest, code: str, key: str) -> HttpResponse:
        flow = self._flow_or_done(request, code, key)
        if isinstance(flow, HttpResponse):
            return flow
        form, elsewhere = self._problems(flow)
        if elsewhere is not None:
            return elsewhere
        if form.errors:
            return self._render(flow, form, status=400)
        user = _user(request)
        submission = {**apply_submission(request, form), "idempotency_key": f"portal:{flow.draft.key}"}
        entered = [services.SubmittedDocument(**d) for d in form.submitted_documents()]
        try:
            fee = services.fee_for(
                version=flow.version, on=timezone.localdate(), exemption=submission["fee_exemption"]
            )
            if fee.payable_in_system:
                payment = services.application_draft_pay_start(
                    actor=user,
                    draft=flow.draft,
                    documents=entered,
                    return_url=reverse(
                        "delivery:apply-steps-paid", kwargs={"code": code, "key": str(flow.draft.key)}
                    ),
                    **submission,
                )
                if payment.is_consumable:  # paid before and not used: no second payment
                    return redirect(payment.return_url)
                return redirect(payment_services.gateway_start_url(payment=payment))
            application = services.application_draft_submit(
                actor=user, draft=flow.draft, documents=entered, recipient_user=user, **submission
            )
        except ApplicationError as exc:
            place_step_errors(form, exc, step=None)
            return self._render(flow, form, status=400)
        return redirect("delivery:apply-confirmation", number=application.number)

    def _render(self, flow: _Flow, form: forms.ApplyForm, status: int = 200) -> HttpResponse:
        lang = _lang()
        steps = flow.steps(form)
        scans = {row.required_document_id: row for row in flow.draft.files.all()}
        user = _user(flow.request)
        applicant_rows = [(_("Full name"), user.get_full_name() or str(user), "")]
        if form.companies:
            applicant_rows.append(
                (str(form.fields["applicant_for"].label), _shown(form["applicant_for"]), "applicant_for")
            )
        applicant_rows.append(
            (str(form.fields["provider"].label), _shown(form["provider"]) or "—", "provider")
        )
        details_rows = [(label, value, "") for label, value in form.known_values()] + [
            (str(b.label), _shown(b), b.name) for b in form.data_bound_fields()
        ]
        document_rows = []
        for rd, fields, scan in [(rd, f, scans.get(rd.pk)) for rd, f in form.document_groups()]:
            parts = [
                f"{b.label}: {_shown(b)}" for b in fields if b.widget_type != "clearablefile" and b.value()
            ]
            if scan is not None:
                parts.append(
                    _("Attached: %(name)s, %(size)s")
                    % {"name": scan.original_name, "size": _filesize(scan.size)}
                )
            document_rows.append((rd.name(lang), parts, f"doc{rd.pk}_number"))
        consent_rows = []
        if "fee_exemption" in form.fields:
            consent_rows.append(
                (str(form.fields["fee_exemption"].label), _shown(form["fee_exemption"]), "fee_exemption")
            )
        for name in ("consent_method", "notify_sms", "notify_email"):
            consent_rows.append((str(form.fields[name].label), _shown(form[name]), name))
        # Law 24.1, STD 8: what this applicant pays, with the exemption they chose (0 ₸ then).
        fee = _fee(flow.version, exemption=str(flow.values().get("fee_exemption") or ""))
        return render(
            flow.request,
            "delivery/apply/check.html",
            {
                "flow": flow,
                "service": flow.service,
                "service_name": flow.service.name(lang),
                "form": form,
                "number": len(steps) + 1,
                "total": len(steps) + 1,
                "action": flow.url(CHECK),  # no fragment carried on (as on the question pages)
                "back_url": flow.url(steps[-1]),
                "sections": [
                    (STEP_TITLES["applicant"], "applicant", flow.url("applicant"), applicant_rows),
                    *(
                        [(STEP_TITLES["details"], "details", flow.url("details"), details_rows)]
                        if "details" in steps
                        else []
                    ),
                ],
                "document_rows": document_rows,
                "consent_title": STEP_TITLES["fee" if fee and fee.full_tenge else "consent"],
                "consent_rows": consent_rows,
                "urls": {step: flow.url(step) for step in steps},
                "fee": fee,
                "offered": selectors.channel_term(version=flow.version, channel=Channel.EGOV_PORTAL)
                is not None,
            },
            status=status,
        )


def _filesize(size: int) -> str:
    from django.template.defaultfilters import filesizeformat

    return str(filesizeformat(size))


@method_decorator(never_cache, name="dispatch")
class ApplyStepsPaidView(ApplyPaidView):
    """ADR 0019 for the question pages: back from the gateway. Paid: the confirmation page;
    not paid: "Check your answers" of the draft, everything kept."""

    def key(self, request: HttpRequest, **kwargs: Any) -> str:
        return str(kwargs.get("key", ""))

    def back_url(self, code: str, key: str) -> str:
        return reverse("delivery:apply-check", kwargs={"code": code, "key": key})

    def done_url(self, application: Application) -> str:
        return reverse("delivery:apply-confirmation", kwargs={"number": application.number})


@method_decorator(never_cache, name="dispatch")
class ApplyConfirmationView(_Page):
    """The application was accepted: its number, then what happens next (who delivers it, by
    when, the signed receipt, the application's page, how the result is told). The applicant's
    own only; anyone else gets 404."""

    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        user = _user(request)
        application = selectors.application_confirmation_get(user=user, number=number)
        if application is None:
            raise Http404
        lang = _lang()
        channels = []
        if application.notify_sms and user.phone:
            channels.append(_("by SMS to %(phone)s") % {"phone": user.phone})
        if application.notify_email and user.email:
            channels.append(_("by e-mail to %(email)s") % {"email": user.email})
        return render(
            request,
            "delivery/apply/confirmation.html",
            {
                "application": application,
                "service_name": application.service.name(lang) if application.service else "",
                "provider_name": application.provider.name(lang) if application.provider else "",
                "channels": channels,
            },
        )


__all__ = [
    "ApplyCheckView",
    "ApplyConfirmationView",
    "ApplyStartView",
    "ApplyStepView",
    "ApplyStepsPaidView",
]
