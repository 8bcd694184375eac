"""Pages of the `registry` app (mounted under /registry/ in config/urls.py)."""

from django.urls import URLPattern, URLResolver

app_name = "registry"
urlpatterns: list[URLPattern | URLResolver] = []
