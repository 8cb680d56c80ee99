"""The page cache: public pages kept whole in Django's cache (Redis in production).

A page is the same for every visitor given its URL (which holds the language: /en/…), the
elderly-mode cookie and the catalog. So the cache key is made of the first two, and each kept
page carries the catalog version it was built from: a number kept in the cache itself that
staff edits, imports and load_catalog replace (catalog_version_bump). A page of an older
version is not served but rebuilt, so an edit shows on the next request. The version and the
page are read together, in one round trip to Redis.

Only the views marked @public_page are kept, only their 200 answers without cookies, and
never for a request carrying a session (signed-in staff). The cache is an optimisation: when
it is down, pages are built from the database as if it were empty.
"""

import hashlib
import logging
import math
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.http import http_date

from .context_processors import ELDERLY_COOKIE

logger = logging.getLogger(__name__)

VERSION_KEY = "portal:catalog-version"
# How long the reverse proxy may keep a public page (s-maxage; deploy/nginx.conf micro-caches
# for as long). Browsers get max-age=0: they revalidate with the ETag every time.
SHARED_MAX_AGE = 10


def catalog_version():
    """The catalog version: the time (ns) of the last change. Reads the cache; None when it is down."""
    try:
        return cache.get(VERSION_KEY) or _start_version()
    except Exception:
        # Any backend's error (Redis refused, timed out): the page is built without the cache.
        logger.warning("Cache unavailable: reading the catalog version", exc_info=True)
        return None


def _start_version():
    """A cache without a version (new, flushed, evicted) starts one: no page kept before can match it."""
    cache.add(VERSION_KEY, time.time_ns(), timeout=None)
    return cache.get(VERSION_KEY)


def catalog_version_bump():
    """Start a new catalog version once the current transaction commits (at once outside one).

    Every cached page is then rebuilt on its next request. After the commit, not before: a page
    built between the two would show the old catalog under the new version. Called by the
    admin (portal/admin_mixins.py), catalog_import, load_catalog and invalidate_page_cache.
    """
    transaction.on_commit(_bump, robust=True)


def _bump():
    previous = cache.get(VERSION_KEY) or 0
    # Later than the previous one even if this server's clock is behind another's.
    cache.set(VERSION_KEY, max(time.time_ns(), previous + 1), timeout=None)


def public_page(view):
    """Mark a view whose answers are the same for every visitor: the page cache keeps them.

    Adds Cache-Control (public; browsers revalidate, the reverse proxy keeps it SHARED_MAX_AGE
    seconds), Vary: Cookie (the elderly-mode cookie changes the page) and Last-Modified (the
    catalog version). The ETag comes from ConditionalGetMiddleware.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=0, s_maxage=SHARED_MAX_AGE)
        patch_vary_headers(response, ["Cookie"])
        # The page cache has read the version already (PageCacheMiddleware); else read it.
        version = getattr(request, "catalog_version", None) or catalog_version()
        if version is not None and not response.has_header("Last-Modified"):
            response.headers["Last-Modified"] = http_date(math.ceil(version / 1e9))
        return response

    return wrapped


def page_cache_key(request):
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    display = "elderly" if request.COOKIES.get(ELDERLY_COOKIE) == "1" else "standard"
    # The absolute URL: pages print their own address and link their other-language twin with it.
    url = hashlib.md5(request.build_absolute_uri().encode(), usedforsecurity=False).hexdigest()
    return f"page:{language}:{display}:{url}"


def _storable(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "public" in cache_control
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class PageCacheMiddleware:
    """Answer GET and HEAD from the page cache; keep what @public_page views answer to GET."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._may_use_cache(request):
            return self.get_response(request)
        key = page_cache_key(request)
        try:
            found = cache.get_many([VERSION_KEY, key])
            version = found.get(VERSION_KEY) or _start_version()
        except Exception:
            logger.warning("Cache unavailable: reading a page", exc_info=True)
            return self.get_response(request)
        kept_version, kept_response = found.get(key, (None, None))
        if kept_version == version:
            return kept_response
        request.catalog_version = version
        response = self.get_response(request)
        if request.method == "GET" and _storable(response):
            # Computed once here rather than by ConditionalGetMiddleware on every hit.
            set_response_etag(response)
            try:
                # Under the version read before the page was built: if staff changed the
                # catalog meanwhile, the next request builds it again.
                cache.set(key, (version, response), settings.PAGE_CACHE_SECONDS)
            except Exception:
                logger.warning("Cache unavailable: keeping a page", exc_info=True)
        return response

    def _may_use_cache(self, request):
        # Signed-in staff always see the pages fresh from the database.
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )
