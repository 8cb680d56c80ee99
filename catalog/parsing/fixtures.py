"""Turn parsed lists into a Django fixture (a list of model records with fixed keys).

Keys are assigned in document order, so the same source always gives the same file and
a re-generated fixture can be compared with the committed one byte for byte.
"""

import json
from itertools import count

from catalog.models import Role


def build_fixture(
    *, jurisdiction_name, jurisdiction_slug, lists, jurisdiction_pk=1, jurisdiction_position=0, counterparts=None
):
    """Records for one jurisdiction and its parsed lists (enterprise, personal).

    `counterparts` maps a department name to the key of the city department it corresponds to.
    """
    records = [
        {
            "model": "lifecycle.jurisdiction",
            "pk": jurisdiction_pk,
            "fields": {"name": jurisdiction_name, "slug": jurisdiction_slug, "position": jurisdiction_position},
        }
    ]
    # Keys start at a block per jurisdiction so that several fixtures load side by side.
    base = (jurisdiction_pk - 1) * 100_000
    lifecycle_pks, stage_pks, scenario_pks = count(base + 1), count(base + 1), count(base + 1)
    item_pks, subitem_pks, responsibility_pks = count(base + 1), count(base + 1), count(base + 1)
    department_pks = {}
    department_records = []
    responsibility_records = []

    def department_pk(name):
        if name not in department_pks:
            department_pks[name] = base + len(department_pks) + 1
            department_records.append(
                {
                    "model": "catalog.department",
                    "pk": department_pks[name],
                    "fields": {
                        "jurisdiction": jurisdiction_pk,
                        "name": name,
                        "position": len(department_pks),
                        "counterpart": (counterparts or {}).get(name),
                    },
                }
            )
        return department_pks[name]

    def add_roles(item_pk, subitem_pk, lead, cooperating):
        for role, names in ((Role.LEAD, lead), (Role.COOPERATING, cooperating)):
            for position, name in enumerate(names):
                responsibility_records.append(
                    {
                        "model": "catalog.responsibility",
                        "pk": next(responsibility_pks),
                        "fields": {
                            "item": item_pk,
                            "subitem": subitem_pk,
                            "department": department_pk(name),
                            "role": role.value,
                            "position": position,
                        },
                    }
                )

    for parsed in lists:
        lifecycle_pk = next(lifecycle_pks)
        records.append(
            {
                "model": "lifecycle.lifecycle",
                "pk": lifecycle_pk,
                "fields": {
                    "jurisdiction": jurisdiction_pk,
                    "kind": parsed.kind,
                    "name": parsed.name,
                    "source": parsed.source,
                },
            }
        )
        for stage in parsed.stages:
            stage_pk = next(stage_pks)
            records.append(
                {
                    "model": "lifecycle.stage",
                    "pk": stage_pk,
                    "fields": {"lifecycle": lifecycle_pk, "number": stage.number, "name": stage.name},
                }
            )
            for scenario in stage.scenarios:
                scenario_pk = next(scenario_pks)
                records.append(
                    {
                        "model": "lifecycle.scenario",
                        "pk": scenario_pk,
                        "fields": {"stage": stage_pk, "number": scenario.number, "name": scenario.name},
                    }
                )
                for item in scenario.items:
                    item_pk = next(item_pks)
                    records.append(
                        {
                            "model": "catalog.item",
                            "pk": item_pk,
                            "fields": {
                                "lifecycle": lifecycle_pk,
                                "scenario": scenario_pk,
                                "number": item.number,
                                "name": item.name,
                                "item_type": item.item_type,
                                "level_note": item.level_note,
                            },
                        }
                    )
                    add_roles(item_pk, None, item.lead, item.cooperating)
                    for position, subitem in enumerate(item.subitems, start=1):
                        subitem_pk = next(subitem_pks)
                        records.append(
                            {
                                "model": "catalog.subitem",
                                "pk": subitem_pk,
                                "fields": {
                                    "item": item_pk,
                                    "position": position,
                                    "name": subitem.name,
                                    "item_type": subitem.item_type,
                                    "level_note": subitem.level_note,
                                },
                            }
                        )
                        add_roles(item_pk, subitem_pk, subitem.lead, subitem.cooperating)
    # Departments must load before the responsibilities that point at them.
    return records + department_records + responsibility_records


def dump_fixture(records):
    """The fixture file's text: UTF-8 JSON, readable Chinese, one record per few lines."""
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def department_keys(records):
    """{department name: key} of a fixture's departments."""
    return {record["fields"]["name"]: record["pk"] for record in records if record["model"] == "catalog.department"}
