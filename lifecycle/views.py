from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from catalog.models import Item
from portal.caching import public_page

from .models import Jurisdiction, Lifecycle, Scenario, Stage


@public_page
def jurisdiction_detail(request, jurisdiction):
    jurisdiction = get_object_or_404(Jurisdiction, slug=jurisdiction)
    lifecycles = jurisdiction.lifecycles.for_overview()
    context = {"jurisdiction": jurisdiction, "lifecycles": lifecycles}
    return render(request, "lifecycle/jurisdiction.html", context)


@public_page
def lifecycle_detail(request, jurisdiction, kind):
    lifecycles = Lifecycle.objects.for_lifecycle_page()
    lifecycle = get_object_or_404(lifecycles, jurisdiction__slug=jurisdiction, kind=kind)
    context = {"jurisdiction": lifecycle.jurisdiction, "lifecycle": lifecycle}
    return render(request, "lifecycle/lifecycle.html", context)


@public_page
def stage_detail(request, jurisdiction, kind, number):
    stages = Stage.objects.select_related("lifecycle__jurisdiction")
    stage = get_object_or_404(stages, lifecycle__jurisdiction__slug=jurisdiction, lifecycle__kind=kind, number=number)
    items = Item.objects.with_url()
    scenarios = stage.scenarios.prefetch_related(Prefetch("items", queryset=items))
    context = {
        "jurisdiction": stage.lifecycle.jurisdiction,
        "lifecycle": stage.lifecycle,
        "stage": stage,
        "scenarios": scenarios,
    }
    return render(request, "lifecycle/stage.html", context)


@public_page
def scenario_detail(request, jurisdiction, kind, code):
    stage_number, scenario_number = code.split(".")
    scenarios = Scenario.objects.select_related("stage__lifecycle__jurisdiction")
    scenario = get_object_or_404(
        scenarios,
        stage__lifecycle__jurisdiction__slug=jurisdiction,
        stage__lifecycle__kind=kind,
        stage__number=stage_number,
        number=scenario_number,
    )
    items = scenario.items.with_url().with_details()
    context = {
        "jurisdiction": scenario.stage.lifecycle.jurisdiction,
        "lifecycle": scenario.stage.lifecycle,
        "stage": scenario.stage,
        "scenario": scenario,
        "items": items,
    }
    return render(request, "lifecycle/scenario.html", context)
