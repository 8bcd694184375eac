"""Admin: organisations in tree order and staff positions; every write goes through the services
(Law 1.4, 11 hierarchy and the role/kind rules are checked there)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from qyzmet.core.errors import ApplicationError
from qyzmet.orgs.models import Organisation, RecipientCompany, StaffPosition
from qyzmet.orgs.services import (
    UPDATABLE_FIELDS,
    organisation_check_parent,
    organisation_check_working_schedule,
    organisation_create,
    organisation_update,
    staff_position_check,
    staff_position_create,
    staff_position_deactivate,
)
from qyzmet.workcalendar.forms import WEEKDAY_LABELS, pop_schedule, schedule_fields, schedule_initial

_ORG_FIELDS = list(UPDATABLE_FIELDS)
_MODEL_FIELDS = [f for f in _ORG_FIELDS if f != "working_schedule"]
_WS = "ws"


class _OrganisationFormBase(forms.ModelForm):
    """The organisation's fields; a branch's working schedule (Law 20.1, ADR 0018) as weekday
    rows, composed into the JSON the service validates."""

    class Meta:
        model = Organisation
        fields = ["code", "kind", "parent", *_MODEL_FIELDS]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial.update(schedule_initial(_WS, self.instance.working_schedule))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, parent = data.get("kind"), data.get("parent")
        data["working_schedule"] = pop_schedule(_WS, data)
        if kind:
            try:
                organisation_check_parent(kind=kind, parent=parent)
                organisation_check_working_schedule(kind=kind, value=data["working_schedule"])
            except ApplicationError as exc:
                raise _as_validation_error(exc) from exc
        return data


def _as_validation_error(exc: ApplicationError) -> ValidationError:
    lang = get_language()
    fields = exc.field_messages_for(lang)
    if fields:
        # The schedule has no single form field: its message goes above the form.
        return ValidationError(
            {(NON_FIELD_ERRORS if k == "working_schedule" else k): v for k, v in fields.items()}
        )
    return ValidationError(exc.message_for(lang))


OrganisationForm = type(
    "OrganisationForm", (_OrganisationFormBase,), dict(schedule_fields(_WS, around_the_clock=False))
)

_SCHEDULE_FIELDSETS = [
    (
        format_lazy("{}: {}", _("Working schedule"), label),
        {
            "fields": [
                (
                    f"{_WS}_{w}_open",
                    f"{_WS}_{w}_opens",
                    f"{_WS}_{w}_closes",
                    f"{_WS}_{w}_break_start",
                    f"{_WS}_{w}_break_end",
                    f"{_WS}_{w}_break2_start",
                    f"{_WS}_{w}_break2_end",
                    f"{_WS}_{w}_break3_start",
                    f"{_WS}_{w}_break3_end",
                )
            ],
            "classes": ["collapse"] if w else [],
            "description": _(
                "State Corporation branches only (Law 20.1): an application accepted here is registered by "
                "these hours. Tick no day to use the schedule of the service's standard."
            )
            if w == 0
            else "",
        },
    )
    for w, label in enumerate(WEEKDAY_LABELS)
]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    form = OrganisationForm
    list_display = ["tree_name", "code", "kind", "bin", "is_active"]
    list_filter = [
        "kind",
        "is_active",
        "is_quality_authority",
        "is_public_services_authority",
        "is_informatization_authority",
        "is_quasi_state_sector",
    ]
    search_fields = ["code", "name_kk", "name_ru", "short_name_kk", "short_name_ru", "bin"]
    ordering = ["path"]
    readonly_fields = ["path", "depth"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    list_per_page = 100

    def get_fieldsets(self, request: HttpRequest, obj: Organisation | None = None) -> Any:
        main = ["code", "kind", "parent", *_MODEL_FIELDS, "path", "depth"]
        return [(None, {"fields": main}), *_SCHEDULE_FIELDSETS]

    @admin.display(description=_("name"), ordering="path")
    def tree_name(self, obj: Organisation) -> str:
        return format_html("{}{}", "\u2003" * obj.depth + ("└ " if obj.depth else ""), obj.name())

    def get_readonly_fields(self, request: HttpRequest, obj: Organisation | None = None) -> list[str]:
        # The code is a natural key used in paths and by other apps: fixed once created.
        return ["code", "path", "depth"] if obj is not None else ["path", "depth"]

    def has_delete_permission(self, request: HttpRequest, obj: Organisation | None = None) -> bool:
        return False  # deactivate instead: cases and positions refer to the organisation

    def save_model(self, request: HttpRequest, obj: Organisation, form: Any, change: bool) -> None:
        data = form.cleaned_data
        fields = {name: data[name] for name in _ORG_FIELDS if name in data}
        actor: Any = request.user
        if change:
            fresh = Organisation.objects.get(pk=obj.pk)
            saved = organisation_update(
                organisation=fresh, kind=data["kind"], parent=data.get("parent"), actor=actor, **fields
            )
        else:
            saved = organisation_create(
                code=data["code"], kind=data["kind"], parent=data.get("parent"), actor=actor, **fields
            )
        obj.pk = saved.pk
        obj.path, obj.depth = saved.path, saved.depth


class StaffPositionForm(forms.ModelForm):
    class Meta:
        model = StaffPosition
        fields = ["user", "organisation", "role"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        organisation, role = data.get("organisation"), data.get("role")
        if organisation is not None and role:
            try:
                staff_position_check(organisation=organisation, role=role)
            except ApplicationError as exc:
                raise _as_validation_error(exc) from exc
        return data

    def validate_unique(self) -> None:
        """An identical inactive position is reactivated by the service, not refused."""


@admin.action(description=_("Deactivate the selected positions"))
def deactivate_positions(modeladmin: Any, request: HttpRequest, queryset: QuerySet[StaffPosition]) -> None:
    for position in queryset:
        staff_position_deactivate(position=position, actor=request.user)  # type: ignore[arg-type]
    modeladmin.message_user(request, _("Positions deactivated."), messages.SUCCESS)


@admin.register(StaffPosition)
class StaffPositionAdmin(admin.ModelAdmin):
    form = StaffPositionForm
    list_display = ["user", "role", "organisation", "is_active"]
    list_filter = ["role", "is_active", "organisation__kind"]
    search_fields = ["user__username", "user__last_name", "organisation__code", "organisation__name_ru"]
    list_select_related = ["user", "organisation"]
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["user"]
    actions = [deactivate_positions]

    def has_change_permission(self, request: HttpRequest, obj: StaffPosition | None = None) -> bool:
        return obj is None and super().has_change_permission(request)  # a position is created or ended

    def has_delete_permission(self, request: HttpRequest, obj: StaffPosition | None = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: StaffPosition, form: Any, change: bool) -> None:
        data = form.cleaned_data
        saved = staff_position_create(
            user=data["user"],
            organisation=data["organisation"],
            role=data["role"],
            actor=request.user,  # type: ignore[arg-type]
        )
        obj.pk = saved.pk


@admin.register(RecipientCompany)
class RecipientCompanyAdmin(admin.ModelAdmin):
    list_display = ["name_ru", "bin", "director"]
    search_fields = ["bin", "name_kk", "name_ru"]
    list_select_related = ["director"]
    readonly_fields = ["bin", "name_kk", "name_ru", "director"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
