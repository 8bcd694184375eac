"""Pages of the `contactcentre` app (mounted under /contactcentre/ in config/urls.py)."""

from django.urls import URLPattern, URLResolver

app_name = "contactcentre"
urlpatterns: list[URLPattern | URLResolver] = []
