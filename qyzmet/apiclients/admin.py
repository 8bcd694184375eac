"""Admin of API clients: create a client (its first token is shown once), issue and revoke
tokens. Every change goes through the audited services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from qyzmet.apiclients import services
from qyzmet.apiclients.models import ApiClient, ApiToken
from qyzmet.apiclients.scopes import SCOPES
from qyzmet.core.errors import ApplicationError


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
