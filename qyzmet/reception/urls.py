"""Pages of the `reception` app (mounted under /reception/ in config/urls.py)."""

from django.urls import URLPattern, URLResolver

app_name = "reception"
urlpatterns: list[URLPattern | URLResolver] = []
