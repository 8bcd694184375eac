"""Pages of the `quality` app (mounted under /quality/ in config/urls.py)."""

from django.urls import URLPattern, URLResolver

app_name = "quality"
urlpatterns: list[URLPattern | URLResolver] = []
