"""Admin of API clients: create a client (its first token is shown once), issue and revoke
tokens. Every change goes through the audited services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from qyzmet.apiclients import services
from qyzmet.apiclients.models import ApiClient, ApiToken, EventDelivery, EventSubscription
from qyzmet.apiclients.scopes import SCOPES
from qyzmet.core.admin import ReadOnlyAdmin
from qyzmet.core.errors import ApplicationError
from qyzmet.notify.enums import OutboxStatus
from qyzmet.notify.events import EventKind


class ApiClientForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("scopes"),
        choices=[(s.name, f"{s.name}: {s.description}") for s in SCOPES.values()],
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ApiClient
        fields = ["name", "organisation", "scopes", "services", "spheres", "is_active"]


class ApiTokenInline(admin.TabularInline):
    model = ApiToken
    fields = ["prefix", "created_at", "expires_at", "revoked_at", "last_used_at"]
    readonly_fields = ["prefix", "created_at", "expires_at", "revoked_at", "last_used_at"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    form = ApiClientForm
    list_display = ["name", "organisation", "is_active", "created_at"]
    search_fields = ["name", "organisation__code"]
    inlines = [ApiTokenInline]
    actions = ["issue_token", "revoke_tokens"]

    def save_model(self, request: HttpRequest, obj: ApiClient, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        try:
            client, token = services.apiclient_create(
                actor=request.user,  # type: ignore[arg-type]
                name=form.cleaned_data["name"],
                organisation=form.cleaned_data["organisation"],
                scopes=form.cleaned_data["scopes"],
            )
        except ApplicationError as exc:
            messages.error(request, exc.message_for())
            raise
        obj.pk, obj.user_id = client.pk, client.user_id
        obj._state.adding = False
        messages.warning(request, _("The client's token, shown only now: %(token)s") % {"token": token})

    @admin.action(description=_("Issue a new token (shown once)"))
    def issue_token(self, request: HttpRequest, queryset: QuerySet[ApiClient]) -> None:
        for client in queryset:
            token = services.apitoken_issue(actor=request.user, client=client)  # type: ignore[arg-type]
            messages.warning(request, f"{client.name}: {token}")

    @admin.action(description=_("Revoke every token"))
    def revoke_tokens(self, request: HttpRequest, queryset: QuerySet[ApiClient]) -> None:
        for token in ApiToken.objects.filter(client__in=queryset, revoked_at__isnull=True):
            services.apitoken_revoke(actor=request.user, token=token)  # type: ignore[arg-type]


# --- events (issue 19.4, ADR 0061) -------------------------------------------------------------


class EventSubscriptionForm(forms.ModelForm):
    kinds = forms.MultipleChoiceField(
        label=_("event kinds"),
        choices=EventKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: every kind the client's scopes read."),
    )

    url = forms.URLField(label=_("address"), max_length=254, assume_scheme="https")

    class Meta:
        model = EventSubscription
        fields = ["client", "url", "kinds", "services", "organisations"]

    def clean(self) -> dict[str, Any]:
        """The service's checks, each error on its field (what was typed stays in the form)."""
        data = super().clean() or {}
        if self.instance.pk is not None or data.get("client") is None or self.errors:
            return data
        try:
            services.event_subscription_check(
                client=data["client"],
                url=data.get("url", ""),
                kinds=data.get("kinds") or [],
                service_codes=[s.code for s in data.get("services") or []],
                organisation_codes=[o.code for o in data.get("organisations") or []],
            )
        except ApplicationError as exc:
            fields = exc.field_messages_for()
            for name, text in fields.items():
                self.add_error(name if name in self.fields else None, text)
            if not fields:
                self.add_error("client", exc.message_for())
        return data


@admin.register(EventSubscription)
class EventSubscriptionAdmin(admin.ModelAdmin):
    """Subscriptions are created through the service (the secret is shown once, then sealed);
    afterwards they are read-only here: deactivate or rotate the secret with the actions."""

    form = EventSubscriptionForm
    list_display = ["client", "url", "is_active", "created_at", "deactivated_at"]
    list_filter = ["is_active"]
    search_fields = ["client__name", "url"]
    list_select_related = ["client"]
    actions = ["deactivate", "rotate_secret"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is None:
            return []
        return ["client", "url", "kinds", "services", "organisations", "is_active", "deactivated_at"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: EventSubscription, form: Any, change: bool) -> None:
        if change:
            return
        try:
            subscription, secret = services.event_subscription_create(
                actor=request.user,  # type: ignore[arg-type]
                client=form.cleaned_data["client"],
                url=form.cleaned_data["url"],
                kinds=form.cleaned_data["kinds"],
                service_codes=[s.code for s in form.cleaned_data["services"]],
                organisation_codes=[o.code for o in form.cleaned_data["organisations"]],
            )
        except ApplicationError as exc:
            messages.error(request, exc.message_for())
            for field, text in exc.field_messages_for().items():
                messages.error(request, f"{field}: {text}")
            raise
        obj.pk = subscription.pk
        obj._state.adding = False
        messages.warning(
            request, _("The subscription's secret, shown only now: %(secret)s") % {"secret": secret}
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The service set the services and organisations of a new subscription.
        if change:
            super().save_related(request, form, formsets, change)

    @admin.action(description=_("Deactivate (nothing more is sent)"))
    def deactivate(self, request: HttpRequest, queryset: QuerySet[EventSubscription]) -> None:
        for subscription in queryset:
            services.event_subscription_deactivate(actor=request.user, subscription=subscription)  # type: ignore[arg-type]

    @admin.action(description=_("Rotate the secret (shown once)"))
    def rotate_secret(self, request: HttpRequest, queryset: QuerySet[EventSubscription]) -> None:
        for subscription in queryset:
            try:
                secret = services.event_subscription_secret_rotate(
                    actor=request.user,  # type: ignore[arg-type]
                    subscription=subscription,
                )
            except ApplicationError as exc:
                messages.error(request, f"{subscription}: {exc.message_for()}")
            else:
                messages.warning(request, f"{subscription}: {secret}")


class DeliveryStatusFilter(admin.SimpleListFilter):
    title = _("delivery")
    parameter_name = "delivery"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [
            ("failed", _("Failed (needs a resend)")),
            ("retrying", _("Waiting for a retry")),
            ("sent", _("Delivered")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[EventDelivery]) -> QuerySet[EventDelivery]:
        if self.value() == "failed":
            return queryset.filter(message__status=OutboxStatus.FAILED)
        if self.value() == "retrying":
            return queryset.filter(message__status=OutboxStatus.PENDING, message__attempts__gt=0)
        if self.value() == "sent":
            return queryset.filter(message__status=OutboxStatus.SENT)
        return queryset


@admin.register(EventDelivery)
class EventDeliveryAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Every event sent to a subscriber, its state and each attempt (when, code, error); a failed
    one is sent again with "Resend"."""

    list_display = [
        "occurred_at",
        "kind",
        "number",
        "subscription",
        "status",
        "attempt_count",
        "last_response_code",
        "last_error",
    ]
    list_filter = [DeliveryStatusFilter, "kind"]
    search_fields = ["number", "event_id", "subscription__url", "subscription__client__name"]
    list_select_related = ["message", "subscription__client"]
    fields = ["event_id", "kind", "number", "occurred_at", "subscription", "status", "attempts_table"]
    readonly_fields = [
        "event_id",
        "kind",
        "number",
        "occurred_at",
        "subscription",
        "status",
        "attempts_table",
    ]
    actions = ["resend"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[EventDelivery]:
        return super().get_queryset(request).prefetch_related("message__delivery_attempts")

    @admin.display(description=_("status"))
    def status(self, obj: EventDelivery) -> str:
        return str(obj.message.get_status_display())

    @admin.display(description=_("attempts"))
    def attempt_count(self, obj: EventDelivery) -> int:
        return len(obj.message.delivery_attempts.all())

    def _last(self, obj: EventDelivery) -> Any:
        attempts = list(obj.message.delivery_attempts.all())
        return attempts[-1] if attempts else None

    @admin.display(description=_("response code"))
    def last_response_code(self, obj: EventDelivery) -> Any:
        last = self._last(obj)
        return last.response_code if last is not None and last.response_code is not None else "—"

    @admin.display(description=_("last error"))
    def last_error(self, obj: EventDelivery) -> str:
        last = self._last(obj)
        return last.error[:120] if last is not None and last.error else "—"

    @admin.display(description=_("attempts"))
    def attempts_table(self, obj: EventDelivery) -> str:
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    a.number,
                    date_format(timezone.localtime(a.attempted_at), "DATETIME_FORMAT"),
                    _("delivered") if a.succeeded else _("failed"),
                    a.response_code if a.response_code is not None else "—",
                    a.error or "—",
                )
                for a in obj.message.delivery_attempts.all()
            ),
        )
        head = format_html(
            "<tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            _("time"),
            _("status"),
            _("response code"),
            _("error"),
        )
        return format_html("<table>{}{}</table>", head, rows)

    @admin.action(description=_("Resend"), permissions=["view"])
    def resend(self, request: HttpRequest, queryset: QuerySet[EventDelivery]) -> None:
        done = 0
        for delivery in queryset.select_related("subscription", "message"):
            try:
                services.event_delivery_resend(actor=request.user, delivery=delivery)  # type: ignore[arg-type]
            except ApplicationError as exc:
                messages.warning(request, f"{delivery}: {exc.message_for()}")
            else:
                done += 1
        if done:
            messages.success(
                request,
                ngettext("%(n)d event will be sent again.", "%(n)d events will be sent again.", done)
                % {"n": done},
            )
