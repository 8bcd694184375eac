"""Pages of the `delivery` app (mounted under /delivery/ in config/urls.py)."""

from django.urls import URLPattern, URLResolver, path

from qyzmet.delivery import views, views_apply, views_composite

app_name = "delivery"
urlpatterns: list[URLPattern | URLResolver] = [
    path("status/", views.StatusView.as_view(), name="status"),
    path("verify/<str:kind>/<str:number>/", views.VerifyView.as_view(), name="verify"),
    # ADR 0025: the portal application as question pages over one draft (views_apply).
    path("apply/<str:code>/", views_apply.ApplyStartView.as_view(), name="apply"),
    path("apply/<str:code>/<uuid:key>/check/", views_apply.ApplyCheckView.as_view(), name="apply-check"),
    path(
        "apply/<str:code>/<uuid:key>/paid/", views_apply.ApplyStepsPaidView.as_view(), name="apply-steps-paid"
    ),
    path("apply/<str:code>/<uuid:key>/<slug:step>/", views_apply.ApplyStepView.as_view(), name="apply-step"),
    path("a/<str:number>/submitted/", views_apply.ApplyConfirmationView.as_view(), name="apply-confirmation"),
    # The one-page form (ADR 0020), kept for the server tests that post a whole application.
    path("apply/<str:code>/one-page/", views.ApplyView.as_view(), name="apply-one-page"),
    path("apply/<str:code>/paid/", views.ApplyPaidView.as_view(), name="apply-paid"),
    # "One application" (Law 1.1-2, 4.1.4-1): views_composite.
    path("composite/", views_composite.CompositeListView.as_view(), name="composite-list"),
    path("composite/<slug:code>/", views_composite.CompositeServiceView.as_view(), name="composite-service"),
    path(
        "apply-composite/<slug:code>/", views_composite.CompositeApplyView.as_view(), name="apply-composite"
    ),
    path("composite/a/<str:number>/", views_composite.CompositeDetailView.as_view(), name="composite-detail"),
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
