"""Hankeportaali settings: one module, read from the environment.

Every variable and its default is listed in the ``env`` block below. The
defaults give the embedded demo mode of ``make run``: SQLite under ``var/``,
a Celery worker on kombu's filesystem transport, email as ``.eml`` files.
Setting ``DATABASE_URL``, ``REDIS_URL`` and ``EMAIL_URL`` switches to the real
services. With ``DEBUG`` off, ``SECRET_KEY`` must be given: it is never
generated.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env(
    DEBUG=(bool, True),
    SECRET_KEY=(str, ""),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost", "[::1]"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
    DATABASE_URL=(str, f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
    CONN_MAX_AGE=(int, 60),
    REDIS_URL=(str, ""),
    EMAIL_URL=(str, ""),
    DEFAULT_FROM_EMAIL=(str, "Hankeportaali <noreply@example.fi>"),
    SITE_ADMINS=(list, ["yllapito@example.fi"]),
    SITE_URL=(str, "http://127.0.0.1:8000"),
    SECURE=(bool, False),
    MEDIA_ROOT=(str, str(VAR_DIR / "media")),
    STATIC_ROOT=(str, str(VAR_DIR / "static")),
    LOG_LEVEL=(str, "INFO"),
)

DEBUG = env("DEBUG")
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only the demo mode (DEBUG on) gets a fixed, obviously insecure key, so
    # sessions survive restarts; it can never reach a production process.
    SECRET_KEY = "demo-only-insecure-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL").rstrip("/")

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    # Only for its static files: the newsletter editor imports its built
    # Tiptap/ProseMirror module (static/js/newsletter-editor.js) directly,
    # without its widget's inline importmap, which the CSP would refuse.
    "django_prose_editor",
    "rules.apps.AutodiscoverRulesConfig",
    "portal",
    "projects",
    "newsletters",
    "pilots",
    "feedback",
    # At the top: reports read the selectors of every app below it.
    "reports",
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
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "portal.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
DATABASES = {"default": env.db_url("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env("CONN_MAX_AGE")
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, Celery --------------------------------------------------------
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    # The embedded mode shares its cache between the web and worker
    # processes through the database (rate limits must hold across both).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
        }
    }
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_FOLDER = VAR_DIR / "celery" / "queue"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_FOLDER),
        "data_folder_out": str(CELERY_BROKER_FOLDER),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
# When the broker is down, publishing gives up quickly; the outbox sweeper
# (portal.tasks.email_requeue_stale) sends what could not be enqueued.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Seconds before the first retry of a message the mail server deferred
# (4xx) or could not take; doubled at each attempt, at most 15 minutes.
EMAIL_RETRY_BACKOFF = env.int("EMAIL_RETRY_BACKOFF", default=30)
CELERY_BEAT_SCHEDULE = {
    # Mail claimed by a worker that died before sending goes back to the queue.
    "email-requeue-stale": {
        "task": "portal.tasks.email_requeue_stale",
        "schedule": 300.0,
    },
}

# --- Email ----------------------------------------------------------------
EMAIL_URL = env("EMAIL_URL")
if EMAIL_URL:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "portal.lib.mail.EmlFileBackend"
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SITE_ADMINS = env("SITE_ADMINS")
EMAIL_TIMEOUT = 10

# --- Auth -----------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "portal:login"
LOGIN_REDIRECT_URL = "portal:workspace"
LOGOUT_REDIRECT_URL = "portal:home"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours: a finite 15-minute lockout
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Django's username field is 150 characters; longer input never reaches axes.
AXES_USERNAME_CALLABLE = "portal.lib.auth.axes_username"

# --- Internationalisation ---------------------------------------------------
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", "Suomi"), ("sv", "Svenska")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Helsinki"
MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_LANGUAGES = ("fi", "sv")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fi",)}
LANGUAGE_COOKIE_SECURE = env("SECURE")
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static and media -------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Security ---------------------------------------------------------------
SECURE = env("SECURE")
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
SILENCED_SYSTEM_CHECKS: list[str] = []

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Logging: no personal data; requests are logged without query strings.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL")},
    "loggers": {
        "django.security.DisallowedHost": {"level": "ERROR"},
        # axes logs usernames and IP addresses below ERROR: keep them out.
        "axes": {"level": "ERROR"},
        # WeasyPrint reports every layout step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Portal -----------------------------------------------------------------
PORTAL_PAGE_SIZE = 20
ACCESSIBILITY_REPLY_DAYS = 14

# --- Pilots -----------------------------------------------------------------
# Attachments of progress entries: checked for type and size, kept outside
# MEDIA_ROOT and served only through a permission-checked view. Name an alias
# of STORAGES in PILOTS_ATTACHMENT_STORAGE to keep them elsewhere (S3).
PILOTS_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
PILOTS_ATTACHMENT_ROOT = Path(MEDIA_ROOT).parent / "private" / "pilots"
PILOTS_ATTACHMENT_STORAGE = ""

# --- Feedback surveys ---------------------------------------------------------
# Figures of fewer responses than this are never shown (small-group
# suppression); 3 is the lowest value accepted.
FEEDBACK_MIN_GROUP = env.int("FEEDBACK_MIN_GROUP", default=5)
if FEEDBACK_MIN_GROUP < 3:
    raise ImproperlyConfigured("FEEDBACK_MIN_GROUP must be at least 3.")
# Responses one client may send per hour (counted in the cache, hashed).
FEEDBACK_RATE_LIMIT = env.int("FEEDBACK_RATE_LIMIT", default=20)
# Larger exports than this many responses are built by a Celery worker.
FEEDBACK_EXPORT_SYNC_MAX = env.int("FEEDBACK_EXPORT_SYNC_MAX", default=2000)
# Exports hold answers: kept outside MEDIA_ROOT, served only through a view.
FEEDBACK_EXPORT_DIR = env.str(
    "FEEDBACK_EXPORT_DIR", default=str(VAR_DIR / "private" / "feedback-exports")
)

# --- Newsletters ------------------------------------------------------------
# Messages per worker per second (0: no cap), deliveries claimed at a time
# (one SMTP connection each), and when a claim counts as abandoned.
NEWSLETTER_RATE_LIMIT = env.float("NEWSLETTER_RATE_LIMIT", default=0.0)
NEWSLETTER_CHUNK_SIZE = env.int("NEWSLETTER_CHUNK_SIZE", default=100)
NEWSLETTER_SENDING_TIMEOUT = env.int("NEWSLETTER_SENDING_TIMEOUT", default=120)
CELERY_BEAT_SCHEDULE["newsletter-publish-due"] = {
    "task": "newsletters.tasks.newsletter_publish_due",
    "schedule": 60.0,
}
CELERY_BEAT_SCHEDULE["newsletter-sweep"] = {
    "task": "newsletters.tasks.newsletter_sweep",
    "schedule": 120.0,
}

# An export that records no progress for this long (it does every few
# thousand rows) has lost its worker: the sweep hands it to another.
FEEDBACK_EXPORT_STALE_AFTER = env.int("FEEDBACK_EXPORT_STALE_AFTER", default=120)
CELERY_BEAT_SCHEDULE["export-requeue-stale"] = {
    "task": "feedback.tasks.export_requeue_stale",
    "schedule": 60.0,
}

# --- Reports ------------------------------------------------------------------
# PDFs of draft reports are not public: kept outside MEDIA_ROOT, served
# through a permission-checked view.
REPORTS_PDF_DIR = env.str(
    "REPORTS_PDF_DIR", default=str(VAR_DIR / "private" / "report-pdfs")
)
# A render that shows no sign of life for this long (its worker died) is
# queued again by the sweeper; the task itself is stopped after the limit.
REPORTS_RENDER_TIME_LIMIT = env.int("REPORTS_RENDER_TIME_LIMIT", default=300)
REPORTS_RENDER_STALE_AFTER = env.int("REPORTS_RENDER_STALE_AFTER", default=330)
# PDFs are made on their own queue by a worker with concurrency 1 (see
# docker-compose.yml): a long render never holds up email.
CELERY_TASK_ROUTES = {"reports.tasks.report_render": {"queue": "pdf"}}
CELERY_BEAT_SCHEDULE["report-render-sweep"] = {
    "task": "reports.tasks.report_render_sweep",
    "schedule": 60.0,
}
# A queued or running render that no worker has touched for this long is
# shown as such on its progress page ("nothing heard of the worker").
REPORTS_RENDER_QUIET_AFTER = env.int("REPORTS_RENDER_QUIET_AFTER", default=90)
# PDFs of superseded revisions (the text changed since) are removed after
# this many days; the approved revision's PDFs are kept.
REPORTS_PDF_RETENTION_DAYS = env.int("REPORTS_PDF_RETENTION_DAYS", default=30)
CELERY_BEAT_SCHEDULE["report-render-purge"] = {
    "task": "reports.tasks.report_render_purge",
    "schedule": 6 * 3600.0,
}
