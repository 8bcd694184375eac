"""Pages of the `delivery` app (mounted under /delivery/ in config/urls.py)."""

from django.urls import URLPattern, URLResolver

app_name = "delivery"
urlpatterns: list[URLPattern | URLResolver] = []
