"""Read-mostly admin of the reception app (writes go through the pages and services)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from qyzmet.reception.models import (
    Appeal,
    Desk,
    Hall,
    PaperRegistry,
    ReceptionSchedule,
    StaffingAlert,
    Ticket,
    Zone,
)
from qyzmet.reception.services import hall_board_configure


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Zone, Desk, StaffingAlert)
class SetupAdmin(ReadOnlyAdmin):
    pass


@admin.register(Hall)
class HallAdmin(ReadOnlyAdmin):
    """A hall's board setting (CRC 14, ADR 0030): "board plays sound without a click" for a board
    computer run as a kiosk. Start its Chromium as

        chromium --kiosk --autoplay-policy=no-user-gesture-required https://…/reception/board/<hall>/

    Every call is then announced with no one touching the screen. Unticked, a browser that blocks
    sound shows a discreet one-time "enable sound" overlay on the board."""

    list_display = ["code", "name_ru", "board_autoplay"]
    fields = ["code", "centre", "name_kk", "name_ru", "board_autoplay"]
    readonly_fields = ["code", "centre", "name_kk", "name_ru"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return True

    def save_model(self, request: Any, obj: Hall, form: Any, change: bool) -> None:
        hall_board_configure(actor=request.user, hall=obj, autoplay=obj.board_autoplay)


@admin.register(Ticket)
class TicketAdmin(ReadOnlyAdmin):
    """CRC 3: the system administrator sees the queue's numbers, not who the visitors are."""

    list_display = ["code", "day", "zone", "status", "language", "desk"]
    list_filter = ["status", "day"]
    fields = [
        "code",
        "zone",
        "day",
        "number",
        "status",
        "language",
        "issued_at",
        "called_at",
        "finished_at",
        "desk",
    ]


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    """CRC 3: the system administrator sees an appeal's number, kind, body and status, never
    the visitor's name, IIN, address or the appeal's text (the centre's staff and the body do,
    on their pages)."""

    list_display = ["number", "kind", "form", "competent_body", "status", "registered_at"]
    list_filter = ["kind", "status", "form"]
    search_fields = ["number"]
    fields = [
        "number",
        "centre",
        "competent_body",
        "kind",
        "form",
        "status",
        "language",
        "answer_method",
        "paper_only",
        "paper_registry",
        "registered_at",
    ]


@admin.register(PaperRegistry)
class PaperRegistryAdmin(ReadOnlyAdmin):
    list_display = ["number", "competent_body", "formed_at", "received_on"]


@admin.register(ReceptionSchedule)
class ReceptionScheduleAdmin(ReadOnlyAdmin):
    list_display = ["day", "starts_at", "organisation", "official_name_ru", "status"]
