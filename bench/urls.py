"""The portal's URLs plus the floor views of bench/load.sh, each cheaper than any portal page.

- /bench/minimal/: the bytes of a page saved earlier (the file BENCH_PAGE_FILE names: the item
  page) through the same middleware as every page, with no query and no template: what serving
  that page costs the framework alone. The target's "minimal Django view".
- /bench/reference/: the reference page of the machine notes (../shared/TOOLING.md), a minimal
  Django page rendering 50 list items from a template, no query: ≈ 800 req/s there.
- /bench/one-query/: the minimal view plus one ORM query (an item by its key): what touching
  the database adds.
- /bench/empty-page/: the portal's own base template (header, navigation, language and
  elderly switches, footer) with an empty page body and no query: the cheapest page the portal
  can render.

Kept out of portal/urls.py so production never has them.
"""

import os
from functools import cache
from pathlib import Path

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from catalog.models import Item
from portal.urls import handler404, handler500, urlpatterns  # noqa: F401

REFERENCE_TEMPLATE = """<!DOCTYPE html>
<html lang="zh-Hans"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><h1>{{ title }}</h1>
<ul>{% for row in rows %}<li>{{ row.number }} {{ row.name }}</li>{% endfor %}</ul></body></html>"""
EMPTY_PAGE_TEMPLATE = '{% extends "base.html" %}{% block title %}空白页面{% endblock %}'


@cache
def _page():
    """Read once per worker, on the first request (the file is saved after the server starts)."""
    return Path(os.environ["BENCH_PAGE_FILE"]).read_bytes()


@cache
def _template(source):
    return engines["django"].from_string(source)


def minimal(request):
    return HttpResponse(_page(), content_type="text/html; charset=utf-8")


def reference(request):
    rows = [{"number": number, "name": f"事项 {number}"} for number in range(1, 51)]
    return HttpResponse(_template(REFERENCE_TEMPLATE).render({"title": "参考页面", "rows": rows}, request))


def one_query(request):
    Item.objects.filter(pk__gte=0).order_by("pk").first()
    return HttpResponse(_page(), content_type="text/html; charset=utf-8")


def empty_page(request):
    return HttpResponse(_template(EMPTY_PAGE_TEMPLATE).render({}, request))


urlpatterns = [
    path("bench/minimal/", minimal),
    path("bench/reference/", reference),
    path("bench/one-query/", one_query),
    path("bench/empty-page/", empty_page),
    *urlpatterns,
]
