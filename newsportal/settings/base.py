"""Settings shared by every environment; the environment is read here and only here."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from articles.sanitizer import VIDEO_HOSTS as _VIDEO_HOSTS
from newsportal import csp as _csp

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name, default=False):
    """Read a boolean variable; refuse anything that is not clearly yes or no."""
    value = os.environ.get(name)
    if value is None:
        return default
    value = value.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}.")


def env_list(name, default=""):
    """Read a comma-separated list, ignoring blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    """Read an integer variable with a clear error."""
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}.") from exc


def env_float(name, default):
    """Read a decimal variable with a clear error."""
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return float(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}.") from exc


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = os.environ.get("SITE_NAME", "Newsportal")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "axes",
    "simple_history",
    "ckeditor",
    "ckeditor_uploader",
    "imagekit",
    "articles",
    "django_recaptcha",
    "comments",
    "ads",
    # Project glue: connects the apps' signals to the page cache (newsportal.apps).
    "newsportal.apps.NewsportalConfig",
]

MIDDLEWARE = [
    # First: everything after it sees the client's address, not the proxy's.
    "newsportal.middleware.ClientIPMiddleware",
    "newsportal.logging.RequestLogMiddleware",
    # A database outage met by a view answers 503 (handler500 covers the rest).
    "newsportal.dbfailure.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # After Django's CSP middleware: it picks the admin's policy before that one applies it.
    "newsportal.csp.PathPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, CSRF and messages: a hit skips them; a miss sees their cookies.
    "newsportal.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the outcome of authentication (lock-out after failures).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsportal.urls"
WSGI_APPLICATION = "newsportal.wsgi.application"

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
                "articles.context_processors.site",
                "comments.context_processors.most_commented",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
# No DATABASE_URL: an embedded SQLite file so that a newcomer runs the site
# with one command. PostgreSQL is the production database.
DATABASES = {
    # An empty DATABASE_URL (a blank line in .env) means "not set", like a missing one.
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if not IS_POSTGRES:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL lets readers and the one writer work side by side in development.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    )
else:
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env_int("DB_CONNECT_TIMEOUT", 5)
    )
# A PostgreSQL read replica: reader pages read from it, everything else (writes,
# the admin's reads inside transactions) goes to the primary. See db_router.py.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env_int("DB_CONNECT_TIMEOUT", 5)
    )
    # Tests run against the primary only: the replica is a copy of it.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsportal.db_router.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("newsportal.logging.RequestLogMiddleware") + 1,
        "newsportal.db_router.ReplicaReadsMiddleware",
    )

# --- Cache --------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
# After a Redis failure, each process skips the cache this long before trying again.
CACHE_BREAKER_SECONDS = env_float("CACHE_BREAKER_SECONDS", 5)
if REDIS_URL:
    from newsportal import cachebreaker as _cachebreaker

    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "np"),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
                # A cache outage must not take the site down: pages fall back
                # to the database.
                "IGNORE_EXCEPTIONS": True,
                # A hung Redis costs one timeout per process, not one per call.
                "CONNECTION_POOL_KWARGS": {"connection_class": _cachebreaker.BreakerConnection},
            },
        }
    }
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Page cache ------------------------------------------------------------------
# Anonymous GET pages from the cache above, invalidated exactly (newsportal.pagecache).
# Off by default with DEBUG, so that template edits show at once in development.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", not DEBUG)
# Safety net only: changes invalidate at once; this bounds what nothing signals.
PAGE_CACHE_TTL = min(env_int("PAGE_CACHE_TTL", 60), 60)
# What browsers and CDNs are told (they are not invalidated: keep it short).
PAGE_CACHE_MAX_AGE = env_int("PAGE_CACHE_MAX_AGE", 60)
PAGE_CACHE_STALE_WHILE_REVALIDATE = env_int("PAGE_CACHE_STALE_WHILE_REVALIDATE", 30)
# A cached page carries no CSRF token: comments.js asks for one (see comments.views).
CSRF_FAILURE_VIEW = "newsportal.views.csrf_failure"

# --- Authentication -------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"
LOGIN_URL = f"/{ADMIN_URL}login/"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)

# --- Internationalisation -------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Editorial content (titles, bodies, comments) is written in French whatever the UI language:
# templates mark it with lang="fr" when the reader's UI is in another language.
CONTENT_LANGUAGE_CODE = "fr"
TIME_ZONE = os.environ.get("TIME_ZONE", "Africa/Porto-Novo")
USE_I18N = True
USE_TZ = True

# --- Static and media files ---------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600

# --- Storage: uploads on this machine, or on S3-compatible object storage --------
# MEDIA_STORAGE=s3 lets several web machines share uploads (django-storages).
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "local").strip().lower() or "local"
if MEDIA_STORAGE not in {"local", "s3"}:
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'local' or 's3', not {MEDIA_STORAGE!r}.")
MEDIA_ORIGINS = []  # where browsers fetch uploads from, besides this site (CSP)
if MEDIA_STORAGE == "s3":
    AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL", "").rstrip("/") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    # Unset: boto3's own chain (instance role, ~/.aws) provides the credentials.
    AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID") or None
    AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN", "").strip("/") or None
    AWS_LOCATION = os.environ.get("AWS_LOCATION", "media").strip("/")
    # Media are public: the bucket policy grants public read on AWS_LOCATION (see
    # README), objects carry no ACL of their own, and URLs are plain, stable and
    # cacheable (no signature that expires inside a cached page).
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)
    # Two uploads with one name must not replace each other's file.
    AWS_S3_FILE_OVERWRITE = False
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=604800"}
    # Path-style addresses work with every S3-compatible service (MinIO, Ceph…).
    AWS_S3_ADDRESSING_STYLE = "path" if AWS_S3_ENDPOINT_URL else "virtual"
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    # MEDIA_URL must be the files' public address: the body sanitizer only keeps
    # images whose src starts with it.
    if AWS_S3_CUSTOM_DOMAIN:
        _media_origin = f"https://{AWS_S3_CUSTOM_DOMAIN}"
    elif AWS_S3_ENDPOINT_URL:
        _media_origin = AWS_S3_ENDPOINT_URL
    elif AWS_S3_REGION_NAME and AWS_S3_REGION_NAME != "us-east-1":
        _media_origin = f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{AWS_S3_REGION_NAME}.amazonaws.com"
    else:
        _media_origin = f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"
    # Path-style endpoints name the bucket in the path; the others in the host.
    _bucket_path = f"/{AWS_STORAGE_BUCKET_NAME}" if _media_origin == AWS_S3_ENDPOINT_URL else ""
    MEDIA_URL = f"{_media_origin}{_bucket_path}/{AWS_LOCATION}/"
    MEDIA_URL = os.environ.get("MEDIA_URL") or MEDIA_URL
    MEDIA_ORIGINS = [_media_origin]

# Uploads: images only, bounded in bytes and in pixels (decompression bombs).
IMAGE_MAX_BYTES = env_int("IMAGE_MAX_BYTES", 10 * 1024 * 1024)
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 40_000_000)
IMAGE_ALLOWED_FORMATS = ("JPEG", "PNG", "GIF", "WEBP")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# --- Rich text (CKEditor 4) --------------------------------------------------------
CKEDITOR_UPLOAD_PATH = "editor/"
CKEDITOR_IMAGE_BACKEND = "ckeditor_uploader.backends.PillowBackend"
CKEDITOR_ALLOW_NONIMAGE_FILES = False
CKEDITOR_RESTRICT_BY_USER = False
CKEDITOR_BROWSE_SHOW_DIRS = True
CKEDITOR_CONFIGS = {
    "default": {
        "toolbar": "Custom",
        "toolbar_Custom": [
            ["Format", "Bold", "Italic", "Underline", "Strike"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["Link", "Unlink"],
            ["Image", "Table", "HorizontalRule"],
            ["Undo", "Redo", "RemoveFormat", "Source"],
        ],
        "format_tags": "p;h2;h3;h4",
        "height": 420,
        "width": "100%",
        "extraPlugins": "image2",
        "removePlugins": "image",
        "language": "fr",
        "versionCheck": False,
    }
}
SILENCED_SYSTEM_CHECKS = [
    # ckeditor.W001 warns that CKEditor 4 is end-of-life with known client-side
    # XSS issues. The editor is kept because the newsroom asked for it; what it
    # lets through never reaches readers: every body is sanitized on the server
    # with an nh3 allowlist before it is stored (articles.sanitizer), uploads
    # are staff-only and checked by Pillow, non-image uploads are refused and
    # /media/ is served with X-Content-Type-Options: nosniff.
    "ckeditor.W001",
]

# --- Email (Django 6.1 mailers) ------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "redaction@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if os.environ.get("EMAIL_URL"):
    _mail = urlsplit(os.environ["EMAIL_URL"])
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _mail.hostname or "localhost",
                "port": _mail.port or 587,
                "username": _mail.username or "",
                "password": _mail.password or "",
                "use_tls": _mail.scheme == "smtp+tls",
                "use_ssl": _mail.scheme == "smtps",
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# --- Security headers (hardened further in prod.py) ------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Pages are never framed, except ad documents, which say SAMEORIGIN themselves.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# How many reverse proxies in front append to X-Forwarded-For (nginx: 1). 0 means
# the header is ignored: anyone could write it (see newsportal/middleware.py).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "newsportal.middleware.client_ip"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Logging: everything to stdout (12-factor) ------------------------------------
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain" if DEBUG else "json")
LOG_REQUESTS = env_bool("LOG_REQUESTS", not DEBUG)
SLOW_REQUEST_MS = env_int("SLOW_REQUEST_MS", 500)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "newsportal.logging.RequestIdFilter"},
        "cache_circuit_open": {"()": "newsportal.cachebreaker.SkipWhileOpen"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "newsportal.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        # The access log comes from our middleware, with the request id.
        "django.server": {"level": "WARNING"},
        # During a Redis outage: one traceback per process and opening, not one per call.
        "django_redis.cache": {"filters": ["cache_circuit_open"]},
    },
}

# --- Newsroom -----------------------------------------------------------------
ARTICLES_PER_PAGE = env_int("ARTICLES_PER_PAGE", 20)
CKEDITOR_FILENAME_GENERATOR = "articles.images.editor_upload_filename"

# --- Comments -------------------------------------------------------------------
# reCAPTCHA v3 keys for this domain. Without them, DEBUG on uses a local verifier
# (no network) and DEBUG off fails the system check comments.E001.
RECAPTCHA_PUBLIC_KEY = os.environ.get("RECAPTCHA_PUBLIC_KEY", "")
RECAPTCHA_PRIVATE_KEY = os.environ.get("RECAPTCHA_PRIVATE_KEY", "")
# Development settings turn this on: without keys, the local verifier stands in
# for Google (the form says so) even with DEBUG off. Production never does.
RECAPTCHA_LOCAL_VERIFIER = False
RECAPTCHA_REQUIRED_SCORE = env_float("RECAPTCHA_REQUIRED_SCORE", 0.5)
# Sync workers wait for Google: a short timeout, then the comment is held as pending.
RECAPTCHA_VERIFY_REQUEST_TIMEOUT = env_int("RECAPTCHA_VERIFY_REQUEST_TIMEOUT", 3)
COMMENTS_AUTO_CLOSE_DAYS = env_int("COMMENTS_AUTO_CLOSE_DAYS", 30)  # 0: never
COMMENTS_RATE_LIMIT = env_int("COMMENTS_RATE_LIMIT", 5)  # comments per IP per window
COMMENTS_RATE_WINDOW = env_int("COMMENTS_RATE_WINDOW", 10 * 60)  # seconds
COMMENTS_DUPLICATE_WINDOW = env_int("COMMENTS_DUPLICATE_WINDOW", 10 * 60)  # seconds
COMMENTS_MAX_LINKS = env_int("COMMENTS_MAX_LINKS", 2)  # more links: held for moderation
COMMENTS_PER_PAGE = env_int("COMMENTS_PER_PAGE", 50)
COMMENTS_RETENTION_DAYS = env_int("COMMENTS_RETENTION_DAYS", 90)  # then IP and browser erased
COMMENTS_AUTO_APPROVE_KNOWN_AUTHORS = env_bool("COMMENTS_AUTO_APPROVE_KNOWN_AUTHORS", False)

# --- Ads --------------------------------------------------------------------------
# Impressions and clicks are counted in the cache and written to the daily AdStat
# rows at most this often (also by `manage.py flush_ad_stats`): the loss window if
# the cache itself is lost (locmem: a process restart; Redis: per its persistence).
ADS_FLUSH_INTERVAL_SECONDS = env_int("ADS_FLUSH_INTERVAL_SECONDS", 60)
# Longest time a change in which ads may run (campaign start/end, cap) waits to show.
ADS_ELIGIBILITY_TTL_SECONDS = env_int("ADS_ELIGIBILITY_TTL_SECONDS", 60)
ADS_COUNTER_DAYS = env_int("ADS_COUNTER_DAYS", 7)  # cache counters older than this are dropped
ADS_INLINE_AFTER_PARAGRAPH = env_int("ADS_INLINE_AFTER_PARAGRAPH", 3)

# --- Security: Content-Security-Policy ---------------------------------------------
# Django's built-in CSP (SECURE_CSP); policies in newsportal/csp.py. The admin and
# CKEditor pages get CSP_ADMIN_POLICY (see newsportal.csp.PathPolicyMiddleware).
# CSP_REPORT_ONLY=1 sends the same policies as Content-Security-Policy-Report-Only
# (to try a change on production traffic); CSP_REPORT_URI collects the reports.
_reader_csp = _csp.reader_policy(
    video_hosts=_VIDEO_HOSTS,
    media_origins=MEDIA_ORIGINS,
    # DEBUG off requires reCAPTCHA keys (comments.E001), so the comment form loads
    # Google's script; DEBUG on without keys uses a local verifier and loads nothing.
    recaptcha=bool(RECAPTCHA_PUBLIC_KEY) or not DEBUG,
    report_uri=os.environ.get("CSP_REPORT_URI", ""),
)
CSP_ADMIN_POLICY = _csp.admin_policy(_reader_csp)
# Ad partners' hosts (comma-separated origins, e.g. https://cdn.partner.example): HTML
# creatives may load only from them. Empty: anything, inside the iframe's sandbox.
ADS_PARTNER_HOSTS = env_list("ADS_PARTNER_HOSTS")
if env_bool("CSP_REPORT_ONLY", False):
    SECURE_CSP = {}
    SECURE_CSP_REPORT_ONLY = _reader_csp
else:
    SECURE_CSP = _reader_csp
    SECURE_CSP_REPORT_ONLY = {}
