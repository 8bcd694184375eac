"""Test settings: PostgreSQL from DATABASE_URL (``make test`` starts a throwaway cluster)."""

import tempfile
from pathlib import Path

from config.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
QYZMET_SMS_BACKEND = "qyzmet.notify.backends.MemoryBackend"
QYZMET_EMAIL_BACKEND = "qyzmet.notify.backends.MemoryBackend"

# The suite's clock is frozen (conftest.SUITE_NOW) while the browser's is real: cookies that
# last as long as the browser context never expire on either clock.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_AGE = None

# Uploads written by the tests go to a temporary directory, not the checkout's var/.
_UPLOADS = Path(tempfile.mkdtemp(prefix="qyzmet-uploads-"))
STORAGES = {
    **STORAGES,  # noqa: F405
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": _UPLOADS / "private", "base_url": "/no-public-url/"},
    },
}
MEDIA_ROOT = _UPLOADS / "media"
# Signing keys too (ADR 0017): a demo CA is created there on first use.
SIGNING_DIR = _UPLOADS / "signing"
SIGNING_AUTO_INIT = True
# Issue 12.3 (ADR 0013): after migrating as DATABASE_URL's role, conftest.py gives the audit table
# to a NOLOGIN owner and runs every test as this role (set by tools/with-postgres.sh).
QYZMET_DATABASE_RUNTIME_USER = env.DATABASE_RUNTIME_USER  # noqa: F405
