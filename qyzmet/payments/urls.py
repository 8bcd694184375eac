"""Pages of the `payments` app (mounted under /payments/ in config/urls.py)."""

from django.urls import URLPattern, URLResolver, path

from qyzmet.payments import views

app_name = "payments"
urlpatterns: list[URLPattern | URLResolver] = [
    path("test-gateway/<str:reference>/", views.TestGatewayView.as_view(), name="test-gateway"),
    path("notify/<str:backend>/", views.NotifyView.as_view(), name="notify"),
]
