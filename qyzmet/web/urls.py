from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from qyzmet.web import views

app_name = "web"
urlpatterns = [
    path("", views.LandingView.as_view(), name="landing"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/otp/", views.SecondFactorVerifyView.as_view(), name="otp-verify"),
    path("login/otp/setup/", views.SecondFactorSetupView.as_view(), name="otp-setup"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("staff/", views.StaffHomeView.as_view(), name="staff-home"),
    path("cabinet/", views.CabinetView.as_view(), name="cabinet"),
    path("language/", views.SetLanguageView.as_view(), name="set-language"),
    # Browsers ask for /favicon.ico whatever the page says: send them to the static one.
    path("favicon.ico", RedirectView.as_view(url=static("web/favicon.ico"), permanent=True), name="favicon"),
]
