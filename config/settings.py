"""Settings for the CCHC portal, read from the environment through django-environ.

The embedded default (no environment at all) is SQLite and eager Celery so that
`make run` works on a fresh machine, with DEBUG off and a random key kept in var/secret_key;
production sets DATABASE_URL, CELERY_BROKER_URL, SECRET_KEY, DEBUG=False and ALLOWED_HOSTS
(DEBUG=False without SECRET_KEY refuses to start).
"""

import os
import secrets
import warnings
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    CELERY_BROKER_URL=(str, ""),
)
environ.Env.read_env(BASE_DIR / ".env")

# DEBUG is off unless asked for: a refused or unknown address gets the portal's own page, never
# Django's technical page with the URL map. Setting DEBUG=False explicitly declares production:
# SECRET_KEY is then required and the HTTPS settings below apply. With DEBUG unset (the
# embedded default: `make run`, `make test`) the portal runs over plain HTTP.
DEBUG = env("DEBUG")
PRODUCTION = not DEBUG and "DEBUG" in env.ENVIRON
SECRET_KEY_FILE = BASE_DIR / "var" / "secret_key"


def _local_secret_key(path: Path) -> str:
    """A random key made once for this checkout (var/ is git-ignored), never a key in the code.
    Written whole to a temporary file, then linked into place: a process starting at the same
    moment reads either no file or the whole key, and the first link wins."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        tmp.write_text(secrets.token_urlsafe(50))
        tmp.chmod(0o600)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links: still a whole key, the last one wins
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    return path.read_text().strip()


SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set: with DEBUG=False (production) the portal refuses to start "
            "without it. Set SECRET_KEY in the environment or .env, e.g. to the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    SECRET_KEY = _local_secret_key(SECRET_KEY_FILE)
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_htmx",
    "django_celery_beat",
    "import_export",
    "simple_history",
    "config.apps.AxesConfig",
    "units",
    "plans",
    "indicators",
    "inspections",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "common.middleware.NulCharacterMiddleware",
    "common.middleware.PermissionsPolicyMiddleware",
    "common.middleware.PrivateCacheMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the portal's lockout page.
    "axes.middleware.AxesMiddleware",
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
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# The embedded default runs recomputes in a thread beside the requests: with WAL, pages keep
# reading while it writes, and a write waits for the lock instead of failing at once. A
# transaction takes the write lock when it begins (IMMEDIATE): one that read first and then
# wrote would fail at once ("database is locked") if the recompute wrote in between.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL;",
    "timeout": 30,
    "transaction_mode": "IMMEDIATE",
}
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The public page's figures are cached (indicators/reports/public_cache.py). The default cache
# lives in each process: with several web processes set a shared one (CACHE_URL=redis://…), or
# the others see an approval only when their copy expires (PUBLIC_CACHE_SECONDS).
# In-process by default, a thousand entries (Django keeps 300): pages per filter add up.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://?MAX_ENTRIES=1000")}

AUTH_USER_MODEL = "units.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First, as django-axes asks: it refuses a locked-out username/IP before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# The project's catalogue, then Vietnamese for django-axes' admin (it ships none).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "config" / "vendor_locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# WhiteNoise serves static files under runserver and gunicorn alike, with DEBUG off. Production
# serves what `collectstatic` gathered, with hashed names cached for a year; elsewhere the files
# are served straight from the apps and static/, with no collectstatic step.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:  # no collectstatic here, so no STATIC_ROOT: WhiteNoise need not say so
    warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")
WHITENOISE_AUTOREFRESH = DEBUG

# Evidence files live outside the web root and are served only through views that check access.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "evidence")
EVIDENCE_MAX_BYTES = env.int("EVIDENCE_MAX_BYTES", default=10 * 1024 * 1024)
EVIDENCE_EXTENSIONS = ["pdf", "png", "jpg", "jpeg", "doc", "docx", "xls", "xlsx", "odt", "ods"]
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# The portal's name in the navigation bar and e-mails (the government it serves is data).
PORTAL_NAME = env("PORTAL_NAME", default="Cổng CCHC")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default=f"{PORTAL_NAME} <cchc@localhost>")
# Where links in e-mails start (common/links.py). Unset: the page's own address when a request
# sends the mail, else the address `make run` serves: http://127.0.0.1:$PORT (default 8000).
PORT = env.int("PORT", default=8000)
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="")

# Celery: with no broker every task runs eagerly in-process (the embedded default).
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "send-reminders-every-morning": {
        "task": "plans.tasks.send_reminders_task",
        "schedule": crontab(hour=7, minute=0),
    },
    "recompute-compliance-nightly": {
        "task": "indicators.tasks.recompute_all_plans_task",
        "schedule": crontab(hour=1, minute=0),
    },
    "escalate-weekly": {
        "task": "plans.tasks.send_escalations_task",
        "schedule": crontab(hour=7, minute=30, day_of_week="monday"),
    },
    # Lost work (broker down, worker killed, results emptied by a crash) queued again.
    "sweep-pending-work-every-minute": {
        "task": "indicators.tasks.sweep_pending_work_task",
        "schedule": crontab(minute="*"),
    },
}

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Sessions end when the browser closes, and in any case after a working day.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=10 * 60 * 60)
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=2 * 60 * 60)

# django-axes: AXES_FAILURE_LIMIT wrong passwords for one username from one IP address lock that
# pair out for AXES_COOLOFF_MINUTES (the portal's lockout page, HTTP 429); an administrator
# unlocks in the admin ("Khóa đăng nhập") or with `manage.py axes_reset`.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_MINUTES", default=30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "config.views.lockout_response"
AXES_RESET_ON_SUCCESS = True
# The client's address is REMOTE_ADDR unless AXES_PROXY_COUNT reverse proxies are declared in
# front of the portal (then X-Forwarded-For, which a client could otherwise forge).
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)
AXES_VERBOSE = False

# Content-Security-Policy (django-csp): scripts and styles only from the portal itself, no inline
# script (the handlers live in static/js/portal.js); inline style attributes stay allowed. The
# one hash is django-import-export's admin export page's own handler,
# onchange="onSelectToggleChange(event)".
_IMPORT_EXPORT_TOGGLE = "'sha256-wid4zL8fR53ZYy1ljOepzR77Dn6vWUUxuNnnWWBP3I8='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-hashes'", _IMPORT_EXPORT_TOGGLE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "accelerometer=(), gyroscope=(), magnetometer=()"
)

# Errors reach the log with their traceback: django.request's 5xx (and anything at ERROR) to the
# console and, when LOG_FILE is set, to that file as well.
LOG_FILE = env("LOG_FILE", default="")
_LOG_HANDLERS = ["console"] + (["file"] if LOG_FILE else [])
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        **(
            {
                "file": {
                    "class": "logging.handlers.WatchedFileHandler",
                    "filename": LOG_FILE,
                    "formatter": "plain",
                    "encoding": "utf-8",
                }
            }
            if LOG_FILE
            else {}
        ),
    },
    "loggers": {
        "django.request": {"handlers": _LOG_HANDLERS, "level": "ERROR", "propagate": False},
        "django.security": {"handlers": _LOG_HANDLERS, "level": "WARNING", "propagate": False},
        "axes": {"handlers": _LOG_HANDLERS, "level": "WARNING", "propagate": False},
    },
    "root": {"handlers": _LOG_HANDLERS, "level": env("LOG_LEVEL", default="WARNING")},
}

# Notifications (plans.notifications): the navbar's unread count, and an e-mail
# backend that may be set directly (e.g. the file backend for the job tests), over EMAIL_URL.
TEMPLATES[0]["OPTIONS"]["context_processors"] += [
    "plans.context_processors.notifications",
    "plans.context_processors.portal",
    "plans.context_processors.plan_picker",
]
if env("EMAIL_BACKEND", default=""):
    EMAIL_BACKEND = env("EMAIL_BACKEND")
    EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "mail"))

# Bulk imports (indicators/evidence): files above either limit are imported by a Celery worker.
IMPORT_BACKGROUND_ROWS = env.int("IMPORT_BACKGROUND_ROWS", default=20_000)
IMPORT_BACKGROUND_BYTES = env.int("IMPORT_BACKGROUND_BYTES", default=5 * 1024 * 1024)
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=200 * 1024 * 1024)
# Bulk exports: more rows than this are written by a background job with a progress page.
EXPORT_BACKGROUND_ROWS = env.int("EXPORT_BACKGROUND_ROWS", default=20_000)

# A report returned, approved or reopened: the unit's heads are notified in the portal at once;
# True also e-mails them right after the decision, instead of in the next morning digest.
NOTIFY_REPORT_DECISIONS_IMMEDIATELY = env.bool("NOTIFY_REPORT_DECISIONS_IMMEDIATELY", default=False)

# Compliance: seconds a coalesced recompute waits for more changes before it runs.
COMPLIANCE_RECOMPUTE_COUNTDOWN = env.int("COMPLIANCE_RECOMPUTE_COUNTDOWN", default=10)
# common.background: in eager mode (no broker) queued jobs run in a thread after the response;
# True runs them inline right after the commit instead (the test suite sets it).
BACKGROUND_SYNC = env.bool("BACKGROUND_SYNC", default=False)

# Eager mode (no broker): Celery still builds a producer it never uses; the in-memory transport
# keeps kombu from warning "No hostname was supplied" on every import or save.
if CELERY_TASK_ALWAYS_EAGER:
    CELERY_BROKER_WRITE_URL = CELERY_BROKER_READ_URL = "memory://localhost//"
