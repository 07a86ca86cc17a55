"""Settings for Role Profiles, read from the environment.

SQLite in the project folder by default; PostgreSQL (or any database) through DATABASE_URL.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def _raw(name: str) -> str | None:
    """The variable's value, or None when it is unset or empty (an empty value means "default")."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return None
    return value.strip()


def env_str(name: str, default: str) -> str:
    value = _raw(name)
    return default if value is None else value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int | None, *, minimum: int = 0) -> int | None:
    value = _raw(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name} must be {minimum} or more, not {number}")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: list[str]) -> str:
    value = env_str(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def env_url(name: str, default: str) -> str:
    value = env_str(name, default)
    if not value.startswith(("http://", "https://")) or value[-3:] == "://":
        raise ImproperlyConfigured(
            f"{name} must be a full address starting with http:// or https://, not {value!r}"
        )
    return value


def env_admins(name: str) -> list[tuple[str, str]]:
    """ADMINS="Ann Lee <ann@example.com>, ops@example.com": who gets the email of each 500."""
    admins = []
    for entry in env_list(name, []):
        match = re.fullmatch(
            r"(?:(?P<name>[^<>]*?)\s*<(?P<email>[^<>\s]+@[^<>\s]+)>|(?P<bare>[^<>\s]+@[^<>\s]+))",
            entry,
        )
        if not match:
            raise ImproperlyConfigured(
                f'{name} must be a comma-separated list of "Name <email>" or email, '
                f"and {entry!r} is neither"
            )
        email = match["email"] or match["bare"]
        admins.append((match["name"] or email, email))
    return admins


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY, or DEBUG=true for local development."
        )
    SECRET_KEY = "development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])

INSTALLED_APPS = [
    "core.apps.HRAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "nested_admin",
    # The formatted-text editor's scripts and icon font (core/formatted_text.py).
    "django_prose_editor",
    "django_tasks",
    # The task queue's table: emails wait here for the worker (manage.py db_worker).
    "django_tasks_db",
    "simple_history",
    "core",
    "competencies",
    "roles",
    "staff",
    "reviews",
    "dashboards",
]

MIDDLEWARE = [
    # First, so every log line of the request (errors included) carries its id.
    "core.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Exposes the request, so that each historical record names who made the change.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "staff.context_processors.navigation",
                "reviews.context_processors.todo_counts_in_navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
try:
    _database = dj_database_url.parse(DATABASE_URL)
except ValueError as error:
    raise ImproperlyConfigured(f"DATABASE_URL is not a database address: {error}") from None
if _database["ENGINE"] == "django.db.backends.sqlite3":
    # The demo's one file is shared by runserver and the task worker. WAL lets readers carry
    # on while one writes; IMMEDIATE takes the write lock when a transaction starts, so two
    # quick clicks queue for up to `timeout` seconds instead of failing "database is locked".
    _database["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_TIMEOUT", 20, minimum=1),
    }
else:
    # Seconds a connection is kept for the next request (0: close after each request).
    _database["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)
    # A kept connection is tested before reuse, so a database restart costs no failed request.
    _database["CONN_HEALTH_CHECKS"] = env_bool("CONN_HEALTH_CHECKS", True)
DATABASES = {"default": _database}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Where collectstatic writes and whitenoise serves from.
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Uploads larger than this are refused with a message, not read into memory.
MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# A role-profile reading nobody has touched for this many days is cleared
# (`manage.py clear_stale_role_imports`, daily).
PENDING_ROLE_IMPORT_DAYS = int(os.environ.get("PENDING_ROLE_IMPORT_DAYS", "30"))
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10000

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "EMAIL_USE_TLS (STARTTLS, usually port 587) and EMAIL_USE_SSL (usually port 465) "
        "cannot both be true: set the one your mail server uses."
    )
# Seconds to wait for the mail server; the worker, not a person, waits.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "role-profiles@localhost")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Who receives the email Django sends for each server error.
ADMINS = env_admins("ADMINS")
# The address people open the site at: links in emails point here.
SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Cookies only travel over HTTPS unless turned off (plain-HTTP trials on a private network).
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", env_bool("SECURE_COOKIES", not DEBUG))
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", env_bool("SECURE_COOKIES", not DEBUG))
# Behind a proxy that ends TLS, Django sees plain HTTP. Opt in with the header the proxy sets
# (e.g. "X-Forwarded-Proto"), and only if the proxy overwrites it on every request: trusting
# a header clients can send lets them claim HTTPS.
_proxy_header = env_str("SECURE_PROXY_SSL_HEADER", "")
if _proxy_header:
    if not re.fullmatch(r"[A-Za-z0-9-]+", _proxy_header):
        raise ImproperlyConfigured(
            f"SECURE_PROXY_SSL_HEADER must be a header name such as X-Forwarded-Proto, "
            f"not {_proxy_header!r}"
        )
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")
# Sign-in posts from these origins pass the CSRF check (e.g. "https://roles.example.com").
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
for _origin in CSRF_TRUSTED_ORIGINS:
    if not _origin.startswith(("http://", "https://")):
        raise ImproperlyConfigured(
            f"CSRF_TRUSTED_ORIGINS entries must start with https:// (or http://), not {_origin!r}"
        )
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# The health check is fetched by load balancers over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
# Browsers remember to use HTTPS only for this many seconds; start small, raise once sure.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# `make serve` refuses to start on any deploy-check warning; one accepted on purpose is named
# here (e.g. security.W005 where sibling sites on the domain are not HTTPS only yet).
SILENCED_SYSTEM_CHECKS = env_list("SILENCED_SYSTEM_CHECKS", [])

LOG_LEVEL = env_choice("LOG_LEVEL", "INFO", ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"])
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "context": {"()": "core.observability.ContextFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {"json": {"()": "core.observability.JsonFormatter"}},
    "handlers": {
        # stdout: the process manager or container runtime keeps the logs.
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["context"],
            "formatter": "json",
        },
        "mail_admins": {
            "class": "core.observability.QueuedAdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        # Replaces Django's default handlers for its loggers (stderr, and a second mail to
        # ADMINS sent from the request): its records reach stdout through the root logger.
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # Every 500 with its traceback; ADMINS also get it by email when set.
        "django.request": {"handlers": ["mail_admins"], "propagate": True},
        # runserver prints its own request lines; one per request is enough.
        "django.server": {"level": "WARNING"},
        # WeasyPrint narrates every PDF step at INFO; only its problems matter here.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Background work (emails) through the django-tasks backport of Django's tasks API.
# "database": the queue is a table in DATABASE_URL, run by `manage.py db_worker` beside
# the web server; no broker to install. "immediate": run in the web process, no worker
# (tests; a trial without a worker, where a slow mail server then slows the page).
TASKS_BACKEND = env_choice("TASKS_BACKEND", "database", ["database", "immediate"])
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[TASKS_BACKEND],
    }
}

# django-import-export (HR's flat lists in the admin).
# One transaction per import: if any row fails, nothing is written.
IMPORT_EXPORT_USE_TRANSACTIONS = True
# Off: every flat list's resource writes formula-like cells with a leading apostrophe
# (core.spreadsheets.SpreadsheetSafeResource, which tests/core/test_flat_list_round_trip.py
# checks each uses). The library's own escaping turns every cell into text, empty dates into
# "None" among them, and so an export no longer imports back.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False
# Import needs the model's "add" permission and export its "view" permission (HR has both).
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_IMPORT_IGNORE_BLANK_LINES = True

# Signing in, sessions and bad input (issue #12).
# django-axes counts failed sign-ins (the site's and the admin's) and locks out a username, and
# separately an address, after AXES_FAILURE_LIMIT failures, for AXES_COOLOFF_MINUTES.
INSTALLED_APPS += ["axes"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# Its start-up banner would be the first line every management command prints.
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind a proxy, set AXES_IPWARE_PROXY_COUNT (and the proxy's trusted addresses) so the
# address counted is the client's, not the proxy's.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_IPWARE_PROXY_COUNT", "0")) or None

# A session ends after SESSION_IDLE_MINUTES without a request, and SESSION_ABSOLUTE_HOURS after
# signing in however busy (core.middleware.session_ages, which renews an active session's
# expiry once a minute: SESSION_SAVE_EVERY_REQUEST would write to the database every request).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_MINUTES", "30")) * 60
SESSION_ABSOLUTE_AGE = int(os.environ.get("SESSION_ABSOLUTE_HOURS", "10")) * 3600

MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
    "core.middleware.refuse_null_bytes",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "core.middleware.session_ages",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "core.middleware.never_cache_when_signed_in",
)
# AxesMiddleware turns a locked-out sign-in into the lockout page; it comes last.
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]

# The audit trail (core.history): reverting a role in place from its history page would bring
# back its own fields without its levels and items; HR restores an old version as a new draft.
SIMPLE_HISTORY_REVERT_DISABLED = True
