"""Base settings shared by every environment. Values come from :mod:`config.env`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from config import env

BASE_DIR = env.BASE_DIR
SECRET_KEY = env.SECRET_KEY
DEBUG = env.DEBUG
ALLOWED_HOSTS = env.ALLOWED_HOSTS

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "qyzmet.core",
    "qyzmet.workcalendar",
    "qyzmet.orgs",
    "qyzmet.notify",
    "qyzmet.web",
    "qyzmet.registry",
    "qyzmet.delivery",
    "qyzmet.complaints",
    "qyzmet.quality",
    "qyzmet.reception",
    "qyzmet.contactcentre",
    "qyzmet.pscselection",
    "qyzmet.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "qyzmet.core.middleware.RequestIdMiddleware",
    "qyzmet.core.middleware.InputGuardMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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

DATABASES = {"default": env.database_from_url(env.DATABASE_URL)}
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
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.VAR_DIR / "media"
VAR_DIR = env.VAR_DIR

QYZMET_SMS_BACKEND = env.SMS_BACKEND
QYZMET_EMAIL_BACKEND = env.EMAIL_BACKEND
QYZMET_NOTIFY_FILE_DIR = env.NOTIFY_FILE_DIR
QYZMET_CHROMIUM = env.CHROMIUM_PATH
PUBLIC_BASE_URL = env.PUBLIC_BASE_URL
QYZMET_RECEPTION_ENFORCE_HOURS = env.RECEPTION_ENFORCE_HOURS
QYZMET_UCC_REFUSAL_THRESHOLD = env.UCC_REFUSAL_THRESHOLD

# No log line holds IIN digits (ADR 0012): every handler, runserver's request log included,
# masks them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_iin": {"()": "qyzmet.core.log_filters.RedactIinDigits"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_iin"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["redact_iin"],
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "qyzmet": {"level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}

# web: the header navigation on every page (added by the web shell).
TEMPLATES[0]["OPTIONS"]["context_processors"].append("qyzmet.web.context_processors.navigation")  # type: ignore[index]
