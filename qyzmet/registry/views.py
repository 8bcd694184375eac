"""Pages of the register: the public catalogue (Law 12, 23), public discussion of drafts
(Law 15) and the registry administrators' staff pages. Thin: selectors read, services write."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from qyzmet.core.confirmation import confirmation_page, is_confirmed, is_confirmed_as_shown, reposted_values
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.listing import staff_list
from qyzmet.core.params import posted_id
from qyzmet.core.replica import reads_from_replica
from qyzmet.core.templatetags.govuk_forms import SUMMARY_LINK
from qyzmet.monitoring.selectors import bylaw_proposals_for_version
from qyzmet.orgs.selectors import branch_schedule_list, organisation_choices, organisation_find_by_code
from qyzmet.quality.enums import Indicator
from qyzmet.quality.selectors import standard_indicators
from qyzmet.registry import selectors, services
from qyzmet.registry.comparison import version_comparison
from qyzmet.registry.enums import (
    REFUSAL_GROUND_TEXTS,
    Channel,
    DeliveryMethod,
    DiscussionStatus,
    FeeExemption,
    RecipientCategory,
    RefusalGround,
    VersionStatus,
    WorkPrinciple,
)
from qyzmet.registry.errors import RegistryErrorCode
from qyzmet.registry.field_names import field_label
from qyzmet.registry.forms import (
    SCHEDULE_BLOCKS,
    AgreementForm,
    ApproveForm,
    CatalogueFilterForm,
    CloseDiscussionForm,
    CommentForm,
    DecisionForm,
    DiscussionFilterForm,
    ServiceForm,
    StaffServiceFilterForm,
    StandardEditor,
)
from qyzmet.registry.models import (
    ComplaintAddress,
    ContactCentreUpdateTask,
    Discussion,
    DiscussionComment,
    Service,
    StandardVersion,
)
from qyzmet.registry.reports import discussion_report_data, discussion_report_pdf
from qyzmet.registry.services import VERSION_TEXT_FIELDS
from qyzmet.workcalendar.schedule import schedule_from_json

# The bilingual texts of a version, each shown in the page's language (STD 1-26, Law 14.2).
VERSION_TEXT_STEMS: tuple[str, ...] = tuple(dict.fromkeys(f[:-3] for f in VERSION_TEXT_FIELDS))


def _lang() -> str:
    return "ru" if (get_language() or "kk")[:2] in {"ru", "en"} else "kk"


def _bodies() -> list[tuple[str, str]]:
    """The bodies a registry administrator picks from, by name in the page's language."""
    return organisation_choices(language=_lang())


def _refused_see_box() -> str:
    """The refusal said once when the page's "before approval" box lists its parts."""
    return _("Refused: correct the parts listed under “Before approval, correct:”.")


def _refused_see_box_error() -> ValidationError:
    """The same on a form: its line of the error summary links to the box (GOV.UK error
    summaries link to what they name; tester's finding 8)."""
    return ValidationError(_refused_see_box(), code="see_box", params={SUMMARY_LINK: "#before-approval"})


def _place_error(form: Any, exc: ApplicationError, shown: Any = ()) -> None:
    """A service's refusal on the form that was posted: each message on its field (a schedule's
    on its block), the rest on the form named in the page's language after its STD point;
    shown once by the error summary, not as a banner. Parts the page's "before approval" box
    already lists (``shown``) are not said twice: the summary points to that box."""
    lang = (get_language() or "kk")[:2]
    said = exc.field_messages_for(lang)
    listed = [name for name in said if name in shown and name not in form.fields]
    if listed:
        form.add_error(None, _refused_see_box_error())
    for name, text in said.items():
        block = next((p for p, f, _t in SCHEDULE_BLOCKS if f == name), None)
        if name in listed:
            continue
        if name in form.fields:
            form.add_error(name, text)
        elif block is not None and f"{block}_around" in form.fields:
            form.add_error(f"{block}_around", text)
        else:
            form.add_error(None, f"{field_label(name, lang)}: {text}")
    if not exc.fields:
        form.add_error(None, exc.message_for(lang))


_ROW_KEY = re.compile(r"^(?P<rows>\w+)\[(?P<index>\d+)\]\.(?P<input>\w+)$")
_DAY_KEY = re.compile(r"^(?P<field>\w+)\[(?P<a>\d+)\](?:\[(?P<b>\d+)\])?$")


def _place_editor_error(editor: StandardEditor, exc: ApplicationError) -> None:
    """STD 9, 21-23 (tester's finding 11): a schedule's problem of one day on that day's row
    (of the version's schedule or of the complaint address), the schedule's whole message in
    the summary; the rest as ``_place_error`` puts it."""
    lang = (get_language() or "kk")[:2]
    said = exc.field_messages_for(lang)
    by_day = {m.group("field") for m in map(_DAY_KEY.match, said) if m is not None}
    by_row = {m.group("rows") for m in map(_ROW_KEY.match, said) if m is not None}
    rest: dict[str, dict[str, str]] = {}
    for name, text in said.items():
        on_row = _ROW_KEY.match(name)
        if on_row is not None:  # STD 7: a row's input, e.g. ``channel_terms[0].term_amount``
            kept = editor.kept(on_row.group("rows"))
            index, field = int(on_row.group("index")), on_row.group("input")
            if index < len(kept) and field in kept[index].fields:
                kept[index].add_error(field, text)
            continue
        match = _DAY_KEY.match(name)
        if match is None:
            # Rows' inputs are not in the summary: the whole, naming the rows, is.
            if name in by_row:
                editor.form.add_error(None, f"{field_label(name, lang)}: {text}")
            elif name == "complaint_address_entries" and name in by_day:
                editor.form.add_error(None, text)
            elif name not in by_day:
                rest[name] = exc.fields[name]
            continue
        field, first, second = match.group("field"), match.group("a"), match.group("b")
        prefix = next((p for p, f, _t in SCHEDULE_BLOCKS if f == field), None)
        if prefix is not None:
            editor.form.add_error(f"{prefix}_{first}_open", text)
        elif field == "complaint_address_entries":
            kept = editor.kept(field)
            if int(first) < len(kept):
                kept[int(first)].add_error(f"sch_{second}_open" if second else "sch_around", text)
    if rest or not exc.fields:
        _place_error(editor.form, ApplicationError(exc.code, exc.messages, fields=rest))


def _error(request: HttpRequest, exc: ApplicationError, shown: Any = ()) -> None:
    """A refusal as messages: the whole, then each part named in the page's language (not by
    its code), except the parts the page already marks (``shown``)."""
    lang = (get_language() or "kk")[:2]
    said = exc.field_messages_for(lang)
    if said and all(name in shown for name in said):  # all listed in the page's box already
        messages.error(request, _refused_see_box())
        return
    messages.error(request, exc.message_for(lang))
    for name, text in said.items():
        if name not in shown:
            messages.error(request, f"{field_label(name, lang)}: {text}")


# --- public catalogue ---------------------------------------------------------------------------


class CatalogueView(View):
    """The register grouped by sphere then life situation, with search and filters."""

    def get(self, request: HttpRequest) -> HttpResponse:
        today = timezone.localdate()
        spheres = list(selectors.sphere_list())
        form = CatalogueFilterForm(request.GET or None, spheres=spheres)
        params: dict[str, str] = {}
        if form.is_valid():
            params = {k: v for k, v in form.cleaned_data.items() if v}
        services_qs = list(selectors.catalogue_search(on=today, **params))
        mci = selectors.mci_for_year(year=today.year)
        rows = []
        for service in services_qs:
            version = service.in_force[0] if getattr(service, "in_force", None) else None  # type: ignore[attr-defined]
            rows.append(
                {
                    "service": service,
                    "version": version,
                    "channels": [t.get_channel_display() for t in version.channel_terms.all()]
                    if version
                    else [],
                    "fee": version.fee_tenge(mci) if version else 0,
                }
            )
        return render(
            request,
            "registry/catalogue.html",
            {"form": form, "rows": rows, "searching": bool(params), "today": today, "lang": _lang()},
        )


def _labels(choices: type[Any], values: list[str] | None) -> list[str]:
    return [str(choices(v).label) for v in values or [] if v in choices.values]


def _complaint_address_row(entry: ComplaintAddress, lang: str) -> dict[str, Any]:
    schedule = schedule_from_json(entry.schedule)
    return {
        "entry": entry,
        "name": entry.name(lang),
        "address": entry.address(lang),
        "schedule": schedule.lines(lang) if schedule is not None else [],
    }


def _appendix_rows(version: StandardVersion, year: int) -> list[dict[str, Any]]:
    """STD 19-20, the appendix table: each indicator as the appendix words it, its normative
    value (column 2) and the targets approved by order for ``year`` and the next (column 3)."""
    rows = standard_indicators(service_ids=[version.service_id])[version.service_id]
    out = []
    for row in rows:
        targets = {t["year"]: t for t in row["targets"]}
        out.append(
            {
                "label": Indicator(row["indicator"]).label,
                "norm": row["normative_value"],
                "norm_national": row["normative_is_national_default"],
                "this_year": targets.get(year),
                "next_year": targets.get(year + 1),
            }
        )
    return out


def _standard_page_parts(version: StandardVersion, lang: str) -> dict[str, Any]:
    """STD 4, 7.4, 16, 18, 21-26 and the texts of every point, in the page's language."""
    return {
        "texts": {stem: version.text(stem, lang) for stem in VERSION_TEXT_STEMS},
        "other_terms": [
            {"term": t, "name": t.name(lang), "note": t.note(lang)} for t in version.other_terms.all()
        ],
        "sources": [
            {"source": s, "detail": s.detail(lang)} for s in version.information_source_entries.all()
        ],
        "complaint_addresses": [
            _complaint_address_row(e, lang) for e in version.complaint_address_entries.all()
        ],
        "principles": _labels(WorkPrinciple, version.principles),
        # STD 6: who the version in force names as recipients (not the register's entry).
        "recipients": _labels(RecipientCategory, version.recipient_categories),
        "delivery_methods": _labels(DeliveryMethod, version.delivery_methods),
        "steps": list(version.process_steps.all()),
        "form_fields": list(version.form_fields.all()),
    }


class ServiceDetailView(View):
    """The standard in force in plain language, every point of it (STD 1-26); printable."""

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        try:
            service = selectors.service_get(code=code)
        except ApplicationError as exc:
            raise Http404(exc.message_for()) from exc
        today = timezone.localdate()
        on = today
        if request.GET.get("on"):
            try:
                on = dt.date.fromisoformat(request.GET["on"])
            except ValueError:
                on = today
        try:
            version = selectors.standard_in_force(service=service, on=on)
        except ApplicationError as exc:
            return render(
                request,
                "registry/service_detail.html",
                {"service": service, "version": None, "error": exc.message_for()},
            )
        mci = selectors.mci_for_year(year=on.year)
        lang = _lang()
        grounds = [
            {"text": REFUSAL_GROUND_TEXTS[g][lang], "citation": RefusalGround(g).citation}
            for g in version.refusal_grounds
            if g in REFUSAL_GROUND_TEXTS
        ]
        documents = list(version.required_documents.all())
        approved = list(selectors.standard_versions(service=service).filter(status=VersionStatus.APPROVED))
        upcoming = next((v for v in approved if v.effective_from and v.effective_from > on), None)
        return render(
            request,
            "registry/service_detail.html",
            {
                "service": service,
                "version": version,
                "on": on,
                "today": today,
                "lang": lang,
                "terms": selectors.channel_due_examples(version=version, start=today),
                "mci": mci,
                "fee_tenge": version.fee_tenge(mci),
                "expedited_fee_tenge": version.expedited_fee_tenge(mci),
                # STD 19-20: the appendix table of the standard.
                "indicators": _appendix_rows(version, on.year),
                "year": on.year,
                "next_year": on.year + 1,
                # STD 8, 11 (ADR 0019): who the standard lets off the fee.
                "fee_exemptions": [
                    FeeExemption(e).label for e in version.fee_exemptions or [] if e in FeeExemption.values
                ],
                "documents": [d for d in documents if not d.privileged_only],
                "privileged_documents": [d for d in documents if d.privileged_only],
                "grounds": grounds,
                "versions": approved,
                "upcoming": upcoming,
                # Law 14.3-1, STD 9: the structured schedules; branches with their own hours.
                "schedules": {
                    which: schedule.lines(lang)
                    for which, schedule in selectors.version_working_schedules(version=version).items()
                },
                "branch_schedules": [
                    {"branch": branch, "lines": schedule.lines(lang)}
                    for branch, schedule in branch_schedule_list()
                ],
                "has_state_corporation": any(
                    t.channel == Channel.STATE_CORPORATION for t in version.channel_terms.all()
                ),
                # Law 19: the portal channel of the standard in force leads to the portal form.
                "apply_url": reverse("delivery:apply", args=[service.code])
                if on == today and any(t.channel == Channel.EGOV_PORTAL for t in version.channel_terms.all())
                else None,
                **_standard_page_parts(version, lang),
            },
        )


# --- public discussion (Law 15) -----------------------------------------------------------------


class DiscussionListView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        listing = staff_list(
            params=request.GET,
            form_class=DiscussionFilterForm,
            form_kwargs={"services": selectors.discussion_service_choices()},
            rows=selectors.discussion_register,
            today=timezone.localdate(),
            default_sort=selectors.DISCUSSION_DEFAULT_SORT,
        )
        return render(
            request,
            "registry/discussion_list.html",
            {
                "listing": listing,
                "discussions": list(listing.page.object_list),
                "today": timezone.localdate(),
                "lang": _lang(),
            },
        )


class DiscussionDetailView(View):
    def _context(
        self, request: HttpRequest, discussion: Discussion, form: CommentForm | None = None
    ) -> dict[str, Any]:
        choices = selectors.commentable_field_choices()
        today = timezone.localdate()
        is_open = discussion.status == DiscussionStatus.OPEN and today <= discussion.ends_on
        return {
            "discussion": discussion,
            "version": selectors.standard_version_get(
                service=discussion.version.service, number=discussion.version.number
            ),
            "comments": [
                {"comment": c, "part": dict(choices).get(c.field_name, c.field_name)}
                for c in selectors.discussion_comments(discussion=discussion)
            ],
            "form": form or CommentForm(field_choices=choices),
            "change_summary": discussion.version.text("change_summary", _lang()),
            "is_open": is_open,
            "lang": _lang(),
            "field_labels": dict(choices),
        }

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        discussion = get_object_or_404(selectors.discussion_list(), pk=pk)
        return render(request, "registry/discussion_detail.html", self._context(request, discussion))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        discussion = get_object_or_404(selectors.discussion_list(), pk=pk)
        if not request.user.is_authenticated:
            return redirect(f"{reverse('web:login')}?next={request.path}")
        form = CommentForm(request.POST, field_choices=selectors.commentable_field_choices())
        if form.is_valid():
            try:
                services.discussion_comment_add(
                    author=request.user,
                    discussion=discussion,
                    text=form.cleaned_data["text"],
                    field_name=form.cleaned_data["field_name"],
                )
            except ApplicationError as exc:
                _error(request, exc)
                return render(
                    request,
                    "registry/discussion_detail.html",
                    self._context(request, discussion, form),
                    status=400,
                )
            messages.success(request, _("Your comment is registered."))
            return redirect("registry:discussion-detail", pk=pk)
        return render(
            request, "registry/discussion_detail.html", self._context(request, discussion, form), status=400
        )


@method_decorator(reads_from_replica, name="dispatch")  # ADR 0077
class DiscussionReportView(View):
    """Law 15: the closing report, HTML and PDF (kk/ru)."""

    def get(self, request: HttpRequest, pk: int, fmt: str = "html") -> HttpResponse:
        discussion = get_object_or_404(selectors.discussion_list(), pk=pk, status=DiscussionStatus.CLOSED)
        lang = request.GET.get("lang") or _lang()
        if fmt == "pdf":
            response = HttpResponse(
                discussion_report_pdf(discussion=discussion, language=lang), content_type="application/pdf"
            )
            response["Content-Disposition"] = f'inline; filename="discussion-{pk}-{lang}.pdf"'
            return response
        return render(
            request,
            "registry/discussion_report.html",
            {
                "discussion": discussion,
                "report": discussion_report_data(discussion=discussion, language=lang),
            },
        )


# --- staff ------------------------------------------------------------------------------------------


class StaffMixin:
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect(f"{reverse('web:login')}?next={request.path}")
        try:
            selectors.access_registry_staff(user=request.user)
        except AccessDenied as exc:
            raise Http404(exc.message_for()) from exc
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class StaffServiceListView(StaffMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return _staff_service_list_page(request)


def _staff_service_list_page(request: HttpRequest, status: int = 200) -> HttpResponse:
    """The register for its staff, each row offering only what the user may do (finding 13)."""
    listing = staff_list(
        params=request.GET,
        form_class=StaffServiceFilterForm,
        form_kwargs={
            "bodies": selectors.staff_service_body_choices(),
            "spheres": selectors.sphere_list(),
        },
        rows=lambda **filters: selectors.staff_service_list(language=_lang(), **filters),
        today=timezone.localdate(),
        default_sort=selectors.STAFF_SERVICE_DEFAULT_SORT,
    )
    rows = list(listing.page.object_list)
    return render(
        request,
        "registry/staff_services.html",
        {
            "listing": listing,
            "services": rows,
            "may_draft": selectors.services_user_may_draft(user=request.user, services=rows),
            "is_admin": selectors.is_registry_admin(user=request.user),
            "lang": _lang(),
        },
        status=status,
    )


class StaffServiceCreateView(StaffMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "registry/staff_service_form.html", {"form": ServiceForm(bodies=_bodies())})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ServiceForm(request.POST, bodies=_bodies())
        if form.is_valid():
            data = dict(form.cleaned_data)
            body = organisation_find_by_code(code=data.pop("responsible_body"))
            situation = data.pop("life_situation")
            if body is None:
                form.add_error("responsible_body", _("No organisation with this code."))
            else:
                try:
                    services.service_create(
                        actor=request.user,  # type: ignore[arg-type]
                        sphere=situation.sphere,
                        life_situation=situation,
                        responsible_body=body,
                        **data,
                    )
                except ApplicationError as exc:
                    lang = (get_language() or "kk")[:2]
                    for name, text in exc.field_messages_for(lang).items():
                        form.add_error(name if name in form.fields else None, text)
                    if not exc.fields:
                        form.add_error(None, exc.message_for(lang))
                else:
                    messages.success(request, _("The service is in the register."))
                    return redirect("registry:staff-services")
        return render(request, "registry/staff_service_form.html", {"form": form}, status=400)


class StaffVersionDraftView(StaffMixin, View):
    """Start an amendment: a draft copying the latest version (or an empty draft), or the
    version already in progress."""

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        service = get_object_or_404(Service, code=code)
        try:
            draft, created = services.standard_version_draft_start(actor=request.user, service=service)  # type: ignore[arg-type]
        except AccessDenied as exc:  # someone else's service: refused, not offered
            _error(request, exc)
            return _staff_service_list_page(request, status=403)
        except ApplicationError as exc:
            _error(request, exc)
            return redirect("registry:staff-services")
        if not created and selectors.version_in_open_discussion(version=draft):
            # Law 15 (tester's finding 10d): not editable until the report, so "see", not "go on".
            messages.info(
                request,
                _(
                    "Version %(number)s of this standard is in public discussion: see it here; it can be "
                    "changed once the discussion is closed with its report (Law 15)."
                )
                % {"number": draft.number},
            )
        elif not created:
            messages.info(
                request,
                _(
                    "Version %(number)s of this standard is not yet approved (%(status)s): the amendment goes on with it."
                )
                % {"number": draft.number, "status": draft.get_status_display()},
            )
        return redirect("registry:staff-version", code=code, number=draft.number)


class StaffVersionView(StaffMixin, View):
    """One version's workspace: edit the draft, run the discussion, record agreement, approve."""

    def _context(self, request: HttpRequest, code: str, number: int, **forms: Any) -> dict[str, Any]:
        service = get_object_or_404(Service, code=code)
        try:
            version = selectors.standard_version_get(service=service, number=number)
        except ApplicationError as exc:  # no such version: not found, not a server error
            raise Http404(exc.message_for()) from exc
        discussion = Discussion.objects.filter(version=version).first()
        # Law 15: while the discussion is open the draft is shown, not edited.
        read_only = discussion is not None and discussion.status == DiscussionStatus.OPEN
        editor = forms.get("editor") or StandardEditor(version)
        if read_only:
            editor.disable()
        may_draft = selectors.may_draft_version(user=request.user, version=version)
        agreeing = selectors.agreement_body_choices(user=request.user, version=version, language=_lang())
        errors = (
            services.standard_version_errors(version=version)
            if version.status != VersionStatus.APPROVED
            else {}
        )
        editor_shown = read_only or (
            may_draft and version.status in (VersionStatus.DRAFT, VersionStatus.IN_DISCUSSION)
        )
        # What approval would refuse, named in the page's language and marked on its input (a
        # page posted with errors of its own shows those).
        # A page posted with errors of its own (a refused save) keeps the links to the inputs
        # (tester's finding 8). Law 13.1 (finding 10c): only who may draft or approve it is told
        # to correct it.
        listed: list[dict[str, str]]
        if not (may_draft or selectors.may_approve_version(user=request.user, version=version)):
            listed = []
        elif editor_shown and not editor.form.is_bound:
            listed = editor.mark(errors, _lang())
        else:
            listed = [
                {
                    "label": field_label(n, _lang()),
                    "text": t[_lang()],
                    "anchor": editor.anchor(n) if editor_shown else "",
                }
                for n, t in errors.items()
            ]
        return {
            "service": service,
            "version": version,
            "discussion": discussion,
            "comments": [
                {"comment": c, "part": field_label(c.field_name, _lang()) if c.field_name else ""}
                for c in (selectors.discussion_comments(discussion=discussion) if discussion else [])
            ],
            "editor": editor,
            "version_form": editor.form,
            "read_only": read_only,
            "decision_form": DecisionForm(),
            "close_form": forms.get("close_form") or CloseDiscussionForm(),
            "agreement_form": forms.get("agreement_form") or AgreementForm(bodies=agreeing),
            "may_record_agreement": bool(agreeing),
            "approve_form": forms.get("approve_form") or ApproveForm(),
            "may_draft": may_draft,
            "not_the_drafter": services.NOT_THE_DRAFTER[_lang()] if not may_draft else "",
            "may_approve": selectors.may_approve_version(user=request.user, version=version),
            "content_hash": services.version_content_hash(version),
            "errors": errors,
            "error_list": listed,
            "lang": _lang(),
            "today": timezone.localdate(),
            # Law 13.3: the by-law proposals of public monitoring, an input to the draft.
            "monitoring_proposals": bylaw_proposals_for_version(version=version),
        }

    def get(self, request: HttpRequest, code: str, number: int) -> HttpResponse:
        return render(request, "registry/staff_version.html", self._context(request, code, number))

    def _confirm(
        self, request: HttpRequest, version: Any, heading: str, consequence: str, label: str
    ) -> HttpResponse:
        return confirmation_page(
            request,
            heading=heading,
            consequence=consequence,
            confirm_label=label,
            back_url=reverse("registry:staff-version", args=[version.service.code, version.number]),
        )

    def _compared(self, request: HttpRequest, version: Any) -> bool:
        """Law 13.1, 15: the person confirmed after seeing this very draft against the version in
        force (the comparison page carries the draft's fingerprint)."""
        return is_confirmed_as_shown(request, services.version_content_hash(version), field="compared")

    def _comparison_page(
        self, request: HttpRequest, version: Any, heading: str, consequence: str, label: str, notice: str
    ) -> HttpResponse:
        try:
            in_force = selectors.standard_in_force(service=version.service, on=timezone.localdate())
        except ApplicationError:
            in_force = None
        values = [(n, v) for n, v in reposted_values(request) if n != "compared"]
        current = services.version_content_hash(version)
        # Law 13.1, 15 (tester's finding 18): a confirmation of a draft that changed since it was
        # compared is not taken; the person is told so and reads the new comparison.
        stale = is_confirmed(request) and request.POST.get("compared", current) != current
        return render(
            request,
            "registry/staff_version_compare.html",
            {
                "stale": stale,
                "version": version,
                "in_force": in_force,
                "differences": version_comparison(draft=version, in_force=in_force),
                "heading": heading,
                "consequence": consequence,
                "notice": notice,
                "confirm_label": label,
                "values": [*values, ("compared", current)],
                "back_url": reverse("registry:staff-version", args=[version.service.code, version.number]),
            },
        )

    def _save(self, request: HttpRequest, code: str, number: int, version: Any) -> HttpResponse:
        """Save the draft from the editor; a bad row or a refusal keeps what was typed. Law 13.1:
        who may is asked first (staff of another body: 403 with the refusal, not the form's
        errors)."""
        try:
            services.standard_version_edit_check(actor=request.user, version=version)  # type: ignore[arg-type]
        except AccessDenied as exc:
            _error(request, exc)
            return render(
                request, "registry/staff_version.html", self._context(request, code, number), status=403
            )
        editor = StandardEditor(version, request.POST)
        try:
            if editor.is_valid():
                fields, rows = editor.payload()
                if not editor.form.errors:
                    services.standard_version_update(
                        actor=request.user,  # type: ignore[arg-type]
                        version=version,
                        fields=fields,
                        **rows,
                    )
                    messages.success(request, _("The draft is saved."))
                    return redirect("registry:staff-version", code=code, number=number)
            else:
                # STD 9: the schedules' problems are said with the inputs' own, not on the next save.
                schedules, addresses = editor.schedule_values()
                errors = services.standard_version_schedule_errors(
                    fields=schedules, complaint_address_entries=addresses, channels=editor.channels()
                )
                if errors:
                    raise ApplicationError(
                        RegistryErrorCode.SCHEDULE_INVALID, next(iter(errors.values())), fields=errors
                    )
        except ApplicationError as exc:
            _place_editor_error(editor, exc)
            if isinstance(exc, AccessDenied):  # not the developing body's: 403, not 400
                context = self._context(request, code, number, editor=editor)
                return render(request, "registry/staff_version.html", context, status=403)
        context = self._context(request, code, number, editor=editor)
        return render(request, "registry/staff_version.html", context, status=400)

    def post(self, request: HttpRequest, code: str, number: int) -> HttpResponse:
        ctx = self._context(request, code, number)
        version, discussion = ctx["version"], ctx["discussion"]
        user: Any = request.user
        action = request.POST.get("action", "")
        if action == "save":
            return self._save(request, code, number, version)
        bound: dict[str, Any] = {}
        form: Any
        try:
            if action == "open":
                # Asked only of who may act (Law 13.1); anyone else is refused by the service.
                if ctx["may_draft"] and not self._compared(request, version):
                    return self._comparison_page(
                        request,
                        version,
                        _("Post the draft for public discussion."),
                        _(
                            "The draft is published for everyone to comment on for 10 working days; "
                            "it cannot be withdrawn from the discussion."
                        ),
                        _("Post for public discussion"),
                        _("Nothing is posted until you confirm after reading the comparison (Law 15)."),
                    )
                services.discussion_open(actor=user, version=version)
                messages.success(request, _("The draft is posted for public discussion."))
            elif action == "decide" and discussion is not None:
                comment = get_object_or_404(
                    DiscussionComment, pk=posted_id(request.POST.get("comment")), discussion=discussion
                )
                form = DecisionForm(request.POST)
                if form.is_valid():
                    services.discussion_comment_decide(
                        actor=user,
                        comment=comment,
                        decision=form.cleaned_data["decision"],
                        reason=form.cleaned_data["reason"],
                    )
                    messages.success(request, _("The decision is recorded."))
            elif action == "close" and discussion is not None:
                form = CloseDiscussionForm(request.POST)
                bound["close_form"] = form
                if form.is_valid():
                    if ctx["may_draft"] and not is_confirmed(request):
                        return self._confirm(
                            request,
                            version,
                            _("Close the public discussion and publish the closing report."),
                            _("The discussion closes for good: no comment is taken after it."),
                            _("Publish"),
                        )
                    services.discussion_close(actor=user, discussion=discussion, **form.cleaned_data)
                    messages.success(request, _("The closing report is published."))
            elif action == "agreement":
                if not ctx["may_record_agreement"]:
                    raise AccessDenied()  # staff of no interested body (Law 15)
                form = AgreementForm(
                    request.POST,
                    bodies=selectors.agreement_body_choices(user=user, version=version, language=_lang()),
                )
                bound["agreement_form"] = form
                if form.is_valid():
                    body = organisation_find_by_code(code=form.cleaned_data["organisation"])
                    if body is None:
                        form.add_error("organisation", _("No organisation with this code."))
                    else:
                        services.draft_agreement_record(
                            actor=user,
                            version=version,
                            organisation=body,
                            agreed=form.cleaned_data["agreed"],
                            remarks=form.cleaned_data["remarks"],
                        )
                        messages.success(request, _("The agreement is recorded."))
            elif action == "agreed":
                services.standard_version_mark_agreed(actor=user, version=version)
                messages.success(request, _("The draft is agreed."))
            elif action == "revise":
                services.standard_version_return_for_revision(actor=user, version=version)
                messages.success(
                    request, _("The draft is back for revision: change it, then have it agreed again.")
                )
            elif action == "approve":
                form = ApproveForm(request.POST)
                bound["approve_form"] = form
                if form.is_valid():
                    # Law 13.1: asked only of the approving head, of a version that may be
                    # approved from that day (what would be refused is said first, on the form).
                    if ctx["may_approve"] and not self._compared(request, version):
                        services.standard_version_approval_check(
                            version=version, effective_from=form.cleaned_data["effective_from"]
                        )
                        return self._comparison_page(
                            request,
                            version,
                            _("Approve version %(number)s of the standard.") % {"number": version.number},
                            _(
                                "The approved standard comes into force on %(date)s and cannot be "
                                "edited afterwards: a change needs a new version."
                            )
                            % {"date": f"{form.cleaned_data['effective_from']:%d.%m.%Y}"},
                            _("Approve"),
                            _(
                                "Nothing is approved until you confirm after reading the comparison (Law 13.1)."
                            ),
                        )
                    services.standard_version_approve(actor=user, version=version, **form.cleaned_data)
                    messages.success(request, _("The version is approved."))
        except ApplicationError as exc:
            posted = next(iter(bound.values()), None)
            if posted is None:
                _error(request, exc, shown=ctx["errors"])  # an action without a form of its own
            else:
                # STD 9: a bad schedule row is shown on its schedule, what was typed is kept.
                _place_error(posted, exc, shown=ctx["errors"])
            return render(
                request,
                "registry/staff_version.html",
                self._context(request, code, number, **bound),
                status=403 if isinstance(exc, AccessDenied) else 400,
            )
        if any(not f.is_valid() for f in bound.values()):
            return render(
                request,
                "registry/staff_version.html",
                self._context(request, code, number, **bound),
                status=400,
            )
        return redirect("registry:staff-version", code=code, number=number)


class StaffTaskListView(StaffMixin, View):
    """Law 23.2: contact-centre update tasks with their due dates."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "registry/staff_tasks.html",
            {
                "tasks": selectors.contact_centre_update_tasks(),
                "today": timezone.localdate(),
                "lang": _lang(),
            },
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        task = get_object_or_404(ContactCentreUpdateTask, pk=posted_id(request.POST.get("task")))
        try:
            services.contact_centre_update_task_complete(actor=request.user, task=task)  # type: ignore[arg-type]
        except ApplicationError as exc:
            _error(request, exc)
        else:
            messages.success(request, _("Marked as sent to the contact centre."))
        return redirect("registry:staff-tasks")


def _service_or_404(code: str) -> Service:
    try:
        return selectors.service_get(code=code)
    except ApplicationError as exc:
        raise Http404(exc.message_for()) from exc


class StaffServiceProvidersView(StaffMixin, View):
    """Law 1.4, 8: the registry administrator records which organisations deliver a service."""

    def _render(self, request: HttpRequest, code: str, chosen: set[str], status: int = 200) -> HttpResponse:
        service = _service_or_404(code)
        return render(
            request,
            "registry/staff_service_providers.html",
            {
                "service": service,
                "candidates": selectors.provider_candidate_list(service=service),
                "chosen": chosen,
                "is_admin": selectors.is_registry_admin(user=request.user),
                "lang": _lang(),
            },
            status=status,
        )

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        service = _service_or_404(code)
        chosen = {str(org.pk) for org in selectors.service_provider_list(service=service)}
        return self._render(request, code, chosen)

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        service = _service_or_404(code)
        picked = set(request.POST.getlist("providers"))
        organisations = [
            org for org in selectors.provider_candidate_list(service=service) if str(org.pk) in picked
        ]
        try:
            services.service_providers_set(
                actor=request.user,  # type: ignore[arg-type]
                service=service,
                organisations=organisations,
            )
        except ApplicationError as exc:
            messages.error(request, exc.message_for((get_language() or "kk")[:2]))
            return self._render(request, code, picked, status=403 if isinstance(exc, AccessDenied) else 400)
        messages.success(request, _("The providers of the service are saved."))
        return redirect("registry:staff-service-providers", code=code)
