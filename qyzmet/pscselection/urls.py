"""Pages of the `pscselection` app (mounted under /psc-selection/ in config/urls.py)."""

from django.urls import URLPattern, URLResolver

app_name = "pscselection"
urlpatterns: list[URLPattern | URLResolver] = []
