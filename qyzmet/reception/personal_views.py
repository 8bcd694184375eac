"""Pages of personal reception (CRC 20-23).

- the public schedule (approved receptions, kk/ru);
- the schedule's way (CRC 20): the body drafts and sends, the Department agrees or returns,
  the Head of the Government Apparatus approves or returns; a refused step re-renders the page
  with the error by its field and everything typed kept (400), a step of another role is 403;
- the schedules given to reception, 1414 and consultation staff;
- a reception's page: the visitors (for those who may see names), pre-registration, tickets and
  attendance on the day, follow-up tasks, a joint reception (CRC 23), video conference;
- the escort's page (centre staff only), refreshing itself from ``escort/state.json``;
- follow-up tasks with the overdue ones flagged (CRC 22).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import User
from qyzmet.core.params import posted_id
from qyzmet.orgs.selectors import competent_body_list, organisation_choices
from qyzmet.reception import personal_selectors as sel
from qyzmet.reception import personal_services as services
from qyzmet.reception.models import PreRegistration, ReceptionSchedule
from qyzmet.reception.personal_forms import (
    FollowUpCloseForm,
    FollowUpForm,
    JointReceptionForm,
    OnlineRegistrationForm,
    PreRegistrationForm,
    ReturnForm,
    ScheduleForm,
)


def _lang() -> str:
    lang = get_language() or "kk"
    return "kk" if lang.startswith("kk") else "ru" if lang.startswith("ru") else "en"


def _place(form: forms.Form, exc: ApplicationError) -> None:
    """A service's refusal on the posted form: each message by its field, the rest on the form."""
    lang = _lang()
    texts = exc.field_messages_for(lang)
    for name, text in texts.items():
        form.add_error(name if name in form.fields else None, text)
    if not texts or texts.keys() - form.fields.keys():
        form.add_error(None, exc.message_for(lang))


class _Staff(LoginRequiredMixin, View):
    """A refused step of another role is a 403 naming who takes it (CRC 20)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return super().dispatch(request, *args, **kwargs)
        except AccessDenied as exc:
            raise PermissionDenied(exc.message_for(_lang())) from exc


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


# --- Public -----------------------------------------------------------------------------------


class PersonalReceptionScheduleView(View):
    """CRC 20: the approved schedules, published (kk/ru)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        user = _user(request)
        ctx = {
            "schedules": sel.schedule_published_list(),
            "lang": _lang(),
            "may_open_workflow": sel.may_open_workflow(user=user),
            "may_escort": sel.may_escort(user=user),
        }
        return render(request, "reception/personal_reception.html", ctx)


# --- The schedule's way (CRC 20) --------------------------------------------------------------


class ScheduleWorkflowView(_Staff):
    def _forms(self, request: HttpRequest) -> dict[str, Any]:
        user = _user(request)
        bodies = sel.drafting_bodies_for(user=user)
        return {
            "draft": ScheduleForm(bodies=organisation_choices(language=_lang(), queryset=bodies))
            if bodies.exists()
            else None,
        }

    def _render(
        self,
        request: HttpRequest,
        *,
        forms_: dict[str, Any] | None = None,
        failed: dict[str, Any] | None = None,
        status: int = 200,
    ) -> HttpResponse:
        user = _user(request)
        if not sel.may_open_workflow(user=user):
            raise PermissionDenied
        lists = sel.schedule_workflow(user=user)
        failed = failed or {}

        def with_forms(rows: list[ReceptionSchedule]) -> list[tuple[ReceptionSchedule, ReturnForm]]:
            return [
                (r, failed["form"] if failed.get("pk") == r.pk else ReturnForm(prefix=f"r{r.pk}"))
                for r in rows
            ]

        ctx = {
            **lists,
            "to_agree": with_forms(lists["to_agree"]),
            "to_approve": with_forms(lists["to_approve"]),
            **self._forms(request),
            **(forms_ or {}),
            "is_department": sel.is_department_officer(user=user),
            "is_head": sel.is_head_of_apparatus(user=user),
            "lang": _lang(),
        }
        return render(request, "reception/personal_workflow.html", ctx, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        user = _user(request)
        action = request.POST.get("action", "")
        if action == "draft":
            bodies = sel.drafting_bodies_for(user=user)
            if not bodies.exists():
                raise PermissionDenied(services.BODY_ONLY[_lang()])
            form: forms.Form = ScheduleForm(
                request.POST, bodies=organisation_choices(language=_lang(), queryset=bodies)
            )
            if form.is_valid():
                body = bodies.filter(code=form.cleaned_data.get("organisation", "")).first()
                if body is None:
                    raise PermissionDenied(services.BODY_ONLY[_lang()])
                try:
                    s = services.schedule_draft(actor=user, organisation=body, **_schedule_fields(form))
                except ApplicationError as exc:
                    if isinstance(exc, AccessDenied):
                        raise
                    _place(form, exc)
                else:
                    messages.success(
                        request,
                        _("The reception is saved as a draft of %(day)s.") % {"day": f"{s.day:%d.%m.%Y}"},
                    )
                    return redirect("reception:personal-reception-workflow")
            return self._render(request, forms_={"draft": form}, status=400)
        schedule = get_object_or_404(ReceptionSchedule, pk=posted_id(request.POST.get("schedule")))
        if action == "return":
            form = ReturnForm(request.POST, prefix=f"r{schedule.pk}")
            form.is_valid()
            try:
                services.schedule_return(
                    actor=user, schedule=schedule, reason=form.cleaned_data.get("reason", "")
                )
            except AccessDenied:
                raise
            except ApplicationError as exc:
                _place(form, exc)
                return self._render(request, failed={"pk": schedule.pk, "form": form}, status=400)
            messages.success(request, _("The schedule is returned to the body."))
            return redirect("reception:personal-reception-workflow")
        steps = {
            "submit": (services.schedule_submit, _("The schedule is sent to the Department for agreement.")),
            "agree": (
                services.schedule_agree,
                _("The schedule is agreed and goes to the Head of the Government Apparatus."),
            ),
            "approve": (
                services.schedule_approve,
                _("The schedule is approved, published and given to reception, 1414 and consultation staff."),
            ),
        }
        if action not in steps:
            raise Http404
        step, done = steps[action]
        try:
            step(actor=user, schedule=schedule)
        except AccessDenied:
            raise
        except ApplicationError as exc:
            messages.error(request, exc.message_for(_lang()))
            return self._render(request, status=400)
        messages.success(request, done)
        return redirect("reception:personal-reception-workflow")


def _schedule_fields(form: forms.Form) -> dict[str, Any]:
    d = form.cleaned_data
    return {
        "official_name_kk": d.get("official_name_kk", ""),
        "official_name_ru": d.get("official_name_ru", ""),
        "position_kk": d.get("position_kk", ""),
        "position_ru": d.get("position_ru", ""),
        "day": d.get("day"),
        "starts_at": d.get("starts_at"),
        "ends_at": d.get("ends_at"),
    }


class ScheduleEditView(_Staff):
    """CRC 20: the body corrects its draft or a returned schedule."""

    def _schedule(self, request: HttpRequest, pk: int) -> ReceptionSchedule:
        s = get_object_or_404(ReceptionSchedule.objects.select_related("organisation", "returned_by"), pk=pk)
        if not sel.is_body_staff(user=_user(request), organisation=s.organisation):
            raise PermissionDenied(services.BODY_ONLY[_lang()])
        return s

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        s = self._schedule(request, pk)
        form = ScheduleForm(
            initial={
                f: getattr(s, f)
                for f in (
                    "official_name_kk",
                    "official_name_ru",
                    "position_kk",
                    "position_ru",
                    "day",
                    "starts_at",
                    "ends_at",
                )
            }
        )
        return render(
            request, "reception/personal_schedule_edit.html", {"schedule": s, "form": form, "lang": _lang()}
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        s = self._schedule(request, pk)
        form = ScheduleForm(request.POST)
        if form.is_valid():
            try:
                services.schedule_update(actor=_user(request), schedule=s, **_schedule_fields(form))
            except AccessDenied:
                raise
            except ApplicationError as exc:
                _place(form, exc)
            else:
                messages.success(request, _("The reception is corrected."))
                return redirect("reception:personal-reception-workflow")
        return render(
            request,
            "reception/personal_schedule_edit.html",
            {"schedule": s, "form": form, "lang": _lang()},
            status=400,
        )


class SchedulesGivenView(_Staff):
    """CRC 20: the approved schedules given to this reception, 1414 or consultation worker."""

    def get(self, request: HttpRequest) -> HttpResponse:
        user = _user(request)
        if not sel.may_open_workflow(user=user):
            raise PermissionDenied
        ctx = {"schedules": sel.given_schedules_for(user=user), "lang": _lang()}
        return render(request, "reception/personal_given.html", ctx)


# --- A reception's page (CRC 21-23) -----------------------------------------------------------


class PersonalReceptionDetailView(View):
    """A reception: the schedule for everyone once approved; the visitors by name for the
    centre, the body and the Department; their actions (each refused one re-renders the page
    with the error by its field and the typed values kept)."""

    def _schedule(self, request: HttpRequest, pk: int) -> ReceptionSchedule:
        s = get_object_or_404(
            ReceptionSchedule.objects.select_related("organisation", "joint_local_body"), pk=pk
        )
        try:
            return sel.access_schedule_draft(user=_user(request), schedule=s)
        except AccessDenied as exc:
            raise Http404 from exc

    def _ctx(self, request: HttpRequest, s: ReceptionSchedule, **forms_: Any) -> dict[str, Any]:
        user = _user(request)
        today = timezone.localdate()
        can_see = sel.may_see_visitors(user=user, schedule=s)
        registrations = list(sel.visitor_list(schedule=s)) if can_see else []
        is_body = sel.is_body_staff(user=user, organisation=s.organisation)
        is_desk = sel.is_reception_desk_staff(user=user)
        lang = _lang()
        reg_choices = [(str(r.pk), r.visitor_name) for r in registrations if r.attended]
        ctx: dict[str, Any] = {
            "schedule": s,
            "lang": lang,
            "today": today,
            "is_day": today == s.day,
            "lock_date": services.schedule_lock_date(s),
            "locked": today >= services.schedule_lock_date(s),
            "can_see": can_see,
            "is_body": is_body,
            "is_desk": is_desk,
            "is_department": sel.is_department_officer(user=user),
            "registrations": registrations,
            "has_follow_ups": any(r.follow_ups.all() for r in registrations),
            "register_form": PreRegistrationForm(
                prefix="reg", initial={"language": lang if lang in ("kk", "ru") else "kk"}
            )
            if is_desk
            else None,
            "online_form": OnlineRegistrationForm(prefix="online")
            if user.is_authenticated and not can_see
            else None,
            "follow_up_form": FollowUpForm(
                prefix="fu", registrations=reg_choices, responsibles=sel.responsible_choices(schedule=s)
            )
            if is_body and reg_choices
            else None,
            "joint_form": JointReceptionForm(
                prefix="joint", bodies=organisation_choices(language=lang, queryset=sel.local_body_list())
            )
            if sel.is_department_officer(user=user)
            else None,
            "video_bodies": competent_body_list() if (is_desk or is_body) else [],
            "failed": {},
        }
        ctx.update(forms_)
        return ctx

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        s = self._schedule(request, pk)
        return render(request, "reception/personal_reception_detail.html", self._ctx(request, s))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect(f"{reverse('web:login')}?next={request.path}")
        s = self._schedule(request, pk)
        user = _user(request)
        action = request.POST.get("action", "")
        url = reverse("reception:personal-reception-detail", args=[s.pk])
        try:
            return self._act(request, s, user, action, url)
        except AccessDenied as exc:
            raise PermissionDenied(exc.message_for(_lang())) from exc

    def _bad(self, request: HttpRequest, s: ReceptionSchedule, **forms_: Any) -> HttpResponse:
        return render(
            request, "reception/personal_reception_detail.html", self._ctx(request, s, **forms_), status=400
        )

    def _registration(self, request: HttpRequest, s: ReceptionSchedule) -> PreRegistration:
        return get_object_or_404(PreRegistration, schedule=s, pk=posted_id(request.POST.get("registration")))

    def _act(
        self, request: HttpRequest, s: ReceptionSchedule, user: User, action: str, url: str
    ) -> HttpResponse:
        lang = _lang()
        if action == "add":
            form: forms.Form = PreRegistrationForm(request.POST, prefix="reg")
            form.is_valid()
            d = form.cleaned_data
            try:
                services.preregistration_add(
                    actor=user,
                    schedule=s,
                    visitor_name=d.get("visitor_name", ""),
                    visitor_iin=d.get("visitor_iin", ""),
                    issue=d.get("issue", ""),
                    language=d.get("language") or "kk",
                    channel="centre",
                )
            except AccessDenied:
                raise
            except ApplicationError as exc:
                _place(form, exc)
                return self._bad(request, s, register_form=form)
            messages.success(request, _("The visitor is registered."))
        elif action == "online":
            form = OnlineRegistrationForm(request.POST, prefix="online")
            form.is_valid()
            try:
                services.preregistration_add(
                    actor=user,
                    schedule=s,
                    visitor_name=user.get_full_name() or user.username,
                    visitor_iin=user.iin,
                    issue=form.cleaned_data.get("issue", ""),
                    language=user.preferred_language if user.preferred_language in ("kk", "ru") else "kk",
                    channel="online",
                    user=user,
                )
            except AccessDenied:
                raise
            except ApplicationError as exc:
                _place(form, exc)
                return self._bad(request, s, online_form=form)
            messages.success(request, _("You are registered for the reception."))
        elif action == "ticket":
            reg = self._registration(request, s)
            try:
                ticket = services.preregistration_ticket_issue(
                    actor=user, registration=reg, visitor_document=request.POST.get("visitor_document", "")
                )
            except AccessDenied:
                raise
            except ApplicationError as exc:
                return self._bad(
                    request,
                    s,
                    failed={
                        "pk": reg.pk,
                        "error": exc.message_for(lang),
                        "document": request.POST.get("visitor_document", ""),
                    },
                )
            messages.success(request, _("Ticket %(code)s issued.") % {"code": ticket.code})
        elif action == "attendance":
            reg = self._registration(request, s)
            try:
                services.preregistration_mark_attendance(
                    actor=user, registration=reg, attended=request.POST.get("attended") == "yes"
                )
            except AccessDenied:
                raise
            except ApplicationError as exc:
                return self._bad(request, s, failed={"pk": reg.pk, "error": exc.message_for(lang)})
        elif action == "follow_up":
            ctx = self._ctx(request, s)
            if ctx["follow_up_form"] is None:
                raise PermissionDenied(services.EXECUTIVES_ONLY[lang])
            form = FollowUpForm(
                request.POST,
                prefix="fu",
                registrations=list(ctx["follow_up_form"].fields["registration"].choices),
                responsibles=sel.responsible_choices(schedule=s),
            )
            form.is_valid()
            d = form.cleaned_data
            reg = get_object_or_404(
                PreRegistration, schedule=s, pk=posted_id(request.POST.get("fu-registration"))
            )
            chosen = d.get("responsible", "")
            try:
                services.follow_up_create(
                    actor=user,
                    registration=reg,
                    description=d.get("description", ""),
                    due_date=d.get("due_date"),
                    responsible=User.objects.filter(pk=int(chosen)).first() if chosen else None,
                )
            except AccessDenied:
                raise
            except ApplicationError as exc:
                _place(form, exc)
                return self._bad(request, s, follow_up_form=form)
            messages.success(request, _("The follow-up task is set."))
        elif action == "joint":
            form = JointReceptionForm(
                request.POST,
                prefix="joint",
                bodies=organisation_choices(language=lang, queryset=sel.local_body_list()),
            )
            form.is_valid()
            body = sel.local_body_list().filter(code=form.cleaned_data.get("local_body", "")).first()
            try:
                if body is None:
                    raise ApplicationError(
                        "crc23_joint_reception",
                        {
                            "kk": "Әкімдікті тізімнен таңдаңыз (Регламенттің 23-тармағы).",
                            "ru": "Выберите акимат из списка (п. 23 Регламента).",
                            "en": "Choose the akimat from the list (CRC 23).",
                        },
                        fields={
                            "local_body": {
                                "kk": "Әкімдікті тізімнен таңдаңыз.",
                                "ru": "Выберите акимат из списка.",
                                "en": "Choose the akimat.",
                            }
                        },
                    )
                services.schedule_joint_local_body_set(actor=user, schedule=s, local_body=body)
            except AccessDenied:
                raise
            except ApplicationError as exc:
                _place(form, exc)
                return self._bad(request, s, joint_form=form)
        elif action == "video":
            body = get_object_or_404(competent_body_list(), code=request.POST.get("body"))
            services.schedule_video_body_add(actor=user, schedule=s, organisation=body)
        else:
            raise Http404
        return redirect(url)


# --- The escort's page (CRC 21) ---------------------------------------------------------------


class EscortView(_Staff):
    """CRC 21: today's visitors by name, for the escort (the centre's staff, the body's
    responsible executives); refreshes itself."""

    def get(self, request: HttpRequest) -> HttpResponse:
        state = sel.escort_state(user=_user(request))
        ctx = {"state": state, "lang": _lang(), "refresh_ms": sel.ESCORT_REFRESH_SECONDS * 1000}
        return render(request, "reception/personal_escort.html", ctx)


class EscortStateView(_Staff):
    def get(self, request: HttpRequest) -> JsonResponse:
        resp = JsonResponse(sel.escort_state(user=_user(request)))
        resp["Cache-Control"] = "no-store"
        return resp


# --- Follow-up tasks (CRC 22) -----------------------------------------------------------------


class FollowUpListView(_Staff):
    def _render(
        self, request: HttpRequest, failed: dict[str, Any] | None = None, status: int = 200
    ) -> HttpResponse:
        user = _user(request)
        if not sel.may_open_follow_ups(user=user):
            raise PermissionDenied
        today = timezone.localdate()
        failed = failed or {}
        tasks = []
        for t in sel.follow_up_list_for(user=user):
            if not sel.may_close_follow_up(user=user, task=t):
                form = None
            elif failed.get("pk") == t.pk:
                form = failed["form"]
            else:
                form = FollowUpCloseForm(prefix=f"c{t.pk}")
            tasks.append((t, sel.follow_up_is_overdue(t, today), form))
        ctx = {
            "tasks": tasks,
            "overdue": sum(1 for _t, late, _f in tasks if late),
            "today": today,
            "user_pk": user.pk,
            "lang": _lang(),
        }
        return render(request, "reception/personal_follow_ups.html", ctx, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        user = _user(request)
        task = get_object_or_404(sel.follow_up_list_for(user=user), pk=posted_id(request.POST.get("task")))
        form = FollowUpCloseForm(request.POST, prefix=f"c{task.pk}")
        form.is_valid()
        try:
            services.follow_up_close(actor=user, task=task, outcome=form.cleaned_data.get("outcome", ""))
        except AccessDenied:
            raise
        except ApplicationError as exc:
            _place(form, exc)
            return self._render(request, failed={"pk": task.pk, "form": form}, status=400)
        messages.success(request, _("The task is closed."))
        return redirect("reception:follow-ups")
