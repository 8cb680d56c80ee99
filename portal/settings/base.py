"""Settings shared by every environment. Environment-specific modules import * from here."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "simple_history",
    "axes",
    "corsheaders",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "portal",
    "lifecycle",
    "catalog",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything that can answer on its own (whitenoise, CommonMiddleware's redirects).
    # django-cors-headers' middleware, answering the same to every origin (portal/security.py).
    "portal.security.PublicApiCorsMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "portal.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag on every page and 304 to a browser that has it; outside the page cache, so a page
    # served from the cache is answered with 304 too.
    "django.middleware.http.ConditionalGetMiddleware",
    # With the database down: the 503 page instead of a 500 (its process_exception).
    "portal.middleware.DatabaseUnavailableMiddleware",
    # Public pages from the cache (portal/caching.py): before the session, locale and CSRF
    # middleware, which a cached page does not need.
    "portal.caching.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records which staff member made each change in the history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out user before the password is even checked.
# (force_login, used by the tests, bypasses backends and still works.)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.display",
            ],
        },
    },
]


def database_from_url(url):
    """Parse DATABASE_URL; only SQLite and PostgreSQL are supported."""
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if config["ENGINE"] not in (
        "django.db.backends.sqlite3",
        "django.db.backends.postgresql",
    ):
        raise ImproperlyConfigured(
            f"DATABASE_URL must be a sqlite:// or postgres:// URL; got engine {config['ENGINE']}."
        )
    return config


DATABASES = {"default": database_from_url(env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_from_url(url):
    """CACHES["default"] from REDIS_URL or CACHE_URL: redis:// or rediss:// (Redis), locmem:// (this process)."""
    if url.startswith(("redis://", "rediss://")):
        return {
            # Django's RedisCache, reusing its redis clients (portal/redis_cache.py).
            "BACKEND": "portal.redis_cache.PooledRedisCache",
            "LOCATION": url,
            # A cache that does not answer within a second is treated as down: pages are then
            # built from the database (portal/caching.py) and /healthz reports it.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    if url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": url.removeprefix("locmem://")}
    raise ImproperlyConfigured(f"REDIS_URL / CACHE_URL must be a redis://, rediss:// or locmem:// URL; got {url!r}.")


# Redis in production: one cache shared by every app server, so a staff edit reaches them all
# at once. Without one, each process keeps its own (fine for one process: runserver, tests).
CACHES = {"default": cache_from_url(env_str("REDIS_URL") or env_str("CACHE_URL", "locmem://"))}
# How long a public page stays in that cache. Staff edits, imports and load_catalog start a new
# catalog version, so they never wait for it; 0 turns the page cache off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600, minimum=0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
# The catalog data is Chinese in every language; English translates the interface only
# (locale/en/). Chinese is served at /, English under /en/ (portal/urls.py).
LANGUAGES = [("zh-hans", _("简体中文")), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Where collectstatic writes, and where nginx serves /static/ from (deploy/nginx.conf).
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# The jurisdiction whose catalog the home page shows first.
PORTAL_DEFAULT_JURISDICTION = "weihai"

# Uploaded import files wait here between the admin's preview and confirm steps.
IMPORT_STAGING_DIR = env_str("IMPORT_STAGING_DIR", str(BASE_DIR / "var" / "imports"))


# -- Security headers (production.py adds HSTS, HTTPS-only cookies and the HTTPS redirect) --

# Django's defaults, spelled out because a test asserts them: nosniff, no referrer to other
# sites, no framing. The CSRF cookie is never read by JavaScript, so it is HttpOnly too.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# Everything from our own origin, nothing inline: the templates carry no <script> or style
# attribute (tests/test_site.py checks every page). JSON-LD (<script type="application/ld+json">)
# is a data block, never executed, so script-src does not apply to it. The admin's pages
# also get style-src 'unsafe-inline' (portal/security.py): its widgets write style attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Powerful browser features the portal never uses, switched off for the page and any frame.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "xr-spatial-tracking",
    )
}

# -- Admin sign-in throttling (django-axes) --

# Five wrong passwords for one user name lock that name out for 30 minutes, from any
# address: behind the reverse proxy every request comes from the proxy's address, and staff
# share their office's address, so locking by address would lock out whole offices.
# `manage.py axes_reset_username NAME` lifts a lock early (README, “Admin sign-in”).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
# axes.W006 asks for the address among the lockout parameters, because a lock on a user name
# plus user agent or cookie can be dodged by changing those. A lock on the user name alone
# cannot: a new address, agent or cookie still meets the same lock.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# -- Open data: the read-only API at /api/ (catalog/api/) --

REST_FRAMEWORK = {
    # JSON only: the browsable API's pages carry inline script, which the CSP forbids.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    # Anonymous and read-only: no session is read, so no cookie and no CSRF check.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_FILTER_BACKENDS": ["catalog.api.filtering.CatalogFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "catalog.api.pagination.CatalogPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "威海市“双全双百”政务服务事项 开放数据接口",
    "DESCRIPTION": (
        "Read-only JSON for Weihai's 政务服务“双全双百” catalog: lifecycles, stages, scenarios, "
        "items with their sub-items and departments, and departments with their items. "
        "Every list is paginated (`page`, `page_size`) and open to any origin (CORS, GET only)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # /api/search/ is a plain Django view (catalog.views.search_api): described by hand.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "catalog.api.schema.add_search_endpoint",
    ],
}

# Where the open-data API lives (portal/urls.py mounts catalog.api.urls there): JSON, never
# pages, also when the database is down (portal.views.service_unavailable).
API_PREFIX = "/api/"

# Any site may read the API from a browser; nothing else is shared, and nothing but reads.
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = rf"^{API_PREFIX}.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
