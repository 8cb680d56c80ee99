from urllib.parse import quote

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from lifecycle.models import Jurisdiction, Lifecycle
from portal.caching import public_page

from .comparison import compare_lifecycles
from .exporting import CONTENT_TYPES, catalog_entries, export_as_bytes, lifecycles_for_export
from .models import Department, Item
from .search import search_catalog
from .search.api import results_as_json
from .selectors import department_roles, scenario_chain
from .structured_data import government_service


@public_page
def item_detail(request, jurisdiction, kind, number):
    items = Item.objects.with_location().with_url().with_details()
    item = get_object_or_404(items, lifecycle__jurisdiction__slug=jurisdiction, lifecycle__kind=kind, number=number)
    chain = scenario_chain(item=item)
    structured_data = government_service(item=item, request=request)
    context = {
        "jurisdiction": item.lifecycle.jurisdiction,
        "lifecycle": item.lifecycle,
        "stage": item.scenario.stage,
        "scenario": item.scenario,
        "item": item,
        "chain": chain,
        "structured_data": structured_data,
    }
    return render(request, "catalog/item.html", context)


@public_page
def department_index(request, jurisdiction):
    jurisdiction = get_object_or_404(Jurisdiction, slug=jurisdiction)
    departments = jurisdiction.departments.with_item_counts()
    context = {"jurisdiction": jurisdiction, "departments": departments}
    return render(request, "catalog/department_index.html", context)


@public_page
def department_detail(request, jurisdiction, name):
    departments = Department.objects.select_related("jurisdiction")
    department = get_object_or_404(departments, jurisdiction__slug=jurisdiction, name=name)
    roles = department_roles(department=department)
    context = {"jurisdiction": department.jurisdiction, "department": department, "roles": roles}
    return render(request, "catalog/department.html", context)


@public_page
def lifecycle_comparison(request, jurisdiction, kind, other):
    """The city's list (`jurisdiction`) beside another jurisdiction's list of the same lifecycle."""
    lifecycles = lifecycles_for_export(kind=kind).filter(jurisdiction__slug__in=[jurisdiction, other])
    by_slug = {lifecycle.jurisdiction.slug: lifecycle for lifecycle in lifecycles}
    if jurisdiction == other or jurisdiction not in by_slug or other not in by_slug:
        raise Http404("没有可比较的两份清单")
    base, compared = by_slug[jurisdiction], by_slug[other]
    rows = compare_lifecycles(base, compared)
    context = {
        "jurisdiction": base.jurisdiction,
        "lifecycle": base,
        "other": compared,
        "rows": rows,
        "counts": {
            status: sum(1 for row in rows if row.status == status) for status in ("same", "changed", "added", "dropped")
        },
    }
    return render(request, "catalog/compare.html", context)


@public_page
def search(request):
    results = search_catalog(data=request.GET, page_number=request.GET.get("page"))
    # Linked when nothing is found; lazy, so it costs a query only then.
    lifecycles = Lifecycle.objects.select_related("jurisdiction")
    context = {"results": results, "lifecycles": lifecycles, "hide_header_search": True}
    return render(request, "catalog/search.html", context)


@public_page
def search_api(request):
    """The search page's results as JSON; 400 with the reasons when a filter value is not understood."""
    results = search_catalog(data=request.GET, page_number=request.GET.get("page"))
    if results.filter_errors:
        errors = {name: list(messages) for name, messages in results.filters.form.errors.items()}
        return JsonResponse({"errors": errors}, status=400, json_dumps_params={"ensure_ascii": False})
    return JsonResponse(results_as_json(results), json_dumps_params={"ensure_ascii": False})


@public_page
def downloads(request):
    """The download page: what the files hold (each list, its item count and date), and the links."""
    lifecycles = (
        Lifecycle.objects.select_related("jurisdiction")
        .with_update_date()
        .order_by("jurisdiction__position", "jurisdiction__name", "kind")
    )
    context = {"lifecycles": lifecycles}
    return render(request, "catalog/downloads.html", context)


@public_page
def catalog_download(request, format):
    """The whole catalog as a file, the bytes `export_catalog --format FORMAT` writes, named with today's date."""
    entries = catalog_entries()
    content = export_as_bytes(entries, format=format)
    day = timezone.localdate().isoformat()
    response = HttpResponse(content, content_type=CONTENT_TYPES[format])
    # An ASCII name for old clients, the Chinese one for the rest (RFC 6266).
    chinese_name = quote(f"威海市政务服务事项清单-{day}.{format}")
    response["Content-Disposition"] = (
        f"attachment; filename=\"weihai-catalog-{day}.{format}\"; filename*=UTF-8''{chinese_name}"
    )
    return response
