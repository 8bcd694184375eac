from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from qyzmet.api.v1 import api
from qyzmet.web.views import admin_login

urlpatterns: list[URLPattern | URLResolver] = [
    # Before the admin's own urls: its sign-in is throttled like ours (ADR 0011).
    path("admin/login/", admin_login, name="admin-login"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("open311/v2/", include("qyzmet.api.open311.urls")),
    path("registry/", include("qyzmet.registry.urls")),
    path("delivery/", include("qyzmet.delivery.urls")),
    path("payments/", include("qyzmet.payments.urls")),
    path("complaints/", include("qyzmet.complaints.urls")),
    path("quality/", include("qyzmet.quality.urls")),
    path("reception/", include("qyzmet.reception.urls")),
    path("contactcentre/", include("qyzmet.contactcentre.urls")),
    path("psc-selection/", include("qyzmet.pscselection.urls")),
    path("", include("qyzmet.monitoring.urls")),
    path("oversight/", include("qyzmet.oversight.urls")),
    path("", include("qyzmet.ops.urls")),
    path("", include("qyzmet.web.urls")),
]
# ADR 0070: an exception that left the database unreachable is a 503 page with Retry-After.
handler500 = "qyzmet.ops.views.server_error"
# Uploads are never served from MEDIA_URL, in any configuration: only through views that check
# access first (qyzmet.core.files.private_file_response).
