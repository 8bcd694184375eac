"""Pages of the `monitoring` app (mounted at the site root in config/urls.py): the monitor's
and the bodies' pages under /monitoring/, the public ones under /public/."""

from django.urls import URLPattern, URLResolver, path

from qyzmet.monitoring import views

app_name = "monitoring"
urlpatterns: list[URLPattern | URLResolver] = [
    path("monitoring/", views.MonitoringMineView.as_view(), name="mine"),
    path("monitoring/new/", views.MonitoringRegisterView.as_view(), name="register"),
    path("monitoring/social-orders/", views.SocialOrderListView.as_view(), name="social-orders"),
    path("monitoring/staff/", views.StaffRequestListView.as_view(), name="staff-requests"),
    path("monitoring/staff/requests/<str:number>/", views.StaffRequestView.as_view(), name="staff-request"),
    path(
        "monitoring/staff/conclusions/<str:number>/", views.StaffMeasureView.as_view(), name="staff-measures"
    ),
    path("monitoring/<str:number>/", views.MonitoringDetailView.as_view(), name="detail"),
    path("monitoring/<str:number>/requests/", views.RequestSendView.as_view(), name="request-send"),
    path("monitoring/<str:number>/conclusion/", views.ConclusionSaveView.as_view(), name="conclusion-save"),
    path("public/quality/", views.PublicQualityView.as_view(), name="public-quality"),
    path("public/quality/data.<str:fmt>", views.PublicQualityDataView.as_view(), name="public-quality-data"),
    path("public/monitoring/", views.PublicConclusionListView.as_view(), name="public-conclusions"),
    path("public/monitoring/<str:number>/", views.PublicConclusionView.as_view(), name="public-conclusion"),
    path(
        "public/monitoring/<str:number>/<str:language>.pdf",
        views.PublicConclusionPdfView.as_view(),
        name="public-conclusion-pdf",
    ),
]
