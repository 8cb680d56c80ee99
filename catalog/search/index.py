"""Writing the search index (SearchEntry) from the catalog."""

from django.db import transaction

from lifecycle.models import Jurisdiction, Stage

from ..models import Department, Item, Responsibility, SearchEntry
from .text import compact, syllables

Kind = SearchEntry.Kind


class _Reader:
    """Compact text and pinyin of names, each distinct name converted once."""

    def __init__(self):
        self._cache = {}

    def read(self, name):
        if name not in self._cache:
            text = compact(name)
            readings = syllables(text)
            self._cache[name] = {
                "text": text,
                "pinyin": "".join(readings),
                "syllables": " ".join(readings),
                "initials": "".join(reading[0] for reading in readings),
            }
        return self._cache[name]


@transaction.atomic
def rebuild_search_index():
    """Rewrite every SearchEntry from the catalog, in document order.

    Reads the catalog in 7 queries, deletes the old entries and inserts the new ones in
    batches. Called after load_catalog, after an import and after every admin change.
    """
    reader = _Reader()
    jurisdictions = list(Jurisdiction.objects.all())
    stages = (
        Stage.objects.select_related("lifecycle").prefetch_related("scenarios").order_by("lifecycle__kind", "number")
    )
    items = (
        Item.objects.select_related("scenario__stage__lifecycle")
        .prefetch_related("subitems")
        .order_by("lifecycle__kind", "number")
    )
    departments_of = _department_names()

    by_jurisdiction = {
        jurisdiction.pk: {"stages": [], "items": [], "departments": []} for jurisdiction in jurisdictions
    }
    for stage in stages:
        by_jurisdiction[stage.lifecycle.jurisdiction_id]["stages"].append(stage)
    for item in items:
        by_jurisdiction[item.lifecycle.jurisdiction_id]["items"].append(item)
    for department in Department.objects.order_by("position", "name"):
        by_jurisdiction[department.jurisdiction_id]["departments"].append(department)

    entries = []

    def add(kind, name, **places):
        entries.append(SearchEntry(kind=kind, position=len(entries), name=name, **reader.read(name), **places))

    for jurisdiction in jurisdictions:
        where = {"jurisdiction": jurisdiction}
        for stage in by_jurisdiction[jurisdiction.pk]["stages"]:
            lifecycle = stage.lifecycle
            add(Kind.STAGE, stage.name, **where, lifecycle=lifecycle, stage=stage)
            for scenario in stage.scenarios.all():
                add(Kind.SCENARIO, scenario.name, **where, lifecycle=lifecycle, stage=stage, scenario=scenario)
        for item in by_jurisdiction[jurisdiction.pk]["items"]:
            scenario = item.scenario
            stage = scenario.stage
            places = {**where, "lifecycle": item.lifecycle, "stage": stage, "scenario": scenario, "item": item}
            context = "|".join(
                [reader.read(scenario.name)["text"], reader.read(stage.name)["text"]]
                + [reader.read(name)["text"] for name in departments_of.get(item.pk, [])]
            )
            context_pinyin = f"{reader.read(scenario.name)['pinyin']}|{reader.read(stage.name)['pinyin']}"
            extra = {"context": context, "context_pinyin": context_pinyin}
            add(Kind.ITEM, item.name, **places, **extra)
            for subitem in item.subitems.all():
                add(Kind.SUBITEM, subitem.name, **places, subitem=subitem, **extra)
        for department in by_jurisdiction[jurisdiction.pk]["departments"]:
            add(Kind.DEPARTMENT, department.name, **where, department=department)

    SearchEntry.objects.all().delete()
    SearchEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)


def _department_names():
    """Item pk → the names of the departments with a role on it or its sub-items, in document order."""
    names = {}
    rows = Responsibility.objects.order_by("item", "subitem__position", "role", "position").values_list(
        "item_id", "department__name"
    )
    for item_id, name in rows:
        if name not in names.setdefault(item_id, []):
            names[item_id].append(name)
    return names
