from django.shortcuts import get_object_or_404, render

from lifecycle.models import Jurisdiction

from .models import Department, Item
from .selectors import department_roles


def item_detail(request, jurisdiction, kind, number):
    items = Item.objects.with_location().with_url().with_details()
    item = get_object_or_404(items, lifecycle__jurisdiction__slug=jurisdiction, lifecycle__kind=kind, number=number)
    context = {
        "jurisdiction": item.lifecycle.jurisdiction,
        "lifecycle": item.lifecycle,
        "stage": item.scenario.stage,
        "scenario": item.scenario,
        "item": item,
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
