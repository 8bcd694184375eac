"""Pages of the `delivery` app (mounted under /delivery/ in config/urls.py)."""

from django.urls import URLPattern, URLResolver, path

from qyzmet.delivery import views

app_name = "delivery"
urlpatterns: list[URLPattern | URLResolver] = [
    path("status/", views.StatusView.as_view(), name="status"),
    path("verify/<str:kind>/<str:number>/", views.VerifyView.as_view(), name="verify"),
    path("apply/<str:code>/", views.ApplyView.as_view(), name="apply"),
    path("mine/", views.MineView.as_view(), name="mine"),
    path("notifications/", views.NotificationsView.as_view(), name="notifications"),
    path("work/", views.WorklistView.as_view(), name="worklist"),
    path("desk/", views.DeskView.as_view(), name="desk"),
    path(
        "desk/refusals/<str:number>/receipt.pdf",
        views.AcceptanceRefusalReceiptView.as_view(),
        name="acceptance-refusal-receipt",
    ),
    path("proactive/", views.ProactiveStaffView.as_view(), name="proactive-staff"),
    path("a/<str:number>/", views.DetailView.as_view(), name="detail"),
    path("a/<str:number>/receipt.pdf", views.ReceiptView.as_view(), name="receipt"),
    path("a/<str:number>/result.pdf", views.ResultView.as_view(), name="result"),
    path("a/<str:number>/refusal.pdf", views.RefusalView.as_view(), name="refusal"),
    path("a/<str:number>/documents/<int:pk>/file", views.DocumentFileView.as_view(), name="document-file"),
]
