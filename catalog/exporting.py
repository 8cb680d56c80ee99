"""The catalog as nested data: the open-data shape written by export_catalog."""

from django.db.models import Prefetch

from lifecycle.models import Lifecycle, Scenario, Stage

from .models import Item


def lifecycles_for_export(*, jurisdiction=None, kind=None):
    """Lifecycles with everything the export needs preloaded (6 queries in all)."""
    items = Item.objects.with_details().order_by("number")
    scenarios = Scenario.objects.order_by("number").prefetch_related(Prefetch("items", queryset=items))
    stages = Stage.objects.order_by("number").prefetch_related(Prefetch("scenarios", queryset=scenarios))
    lifecycles = Lifecycle.objects.select_related("jurisdiction").prefetch_related(Prefetch("stages", queryset=stages))
    if jurisdiction:
        lifecycles = lifecycles.filter(jurisdiction__name=jurisdiction)
    if kind:
        lifecycles = lifecycles.filter(kind=kind)
    return lifecycles


def _row(row):
    return {
        "type": row.item_type or None,
        "lead": [department.name for department in row.lead_departments],
        "cooperating": [department.name for department in row.cooperating_departments],
        "level_note": row.level_note or None,
    }


def lifecycle_as_dict(lifecycle):
    """The open-data shape of one lifecycle (see README, “Open data: export_catalog”)."""
    return {
        "jurisdiction": lifecycle.jurisdiction.name,
        "lifecycle": lifecycle.kind,
        "stages": [
            {
                "number": stage.number,
                "name": stage.name,
                "scenarios": [
                    {
                        "code": f"{stage.number}.{scenario.number}",
                        "name": scenario.name,
                        "items": [
                            {
                                "number": item.number,
                                "name": item.name,
                                **_row(item),
                                "subitems": [{"name": sub.name, **_row(sub)} for sub in item.subitems.all()],
                            }
                            for item in scenario.items.all()
                        ],
                    }
                    for scenario in stage.scenarios.all()
                ],
            }
            for stage in lifecycle.stages.all()
        ],
    }
