"""Pages of the `pscselection` app (mounted under /psc-selection/ in config/urls.py)."""

from django.urls import URLPattern, URLResolver, path

from qyzmet.pscselection import views

app_name = "pscselection"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.IndexView.as_view(), name="index"),
    path("<int:year>/", views.CycleView.as_view(), name="cycle"),
    path("<int:year>/list/", views.ListPageView.as_view(), name="list"),
    path("<int:year>/list.xlsx", views.ListXlsxView.as_view(), name="list-xlsx"),
    path("<int:year>/commission/", views.CommissionView.as_view(), name="commission"),
    path("meetings/<int:pk>/", views.MeetingView.as_view(), name="meeting"),
    path("protocols/<int:pk>.<str:language>.pdf", views.ProtocolPdfView.as_view(), name="protocol-pdf"),
    path("proposals/", views.ProposalListView.as_view(), name="proposals"),
    path("proposals.xlsx", views.ProposalsXlsxView.as_view(), name="proposals-xlsx"),
    path("proposals/<int:pk>/", views.ProposalView.as_view(), name="proposal"),
    path("proposals/<int:pk>.pdf", views.ProposalPdfView.as_view(), name="proposal-pdf"),
    path("tasks/", views.TaskListView.as_view(), name="tasks"),
    path("criteria/", views.CriteriaView.as_view(), name="criteria"),
    path("members/", views.MemberListView.as_view(), name="members"),
    path("public/", views.PublicView.as_view(), name="public"),
]
