"""The appeal at the Result desk as question pages over one draft (ADR 0025's pattern, CRC 17):
who, to whom, what, attachments, how the answer is received; then "Check the answers" and the
confirmation. Each page saves its answers and scans into the draft, then the whole appeal is
checked (``services.appeal_check``, nothing written) and the page shows the problems of its own
fields, each once, next to the field. Thin: which page asks what is ``forms_appeal``; every
rule is a service's. Only the centre's reception staff who started a draft use it (404 else)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import User
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import competent_body_list, organisation_choices
from qyzmet.reception import appeal_drafts, selectors, services
from qyzmet.reception.enums import AnswerMethod, ZoneKind
from qyzmet.reception.forms_appeal import (
    APPEAL_STEPS,
    ATTACHMENT_ROWS,
    CHECK,
    FILE_FIELDS,
    STEP_TITLES,
    AppealStepsForm,
    appeal_step_of,
    bound_data,
    page_values,
)
from qyzmet.reception.models import AppealDraft, Ticket
from qyzmet.reception.views import _centre_for


class _Page(LoginRequiredMixin, View):
    """Signed-in staff pages; :class:`AccessDenied` becomes 404 (telling nothing)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return super().dispatch(request, *args, **kwargs)
        except AccessDenied as exc:
            raise Http404 from exc


def _lang() -> str:
    return (get_language() or "kk")[:2]


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _ticket_label(ticket: Ticket, lang: str) -> str:
    language = "қазақша" if ticket.language == "kk" else "русский"
    return f"{ticket.code} — {ticket.zone.name(lang)}, {language}"


@dataclass
class _Flow:
    request: HttpRequest
    draft: AppealDraft

    @classmethod
    def load(cls, request: HttpRequest, key: str) -> _Flow:
        _centre_for(request)
        draft = selectors.appeal_draft_get(owner=_user(request), key=key)
        if draft is None or draft.closed_at is not None:
            raise Http404
        return cls(request=request, draft=draft)

    @property
    def centre(self) -> Organisation:
        return self.draft.centre

    def ticket(self) -> Ticket | None:
        pk = str(self.draft.values.get("ticket") or "")
        return selectors.centre_ticket(centre=self.centre, pk=pk) if pk else None

    def tickets(self) -> list[tuple[str, str]]:
        lang = _lang()
        rows = [
            (str(t.pk), _ticket_label(t, lang))
            for t in selectors.result_ticket_choices(centre=self.centre, day=timezone.localdate())
        ]
        chosen = self.ticket()
        if chosen is not None and str(chosen.pk) not in dict(rows):
            rows.append((str(chosen.pk), _ticket_label(chosen, lang)))
        return rows

    def form(self, values: dict[str, Any] | None = None) -> AppealStepsForm:
        return AppealStepsForm(
            bound_data(self.draft.values if values is None else values),
            tickets=self.tickets(),
            bodies=organisation_choices(language=_lang(), queryset=competent_body_list()),
        )

    def unbound_form(self) -> AppealStepsForm:
        return AppealStepsForm(
            initial=self.draft.values,
            tickets=self.tickets(),
            bodies=organisation_choices(language=_lang(), queryset=competent_body_list()),
        )

    def saved_form(self) -> AppealStepsForm:
        form = self.form()
        form.is_valid()
        return form

    def kept(self) -> dict[str, Any]:
        return appeal_drafts.appeal_draft_scans(draft=self.draft)

    def bodies(self, form: AppealStepsForm) -> list[Organisation]:
        codes = form.chosen_bodies()
        found = {o.code: o for o in Organisation.objects.filter(code__in=codes)}
        return [found[c] for c in codes if c in found]

    def check(self, form: AppealStepsForm, *, step: str | None = None) -> None:
        """The whole appeal checked (nothing written); a page keeps its own fields' problems."""
        kept = self.kept()
        scans = [
            services.AppealScan(role=role, file=kept[name].file, name=label, index=index)
            for name, (role, label, index) in form.scan_roles().items()
            if name in kept
        ]
        try:
            services.appeal_check(
                details=form.details(),
                competent_bodies=self.bodies(form),
                scans=scans,
                today=timezone.localdate(),
            )
        except ApplicationError as exc:
            form.place_service_errors(exc.field_messages_for(_lang()), step=step)
            if not exc.fields:
                form.add_error(None, exc.message_for(_lang()))
        if step is not None:
            form.keep_errors_of(step)

    def url(self, step: str) -> str:
        key = str(self.draft.key)
        if step == CHECK:
            return reverse("reception:appeal-check", kwargs={"key": key})
        return reverse("reception:appeal-step", kwargs={"key": key, "step": step})


@method_decorator(never_cache, name="dispatch")
class AppealStartView(_Page):
    """``/reception/appeals/new/``: which visitor the appeal is registered for (the Result-zone
    queue tickets now at the desks, or none), and the worker's unfinished drafts. GET writes
    nothing; "Start" (POST) starts a draft in the ticket's language."""

    def get(self, request: HttpRequest) -> HttpResponse:
        centre = _centre_for(request)
        lang = _lang()
        tickets = selectors.result_ticket_choices(centre=centre, day=timezone.localdate())
        return render(
            request,
            "reception/appeal/start.html",
            {
                "tickets": [(t, _ticket_label(t, lang)) for t in tickets],
                "drafts": selectors.appeal_draft_open_list(owner=_user(request)),
                "titles": [STEP_TITLES[s] for s in APPEAL_STEPS] + [_("Check the answers")],
            },
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        centre = _centre_for(request)
        ticket = selectors.centre_ticket(centre=centre, pk=request.POST.get("ticket", ""))
        values: dict[str, Any] = {
            "language": ticket.language if ticket else _lang(),
            "applicant_type": "individual",
            "form": "written",
            "legal_area": "general",
            "appeal_date": timezone.localdate().isoformat(),
        }
        if ticket is not None:
            values["ticket"] = str(ticket.pk)
        draft = appeal_drafts.appeal_draft_start(owner=_user(request), centre=centre, values=values)
        return redirect("reception:appeal-step", key=str(draft.key), step=APPEAL_STEPS[0])


@method_decorator(never_cache, name="dispatch")
class AppealStepView(_Page):
    """One question page. GET shows the draft's answers (``?check=1``: with the problems
    "Check" found); POST saves the page's answers and scans into the draft and goes on, or
    shows the page again (400) with its problems, every answer and scan kept."""

    def get(self, request: HttpRequest, key: str, step: str) -> HttpResponse:
        flow = _Flow.load(request, key)
        if step not in APPEAL_STEPS:
            raise Http404
        if request.GET.get("check"):
            form = flow.saved_form()
            flow.check(form, step=step)
        else:
            form = flow.unbound_form()  # a first visit: the answers so far, no problems yet
        returning = bool(request.GET.get("check") or request.GET.get("change"))
        return self._render(flow, form, step, returning=returning)

    def post(self, request: HttpRequest, key: str, step: str) -> HttpResponse:
        flow = _Flow.load(request, key)
        if step not in APPEAL_STEPS:
            raise Http404
        values = {
            k: v for k, v in flow.draft.values.items() if appeal_step_of(k) != step or k == "competent_bodies"
        }
        values.update(page_values(request.POST, step=step))
        action = request.POST.get("action", "")
        bodies = [str(b) for b in values.get("competent_bodies") or []]
        if step == "to_whom":
            offered = dict(organisation_choices(language=_lang(), queryset=competent_body_list()))
            picked = request.POST.get("add_body", "")
            if action == "add_body" and picked in offered and picked not in bodies:
                bodies.append(picked)
            if action.startswith("remove_body:"):
                bodies = [b for b in bodies if b != action.split(":", 1)[1]]
            values["competent_bodies"] = [b for b in bodies if b in offered]
        files = {n: f for n, f in request.FILES.items() if n in FILE_FIELDS and appeal_step_of(n) == step}
        remove = [n for n in FILE_FIELDS if appeal_step_of(n) == step and request.POST.get(f"remove_{n}")]
        try:
            saved = appeal_drafts.appeal_draft_save(
                owner=_user(request), key=key, values=values, files=files, remove=remove
            )
        except appeal_drafts.DraftNotFound as exc:
            raise Http404 from exc
        flow.draft = saved.draft
        if action == "add_body" or action.startswith("remove_body:"):
            return redirect(flow.url(step))
        form = flow.saved_form()
        # a refused upload says why on its field; the service's "attach it" is then not said too
        for name, texts in saved.upload_errors.items():
            if name in form.fields:
                form.add_error(name, texts.get(_lang()) or texts.get("ru", ""))
        flow.check(form, step=step)
        returning = request.POST.get("return") == CHECK
        if form.errors:
            return self._render(flow, form, step, returning=returning, status=400)
        index = APPEAL_STEPS.index(step)
        following = APPEAL_STEPS[index + 1] if index < len(APPEAL_STEPS) - 1 and not returning else CHECK
        return redirect(flow.url(following))

    def _render(
        self, flow: _Flow, form: AppealStepsForm, step: str, *, returning: bool, status: int = 200
    ) -> HttpResponse:
        index = APPEAL_STEPS.index(step)
        shown_kept = {name: (k.original_name, filesizeformat(k.size)) for name, k in flow.kept().items()}
        codes = [str(c) for c in flow.draft.values.get("competent_bodies") or []]
        chosen = [(code, form.body_names.get(code, code)) for code in codes]
        return render(
            flow.request,
            f"reception/appeal/step_{step}.html",
            {
                "flow": flow,
                "form": form,
                "step": step,
                "title": STEP_TITLES[step],
                "number": index + 1,
                "total": len(APPEAL_STEPS) + 1,
                "back_url": flow.url(CHECK)
                if returning
                else (flow.url(APPEAL_STEPS[index - 1]) if index else reverse("reception:appeal-register")),
                "returning": returning,
                "kept": shown_kept,
                "chosen_bodies": chosen,
                "ticket": flow.ticket(),
                "lang": _lang(),
                "attachment_rows": [
                    (form[f"att_name_{i}"], form[f"att_file_{i}"], shown_kept.get(f"att_file_{i}"))
                    for i in range(1, ATTACHMENT_ROWS + 1)
                ],
            },
            status=status,
        )


def _shown(bound: Any) -> str:
    """An answer as "Check the answers" reads it: a choice by its label, a box as yes/no."""
    value = bound.value()
    if bound.widget_type == "checkbox":
        return _("Yes") if value else _("No")
    choices = getattr(bound.field, "choices", None)
    if choices and not isinstance(value, list):
        return str(dict((str(k), v) for k, v in choices).get(str(value or ""), value or ""))
    return str(value or "")


@method_decorator(never_cache, name="dispatch")
class AppealCheckView(_Page):
    """ "Check the answers": every answer with a "Change" link to its page. A problem the whole
    check still finds sends the worker to the page it belongs to; "Register" registers the
    appeal (split per competent body, CRC 17.5) and shows the confirmation. A second click
    finds the appeals already registered."""

    def _flow_or_done(self, request: HttpRequest, key: str) -> _Flow | HttpResponse:
        _centre_for(request)
        draft = selectors.appeal_draft_get(owner=_user(request), key=key)
        if draft is None:
            raise Http404
        if draft.closed_at is not None:
            return redirect("reception:appeal-registered", key=key)
        return _Flow(request=request, draft=draft)

    def _problems(self, flow: _Flow) -> tuple[AppealStepsForm, HttpResponse | None]:
        form = flow.saved_form()
        flow.check(form)
        for step in form.steps_with_errors():
            return form, redirect(f"{flow.url(step)}?check=1")
        return form, None

    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        flow = self._flow_or_done(request, key)
        if isinstance(flow, HttpResponse):
            return flow
        form, elsewhere = self._problems(flow)
        return elsewhere or self._render(flow, form)

    def post(self, request: HttpRequest, key: str) -> HttpResponse:
        flow = self._flow_or_done(request, key)
        if isinstance(flow, HttpResponse):
            return flow
        form, elsewhere = self._problems(flow)
        if elsewhere is not None:
            return elsewhere
        if form.errors:
            return self._render(flow, form, status=400)
        try:
            appeal_drafts.appeal_draft_register(
                actor=_user(request),
                key=key,
                details=form.details(),
                competent_bodies=flow.bodies(form),
                scans=form.scan_roles(),
                ticket=flow.ticket(),
            )
        except appeal_drafts.DraftNotFound as exc:
            raise Http404 from exc
        except ApplicationError as exc:
            form.place_service_errors(exc.field_messages_for(_lang()), step=None)
            if not exc.fields:
                form.add_error(None, exc.message_for(_lang()))
            return self._render(flow, form, status=400)
        return redirect("reception:appeal-registered", key=key)

    def _render(self, flow: _Flow, form: AppealStepsForm, status: int = 200) -> HttpResponse:
        kept = flow.kept()
        sections = []
        for step in APPEAL_STEPS:
            rows = []
            for name, field in form.fields.items():
                if getattr(field, "step", "") != step or name in ("add_body",) or name in FILE_FIELDS:
                    continue
                bound = form[name]
                if name == "competent_bodies":
                    value = ", ".join(form.body_names.get(c, c) for c in form.chosen_bodies())
                else:
                    value = _shown(bound)
                if value in ("", _("No")) and name not in ("signed", "data_consent", "competent_bodies"):
                    continue
                rows.append((str(field.label), value, name))
            for name in FILE_FIELDS:
                if appeal_step_of(name) == step and name in kept:
                    rows.append(
                        (
                            str(form.fields[name].label),
                            _("Attached: %(name)s, %(size)s")
                            % {"name": kept[name].original_name, "size": filesizeformat(kept[name].size)},
                            name,
                        )
                    )
            sections.append((STEP_TITLES[step], step, flow.url(step), rows))
        return render(
            flow.request,
            "reception/appeal/check.html",
            {
                "flow": flow,
                "form": form,
                "sections": sections,
                "number": len(APPEAL_STEPS) + 1,
                "total": len(APPEAL_STEPS) + 1,
                "back_url": flow.url(APPEAL_STEPS[-1]),
                "ticket": flow.ticket(),
                "bodies": [o.name(_lang()) for o in flow.bodies(form)],
            },
            status=status,
        )


@method_decorator(never_cache, name="dispatch")
class AppealRegisteredView(_Page):
    """The confirmation: the registered appeal(s) (one per competent body, CRC 17.5), the
    registration ticket in the visitor's language (CRC 17.6), the queue ticket's zone and
    language, how the answer will come (CRC 17.4), and what happens to the originals (CRC 17.7)."""

    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        _centre_for(request)
        draft = selectors.appeal_draft_get(owner=_user(request), key=key)
        if draft is None or draft.closed_at is None:
            raise Http404
        appeals = list(selectors.appeal_list_for(user=_user(request)).filter(number__in=draft.appeal_numbers))
        if not appeals:
            raise Http404
        first = appeals[0]
        lang = _lang()
        return render(
            request,
            "reception/appeal/registered.html",
            {
                "appeals": [(a, a.competent_body.name(lang)) for a in appeals],
                "first": first,
                "ticket": first.ticket,
                "ticket_zone": first.ticket.zone.name(lang) if first.ticket else "",
                "visitor_language": "қазақша" if first.language == "kk" else "русский",
                "method": AnswerMethod(first.answer_method).label,
                "result_zone": ZoneKind.RESULT.label,
                "next_registry": _next_registry() if first.paper_only else None,
            },
        )


def _next_registry() -> Any:
    from qyzmet.reception.registries import registry_next_time

    return timezone.localtime(registry_next_time(timezone.now()))


__all__ = ["AppealCheckView", "AppealRegisteredView", "AppealStartView", "AppealStepView"]
