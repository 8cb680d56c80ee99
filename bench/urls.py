"""The portal's URLs plus /bench/minimal/: Django's floor for bench/load.sh.

The minimal view answers the bytes of a page saved earlier (the file BENCH_PAGE_FILE names:
the item page) through the same middleware as every page, with no query and no template:
what serving that page costs the framework alone. Kept out of portal/urls.py so production
never has it.
"""

import os
from functools import cache
from pathlib import Path

from django.http import HttpResponse
from django.urls import path

from portal.urls import handler404, handler500, urlpatterns  # noqa: F401


@cache
def _page():
    """Read once per worker, on the first request (the file is saved after the server starts)."""
    return Path(os.environ["BENCH_PAGE_FILE"]).read_bytes()


def minimal(request):
    return HttpResponse(_page(), content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/minimal/", minimal), *urlpatterns]
