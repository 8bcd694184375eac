"""Test settings: PostgreSQL from DATABASE_URL (``make test`` starts a throwaway cluster)."""

from config.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
QYZMET_SMS_BACKEND = "qyzmet.notify.backends.MemoryBackend"
QYZMET_EMAIL_BACKEND = "qyzmet.notify.backends.MemoryBackend"
