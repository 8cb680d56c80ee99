from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from lifecycle.models import Jurisdiction, Lifecycle


def home(request):
    lifecycles = Lifecycle.objects.for_overview()
    jurisdictions = Jurisdiction.objects.prefetch_related(Prefetch("lifecycles", queryset=lifecycles))
    context = {"jurisdictions": jurisdictions}
    return render(request, "portal/home.html", context)


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
    return HttpResponseServerError(template.render())
