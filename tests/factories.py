"""Factory functions: the one way tests build catalog data.

Each makes one row with sensible defaults and returns it; keyword-only arguments say what
the test cares about. make_catalog() builds a whole catalog of a chosen size.
"""

from catalog.models import Department, Item, ItemType, LevelNote, Responsibility, Role, SubItem
from lifecycle.models import Jurisdiction, Lifecycle, Scenario, Stage


def make_jurisdiction(*, name="威海市", slug="weihai", position=0):
    return Jurisdiction.objects.create(name=name, slug=slug, position=position)


def make_lifecycle(*, jurisdiction=None, kind=Lifecycle.Kind.ENTERPRISE, source=""):
    jurisdiction = jurisdiction or make_jurisdiction()
    return Lifecycle.objects.create(
        jurisdiction=jurisdiction, kind=kind, name=Lifecycle.Kind(kind).label, source=source
    )


def make_stage(*, lifecycle=None, number=1, name="企业开办"):
    lifecycle = lifecycle or make_lifecycle()
    return Stage.objects.create(lifecycle=lifecycle, number=number, name=name)


def make_scenario(*, stage=None, number=1, name="企业开办"):
    stage = stage or make_stage()
    return Scenario.objects.create(stage=stage, number=number, name=name)


def make_department(*, jurisdiction, name="市公安局", position=0):
    return Department.objects.create(jurisdiction=jurisdiction, name=name, position=position)


def make_item(
    *,
    scenario=None,
    number=None,
    name="公章刻制备案",
    item_type=ItemType.OTHER_POWER,
    level_note="",
    lead=(),
    cooperating=(),
):
    """An item; `lead` and `cooperating` are departments, in document order. Number defaults to the next free 序号."""
    scenario = scenario or make_scenario()
    lifecycle = scenario.stage.lifecycle
    if number is None:
        number = Item.objects.filter(lifecycle=lifecycle).count() + 1
    item = Item.objects.create(
        lifecycle=lifecycle,
        scenario=scenario,
        number=number,
        name=name,
        item_type=item_type,
        level_note=level_note,
    )
    _add_responsibilities(item=item, subitem=None, lead=lead, cooperating=cooperating)
    return item


def make_subitem(
    *, item, position=None, name="公司设立登记", item_type=ItemType.LICENSING, level_note="", lead=(), cooperating=()
):
    if position is None:
        position = item.subitems.count() + 1
    subitem = SubItem.objects.create(
        item=item, position=position, name=name, item_type=item_type, level_note=level_note
    )
    _add_responsibilities(item=item, subitem=subitem, lead=lead, cooperating=cooperating)
    return subitem


def _add_responsibilities(*, item, subitem, lead, cooperating):
    for role, departments in ((Role.LEAD, lead), (Role.COOPERATING, cooperating)):
        for position, department in enumerate(departments):
            Responsibility.objects.create(
                item=item, subitem=subitem, department=department, role=role, position=position
            )


def make_catalog(*, stages=1, scenarios_per_stage=1, items_per_scenario=3, jurisdiction=None):
    """Both lifecycles of a jurisdiction, filled in the document's shapes.

    Odd items have an item-level type, two lead and one cooperating department and a level
    note; even items have no type of their own and two sub-items, each with departments.
    Returns the jurisdiction.
    """
    jurisdiction = jurisdiction or make_jurisdiction()
    departments = [
        make_department(jurisdiction=jurisdiction, name=name, position=position)
        for position, name in enumerate(["市市场监管局", "市行政审批服务局", "市公安局", "市税务局"])
    ]
    for kind in Lifecycle.Kind.values:
        lifecycle = make_lifecycle(jurisdiction=jurisdiction, kind=kind)
        for stage_number in range(1, stages + 1):
            stage = make_stage(lifecycle=lifecycle, number=stage_number, name=f"阶段{stage_number}")
            for scenario_number in range(1, scenarios_per_stage + 1):
                scenario = make_scenario(
                    stage=stage, number=scenario_number, name=f"场景{stage_number}.{scenario_number}"
                )
                for _ in range(items_per_scenario):
                    _make_catalog_item(scenario=scenario, departments=departments)
    return jurisdiction


def _make_catalog_item(*, scenario, departments):
    number = Item.objects.filter(lifecycle=scenario.stage.lifecycle).count() + 1
    first, second, third, fourth = departments
    if number % 2:
        return make_item(
            scenario=scenario,
            number=number,
            name=f"事项{number}",
            item_type=ItemType.LICENSING,
            level_note=LevelNote.COUNTY,
            lead=[first, second],
            cooperating=[third],
        )
    item = make_item(scenario=scenario, number=number, name=f"事项{number}", item_type="")
    make_subitem(item=item, name=f"事项{number}子项甲", lead=[first], cooperating=[fourth])
    make_subitem(item=item, name=f"事项{number}子项乙", item_type=ItemType.CONFIRMATION, lead=[third])
    return item
