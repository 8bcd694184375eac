"""Pages of the quality app (STD 19-20 appendix; Law 26-29): the indicator table with a chart
over time, drill-down to the applications behind 1.1, XLSX/PDF exports, the anonymous answers
export, and the public survey page by token. Thin: rules live in services and selectors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from qyzmet.complaints.selectors import complaint_list_own
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.listing import paged_list
from qyzmet.core.models import User
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import organisation_find_by_code
from qyzmet.quality import reports, selectors, services
from qyzmet.quality.enums import CaseKind, Indicator, Score
from qyzmet.registry.models import Service
from qyzmet.registry.selectors import service_get

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _lang() -> str:
    return "ru" if (get_language() or "kk").startswith("ru") else "kk"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def parse_period(value: str, *, today: dt.date | None = None) -> tuple[dt.date, dt.date, str]:
    """``YYYY-MM`` (a month) or ``YYYY`` (a year); default: the current month."""
    today = today or timezone.localdate()
    try:
        if len(value) == 4:
            year = int(value)
            return dt.date(year, 1, 1), dt.date(year, 12, 31), value
        year, month = (int(p) for p in value.split("-"))
        start = dt.date(year, month, 1)
    except (ValueError, TypeError):
        start = today.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return start, end, f"{start:%Y-%m}"


class Filters:
    """The GET filters shared by the table, the exports and the drill-down."""

    def __init__(self, request: HttpRequest) -> None:
        self.start, self.end, self.period = parse_period(request.GET.get("period", ""))
        self.service: Service | None = None
        self.provider: Organisation | None = None
        self.service_code = request.GET.get("service", "").strip()
        self.provider_code = request.GET.get("provider", "").strip()
        if self.service_code:
            try:
                self.service = service_get(code=self.service_code)
            except ApplicationError:
                self.service = None
        if self.provider_code:
            self.provider = organisation_find_by_code(code=self.provider_code)

    def query(self) -> str:
        from urllib.parse import urlencode

        return urlencode(
            {"period": self.period, "service": self.service_code, "provider": self.provider_code}
        )


class _Page(LoginRequiredMixin, View):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return super().dispatch(request, *args, **kwargs)
        except AccessDenied as exc:
            raise PermissionDenied(exc.message_for(get_language())) from exc


def _chart_series(user: User, f: Filters) -> list[selectors.SeriesPoint]:
    """The chart's months: the twelve up to the end of the period (a year: its months)."""
    chart_start = (f.end.replace(day=1) - dt.timedelta(days=335)).replace(day=1)
    return selectors.indicator_series(
        user=user, start=min(chart_start, f.start), end=f.end, service=f.service, provider=f.provider
    )


class IndicatorView(_Page):
    """The STD appendix table for a period, with norms, next year's targets and a chart of the
    last twelve months."""

    def get(self, request: HttpRequest) -> HttpResponse:
        f = Filters(request)
        user = _user(request)
        table = selectors.indicator_table(
            user=user, start=f.start, end=f.end, service=f.service, provider=f.provider
        )
        series = _chart_series(user, f)
        lang = _lang()
        choices = selectors.indicator_filter_choices(user=user)
        rows = [
            {
                "service": r.service,
                "provider": r.provider,
                "label": reports.row_label(r, lang),
                "cells": [r.figure(code) for code in Indicator.values],
            }
            for r in table.rows
        ]
        return render(
            request,
            "quality/indicators.html",
            {
                "f": f,
                "table": table,
                "rows": rows,
                "total": [table.total.figure(code) for code in Indicator.values],
                "indicators": Indicator.choices,
                "norm_rows": [
                    (label, table.norms.get(code), table.total.targets.get(code))
                    for code, label in Indicator.choices
                ],
                "series": series,
                "series_rows": [
                    (p.month, [p.figures.get(c) for c in reports.CHART_INDICATORS]) for p in series
                ],
                "chart_indicators": reports.CHART_INDICATORS,
                "service_choices": [
                    (sv.code, f"{sv.code} {sv.name_ru if lang == 'ru' else sv.name_kk}") for sv in choices[0]
                ],
                "provider_choices": [(p.code, p.name(lang)) for p in choices[1]],
                # built from numbers and escaped labels
                "chart": mark_safe(reports.chart_svg(series, targets=reports.chart_targets(table))),
                "query": f.query(),
            },
        )


class IndicatorExportView(_Page):
    def get(self, request: HttpRequest, fmt: str) -> HttpResponse:
        f = Filters(request)
        table = selectors.indicator_table(
            user=_user(request), start=f.start, end=f.end, service=f.service, provider=f.provider
        )
        name = f"quality-{f.period}"
        if fmt == "xlsx":
            resp = HttpResponse(reports.indicator_xlsx(table, lang=_lang()), content_type=XLSX)
            resp["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
            return resp
        if fmt == "pdf":
            resp = HttpResponse(
                reports.indicator_pdf(table, lang=_lang(), series=_chart_series(_user(request), f)),
                content_type="application/pdf",
            )
            resp["Content-Disposition"] = f'inline; filename="{name}.pdf"'
            return resp
        raise Http404


class AnswersExportView(_Page):
    """Anonymous survey answers of the period (XLSX)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        f = Filters(request)
        answers = list(selectors.survey_answer_export_rows(user=_user(request), start=f.start, end=f.end))
        resp = HttpResponse(reports.answers_xlsx(answers, lang=_lang()), content_type=XLSX)
        resp["Content-Disposition"] = f'attachment; filename="quality-answers-{f.period}.xlsx"'
        return resp


class CasesView(_Page):
    """Drill-down: the applications behind a 1.1 figure (on time, late or all)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        f = Filters(request)
        on_time = {"1": True, "0": False}.get(request.GET.get("on_time", ""))
        cases = selectors.timeliness_cases(
            user=_user(request),
            start=f.start,
            end=f.end,
            service=f.service,
            provider=f.provider,
            on_time=on_time,
        )[:500]
        return render(
            request, "quality/cases.html", {"f": f, "cases": cases, "on_time": on_time, "query": f.query()}
        )


class IinReadLogView(_Page):
    """Who was shown an unmasked IIN of which case, and when (issue 12.3): read-only, for the
    quality authority (``selectors.access_iin_read_log``; anyone else 403)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        rows = selectors.access_iin_read_log(user=_user(request))
        listing = paged_list(params=request.GET, items=rows)
        return render(request, "quality/iin_reads.html", {"listing": listing, "page": listing.page})


class SurveyView(View):
    """The public survey page by token (kk/ru/en): no sign-in, one answer per case."""

    def _context(self, invitation: Any, errors: dict[str, str], message: str = "") -> dict[str, Any]:
        questions = services.QUESTIONS[invitation.case_kind]
        labels = {
            "process": _("How satisfied are you with the process of receiving the service?"),
            "information": _("How satisfied are you with the information on the procedure?"),
            "complaint_procedure": _("How satisfied are you with how your complaint was handled?"),
            "politeness": _("How satisfied are you with the politeness of the staff?"),
        }
        return {
            "invitation": invitation,
            "questions": [(q, labels[q], errors.get(q, "")) for q in questions],
            "scores": Score.choices,
            "message": message,
            "is_complaint": invitation.case_kind == CaseKind.COMPLAINT,
            "service_name": invitation.service.name_ru
            if invitation.service and _lang() == "ru"
            else (invitation.service.name_kk if invitation.service else ""),
        }

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        invitation = selectors.survey_invitation_get(token=token)
        if invitation is None:
            raise Http404
        if invitation.answered_at:
            return render(request, "quality/survey_done.html", {"already": True})
        return render(request, "quality/survey.html", self._context(invitation, {}))

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        invitation = selectors.survey_invitation_get(token=token)
        if invitation is None:
            raise Http404
        scores = {q: request.POST.get(q) or None for q in services.QUESTIONS[invitation.case_kind]}
        try:
            services.survey_answer_submit(
                token=token,
                scores=scores,  # type: ignore[arg-type]
                comment=request.POST.get("comment", ""),
            )
        except ApplicationError as exc:
            lang = (get_language() or "kk")[:2]
            status = 409 if exc.code == "quality_survey_already_answered" else 400
            ctx = self._context(invitation, exc.field_messages_for(lang), exc.message_for(lang))
            return render(request, "quality/survey.html", ctx, status=status)
        return render(request, "quality/survey_done.html", {"already": False})


class ComplaintSurveyView(_Page):
    """The link the complaints app sends (``/quality/survey/complaint/<number>/``): the
    complainant, signed in, is taken to the survey of that complaint."""

    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        complaint = complaint_list_own(user=_user(request)).filter(number=number).first()
        if complaint is None or complaint.answered_on is None:
            raise Http404
        invitation, _created = services.survey_invite_complaint(complaint=complaint, send_sms=False)
        return redirect("quality:survey", token=invitation.token)


class TargetView(_Page):
    """STD 20: the body responsible for a service sets next year's target of each indicator."""

    def _render(
        self, request: HttpRequest, *, status: int = 200, errors: dict[str, str] | None = None
    ) -> HttpResponse:
        user = _user(request)
        selectors.quality_scope(user=user)  # staff only
        services_qs = selectors.target_services_for(user=user)
        code = request.GET.get("service") or request.POST.get("service") or ""
        service = services_qs.filter(code=code).first() if code else services_qs.first()
        year = timezone.localdate().year + 1
        values = selectors.target_values(service=service, year=year) if service else {}
        lang = _lang()
        return render(
            request,
            "quality/targets.html",
            {
                "services": [
                    (s.code, f"{s.code} {s.name_ru if lang == 'ru' else s.name_kk}") for s in services_qs
                ],
                "service": service,
                "year": year,
                "norms": selectors.norms(),
                "rows": [
                    (code_, label, values.get(code_), (errors or {}).get(code_, ""))
                    for code_, label in Indicator.choices
                ],
                "message": (errors or {}).get("__all__", ""),
            },
            status=status,
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        user = _user(request)
        service = (
            selectors.target_services_for(user=user).filter(code=request.POST.get("service", "")).first()
        )
        if service is None:
            raise PermissionDenied
        year = timezone.localdate().year + 1
        errors: dict[str, str] = {}
        lang = (get_language() or "kk")[:2]
        values = {c: request.POST.get(f"target_{c}", "").strip() for c in Indicator.values}
        try:
            with transaction.atomic():
                for code, raw in values.items():
                    if not raw:
                        continue
                    try:
                        services.indicator_target_set(
                            actor=user,
                            service=service,
                            indicator=code,
                            year=year,
                            value=raw.replace(",", "."),
                            order_reference=request.POST.get("order_reference", ""),
                        )
                    except ApplicationError as exc:
                        errors[code] = exc.message_for(lang)
                if errors:
                    raise _Rollback
        except _Rollback:
            errors["__all__"] = _("Nothing was saved: correct the marked values.")
            return self._render(request, status=400, errors=errors)
        messages.success(request, _("The targets have been saved."))
        return redirect(f"{request.path}?service={service.code}")


class _Rollback(Exception):
    """Undo every target of the form when one value is wrong (bad input loses nothing)."""
