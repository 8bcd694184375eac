"""Pages of the `registry` app (mounted under /registry/ in config/urls.py)."""

from django.urls import URLPattern, URLResolver, path

from qyzmet.registry import views

app_name = "registry"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.CatalogueView.as_view(), name="catalogue"),
    path("services/<str:code>/", views.ServiceDetailView.as_view(), name="service-detail"),
    path("discussions/", views.DiscussionListView.as_view(), name="discussion-list"),
    path("discussions/<int:pk>/", views.DiscussionDetailView.as_view(), name="discussion-detail"),
    path("discussions/<int:pk>/report/", views.DiscussionReportView.as_view(), name="discussion-report"),
    path(
        "discussions/<int:pk>/report.pdf",
        views.DiscussionReportView.as_view(),
        {"fmt": "pdf"},
        name="discussion-report-pdf",
    ),
    path("staff/", views.StaffServiceListView.as_view(), name="staff-services"),
    path("staff/services/new/", views.StaffServiceCreateView.as_view(), name="staff-service-create"),
    path(
        "staff/services/<str:code>/draft/", views.StaffVersionDraftView.as_view(), name="staff-version-draft"
    ),
    path(
        "staff/services/<str:code>/versions/<int:number>/",
        views.StaffVersionView.as_view(),
        name="staff-version",
    ),
    path(
        "staff/services/<str:code>/providers/",
        views.StaffServiceProvidersView.as_view(),
        name="staff-service-providers",
    ),
    path("staff/tasks/", views.StaffTaskListView.as_view(), name="staff-tasks"),
]
