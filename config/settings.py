"""Envoy's one settings module: every setting is read from the environment.

Local defaults need nothing but Python: SQLite for the database, local memory for the cache,
Celery tasks run in-process. Production sets DATABASE_URL (PostgreSQL), REDIS_URL (broker and
cache), SECRET_KEY and ALLOWED_HOSTS; with DEBUG off the app refuses the default secret key.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SECRET_KEY = "envoy-insecure-local-development-key"  # noqa: S105 (refused in production)

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default=DEFAULT_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEFAULT_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is the built-in development key while DEBUG is off. "
        "Set SECRET_KEY to a long random value, or DEBUG=1 for local development."
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "axes",
    "auditlog",
    "config",  # project-wide commands: backup, restore, load_reference_data
    "core",
    "accounts",
    "phases",
    "missions",
    "cases",
    "recommendations",
    "events",
    "audit",
    "webhooks",
]

MIDDLEWARE = [
    "core.limits.RequestBodyLimitMiddleware",  # first: refuses oversized bodies unread
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.PrivateResponsesMiddleware",  # signed-in answers: private, no-store
    "audit.middleware.AuditActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.errors.EnvoyErrorMiddleware",  # Envoy's own errors on pages (the API maps its own)
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.DatabaseUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it answers locked-out sign-in attempts
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "accounts.context_processors.access",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    )
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has one writer at a time: a write waits up to SQLITE_TIMEOUT seconds for the
    # other, and takes the lock when its transaction begins, so that two transactions that
    # read and then write cannot lock each other out. WAL lets reads go on during a write.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": env.float("SQLITE_TIMEOUT", default=20.0),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "envoy",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_IGNORE_RESULT = True  # a task's state and report live in its TaskRun row
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=15 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=14 * 60)
# Imports of large files run longer than other tasks.
CELERY_LONG_TASK_SOFT_TIME_LIMIT = env.int("CELERY_LONG_TASK_SOFT_TIME_LIMIT", default=2 * 60 * 60)
# A task whose worker died unacknowledged is delivered again after this many seconds.
# Workers look for such tasks every CELERY_RESTORE_INTERVAL seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3 * 60 * 60),
    "unacked_restore_interval": env.int("CELERY_RESTORE_INTERVAL", default=60),
    "unacked_restore_throttle": 1,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "flag-stale-situations": {
        "task": "recommendations.tasks.flag_stale_situations",  # taskruns.services.FLAG_STALE
        "schedule": 24 * 60 * 60,
    },
    "webhooks-sweep": {
        "task": "webhooks.tasks.deliveries_sweep",  # webhooks.services.SWEEP
        "schedule": env.int("WEBHOOKS_SWEEP_SECONDS", default=30),
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses sign-ins while locked out
    "django.contrib.auth.backends.ModelBackend",
]
# Sign-in throttling: after AXES_FAILURE_LIMIT failures for one username from one address,
# sign-ins are refused for AXES_COOLOFF_MINUTES; a success resets the count.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# A session ends after SESSION_IDLE_HOURS without a request.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_HOURS", default=8) * 3600
SESSION_SAVE_EVERY_REQUEST = True
LOGOUT_REDIRECT_URL = "login"
# `manage.py backup` writes JSON with date-times to the microsecond (config/serializers.py).
SERIALIZATION_MODULES = {"exact-json": "config.serializers"}
# Proxies in front of Envoy that each append the client's address to X-Forwarded-For: with
# 0 (no proxy) the client is the connection's peer; the header is then never read
# (core.client). The audit trail, sign-in throttling and API throttling all use it.
NUM_PROXIES = env.int("NUM_PROXIES", default=0)
AXES_CLIENT_IP_CALLABLE = "core.client.client_address"
# The audit trail (audit/): changes as JSON; fixtures loaded raw (a restore) log nothing
# again. Each entry records the client's address (AUDIT_CLIENT_ADDRESS=0: none). Correlation
# ids are Envoy's own, never a request header: a task's entries carry the task's id.
AUDITLOG_STORE_JSON_CHANGES = True
AUDITLOG_DISABLE_ON_RAW_SAVE = True
AUDITLOG_DISABLE_REMOTE_ADDR = not env.bool("AUDIT_CLIENT_ADDRESS", default=True)
AUDITLOG_CID_HEADER = None

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Uploaded import files; the web and worker processes must share this directory.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"  # never served: imports are read by the workers only
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=100 * 1024 * 1024)
# A waiting or running task that has shown no sign of life for this many seconds is shown
# as interrupted: the process carrying it out died (a task beats at least once a chunk).
TASK_STALE_AFTER = env.int("TASK_STALE_AFTER", default=10 * 60)
# Any request body: at most DATA_UPLOAD_MAX_MEMORY_SIZE, plus IMPORT_MAX_BYTES on the import
# routes, checked before the body is read (core.limits).
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "core.limits.ImportFileSizeHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# A search query ranks, counts and lists at most this many matches (cases.selectors).
CASE_SEARCH_CANDIDATES = env.int("CASE_SEARCH_CANDIDATES", default=200)
# Event data (UCDP GED): the largest file, and how the situation form turns the deaths of
# the last months into a suggested violence level (README, "Event data (UCDP GED)").
EVENT_IMPORT_MAX_BYTES = env.int("EVENT_IMPORT_MAX_BYTES", default=1024 * 1024 * 1024)
EVENT_WINDOW_MONTHS = env.int("EVENT_WINDOW_MONTHS", default=3)
EVENT_CONFLICT_DEATHS_A_YEAR = env.int("EVENT_CONFLICT_DEATHS_A_YEAR", default=25)
EVENT_WAR_DEATHS_A_YEAR = env.int("EVENT_WAR_DEATHS_A_YEAR", default=1000)
EVENT_INTENSIFYING_RATIO = env.float("EVENT_INTENSIFYING_RATIO", default=2.0)
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_MANIFEST = env.bool("STATIC_MANIFEST", default=not DEBUG)
# Without collected, hashed files (debugging, tests) serve straight from the app folders.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = not STATIC_MANIFEST
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files (after collectstatic) unless debugging or testing.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Tokens first, so an anonymous request is told how to authenticate (401).
        "accounts.tokens.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["core.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "core.api.Pagination",
    "DEFAULT_FILTER_BACKENDS": [],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="60/min"),
        "user": env.str("API_THROTTLE_USER", default="1200/min"),
    },
    "DEFAULT_SCHEMA_CLASS": "config.schema.EnvoySchema",
    "EXCEPTION_HANDLER": "core.api.api_exception_handler",
    "NUM_PROXIES": NUM_PROXIES,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Envoy API",
    "DESCRIPTION": (
        "Conflict-phase decision support for multilateral political missions: assess a "
        "situation, get the phase, roles, mission models, lead organizations, Security Council "
        "tools and caveats, each explained and cited; browse the case library and catalogues."
    ),
    "VERSION": "1.0.0",
    # The groups of operations (config.schema.TAG_OF), in the order the documentation shows.
    "TAGS": [
        {"name": "Assessments", "description": "Assess a situation; read your assessments."},
        {"name": "Situations", "description": "The situations your teams track."},
        {"name": "Case library", "description": "Historical cases: search, read, curate."},
        {"name": "Catalogue", "description": "The reference data, each item cited."},
        {"name": "Rules", "description": "Versions of the rules and their rules."},
        {"name": "Imports and tasks", "description": "Bulk imports and background tasks."},
        {"name": "Teams", "description": "Your teams."},
        {"name": "Audit trail", "description": "Who changed what, and when."},
        {"name": "Webhooks", "description": "Tell other tools what happens: signed events."},
        {
            "name": "Event data",
            "description": "UCDP GED events, their upload, and what they suggest for a country.",
        },
    ],
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    # No badge from the public validator (validator.swagger.io): nothing loads from elsewhere.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "RegionEnum": "contract.choices.REGION_CHOICES",
        "TrackEnum": "contract.choices.TRACK_CHOICES",
        "SignpostFieldEnum": "recommendations.assessments.serializers.SIGNPOST_FIELD_CHOICES",
        "TrendFieldEnum": "recommendations.assessments.serializers.TREND_FIELD_CHOICES",
        "PhaseEnum": "contract.choices.PHASE_CHOICES",
        "ItemKindEnum": "contract.choices.ITEM_KIND_CHOICES",
        "OrganizationKindEnum": "missions.models.Organization.Kind",
        "RuleKindEnum": "recommendations.models.Rule.Kind",
        "OutcomeEnum": "cases.models.Case.Outcome",
        "DeliveryStatusEnum": "webhooks.models.Delivery.Status",
    },
}

# Behind a proxy that terminates HTTPS and sets X-Forwarded-Proto (overwriting a client's),
# TRUST_PROXY_SSL_HEADER=1 makes Envoy take its word that a request came over HTTPS.
if env.bool("TRUST_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Cookies travel over HTTPS only, unless told otherwise (a local server on plain HTTP).
SECURE_COOKIES = env.bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content security policy: scripts, styles, images and connections from this site only; no
# inline script or style anywhere (the API documentation pages alone allow inline styles).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The address of this site as other tools reach it: webhook events link to its pages with it.
SITE_URL = env.str("SITE_URL", default="http://localhost:8000").rstrip("/")
# Webhooks (webhooks/): a target may resolve to a loopback, private or link-local address only
# when this is on (a receiver inside the same network); timeouts of one delivery attempt.
WEBHOOKS_ALLOW_PRIVATE_TARGETS = env.bool("WEBHOOKS_ALLOW_PRIVATE_TARGETS", default=False)
WEBHOOKS_CONNECT_TIMEOUT = env.float("WEBHOOKS_CONNECT_TIMEOUT", default=5.0)
WEBHOOKS_TIMEOUT = env.float("WEBHOOKS_TIMEOUT", default=10.0)
# After a rotation, the previous secret still signs deliveries for this long.
WEBHOOKS_SECRET_GRACE_HOURS = env.int("WEBHOOKS_SECRET_GRACE_HOURS", default=24)

# Where the source texts live (citations are checked against them).
ENVOY_SEEDS_DIR = env.path("ENVOY_SEEDS_DIR", default=BASE_DIR.parent / "shared" / "seeds")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Sign-in throttling logs every successful sign-in at INFO; lock-outs are warnings.
    "loggers": {"axes": {"level": "WARNING"}},
}
