"""The catalog read back out of the database, in the shapes export_catalog writes.

The database is first turned into the same records the source parsers produce
(catalog.parsing.records), so JSON, xlsx and CSV, and the import's difference report, all
work from one representation.
"""

import io
import json

from django.db.models import Prefetch

from lifecycle.models import Lifecycle, Scenario, Stage

from .models import Item
from .parsing.records import ParsedItem, ParsedList, ParsedRow, ParsedScenario, ParsedStage
from .spreadsheet import write_csv, write_xlsx

FORMATS = ("json", "xlsx", "csv")
CONTENT_TYPES = {
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


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


def catalog_entries(*, jurisdiction=None, kind=None):
    """[(jurisdiction name, ParsedList)] of the matching lifecycles, in order (7 queries)."""
    return [
        (found.jurisdiction.name, lifecycle_as_parsed(found))
        for found in lifecycles_for_export(jurisdiction=jurisdiction, kind=kind)
    ]


def export_as_bytes(entries, *, format, single=False):
    """The entries as a file: export_catalog writes it, the download page serves it.

    json: a list of lifecycles (the one object itself when `single` and there is one);
    xlsx: the government's table layout; csv: UTF-8 with a BOM, so Excel reads the Chinese.
    """
    if format == "xlsx":
        buffer = io.BytesIO()
        write_xlsx(entries, buffer)
        return buffer.getvalue()
    if format == "csv":
        stream = io.StringIO(newline="")
        write_csv(entries, stream)
        return stream.getvalue().encode("utf-8-sig")
    if format == "json":
        lists = [parsed_as_dict(name, parsed) for name, parsed in entries]
        payload = lists[0] if single and len(lists) == 1 else lists
        return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode()
    raise ValueError(f"Unknown export format {format!r}; expected one of {', '.join(FORMATS)}.")
