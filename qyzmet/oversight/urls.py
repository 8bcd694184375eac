from django.urls import path

from qyzmet.oversight import views

app_name = "oversight"

urlpatterns = [
    path("", views.OversightHomeView.as_view(), name="home"),
    # quality assessment (Law 28)
    path("assessments/new/", views.AssessmentOpenView.as_view(), name="assessment-open"),
    path("assessments/<str:number>/", views.AssessmentDetailView.as_view(), name="assessment"),
    path(
        "assessments/<str:number>/refresh/", views.AssessmentRefreshView.as_view(), name="assessment-refresh"
    ),
    path("assessments/<str:number>/sign/", views.AssessmentSignView.as_view(), name="assessment-sign"),
    path(
        "assessments/<str:number>/<str:language>.pdf",
        views.AssessmentPdfView.as_view(),
        name="assessment-pdf",
    ),
    # state control (Law 27)
    path("control/new/", views.ControlOpenView.as_view(), name="control-open"),
    path("control/outcomes/", views.ControlOutcomeListView.as_view(), name="control-outcomes"),
    path("control/<str:number>/", views.ControlDetailView.as_view(), name="control"),
    path("control/<str:number>/findings/", views.ControlFindingsView.as_view(), name="control-findings"),
    path("control/<str:number>/orders/", views.ControlOrderIssueView.as_view(), name="control-order"),
    path(
        "control/<str:number>/orders/<int:pk>/report/",
        views.ControlOrderReportView.as_view(),
        name="control-order-report",
    ),
    path(
        "control/<str:number>/orders/<int:pk>/control/",
        views.ControlOrderControlView.as_view(),
        name="control-order-control",
    ),
    path("control/<str:number>/close/", views.ControlCloseView.as_view(), name="control-close"),
    # yearly reports and public hearings (Law 23.5-23.6)
    path("reports/", views.ReportListView.as_view(), name="reports"),
    path("reports/new/", views.ReportCreateView.as_view(), name="report-create"),
    path("reports/missing-hearings/", views.HearingFlagListView.as_view(), name="hearing-flags"),
    path("reports/<slug:body>/<int:year>/", views.ReportDetailView.as_view(), name="report"),
    path("reports/<slug:body>/<int:year>/edit/", views.ReportUpdateView.as_view(), name="report-update"),
    path("reports/<slug:body>/<int:year>/publish/", views.ReportPublishView.as_view(), name="report-publish"),
    path(
        "reports/<slug:body>/<int:year>/<str:language>.pdf", views.ReportPdfView.as_view(), name="report-pdf"
    ),
    path(
        "reports/<slug:body>/<int:year>/hearings/",
        views.HearingAnnounceView.as_view(),
        name="hearing-announce",
    ),
    path("hearings/<int:pk>/comment/", views.HearingCommentView.as_view(), name="hearing-comment"),
    path(
        "hearings/<int:pk>/comments/<int:comment>/moderate/",
        views.HearingModerateView.as_view(),
        name="hearing-moderate",
    ),
    path("hearings/<int:pk>/minutes/", views.HearingMinutesView.as_view(), name="hearing-minutes"),
    path("hearings/<int:pk>/results/", views.HearingResultsView.as_view(), name="hearing-results"),
]
