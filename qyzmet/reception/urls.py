"""Pages of the `reception` app (mounted under /reception/ in config/urls.py)."""

from django.urls import URLPattern, URLResolver, path

from qyzmet.reception import views

app_name = "reception"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.ReceptionHomeView.as_view(), name="home"),
    path("board/<slug:hall>/", views.BoardView.as_view(), name="board"),
    path("board/<slug:hall>/state.json", views.BoardStateView.as_view(), name="board-state"),
    path(
        "board/<slug:hall>/announce/<int:ticket>/<slug:lang>.wav",
        views.BoardAnnouncementView.as_view(),
        name="board-announce",
    ),
    path("ticket/<uuid:key>/", views.TicketPageView.as_view(), name="ticket-page"),
    path("personal-reception/", views.PersonalReceptionScheduleView.as_view(), name="personal-reception"),
    path(
        "personal-reception/<int:pk>/",
        views.PersonalReceptionDetailView.as_view(),
        name="personal-reception-detail",
    ),
    path("reports/", views.ReportView.as_view(), name="report"),
    path("halls/<slug:hall>/issue/", views.TicketIssueView.as_view(), name="ticket-issue"),
    path("halls/<slug:hall>/staffing/", views.StaffingView.as_view(), name="staffing"),
    path("halls/<slug:hall>/figures/", views.ZoneFiguresView.as_view(), name="figures"),
    path("tickets/<int:pk>/pdf/", views.TicketPdfView.as_view(), name="ticket-pdf"),
    path("desks/<int:pk>/", views.OperatorDeskView.as_view(), name="operator-desk"),
    path("appeals/", views.AppealListView.as_view(), name="appeal-list"),
    path("appeals/new/", views.AppealRegisterView.as_view(), name="appeal-register"),
    path("appeals/<str:number>/", views.AppealDetailView.as_view(), name="appeal-detail"),
    path("appeals/<str:number>/receipt.pdf", views.AppealReceiptPdfView.as_view(), name="appeal-receipt"),
    path("registries/", views.PaperRegistryListView.as_view(), name="registry-list"),
    path("registries/<int:pk>/pdf/", views.PaperRegistryPdfView.as_view(), name="registry-pdf"),
]
