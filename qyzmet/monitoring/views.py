"""Pages of the public monitoring (Law 29) and the public indicators page. Thin: the rules live
in services and selectors; a refused form is shown again with what was typed (status 400)."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import User
from qyzmet.core.refusals import AccessDeniedAs403, refusal_on_form
from qyzmet.core.replica import reads_from_replica
from qyzmet.monitoring import documents, forms, selectors, services
from qyzmet.monitoring.enums import ConclusionStatus, MonitoringStatus, RequestStatus
from qyzmet.monitoring.models import Monitoring
from qyzmet.monitoring.public import PublicFilter, public_sections
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import organisation_find_by_code
from qyzmet.registry.models import Service
from qyzmet.registry.selectors import service_choices


def _lang() -> str:
    return "ru" if (get_language() or "kk").startswith(("ru", "en")) else "kk"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


class _Page(LoginRequiredMixin, AccessDeniedAs403):
    """Signed-in pages; :class:`AccessDenied` becomes HTTP 403."""


def _body_choices() -> list[tuple[str, str]]:
    lang = _lang()
    return [(o.code, o.name(lang)) for o in selectors.monitorable_body_list()]


def _services_by_code(codes: list[str]) -> list[Service]:
    return list(Service.objects.filter(code__in=codes, is_active=True).order_by("code"))


# --- the monitor --------------------------------------------------------------------------------


class MonitoringMineView(_Page):
    """The monitor's monitorings (and the way to register one)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "monitoring/mine.html",
            {"monitorings": selectors.monitoring_list_own(user=_user(request))},
        )


class MonitoringRegisterView(_Page):
    """Law 29.1: register a public monitoring."""

    def _form(self, request: HttpRequest) -> forms.MonitoringRegisterForm:
        user = _user(request)
        return forms.MonitoringRegisterForm(
            request.POST or None,
            initial={
                "monitor_kind": "individual",
                "basis": "own_initiative",
                "language": user.preferred_language if user.preferred_language in ("kk", "ru") else "kk",
            },
            bodies=_body_choices(),
            services=service_choices(language=_lang()),
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "monitoring/register.html", {"form": self._form(request)})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self._form(request)
        if form.is_valid():
            d = form.cleaned_data
            try:
                monitoring = services.monitoring_register(
                    actor=_user(request),
                    monitor_kind=d["monitor_kind"],
                    subject=d["subject"],
                    period_start=d["period_start"],
                    period_end=d["period_end"],
                    bodies=list(Organisation.objects.filter(code__in=d["bodies"]).order_by("path")),
                    services=_services_by_code(d["services"]),
                    basis=d["basis"],
                    social_order_reference=d["social_order_reference"],
                    social_order_date=d["social_order_date"],
                    organisation_name=d["organisation_name"],
                    organisation_bin=d["organisation_bin"],
                    author_name=d["author_name"],
                    language=d["language"],
                )
            except ApplicationError as exc:
                refusal_on_form(form, exc)
            else:
                messages.success(
                    request, _("The monitoring %(number)s is registered.") % {"number": monitoring.number}
                )
                return redirect("monitoring:detail", number=monitoring.number)
        return render(request, "monitoring/register.html", {"form": form}, status=400)


def _conclusion_initial(monitoring: Monitoring) -> dict[str, Any]:
    conclusion = getattr(monitoring, "conclusion", None)
    if conclusion is None:
        return {}
    initial: dict[str, Any] = {
        "compliance": conclusion.compliance,
        "recommendations": conclusion.recommendations,
        "quality_proposals": conclusion.quality_proposals,
        "bylaw_proposals_text": conclusion.bylaw_proposals_text,
    }
    for i, proposal in enumerate(
        conclusion.bylaw_proposals.select_related("service")[: forms.ConclusionForm.ROWS]
    ):
        initial[f"proposal_service_{i}"] = proposal.service.code
        initial[f"proposal_text_{i}"] = proposal.text
    return initial


class MonitoringDetailView(_Page):
    """The monitor's workspace: the requests and their answers, a new request, the draft
    conclusion and its publication. Only the monitor (until the conclusion is published)."""

    def _context(
        self,
        request: HttpRequest,
        monitoring: Monitoring,
        *,
        request_form: forms.RequestSendForm | None = None,
        conclusion_form: forms.ConclusionForm | None = None,
    ) -> dict[str, Any]:
        lang = _lang()
        addressees = [(b.code, b.name(lang)) for b in monitoring.bodies.order_by("path")]
        addressees += [c for c in _body_choices() if c not in addressees]
        return {
            "monitoring": monitoring,
            "conclusion": getattr(monitoring, "conclusion", None),
            "requests": selectors.request_list_for(user=_user(request), monitoring=monitoring),
            "in_progress": monitoring.status == MonitoringStatus.IN_PROGRESS,
            "request_form": request_form or forms.RequestSendForm(addressees=addressees),
            "conclusion_form": conclusion_form
            or forms.ConclusionForm(
                initial=_conclusion_initial(monitoring), services=service_choices(language=lang)
            ),
            "addressees": addressees,
            "today": timezone.localdate(),
        }

    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        monitoring = selectors.access_monitoring_own(user=_user(request), number=number)
        return render(request, "monitoring/detail.html", self._context(request, monitoring))


class RequestSendView(MonitoringDetailView):
    """Law 29.2: the monitor sends a request for information."""

    def post(self, request: HttpRequest, number: str) -> HttpResponse:
        monitoring = selectors.access_monitoring_own(user=_user(request), number=number)
        context = self._context(request, monitoring)
        form = forms.RequestSendForm(request.POST, addressees=context["addressees"])
        if form.is_valid():
            d = form.cleaned_data
            try:
                sent = services.information_request_send(
                    actor=_user(request),
                    monitoring=monitoring,
                    addressee=organisation_find_by_code(code=d["addressee"]) if d["addressee"] else None,
                    question=d["question"],
                )
            except ApplicationError as exc:
                refusal_on_form(form, exc)
            else:
                messages.success(
                    request,
                    _("The request %(number)s is sent; the answer is due by %(date)s.")
                    % {"number": sent.number, "date": f"{sent.due_on:%d.%m.%Y}"},
                )
                return redirect("monitoring:detail", number=monitoring.number)
        context["request_form"] = form
        return render(request, "monitoring/detail.html", context, status=400)


class ConclusionSaveView(MonitoringDetailView):
    """Law 29.3: save the draft conclusion, or save and publish it."""

    def post(self, request: HttpRequest, number: str) -> HttpResponse:
        user = _user(request)
        monitoring = selectors.access_monitoring_own(user=user, number=number)
        form = forms.ConclusionForm(request.POST, services=service_choices(language=_lang()))
        if form.is_valid():
            d = form.cleaned_data
            codes = [d[f"proposal_service_{i}"] for i in range(form.ROWS)]
            by_code = {s.code: s for s in _services_by_code([c for c in codes if c])}
            proposals = [
                (by_code[c], d[f"proposal_text_{i}"]) for i, c in enumerate(codes) if c and c in by_code
            ]
            parts: dict[str, Any] = {
                "actor": user,
                "monitoring": monitoring,
                "compliance": d["compliance"],
                "recommendations": d["recommendations"],
                "quality_proposals": d["quality_proposals"],
                "bylaw_proposals_text": d["bylaw_proposals_text"],
                "bylaw_proposals": proposals,
            }
            try:
                # Law 29.3: a refused publication writes nothing, not even the draft.
                if request.POST.get("action") == "publish":
                    conclusion = services.conclusion_save_and_publish(**parts)
                else:
                    conclusion = services.conclusion_save(**parts)
            except ApplicationError as exc:
                refusal_on_form(form, exc)
            else:
                if conclusion.status == ConclusionStatus.PUBLISHED:
                    messages.success(request, _("The conclusion is published."))
                    return redirect("monitoring:public-conclusion", number=conclusion.number)
                messages.success(request, _("The draft conclusion is saved."))
                return redirect("monitoring:detail", number=monitoring.number)
        monitoring.refresh_from_db()
        return render(
            request,
            "monitoring/detail.html",
            self._context(request, monitoring, conclusion_form=form),
            status=400,
        )


class SocialOrderListView(_Page):
    """Law 7.6: the quality authority follows the monitorings of its state social order."""

    def get(self, request: HttpRequest) -> HttpResponse:
        today = timezone.localdate()
        return render(
            request,
            "monitoring/social_orders.html",
            {"monitorings": selectors.monitoring_list_social_order(user=_user(request), today=today)[:500]},
        )


# --- the addressed bodies -----------------------------------------------------------------------


class StaffRequestListView(_Page):
    """Requests for information addressed to the user's organisations (Law 29.2)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        user = _user(request)
        if not selectors.acts_for_any_body(user=user):
            raise AccessDenied()
        return render(
            request,
            "monitoring/staff_requests.html",
            {
                "requests": selectors.request_list_addressed(user=user)[:500],
                "conclusions": selectors.conclusion_list_for_measures(user=user)[:100],
                "today": timezone.localdate(),
            },
        )


class StaffRequestView(_Page):
    """Answer a request, or refuse it on a ground of Law 29.2 with the reason."""

    def _render(self, request: HttpRequest, number: str, status: int = 200, **forms_: Any) -> HttpResponse:
        item = selectors.access_information_request(user=_user(request), number=number, act=True)
        return render(
            request,
            "monitoring/staff_request.html",
            {
                "item": item,
                "pending": item.status == RequestStatus.PENDING,
                "answer_form": forms_.get("answer_form") or forms.AnswerForm(),
                "refuse_form": forms_.get("refuse_form") or forms.RefuseForm(),
                "today": timezone.localdate(),
            },
            status=status,
        )

    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        return self._render(request, number)

    def post(self, request: HttpRequest, number: str) -> HttpResponse:
        user = _user(request)
        item = selectors.access_information_request(user=user, number=number, act=True)
        refuse = request.POST.get("action") == "refuse"
        form: Any = forms.RefuseForm(request.POST) if refuse else forms.AnswerForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                if refuse:
                    services.information_request_refuse(
                        actor=user, request=item, ground=d["refusal_ground"], reason=d["refusal_reason"]
                    )
                else:
                    services.information_request_answer(
                        actor=user, request=item, answer_text=d["answer_text"]
                    )
            except ApplicationError as exc:
                refusal_on_form(form, exc)
            else:
                messages.success(
                    request, _("The request is refused.") if refuse else _("The answer is recorded.")
                )
                return redirect("monitoring:staff-requests")
        key = "refuse_form" if refuse else "answer_form"
        return self._render(request, number, status=400, **{key: form})


class StaffMeasureView(_Page):
    """Law 29.4: the measures a body covered by a published conclusion records."""

    def _conclusion(self, request: HttpRequest, number: str) -> Any:
        conclusion = selectors.conclusion_list_for_measures(user=_user(request)).filter(number=number).first()
        if conclusion is None:
            raise AccessDenied()
        return conclusion

    def _render(
        self, request: HttpRequest, conclusion: Any, form: Any = None, status: int = 200
    ) -> HttpResponse:
        lang = _lang()
        bodies = selectors.measure_bodies_for(user=_user(request), conclusion=conclusion)
        return render(
            request,
            "monitoring/staff_measures.html",
            {
                "conclusion": conclusion,
                "measures": selectors.measure_list(conclusion=conclusion),
                "form": form
                or forms.MeasureForm(
                    bodies=[(b.code, b.name(lang)) for b in bodies],
                    initial={"taken_on": timezone.localdate()},
                ),
            },
            status=status,
        )

    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        return self._render(request, self._conclusion(request, number))

    def post(self, request: HttpRequest, number: str) -> HttpResponse:
        user = _user(request)
        conclusion = self._conclusion(request, number)
        lang = _lang()
        bodies = selectors.measure_bodies_for(user=user, conclusion=conclusion)
        form = forms.MeasureForm(request.POST, bodies=[(b.code, b.name(lang)) for b in bodies])
        if form.is_valid():
            d = form.cleaned_data
            body = next(b for b in bodies if b.code == d["body"])
            try:
                services.measure_record(
                    actor=user, conclusion=conclusion, body=body, text=d["text"], taken_on=d["taken_on"]
                )
            except ApplicationError as exc:
                refusal_on_form(form, exc)
            else:
                messages.success(request, _("The measure is recorded."))
                return redirect("monitoring:staff-measures", number=conclusion.number)
        return self._render(request, conclusion, form=form, status=400)


# --- public pages -------------------------------------------------------------------------------


def _public_filter(request: HttpRequest) -> PublicFilter:
    years = selectors.public_years()
    default = years[0] if years else timezone.localdate().year
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else default
    body_code = request.GET.get("body", "").strip()[:64]
    service_code = request.GET.get("service", "").strip()[:8]
    body = organisation_find_by_code(code=body_code) if body_code else None
    service = Service.objects.filter(code=service_code, is_active=True).first() if service_code else None
    return PublicFilter(year=year, body=body, service=service, language=_lang())


def _query(f: PublicFilter) -> str:
    from urllib.parse import urlencode

    return urlencode(
        {
            "year": f.year,
            "body": f.body.code if f.body else "",
            "service": f.service.code if f.service else "",
        }
    )


@method_decorator(reads_from_replica, name="dispatch")  # ADR 0077
class PublicQualityView(View):
    """The indicators anyone can read, per body and per service, with the sections other apps
    contribute (``monitoring.public``), from aggregates only (ADR 0051)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        f = _public_filter(request)
        lang = f.language
        sections = [
            {
                "section": s,
                "html_template": s.template,
                "context": {**s.context(f), "filter": f, "section": s},
            }
            for s in public_sections()
        ]
        years = selectors.public_years() or [f.year]
        return render(
            request,
            "monitoring/public/quality.html",
            {
                "f": f,
                "years": years if f.year in years else [f.year, *years],
                "body_choices": [(o.code, o.name(lang)) for o in selectors.public_body_choices()],
                "service_choices": service_choices(language=lang),
                "sections": sections,
                "query": _query(f),
            },
        )


class PublicQualityDataView(View):
    """Open data: the same figures as the page, as JSON (every section) or CSV (one dataset)."""

    def get(self, request: HttpRequest, fmt: str) -> HttpResponse:
        f = _public_filter(request)
        datasets = {s.key: s.rows(f) for s in public_sections() if s.rows is not None}
        if fmt == "json":
            payload = {
                "year": f.year,
                "body": f.body.code if f.body else None,
                "service": f.service.code if f.service else None,
                "language": f.language,
                "datasets": datasets,
            }
            return JsonResponse(payload, json_dumps_params={"ensure_ascii": False, "indent": 1})
        name = request.GET.get("dataset", "indicators")
        if name not in datasets:
            raise Http404
        rows = datasets[name]
        buf = io.StringIO()
        if rows:
            writer = csv.DictWriter(buf, fieldnames=list(rows[0].keys()))
            writer.writeheader()
            writer.writerows(rows)
        resp = HttpResponse("\ufeff" + buf.getvalue(), content_type="text/csv; charset=utf-8")
        resp["Content-Disposition"] = f'attachment; filename="qyzmet-{name}-{f.year}.csv"'
        return resp


@method_decorator(reads_from_replica, name="dispatch")  # ADR 0077
class PublicConclusionListView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        qs = selectors.conclusion_list().prefetch_related("monitoring__bodies")[:200]
        return render(
            request,
            "monitoring/public/conclusions.html",
            {"conclusions": [(c, selectors.public_author(c.monitoring)) for c in qs]},
        )


class PublicConclusionView(View):
    """A published conclusion: its four parts, the by-law proposals per service, the requests
    and their answers or refusals, the bodies' measures; the signed PDFs."""

    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        conclusion = selectors.conclusion_public_get(number=number)
        if conclusion is None:
            raise Http404
        monitoring = conclusion.monitoring
        return render(
            request,
            "monitoring/public/conclusion.html",
            {
                "conclusion": conclusion,
                "monitoring": monitoring,
                "author": monitoring.author_name,
                "bodies": monitoring.bodies.order_by("path"),
                "services": monitoring.services.order_by("code"),
                "proposals": conclusion.bylaw_proposals.select_related("service"),
                "requests": monitoring.requests.select_related("addressee").order_by("sent_at", "id"),
                "measures": selectors.measure_list(conclusion=conclusion),
            },
        )


class PublicConclusionPdfView(View):
    def get(self, request: HttpRequest, number: str, language: str) -> HttpResponse:
        conclusion = selectors.conclusion_public_get(number=number)
        if conclusion is None or language not in documents.LANGUAGES:
            raise Http404
        resp = HttpResponse(
            documents.conclusion_pdf(conclusion, language=language), content_type="application/pdf"
        )
        resp["Content-Disposition"] = f'inline; filename="{conclusion.number}-{language}.pdf"'
        return resp
