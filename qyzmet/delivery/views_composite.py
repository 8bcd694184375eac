""" "One application" (Law 1.1-2, 4.1.4-1) in the browser: the public catalogue of composite
services (life-situation bundles), the one form for a bundle on the portal, and the parent's
page that follows every child. Thin: the plan and access are selectors
(``selectors_composite``), the submission is ``services.composite_application_submit``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from qyzmet.core import form_keys
from qyzmet.core.errors import AccessDenied, ApplicationError, IdempotencyKeyReused
from qyzmet.core.models import User
from qyzmet.delivery import selectors, services
from qyzmet.delivery.enums import ApplicationStatus, Channel, StageKind
from qyzmet.delivery.forms_composite import CompositeApplyForm, provider_field_name
from qyzmet.delivery.selectors_composite import (
    CompositePlan,
    access_composite_application,
    composite_plan,
    composite_service_get,
    composite_service_list,
)
from qyzmet.delivery.views import sent_already, sent_already_link_text, sent_form_context

_PORTAL = Channel.EGOV_PORTAL


def _lang() -> str:
    return "ru" if (get_language() or "kk").startswith("ru") else "kk"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


class _Signed(LoginRequiredMixin, View):
    """Signed-in pages; :class:`AccessDenied` becomes HTTP 403 in the user's language."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return super().dispatch(request, *args, **kwargs)
        except AccessDenied as exc:
            raise PermissionDenied(exc.message_for(get_language())) from exc


def _plan(code: str, *, user: User | None = None) -> CompositePlan:
    try:
        composite = composite_service_get(code=code)
        return composite_plan(
            composite_service=composite,
            on=timezone.localdate(),
            channel=_PORTAL,
            recipient_territory=selectors.recipient_territory(user=user),
        )
    except ApplicationError as exc:
        raise Http404(exc.message_for()) from exc


# --- Public catalogue ---------------------------------------------------------------------


class CompositeListView(View):
    """Law 1.1-2, 4.1.4-1: the composite services a recipient may apply for on one application,
    found by their name, a member service's name or code, or the life situation (kk/ru)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        q = request.GET.get("q", "").strip()[:200]
        lang = _lang()
        rows = []
        for composite in composite_service_list(q=q):
            rows.append(
                {
                    "composite": composite,
                    "name": composite.name(lang),
                    "description": composite.description(lang),
                    "services": [(s.code, s.name(lang)) for s in composite.services.all()],
                }
            )
        return render(request, "delivery/composite_list.html", {"rows": rows, "q": q, "lang": lang})


class CompositeServiceView(View):
    """A composite service in plain language: its member services with their providers and
    terms, and the documents and details the one application asks for (each once)."""

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        plan = _plan(code)
        lang = _lang()
        return render(
            request,
            "delivery/composite_service.html",
            {
                "plan": plan,
                "name": plan.composite.name(lang),
                "description": plan.composite.description(lang),
                "children": [
                    {
                        "child": c,
                        "name": c.service.name(lang),
                        "providers": [p.short_name(lang) for p in c.providers[:5]],
                        "providers_more": max(len(c.providers) - 5, 0),
                    }
                    for c in plan.children
                ],
                "documents": [
                    (d, d.name(lang), [plan.child(s).service.name(lang) for s in d.service_codes])  # type: ignore[union-attr]
                    for d in plan.documents
                ],
                "fields": [(f, f.field.label(lang)) for f in plan.fields],
                "lang": lang,
                "today": timezone.localdate(),
            },
        )


# --- Recipient ----------------------------------------------------------------------------


def _service_names(plan: CompositePlan, codes: list[str], lang: str) -> str:
    return "; ".join(c.service.name(lang) for c in plan.children if c.service.code in codes)


def _place_errors(form: CompositeApplyForm, err: ApplicationError) -> None:
    """The refusal on the form: per field where the field exists, the whole text on top; each
    missing or expired document marked on its own row (Law 19). The form's key reused for a
    changed form (issue 20.4): said in plain words, with a new key."""
    if isinstance(err, IdempotencyKeyReused):
        sent_already(form)
        return
    for name, text in err.field_messages_for().items():
        if name in form.fields:
            form.add_error(name, text)
    for key in err.extra.get("missing", []):
        if f"doc{key}_number" in form.fields and not form.has_error(f"doc{key}_number"):
            form.add_error(f"doc{key}_number", _("This document is required (Law 19)."))
    for key in err.extra.get("expired", []):
        name = f"doc{key}_valid_until" if f"doc{key}_valid_until" in form.fields else f"doc{key}_issued_on"
        if name in form.fields and not form.has_error(name):
            form.add_error(name, _("This document has expired (Law 19)."))
    form.add_error(None, err.message_for())


class CompositeApplyView(_Signed):
    """Law 1.1-2, 4.1.4-1: one form for a composite service on the portal: the union of the
    member services' details and documents, each asked once; a provider to choose per service
    that more than one organisation delivers; the consent when one needs it. A refusal names
    every service refused, in the user's language, with the values kept; nothing is saved."""

    def _form(self, request: HttpRequest, plan: CompositePlan) -> CompositeApplyForm:
        user = _user(request)
        initial: dict[str, Any] = {
            "recipient_name": user.get_full_name() or str(user),
            "notify_sms": bool(user.phone),
            "notify_email": bool(user.email),
        }
        for child in plan.children:
            if child.default_provider is not None:
                initial[provider_field_name(child.service.code)] = str(child.default_provider.pk)
        posted = request.method == "POST"
        return CompositeApplyForm(
            request.POST if posted else None,
            request.FILES if posted else None,
            plan=plan,
            language=_lang(),
            known=selectors.applicant_known(user=user),
            submission=form_keys.submission_in_address(request),
            initial=initial,
        )

    def _render(self, request: HttpRequest, plan: CompositePlan, form: CompositeApplyForm) -> HttpResponse:
        lang = _lang()
        return render(
            request,
            "delivery/composite_apply.html",
            {
                "plan": plan,
                "name": plan.composite.name(lang),
                "form": form,
                "children": [
                    (child, child.service.name(lang), field, only.short_name(lang) if only else "")
                    for child, field, only in form.child_rows()
                ],
                "data_rows": [
                    (f, bound, _service_names(plan, f.service_codes, lang)) for f, bound in form.data_rows()
                ],
                # ADR 0020: what the profile answers is shown, not asked.
                "known_rows": [
                    (label, value, _service_names(plan, f.service_codes, lang))
                    for f, label, value in form.known_rows()
                ],
                "document_rows": [
                    (doc, doc.name(lang), fields, _service_names(plan, doc.service_codes, lang))
                    for doc, fields in form.document_rows()
                ],
                "consent_services": "; ".join(s.name(lang) for s in plan.consent_services),
                "lang": lang,
                # Issue 20.4: Back after sending: this form's key already submitted it.
                **sent_form_context(request, f"portal-composite:{form_keys.submission_in_address(request)}"),
            },
            status=400 if form.is_bound and form.errors else 200,
        )

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        plan = _plan(code, user=_user(request))
        if not form_keys.submission_in_address(request):
            return form_keys.with_new_submission(request)  # issue 20.4: Back keeps the form's key
        return self._render(request, plan, self._form(request, plan))

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        user = _user(request)
        plan = _plan(code, user=user)
        form = self._form(request, plan)
        if form.is_valid():
            # Issue 20.4: sent again under a key that submitted already (Back, then send): the
            # same request gets that application back, a changed one is refused.
            before = selectors.application_submitted_with_key(
                user=user, idempotency_key=form.submission_key()
            )
            try:
                parent = services.composite_application_submit(
                    actor=user,
                    composite_service=plan.composite,
                    channel=_PORTAL,
                    providers=form.chosen_providers(),
                    recipient_iin=user.iin,
                    recipient_name=form.cleaned_data["recipient_name"],
                    recipient_user=user,
                    language=_lang(),
                    data=form.service_data(),
                    documents=[services.SubmittedDocument(**d) for d in form.submitted_documents()],
                    consent_method=form.cleaned_data.get("consent_method") or "",
                    notify_sms=form.cleaned_data["notify_sms"],
                    notify_email=form.cleaned_data["notify_email"],
                    idempotency_key=form.submission_key(),
                )
            except AccessDenied:
                raise
            except ApplicationError as exc:
                _place_errors(form, exc)
            else:
                if before is not None:
                    messages.info(request, sent_already_link_text(parent))
                else:
                    messages.success(
                        request, _("Application %(number)s accepted.") % {"number": parent.number}
                    )
                return redirect("delivery:composite-detail", number=parent.number)
        return self._render(request, plan, form)


class CompositeDetailView(_Signed):
    """Law 1.1-2, 4.1.4-1, 21.2-1: the one application's page: the combined status and each
    child with its service, provider, status, current stage, due date and its result or
    refusal. The recipient sees every child; staff see the children they may see."""

    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        parent = selectors.application_get(number=number)
        if parent is None or not parent.is_composite:
            raise Http404
        user = _user(request)
        try:
            access = access_composite_application(user=user, application=parent)
        except AccessDenied:
            raise Http404 from None  # as for a number that does not exist (tester's finding 19.4)
        lang = _lang()
        rows = []
        for child in access.children:
            stages = list(child.stages.all())
            last = stages[-1] if stages else None
            rows.append(
                {
                    "child": child,
                    "service": child.service.name(lang) if child.service else "",
                    "provider": child.provider.short_name(lang) if child.provider else "",
                    "status": ApplicationStatus(child.status).label,
                    "stage": StageKind(last.kind).label if last else "",
                    "stage_at": last.occurred_at if last else None,
                    "has_result": selectors.result_available(user=user, application=child),
                    "refused": child.status == ApplicationStatus.REFUSED,
                }
            )
        return render(
            request,
            "delivery/composite_detail.html",
            {
                "parent": parent,
                "name": parent.composite_service.name(lang) if parent.composite_service else "",
                "status": ApplicationStatus(parent.status).label,
                "rows": rows,
                "lang": lang,
                "show_receipt": access.sees_all,
                "today": timezone.localdate(),
            },
        )
