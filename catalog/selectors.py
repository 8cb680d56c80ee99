"""Reads that span several models and are grouped in Python."""

from dataclasses import dataclass, field

from django.db.models import F

from .models import Item, Role


@dataclass
class DepartmentItem:
    """One item a department has a role on; `subitems` lists the sub-items when the role is not on the whole item."""

    item: object
    whole_item: bool = False
    subitems: list = field(default_factory=list)


@dataclass
class StageGroup:
    stage: object
    items: list


@dataclass
class LifecycleGroup:
    lifecycle: object
    stages: list


@dataclass
class DepartmentRoles:
    lead: list
    cooperating: list

    @property
    def lead_count(self):
        return _count_items(self.lead)

    @property
    def cooperating_count(self):
        return _count_items(self.cooperating)


def _count_items(lifecycle_groups):
    return sum(len(stage_group.items) for group in lifecycle_groups for stage_group in group.stages)


def department_roles(*, department):
    """What a department leads and where it cooperates, grouped by lifecycle and stage (1 query)."""
    # The lifecycle is joined once per row (through the stage) and shared with the item, and
    # the jurisdiction is the department's own: a row builds five model instances, not eight.
    responsibilities = department.responsibilities.select_related(
        "item__scenario__stage__lifecycle", "subitem"
    ).order_by(
        "item__lifecycle__kind",
        "item__scenario__stage__number",
        "item__number",
        F("subitem__position").asc(nulls_first=True),
    )
    # role → lifecycle → stage → item pk → DepartmentItem; dicts keep document order.
    grouped = {Role.LEAD: {}, Role.COOPERATING: {}}
    for responsibility in responsibilities:
        item = responsibility.item
        stage = item.scenario.stage
        stage.lifecycle.jurisdiction = department.jurisdiction
        item.lifecycle = stage.lifecycle
        stages = grouped[responsibility.role].setdefault(stage.lifecycle, {})
        entry = stages.setdefault(stage, {}).setdefault(item.pk, DepartmentItem(item))
        if responsibility.subitem is None:
            entry.whole_item = True
        else:
            entry.subitems.append(responsibility.subitem)
    return DepartmentRoles(
        lead=_as_groups(grouped[Role.LEAD]),
        cooperating=_as_groups(grouped[Role.COOPERATING]),
    )


def _as_groups(lifecycles):
    return [
        LifecycleGroup(lifecycle, [StageGroup(stage, list(items.values())) for stage, items in stages.items()])
        for lifecycle, stages in lifecycles.items()
    ]


@dataclass
class ScenarioChain:
    """An item's place in its scenario, read as one chain of steps (一链办理): step `number` of `count`."""

    steps: list
    current: object

    @property
    def number(self):
        return self.steps.index(self.current) + 1

    @property
    def count(self):
        return len(self.steps)

    @property
    def previous(self):
        return self.steps[self.number - 2] if self.number > 1 else None

    @property
    def next(self):
        return self.steps[self.number] if self.number < self.count else None


def scenario_chain(*, item):
    """The items of `item`'s scenario in document order, `item` itself among them (1 query)."""
    steps = list(Item.objects.filter(scenario_id=item.scenario_id).with_url().order_by("number"))
    return ScenarioChain(steps=steps, current=item)
