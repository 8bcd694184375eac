"""Pages of the `contactcentre` app (mounted under /contactcentre/ in config/urls.py)."""

from django.urls import URLPattern, URLResolver, path

from qyzmet.contactcentre import views

app_name = "contactcentre"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.ConsoleView.as_view(), name="console"),
    path("knowledge/", views.KnowledgeIndexView.as_view(), name="knowledge"),
    path("knowledge/<int:pk>/", views.ArticleDetailView.as_view(), name="article"),
    path("onboardings/", views.OnboardingListView.as_view(), name="onboardings"),
    path("onboardings/<int:pk>/", views.OnboardingDetailView.as_view(), name="onboarding"),
    path("plans/", views.PlanScheduleListView.as_view(), name="plans"),
    path("requests/", views.RequestListView.as_view(), name="requests"),
    path("refusal-reports/", views.RefusalReportListView.as_view(), name="refusal-reports"),
    path("refusal-reports/<int:pk>/", views.RefusalReportDetailView.as_view(), name="refusal-report"),
    path("refusal-files/<int:pk>/", views.RefusalFileView.as_view(), name="refusal-file"),
    path("reports/", views.ReportListView.as_view(), name="reports"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report"),
    path("reports/<int:pk>.<str:fmt>", views.ReportFileView.as_view(), name="report-file"),
    path("training/", views.TrainingListView.as_view(), name="trainings"),
    path("training/<int:pk>/letter", views.TrainingLetterView.as_view(), name="training-letter"),
]
