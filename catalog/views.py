from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render

from lifecycle.models import Jurisdiction, Lifecycle

from .comparison import compare_lifecycles
from .exporting import lifecycles_for_export
from .models import Department, Item
from .search import search_catalog
from .search.api import results_as_json
from .selectors import department_roles, scenario_chain


def item_detail(request, jurisdiction, kind, number):
    items = Item.objects.with_location().with_url().with_details()
    item = get_object_or_404(items, lifecycle__jurisdiction__slug=jurisdiction, lifecycle__kind=kind, number=number)
    chain = scenario_chain(item=item)
    context = {
        "jurisdiction": item.lifecycle.jurisdiction,
        "lifecycle": item.lifecycle,
        "stage": item.scenario.stage,
        "scenario": item.scenario,
        "item": item,
        "chain": chain,
    }
    return render(request, "catalog/item.html", context)


def department_index(request, jurisdiction):
    jurisdiction = get_object_or_404(Jurisdiction, slug=jurisdiction)
    departments = jurisdiction.departments.with_item_counts()
    context = {"jurisdiction": jurisdiction, "departments": departments}
    return render(request, "catalog/department_index.html", context)


def department_detail(request, jurisdiction, name):
    departments = Department.objects.select_related("jurisdiction")
    department = get_object_or_404(departments, jurisdiction__slug=jurisdiction, name=name)
    roles = department_roles(department=department)
    context = {"jurisdiction": department.jurisdiction, "department": department, "roles": roles}
    return render(request, "catalog/department.html", context)


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


def search(request):
    results = search_catalog(data=request.GET, page_number=request.GET.get("page"))
    # Linked when nothing is found; lazy, so it costs a query only then.
    lifecycles = Lifecycle.objects.select_related("jurisdiction")
    context = {"results": results, "lifecycles": lifecycles, "hide_header_search": True}
    return render(request, "catalog/search.html", context)


def search_api(request):
    """The search page's results as JSON; 400 with the reasons when a filter value is not understood."""
    results = search_catalog(data=request.GET, page_number=request.GET.get("page"))
    if results.filter_errors:
        errors = {name: list(messages) for name, messages in results.filters.form.errors.items()}
        return JsonResponse({"errors": errors}, status=400, json_dumps_params={"ensure_ascii": False})
    return JsonResponse(results_as_json(results), json_dumps_params={"ensure_ascii": False})
