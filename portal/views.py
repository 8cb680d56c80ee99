from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt, requires_csrf_token
from django.views.decorators.http import require_POST

from lifecycle.models import Jurisdiction, Lifecycle

from .context_processors import ELDERLY_COOKIE

# A year: a reader who needs large type needs it on the next visit too.
ELDERLY_COOKIE_AGE = 365 * 24 * 60 * 60


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
