"""Pages of the complaints app (Law 25): the reviewers' workspace ordered by due date with
overdue flags, the inspectors' view of every complaint and per-body statistics, the
recipient's complaints in the cabinet, filing and paper registration, and the complaint page
with the reviewing actions. Thin: every rule lives in services and selectors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from qyzmet.complaints import documents, forms, selectors, services
from qyzmet.complaints.enums import ComplaintChannel
from qyzmet.complaints.models import Complaint, Recommendation
from qyzmet.core import form_keys
from qyzmet.core.confirmation import confirmation_page, is_confirmed
from qyzmet.core.errors import AccessDenied, ApplicationError, IdempotencyKeyReused
from qyzmet.core.listing import StaffList, staff_list
from qyzmet.core.models import User
from qyzmet.core.refusals import AccessDeniedAs403, refusal_on_form
from qyzmet.orgs.models import Organisation
from qyzmet.registry import selectors as registry_selectors


def _lang() -> str:
    return "ru" if (get_language() or "kk").startswith("ru") else "kk"


def _org_choices(qs: Any) -> list[tuple[str, str]]:
    lang = _lang()
    return [(o.code, o.name(lang)) for o in qs]


def _pdf(content: bytes, name: str) -> HttpResponse:
    resp = HttpResponse(content, content_type="application/pdf")
    resp["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return resp


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


class _Page(LoginRequiredMixin, AccessDeniedAs403):
    """Signed-in pages; :class:`AccessDenied` from a selector becomes HTTP 403."""


def _complaint_listing(
    request: HttpRequest, user: User, rows: Callable[..., QuerySet[Any]], default_sort: str
) -> StaffList:
    """A staff complaint list for the query string (``qyzmet.core.listing``)."""
    return staff_list(
        params=request.GET,
        form_class=forms.ComplaintListFilterForm,
        form_kwargs={"bodies": selectors.complaint_body_choices(user=user)},
        rows=lambda **filters: rows(user=user, **filters),
        today=timezone.localdate(),
        default_sort=default_sort,
    )


class ComplaintWorkspaceView(_Page):
    """Reviewers: their complaints by due date with overdue flags. Recipients go to their own."""

    def get(self, request: HttpRequest) -> HttpResponse:
        user = _user(request)
        inspector = selectors.is_inspector(user=user)
        if not inspector and not selectors.is_reviewer(user=user):
            return redirect("complaints:mine")
        listing = _complaint_listing(
            request, user, selectors.complaint_workspace, selectors.WORKSPACE_DEFAULT_SORT
        )
        return render(
            request,
            "complaints/workspace.html",
            {
                "listing": listing,
                "complaints": list(listing.page.object_list),
                "today": timezone.localdate(),
                "inspector": inspector,
                "lang": _lang(),
                "can_register": selectors.can_register_paper_for(user=user).exists(),
            },
        )


class ComplaintAllView(_Page):
    """Every complaint the user may see (inspectors: of every body, read-only)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        user = _user(request)
        if not selectors.is_inspector(user=user) and not selectors.is_reviewer(user=user):
            raise AccessDenied()
        listing = _complaint_listing(
            request, user, selectors.complaint_register_for, selectors.REGISTER_DEFAULT_SORT
        )
        return render(
            request,
            "complaints/all.html",
            {
                "listing": listing,
                "complaints": list(listing.page.object_list),
                "today": timezone.localdate(),
                "lang": _lang(),
            },
        )


class ComplaintStatisticsView(_Page):
    """Inspectors: read-only statistics of complaints per body (UCC 18 figures)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not selectors.is_inspector(user=_user(request)):
            raise AccessDenied()
        today = timezone.localdate()
        form = forms.PeriodForm(request.GET or {"start": today.replace(month=1, day=1), "end": today})
        rows: list[selectors.BodyStatistics] = []
        if form.is_valid():
            rows = selectors.complaint_statistics_per_body(
                start=form.cleaned_data["start"], end=form.cleaned_data["end"]
            )
        return render(request, "complaints/statistics.html", {"form": form, "rows": rows, "lang": _lang()})


class RecommendationListView(_Page):
    """Law 25.3.2-3: recommendations as tasks with due dates: inspectors see all of them, a
    body's staff those sent to their body (even when the complaint itself went to the authority)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        user = _user(request)
        if not selectors.is_inspector(user=user) and not selectors.is_reviewer(user=user):
            raise AccessDenied()
        today = timezone.localdate()
        recommendations = selectors.recommendation_list_for(user=user, today=today).order_by(
            "status", "due_on", "id"
        )
        return render(
            request,
            "complaints/recommendations.html",
            {
                "recommendations": recommendations,
                "today": today,
                "lang": _lang(),
                "inspector": selectors.is_inspector(user=user),
            },
        )


class ComplaintMineView(_Page):
    """The recipient's complaints (cabinet)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "complaints/mine.html",
            {"complaints": selectors.complaint_list_own(user=_user(request)), "today": timezone.localdate()},
        )


def _sent_already(form: forms.ComplaintFileForm | forms.ComplaintRegisterForm, text: str) -> None:
    """Issue 20.4: the form's key already filed a complaint and the form now says something
    else (sent again after going back and changing it): nothing is filed; the form keeps what
    was typed with a new key, so that sending it again is a new filing."""
    form.add_error(None, text)
    form.renew_submission()


def _org_or_none(code: str) -> Organisation | None:
    """The body chosen in a form (a choice field: the code is one of the offered ones), or
    ``None`` when left empty (the service then takes the application's provider)."""
    return get_object_or_404(Organisation, code=code) if code else None


def _sent_form_page(
    request: HttpRequest, template: str, form: forms.ComplaintFileForm | forms.ComplaintRegisterForm
) -> HttpResponse:
    """The form's page; when its key already filed a complaint (Back after sending), the page
    says so and links to it: sent again unchanged, the form lands there; changed, it is refused
    with a new key (:func:`_sent_already`)."""
    key = f"{form.KEY_PREFIX}:{form_keys.submission_in_address(request)}"
    filed = selectors.complaint_filed_with_key(user=_user(request), idempotency_key=key)
    new_form = form_keys.address_without_submission(request)
    return render(request, template, {"form": form, "filed": filed, "new_form": new_form})


class ComplaintFileView(_Page):
    """A recipient files an electronic complaint."""

    def _form(self, request: HttpRequest) -> forms.ComplaintFileForm:
        user = _user(request)
        number = request.GET.get("application", "")[:32]
        # A complaint about an application goes by default to the body that delivered it.
        delivered_by = selectors.application_provider_for(user=user, number=number)
        initial = {
            "phone": user.phone,
            "email": user.email,
            "language": user.preferred_language if user.preferred_language in ("kk", "ru") else "kk",
            "application_number": number,
            "provider": delivered_by.code if delivered_by is not None else "",
        }
        return forms.ComplaintFileForm(
            request.POST or None,
            submission=form_keys.submission_in_address(request),
            initial=initial,
            providers=_org_choices(selectors.complained_about_list()),
            services=registry_selectors.service_choices(language=_lang()),
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        if not form_keys.submission_in_address(request):
            return form_keys.with_new_submission(request)
        return _sent_form_page(request, "complaints/file.html", self._form(request))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self._form(request)
        if form.is_valid():
            d = form.cleaned_data
            try:
                complaint = services.complaint_file(
                    actor=_user(request),
                    subject=d["subject"],
                    addressee=d["addressee"],
                    provider=_org_or_none(d["provider"]),
                    text=d["text"],
                    application_number=d["application_number"],
                    service_code=d["service_code"],
                    phone=d["phone"],
                    email=d["email"],
                    language=d["language"],
                    idempotency_key=form.submission_key(),
                )
            except IdempotencyKeyReused:
                _sent_already(
                    form,
                    _(
                        "This form was already sent and your complaint is registered (see “My complaints”). "
                        "What you changed since was not sent: to file it as another complaint, send the form again."
                    ),
                )
            except ApplicationError as exc:
                refusal_on_form(form, exc)
            else:
                # Sent again with its key (a double click, a resubmit): the complaint filed the first time.
                messages.success(
                    request, _("Your complaint %(number)s is registered.") % {"number": complaint.number}
                )
                return redirect("complaints:detail", number=complaint.number)
        return render(request, "complaints/file.html", {"form": form}, status=400)


class ComplaintRegisterView(_Page):
    """Staff register a paper complaint received by their body."""

    def _form(self, request: HttpRequest) -> forms.ComplaintRegisterForm:
        bodies = selectors.can_register_paper_for(user=_user(request))
        if not bodies.exists():
            raise AccessDenied()
        return forms.ComplaintRegisterForm(
            request.POST or None,
            submission=form_keys.submission_in_address(request),
            bodies=_org_choices(bodies),
            providers=_org_choices(selectors.complained_about_list()),
            services=registry_selectors.service_choices(language=_lang()),
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        form = self._form(request)  # who may register is checked before any key is handed out
        if not form_keys.submission_in_address(request):
            return form_keys.with_new_submission(request)
        return _sent_form_page(request, "complaints/register.html", form)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self._form(request)
        if form.is_valid():
            d = form.cleaned_data
            try:
                complaint = services.complaint_register_paper(
                    actor=_user(request),
                    reviewing_body=get_object_or_404(Organisation, code=d["reviewing_body"]),
                    provider=_org_or_none(d["provider"]),
                    subject=d["subject"],
                    addressee=d["addressee"],
                    text=d["text"],
                    complainant_name=d["complainant_name"],
                    complainant_iin=d["complainant_iin"],
                    complainant_bin=d["complainant_bin"],
                    complainant_address=d["complainant_address"],
                    complainant_phone=d["complainant_phone"],
                    language=d["language"],
                    application_number=d["application_number"],
                    service_code=d["service_code"],
                    registered_on=d["registered_on"],
                    idempotency_key=form.submission_key(),
                )
            except IdempotencyKeyReused:
                _sent_already(
                    form,
                    _(
                        "This form was already sent and the complaint is registered. What you changed "
                        "since was not sent: to register it as another complaint, send the form again."
                    ),
                )
            except ApplicationError as exc:
                refusal_on_form(form, exc)
            else:
                messages.success(
                    request, _("Complaint %(number)s is registered.") % {"number": complaint.number}
                )
                return redirect("complaints:detail", number=complaint.number)
        return render(request, "complaints/register.html", {"form": form}, status=400)


def _complaint(request: HttpRequest, number: str, *, act: bool = False) -> Complaint:
    complaint = get_object_or_404(
        Complaint.objects.select_related("provider", "reviewing_body", "extension"), number=number
    )
    return selectors.access_complaint(user=_user(request), complaint=complaint, act=act)


def _detail(request: HttpRequest, complaint: Complaint, *, status: int = 200, **bound: Any) -> HttpResponse:
    """The complaint page. ``bound`` replaces an action form by the one the user submitted, so
    that after a refusal the page shows the error on its field and keeps what was typed."""
    user = _user(request)
    can_act = selectors.can_act_on(user=user, complaint=complaint)
    extension = getattr(complaint, "extension", None) if hasattr(complaint, "extension") else None
    recommendations = list(complaint.recommendations.select_related("organisation"))
    context: dict[str, Any] = {
        "c": complaint,
        "extension": extension,
        "recommendations": recommendations,
        # one control form per recommendation, each with its own element ids
        "recommendation_rows": [(r, forms.ControlForm(auto_id=f"control{r.pk}_%s")) for r in recommendations],
        "can_act": can_act,
        "can_extend": selectors.can_extend(complaint=complaint),
        # Law 25.3.2: recommendations only to the bodies the point names
        "can_recommend": selectors.can_recommend(complaint=complaint),
        "quality": complaint.addressee == "quality_authority",
        "paper": complaint.channel == ComplaintChannel.PAPER,
        "today": timezone.localdate(),
        "lang": _lang(),
        "extend_form": forms.ExtendForm(),
        "notice_form": forms.NoticeForm(initial={"sent_on": timezone.localdate()}),
        "answer_form": forms.AnswerForm(),
        "study_form": forms.StudyForm(initial={"text": complaint.dissatisfaction_study}),
        "recommendation_form": forms.RecommendationForm(),
    }
    context.update(bound)
    return render(request, "complaints/detail.html", context, status=status)


class ComplaintDetailView(_Page):
    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        return _detail(request, _complaint(request, number))


class _ActionView(_Page):
    form_class: type[Any]
    # The context name of the form on the complaint page: a refused form is shown again there,
    # bound, with its errors. Empty: the errors go to the messages (per-row control forms).
    form_name: str = ""

    def act(self, request: HttpRequest, complaint: Complaint, data: dict[str, Any], **kwargs: Any) -> str:
        raise NotImplementedError

    def confirmation(self, complaint: Complaint, data: dict[str, Any]) -> tuple[str, str, str] | None:
        """(heading, what will happen, button) of a final action, asked before it is written
        (qyzmet.core.confirmation), after the service's own check; ``None``: not final."""
        return None

    def post(self, request: HttpRequest, number: str, **kwargs: Any) -> HttpResponseBase:
        complaint = _complaint(request, number, act=True)
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                asked = None if is_confirmed(request) else self.confirmation(complaint, form.cleaned_data)
                if asked is not None:
                    heading, consequence, label = asked
                    return confirmation_page(
                        request,
                        heading=heading,
                        consequence=consequence,
                        confirm_label=label,
                        back_url=reverse("complaints:detail", args=[complaint.number]),
                    )
                messages.success(request, self.act(request, complaint, form.cleaned_data, **kwargs))
            except ApplicationError as exc:
                if self.form_name:
                    refusal_on_form(form, exc)
                else:
                    lang = get_language()
                    text = exc.message_for(lang)
                    fields = " ".join(exc.field_messages_for(lang).values())
                    messages.error(request, f"{text} {fields}".strip() if fields != text else text)
            else:
                return redirect(reverse("complaints:detail", args=[complaint.number]))
        elif not self.form_name:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
        if not self.form_name:
            return redirect(reverse("complaints:detail", args=[complaint.number]))
        complaint = _complaint(request, number)  # as stored: nothing was written
        return _detail(request, complaint, status=400, **{self.form_name: form})


class ComplaintExtendView(_ActionView):
    form_class = forms.ExtendForm
    form_name = "extend_form"

    def act(self, request: HttpRequest, complaint: Complaint, data: dict[str, Any], **kwargs: Any) -> str:
        ext = services.complaint_extend(
            complaint=complaint,
            actor=_user(request),
            ground=data["ground"] or "",
            reasons=data["reasons"],
            working_days=data["working_days"],
        )
        return _("The review term is extended to %(date)s.") % {"date": f"{ext.new_due_on:%d.%m.%Y}"}


class ComplaintNoticeView(_ActionView):
    form_class = forms.NoticeForm
    form_name = "notice_form"

    def act(self, request: HttpRequest, complaint: Complaint, data: dict[str, Any], **kwargs: Any) -> str:
        ext = services.complaint_extension_notice_record(
            extension=complaint.extension, actor=_user(request), sent_on=data["sent_on"]
        )
        return (
            _("The notice was sent late.")
            if ext.notice_late
            else _("The notice is recorded as sent in time.")
        )


class ComplaintAnswerView(_ActionView):
    form_class = forms.AnswerForm
    form_name = "answer_form"

    def act(self, request: HttpRequest, complaint: Complaint, data: dict[str, Any], **kwargs: Any) -> str:
        services.complaint_answer(
            complaint=complaint,
            actor=_user(request),
            outcome=data["outcome"],
            answer_text=data["answer_text"],
        )
        return _("The answer is recorded.")

    def confirmation(self, complaint: Complaint, data: dict[str, Any]) -> tuple[str, str, str] | None:
        services.complaint_answer_check(
            complaint=complaint, outcome=data["outcome"], answer_text=data["answer_text"]
        )
        return (
            _("Answer complaint %(number)s.") % {"number": complaint.number},
            _(
                "The answer is final: it is sent to the complainant and the review is closed. "
                "It cannot be changed afterwards."
            ),
            _("Send the answer"),
        )


class ComplaintStudyView(_ActionView):
    form_class = forms.StudyForm
    form_name = "study_form"

    def act(self, request: HttpRequest, complaint: Complaint, data: dict[str, Any], **kwargs: Any) -> str:
        services.complaint_study_record(complaint=complaint, actor=_user(request), text=data["text"])
        return _("The study is saved.")


class RecommendationIssueView(_ActionView):
    form_class = forms.RecommendationForm
    form_name = "recommendation_form"

    def act(self, request: HttpRequest, complaint: Complaint, data: dict[str, Any], **kwargs: Any) -> str:
        services.recommendation_issue(
            complaint=complaint, actor=_user(request), text=data["text"], due_on=data["due_on"]
        )
        return _("The recommendation is sent.")


class RecommendationControlView(_ActionView):
    form_class = forms.ControlForm

    def act(self, request: HttpRequest, complaint: Complaint, data: dict[str, Any], **kwargs: Any) -> str:
        rec = get_object_or_404(Recommendation, pk=kwargs["pk"], complaint=complaint)
        services.recommendation_control(
            recommendation=rec,
            actor=_user(request),
            fulfilled_on=data["fulfilled_on"],
            in_full=data["in_full"],
            note=data["note"],
        )
        return _("The control result is recorded.")


class ExtensionNoticePdfView(_Page):
    """Law 25.4: the letter about the extension (paper complaints)."""

    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        complaint = _complaint(request, number)
        if not hasattr(complaint, "extension"):
            raise Http404
        return _pdf(documents.extension_notice_pdf(complaint.extension), f"{complaint.number}-extension")


class AnswerPdfView(_Page):
    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        complaint = _complaint(request, number)
        if complaint.answered_on is None:
            raise Http404
        return _pdf(documents.answer_letter_pdf(complaint), f"{complaint.number}-answer")
