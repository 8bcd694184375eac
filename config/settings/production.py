"""Production: refuses to start unsafe (a development secret key, DEBUG on); HTTPS only, HSTS,
secure cookies; everything else from the environment (config/env.py)."""

from django.core.exceptions import ImproperlyConfigured

from config import env
from config.settings.base import *  # noqa: F403

if env.DEBUG_REQUESTED:
    raise ImproperlyConfigured("QYZMET_DEBUG is on: production never runs with DEBUG.")
if env.SECRET_KEY_IS_DEFAULT or len(env.SECRET_KEY) < 50 or len(set(env.SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "QYZMET_SECRET_KEY must be set to a random value of at least 50 characters in production."
    )

DEBUG = False
QYZMET_PRODUCTION = True
SECURE_SSL_REDIRECT = env.env_bool("QYZMET_SSL_REDIRECT", True)
if env.env_bool("QYZMET_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.env_int("QYZMET_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Issue 12.3: under the production settings staff always sign in with a second factor (TOTP).
QYZMET_REQUIRE_STAFF_OTP = True
# ADR 0017: production signs with the keys its QYZMET_SIGNING_DIR holds; none is made on demand.
SIGNING_AUTO_INIT = False
# ADR 0019: the test payment gateway (a "Pay" button, no money) is off in production unless a
# demonstration deployment asks for it explicitly.
QYZMET_PAYMENT_TEST_GATEWAY_ENABLED = env.env_bool("QYZMET_PAYMENT_TEST_GATEWAY", False)
# ADR 0061: webhooks go over https to public addresses only, unless a deployment says otherwise.
QYZMET_WEBHOOK_ALLOW_PRIVATE = env.env_bool("QYZMET_WEBHOOK_ALLOW_PRIVATE", False)
QYZMET_WEBHOOK_REQUIRE_HTTPS = env.env_bool("QYZMET_WEBHOOK_REQUIRE_HTTPS", True)
# ADR 0070: one JSON object a log line, unless QYZMET_LOG_JSON=0 asks for text.
if env.env_bool("QYZMET_LOG_JSON", True):
    for _handler in ("console", "django.server"):
        LOGGING["handlers"][_handler]["formatter"] = "json"  # type: ignore[index]  # noqa: F405
