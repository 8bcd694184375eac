"""Production: DEBUG off, secure cookies; everything else from the environment."""

from config.settings.base import *  # noqa: F403

DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Issue 12.3: under the production settings staff always sign in with a second factor (TOTP).
QYZMET_REQUIRE_STAFF_OTP = True
