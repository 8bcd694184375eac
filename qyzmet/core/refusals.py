"""A refusal shown on a page: a service's :class:`ApplicationError` on the fields of the bound
form it came from, and :class:`AccessDenied` as HTTP 403, both in the user's language."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import get_language
from django.views import View

from qyzmet.core.errors import AccessDenied, ApplicationError


def refusal_on_form(form: Any, exc: ApplicationError) -> None:
    """Each field message on its field (on the form where no such field), else the message on the
    form; what was typed stays (the form is shown again bound)."""
    lang = get_language()
    for name, text in exc.field_messages_for(lang).items():
        form.add_error(name if name in form.fields else None, text)
    if not exc.fields:
        form.add_error(None, exc.message_for(lang))


class AccessDeniedAs403(View):
    """:class:`AccessDenied` from a selector or service becomes HTTP 403 in the user's language."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return super().dispatch(request, *args, **kwargs)
        except AccessDenied as exc:
            raise PermissionDenied(exc.message_for(get_language())) from exc
