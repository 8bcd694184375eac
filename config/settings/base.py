"""Base settings shared by every environment. Values come from :mod:`config.env`."""

from __future__ import annotations

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from config import env

BASE_DIR = env.BASE_DIR
SECRET_KEY = env.SECRET_KEY
DEBUG = env.DEBUG
ALLOWED_HOSTS = env.ALLOWED_HOSTS

INSTALLED_APPS = [
    "qyzmet.core.apps.QyzmetAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "qyzmet.core",
    "qyzmet.workcalendar",
    "qyzmet.orgs",
    "qyzmet.notify",
    "qyzmet.web",
    "qyzmet.registry",
    "qyzmet.payments",
    "qyzmet.delivery",
    "qyzmet.complaints",
    "qyzmet.quality",
    "qyzmet.reception",
    "qyzmet.contactcentre",
    "qyzmet.pscselection",
    "qyzmet.retention",
    "qyzmet.apiclients",
    "qyzmet.monitoring",
    "qyzmet.oversight",
    "qyzmet.api",
    "qyzmet.ops",
    "django_prometheus",
]

# ADR 0070: django-prometheus's pair wraps everything (requests, latencies); the probes and the
# metrics are answered next, before host validation and the HTTPS redirect; the request id is
# ops's (core's rule, plus an incoming X-Request-ID logged and echoed); a view whose database
# went away answers 503 (DatabaseUnavailableMiddleware, handler500 for the other middleware).
MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "qyzmet.ops.middleware.ProbeMiddleware",
    "qyzmet.ops.middleware.QueueTimeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "qyzmet.ops.middleware.RequestIdMiddleware",
    # X-API-Version on every /api/ and /open311/ response, the 429 and 413 below included.
    "qyzmet.api.middleware.ApiVersionMiddleware",
    "qyzmet.core.middleware.InputGuardMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "qyzmet.core.middleware.AnonymousPostThrottleMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "qyzmet.web.middleware.StaffSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "qyzmet.core.middleware.PersonalDataNoStoreMiddleware",
    "qyzmet.ops.middleware.DatabaseUnavailableMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Forms come out in GOV.UK Frontend markup (ADR 0023): {{ form }} and {{ field.as_field_group }}.
FORM_RENDERER = "qyzmet.web.renderers.QyzmetFormRenderer"

# No JIT on PostgreSQL (ADR 0078): short OLTP statements; it cost a report 384 ms of 675 ms.
DATABASES = {
    "default": env.postgres_prepared(
        env.postgres_without_jit(
            env.postgres_timeouts(
                env.database_from_url(env.DATABASE_URL),
                statement_ms=env.DB_STATEMENT_TIMEOUT_MS,
                lock_ms=env.DB_LOCK_TIMEOUT_MS,
            )
        ),
        enabled=env.DB_PREPARED_STATEMENTS,
    )
}
# Issue 20.5 (ADR 0077): an optional hot standby that reports and public pages may read from
# (qyzmet.core.replica); writes, sessions and identity always go to the primary.
if env.REPLICA_DATABASE_URL:
    DATABASES["replica"] = {
        **env.postgres_prepared(
            env.postgres_without_jit(
                env.postgres_timeouts(
                    env.database_from_url(env.REPLICA_DATABASE_URL),
                    statement_ms=env.DB_STATEMENT_TIMEOUT_MS,
                    lock_ms=env.DB_LOCK_TIMEOUT_MS,
                )
            ),
            enabled=env.DB_PREPARED_STATEMENTS,
        ),
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["qyzmet.core.replica.ReplicaRouter"]
QYZMET_REPLICA_MAX_LAG_SECONDS = env.REPLICA_MAX_LAG_SECONDS
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:staff-home"
LOGOUT_REDIRECT_URL = "web:landing"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

# Kazakh is the state language and the default (the Law of the RK "On languages"); Russian is
# used officially on a par with it; English for foreign recipients.
LANGUAGE_CODE = "kk"
LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "qyzmet" / "locale"]
FORMAT_MODULE_PATH = ["qyzmet.web.formats"]
LANGUAGE_COOKIE_NAME = "qyzmet_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
USE_I18N = True
TIME_ZONE = env.TIME_ZONE
# The standard editor posts every point of STD 1-26 at once: seven weekdays of three schedules
# with their breaks, complaint addresses with their own schedules and every formset's rows.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 4000
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.VAR_DIR / "media"
# Uploads with personal data live outside MEDIA_ROOT, in a storage no URL maps to (not even the
# test live server's media handler): they leave only through access-checked views.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env.VAR_DIR / "private", "base_url": "/no-public-url/"},
    },
}
VAR_DIR = env.VAR_DIR

QYZMET_SMS_BACKEND = env.SMS_BACKEND
QYZMET_EMAIL_BACKEND = env.EMAIL_BACKEND
QYZMET_NOTIFY_FILE_DIR = env.NOTIFY_FILE_DIR
# How long the outbox worker holds a claimed message (a killed worker's claims expire after it).
QYZMET_OUTBOX_LEASE_SECONDS = env.env_int("QYZMET_OUTBOX_LEASE_SECONDS", 300)
QYZMET_CHROMIUM = env.CHROMIUM_PATH
PUBLIC_BASE_URL = env.PUBLIC_BASE_URL
QYZMET_RECEPTION_ENFORCE_HOURS = env.RECEPTION_ENFORCE_HOURS
QYZMET_RECEPTION_VOICE = env.RECEPTION_VOICE
QYZMET_UCC_REFUSAL_THRESHOLD = env.UCC_REFUSAL_THRESHOLD
QYZMET_MONITORING_ANSWER_DAYS = env.MONITORING_ANSWER_DAYS
QYZMET_PSC_COUNT_REFUSALS = env.PSC_COUNT_REFUSALS
QYZMET_PSC_DUE_ON_NON_WORKING_DAY = env.PSC_DUE_ON_NON_WORKING_DAY
QYZMET_MAX_UPLOAD_BYTES = env.MAX_UPLOAD_BYTES
QYZMET_PRODUCTION = False
SIGNING_DIR = env.SIGNING_DIR
SIGNING_AUTO_INIT = env.SIGNING_AUTO_INIT
# ADR 0019: the payment gateway new payments go through, and the test gateway's HMAC secret.
QYZMET_PAYMENT_BACKEND = env.PAYMENT_BACKEND
QYZMET_PAYMENT_TEST_SECRET = env.PAYMENT_TEST_SECRET
QYZMET_PAYMENT_TEST_GATEWAY_ENABLED = True
# Issue 19.4 (ADR 0061): where webhooks may go, and how long a POST may take.
QYZMET_WEBHOOK_ALLOW_PRIVATE = env.WEBHOOK_ALLOW_PRIVATE
QYZMET_WEBHOOK_REQUIRE_HTTPS = env.WEBHOOK_REQUIRE_HTTPS
QYZMET_WEBHOOK_TIMEOUT_SECONDS = env.WEBHOOK_TIMEOUT_SECONDS

# Content-Security-Policy (django-csp, ADR 0014): scripts and styles only from our own files, no
# inline script anywhere; style attributes are allowed (the plots' SVG); uploads are served with
# their own, stricter sandbox policy (qyzmet.core.files).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "media-src": [SELF, "blob:", "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Throttling (ADR 0011, ADR 0075): attempts are counted in core_throttlecounter (a table in the
# project's database, one upsert an attempt), so every worker shares the counts.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
RATELIMIT_ENABLE = env.THROTTLE_ENABLED
RATELIMIT_IP_META_KEY = env.CLIENT_ADDRESS_META or None
# IPv6 clients get a /64 each (one subscriber's prefix), so rotating addresses inside it helps
# nobody; IPv4 addresses count one by one.
RATELIMIT_IPV6_MASK = 64
# Rates: "count/period" (s, m, h, d; "10/15m" = ten in fifteen minutes). Each limit counts
# every attempt it lets through; the first limit refused stops the request (ADR 0011).
QYZMET_THROTTLE_RATES = {
    # The public status lookup (page, REST, Open311 share the counts): number + last 4 IIN digits.
    "status_address": "20/10m",
    "status_number": "30/d",
    # The public verification page of signed documents (each check signs and verifies one).
    "verify_address": "30/10m",
    # The 1414 operator's stage lookup (console and REST).
    "stage_operator": "120/h",
    "stage_number": "20/d",
    # Sign-in failures: per client address, per account (user name as typed) from one address,
    # and per account from all addresses together (a distributed guess; a sysadmin may lift it
    # with `qyzmet signin_unlock`).
    "login_address": "30/15m",
    "login_username_address": "10/15m",
    "login_username": "50/h",
    # Every POST without a session, per address; one holding an API client's live token, per
    # client (issue 19: a system's budget is its own, whatever addresses it calls from). A state
    # system such as the e-gov portal submits at the national peak (issue 20: 300 a second), so
    # a client's budget stops a runaway loop, not its traffic: 1,000 a second over a minute.
    "anonymous_post": "60/m",
    "client_post": "60000/m",
}
# Issue 12.3: staff verify a TOTP device after the password (qyzmet.web.middleware); on in
# production.py, optional for the demo and the suite (QYZMET_REQUIRE_STAFF_OTP).
QYZMET_REQUIRE_STAFF_OTP = env.REQUIRE_STAFF_OTP
OTP_TOTP_ISSUER = "Qyzmet"

# No log line holds IIN digits (ADR 0012, 0070): every handler, runserver's request log included,
# masks them in the message, every argument, extra fields and tracebacks, and adds the request id.
# QYZMET_LOG_JSON writes one JSON object a line (production's default).
_LOG_FORMATTER = "json" if env.LOG_JSON else "text"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "mask_iin": {"()": "qyzmet.ops.logs.MaskIin"},
        "redact_iin": {"()": "qyzmet.core.log_filters.RedactIinDigits"},
    },
    "formatters": {
        "json": {"()": "qyzmet.ops.logs.JsonFormatter"},
        "text": {"format": "{levelname} {name} [{request_id}] {message}", "style": "{"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["mask_iin", "redact_iin"],
            "formatter": _LOG_FORMATTER,
        },
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "json" if env.LOG_JSON else "django.server",
            "filters": ["mask_iin", "redact_iin"],
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "qyzmet": {"level": env.LOG_LEVEL},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}

# Issue 20.6 (ADR 0070): operations, read from the environment (config/env.py).
QYZMET_OPS_HEARTBEAT_MAX_AGE_SECONDS = env.OPS_HEARTBEAT_MAX_AGE_SECONDS
QYZMET_READINESS_REQUIRES_WORKER = env.READINESS_REQUIRES_WORKER
QYZMET_DB_RETRY_AFTER_SECONDS = env.DB_RETRY_AFTER_SECONDS
QYZMET_OVERLOAD_RETRY_AFTER_SECONDS = env.OVERLOAD_RETRY_AFTER_SECONDS
QYZMET_MAX_QUEUE_MS = env.MAX_QUEUE_MS
QYZMET_METRICS_TOKEN = env.METRICS_TOKEN
QYZMET_PROMETHEUS_MULTIPROC = env.PROMETHEUS_MULTIPROC
QYZMET_TRUST_REQUEST_ID = env.TRUST_REQUEST_ID
# Optional error reporting, only when SENTRY_DSN is set; IIN digits are scrubbed before sending.
if env.SENTRY_DSN:
    from qyzmet.ops.sentry import sentry_init

    sentry_init(
        dsn=env.SENTRY_DSN,
        environment=env.SENTRY_ENVIRONMENT,
        release=env.SENTRY_RELEASE,
        traces_sample_rate=env.SENTRY_TRACES_SAMPLE_RATE,
    )

# web: the header navigation on every page (added by the web shell).
TEMPLATES[0]["OPTIONS"]["context_processors"].append("qyzmet.web.context_processors.navigation")  # type: ignore[index]
