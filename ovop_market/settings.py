"""Settings for OVOP Market, read once from the environment.

The defaults make a safe first run with no servers: a SQLite file, tasks run in-process, a
local-memory cache, e-mail written to the console. Production (``DJANGO_DEBUG=0``) refuses to
start on the embedded secret key or without allowed hosts.
"""
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
EMBEDDED_SECRET_KEY = "embedded-first-run-key-not-for-production"

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=EMBEDDED_SECRET_KEY)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
REDIS_URL = env.str("REDIS_URL", default="")

if not DEBUG:
    if SECRET_KEY == EMBEDDED_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "DJANGO_DEBUG=0 needs DJANGO_SECRET_KEY set to a long random value."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_DEBUG=0 needs ALLOWED_HOSTS (comma-separated).")

# The card gateway orders use, and the secret its webhooks are signed with (the test gateway's).
PAYMENT_CARD_PROVIDER = env.str("PAYMENT_CARD_PROVIDER", default="test-card")
EMBEDDED_PAYMENT_WEBHOOK_SECRET = "embedded-test-gateway-secret-not-for-production"
PAYMENT_TEST_WEBHOOK_SECRET = env.str("PAYMENT_TEST_WEBHOOK_SECRET", default=EMBEDDED_PAYMENT_WEBHOOK_SECRET)
if not DEBUG and PAYMENT_TEST_WEBHOOK_SECRET == EMBEDDED_PAYMENT_WEBHOOK_SECRET:
    raise ImproperlyConfigured("DJANGO_DEBUG=0 needs PAYMENT_TEST_WEBHOOK_SECRET set to a random value.")

INSTALLED_APPS = [
    # Django admin behind the officers' second factor (ovop_market.second_factor).
    "ovop_market.admin_apps.OfficerAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ovop_market.apps.CoreConfig",
    "catalog",
    "sellers",
    "orders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ovop_market.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ovop_market.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: turns a login refused for too many failures into the lockout page (or JSON for the API).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ovop_market.urls"
WSGI_APPLICATION = "ovop_market.wsgi.application"

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
                "ovop_market.context_processors.marketplace",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # PostgreSQL's JIT compiles plans it guesses are expensive; for a web request's short queries the
    # compiling costs far more than it saves (seen: 0.8 s of JIT on a 0.4 s admin query at 220,000
    # products), so it is off for the site's connections.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and Celery -----------------------------------------------------------------------
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "ovop_market.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="ovop"),
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
# In-process (eager) runs record a task's failure on its outbox message instead of failing the request.
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True
# Tasks opt in to late acknowledgement (OutboxTask) only where they are idempotent.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# On a broker connection loss a running task finishes and records its outcome; the copy Redis
# gives back later finds it done. Cancelling it could cut an e-mail off after the mail server took it.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 90
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# Redis redelivers a message not acknowledged within this time: longer than any task runs.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=600),
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
CELERY_TASK_DEFAULT_QUEUE = "default"
# Three queues so a burst of photo uploads never delays an e-mail: default, images, notifications.
CELERY_TASK_ROUTES = {
    "ovop_market.notification_*": {"queue": "notifications"},
    "catalog.photo_*": {"queue": "images"},
}
CELERY_BEAT_SCHEDULE = {
    "outbox-relay": {"task": "ovop_market.outbox_relay", "schedule": env.float("OUTBOX_RELAY_SECONDS", default=10.0)},
    # Daily, early morning: tell cooperatives of grades expired and expiring (catalog.grading).
    "grades-daily": {"task": "catalog.grades_daily", "schedule": crontab(hour=1, minute=15)},
}
# A message published but not finished after this many seconds is published again.
OUTBOX_REDELIVER_AFTER = env.int("OUTBOX_REDELIVER_AFTER", default=900)
# Publishing from a request waits at most this long for Redis, and after a failure leaves new
# messages to the relay for the cooldown instead of trying again on every request.
OUTBOX_PUBLISH_TIMEOUT = env.float("OUTBOX_PUBLISH_TIMEOUT", default=1.0)
OUTBOX_PUBLISH_COOLDOWN = env.float("OUTBOX_PUBLISH_COOLDOWN", default=10.0)
# /healthz counts messages pending (or with a worker) longer than this as stuck.
OUTBOX_STUCK_AFTER = env.int("OUTBOX_STUCK_AFTER", default=300)

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "ovop_market.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "catalog:home"
LOGOUT_REDIRECT_URL = "catalog:home"
# Axes first: it refuses a locked-out login before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Confirmation links (sign-up, change of e-mail) and password reset links stay valid this long.
ACCOUNT_EMAIL_CONFIRM_MAX_AGE = env.int("ACCOUNT_EMAIL_CONFIRM_MAX_AGE", default=3 * 24 * 3600)
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=24 * 3600)
# Login rate limiting (django-axes), the same for the site, admin and API: failures are counted
# per (e-mail, IP address) pair, so one person guessing cannot lock out a whole village behind
# one carrier address. Counts live in the database, shared by every web process.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_USERNAME_CALLABLE = "ovop_market.accounts.lockout.login_attempt_username"
AXES_CLIENT_IP_CALLABLE = "ovop_market.accounts.lockout.login_attempt_ip"
# Proxies in front of the web processes that append the client's address to X-Forwarded-For (0: none).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_LOCKOUT_CALLABLE = "ovop_market.accounts.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# Officers' second factor (TOTP): wrong codes in a row before a device refuses codes for a while.
# django-otp's own growing delay is off: this fixed lockout is easier to explain to an officer.
OTP_TOTP_ISSUER = "OVOP Market"
OTP_TOTP_THROTTLE_FACTOR = 0
OFFICER_OTP_FAILURE_LIMIT = env.int("OFFICER_OTP_FAILURE_LIMIT", default=5)
OFFICER_OTP_COOLOFF_MINUTES = env.int("OFFICER_OTP_COOLOFF_MINUTES", default=15)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages ------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("vi", _("Vietnamese")), ("th", _("Thai"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Photos: refused above these before anything is stored or decoded (catalog.uploads).
IMAGE_UPLOAD_MAX_BYTES = env.int("IMAGE_UPLOAD_MAX_BYTES", default=25 * 1024 * 1024)
IMAGE_UPLOAD_MAX_PIXELS = env.int("IMAGE_UPLOAD_MAX_PIXELS", default=50_000_000)
# Cooperative documents (PDF, JPEG, PNG), stored under the private/ prefix (sellers.documents).
DOCUMENT_UPLOAD_MAX_BYTES = env.int("DOCUMENT_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
# The embedded run serves media itself (renditions with year-long caching, never originals);
# in production the web server or object storage does (README, "Media").
SERVE_MEDIA = env.bool("DJANGO_SERVE_MEDIA", default=DEBUG)

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="OVOP Market <hello@ovop.market>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# An SMTP server that stops answering fails the attempt (and it is retried) instead of hanging a worker.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# Links in e-mails point here.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Notification e-mails: tries before a notification is marked failed, and the first retry delay
# in seconds (doubling, with jitter, up to five minutes).
NOTIFICATION_EMAIL_MAX_RETRIES = env.int("NOTIFICATION_EMAIL_MAX_RETRIES", default=5)
NOTIFICATION_EMAIL_RETRY_BACKOFF = env.int("NOTIFICATION_EMAIL_RETRY_BACKOFF", default=30)
# Test only: seconds the delivery task waits, holding its lock, before sending (to kill a worker
# mid-task in tests/ovop_market/test_delivery_reliability.py). Leave at 0.
NOTIFICATION_DELIVERY_TEST_DELAY = env.float("NOTIFICATION_DELIVERY_TEST_DELAY", default=0.0)

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
if env.bool("DJANGO_TRUST_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Images may come from object storage; video embeds are linked, not framed.
CONTENT_SECURITY_POLICY = env.str(
    "CONTENT_SECURITY_POLICY",
    default=(
        "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
)

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 24,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        # Second, so an anonymous call still gets 403 (not a browser's Basic prompt); locked-out logins get 429.
        "rest_framework.authentication.BasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_THROTTLE_RATES": {"anon": "120/minute", "user": "600/minute"},
    "EXCEPTION_HANDLER": "ovop_market.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "OVOP Market API",
    "DESCRIPTION": "Village products certified by One Village One Product programmes.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models have a "kind"; name each enum after its owner instead of "Kind3faEnum".
    "ENUM_NAME_OVERRIDES": {
        "RegionKindEnum": "catalog.models.Region.Kind",
        "ProducerKindEnum": "sellers.models.Cooperative.Kind",
        "AvailabilityStatusEnum": "catalog.api.serializers.AVAILABILITY_CHOICES",
        "ShipmentStatusEnum": "orders.models.Shipment.Status",
        "PaymentStatusEnum": "orders.models.Payment.Status",
        "PaymentMethodEnum": "orders.models.PaymentMethod",
    },
}

# --- The marketplace ------------------------------------------------------------------------
MARKETPLACE_CURRENCY = env.str("MARKETPLACE_CURRENCY", default="USD")
CATALOG_PAGE_SIZE = 24
# Anonymous storefront pages are kept this long in the cache (0: off); any catalog change
# invalidates them at once (ovop_market.cache), a stock count changed in bulk within this time.
CATALOG_PAGE_CACHE_SECONDS = env.int("CATALOG_PAGE_CACHE_SECONDS", default=60)
# A search matching more products than this lists them newest first instead of ranking them all
# (catalog.search): ranking every product that holds a very common word takes seconds.
CATALOG_SEARCH_RANK_LIMIT = 1000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
