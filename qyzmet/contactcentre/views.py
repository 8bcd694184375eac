"""Pages of the Unified Contact Centre 1414: the operator console (knowledge search, stage
lookup, complaint advice, contact record), onboardings (UCC 4-9) for the centre and the body,
requests and refusals (UCC 10-12), reports (UCC 13-14, 18, 20). Thin: rules live in
services and selectors."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from qyzmet.contactcentre import documents, forms, selectors, services
from qyzmet.contactcentre.enums import OnboardingStep, ReportKind, TrainingStatus
from qyzmet.contactcentre.models import (
    CentreReport,
    InformationRequest,
    KnowledgeArticle,
    Onboarding,
    Training,
)
from qyzmet.core import services as core_services
from qyzmet.core.confirmation import confirmation_page, is_confirmed, is_confirmed_as_shown
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.files import private_file_response
from qyzmet.core.listing import staff_list
from qyzmet.core.models import User
from qyzmet.core.params import posted_id
from qyzmet.core.throttling import by_target, refusal, throttle
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import organisation_choices


def _lang() -> str:
    return "ru" if (get_language() or "kk").startswith("ru") else "kk"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _services() -> list[tuple[str, str]]:
    """Services the operator picks from: the register's, "code — name" in the page language."""
    from qyzmet.registry.selectors import service_choices

    return service_choices(language=_lang())


def _bodies() -> list[tuple[str, str]]:
    """Bodies picked by name in the page language (the active ones)."""
    return organisation_choices(language=_lang())


def _place_error(form: Any, exc: ApplicationError, fields: dict[str, str] | None = None) -> None:
    """A service's refusal on the posted form (its field, or the form): said once, no banner.
    ``fields`` maps the service's argument to the form's field where they differ."""
    lang = get_language()
    for name, text in exc.field_messages_for(lang).items():
        name = (fields or {}).get(name, name)
        form.add_error(name if name in form.fields else None, text)
    if not exc.fields:
        form.add_error(None, exc.message_for(lang))


def _error(request: HttpRequest, exc: ApplicationError) -> None:
    messages.error(request, exc.message_for(get_language()))
    for text in exc.field_messages_for(get_language()).values():
        messages.error(request, text)


class _Page(LoginRequiredMixin, View):
    """Signed-in pages; :class:`AccessDenied` becomes HTTP 403."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return super().dispatch(request, *args, **kwargs)
        except AccessDenied as exc:
            raise PermissionDenied(exc.message_for(get_language())) from exc


class _UccPage(_Page):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not selectors.is_ucc_staff(user=_user(request)):
            raise PermissionDenied()
        return super().dispatch(request, *args, **kwargs)


class ConsoleView(_UccPage):
    """The operator's console: search, stage lookup, complaint advice, recording the contact."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, forms.StageLookupForm())

    def _render(
        self,
        request: HttpRequest,
        lookup: forms.StageLookupForm,
        contact_form: forms.ContactForm | None = None,
        status: int = 200,
    ) -> HttpResponse:
        user = _user(request)
        search = forms.SearchForm(request.GET or None)
        hits = (
            selectors.knowledge_search(user=user, query=search.cleaned_data["q"])
            if search.is_valid()
            else None
        )
        stage = None
        stage_missing = False
        if lookup.is_bound and lookup.is_valid():
            # ADR 0011: a caller must not get the digits tried one by one through the operator.
            wait = throttle(
                request,
                by_target("stage_operator", f"user:{user.pk}"),
                by_target("stage_number", lookup.cleaned_data["number"]),
            )
            if wait:
                return refusal(request, wait)
            stage = selectors.application_stage_for_caller(
                user=user, today=timezone.localdate(), **lookup.cleaned_data
            )
            stage_missing = stage is None
        return render(
            request,
            "contactcentre/console.html",
            {
                "search": search,
                "hits": hits,
                "lookup": lookup,
                "stage": stage,
                "stage_list": stage.stage_list(_lang()) if stage else [],
                "stage_provider_name": stage.provider_name(_lang()) if stage else "",
                "stage_missing": stage_missing,
                "contact_form": contact_form
                or forms.ContactForm(initial={"language": _lang()}, services=_services()),
                "advice": selectors.complaint_advice(language=_lang()),
                "contacts": selectors.contact_list(user=user).filter(operator=user)[:20],
                "lang": _lang(),
            },
            status=status,
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        if "iin_last4" in request.POST:
            # The stage lookup is POSTed: the caller's IIN digits stay out of URLs and logs.
            return self._render(request, forms.StageLookupForm(request.POST))
        form = forms.ContactForm(request.POST, services=_services())
        if form.is_valid():
            data = dict(form.cleaned_data)
            code = data.pop("service_code")
            from qyzmet.registry.selectors import service_get

            try:
                service = service_get(code=code) if code else None
                services.contact_record(actor=_user(request), service=service, **data)
            except ApplicationError as exc:
                _place_error(form, exc)
            else:
                messages.success(request, _("The contact is recorded."))
                return redirect("contactcentre:console")
        # What was typed stays, each error on its field and in the summary (issue 14.3).
        return self._render(request, forms.StageLookupForm(), contact_form=form, status=400)


class KnowledgeIndexView(_UccPage):
    def get(self, request: HttpRequest) -> HttpResponse:
        user = _user(request)
        search = forms.SearchForm(request.GET or None)
        found = (
            selectors.knowledge_search(user=user, query=search.cleaned_data["q"])
            if search.is_valid()
            else None
        )
        return render(
            request,
            "contactcentre/knowledge.html",
            {
                "search": search,
                "found": found,
                "articles": selectors.knowledge_article_list(user=user),
                "hits": selectors.knowledge_service_list(user=user),
                "lang": _lang(),
            },
        )


class ArticleDetailView(_UccPage):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        article = get_object_or_404(KnowledgeArticle.objects.select_related("service"), pk=pk)
        return render(
            request,
            "contactcentre/article.html",
            {
                "article": article,
                "versions": selectors.knowledge_article_versions(article=article),
                "form": forms.ArticleForm(
                    initial={
                        f: getattr(article, f)
                        for f in (
                            "title_kk",
                            "title_ru",
                            "procedure_kk",
                            "procedure_ru",
                            "keywords_kk",
                            "keywords_ru",
                        )
                    }
                ),
                "lang": _lang(),
            },
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        article = get_object_or_404(KnowledgeArticle.objects.select_related("service"), pk=pk)
        form = forms.ArticleForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Check the form."))
            return redirect("contactcentre:article", pk=pk)
        try:
            services.knowledge_article_save(
                actor=_user(request), service=article.service, **form.cleaned_data
            )
            messages.success(request, _("Saved."))
        except ApplicationError as exc:
            _error(request, exc)
        return redirect("contactcentre:article", pk=pk)


class OnboardingListView(_Page):
    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request)

    def _render(
        self, request: HttpRequest, plan_form: forms.PlanItemForm | None = None, status: int = 200
    ) -> HttpResponse:
        items = list(selectors.plan_item_list(user=_user(request)))
        if (
            not items
            and not selectors.is_ucc_staff(user=_user(request))
            and not selectors.is_body_staff(user=_user(request))
        ):
            raise PermissionDenied()
        today = timezone.localdate()
        rows = []
        for item in items:
            onboarding = getattr(item, "onboarding", None)
            late = (
                selectors.onboarding_is_late(onboarding=onboarding, today=today)
                if onboarding
                else today > item.planned_on
            )
            rows.append({"item": item, "onboarding": onboarding, "late": late})
        ucc = selectors.is_ucc_staff(user=_user(request))
        return render(
            request,
            "contactcentre/onboardings.html",
            {
                "rows": rows,
                "ucc": ucc,
                "plans": selectors.plan_schedule_list() if ucc else [],
                "plan_form": (plan_form or forms.PlanItemForm(services=_services())) if ucc else None,
                "lang": _lang(),
            },
            status=status,
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        """The centre: add a plan item (UCC 3; prepared and approved on the plan-schedule page),
        send the request (UCC 4)."""
        from qyzmet.contactcentre.models import PlanItem, PlanSchedule
        from qyzmet.registry.selectors import service_get

        user = _user(request)
        if not selectors.is_ucc_staff(user=user):
            raise PermissionDenied()
        try:
            if "request" in request.POST:
                item = get_object_or_404(PlanItem, pk=posted_id(request.POST.get("request")))
                onboarding = services.onboarding_request_send(actor=user, item=item)
                messages.success(request, _("The request is sent."))
                return redirect("contactcentre:onboarding", pk=onboarding.pk)
            form = forms.PlanItemForm(request.POST, services=_services())
            if not form.is_valid():
                return self._render(request, plan_form=form, status=400)
            d = form.cleaned_data
            try:
                with transaction.atomic():
                    plan = PlanSchedule.objects.filter(
                        year=d["year"]
                    ).first() or services.plan_schedule_create(actor=user, year=d["year"])
                    services.plan_item_add(
                        actor=user,
                        plan=plan,
                        service=service_get(code=d["service_code"]),
                        planned_on=d["planned_on"],
                    )
            except ApplicationError as exc:
                _place_error(form, exc)
                return self._render(request, plan_form=form, status=400)
            messages.success(request, _("Saved."))
        except ApplicationError as exc:
            _error(request, exc)
        return redirect("contactcentre:onboardings")


_STEP_FORMS: dict[str, tuple[type[Any], str]] = {
    OnboardingStep.REQUEST_SENT: (forms.ResponsibleForm, "body"),
    OnboardingStep.RESPONSIBLE_NAMED: (forms.InformationForm, "body"),
    OnboardingStep.INFORMATION_SIGNED: (forms.TrainingForm, "ucc"),
    OnboardingStep.TRAINING_HELD: (forms.ProtocolForm, "ucc"),
}


class OnboardingDetailView(_Page):
    def _get(self, request: HttpRequest, pk: int) -> Onboarding:
        onboarding = get_object_or_404(
            Onboarding.objects.select_related("item__service", "item__body", "item__plan"), pk=pk
        )
        return selectors.access_onboarding(user=_user(request), onboarding=onboarding)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        onboarding = self._get(request, pk)
        if request.GET.get("protocol") and onboarding.protocol_signed_on:
            response = HttpResponse(
                documents.protocol_pdf(onboarding=onboarding, language=_lang()),
                content_type="application/pdf",
            )
            response["Content-Disposition"] = f'inline; filename="{onboarding.protocol_number}.pdf"'
            return response
        return self._render(request, onboarding)

    def _render(
        self, request: HttpRequest, onboarding: Onboarding, bound: dict[str, Any] | None = None
    ) -> HttpResponse:
        """The page; ``bound``: the posted form refused ("form", "change_form" or
        "responsible_form"), shown again with what was typed and each error on its field."""
        bound = bound or {}
        step_form = _STEP_FORMS.get(onboarding.step)
        ucc = selectors.is_ucc_staff(user=_user(request))
        form = None
        if step_form and (step_form[1] == "ucc") == ucc:
            form = bound.get("form") or step_form[0]()
        # UCC 5: only the head of the body confirms the signed information
        awaiting_head = onboarding.step == OnboardingStep.RESPONSIBLE_NAMED and not services.is_head_of(
            user=_user(request), body=onboarding.item.body
        )
        if awaiting_head:
            form = None
        informed = onboarding.step not in (OnboardingStep.REQUEST_SENT, OnboardingStep.RESPONSIBLE_NAMED)
        return render(
            request,
            "contactcentre/onboarding.html",
            {
                "onboarding": onboarding,
                "information": selectors.onboarding_information(onboarding=onboarding, language=_lang()),
                "steps": selectors.onboarding_steps(onboarding=onboarding),
                "updates": onboarding.updates.all(),
                "form": form,
                "awaiting_head": awaiting_head,
                "change_form": (bound.get("change_form") or forms.InformationChangeForm())
                if informed and not ucc
                else None,
                "responsible_form": (bound.get("responsible_form") or forms.ResponsibleChangeForm())
                if onboarding.responsible_named_on and not ucc
                else None,
                "lang": _lang(),
            },
            status=400 if bound else 200,
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        onboarding = self._get(request, pk)
        user = _user(request)
        action = request.POST.get("action", "step")
        if action in ("change", "responsible"):
            return self._change(request, onboarding, action)
        step_form = _STEP_FORMS.get(onboarding.step)
        if step_form is None:
            raise PermissionDenied()
        form = step_form[0](request.POST)
        if not form.is_valid():
            return self._render(request, onboarding, {"form": form})
        data = form.cleaned_data
        try:
            if onboarding.step == OnboardingStep.REQUEST_SENT:
                services.onboarding_responsible_name(actor=user, onboarding=onboarding, **data)
            elif onboarding.step == OnboardingStep.RESPONSIBLE_NAMED:
                services.onboarding_information_submit(
                    actor=user,
                    onboarding=onboarding,
                    information={k: data[k] for k in ("extra_kk", "extra_ru") if data[k]},
                    signed_on=data["signed_on"],
                )
            elif onboarding.step == OnboardingStep.INFORMATION_SIGNED:
                services.onboarding_training_record(actor=user, onboarding=onboarding, **data)
            else:
                services.onboarding_protocol_sign(actor=user, onboarding=onboarding, **data)
        except ApplicationError as exc:
            if isinstance(exc, AccessDenied):
                raise
            _place_error(form, exc)
            return self._render(request, onboarding, {"form": form})
        messages.success(request, _("The step is recorded."))
        return redirect("contactcentre:onboarding", pk=pk)

    def _change(self, request: HttpRequest, onboarding: Onboarding, action: str) -> HttpResponse:
        """UCC 6-7, Law 23.2: changed information (answering the oldest open update of a
        standard change, if any) or a new responsible person."""
        user = _user(request)
        form: Any = (forms.InformationChangeForm if action == "change" else forms.ResponsibleChangeForm)(
            request.POST
        )
        bound = {("change_form" if action == "change" else "responsible_form"): form}
        if not form.is_valid():
            return self._render(request, onboarding, bound)
        data = form.cleaned_data
        try:
            if action == "change":
                pending = onboarding.updates.filter(done_on__isnull=True, kind="standard_changed").first()
                services.information_update_submit(
                    actor=user,
                    onboarding=onboarding,
                    information={k: data[k] for k in ("extra_kk", "extra_ru") if data[k]},
                    changed_on=data["changed_on"],
                    update=pending,
                )
            else:
                services.responsible_person_change(actor=user, onboarding=onboarding, **data)
        except ApplicationError as exc:
            if isinstance(exc, AccessDenied):
                raise
            _place_error(form, exc)
            return self._render(request, onboarding, bound)
        messages.success(request, _("Saved."))
        return redirect("contactcentre:onboarding", pk=onboarding.pk)


class RequestListView(_Page):
    """UCC 10-12: requests, answers and refusals (recorded by the body in the system or by an
    operator in any form, with files); UCC 11.2: explanations given orally or by telephone."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request)

    def _render(
        self,
        request: HttpRequest,
        form: forms.RequestForm | None = None,
        status: int = 200,
        refusal_form: forms.RefusalRecordForm | None = None,
        explanation_form: forms.ExplanationForm | None = None,
    ) -> HttpResponse:
        user = _user(request)
        ucc = selectors.is_ucc_staff(user=user)
        selectors.information_request_list(user=user)  # AccessDenied for anyone but the UCC and bodies
        listing = staff_list(
            params=request.GET,
            form_class=forms.RequestListFilterForm,
            form_kwargs={"bodies": selectors.information_request_body_choices(user=user)},
            rows=lambda **filters: selectors.information_request_register(user=user, **filters),
            today=timezone.localdate(),
            default_sort=selectors.REQUEST_DEFAULT_SORT,
        )
        return render(
            request,
            "contactcentre/requests.html",
            {
                "listing": listing,
                "requests": list(listing.page.object_list),
                "ucc": ucc,
                "form": (form or forms.RequestForm(bodies=_bodies())) if ucc else None,
                "answer_form": forms.RequestAnswerForm(),
                "refusal_form": (refusal_form or _refusal_form(user)) if ucc else None,
                "explanation_form": (explanation_form or forms.ExplanationForm(bodies=_bodies()))
                if ucc
                else None,
                "explanations": selectors.body_explanation_list(user=user)[:50],
                "reports": selectors.quality_authority_report_list(user=user) if ucc else [],
                "lang": _lang(),
            },
            status=status,
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        user = _user(request)
        action = request.POST.get("action", "")
        if action == "record_refusal":
            return self._record_refusal(request)
        if action == "explanation":
            return self._explanation(request)
        try:
            if "request" in request.POST:
                item = get_object_or_404(InformationRequest, pk=posted_id(request.POST.get("request")))
                selectors.access_information_request(user=user, request=item)
                answer = forms.RequestAnswerForm(request.POST)
                text = answer.cleaned_data["text"] if answer.is_valid() else ""
                if action == "refuse":
                    services.information_request_refuse(actor=user, request=item, reason=text)
                else:
                    services.information_request_answer(actor=user, request=item, answer_text=text)
            else:
                form = forms.RequestForm(request.POST, bodies=_bodies())
                if not form.is_valid():
                    return self._render(request, form=form, status=400)
                body = get_object_or_404(Organisation, code=form.cleaned_data["body"])
                try:
                    services.information_request_send(
                        actor=user, body=body, subject=form.cleaned_data["subject"]
                    )
                except ApplicationError as exc:
                    _place_error(form, exc)
                    return self._render(request, form=form, status=400)
            messages.success(request, _("Saved."))
        except ApplicationError as exc:
            _error(request, exc)
        return redirect("contactcentre:requests")

    def _record_refusal(self, request: HttpRequest) -> HttpResponse:
        """UCC 11-12: what was typed stays on a refusal (the files must be chosen again)."""
        user = _user(request)
        form = _refusal_form(user, data=request.POST, files=request.FILES)
        if form.is_valid():
            d = form.cleaned_data
            item = get_object_or_404(InformationRequest, pk=posted_id(d["request"]))
            try:
                services.information_refusal_record(
                    actor=user,
                    request=selectors.access_information_request(user=user, request=item),
                    form=d["form"],
                    reason=d["reason"],
                    refused_on=d["refused_on"],
                    files=d["documents"],
                )
            except ApplicationError as exc:
                _place_error(form, exc)
            else:
                messages.success(request, _("The refusal is recorded."))
                return redirect("contactcentre:requests")
        return self._render(request, refusal_form=form, status=400)

    def _explanation(self, request: HttpRequest) -> HttpResponse:
        """UCC 11.2: an explanation given by a body; what was typed stays on a refusal."""
        user = _user(request)
        form = forms.ExplanationForm(request.POST, bodies=_bodies())
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.body_explanation_record(
                    actor=user,
                    body=get_object_or_404(Organisation, code=d["body"]),
                    channel=d["channel"],
                    given_by=d["given_by"],
                    given_at=d["given_at"],
                    content=d["content"],
                )
            except ApplicationError as exc:
                _place_error(form, exc)
            else:
                messages.success(request, _("The explanation is recorded."))
                return redirect("contactcentre:requests")
        return self._render(request, explanation_form=form, status=400)


def _refusal_form(user: User, **kwargs: Any) -> forms.RefusalRecordForm:
    open_requests = [
        (str(r.pk), f"{r.sent_on:%d.%m.%Y} · {r.body.name(_lang())} · {r.subject[:80]}")
        for r in selectors.information_request_list(user=user)
        .filter(status="sent")
        .order_by("-sent_on", "-pk")
    ]
    return forms.RefusalRecordForm(open_requests=open_requests, **kwargs)


class PlanScheduleListView(_Page):
    """UCC 3: the plan-schedules with who prepared and who approved them and when; the centre
    prepares, the informatization authority's head approves."""

    def get(self, request: HttpRequest) -> HttpResponse:
        user = _user(request)
        return render(
            request,
            "contactcentre/plans.html",
            {
                "plans": selectors.access_plan_schedules(user=user),
                "ucc": selectors.is_ucc_staff(user=user),
                "approver": services.plan_approver_authority(user=user),
                "lang": _lang(),
            },
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        from qyzmet.contactcentre.models import PlanSchedule

        user = _user(request)
        selectors.access_plan_schedules(user=user)
        action = request.POST.get("action", "")
        plan = get_object_or_404(PlanSchedule, pk=posted_id(request.POST.get("plan")))
        if action not in ("prepare", "approve"):
            raise PermissionDenied()
        may_act = (
            selectors.is_ucc_staff(user=user)
            if action == "prepare"
            else services.plan_approver_authority(user=user) is not None
        )
        fingerprint = selectors.plan_schedule_fingerprint(plan=plan)
        # UCC 3: asked only of who may act (anyone else is refused by the service): what is
        # sent or approved is shown first, and the confirmation is bound to it.
        if may_act and not plan.is_approved and not is_confirmed_as_shown(request, fingerprint):
            return self._confirmation(request, plan, action, fingerprint)
        try:
            if action == "approve":
                services.plan_schedule_approve(actor=user, plan=plan, seen=fingerprint if may_act else None)
                messages.success(request, _("The plan-schedule is approved."))
            else:
                services.plan_schedule_prepare(actor=user, plan=plan, seen=fingerprint if may_act else None)
                messages.success(request, _("The plan-schedule is sent for approval."))
        except ApplicationError as exc:
            if isinstance(exc, AccessDenied):
                raise
            _error(request, exc)
        return redirect("contactcentre:plans")

    def _confirmation(self, request: HttpRequest, plan: Any, action: str, fingerprint: str) -> HttpResponse:
        """UCC 3: the plan-schedule as it would be sent (by the centre) or approved (by the
        informatization authority's head), to confirm; shown again if it changed meanwhile."""
        stale = is_confirmed(request)
        if action == "approve":
            heading = _("Approve the plan-schedule for %(year)s?") % {"year": plan.year}
            consequence = _(
                "An approved plan-schedule is fixed: no service can be added to it or changed "
                "(UCC 3). The contact centre then sends the requests to the bodies."
            )
            label = _("Approve the plan-schedule")
        else:
            heading = _(
                "Send the plan-schedule for %(year)s to the informatization authority for approval?"
            ) % {"year": plan.year}
            consequence = _(
                "The informatization authority gets an e-mail and approves it (UCC 3). Until it is "
                "approved you can add services, then send it again."
            )
            label = _("Send for approval")
        return confirmation_page(
            request,
            heading=heading,
            consequence=consequence,
            confirm_label=label,
            back_url=reverse("contactcentre:plans"),
            fingerprint=fingerprint,
            notice=_("The plan-schedule changed since it was shown to you: check it again.") if stale else "",
            details_template="contactcentre/_plan_confirm.html",
            details={"plan": plan, "items": selectors.plan_items_shown(plan=plan), "lang": _lang()},
        )


class RefusalReportListView(_Page):
    """UCC 12: the reports on bodies refusing information, for the quality authority."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "contactcentre/refusal_reports.html",
            {"reports": selectors.quality_authority_report_list(user=_user(request)), "lang": _lang()},
        )


class RefusalReportDetailView(_Page):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = selectors.access_quality_authority_report(user=_user(request), pk=pk)
        return render(
            request,
            "contactcentre/refusal_report.html",
            {"report": report, "requests": list(report.requests.all()), "lang": _lang()},
        )


class RefusalFileView(_Page):
    """UCC 12: a supporting file, served inert after the access check (ADR 0014)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        from qyzmet.core.files import private_file_response

        found = selectors.access_refusal_file(user=_user(request), pk=pk)
        word = "otkaz" if _lang() == "ru" else "bas-tartu"
        return private_file_response(
            file=found.file, download_name=f"1414-{word}-{found.request_id}-{found.pk}"
        )


class ReportListView(_Page):
    """UCC 13-14, 18: the centre builds the reports; the addressees' staff see those sent to them."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, forms.ReportBuildForm())

    def _render(self, request: HttpRequest, form: forms.ReportBuildForm, status: int = 200) -> HttpResponse:
        user = _user(request)
        return render(
            request,
            "contactcentre/reports.html",
            {
                "reports": selectors.report_list(user=user),
                "ucc": selectors.is_ucc_staff(user=user),
                "form": form,
                "today": timezone.localdate(),
            },
            status=status,
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        user = _user(request)
        selectors.report_list(user=user)
        form = forms.ReportBuildForm(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        d = form.cleaned_data
        try:
            if d["kind"] == "monthly":
                report = services.monthly_report_build(actor=user, year=d["year"], month=d["period"])
            else:
                report = services.quarterly_report_build(actor=user, year=d["year"], quarter=d["period"])
        except ApplicationError as exc:
            if isinstance(exc, AccessDenied):
                raise
            _place_error(form, exc, fields={"month": "period", "quarter": "period"})
            return self._render(request, form, status=400)
        messages.success(request, _("The report is built. Check the figures and send it."))
        return redirect("contactcentre:report", pk=report.pk)


class ReportDetailView(_Page):
    """One report: its figures, files, discrepancies (UCC 20); the centre sends it after
    confirming (UCC 13-14, 18); the addressee's staff open it from the e-mail's link."""

    def _get(self, request: HttpRequest, pk: int) -> CentreReport:
        report = get_object_or_404(CentreReport.objects.select_related("addressee"), pk=pk)
        return selectors.access_centre_report(user=_user(request), report=report)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = self._get(request, pk)
        return self._render(request, report, self._discrepancy_form(report))

    @staticmethod
    def _discrepancy_form(report: CentreReport, data: Any = None) -> forms.DiscrepancyForm:
        bodies = selectors.report_body_choices(report=report, language=_lang())
        return forms.DiscrepancyForm(data, bodies=bodies)

    def _render(
        self, request: HttpRequest, report: CentreReport, form: forms.DiscrepancyForm
    ) -> HttpResponse:
        return render(
            request,
            "contactcentre/report.html",
            {
                "report": report,
                "rows": documents.report_rows(report=report, language=_lang()),
                "ucc": selectors.is_ucc_staff(user=_user(request)),
                "monthly": report.kind == ReportKind.MONTHLY_COMPLAINTS,
                "form": form,
                "send_consequence": self._consequence(report),
                "today": timezone.localdate(),
            },
            status=400 if form.is_bound else 200,
        )

    @staticmethod
    def _consequence(report: CentreReport) -> str:
        return _(
            "The report goes to %(addressee)s: an e-mail to each of its staff with the figures, the "
            "XLSX and the signed PDF. A sent report cannot be rebuilt."
        ) % {"addressee": report.addressee.name(_lang())}

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = self._get(request, pk)
        user = _user(request)
        if request.POST.get("action") == "send":
            return self._send(request, report, user)
        form = self._discrepancy_form(report, request.POST)
        if not form.is_valid():
            return self._render(request, report, form)
        d = form.cleaned_data
        try:
            body = Organisation.objects.filter(code=d["body"]).first()
            if body is None:
                raise PermissionDenied()
            services.report_discrepancy_record(
                actor=user,
                report=report,
                figure=d["figure"],
                body=body,
                body_value=d["body_value"],
                explanation=d["explanation"],
            )
        except ApplicationError as exc:
            _place_error(form, exc)
            return self._render(request, report, form)
        messages.success(request, _("The explanation was sent to the quality authority."))
        return redirect("contactcentre:report", pk=report.pk)

    def _send(self, request: HttpRequest, report: CentreReport, user: User) -> HttpResponse:
        if not is_confirmed(request):
            return confirmation_page(
                request,
                heading=_("Send the report?"),
                consequence=self._consequence(report),
                confirm_label=_("Send"),
                back_url=reverse("contactcentre:report", kwargs={"pk": report.pk}),
            )
        try:
            services.report_send(actor=user, report=report)
        except ApplicationError as exc:
            _error(request, exc)
        else:
            messages.success(request, _("The report was sent to its addressee."))
        return redirect("contactcentre:report", pk=report.pk)


class ReportFileView(_Page):
    """The report's XLSX or PDF (the signed PDF once sent), for whoever may open the report."""

    def get(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        report = get_object_or_404(CentreReport.objects.select_related("addressee"), pk=pk)
        selectors.access_centre_report(user=_user(request), report=report)
        name = documents.report_file_name(report, _lang())
        if fmt == "xlsx":
            response = HttpResponse(
                documents.report_xlsx(report=report, language=_lang()),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
            return response
        if fmt != "pdf":
            raise Http404()
        with transaction.atomic():
            content = documents.report_signed_pdf(report=report, language=_lang())
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
        return response


class TrainingListView(_Page):
    """UCC 19: the quality authority's requests for training and the trainings held."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request)

    def _render(
        self,
        request: HttpRequest,
        request_form: forms.TrainingRequestForm | None = None,
        failed: tuple[int, Any] | None = None,
    ) -> HttpResponse:
        user = _user(request)
        trainings = list(selectors.training_list(user=user))
        ucc = selectors.is_ucc_staff(user=user)
        for t in trainings:
            form_class = (
                forms.TrainingScheduleForm if t.status == TrainingStatus.REQUESTED else forms.TrainingHeldForm
            )
            t.form = failed[1] if failed and failed[0] == t.pk else form_class(prefix=f"t{t.pk}")  # type: ignore[attr-defined]
        return render(
            request,
            "contactcentre/trainings.html",
            {"trainings": trainings, "ucc": ucc, "form": request_form or forms.TrainingRequestForm()},
            status=400 if request_form is not None or failed is not None else 200,
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        user = _user(request)
        selectors.training_list(user=user)
        if "training" in request.POST:
            return self._step(request, user)
        form, kept = self._request_form(request, user)
        if not form.is_valid():
            return self._render(request, form)
        d = form.cleaned_data
        try:
            services.training_request_record(
                actor=user,
                letter_number=d["letter_number"],
                letter_date=d["letter_date"],
                letter_file=d["letter_file"],
            )
        except ApplicationError as exc:
            if isinstance(exc, AccessDenied):
                raise
            _place_error(form, exc)
            return self._render(request, form)
        if kept is not None:
            core_services.kept_upload_discard(kept=kept)
        messages.success(request, _("The request for training is recorded."))
        return redirect("contactcentre:trainings")

    @staticmethod
    def _request_form(request: HttpRequest, user: User) -> tuple[forms.TrainingRequestForm, Any]:
        """UCC 19: the written request as posted; its letter is kept server-side at once
        (``core.KeptUpload``), so a refusal on another field does not ask for it again."""
        kept = core_services.kept_upload_get(owner=user, key=request.POST.get("letter_file_key", ""))
        refused: ApplicationError | None = None
        upload = request.FILES.get("letter_file")
        if upload is not None:
            try:
                kept = core_services.kept_upload_store(owner=user, file=upload, field="letter_file")
            except ApplicationError as exc:
                refused, kept = exc, None
        data = request.POST.copy()
        data["letter_file_key"] = str(kept.key) if kept else ""
        files: Any = {"letter_file": core_services.kept_upload_content(kept)} if kept else {}
        form = forms.TrainingRequestForm(data, files)
        if kept is not None:
            form.keep(kept.original_name)
        if refused is not None:
            form.is_valid()
            _place_error(form, refused)
        return form, kept

    def _step(self, request: HttpRequest, user: User) -> HttpResponse:
        training = get_object_or_404(Training, pk=posted_id(request.POST.get("training")))
        prefix = f"t{training.pk}"
        if training.status == TrainingStatus.REQUESTED:
            form: Any = forms.TrainingScheduleForm(request.POST, prefix=prefix)
        else:
            form = forms.TrainingHeldForm(request.POST, prefix=prefix)
        if not form.is_valid():
            return self._render(request, failed=(training.pk, form))
        d = form.cleaned_data
        try:
            if isinstance(form, forms.TrainingScheduleForm):
                services.training_schedule(
                    actor=user,
                    training=training,
                    scheduled_on=d["scheduled_on"],
                    trainer=d["trainer"],
                    topic=d["topic"],
                )
            else:
                services.training_record_held(
                    actor=user,
                    training=training,
                    held_on=d["held_on"],
                    trainees=d["trainees"].splitlines(),
                    result=d["result"],
                )
        except ApplicationError as exc:
            _place_error(form, exc)
            return self._render(request, failed=(training.pk, form))
        messages.success(request, _("Saved."))
        return redirect("contactcentre:trainings")


class TrainingLetterView(_Page):
    """UCC 19: the request letter's file, for those who see the trainings."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        training = get_object_or_404(Training, pk=pk)
        selectors.access_training(user=_user(request), training=training)
        word = "obrashchenie-ob-obuchenii" if _lang() == "ru" else "oqytu-turaly-otinish"
        return private_file_response(file=training.letter_file, download_name=f"1414-{word}-{training.pk}")
