"""Pages of the `reception` app (mounted under /reception/ in config/urls.py)."""

from django.urls import URLPattern, URLResolver, path

from qyzmet.reception import personal_views, views, views_appeal

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
    # CRC 20-23: personal reception (personal_views.py)
    path(
        "personal-reception/",
        personal_views.PersonalReceptionScheduleView.as_view(),
        name="personal-reception",
    ),
    path(
        "personal-reception/workflow/",
        personal_views.ScheduleWorkflowView.as_view(),
        name="personal-reception-workflow",
    ),
    path(
        "personal-reception/given/",
        personal_views.SchedulesGivenView.as_view(),
        name="personal-reception-given",
    ),
    path("personal-reception/escort/", personal_views.EscortView.as_view(), name="personal-reception-escort"),
    path(
        "personal-reception/escort/state.json",
        personal_views.EscortStateView.as_view(),
        name="personal-reception-escort-state",
    ),
    path("personal-reception/follow-ups/", personal_views.FollowUpListView.as_view(), name="follow-ups"),
    path(
        "personal-reception/<int:pk>/",
        personal_views.PersonalReceptionDetailView.as_view(),
        name="personal-reception-detail",
    ),
    path(
        "personal-reception/<int:pk>/edit/",
        personal_views.ScheduleEditView.as_view(),
        name="personal-reception-edit",
    ),
    path("reports/", views.ReportView.as_view(), name="report"),
    path("halls/<slug:hall>/issue/", views.TicketIssueView.as_view(), name="ticket-issue"),
    path("halls/<slug:hall>/staffing/", views.StaffingView.as_view(), name="staffing"),
    path("halls/<slug:hall>/figures/", views.ZoneFiguresView.as_view(), name="figures"),
    path("tickets/<int:pk>/pdf/", views.TicketPdfView.as_view(), name="ticket-pdf"),
    path("desks/<int:pk>/", views.OperatorDeskView.as_view(), name="operator-desk"),
    path("appeals/", views.AppealListView.as_view(), name="appeal-list"),
    path("appeals/new/", views_appeal.AppealStartView.as_view(), name="appeal-register"),
    path("appeals/new/<str:key>/check/", views_appeal.AppealCheckView.as_view(), name="appeal-check"),
    path(
        "appeals/new/<str:key>/registered/",
        views_appeal.AppealRegisteredView.as_view(),
        name="appeal-registered",
    ),
    path("appeals/new/<str:key>/<slug:step>/", views_appeal.AppealStepView.as_view(), name="appeal-step"),
    path("appeals/<str:number>/", views.AppealDetailView.as_view(), name="appeal-detail"),
    path("appeals/<str:number>/receipt.pdf", views.AppealReceiptPdfView.as_view(), name="appeal-receipt"),
    path("appeals/<str:number>/scans/<int:pk>/", views.AppealScanView.as_view(), name="appeal-scan"),
    path("cabinet/", views.CabinetAppealListView.as_view(), name="cabinet"),
    path("registries/", views.PaperRegistryListView.as_view(), name="registry-list"),
    path("registries/<int:pk>/pdf/", views.PaperRegistryPdfView.as_view(), name="registry-pdf"),
]
