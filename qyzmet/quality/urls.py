"""Pages of the `quality` app (mounted under /quality/ in config/urls.py)."""

from django.urls import URLPattern, URLResolver, path

from qyzmet.quality import views

app_name = "quality"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.IndicatorView.as_view(), name="indicators"),
    path("export.<str:fmt>", views.IndicatorExportView.as_view(), name="export"),
    path("answers.xlsx", views.AnswersExportView.as_view(), name="answers-export"),
    path("targets/", views.TargetView.as_view(), name="targets"),
    path("norms/", views.NationalNormView.as_view(), name="norms"),
    path("cases/", views.CasesView.as_view(), name="cases"),
    path("iin-reads/", views.IinReadLogView.as_view(), name="iin-reads"),
    path("survey/complaint/<str:number>/", views.ComplaintSurveyView.as_view(), name="complaint-survey"),
    path("survey/<str:token>/", views.SurveyView.as_view(), name="survey"),
]
