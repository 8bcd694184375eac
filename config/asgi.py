"""ASGI entry point. It defaults to the production settings, which refuse to start unsafe."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_asgi_application()
