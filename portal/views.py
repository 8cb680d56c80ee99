import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponseRedirect, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.crypto import get_random_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, requires_csrf_token
from django.views.decorators.http import require_POST, require_safe

from lifecycle.models import Jurisdiction, Lifecycle

from .caching import public_page
from .context_processors import ELDERLY_COOKIE

logger = logging.getLogger(__name__)

# A year: a reader who needs large type needs it on the next visit too.
ELDERLY_COOKIE_AGE = 365 * 24 * 60 * 60


@public_page
def home(request):
    lifecycles = Lifecycle.objects.for_overview()
    jurisdictions = Jurisdiction.objects.prefetch_related(Prefetch("lifecycles", queryset=lifecycles))
    context = {"jurisdictions": jurisdictions}
    return render(request, "portal/home.html", context)


# No CSRF token: the switch only sets a display preference, and a token on every page would
# set a per-visitor cookie that keeps the pages out of any shared cache.
@csrf_exempt
@require_POST
def elderly_mode(request):
    """Turn elderly mode (长辈版) on or off with a cookie, then go back to the page it was asked from."""
    turn_on = request.POST.get("elderly") == "1"
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("home")
    response = HttpResponseRedirect(next_url)
    if turn_on:
        response.set_cookie(
            ELDERLY_COOKIE, "1", max_age=ELDERLY_COOKIE_AGE, secure=request.is_secure(), httponly=True, samesite="Lax"
        )
    else:
        response.delete_cookie(ELDERLY_COOKIE, samesite="Lax")
    return response


@requires_csrf_token
def page_not_found(request, exception):
    # Links back to the default jurisdiction's lifecycles without a query: the 404 may be
    # for exactly that jurisdiction, and a missing page should not cost a database trip.
    context = {"default_jurisdiction": settings.PORTAL_DEFAULT_JURISDICTION}
    return render(request, "404.html", context, status=404)


@requires_csrf_token
def server_error(request):
    # Rendered without the request: context processors read the session and the user,
    # and the database behind them may be what just failed.
    template = loader.get_template("500.html")
    context = {"default_jurisdiction": settings.PORTAL_DEFAULT_JURISDICTION}
    return HttpResponseServerError(template.render(context))


# How long a client should wait before trying again after a 503 (seconds).
RETRY_AFTER = 30


def service_unavailable(request):
    """The 503 page: the database is down (portal.middleware.DatabaseUnavailableMiddleware).

    Rendered without the request's context processors and without a query: the session and
    the user behind them live in the database that just failed. The open-data API answers
    JSON instead, in the shape of its other errors (Django REST framework's {"detail": …}).
    """
    if request.path_info.startswith(settings.API_PREFIX):
        body = {"detail": "服务暂时不可用，请稍后再试。"}
        response = JsonResponse(body, status=503, json_dumps_params={"ensure_ascii": False})
    else:
        template = loader.get_template("503.html")
        context = {
            "default_jurisdiction": settings.PORTAL_DEFAULT_JURISDICTION,
            "elderly_mode": request.COOKIES.get(ELDERLY_COOKIE) == "1",
        }
        response = HttpResponse(template.render(context), status=503)
    response.headers["Retry-After"] = str(RETRY_AFTER)
    add_never_cache_headers(response)
    return response


@never_cache
@require_safe
def healthz(request):
    """For load balancers and monitoring: 200 when the database and the cache answer, else 503.

    The body says which failed; the reason goes to the log, not to whoever asks.
    """
    checks = {"database": _database_answers(), "cache": _cache_answers()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "unavailable"}
    body.update({name: "ok" if answered else "unavailable" for name, answered in checks.items()})
    return JsonResponse(body, status=200 if healthy else 503)


def _database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return False
    return True


def _cache_answers():
    key, token = "portal:healthz", get_random_string(12)
    try:
        cache.set(key, token, timeout=10)
        answered = cache.get(key) == token
    except Exception:
        # Whatever the backend raises (Redis refused or timed out): the cache is down.
        logger.exception("Health check: the cache does not answer")
        return False
    if not answered:
        logger.error("Health check: the cache did not keep a value")
    return answered
