from django.urls import path

from qyzmet.web import views

app_name = "web"
urlpatterns = [
    path("", views.LandingView.as_view(), name="landing"),
]
