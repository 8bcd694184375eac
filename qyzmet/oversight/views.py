"""Pages of public accountability: the assessments (Law 28), state control cases (Law 27), the
yearly reports and their public hearings (Law 23.5-23.6), public where the Law makes them
public (published reports, hearings, comments, minutes; the outcomes of closed control cases).
Thin: every rule lives in services and selectors; a refused form comes back bound, with the
service's message on its fields, and nothing written."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import User
from qyzmet.core.refusals import AccessDeniedAs403, refusal_on_form
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import organisation_choices
from qyzmet.oversight import documents, forms, presentation, selectors, services
from qyzmet.oversight.enums import (
    ASSESSED_KINDS,
    CONTROL_OBJECT_KINDS,
    AssessmentStatus,
    CommentRejection,
    ControlStatus,
    HearingStatus,
    ReportStatus,
)
from qyzmet.oversight.models import (
    Assessment,
    ControlCase,
    ControlOrder,
    Hearing,
    HearingComment,
    YearlyReport,
)
from qyzmet.registry.models import Service
from qyzmet.registry.selectors import service_choices


def _lang() -> str:
    return "ru" if (get_language() or "kk").startswith("ru") else "kk"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _pdf(content: bytes, name: str) -> HttpResponse:
    resp = HttpResponse(content, content_type="application/pdf")
    resp["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return resp


def _form_written(form: Any, write: Callable[[dict[str, Any]], object]) -> bool:
    """``write`` with a valid form's data: True once written; False when the form is invalid or
    the service refuses (its message lands on the form's fields). :class:`AccessDenied` passes
    on (HTTP 403)."""
    if not form.is_valid():
        return False
    try:
        write(form.cleaned_data)
    except AccessDenied:
        raise
    except ApplicationError as exc:
        refusal_on_form(form, exc)
        return False
    return True


def _act_with_message(request: HttpRequest, act: Callable[[], object], *, success: str) -> None:
    """``act`` with its outcome as a flash message: ``success``, or the service's refusal in the
    user's language. :class:`AccessDenied` passes on (HTTP 403)."""
    try:
        act()
    except AccessDenied:
        raise
    except ApplicationError as exc:
        messages.error(request, exc.message_for(get_language()))
    else:
        messages.success(request, success)


class _Page(LoginRequiredMixin, AccessDeniedAs403):
    """Signed-in pages."""


def _objects(kinds: frozenset[str]) -> list[tuple[str, str]]:
    return organisation_choices(
        language=_lang(), queryset=Organisation.objects.filter(is_active=True, kind__in=kinds)
    )


# --- home --------------------------------------------------------------------------------------


class OversightHomeView(_Page):
    """The user's work: assessments and control cases (inspectors: all; a body: its own),
    the reports the body prepares, and for the quality authority the missing hearings."""

    def get(self, request: HttpRequest) -> HttpResponse:
        user = _user(request)
        overseer = selectors.is_overseer(user=user)
        body_staff = selectors.is_body_staff(user=user)
        if not overseer and not body_staff:
            raise AccessDenied()
        reporting = selectors.reporting_bodies_of(user=user)
        quality = selectors.quality_authority_of(user=user)
        today = timezone.localdate()
        return render(
            request,
            "oversight/home.html",
            {
                "assessments": selectors.assessment_list_for(user=user)[:50],
                "cases": selectors.control_case_list_for(user=user)[:50],
                "reports": selectors.report_list_for(user=user)[:50] if (reporting or quality) else [],
                "late_orders": selectors.control_order_list_late(today=today)[:50] if quality else [],
                "can_assess": overseer,
                "can_control": quality is not None,
                "can_report": bool(reporting),
                "quality": quality is not None,
                "lang": _lang(),
            },
        )


# --- assessments (Law 28) ----------------------------------------------------------------------


def _open_form(data: Any = None) -> forms.AssessmentOpenForm:
    return forms.AssessmentOpenForm(
        data, bodies=_objects(ASSESSED_KINDS), services=service_choices(language=_lang())
    )


class AssessmentOpenView(_Page):
    def _check(self, request: HttpRequest) -> None:
        if not selectors.is_overseer(user=_user(request)):
            raise AccessDenied()

    def get(self, request: HttpRequest) -> HttpResponse:
        self._check(request)
        year = timezone.localdate().year - 1
        form = _open_form()
        form.initial = {"year": year}
        return render(
            request, "oversight/assessment_open.html", {"form": form, "principles": presentation.principles()}
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        self._check(request)
        form = _open_form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                assessment = services.assessment_open(
                    actor=_user(request),
                    body=get_object_or_404(Organisation, code=data["body"]),
                    service=get_object_or_404(Service, code=data["service"]),
                    year=data["year"],
                    form=data["form"],
                )
            except AccessDenied as exc:
                form.add_error("form", exc.message_for(get_language()))
            except ApplicationError as exc:
                refusal_on_form(form, exc)
            else:
                messages.success(
                    request, _("The assessment %(number)s is opened.") % {"number": assessment.number}
                )
                return redirect("oversight:assessment", assessment.number)
        return render(
            request,
            "oversight/assessment_open.html",
            {"form": form, "principles": presentation.principles()},
            status=400,
        )


def _assessment(request: HttpRequest, number: str) -> Assessment:
    found = selectors.assessment_get(number=number)
    if found is None:
        raise Http404
    return selectors.access_assessment(user=_user(request), assessment=found)


def _assessment_page(
    request: HttpRequest, assessment: Assessment, *, status: int = 200, sign_form: Any = None
) -> HttpResponse:
    user = _user(request)
    try:
        selectors.access_assessment(user=user, assessment=assessment, act=True)
        can_act = assessment.status == AssessmentStatus.DRAFT
    except AccessDenied:
        can_act = False
    return render(
        request,
        "oversight/assessment.html",
        {
            "a": assessment,
            "tables": presentation.evidence_tables(assessment.evidence, _lang()),
            "principles": presentation.principles(),
            "principles_sentence": presentation.principles_sentence(),
            "form_label": presentation.form_label(assessment.form),
            "rating_label": presentation.rating_label(assessment.rating),
            "findings": assessment.findings(_lang()),
            "can_act": can_act,
            "sign_form": sign_form or forms.AssessmentSignForm(),
            "signed": assessment.status == AssessmentStatus.SIGNED,
        },
        status=status,
    )


class AssessmentDetailView(_Page):
    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        return _assessment_page(request, _assessment(request, number))


class AssessmentRefreshView(_Page):
    def post(self, request: HttpRequest, number: str) -> HttpResponse:
        assessment = _assessment(request, number)
        _act_with_message(
            request,
            lambda: services.assessment_refresh(assessment=assessment, actor=_user(request)),
            success=_("What the assessment rests on is gathered again."),
        )
        return redirect("oversight:assessment", assessment.number)


class AssessmentSignView(_Page):
    def post(self, request: HttpRequest, number: str) -> HttpResponse:
        assessment = _assessment(request, number)
        form = forms.AssessmentSignForm(request.POST)
        signed = _form_written(
            form,
            lambda data: services.assessment_sign(
                assessment=assessment,
                actor=_user(request),
                findings_kk=data["findings_kk"],
                findings_ru=data["findings_ru"],
                rating=data["rating"],
            ),
        )
        if signed:
            messages.success(request, _("The assessment is signed; the assessed body sees it."))
            return redirect("oversight:assessment", assessment.number)
        return _assessment_page(request, _assessment(request, number), status=400, sign_form=form)


class AssessmentPdfView(_Page):
    def get(self, request: HttpRequest, number: str, language: str) -> HttpResponse:
        assessment = _assessment(request, number)
        if assessment.status != AssessmentStatus.SIGNED or language not in ("kk", "ru"):
            raise Http404
        return _pdf(documents.assessment_pdf(assessment, language), f"{assessment.number}-{language}")


# --- state control (Law 27) --------------------------------------------------------------------


def _control_open_form(data: Any = None) -> forms.ControlOpenForm:
    return forms.ControlOpenForm(
        data, objects=_objects(CONTROL_OBJECT_KINDS), services=service_choices(language=_lang())
    )


class ControlOpenView(_Page):
    def _check(self, request: HttpRequest) -> None:
        if selectors.quality_authority_of(user=_user(request)) is None:
            raise AccessDenied()

    def get(self, request: HttpRequest) -> HttpResponse:
        self._check(request)
        form = _control_open_form()
        for name in ("object", "ground_assessment"):
            value = request.GET.get(name, "")[:64]
            if value:
                form.initial[name] = value
        return render(request, "oversight/control_open.html", {"form": form})

    def post(self, request: HttpRequest) -> HttpResponse:
        self._check(request)
        form = _control_open_form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                case = services.control_case_open(
                    actor=_user(request),
                    obj=get_object_or_404(Organisation, code=data["object"]),
                    ground=data["ground"],
                    ground_text=data["ground_text"],
                    ground_complaints=re.split(r"[\s,;]+", data["ground_complaints"]),
                    ground_assessment_number=data["ground_assessment"],
                    period_start=data["period_start"],
                    period_end=data["period_end"],
                    services=Service.objects.filter(code__in=data["services"]),
                )
            except AccessDenied:
                raise
            except ApplicationError as exc:
                refusal_on_form(form, exc)
            else:
                messages.success(
                    request, _("The control case %(number)s is opened.") % {"number": case.number}
                )
                return redirect("oversight:control", case.number)
        return render(request, "oversight/control_open.html", {"form": form}, status=400)


def _case(request: HttpRequest, number: str) -> ControlCase:
    found = selectors.control_case_get(number=number)
    if found is None:
        raise Http404
    return selectors.access_control_case(user=_user(request), case=found)


def _control_page(
    request: HttpRequest, case: ControlCase, *, status: int = 200, **bound: Any
) -> HttpResponse:
    user = _user(request)
    today = timezone.localdate()
    inspector = selectors.quality_authority_of(user=user) is not None
    answers = selectors.answers_for(user=user, body=case.object)
    orders = list(selectors.control_orders(case=case, today=today))
    repeatable = [
        (o.pk, f"{o.due_on:%d.%m.%Y}: {o.text[:60]}")
        for o in orders
        if o.status == "not_fulfilled" and not any(r.repeats_id == o.pk for r in orders)
    ]
    rows = [
        (
            o,
            forms.OrderReportForm(auto_id=f"report{o.pk}_%s"),
            forms.OrderControlForm(auto_id=f"control{o.pk}_%s"),
        )
        for o in orders
    ]
    context: dict[str, Any] = {
        "c": case,
        "rows": rows,
        "lang": _lang(),
        "today": today,
        "inspector": inspector and case.status != ControlStatus.CLOSED,
        "answers": answers and case.status != ControlStatus.CLOSED,
        "findings_form": forms.ControlFindingsForm(),
        "order_form": forms.ControlOrderForm(repeatable=repeatable),
        "services": list(case.services.all()),
    }
    context.update(bound)
    return render(request, "oversight/control.html", context, status=status)


class ControlDetailView(_Page):
    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        return _control_page(request, _case(request, number))


class ControlFindingsView(_Page):
    def post(self, request: HttpRequest, number: str) -> HttpResponse:
        case = _case(request, number)
        form = forms.ControlFindingsForm(request.POST)
        recorded = _form_written(
            form,
            lambda data: services.control_findings_record(
                case=case,
                actor=_user(request),
                findings=data["findings"],
                breaches_found=data["breaches_found"],
            ),
        )
        if recorded:
            messages.success(request, _("The findings are recorded."))
            return redirect("oversight:control", case.number)
        return _control_page(request, _case(request, number), status=400, findings_form=form)


class ControlOrderIssueView(_Page):
    def post(self, request: HttpRequest, number: str) -> HttpResponse:
        case = _case(request, number)
        repeatable = [(o.pk, str(o.pk)) for o in case.orders.filter(status="not_fulfilled")]
        form = forms.ControlOrderForm(request.POST, repeatable=repeatable)

        def issue(data: dict[str, Any]) -> object:
            repeats = case.orders.filter(pk=data["repeats"]).first() if data["repeats"] else None
            return services.control_order_issue(
                case=case, actor=_user(request), text=data["text"], due_on=data["due_on"], repeats=repeats
            )

        if _form_written(form, issue):
            messages.success(request, _("The order is issued."))
            return redirect("oversight:control", case.number)
        return _control_page(request, _case(request, number), status=400, order_form=form)


class _OrderAction(_Page):
    form_class: type[forms.forms.Form]

    def act(self, request: HttpRequest, order: ControlOrder, data: dict[str, Any]) -> str:
        raise NotImplementedError

    def post(self, request: HttpRequest, number: str, pk: int) -> HttpResponse:
        case = _case(request, number)
        order = get_object_or_404(ControlOrder, pk=pk, case=case)
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                messages.success(request, self.act(request, order, form.cleaned_data))
            except AccessDenied:
                raise
            except ApplicationError as exc:
                lang = get_language()
                text = " ".join(
                    dict.fromkeys([exc.message_for(lang), *exc.field_messages_for(lang).values()])
                )
                messages.error(request, text)
        else:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, str(error))
        return redirect("oversight:control", case.number)


class ControlOrderReportView(_OrderAction):
    form_class = forms.OrderReportForm

    def act(self, request: HttpRequest, order: ControlOrder, data: dict[str, Any]) -> str:
        services.control_order_report(order=order, actor=_user(request), text=data["text"])
        return _("Your report is recorded.")


class ControlOrderControlView(_OrderAction):
    form_class = forms.OrderControlForm

    def act(self, request: HttpRequest, order: ControlOrder, data: dict[str, Any]) -> str:
        services.control_order_control(
            order=order,
            actor=_user(request),
            fulfilled_on=data["fulfilled_on"],
            in_full=data["in_full"],
            note=data["note"],
        )
        return _("The control result is recorded.")


class ControlCloseView(_Page):
    def post(self, request: HttpRequest, number: str) -> HttpResponse:
        case = _case(request, number)
        _act_with_message(
            request,
            lambda: services.control_case_close(case=case, actor=_user(request)),
            success=_("The control case is closed."),
        )
        return redirect("oversight:control", case.number)


class ControlOutcomeListView(AccessDeniedAs403):
    """Public (Law 26.6, openness): the outcomes of closed control cases."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "oversight/control_outcomes.html",
            {"outcomes": [(o, o.object_name(_lang())) for o in selectors.control_outcome_list()]},
        )


# --- yearly reports and hearings (Law 23.5-23.6) -----------------------------------------------


class ReportListView(AccessDeniedAs403):
    """Public: the published yearly reports."""

    def get(self, request: HttpRequest) -> HttpResponse:
        reports = list(selectors.report_list_published())
        years = sorted({r.year for r in reports}, reverse=True)
        return render(
            request,
            "oversight/reports.html",
            {"reports": reports, "years": years, "lang": _lang()},
        )


def _report_create_form(request: HttpRequest, data: Any = None) -> forms.ReportCreateForm:
    bodies = [(b.code, b.name(_lang())) for b in selectors.reporting_bodies_of(user=_user(request))]
    return forms.ReportCreateForm(data, bodies=bodies)


class ReportCreateView(_Page):
    def _check(self, request: HttpRequest) -> None:
        if not selectors.reporting_bodies_of(user=_user(request)):
            raise AccessDenied()

    def get(self, request: HttpRequest) -> HttpResponse:
        self._check(request)
        form = _report_create_form(request)
        form.initial = {"year": timezone.localdate().year - 1}
        return render(request, "oversight/report_create.html", {"form": form})

    def post(self, request: HttpRequest) -> HttpResponse:
        self._check(request)
        form = _report_create_form(request, request.POST)
        if form.is_valid():
            try:
                report = services.report_create(
                    actor=_user(request),
                    body=get_object_or_404(Organisation, code=form.cleaned_data["body"]),
                    year=form.cleaned_data["year"],
                )
            except AccessDenied:
                raise
            except ApplicationError as exc:
                refusal_on_form(form, exc)
            else:
                messages.success(request, _("The report is started from the body's data."))
                return redirect("oversight:report", report.body.code, report.year)
        return render(request, "oversight/report_create.html", {"form": form}, status=400)


def _report(request: HttpRequest, body: str, year: int) -> YearlyReport:
    found = selectors.report_get(body_code=body, year=year)
    if found is None:
        raise Http404
    return selectors.access_report(user=_user(request), report=found)


def _hearing_rows(
    request: HttpRequest, report: YearlyReport, staff: bool, bound_pk: int | None, bound: dict[str, Any]
) -> list[dict[str, Any]]:
    """Each hearing with its comments and its own forms (a refused one comes back bound)."""
    now = timezone.now()
    rows = []
    for hearing in selectors.hearing_list(report=report):
        mine = bound if hearing.pk == bound_pk else {}
        pk = hearing.pk
        rows.append(
            {
                "comment_form": mine.get("comment_form") or forms.CommentForm(auto_id=f"comment{pk}_%s"),
                "minutes_form": mine.get("minutes_form") or forms.MinutesForm(auto_id=f"minutes{pk}_%s"),
                "results_form": mine.get("results_form") or forms.ResultsForm(auto_id=f"results{pk}_%s"),
                "h": hearing,
                "place": hearing.place(_lang()),
                "minutes": hearing.minutes(_lang()),
                "results_use": hearing.results_use(_lang()),
                "open": selectors.comments_open(hearing=hearing, now=now),
                "held": hearing.status == HearingStatus.HELD,
                "may_record": staff and hearing.status == HearingStatus.ANNOUNCED and now >= hearing.held_at,
                "published": list(selectors.published_comments(hearing=hearing)),
                "pending": [
                    (c, forms.ModerateForm(auto_id=f"moderate{c.pk}_%s"))
                    for c in (selectors.pending_comments(hearing=hearing) if staff else [])
                ],
                "rejected": [
                    (str(CommentRejection(k).label) if k in CommentRejection.values else k, n)
                    for k, n in selectors.rejected_counts(hearing=hearing).items()
                ],
            }
        )
    return rows


def _report_page(
    request: HttpRequest, report: YearlyReport, *, status: int = 200, **bound: Any
) -> HttpResponse:
    user = _user(request)
    staff = bool(user.is_authenticated) and selectors.prepares_report_of(user=user, body=report.body)
    draft = report.status == ReportStatus.DRAFT
    context: dict[str, Any] = {
        "r": report,
        "body_name": report.body.name(_lang()),
        "narrative": report.narrative(_lang()),
        "tables": presentation.report_tables(report.figures, _lang()),
        "draft": draft,
        "staff": staff,
        "head": staff and selectors.heads(user=user, body=report.body),
        "rejections": CommentRejection.choices,
        "narrative_form": forms.ReportNarrativeForm(
            initial={"narrative_kk": report.narrative_kk, "narrative_ru": report.narrative_ru}
        ),
        "announce_form": forms.HearingAnnounceForm(),
        # the forms of one hearing, when refused: listed in the error summary
        "comment_form": None,
        "minutes_form": None,
        "results_form": None,
    }
    bound_pk = bound.pop("hearing_pk", None)
    context["hearings"] = _hearing_rows(request, report, staff, bound_pk, bound)
    context.update(bound)
    return render(request, "oversight/report.html", context, status=status)


class ReportDetailView(AccessDeniedAs403):
    """Public once published (Law 23.5); a draft for the body's staff and the quality authority."""

    def get(self, request: HttpRequest, body: str, year: int) -> HttpResponse:
        return _report_page(request, _report(request, body, year))


class ReportUpdateView(_Page):
    def post(self, request: HttpRequest, body: str, year: int) -> HttpResponse:
        report = _report(request, body, year)
        form = forms.ReportNarrativeForm(request.POST)
        saved = _form_written(
            form,
            lambda data: services.report_update(
                report=report,
                actor=_user(request),
                narrative_kk=data["narrative_kk"],
                narrative_ru=data["narrative_ru"],
            ),
        )
        if saved:
            messages.success(request, _("The report is saved; its figures are built again."))
            return redirect("oversight:report", body, year)
        return _report_page(request, _report(request, body, year), status=400, narrative_form=form)


class ReportPublishView(_Page):
    def post(self, request: HttpRequest, body: str, year: int) -> HttpResponse:
        report = _report(request, body, year)
        try:
            services.report_publish(report=report, actor=_user(request))
        except AccessDenied:
            raise
        except ApplicationError as exc:
            form = forms.ReportNarrativeForm(
                {"narrative_kk": report.narrative_kk, "narrative_ru": report.narrative_ru}
            )
            form.is_valid()
            refusal_on_form(form, exc)
            return _report_page(request, report, status=400, narrative_form=form)
        messages.success(request, _("The report is published."))
        return redirect("oversight:report", body, year)


class ReportPdfView(AccessDeniedAs403):
    def get(self, request: HttpRequest, body: str, year: int, language: str) -> HttpResponse:
        report = _report(request, body, year)
        if report.status != ReportStatus.PUBLISHED or language not in ("kk", "ru"):
            raise Http404
        return _pdf(documents.report_pdf(report, language), f"{report.number}-{language}")


class HearingAnnounceView(_Page):
    def post(self, request: HttpRequest, body: str, year: int) -> HttpResponse:
        report = _report(request, body, year)
        form = forms.HearingAnnounceForm(request.POST)
        announced = _form_written(
            form,
            lambda data: services.hearing_announce(
                report=report,
                actor=_user(request),
                held_at=data["held_at"],
                place_kk=data["place_kk"],
                place_ru=data["place_ru"],
            ),
        )
        if announced:
            messages.success(request, _("The public hearing is announced."))
            return redirect("oversight:report", body, year)
        return _report_page(request, _report(request, body, year), status=400, announce_form=form)


def _hearing(pk: int) -> Hearing:
    found = selectors.hearing_get(pk=pk)
    if found is None:
        raise Http404
    return found


class HearingCommentView(AccessDeniedAs403):
    """Anyone comments on a published report until its hearing begins (Law 23.6)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        hearing = _hearing(pk)
        report = hearing.report
        if report.status != ReportStatus.PUBLISHED:
            raise Http404
        form = forms.CommentForm(request.POST)
        if form.is_valid():
            try:
                services.hearing_comment_submit(
                    hearing=hearing,
                    text=form.cleaned_data["text"],
                    author_name=form.cleaned_data["author_name"],
                    author=_user(request) if request.user.is_authenticated else None,
                    language=_lang(),
                )
            except ApplicationError as exc:
                refusal_on_form(form, exc)
            else:
                messages.success(
                    request, _("Thank you: your comment is received and will be published after moderation.")
                )
                return redirect("oversight:report", report.body.code, report.year)
        return _report_page(request, report, status=400, comment_form=form, hearing_pk=hearing.pk)


class HearingModerateView(_Page):
    def post(self, request: HttpRequest, pk: int, comment: int) -> HttpResponse:
        hearing = _hearing(pk)
        found = get_object_or_404(HearingComment, pk=comment, hearing=hearing)
        form = forms.ModerateForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            _act_with_message(
                request,
                lambda: services.hearing_comment_moderate(
                    comment=found, actor=_user(request), publish=data["publish"], rejection=data["rejection"]
                ),
                success=_("The comment is moderated."),
            )
        else:
            messages.error(request, _("Choose whether to publish the comment."))
        return redirect("oversight:report", hearing.report.body.code, hearing.report.year)


class HearingMinutesView(_Page):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        hearing = _hearing(pk)
        form = forms.MinutesForm(request.POST)
        published = _form_written(
            form,
            lambda data: services.hearing_minutes_record(
                hearing=hearing,
                actor=_user(request),
                minutes_kk=data["minutes_kk"],
                minutes_ru=data["minutes_ru"],
                participants=data["participants"],
            ),
        )
        if published:
            messages.success(request, _("The minutes are published."))
            return redirect("oversight:report", hearing.report.body.code, hearing.report.year)
        return _report_page(request, hearing.report, status=400, minutes_form=form, hearing_pk=hearing.pk)


class HearingResultsView(_Page):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        hearing = _hearing(pk)
        form = forms.ResultsForm(request.POST)
        published = _form_written(
            form,
            lambda data: services.hearing_results_record(
                hearing=hearing,
                actor=_user(request),
                results_use_kk=data["results_use_kk"],
                results_use_ru=data["results_use_ru"],
            ),
        )
        if published:
            messages.success(request, _("How the results were used is published."))
            return redirect("oversight:report", hearing.report.body.code, hearing.report.year)
        return _report_page(request, hearing.report, status=400, results_form=form, hearing_pk=hearing.pk)


class HearingFlagListView(_Page):
    """Law 23.6: the bodies that held no public hearing in a year, for the quality authority."""

    def get(self, request: HttpRequest) -> HttpResponse:
        flags = selectors.hearing_missing_list(user=_user(request))
        return render(request, "oversight/hearing_flags.html", {"flags": flags[:500], "lang": _lang()})
