"""Pages of the `complaints` app (mounted under /complaints/ in config/urls.py)."""

from django.urls import URLPattern, URLResolver, path

from qyzmet.complaints import views

app_name = "complaints"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.ComplaintWorkspaceView.as_view(), name="workspace"),
    path("all/", views.ComplaintAllView.as_view(), name="all"),
    path("statistics/", views.ComplaintStatisticsView.as_view(), name="statistics"),
    path("mine/", views.ComplaintMineView.as_view(), name="mine"),
    path("recommendations/", views.RecommendationListView.as_view(), name="recommendations"),
    path("file/", views.ComplaintFileView.as_view(), name="file"),
    path("register/", views.ComplaintRegisterView.as_view(), name="register"),
    path("<str:number>/", views.ComplaintDetailView.as_view(), name="detail"),
    path("<str:number>/extend/", views.ComplaintExtendView.as_view(), name="extend"),
    path("<str:number>/notice/", views.ComplaintNoticeView.as_view(), name="notice"),
    path("<str:number>/answer/", views.ComplaintAnswerView.as_view(), name="answer"),
    path("<str:number>/study/", views.ComplaintStudyView.as_view(), name="study"),
    path("<str:number>/recommend/", views.RecommendationIssueView.as_view(), name="recommend"),
    path(
        "<str:number>/recommendations/<int:pk>/control/",
        views.RecommendationControlView.as_view(),
        name="control",
    ),
    path("<str:number>/extension-notice.pdf", views.ExtensionNoticePdfView.as_view(), name="extension-pdf"),
    path("<str:number>/answer.pdf", views.AnswerPdfView.as_view(), name="answer-pdf"),
]
