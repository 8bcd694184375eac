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
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from qyzmet.core import form_keys
from qyzmet.core.errors import AccessDenied, ApplicationError, IdempotencyKeyReused
from qyzmet.core.listing import staff_list
from qyzmet.core.models import User
from qyzmet.core.params import posted_date, posted_id
from qyzmet.core.replica import reads_from_replica
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import staff_choices
from qyzmet.reception import documents, selectors, services, staffing, voice, waiting
from qyzmet.reception.enums import BODY_ZONES
from qyzmet.reception.forms import AppealListFilterForm, TicketIssueForm
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
    announced by voice in the ticket's language with audio the server assembles (ADR 0030)."""

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
    """CRC 14 (ADR 0030): the voice announcement of a called ticket as one WAV file, in the
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
            # CRC 14, 19: another zone, or (from a Consultation desk) another body's line there
            "zones": [
                z
                for z in selectors.ticket_zones(hall=desk.zone.hall)
                if z.pk != desk.zone_id or z.kind in BODY_ZONES
            ],
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
# The appeal form itself (question pages over a draft) is in views_appeal.py.


def _centre_for(request: HttpRequest) -> Organisation:
    hall = selectors.hall_list_for(user=request.user).first()  # type: ignore[arg-type]
    if hall is None:
        raise Http404
    return hall.centre


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


def _appeal_of(request: HttpRequest, number: str) -> Appeal:
    appeal = get_object_or_404(Appeal.objects.select_related("competent_body", "centre"), number=number)
    try:
        return selectors.access_appeal(user=request.user, appeal=appeal)  # type: ignore[arg-type]
    except AccessDenied as exc:
        raise Http404 from exc


class AppealDetailView(LoginRequiredMixin, View):
    """An appeal, its scans and its answer with the way it is delivered (CRC 17.4): register the
    answer; hand it over at the Result desk by a queue ticket chosen from the list; record its
    postal dispatch; record the originals returned (CRC 17.7). A refused action shows the page
    again (400) with the error next to the field and what was typed kept."""

    def _ctx(
        self, request: HttpRequest, appeal: Appeal, failed: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        from qyzmet.reception import answers

        answer = selectors.appeal_answer_or_none(appeal=appeal)
        user: Any = request.user
        lang = get_language() or "kk"
        is_reception = selectors.is_reception_staff(user=user, centre=appeal.centre)
        key = form_keys.submission_in_address(request)
        return {
            "schedules": (
                selectors.schedule_public_list().filter(organisation=appeal.competent_body)
                if selectors.can_manage_receptions(user=user)
                else []
            ),
            "appeal": appeal,
            "body_name": appeal.competent_body.name(lang),
            "linked": selectors.appeal_linked_list(appeal=appeal),
            "scans": selectors.appeal_scan_list(appeal=appeal),
            "answer": answer,
            "email_state": answers.answer_email_state(answer=answer) if answer else "",
            "may_answer": answers.may_answer(actor=user, appeal=appeal),
            "is_reception": is_reception,
            "tickets": [
                (str(t.pk), f"{t.code} ({'қазақша' if t.language == 'kk' else 'русский'})")
                for t in selectors.result_ticket_for_answer(centre=appeal.centre, day=timezone.localdate())
            ]
            if is_reception
            else [],
            "failed": failed or {},
            "lang": lang,
            # Issue 20.4: the complaint form's key, from the page's address (so that Back shows
            # the same key; kept when a refused form is shown again), and what it filed already.
            "submission": key or form_keys.new_submission_key(),
            "filed": selectors.answer_complaint_filed_with_key(appeal=appeal, idempotency_key=f"answer:{key}")
            if key and answer is not None
            else None,
            "new_form": form_keys.address_without_submission(request),
        }

    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        appeal = _appeal_of(request, number)
        user: Any = request.user
        offers_complaint = selectors.is_reception_staff(
            user=user, centre=appeal.centre
        ) and selectors.appeal_answer_has_reached_visitor(appeal=appeal)
        if offers_complaint and not form_keys.submission_in_address(request):
            # CRC 18, issue 20.4: the page offers the complaint form; its key goes into the
            # page's address, so that Back (the page is no-store) comes back to the same key.
            return form_keys.with_new_submission(request)
        return render(request, "reception/appeal_detail.html", self._ctx(request, appeal))

    @staticmethod
    def _complaint_key(request: HttpRequest) -> str:
        """CRC 18, issue 20.4: the idempotency key of the complaint form sent (one per form
        shown, in the page's address): the same form sent twice (a double click, Back and send
        again) files one complaint."""
        token = request.POST.get("submission", "").strip()[:64]
        return f"answer:{token}" if token else ""

    def post(self, request: HttpRequest, number: str) -> HttpResponse:
        from qyzmet.reception import answers

        appeal = _appeal_of(request, number)
        action = request.POST.get("action", "")
        user: Any = request.user
        typed = {k: request.POST.get(k, "") for k in request.POST if k != "csrfmiddlewaretoken"}
        try:
            if action == "answer":
                answers.answer_register(
                    actor=user,
                    appeal=appeal,
                    text=request.POST.get("text", ""),
                    answered_on=posted_date(request.POST.get("answered_on"), default=timezone.localdate()),
                    answer_number=request.POST.get("answer_number", ""),
                )
                messages.success(request, _("The answer is registered."))
            elif action == "issue":
                # CRC 18: handed over at the Result desk to the visitor called by queue ticket
                ticket = selectors.centre_ticket(centre=appeal.centre, pk=request.POST.get("ticket", ""))
                answers.answer_issue(actor=user, answer=selectors.appeal_answer(appeal=appeal), ticket=ticket)
                messages.success(request, _("The answer is handed over to the visitor."))
            elif action == "dispatch":
                answers.answer_dispatch_record(
                    actor=user,
                    answer=selectors.appeal_answer(appeal=appeal),
                    posted_on=posted_date(request.POST.get("posted_on"), default=timezone.localdate()),
                    tracking_number=request.POST.get("tracking_number", ""),
                )
                messages.success(request, _("The dispatch by post is recorded."))
            elif action == "originals_return":
                services.appeal_originals_return(actor=user, appeal=appeal)
                messages.success(request, _("The originals are recorded as returned to the visitor."))
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
                complaint = answers.answer_complain(
                    actor=user,
                    answer=selectors.appeal_answer(appeal=appeal),
                    substance=request.POST.get("substance", ""),
                    idempotency_key=self._complaint_key(request),
                )
                # Sent again with its key (a double click, a resend): the complaint filed the first time.
                messages.success(
                    request, _("Complaint %(number)s registered.") % {"number": complaint.number}
                )
                return redirect("reception:appeal-detail", number=complaint.number)
            else:
                raise Http404
        except ValueError:
            failed = {"action": action, "typed": typed, "fields": {}, "error": _("Enter a real date.")}
            return render(
                request, "reception/appeal_detail.html", self._ctx(request, appeal, failed), status=400
            )
        except AccessDenied as exc:
            # The user may see this appeal but not do this to it (CRC 18: the body that answered
            # does not take complaints about its own answer): said, with what was typed kept.
            failed = {"action": action, "typed": typed, "fields": {}, "error": exc.message_for()}
            return render(
                request, "reception/appeal_detail.html", self._ctx(request, appeal, failed), status=403
            )
        except IdempotencyKeyReused:
            # Issue 20.4: the form's key already filed a complaint and the form now says something
            # else: nothing is filed; what was typed is kept with a new key, so that sending it
            # again is a new complaint.
            typed["submission"] = form_keys.new_submission_key()
            failed = {
                "action": action,
                "typed": typed,
                "fields": {},
                "error": _(
                    "This form was already sent and the complaint is registered. What you changed "
                    "since was not sent: to register it as another complaint, send the form again."
                ),
            }
            return render(
                request, "reception/appeal_detail.html", self._ctx(request, appeal, failed), status=400
            )
        except ApplicationError as exc:
            failed = {
                "action": action,
                "typed": typed,
                "fields": exc.field_messages_for(),
                "error": "" if exc.fields else exc.message_for(),
            }
            return render(
                request, "reception/appeal_detail.html", self._ctx(request, appeal, failed), status=400
            )
        back = request.POST.get("next", "")
        if back.startswith("/reception/appeals/new/") and url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}
        ):
            return redirect(back)
        return redirect("reception:appeal-detail", number=appeal.number)


class AppealScanView(LoginRequiredMixin, View):
    """A scan of an appeal, for whoever may see the appeal (an inert attachment, ADR 0014)."""

    def get(self, request: HttpRequest, number: str, pk: int) -> HttpResponseBase:
        from qyzmet.core.files import private_file_response

        appeal = _appeal_of(request, number)
        try:
            scan = selectors.access_appeal_scan(user=request.user, appeal=appeal, pk=pk)  # type: ignore[arg-type]
        except AccessDenied as exc:
            raise Http404 from exc
        return private_file_response(file=scan.file, download_name=f"{appeal.number}-{scan.role}-{scan.pk}")


class AppealReceiptPdfView(LoginRequiredMixin, View):
    """CRC 17.6: the registration ticket, wholly in the visitor's language."""

    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        appeal = _appeal_of(request, number)
        return _pdf(documents.appeal_receipt_pdf(appeal), appeal.number)


class CabinetAppealListView(LoginRequiredMixin, View):
    """CRC 17.4: the visitor's appeals in their personal cabinet (linked by IIN); an answer
    they chose to receive here is shown in full, and is delivered by being here."""

    def get(self, request: HttpRequest) -> HttpResponse:
        user: Any = request.user
        lang = get_language() or "kk"
        rows = [(a, a.competent_body.name(lang)) for a in selectors.cabinet_appeal_list(user=user)]
        return render(request, "reception/cabinet_appeals.html", {"rows": rows, "lang": lang})


class PaperRegistryListView(LoginRequiredMixin, View):
    """CRC 17.7: registries, the ones not yet received first; the button forms the registry of
    the 12:00 or 18:00 forming time that has come (ADR 0028); the returned copy is marked
    received (who, on what day). A refusal shows the page again (400) with what was typed."""

    def _render(
        self, request: HttpRequest, failed: dict[str, Any] | None = None, status: int = 200
    ) -> HttpResponse:
        from qyzmet.reception.registries import registry_next_time

        centre = _centre_for(request)
        ctx = {
            "registries": selectors.paper_registry_list_for(user=request.user),  # type: ignore[arg-type]
            "unregistered": selectors.paper_appeals_unregistered(centre=centre).count(),
            "next_time": timezone.localtime(registry_next_time(timezone.now())),
            "today": timezone.localdate(),
            "failed": failed or {},
            "lang": get_language(),
        }
        return render(request, "reception/registry_list.html", ctx, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        from qyzmet.reception import registries

        centre = _centre_for(request)
        user: Any = request.user
        failed: dict[str, Any] = {"registry": request.POST.get("registry", "")}
        try:
            if request.POST.get("action") == "form":
                made = registries.paper_registry_form_now(actor=user, centre=centre)
                if made:
                    messages.success(request, _("%(n)d registries formed.") % {"n": len(made)})
                else:
                    messages.info(request, _("No paper appeals were waiting: no registry formed."))
            else:
                registry = get_object_or_404(
                    selectors.paper_registry_list_for(user=user), pk=posted_id(request.POST.get("registry"))
                )
                failed.update(
                    received_on=request.POST.get("received_on", ""),
                    received_by_name=request.POST.get("received_by_name", ""),
                )
                registries.paper_registry_receive(
                    actor=user,
                    registry=registry,
                    received_on=posted_date(request.POST.get("received_on")),
                    received_by_name=request.POST.get("received_by_name", ""),
                )
        except ValueError:
            failed["fields"] = {"received_on": _("Enter the date on the returned copy.")}
            return self._render(request, failed, status=400)
        except AccessDenied as exc:
            raise Http404 from exc
        except ApplicationError as exc:
            failed["fields"] = exc.field_messages_for()
            failed["error"] = "" if exc.fields else exc.message_for()
            return self._render(request, failed, status=400)
        return redirect("reception:registry-list")


class PaperRegistryPdfView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        user: Any = request.user
        registry: PaperRegistry = get_object_or_404(selectors.paper_registry_list_for(user=user), pk=pk)
        return _pdf(documents.paper_registry_pdf(registry), registry.number)


# --- Reports (CRC 8) --------------------------------------------------------------------------


@method_decorator(reads_from_replica, name="dispatch")  # ADR 0077
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
# The pages live in ``reception/personal_views.py``.


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
