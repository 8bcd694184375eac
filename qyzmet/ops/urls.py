"""The probes are answered by ``ProbeMiddleware`` before host validation; these routes name them
(and answer when a deployment leaves the middleware out)."""

from django.urls import path

from qyzmet.ops import views

app_name = "ops"

urlpatterns = [
    path("healthz/live", views.live, name="live"),
    path("healthz/ready", views.ready, name="ready"),
    path("metrics", views.metrics, name="metrics"),
]
