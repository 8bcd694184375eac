"""Pages of the quality app (STD 19-20 appendix; Law 26-29): the indicator table with a chart
over time, drill-down to the applications behind 1.1, XLSX/PDF exports, the anonymous answers
export, and the public survey page by token. Thin: rules live in services and selectors."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from qyzmet.complaints.selectors import complaint_list_own
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.listing import paged_list
from qyzmet.core.models import User
from qyzmet.core.replica import reads_from_replica
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


def _table_and_series(user: User, f: Filters) -> tuple[selectors.IndicatorTable, list[selectors.SeriesPoint]]:
    """The table of the period and the chart's months: the twelve up to the end of the period
    (a year: its months), from the monthly aggregates (ADR 0078)."""
    chart_start = (f.end.replace(day=1) - dt.timedelta(days=335)).replace(day=1)
    return selectors.indicator_page(
        user=user,
        start=f.start,
        end=f.end,
        chart_start=min(chart_start, f.start),
        service=f.service,
        provider=f.provider,
    )


@method_decorator(reads_from_replica, name="dispatch")  # ADR 0077
class IndicatorView(_Page):
    """The STD appendix table for a period, with norms, next year's targets and a chart of the
    last twelve months."""

    def get(self, request: HttpRequest) -> HttpResponse:
        f = Filters(request)
        user = _user(request)
        table, series = _table_and_series(user, f)
        lang = _lang()
        choices = selectors.indicator_filter_choices(user=user)
        labels = [str(label) for _code, label in Indicator.choices]
        cases_url = reverse("quality:cases")
        html = reports.TableHtml()

        def cases_href(r: selectors.IndicatorRow) -> str:
            if r.service is None or r.provider is None:
                return ""
            query = urlencode({"period": f.period, "service": r.service.code, "provider": r.provider.code})
            return f"{cases_url}?{query}"

        # the rows built in Python from escaped labels and numbers (reports.TableHtml)
        rows_html = mark_safe(
            "".join(
                html.row(
                    reports.row_label(r, lang),
                    html.cells(
                        [r.figure(code) for code in Indicator.values], labels, cases_href=cases_href(r)
                    ),
                )
                for r in table.rows
            )
        )
        return render(
            request,
            "quality/indicators.html",
            {
                "f": f,
                "table": table,
                "rows": table.rows,
                "rows_html": rows_html,
                "total": [table.total.figure(code) for code in Indicator.values],
                "indicators": Indicator.choices,
                "norm_rows": [
                    (code, label, table.norm_entries.get(code), table.target_entries.get(code))
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
        name = f"quality-{f.period}"
        if fmt == "xlsx":
            table = selectors.indicator_table(
                user=_user(request), start=f.start, end=f.end, service=f.service, provider=f.provider
            )
            resp = HttpResponse(reports.indicator_xlsx(table, lang=_lang()), content_type=XLSX)
            resp["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
            return resp
        if fmt == "pdf":
            table, series = _table_and_series(_user(request), f)
            resp = HttpResponse(
                reports.indicator_pdf(table, lang=_lang(), series=series),
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


def survey_questions() -> dict[str, str]:
    """The survey questions, worded as the STD appendix words the indicators they feed."""
    return {
        # 2.1
        "process": _("How satisfied are you with the quality of the process of delivering the service?"),
        # 3.1
        "information": _(
            "How satisfied are you with the quality of delivery of the service and the information "
            "on the procedure of its delivery?"
        ),
        # 4.1
        "complaint_procedure": _("How satisfied are you with the existing complaint procedure?"),
        # 5.1
        "politeness": _("How satisfied are you with the politeness of the staff?"),
    }


class SurveyView(View):
    """The public survey page by token (kk/ru/en): no sign-in, one answer per case."""

    def _context(self, invitation: Any, errors: dict[str, str], message: str = "") -> dict[str, Any]:
        questions = services.QUESTIONS[invitation.case_kind]
        labels = survey_questions()
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
    complainant, signed in, answers the survey of that complaint. Opening the link writes
    nothing; the invitation is made with the answer (``survey_answer_complaint``)."""

    def _complaint(self, request: HttpRequest, number: str) -> Any:
        complaint = complaint_list_own(user=_user(request)).filter(number=number).first()
        if complaint is None or complaint.answered_on is None:
            raise Http404
        return complaint

    def _render(
        self, request: HttpRequest, number: str, errors: dict[str, str], message: str = "", status: int = 200
    ) -> HttpResponse:
        case = SimpleNamespace(case_kind=CaseKind.COMPLAINT, case_number=number, service=None)
        return render(
            request, "quality/survey.html", SurveyView()._context(case, errors, message), status=status
        )

    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        complaint = self._complaint(request, number)
        invitation = selectors.survey_invitation_for_case(
            case_kind=CaseKind.COMPLAINT, case_number=complaint.number
        )
        if invitation is not None:
            return redirect("quality:survey", token=invitation.token)
        return self._render(request, complaint.number, {})

    def post(self, request: HttpRequest, number: str) -> HttpResponse:
        complaint = self._complaint(request, number)
        scores = {q: request.POST.get(q) or None for q in services.QUESTIONS[CaseKind.COMPLAINT]}
        try:
            services.survey_answer_complaint(
                complaint=complaint,
                scores=scores,  # type: ignore[arg-type]
                comment=request.POST.get("comment", ""),
            )
        except ApplicationError as exc:
            lang = (get_language() or "kk")[:2]
            status = 409 if exc.code == "quality_survey_already_answered" else 400
            return self._render(
                request, complaint.number, exc.field_messages_for(lang), exc.message_for(lang), status
            )
        return render(request, "quality/survey_done.html", {"already": False})


def _norm_rows(
    entries: dict[str, Any], errors: dict[str, str], typed: dict[str, str], defaults: dict[str, Any]
) -> list[dict[str, Any]]:
    """One row per indicator of a norm form: the value and its legal basis as typed, else as
    set (the form opens with the current basis, so an untouched row stays as it is)."""
    rows = []
    for code, label in Indicator.choices:
        norm = entries.get(code)
        rows.append(
            {
                "code": code,
                "label": label,
                "default": defaults.get(code),
                "norm": norm,
                "typed": typed.get(f"norm_{code}", norm.value if norm else ""),
                "basis": typed.get(f"norm_basis_{code}", norm.legal_basis if norm else ""),
                "error": errors.get(f"norm_{code}", ""),
            }
        )
    return rows


class TargetView(_Page):
    """The body responsible for a service sets its own normative values (STD appendix column 2;
    the national default applies where none is set) and, in a separate form, approves next
    year's targets by order (STD 20, column 3); a target already approved changes only by a new
    order, marked as a change. Saving one form never touches (or asks for) the other's values;
    the history of both is shown."""

    def _render(
        self,
        request: HttpRequest,
        *,
        status: int = 200,
        errors: dict[str, str] | None = None,
        typed: dict[str, str] | None = None,
    ) -> HttpResponse:
        user = _user(request)
        selectors.quality_scope(user=user)  # staff only
        services_qs = selectors.target_services_for(user=user)
        code = request.GET.get("service") or request.POST.get("service") or ""
        service = services_qs.filter(code=code).first() if code else services_qs.first()
        year = timezone.localdate().year + 1
        targets = selectors.target_entries(service=service, year=year) if service else {}
        entries = selectors.norm_entries(service_ids=[service.pk] if service else [])
        errors, typed = errors or {}, typed or {}
        form = typed.get("action", "")
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
                "norm_rows": _norm_rows(
                    entries.get(service.pk, {}) if service else {},
                    errors,
                    typed if form == "norms" else {},
                    entries.get(None, {}),
                ),
                "rows": [
                    {
                        "code": code_,
                        "label": label,
                        "target": targets.get(code_),
                        "typed": typed.get(
                            f"target_{code_}", targets[code_].value if code_ in targets else ""
                        ),
                        "error": errors.get(code_, ""),
                    }
                    for code_, label in Indicator.choices
                ],
                "typed": typed if form == "targets" else {},
                "errors": errors,
                "history": selectors.target_history(service=service, year=year) if service else [],
                "norm_history": selectors.norm_history(service=service) if service else [],
                "norm_message": errors.get("__all__", "") if form == "norms" else "",
                "message": errors.get("__all__", "") if form == "targets" else "",
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
        lang = (get_language() or "kk")[:2]
        typed = {k: request.POST.get(k, "").strip() for k in request.POST if k != "csrfmiddlewaretoken"}
        norms = typed.get("action") == "norms"
        typed["action"] = "norms" if norms else "targets"
        try:
            with transaction.atomic():
                save = _save_norms if norms else _save_targets
                errors = save(user, service, typed, lang)
                if errors:
                    raise _Rollback
        except _Rollback:
            errors["__all__"] = _("Nothing was saved: correct the marked values.")
            return self._render(request, status=400, errors=errors, typed=typed)
        done = _("The normative values have been saved.") if norms else _("The targets have been saved.")
        messages.success(request, done)
        return redirect(f"{request.path}?service={service.code}")


class NationalNormView(_Page):
    """The national default normative values (STD appendix column 2), set by the quality
    authority (Law 7.5) and used where a service has no value of its own; only the rows whose
    value or basis changed are written, with their history."""

    def _render(
        self, request: HttpRequest, *, status: int = 200, errors: dict[str, str] | None = None
    ) -> HttpResponse:
        entries = selectors.access_national_norms(user=_user(request))
        errors = errors or {}
        typed = {k: request.POST.get(k, "").strip() for k in request.POST}
        ctx = {
            "rows": _norm_rows(entries, errors, typed, {}),
            "history": selectors.norm_history(service=None),
            "message": errors.get("__all__", ""),
        }
        return render(request, "quality/norms.html", ctx, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        selectors.access_national_norms(user=_user(request))
        lang = (get_language() or "kk")[:2]
        typed = {k: request.POST.get(k, "").strip() for k in request.POST if k != "csrfmiddlewaretoken"}
        try:
            with transaction.atomic():
                errors = _save_norms(_user(request), None, typed, lang)
                if errors:
                    raise _Rollback
        except _Rollback:
            errors["__all__"] = _("Nothing was saved: correct the marked values.")
            return self._render(request, status=400, errors=errors)
        messages.success(request, _("The normative values have been saved."))
        return redirect(request.path)


def _parse_date(raw: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None


def _save_targets(user: User, service: Service, typed: dict[str, str], lang: str) -> dict[str, str]:
    """Each filled target of the form through ``indicator_target_save``; errors by field."""
    errors: dict[str, str] = {}
    for code in Indicator.values:
        raw = typed.get(f"target_{code}", "")
        if not raw:
            continue
        try:
            services.indicator_target_save(
                actor=user,
                service=service,
                indicator=code,
                year=timezone.localdate().year + 1,
                value=raw.replace(",", "."),
                order_number=typed.get("order_number", ""),
                order_date=_parse_date(typed.get("order_date", "")),
                change=typed.get("change") == "1",
            )
        except ApplicationError as exc:
            errors[code] = exc.message_for(lang)
    return errors


def _save_norms(user: User, service: Service | None, typed: dict[str, str], lang: str) -> dict[str, str]:
    """Each filled normative value of the service (None: the national default), with the basis
    of its row, through ``indicator_norm_set`` (which leaves an unchanged row as it is)."""
    errors: dict[str, str] = {}
    for code in Indicator.values:
        raw = typed.get(f"norm_{code}", "")
        if not raw:
            continue
        try:
            services.indicator_norm_set(
                actor=user,
                service=service,
                indicator=code,
                value=raw.replace(",", "."),
                legal_basis=typed.get(f"norm_basis_{code}", ""),
            )
        except ApplicationError as exc:
            errors[f"norm_{code}"] = exc.message_for(lang)
    return errors


class _Rollback(Exception):
    """Undo every value of the form when one is wrong (bad input loses nothing)."""
