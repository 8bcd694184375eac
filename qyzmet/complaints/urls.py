"""Pages of the `complaints` app (mounted under /complaints/ in config/urls.py)."""

from django.urls import URLPattern, URLResolver

app_name = "complaints"
urlpatterns: list[URLPattern | URLResolver] = []
