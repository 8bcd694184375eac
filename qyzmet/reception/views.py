"""Pages of the Citizens' Reception Centre: public board and personal-reception schedule;
staff pages for the reception desk, operator desks, figures, appeals and paper registries."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.listing import staff_list
from qyzmet.core.models import User
from qyzmet.core.params import posted_date, posted_id
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import competent_body_list, staff_choices
from qyzmet.reception import documents, selectors, services, staffing, voice, waiting
from qyzmet.reception.enums import ZoneKind
from qyzmet.reception.forms import AppealForm_, AppealListFilterForm, TicketIssueForm
from qyzmet.reception.models import Appeal, Desk, Hall, PaperRegistry, Ticket, Zone


def _pdf(content: bytes, name: str) -> HttpResponse:
    resp = HttpResponse(content, content_type="application/pdf")
    resp["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return resp


# --- Public -----------------------------------------------------------------------------------


def _board_state(request: HttpRequest, hall: Hall) -> dict[str, Any]:
    """The board's state with the address of each call's announcement (CRC 14)."""
    state = selectors.board_state(hall=hall)
    for call in state["calls"]:
        call["audio"] = reverse(
            "reception:board-announce",
            kwargs={"hall": hall.code, "ticket": call["ticket_id"], "lang": call["language"]},
        )
    return state


class BoardView(View):
    """CRC 14: the full-screen board of a hall (public): zones side by side, a clock, each call
    announced by voice in the ticket's language with audio the server assembles (ADR 0027)."""

    def get(self, request: HttpRequest, hall: str) -> HttpResponse:
        hall_obj = get_object_or_404(Hall, code=hall)
        state = _board_state(request, hall_obj)
        ctx = {
            "hall": hall_obj,
            "state": state,
            "hall_title": selectors.bilingual(hall_obj.name_kk, hall_obj.name_ru),
            "ticket_label": selectors.bilingual("Талон", "Талон"),
            "desk_label": selectors.bilingual("Терезе", "Окно"),
            "now": timezone.localtime(),
        }
        return render(request, "reception/board.html", ctx)


class BoardStateView(View):
    def get(self, request: HttpRequest, hall: str) -> JsonResponse:
        hall_obj = get_object_or_404(Hall, code=hall)
        resp = JsonResponse(_board_state(request, hall_obj))
        resp["Cache-Control"] = "no-store"
        return resp


class BoardAnnouncementView(View):
    """CRC 14 (ADR 0027): the voice announcement of a called ticket as one WAV file, in the
    language asked for (the board asks for the ticket's). The same ticket always reads the same
    (its number and desk do not change once called), so the file may be cached."""

    def get(self, request: HttpRequest, hall: str, ticket: int, lang: str) -> HttpResponse:
        if lang not in voice.LANGUAGES:
            raise Http404
        t = get_object_or_404(
            Ticket.objects.select_related("zone", "desk"),
            pk=ticket,
            zone__hall__code=hall,
            desk__isnull=False,
        )
        assert t.desk is not None
        audio = voice.announcement_wav(
            code=t.code,
            desk=t.desk.number,
            zone=t.zone.kind,
            lang=lang,
            engine=getattr(settings, "QYZMET_RECEPTION_VOICE", "clips"),
        )
        resp = HttpResponse(audio, content_type="audio/wav")
        resp["Content-Language"] = lang
        resp["Cache-Control"] = "public, max-age=86400"
        return resp


class TicketPageView(View):
    """CRC 14: the visitor's own ticket page (the QR code on the printed ticket): the number,
    the zone and body, how many are ahead and about how long the wait is; once called, where to
    go. No personal data on it (CRC 3); it refreshes itself."""

    def get(self, request: HttpRequest, key: uuid.UUID) -> HttpResponse:
        ticket = get_object_or_404(
            Ticket.objects.select_related("zone__hall", "desk", "competent_body"), key=key
        )
        lang = ticket.language if ticket.language in ("kk", "ru") else "kk"
        with translation.override(lang):
            return render(
                request,
                "reception/ticket_page.html",
                {"ticket": ticket, "position": waiting.ticket_position(ticket=ticket), "lang": lang},
            )


class PersonalReceptionScheduleView(View):
    """CRC 20: the approved schedules, published."""

    def get(self, request: HttpRequest) -> HttpResponse:
        user: Any = request.user
        can_edit = selectors.can_manage_receptions(user=user)
        ctx = {
            "schedules": selectors.schedule_public_list(),
            "drafts": selectors.schedule_draft_list() if can_edit else [],
            "can_edit": can_edit,
            "bodies": selectors.central_body_list() if can_edit else [],
            "local_bodies": selectors.local_body_list() if can_edit else [],
            "lang": get_language(),
        }
        return render(request, "reception/personal_reception.html", ctx)

    def post(self, request: HttpRequest) -> HttpResponse:
        """CRC 20: reception staff enter a head's schedule and approve it for publication."""
        user: Any = request.user
        if not selectors.can_manage_receptions(user=user):
            raise Http404
        try:
            if request.POST.get("action") == "approve":
                schedule = get_object_or_404(
                    selectors.schedule_draft_list(), pk=posted_id(request.POST.get("schedule"))
                )
                services.schedule_approve(actor=user, schedule=schedule)
            else:
                body = get_object_or_404(selectors.central_body_list(), code=request.POST.get("organisation"))
                joint = (
                    selectors.local_body_list().filter(code=request.POST.get("joint_local_body", "")).first()
                )
                services.schedule_create(
                    actor=user,
                    organisation=body,
                    official_name_kk=request.POST.get("official_name_kk", ""),
                    official_name_ru=request.POST.get("official_name_ru", ""),
                    position_kk=request.POST.get("position_kk", ""),
                    position_ru=request.POST.get("position_ru", ""),
                    day=dt.date.fromisoformat(request.POST.get("day", "")),
                    starts_at=dt.time.fromisoformat(request.POST.get("starts_at", "")),
                    ends_at=dt.time.fromisoformat(request.POST.get("ends_at", "")),
                    joint_local_body=joint,
                )
        except ValueError:
            messages.error(request, _("Give the day and the times."))
        except ApplicationError as exc:
            messages.error(request, " ".join([exc.message_for(), *exc.field_messages_for().values()]))
        return redirect("reception:personal-reception")


# --- Staff ------------------------------------------------------------------------------------


class ReceptionHomeView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        ctx = {
            "halls": selectors.hall_list_for(user=user),  # type: ignore[arg-type]
            "desks": selectors.desk_list_for(user=user),  # type: ignore[arg-type]
            "alerts": selectors.staffing_alert_list() if selectors.hall_list_for(user=user).exists() else [],  # type: ignore[arg-type]
        }
        return render(request, "reception/home.html", ctx)


def _hall_for(request: HttpRequest, code: str) -> Hall:
    hall = get_object_or_404(Hall.objects.select_related("centre"), code=code)
    try:
        return selectors.access_hall(user=request.user, hall=hall)  # type: ignore[arg-type]
    except AccessDenied as exc:
        raise Http404 from exc


class TicketIssueView(LoginRequiredMixin, View):
    """CRC 14: reception identifies the visitor and issues a ticket; a Consultation ticket names
    the competent body the visitor needs, picked from a list in the visitor's language (CRC 19)."""

    def _zones(self, hall: Hall) -> list[tuple[str, str]]:
        lang = get_language() or "kk"
        return [(str(z.pk), f"{z.prefix} — {z.name(lang)}") for z in selectors.ticket_zones(hall=hall)]

    def _form(self, request: HttpRequest, hall: Hall, data: Any = None) -> TicketIssueForm:
        page_lang = "ru" if (get_language() or "kk").startswith("ru") else "kk"
        visitor_lang = (data or {}).get("language") if data else None
        form = TicketIssueForm(
            data,
            bodies=services.hall_consultation_bodies(hall=hall),
            list_language=visitor_lang if visitor_lang in ("kk", "ru") else page_lang,
            initial={"language": page_lang},
        )
        form.fields["zone"].choices = self._zones(hall)  # type: ignore[attr-defined]
        return form

    def _render(
        self,
        request: HttpRequest,
        hall: Hall,
        form: TicketIssueForm,
        issued: Ticket | None,
        status: int = 200,
    ) -> HttpResponse:
        ctx = {
            "hall": hall,
            "form": form,
            "issued": issued,
            "position": waiting.ticket_position(ticket=issued) if issued else None,
            "bodies": form.bodies,
        }
        return render(request, "reception/ticket_issue.html", ctx, status=status)

    def get(self, request: HttpRequest, hall: str) -> HttpResponse:
        hall_obj = _hall_for(request, hall)
        issued = None
        ticket = request.GET.get("ticket", "")
        if ticket.isascii() and ticket.isdecimal():  # "²".isdigit() is true, int("²") fails
            issued = (
                Ticket.objects.select_related("zone", "competent_body")
                .filter(pk=int(ticket), zone__hall=hall_obj)
                .first()
            )
        return self._render(request, hall_obj, self._form(request, hall_obj), issued)

    def post(self, request: HttpRequest, hall: str) -> HttpResponse:
        hall_obj = _hall_for(request, hall)
        form = self._form(request, hall_obj, request.POST)
        if form.is_valid():
            zone = get_object_or_404(Zone, pk=form.cleaned_data["zone"], hall=hall_obj)
            try:
                ticket = services.ticket_issue(
                    actor=request.user,  # type: ignore[arg-type]
                    zone=zone,
                    language=form.cleaned_data["language"],
                    competent_body=form.cleaned_data["competent_body"],
                    purpose=form.cleaned_data["purpose"],
                    visitor_name=form.cleaned_data["visitor_name"],
                    visitor_iin=form.cleaned_data["visitor_iin"],
                    visitor_document=form.cleaned_data["visitor_document"],
                )
            except ApplicationError as exc:
                # each message on its field (the rest on the form), said once in the summary
                for name, text in exc.field_messages_for().items():
                    form.add_error(name if name in form.fields else None, text)
                if not exc.fields:
                    form.add_error(None, exc.message_for())
            else:
                messages.success(request, _("Ticket %(code)s issued.") % {"code": ticket.code})
                url = reverse("reception:ticket-issue", kwargs={"hall": hall_obj.code})
                return redirect(f"{url}?ticket={ticket.pk}")
        return self._render(request, hall_obj, form, None, status=400)


class TicketPdfView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        ticket = get_object_or_404(
            Ticket.objects.select_related("zone__hall__centre", "competent_body"), pk=pk
        )
        _hall_for(request, ticket.zone.hall.code)
        page = request.build_absolute_uri(reverse("reception:ticket-page", kwargs={"key": ticket.key}))
        return _pdf(
            documents.ticket_pdf(ticket, position=waiting.ticket_position(ticket=ticket), page_url=page),
            ticket.code,
        )


class OperatorDeskView(LoginRequiredMixin, View):
    """CRC 14: the desk operator calls, recalls, serves, marks no-show or transfers."""

    def _desk(self, request: HttpRequest, pk: int) -> Desk:
        desk = get_object_or_404(Desk, pk=pk)
        try:
            return selectors.access_desk(user=request.user, desk=desk)  # type: ignore[arg-type]
        except AccessDenied as exc:
            raise Http404 from exc

    def _render(self, request: HttpRequest, desk: Desk, status: int = 200) -> HttpResponse:
        current = selectors.desk_current_ticket(desk=desk)
        user: Any = request.user
        ctx = {
            "desk": desk,
            "current": current,
            "waiting": selectors.desk_waiting(desk=desk)[:20],
            "zones": [z for z in selectors.ticket_zones(hall=desk.zone.hall) if z.pk != desk.zone_id],
            "bodies": services.hall_consultation_bodies(hall=desk.zone.hall),
            "lang": get_language(),
            # CRC 9: the worker of the desk's body says when they take and leave the desk
            "staffed": staffing.desk_is_staffed(desk),
            "is_mine": staffing.desk_is_staffed(desk) and desk.operator_id == user.pk,
            "may_take": staffing.is_body_worker(user=user, desk=desk),
            "unstaffed_for": staffing.clock_text(staffing.desk_unstaffed_for(desk)),
        }
        return render(request, "reception/operator_desk.html", ctx, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._render(request, self._desk(request, pk))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        desk = self._desk(request, pk)
        action = request.POST.get("action", "")
        user = request.user
        current = selectors.desk_current_ticket(desk=desk)
        try:
            if action == "take":
                staffing.desk_take(actor=user, desk=desk)  # type: ignore[arg-type]
            elif action == "leave":
                staffing.desk_leave(actor=user, desk=desk)  # type: ignore[arg-type]
            elif action == "call_next":
                t = services.ticket_call_next(actor=user, desk=desk)  # type: ignore[arg-type]
                messages.success(request, _("Called %(code)s.") % {"code": t.code})
            elif action == "call" and current is None:
                # CRC 14: a pre-registered personal-reception visitor is called by the escort
                chosen = get_object_or_404(
                    selectors.zone_waiting(zone=desk.zone), pk=posted_id(request.POST.get("ticket"))
                )
                services.ticket_call(actor=user, ticket=chosen, desk=desk)  # type: ignore[arg-type]
            elif current is None:
                raise Http404
            elif action == "recall":
                services.ticket_recall(actor=user, ticket=current)  # type: ignore[arg-type]
            elif action == "serve":
                services.ticket_serve(actor=user, ticket=current)  # type: ignore[arg-type]
                messages.success(request, _("%(code)s served.") % {"code": current.code})
            elif action == "no_show":
                services.ticket_no_show(actor=user, ticket=current)  # type: ignore[arg-type]
            elif action == "transfer":
                zone = get_object_or_404(Zone, pk=posted_id(request.POST.get("zone")), hall=desk.zone.hall)
                body = (
                    services.hall_consultation_bodies(hall=desk.zone.hall)
                    .filter(code=request.POST.get("body", ""))
                    .first()
                )
                new = services.ticket_transfer(actor=user, ticket=current, zone=zone, competent_body=body)  # type: ignore[arg-type]
                messages.success(request, _("Transferred as %(code)s.") % {"code": new.code})
        except ApplicationError as exc:
            messages.error(request, exc.message_for())
        return redirect("reception:operator-desk", pk=desk.pk)


class ZoneFiguresView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, hall: str) -> HttpResponse:
        hall_obj = _hall_for(request, hall)
        today = timezone.localdate()
        try:
            day_from = (
                dt.date.fromisoformat(request.GET.get("from", "")) if request.GET.get("from") else today
            )
            day_to = dt.date.fromisoformat(request.GET.get("to", "")) if request.GET.get("to") else today
        except ValueError:
            day_from = day_to = today
        rows = selectors.zone_figures(hall=hall_obj, day_from=day_from, day_to=day_to)
        return render(
            request,
            "reception/figures.html",
            {"hall": hall_obj, "rows": rows, "day_from": day_from, "day_to": day_to, "lang": get_language()},
        )


# --- Appeals ----------------------------------------------------------------------------------


def _centre_for(request: HttpRequest) -> Organisation:
    hall = selectors.hall_list_for(user=request.user).first()  # type: ignore[arg-type]
    if hall is None:
        raise Http404
    return hall.centre


class AppealRegisterView(LoginRequiredMixin, View):
    """CRC 17: the Result-desk worker checks and registers an appeal; missing details are named
    in the visitor's language."""

    def get(self, request: HttpRequest) -> HttpResponse:
        _centre_for(request)
        form = AppealForm_(initial={"appeal_date": timezone.localdate(), "language": get_language()})
        rows = [(form[name], "") for name in form.fields]
        return render(request, "reception/appeal_register.html", {"form": form, "rows": rows})

    def post(self, request: HttpRequest) -> HttpResponse:
        centre = _centre_for(request)
        form = AppealForm_(request.POST)
        error = None
        field_errors: dict[str, str] = {}
        if form.is_valid():
            data = dict(form.cleaned_data)
            bodies = list(Organisation.objects.filter(pk__in=data.pop("competent_bodies")))
            data["attachments"] = tuple(x.strip() for x in data["attachments"].splitlines() if x.strip())
            data["attachment_count"] = data["attachment_count"] or 0
            data = {k: ("" if v is None and k not in ("appeal_date",) else v) for k, v in data.items()}
            try:
                appeals = services.appeal_register(
                    actor=request.user,  # type: ignore[arg-type]
                    centre=centre,
                    details=services.AppealDetails(**data),
                    competent_bodies=bodies,
                )
            except ApplicationError as exc:
                error = exc.message_for(data["language"])
                field_errors = exc.field_messages_for(data["language"])
            else:
                return render(request, "reception/appeal_registered.html", {"appeals": appeals})
        if "competent_body" in field_errors:
            field_errors["competent_bodies"] = field_errors.pop("competent_body")
        return render(
            request,
            "reception/appeal_register.html",
            {
                "form": form,
                "error": error,
                "field_errors": field_errors,
                "rows": [(form[name], field_errors.get(name, "")) for name in form.fields],
                "visitor_lang": request.POST.get("language", ""),
            },
            status=400,
        )


class AppealListView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        user: User = request.user  # type: ignore[assignment]
        if not selectors.may_see_appeals(user=user):
            raise PermissionDenied
        listing = staff_list(
            params=request.GET,
            form_class=AppealListFilterForm,
            form_kwargs={"bodies": selectors.appeal_body_choices(user=user)},
            rows=lambda **filters: selectors.appeal_staff_list(user=user, **filters),
            today=timezone.localdate(),
            default_sort=selectors.APPEAL_DEFAULT_SORT,
        )
        return render(
            request,
            "reception/appeal_list.html",
            {"listing": listing, "appeals": list(listing.page.object_list), "lang": get_language()},
        )


class AppealDetailView(LoginRequiredMixin, View):
    def _appeal(self, request: HttpRequest, number: str) -> Appeal:
        appeal = get_object_or_404(Appeal.objects.select_related("competent_body", "centre"), number=number)
        try:
            return selectors.access_appeal(user=request.user, appeal=appeal)  # type: ignore[arg-type]
        except AccessDenied as exc:
            raise Http404 from exc

    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        appeal = self._appeal(request, number)
        answer = getattr(appeal, "answer", None) if hasattr(appeal, "answer") else None
        user: Any = request.user
        ctx = {
            "schedules": (
                selectors.schedule_public_list().filter(organisation=appeal.competent_body)
                if selectors.can_manage_receptions(user=user)
                else []
            ),
            "appeal": appeal,
            "linked": selectors.appeal_linked_list(appeal=appeal),
            "answer": answer,
            "lang": get_language(),
        }
        return render(request, "reception/appeal_detail.html", ctx)

    def post(self, request: HttpRequest, number: str) -> HttpResponse:
        appeal = self._appeal(request, number)
        action = request.POST.get("action")
        user: Any = request.user
        try:
            if action == "answer":
                services.answer_register(
                    actor=user,
                    appeal=appeal,
                    text=request.POST.get("text", ""),
                    answered_on=posted_date(request.POST.get("answered_on"), default=timezone.localdate()),
                    answer_number=request.POST.get("answer_number", ""),
                )
            elif action == "issue":
                # CRC 18: handed over at the Result desk to the visitor called by queue ticket
                code = request.POST.get("ticket", "").strip().upper()
                ticket = (
                    Ticket.objects.filter(
                        zone__hall__centre=appeal.centre, day=timezone.localdate(), code=code
                    ).first()
                    if code
                    else None
                )
                services.answer_issue(
                    actor=user, answer=selectors.appeal_answer(appeal=appeal), ticket=ticket
                )
            elif action == "preregister" and selectors.can_manage_receptions(user=user):
                # CRC 21: pre-registration for a head's reception on the basis of an appeal
                schedule = get_object_or_404(
                    selectors.schedule_public_list().filter(organisation=appeal.competent_body),
                    pk=posted_id(request.POST.get("schedule")),
                )
                services.preregistration_add(
                    actor=user,
                    schedule=schedule,
                    visitor_name=appeal.applicant_label,
                    visitor_iin=appeal.iin,
                    issue=appeal.substance,
                    language=appeal.language,
                    channel="appeal",
                    appeal=appeal,
                    user=appeal.applicant_user,
                )
                messages.success(request, _("You are registered for the reception."))
            elif action == "complain":
                complaint = services.answer_complain(
                    actor=user,
                    answer=selectors.appeal_answer(appeal=appeal),
                    substance=request.POST.get("substance", ""),
                )
                messages.success(
                    request, _("Complaint %(number)s registered.") % {"number": complaint.number}
                )
                return redirect("reception:appeal-detail", number=complaint.number)
        except ValueError:
            messages.error(request, _("Give a real date."))
        except ApplicationError as exc:
            messages.error(request, exc.message_for())
        return redirect("reception:appeal-detail", number=appeal.number)


class AppealReceiptPdfView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        appeal = get_object_or_404(Appeal.objects.select_related("competent_body"), number=number)
        try:
            selectors.access_appeal(user=request.user, appeal=appeal)  # type: ignore[arg-type]
        except AccessDenied as exc:
            raise Http404 from exc
        return _pdf(documents.appeal_receipt_pdf(appeal), appeal.number)


class PaperRegistryListView(LoginRequiredMixin, View):
    """CRC 17.7: registries, the ones not yet received first."""

    def get(self, request: HttpRequest) -> HttpResponse:
        centre = _centre_for(request)
        ctx = {
            "registries": selectors.paper_registry_list_for(user=request.user),  # type: ignore[arg-type]
            "unregistered": selectors.paper_appeals_unregistered(centre=centre).count(),
            "lang": get_language(),
        }
        return render(request, "reception/registry_list.html", ctx)

    def post(self, request: HttpRequest) -> HttpResponse:
        _centre_for(request)
        user: Any = request.user
        try:
            if request.POST.get("action") == "form":
                made = services.paper_registry_form(at=timezone.now(), actor=user)
                messages.success(request, _("%(n)d registries formed.") % {"n": len(made)})
            else:
                registry = get_object_or_404(
                    selectors.paper_registry_list_for(user=user), pk=posted_id(request.POST.get("registry"))
                )
                services.paper_registry_receive(
                    actor=user,
                    registry=registry,
                    received_on=timezone.localdate(),
                    received_by_name=request.POST.get("received_by_name", ""),
                )
        except ApplicationError as exc:
            messages.error(request, exc.message_for())
        return redirect("reception:registry-list")


class PaperRegistryPdfView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        user: Any = request.user
        registry: PaperRegistry = get_object_or_404(selectors.paper_registry_list_for(user=user), pk=pk)
        return _pdf(documents.paper_registry_pdf(registry), registry.number)


# --- Reports (CRC 8) --------------------------------------------------------------------------


class ReportView(LoginRequiredMixin, View):
    """CRC 8: monthly, quarterly and yearly reports per body (HTML, XLSX, PDF)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        user: Any = request.user
        bodies = selectors.report_bodies_for(user=user)
        if not bodies.exists():
            raise Http404
        today = timezone.localdate()
        period = request.GET.get("period", "month")
        if period not in selectors.REPORT_PERIODS:
            period = "month"
        try:
            year = int(request.GET.get("year", today.year))
            number = int(
                request.GET.get("n", today.month if period == "month" else (today.month - 1) // 3 + 1)
            )
            start, end = selectors.report_period(period=period, year=year, number=number)
        except (ValueError, OverflowError):  # a typed-in period out of range shows this month
            year, number, period = today.year, today.month, "month"
            start, end = selectors.report_period(period=period, year=year, number=number)
        body = bodies.filter(code=request.GET.get("body", "")).first() or bodies.first()
        assert body is not None
        figures = selectors.report_figures(organisation=body, start=start, end=end)
        fmt = request.GET.get("format", "html")
        name = f"crc-report-{body.code}-{start:%Y%m%d}-{end:%Y%m%d}"
        if fmt == "pdf":
            return _pdf(documents.report_pdf(figures), name)
        if fmt == "xlsx":
            resp = HttpResponse(
                documents.report_xlsx(figures),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            resp["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
            return resp
        ctx = {
            "figures": figures,
            "bodies": bodies,
            "body": body,
            "period": period,
            "year": year,
            "number": number,
            "lang": get_language(),
        }
        return render(request, "reception/report.html", ctx)


# --- Personal reception (CRC 20-22) -----------------------------------------------------------


class PersonalReceptionDetailView(View):
    """CRC 21: a reception's list. Reception staff add visitors (at the centre) and mark
    attendance; a signed-in recipient registers online; contact-centre operators and the body's
    staff see the list; the public sees only the schedule."""

    def _ctx(self, request: HttpRequest, pk: int) -> dict[str, Any]:
        schedule = get_object_or_404(selectors.schedule_public_list(day_from=dt.date.min), pk=pk)
        user: Any = request.user
        can_edit = selectors.can_manage_receptions(user=user)
        can_see = can_edit or selectors.can_see_reception_lists(user=user, schedule=schedule)
        return {
            "schedule": schedule,
            "can_edit": can_edit,
            "can_see": can_see,
            "registrations": schedule.registrations.all() if can_see else [],
            "lock_date": services.schedule_lock_date(schedule),
            "bodies": competent_body_list() if can_edit else [],
            # CRC 22: a follow-up goes to one of the body's staff, picked by name
            "responsibles": staff_choices(organisation=schedule.organisation) if can_edit else [],
            "lang": get_language(),
        }

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return render(request, "reception/personal_reception_detail.html", self._ctx(request, pk))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect(f"{reverse('web:login')}?next={request.path}")
        ctx = self._ctx(request, pk)
        schedule = ctx["schedule"]
        user: Any = request.user
        action = request.POST.get("action")
        try:
            if action == "add" and ctx["can_edit"]:
                services.preregistration_add(
                    actor=user,
                    schedule=schedule,
                    visitor_name=request.POST.get("visitor_name", ""),
                    visitor_iin=request.POST.get("visitor_iin", "").strip(),
                    issue=request.POST.get("issue", ""),
                    language=request.POST.get("language", "kk"),
                    channel="centre",
                )
            elif action == "attendance" and ctx["can_edit"]:
                reg = get_object_or_404(
                    schedule.registrations, pk=posted_id(request.POST.get("registration"))
                )
                services.preregistration_mark_attendance(
                    actor=user, registration=reg, attended=request.POST.get("attended") == "yes"
                )
            elif action == "ticket" and ctx["can_edit"]:
                # CRC 14: a pre-registered visitor gets a Personal-reception ticket; the escort
                # (the body's responsible executive) calls them from the desk page
                reg = get_object_or_404(
                    schedule.registrations, pk=posted_id(request.POST.get("registration"))
                )
                hall = selectors.hall_list_for(user=user).first()
                if hall is None:
                    raise Http404
                ticket = services.ticket_issue(
                    actor=user,
                    zone=hall.zones.get(kind=ZoneKind.PERSONAL_RECEPTION),
                    language=reg.language,
                    visitor_name=reg.visitor_name,
                    visitor_iin=reg.visitor_iin,
                    visitor_document=request.POST.get("visitor_document", ""),
                    purpose=reg.issue[:300],
                    pre_registration=reg,
                )
                messages.success(request, _("Ticket %(code)s issued.") % {"code": ticket.code})
            elif action == "video" and ctx["can_edit"]:
                # CRC 21: another body takes part by video conference
                body = get_object_or_404(competent_body_list(), code=request.POST.get("body"))
                services.schedule_video_body_add(actor=user, schedule=schedule, organisation=body)
            elif action == "follow_up" and ctx["can_edit"]:
                # CRC 22: a follow-up task on an issue raised, with a due date and a responsible
                reg = get_object_or_404(
                    schedule.registrations, pk=posted_id(request.POST.get("registration"))
                )
                chosen = request.POST.get("responsible", "").strip()
                responsible = (
                    User.objects.filter(pk=int(chosen)).first()
                    if chosen in dict(ctx["responsibles"])
                    else None
                )
                due = request.POST.get("due_date", "")
                if responsible is None or not due:
                    messages.error(request, _("No such user."))
                else:
                    services.follow_up_create(
                        actor=user,
                        registration=reg,
                        description=request.POST.get("description", ""),
                        due_date=posted_date(due),
                        responsible=responsible,
                    )
            elif action == "online":
                services.preregistration_add(
                    actor=user,
                    schedule=schedule,
                    visitor_name=user.get_full_name() or user.username,
                    visitor_iin=user.iin,
                    issue=request.POST.get("issue", ""),
                    language=user.preferred_language if user.preferred_language in ("kk", "ru") else "kk",
                    channel="online",
                    user=user,
                )
                messages.success(request, _("You are registered for the reception."))
            else:
                raise Http404
        except ValueError:
            messages.error(request, _("Give a real date."))
        except ApplicationError as exc:
            messages.error(request, exc.message_for())
        return redirect("reception:personal-reception-detail", pk=schedule.pk)


# --- Staffing (CRC 8-9) -----------------------------------------------------------------------


class StaffingView(LoginRequiredMixin, View):
    """CRC 8-9: which body staffs each desk, who sits there, reserve staff, open alerts.

    A refused assignment re-renders the page (400) with the error next to that desk's form and
    the values the user typed kept in it."""

    def _render(
        self, request: HttpRequest, hall_obj: Hall, failed: dict[str, Any] | None = None, status: int = 200
    ) -> HttpResponse:
        desks = (
            Desk.objects.filter(zone__hall=hall_obj, zone__kind__in=selectors.TICKET_ZONES)
            .select_related("zone", "organisation", "operator")
            .order_by("zone__kind", "number")
        )
        bodies = list(selectors.report_bodies_for(user=request.user))  # type: ignore[arg-type]
        now = timezone.now()
        ctx = {
            "hall": hall_obj,
            "desks": desks,
            # CRC 9: how long each body's desk has been without its worker, in opening hours
            "desk_rows": [(d, staffing.clock_text(staffing.desk_unstaffed_for(d, now=now))) for d in desks],
            "bodies": bodies,
            # CRC 8: an operator is picked by full name among the staff of the bodies offered
            "operator_groups": self._operator_groups(bodies),
            "alerts": selectors.staffing_alert_list().filter(desk__zone__hall=hall_obj),
            "lang": get_language(),
            "failed": failed,
        }
        return render(request, "reception/staffing.html", ctx, status=status)

    @staticmethod
    def _operator_groups(bodies: list[Organisation]) -> list[tuple[str, list[tuple[str, str]]]]:
        lang = get_language() or "kk"
        return [(b.name(lang), staff_choices(organisation=b)) for b in bodies]

    def get(self, request: HttpRequest, hall: str) -> HttpResponse:
        return self._render(request, _hall_for(request, hall))

    def post(self, request: HttpRequest, hall: str) -> HttpResponse:
        hall_obj = _hall_for(request, hall)
        desk = get_object_or_404(Desk, pk=posted_id(request.POST.get("desk")), zone__hall=hall_obj)
        body_code = request.POST.get("body", "")
        body = Organisation.objects.filter(code=body_code).first()
        chosen = request.POST.get("operator", "").strip()
        is_reserve = request.POST.get("is_reserve") == "on"
        failed = {"desk": desk.pk, "body": body_code, "operator": chosen, "is_reserve": is_reserve}
        offered = {
            pk
            for _name, rows in self._operator_groups(list(selectors.report_bodies_for(user=request.user)))  # type: ignore[arg-type]
            for pk, _label in rows
        }
        if chosen and chosen not in offered:
            return self._render(
                request, hall_obj, {**failed, "error": _("Choose the operator from the list.")}, status=400
            )
        try:
            services.desk_assign(
                actor=request.user,  # type: ignore[arg-type]
                desk=desk,
                organisation=body,
                operator=User.objects.filter(pk=int(chosen)).first() if chosen else None,
                is_reserve=is_reserve,
            )
        except ApplicationError as exc:
            return self._render(request, hall_obj, {**failed, "error": exc.message_for()}, status=400)
        return redirect("reception:staffing", hall=hall_obj.code)
