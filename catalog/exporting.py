"""The catalog read back out of the database, in the shapes export_catalog writes.

The database is first turned into the same records the source parsers produce
(catalog.parsing.records), so JSON, xlsx and CSV, and the import's difference report, all
work from one representation.
"""

from django.db.models import Prefetch

from lifecycle.models import Lifecycle, Scenario, Stage

from .models import Item
from .parsing.records import ParsedItem, ParsedList, ParsedRow, ParsedScenario, ParsedStage


def lifecycles_for_export(*, jurisdiction=None, kind=None):
    """Lifecycles with everything the export needs preloaded (7 queries in all)."""
    items = Item.objects.with_details().order_by("number")
    scenarios = Scenario.objects.order_by("number").prefetch_related(Prefetch("items", queryset=items))
    stages = Stage.objects.order_by("number").prefetch_related(Prefetch("scenarios", queryset=scenarios))
    lifecycles = Lifecycle.objects.select_related("jurisdiction").prefetch_related(Prefetch("stages", queryset=stages))
    if jurisdiction:
        lifecycles = lifecycles.filter(jurisdiction__name=jurisdiction)
    if kind:
        lifecycles = lifecycles.filter(kind=kind)
    return lifecycles


def _names(departments):
    return [department.name for department in departments]


def lifecycle_as_parsed(lifecycle):
    """A lifecycle loaded by lifecycles_for_export() as a ParsedList (no queries)."""
    parsed = ParsedList(kind=lifecycle.kind, name=lifecycle.name, source=lifecycle.source)
    for stage in lifecycle.stages.all():
        parsed_stage = ParsedStage(stage.number, stage.name)
        parsed.stages.append(parsed_stage)
        for scenario in stage.scenarios.all():
            parsed_scenario = ParsedScenario(scenario.number, scenario.name)
            parsed_stage.scenarios.append(parsed_scenario)
            for item in scenario.items.all():
                parsed_scenario.items.append(
                    ParsedItem(
                        number=item.number,
                        name=item.name,
                        item_type=item.item_type,
                        lead=_names(item.lead_departments),
                        cooperating=_names(item.cooperating_departments),
                        level_note=item.level_note,
                        subitems=[
                            ParsedRow(
                                name=sub.name,
                                item_type=sub.item_type,
                                lead=_names(sub.lead_departments),
                                cooperating=_names(sub.cooperating_departments),
                                level_note=sub.level_note,
                            )
                            for sub in item.subitems.all()
                        ],
                    )
                )
    return parsed


def _row_as_dict(row):
    return {
        "type": row.item_type or None,
        "lead": list(row.lead),
        "cooperating": list(row.cooperating),
        "level_note": row.level_note or None,
    }


def parsed_as_dict(jurisdiction_name, parsed):
    """The open-data JSON shape of one lifecycle (see README, “Open data: export_catalog”)."""
    return {
        "jurisdiction": jurisdiction_name,
        "lifecycle": parsed.kind,
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
                                **_row_as_dict(item),
                                "subitems": [{"name": sub.name, **_row_as_dict(sub)} for sub in item.subitems],
                            }
                            for item in scenario.items
                        ],
                    }
                    for scenario in stage.scenarios
                ],
            }
            for stage in parsed.stages
        ],
    }


def lifecycle_as_dict(lifecycle):
    return parsed_as_dict(lifecycle.jurisdiction.name, lifecycle_as_parsed(lifecycle))
