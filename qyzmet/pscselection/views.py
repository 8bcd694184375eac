"""Pages of the PSC selection (PSC 4-11): a workspace per role (the informatization authority's
cycle board and list, the commission's meetings, a body's proposals and tasks), the criteria,
the commission's members, and the public conclusions and protocols. Thin: the rules live in
the services and selectors; a refused form is shown again with what was typed (400)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import User
from qyzmet.core.params import posted_id
from qyzmet.core.replica import reads_from_replica
from qyzmet.orgs.selectors import organisation_choices, organisation_get_by_code, staff_member_choices
from qyzmet.pscselection import documents, forms, selectors, services, terms
from qyzmet.pscselection.enums import CommissionFunction, ProposalStatus, TaskKind
from qyzmet.pscselection.models import (
    CommissionMember,
    Cycle,
    ListEntry,
    Meeting,
    OrganisationTask,
    Proposal,
    ProposalItem,
    Protocol,
    RegisterAmendment,
)
from qyzmet.quality.enums import Indicator
from qyzmet.registry.selectors import service_choices, service_get

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _lang() -> str:
    return "ru" if (get_language() or "kk").startswith("ru") else "kk"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _today() -> dt.date:
    return timezone.localdate()


def _place_error(form: Any, exc: ApplicationError) -> None:
    """A service's refusal on the posted form: on its fields, or on the form as a whole."""
    lang = get_language()
    placed = False
    for name, text in exc.field_messages_for(lang).items():
        if name in form.fields:
            form.add_error(name, text)
            placed = True
    if not placed:
        form.add_error(None, exc.message_for(lang))


def _service_or_none(code: str) -> Any:
    if not code:
        return None
    try:
        return service_get(code=code)
    except ApplicationError:
        return None


def _cycle(year: int) -> Cycle:
    """The cycle of ``year`` as shown: a GET writes nothing, so a year not yet begun is an
    unsaved cycle (its dates, no steps done); a POST makes it (``services.cycle_for``)."""
    if not terms.valid_year(year):
        raise Http404
    return selectors.cycle_get(year=year) or Cycle(year=year)


def _cycle_to_act(year: int) -> Cycle:
    if not terms.valid_year(year):
        raise Http404
    return services.cycle_for(year)


class _Page(LoginRequiredMixin, View):
    """Signed-in pages; :class:`AccessDenied` becomes HTTP 403."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return super().dispatch(request, *args, **kwargs)
        except AccessDenied as exc:
            raise PermissionDenied(exc.message_for(get_language())) from exc


class _BoardPage(_Page):
    """Pages of the selection: for whoever takes part or reads (``selectors.sees_cycle``)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not selectors.sees_cycle(user=_user(request)):
            raise PermissionDenied()
        return super().dispatch(request, *args, **kwargs)


def _roles(user: User) -> dict[str, Any]:
    member = selectors.commission_membership(user=user)
    return {
        "informatization": selectors.informatization_authority_of(user=user),
        "public_services": selectors.public_services_authority_of(user=user),
        "member": member,
        "secretary": member is not None
        and member.function in (CommissionFunction.SECRETARY, CommissionFunction.CHAIR),
        "chair": member is not None and member.function == CommissionFunction.CHAIR,
        "registry_admin": selectors.may_apply_amendment(user=user),
        "reader": selectors.is_reader(user=user),
        "bodies": list(selectors.proposing_bodies_of(user=user)),
    }


class IndexView(_BoardPage):
    """The workspace: the cycles, and what this user owes in them."""

    def get(self, request: HttpRequest) -> HttpResponse:
        user = _user(request)
        cycles = list(selectors.cycle_list())
        today = _today()
        return render(
            request,
            "pscselection/index.html",
            {
                "cycles": cycles,
                "this_year": today.year,
                "roles": _roles(user),
                "sees_all": selectors.sees_everything(user=user),
                "proposals": selectors.proposal_list(user=user)[:20],
                "tasks": selectors.task_list(user=user).filter(done_on__isnull=True)[:20],
                "today": today,
                "lang": _lang(),
            },
        )


class CycleView(_BoardPage):
    """PSC 5-10: the cycle board: every dated step, who owes it, whether it is late."""

    def get(self, request: HttpRequest, year: int) -> HttpResponse:
        user = _user(request)
        cycle = _cycle(year)
        today = _today()
        return render(
            request,
            "pscselection/cycle.html",
            {
                "cycle": cycle,
                "steps": selectors.cycle_steps(cycle=cycle, today=today),
                "the_list": selectors.list_of(cycle),
                "meetings": selectors.meeting_list(cycle=cycle),
                "protocols": selectors.protocol_list(cycle=cycle),
                "amendments": selectors.amendment_list(cycle=cycle),
                "tasks": selectors.task_list(user=user, cycle=cycle),
                "roles": _roles(user),
                "today": today,
                "lang": _lang(),
            },
        )


def _entry_rows(entries: Any, lang: str, user: User) -> list[dict[str, Any]]:
    key = "name_ru" if lang == "ru" else "name_kk"
    rows = []
    insider = selectors.sees_open_conclusions(user=user)
    # PSC 6, Law 29: the public-monitoring conclusions published since the list was formed.
    later = selectors.monitoring_conclusions_since_formed(entries=entries)
    for e in entries:
        conclusion = selectors.shown_conclusion(entry=e, insider=insider)
        rows.append(
            {
                "entry": e,
                "monitoring_later": later.get(e.pk, []),
                "conclusion": conclusion,
                "conclusion_open": conclusion is not None and conclusion.meeting.adopted_on is None,
                "criteria": [selectors.criterion_label(c) for c in e.criteria],
                "channels": [(documents.delivery_channel_label(c, lang), n) for c, n in e.by_channel.items()],
                "providers": [(v.get(key, code), v.get("n", 0)) for code, v in e.by_provider.items()],
                "indicators": [
                    (Indicator(code).label, value)
                    for code, value in sorted(e.indicators.items())
                    if code in Indicator.values and value
                ],
                "problems": [selectors.problem_label(p) for p in e.problems],
                "proposals": sorted({i.proposal for i in e.proposal_items.all()}, key=lambda p: p.number),
            }
        )
    return rows


class ListPageView(_BoardPage):
    """PSC 6-7: the list (frozen volumes, indicators, exclusions), the candidates of today
    before it is formed, and the authority's actions: form, exclude, send to the commission."""

    def get(self, request: HttpRequest, year: int) -> HttpResponse:
        return self._render(request, year)

    def _render(self, request: HttpRequest, year: int, status: int = 200, **forms_: Any) -> HttpResponse:
        user = _user(request)
        cycle = _cycle(year)
        the_list = selectors.list_of(cycle)
        today = _today()
        candidates = [
            (c, [selectors.criterion_label(code) for code in c.criteria])
            for c in (
                selectors.candidate_list(year=cycle.volume_year, on=today)
                if the_list is None and selectors.sees_everything(user=user)
                else []
            )
        ]
        entries = list(selectors.entry_list(selection_list=the_list)) if the_list else []
        return render(
            request,
            "pscselection/list.html",
            {
                "cycle": cycle,
                "the_list": the_list,
                "rows": _entry_rows(entries, _lang(), user),
                "candidates": candidates,
                "roles": _roles(user),
                "form_form": forms_.get("form_form")
                or forms.DayForm(initial={"on": today}, label=_("Formed on"), prefix="form"),
                "send_form": forms_.get("send_form")
                or forms.DayForm(initial={"on": today}, label=_("Put to the commission on"), prefix="send"),
                "exclude_form": forms_.get("exclude_form") or forms.ExcludeForm(),
                "exclude_pk": forms_.get("exclude_pk"),
                "due_list": terms.step_due_on(cycle.year, "list"),
                "due_commission": terms.step_due_on(cycle.year, "commission"),
                "refusals_counted": selectors.count_refusals(),
                "lang": _lang(),
            },
            status=status,
        )

    def post(self, request: HttpRequest, year: int) -> HttpResponse:
        user = _user(request)
        cycle = _cycle_to_act(year)
        action = request.POST.get("action", "")
        try:
            if action == "form":
                form = forms.DayForm(request.POST, label=_("Formed on"), prefix="form")
                if not form.is_valid():
                    return self._render(request, year, 400, form_form=form)
                try:
                    services.selection_list_form(actor=user, cycle=cycle, formed_on=form.cleaned_data["on"])
                except ApplicationError as exc:
                    if isinstance(exc, AccessDenied):
                        raise
                    _place_error(form, exc)
                    return self._render(request, year, 400, form_form=form)
                messages.success(request, _("The list is formed."))
            elif action == "send":
                the_list = selectors.list_of(cycle)
                if the_list is None:
                    raise Http404
                form = forms.DayForm(request.POST, label=_("Put to the commission on"), prefix="send")
                if not form.is_valid():
                    return self._render(request, year, 400, send_form=form)
                try:
                    services.selection_list_send(
                        actor=user, selection_list=the_list, sent_on=form.cleaned_data["on"]
                    )
                except ApplicationError as exc:
                    if isinstance(exc, AccessDenied):
                        raise
                    _place_error(form, exc)
                    return self._render(request, year, 400, send_form=form)
                messages.success(request, _("The list is put to the commission."))
            elif action in ("exclude", "include"):
                entry = get_object_or_404(
                    ListEntry, pk=posted_id(request.POST.get("entry")), selection_list__cycle=cycle
                )
                if action == "include":
                    services.list_entry_include(actor=user, entry=entry)
                else:
                    eform = forms.ExcludeForm(request.POST)
                    if not eform.is_valid():
                        return self._render(request, year, 400, exclude_form=eform, exclude_pk=entry.pk)
                    try:
                        services.list_entry_exclude(
                            actor=user, entry=entry, reason=eform.cleaned_data["reason"]
                        )
                    except ApplicationError as exc:
                        if isinstance(exc, AccessDenied):
                            raise
                        _place_error(eform, exc)
                        return self._render(request, year, 400, exclude_form=eform, exclude_pk=entry.pk)
                messages.success(request, _("The list is changed."))
            else:
                raise Http404
        except AccessDenied:
            raise
        except ApplicationError as exc:
            messages.error(request, exc.message_for(get_language()))
        return redirect("pscselection:list", year=year)


class ListXlsxView(_BoardPage):
    def get(self, request: HttpRequest, year: int) -> HttpResponse:
        the_list = selectors.list_of(_cycle(year))
        if the_list is None:
            raise Http404
        response = HttpResponse(
            documents.list_xlsx(selection_list=the_list, language=_lang()), content_type=XLSX
        )
        response["Content-Disposition"] = f'attachment; filename="psc-list-{year}.xlsx"'
        return response


# --- proposals (PSC 5) -------------------------------------------------------------------


def _body_choices(user: User) -> list[tuple[str, str]]:
    return organisation_choices(language=_lang(), queryset=selectors.proposing_bodies_of(user=user))


class ProposalListView(_BoardPage):
    """PSC 5: the proposals the user may see; a body's staff start their proposals of a year."""

    def get(self, request: HttpRequest) -> HttpResponse:
        user = _user(request)
        year = selectors.proposal_year(today=_today())
        return self._render(
            request, forms.ProposalStartForm(initial={"year": year}, bodies=_body_choices(user))
        )

    def _render(self, request: HttpRequest, form: forms.ProposalStartForm, status: int = 200) -> HttpResponse:
        user = _user(request)
        return render(
            request,
            "pscselection/proposals.html",
            {
                "proposals": selectors.proposal_list(user=user).order_by("-cycle__year", "number"),
                "form": form if _body_choices(user) else None,
                "due": terms.step_due_on(selectors.proposal_year(today=_today()), "proposals")
                if terms.valid_year(_today().year)
                else None,
                "lang": _lang(),
            },
            status=status,
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        user = _user(request)
        form = forms.ProposalStartForm(request.POST, bodies=_body_choices(user))
        if not form.is_valid():
            return self._render(request, form, 400)
        try:
            body = organisation_get_by_code(code=form.cleaned_data["body"])
            proposal = services.proposal_create(actor=user, body=body, year=form.cleaned_data["year"])
        except AccessDenied:
            raise
        except ApplicationError as exc:
            _place_error(form, exc)
            return self._render(request, form, 400)
        return redirect("pscselection:proposal", pk=proposal.pk)


class ProposalsXlsxView(_BoardPage):
    def get(self, request: HttpRequest) -> HttpResponse:
        proposals = selectors.proposal_list(user=_user(request)).filter(status=ProposalStatus.SUBMITTED)
        response = HttpResponse(
            documents.proposals_xlsx(proposals=proposals, language=_lang()), content_type=XLSX
        )
        response["Content-Disposition"] = 'attachment; filename="psc-proposals.xlsx"'
        return response


class ProposalView(_BoardPage):
    """PSC 5, appendix: one body's proposals: add or remove a service while a draft; the head
    signs and submits."""

    def _get(self, request: HttpRequest, pk: int) -> Proposal:
        proposal = get_object_or_404(Proposal.objects.select_related("cycle", "body"), pk=pk)
        return selectors.access_proposal(user=_user(request), proposal=proposal)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._render(request, self._get(request, pk))

    def _render(
        self,
        request: HttpRequest,
        proposal: Proposal,
        item_form: forms.ProposalItemForm | None = None,
        submit_form: forms.SubmitForm | None = None,
        status: int = 200,
    ) -> HttpResponse:
        user = _user(request)
        draft = proposal.status == ProposalStatus.DRAFT
        may_edit = draft and proposal.body in selectors.proposing_bodies_of(user=user)
        is_head = draft and selectors.is_head_of(user=user, body=proposal.body)
        return render(
            request,
            "pscselection/proposal.html",
            {
                "proposal": proposal,
                "lines": list(
                    zip(
                        proposal.items.select_related("service").order_by("service__code"),
                        documents.proposal_rows(proposal=proposal, language=_lang()),
                        strict=True,
                    )
                ),
                "item_form": (item_form or forms.ProposalItemForm(services=service_choices(language=_lang())))
                if may_edit
                else None,
                "submit_form": (submit_form or forms.SubmitForm(initial={"submitted_on": _today()}))
                if is_head
                else None,
                "may_edit": may_edit,
                "is_head": is_head,
                "awaiting_head": may_edit and not is_head,
                "lang": _lang(),
            },
            status=status,
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = _user(request)
        proposal = self._get(request, pk)
        action = request.POST.get("action", "")
        if action == "remove":
            item = get_object_or_404(ProposalItem, pk=posted_id(request.POST.get("item")), proposal=proposal)
            try:
                services.proposal_item_remove(actor=user, item=item)
            except AccessDenied:
                raise
            except ApplicationError as exc:
                messages.error(request, exc.message_for(get_language()))
            return redirect("pscselection:proposal", pk=proposal.pk)
        if action == "submit":
            sform = forms.SubmitForm(request.POST)
            if not sform.is_valid():
                return self._render(request, proposal, submit_form=sform, status=400)
            try:
                services.proposal_submit(
                    actor=user, proposal=proposal, submitted_on=sform.cleaned_data["submitted_on"]
                )
            except AccessDenied:
                raise
            except ApplicationError as exc:
                _place_error(sform, exc)
                return self._render(request, proposal, submit_form=sform, status=400)
            messages.success(
                request, _("The proposals are signed and sent to the informatization authority.")
            )
            return redirect("pscselection:proposal", pk=proposal.pk)
        form = forms.ProposalItemForm(request.POST, services=service_choices(language=_lang()))
        if not form.is_valid():
            return self._render(request, proposal, item_form=form, status=400)
        d = form.cleaned_data
        try:
            services.proposal_item_add(
                actor=user,
                proposal=proposal,
                service=_service_or_none(d["service"]),
                criterion=d["criterion"],
                yearly_volume=d["yearly_volume"],
                current_channels=d["current_channels"],
                reasons=d["reasons"],
            )
        except AccessDenied:
            raise
        except ApplicationError as exc:
            _place_error(form, exc)
            return self._render(request, proposal, item_form=form, status=400)
        messages.success(request, _("The service is added to the proposals."))
        return redirect("pscselection:proposal", pk=proposal.pk)


class ProposalPdfView(_BoardPage):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        proposal = get_object_or_404(Proposal.objects.select_related("cycle", "body"), pk=pk)
        selectors.access_proposal(user=_user(request), proposal=proposal)
        with transaction.atomic():
            content = documents.proposal_signed_pdf(proposal=proposal, language=_lang())
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{proposal.number}.pdf"'
        return response


# --- the commission (PSC 7-8), protocol (PSC 9), amendment (PSC 10) ----------------------------


class CommissionView(_BoardPage):
    """PSC 7: the commission's meetings on the list of a year; the secretary records one."""

    def get(self, request: HttpRequest, year: int) -> HttpResponse:
        return self._render(request, year, forms.MeetingRecordForm(initial={"held_on": _today()}))

    def _render(
        self, request: HttpRequest, year: int, form: forms.MeetingRecordForm, status: int = 200
    ) -> HttpResponse:
        user = _user(request)
        cycle = _cycle(year)
        roles = _roles(user)
        today = _today()
        return render(
            request,
            "pscselection/commission.html",
            {
                "cycle": cycle,
                "the_list": selectors.list_of(cycle),
                "meetings": selectors.meeting_list(cycle=cycle),
                "members": selectors.commission_member_list(),
                "absentee_held": selectors.absentee_meetings_in(year=today.year),
                "absentee_limit": terms.ABSENTEE_MEETINGS_PER_YEAR,
                "form": form if roles["secretary"] else None,
                "roles": roles,
                "this_year": today.year,
                "lang": _lang(),
            },
            status=status,
        )

    def post(self, request: HttpRequest, year: int) -> HttpResponse:
        cycle = _cycle_to_act(year)
        form = forms.MeetingRecordForm(request.POST)
        if not form.is_valid():
            return self._render(request, year, form, 400)
        try:
            meeting = services.meeting_record(
                actor=_user(request),
                cycle=cycle,
                held_on=form.cleaned_data["held_on"],
                form=form.cleaned_data["form"],
            )
        except AccessDenied:
            raise
        except ApplicationError as exc:
            _place_error(form, exc)
            return self._render(request, year, form, 400)
        messages.success(request, _("The meeting is recorded."))
        return redirect("pscselection:meeting", pk=meeting.pk)


class MeetingView(_BoardPage):
    """PSC 8-10: a meeting: its conclusions (the secretary records, the chair adopts), its
    protocol (the authority sends), the draft amendment (the public-services authority) and its
    application to the register (the registry administrator)."""

    def _get(self, pk: int) -> Meeting:
        return get_object_or_404(Meeting.objects.select_related("cycle", "recorded_by", "adopted_by"), pk=pk)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._render(request, self._get(pk))

    def _render(
        self, request: HttpRequest, meeting: Meeting, status: int = 200, **given: Any
    ) -> HttpResponse:
        user = _user(request)
        roles = _roles(user)
        today = _today()
        protocol = Protocol.objects.filter(meeting=meeting).first()
        amendment = RegisterAmendment.objects.filter(protocol=protocol).first() if protocol else None
        open_ = meeting.adopted_on is None
        # PSC 8: an open meeting's conclusions are not yet the commission's (insiders only).
        hidden = open_ and not selectors.sees_open_conclusions(user=user)
        entries = [
            (str(e.pk), f"{e.service.code} {e.service.name(_lang())}")
            for e in selectors.meeting_entries(meeting=meeting)
        ]
        return render(
            request,
            "pscselection/meeting.html",
            {
                "meeting": meeting,
                "conclusions": []
                if hidden
                else list(meeting.conclusions.select_related("service").order_by("service__code")),
                "conclusions_hidden": hidden,
                "protocol": protocol,
                "amendment": amendment,
                "tasks": list(amendment.tasks.select_related("service", "body")) if amendment else [],
                "roles": roles,
                "conclusion_form": (given.get("conclusion_form") or forms.ConclusionForm(entries=entries))
                if open_ and roles["secretary"]
                else None,
                "adopt_form": (
                    given.get("adopt_form")
                    or forms.DayForm(initial={"on": today}, label=_("Adopted on"), prefix="adopt")
                )
                if open_ and roles["chair"]
                else None,
                "protocol_form": (
                    given.get("protocol_form")
                    or forms.DayForm(initial={"on": today}, label=_("Sent on"), prefix="protocol")
                )
                if not open_ and protocol is None and roles["informatization"]
                else None,
                "prepare_form": (
                    given.get("prepare_form") or forms.AmendmentPrepareForm(initial={"prepared_on": today})
                )
                if protocol is not None and amendment is None and roles["public_services"]
                else None,
                "apply_form": (
                    given.get("apply_form") or forms.AmendmentApplyForm(initial={"adopted_on": today})
                )
                if amendment is not None and amendment.applied_on is None and roles["registry_admin"]
                else None,
                "due_protocol": terms.step_due_on(
                    meeting.cycle.year,
                    "protocol-1"
                    if terms.protocol_half(year=meeting.cycle.year, held_on=meeting.held_on) == 1
                    else "protocol-2",
                ),
                "today": today,
                "lang": _lang(),
            },
            status=status,
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = _user(request)
        meeting = self._get(pk)
        action = request.POST.get("action", "")
        forms_by_action: dict[str, tuple[str, Any]] = {
            "conclusion": (
                "conclusion_form",
                lambda: forms.ConclusionForm(
                    request.POST,
                    entries=[
                        (str(e.pk), f"{e.service.code} {e.service.name(_lang())}")
                        for e in selectors.meeting_entries(meeting=meeting)
                    ],
                ),
            ),
            "adopt": (
                "adopt_form",
                lambda: forms.DayForm(request.POST, label=_("Adopted on"), prefix="adopt"),
            ),
            "protocol": (
                "protocol_form",
                lambda: forms.DayForm(request.POST, label=_("Sent on"), prefix="protocol"),
            ),
            "prepare": ("prepare_form", lambda: forms.AmendmentPrepareForm(request.POST)),
            "apply": ("apply_form", lambda: forms.AmendmentApplyForm(request.POST)),
        }
        if action not in forms_by_action:
            raise Http404
        name, make = forms_by_action[action]
        form = make()
        if not form.is_valid():
            return self._render(request, meeting, 400, **{name: form})
        d = form.cleaned_data
        try:
            if action == "conclusion":
                entry = (
                    ListEntry.objects.filter(pk=int(d["entry"]))
                    .select_related("selection_list", "service")
                    .first()
                    if d["entry"]
                    else None
                )
                services.conclusion_record(
                    actor=user, meeting=meeting, entry=entry, kind=d["kind"], reasons=d["reasons"]
                )
                done = _("The conclusion is recorded.")
            elif action == "adopt":
                services.meeting_adopt(actor=user, meeting=meeting, adopted_on=d["on"])
                done = _("The conclusions are adopted.")
            elif action == "protocol":
                services.protocol_send(actor=user, meeting=meeting, sent_on=d["on"])
                done = _("The protocol is sent to the interested bodies.")
            elif action == "prepare":
                protocol = get_object_or_404(Protocol, meeting=meeting)
                services.amendment_prepare(
                    actor=user, protocol=protocol, draft_title=d["draft_title"], prepared_on=d["prepared_on"]
                )
                done = _("The draft amendment of the register is prepared.")
            else:
                amendment = get_object_or_404(RegisterAmendment, protocol__meeting=meeting)
                services.amendment_apply(
                    actor=user,
                    amendment=amendment,
                    decree_reference=d["decree_reference"],
                    adopted_on=d["adopted_on"],
                )
                done = _(
                    "The amendment is applied to the register; the three months to organise delivery run."
                )
        except AccessDenied:
            raise
        except ApplicationError as exc:
            _place_error(form, exc)
            return self._render(request, meeting, 400, **{name: form})
        messages.success(request, done)
        return redirect("pscselection:meeting", pk=meeting.pk)


class ProtocolPdfView(View):
    """PSC 9: a sent protocol, signed by the informatization authority (public)."""

    def get(self, request: HttpRequest, pk: int, language: str) -> HttpResponse:
        if language not in ("kk", "ru"):
            raise Http404
        protocol = get_object_or_404(Protocol.objects.select_related("meeting__cycle"), pk=pk)
        with transaction.atomic():
            content = documents.protocol_signed_pdf(protocol=protocol, language=language)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{protocol.number}-{language}.pdf"'
        return response


@method_decorator(reads_from_replica, name="dispatch")  # ADR 0077
class PublicView(View):
    """PSC 8-9: the commission's conclusions and its protocols are public."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "pscselection/public.html",
            {
                "conclusions": selectors.conclusion_list_public()[:200],
                "protocols": selectors.protocol_list().order_by("-sent_on", "-id")[:50],
                "lang": _lang(),
            },
        )


# --- tasks (PSC 11), criteria (PSC 4), members (PSC 3.2) ------------------------------------


class TaskListView(_BoardPage):
    """PSC 11: the three months to organise delivery, by task, with its due date and late flag."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request)

    def _render(
        self,
        request: HttpRequest,
        form: forms.MeasuresForm | None = None,
        form_pk: int | None = None,
        status: int = 200,
    ) -> HttpResponse:
        user = _user(request)
        roles = _roles(user)
        today = _today()
        tasks = list(selectors.task_list(user=user).order_by("done_on", "due_on", "service__code"))
        mine = {
            t.pk
            for t in tasks
            if t.done_on is None
            and t.kind == TaskKind.STANDARD
            and selectors.acts_for(user=user, body=t.body)
        }
        return render(
            request,
            "pscselection/tasks.html",
            {
                "tasks": [(t, t.is_late_on(today)) for t in tasks],
                "mine": mine,
                "roles": roles,
                "measures_form": form or forms.MeasuresForm(initial={"done_on": today}),
                "form_pk": form_pk,
                "today": today,
                "lang": _lang(),
            },
            status=status,
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        user = _user(request)
        task = get_object_or_404(OrganisationTask, pk=posted_id(request.POST.get("task")))
        selectors.access_task(user=user, task=task)
        form = forms.MeasuresForm(request.POST) if task.kind == TaskKind.MEASURES else None
        if form is not None and not form.is_valid():
            return self._render(request, form, task.pk, 400)
        try:
            if form is not None:
                services.task_complete(
                    actor=user,
                    task=task,
                    note=form.cleaned_data["note"],
                    done_on=form.cleaned_data["done_on"],
                )
            else:
                services.task_complete(actor=user, task=task)
        except AccessDenied:
            raise
        except ApplicationError as exc:
            if form is not None:
                _place_error(form, exc)
                return self._render(request, form, task.pk, 400)
            messages.error(request, exc.message_for(get_language()))
            return redirect("pscselection:tasks")
        messages.success(request, _("The task is done."))
        return redirect("pscselection:tasks")


class CriteriaView(_BoardPage):
    """PSC 4: which criteria each service meets (the informatization authority sets them)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, forms.CriteriaForm(services=service_choices(language=_lang())))

    def _render(self, request: HttpRequest, form: forms.CriteriaForm, status: int = 200) -> HttpResponse:
        user = _user(request)
        return render(
            request,
            "pscselection/criteria.html",
            {
                "rows": selectors.criteria_list().order_by("service__code"),
                "form": form if selectors.informatization_authority_of(user=user) else None,
                "lang": _lang(),
            },
            status=status,
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        form = forms.CriteriaForm(request.POST, services=service_choices(language=_lang()))
        if not form.is_valid():
            return self._render(request, form, 400)
        d = form.cleaned_data
        try:
            services.service_criteria_set(
                actor=_user(request),
                service=service_get(code=d["service"]),
                informational=d["informational"],
                duplicate=d["duplicate"],
                licence_or_permit=d["licence_or_permit"],
            )
        except AccessDenied:
            raise
        except ApplicationError as exc:
            _place_error(form, exc)
            return self._render(request, form, 400)
        messages.success(request, _("The criteria are saved."))
        return redirect("pscselection:criteria")


def _people() -> list[tuple[str, str]]:
    return staff_member_choices(roles=selectors.STAFF_ROLES, language=_lang())


class MemberListView(_BoardPage):
    """PSC 3.2: the interdepartmental commission's members; the authority appoints them."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, None)

    def _render(self, request: HttpRequest, form: forms.MemberForm | None, status: int = 200) -> HttpResponse:
        user = _user(request)
        may = selectors.informatization_authority_of(user=user) is not None
        if may and form is None:
            form = forms.MemberForm(bodies=organisation_choices(language=_lang()), people=_people())
        return render(
            request,
            "pscselection/members.html",
            {"members": selectors.commission_member_list(), "form": form if may else None, "lang": _lang()},
            status=status,
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        user = _user(request)
        if request.POST.get("action") == "release":
            member = get_object_or_404(
                CommissionMember, pk=posted_id(request.POST.get("member")), is_active=True
            )
            services.commission_member_release(actor=user, member=member)
            messages.success(request, _("The member is released."))
            return redirect("pscselection:members")
        form = forms.MemberForm(request.POST, bodies=organisation_choices(language=_lang()), people=_people())
        if not form.is_valid():
            return self._render(request, form, 400)
        d = form.cleaned_data
        try:
            services.commission_member_appoint(
                actor=user,
                user=get_object_or_404(User, pk=posted_id(d["user"])),
                function=d["function"],
                organisation=organisation_get_by_code(code=d["organisation"]),
            )
        except AccessDenied:
            raise
        except ApplicationError as exc:
            _place_error(form, exc)
            return self._render(request, form, 400)
        messages.success(request, _("The member is appointed."))
        return redirect("pscselection:members")
