"""Importing a list into the database: the difference report, then the change, all or nothing.

Items are matched across imports by jurisdiction, lifecycle and 序号 plus name, so an item
keeps its database row (its history, its links) when a list is re-imported:
1. same 序号 and same name: the same item;
2. otherwise the same name under another 序号: renumbered;
3. otherwise the same 序号 under another name: renamed;
4. anything left is added (new list) or removed (old list).
Sub-items are matched by name within the matched item, then by position; a sub-item that
leaves one item and appears under another is reported as moved.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F

from lifecycle.models import Lifecycle, Scenario, Stage
from portal.caching import catalog_version_bump

from .exporting import lifecycle_as_parsed, lifecycles_for_export
from .models import Department, Item, Responsibility, Role, SubItem
from .parsing.records import ParsedList
from .search import rebuild_search_index
from .services import edition_create

LIFECYCLE_NAMES = dict(Lifecycle.Kind.choices)
# Added to every 序号 / position while rows are renumbered, so that swapping two numbers
# never trips the unique constraints half-way.
RENUMBER_OFFSET = 1_000_000
SUBITEM_OFFSET = 10_000  # positions are small integers (at most 32767 in PostgreSQL)


def _names(names):
    return "、".join(names) or "（空）"


@dataclass
class Change:
    number: int | None  # the item's 序号 (new one; the old one for a removal)
    kind: str
    text: str

    def __str__(self):
        prefix = f"事项 {self.number}" if self.number is not None else "清单"
        return f"[{self.kind}] {prefix}：{self.text}"


@dataclass
class ImportPlan:
    """What an import would change, and how the new rows map onto the existing ones."""

    old: ParsedList | None
    new: ParsedList
    changes: list[Change] = field(default_factory=list)
    # id(new item) -> old item number; id(new row) -> (old item number, old sub-item index)
    item_matches: dict = field(default_factory=dict)
    subitem_matches: dict = field(default_factory=dict)

    @property
    def has_changes(self):
        return bool(self.changes)

    def report(self):
        if not self.changes:
            return "与数据库中的清单相同，没有变化。"
        counts = {}
        for change in self.changes:
            counts[change.kind] = counts.get(change.kind, 0) + 1
        summary = "，".join(f"{kind} {count} 处" for kind, count in counts.items())
        return "\n".join([f"共 {len(self.changes)} 处变化（{summary}）：", *(str(change) for change in self.changes)])


def _locations(parsed):
    """id(item) -> "code name" of its scenario."""
    return {
        id(item): f"{stage.number}.{scenario.number} {scenario.name}"
        for stage in parsed.stages
        for scenario in stage.scenarios
        for item in scenario.items
    }


def match_items(old_items, new_items):
    """Pair items of two lists as the module docstring says (also used by the comparison page).

    Returns ({id(new item): old item}, new items without a partner, old items without one).
    """
    matches = {}
    unmatched_old = {item.number: item for item in old_items}
    pending = []
    for new in new_items:
        old = unmatched_old.get(new.number)
        if old is not None and old.name == new.name:
            matches[id(new)] = unmatched_old.pop(new.number)
        else:
            pending.append(new)
    still_pending = []
    for new in pending:
        same_name = [old for old in unmatched_old.values() if old.name == new.name]
        if len(same_name) == 1:
            matches[id(new)] = unmatched_old.pop(same_name[0].number)
        else:
            still_pending.append(new)
    added = []
    for new in still_pending:
        if new.number in unmatched_old:
            matches[id(new)] = unmatched_old.pop(new.number)
        else:
            added.append(new)
    return matches, added, list(unmatched_old.values())


def _row_changes(label, old, new):
    texts = []
    if old.item_type != new.item_type:
        texts.append(("类型变更", f"{label}事项类型 {old.item_type or '（无）'} → {new.item_type or '（无）'}"))
    if old.lead != new.lead:
        texts.append(("部门变更", f"{label}牵头部门 {_names(old.lead)} → {_names(new.lead)}"))
    if old.cooperating != new.cooperating:
        texts.append(("部门变更", f"{label}协同部门 {_names(old.cooperating)} → {_names(new.cooperating)}"))
    if old.level_note != new.level_note:
        texts.append(("层级变更", f"{label}层级说明 {old.level_note or '（无）'} → {new.level_note or '（无）'}"))
    return texts


def plan_import(old, new):
    """Compare the list in the database (`old`, or None) with the imported one (`new`)."""
    plan = ImportPlan(old=old, new=new)
    old_items = old.items() if old else []
    new_items = new.items()
    old_places, new_places = (_locations(old) if old else {}), _locations(new)

    if old:
        old_stages = {stage.number: stage for stage in old.stages}
        for stage in new.stages:
            before = old_stages.pop(stage.number, None)
            if before is None:
                plan.changes.append(Change(None, "新增阶段", f"{stage.number} {stage.name}"))
            elif before.name != stage.name:
                plan.changes.append(Change(None, "阶段更名", f"{stage.number} {before.name} → {stage.name}"))
        for stage in old_stages.values():
            plan.changes.append(Change(None, "删除阶段", f"{stage.number} {stage.name}"))

    matches, added, removed = match_items(old_items, new_items)
    for new_item in new_items:
        old_item = matches.get(id(new_item))
        if old_item is None:
            continue
        plan.item_matches[id(new_item)] = old_item.number
        number = new_item.number
        if old_item.number != new_item.number:
            plan.changes.append(
                Change(number, "序号变更", f"{new_item.name}：序号 {old_item.number} → {new_item.number}")
            )
        if old_item.name != new_item.name:
            plan.changes.append(Change(number, "更名", f"{old_item.name} → {new_item.name}"))
        if old_places[id(old_item)] != new_places[id(new_item)]:
            plan.changes.append(
                Change(number, "场景变更", f"{new_item.name}：{old_places[id(old_item)]} → {new_places[id(new_item)]}")
            )
        for kind, text in _row_changes("", old_item, new_item):
            plan.changes.append(Change(number, kind, text))
    for new_item in added:
        plan.changes.append(Change(new_item.number, "新增事项", f"{new_item.name}（{new_places[id(new_item)]}）"))
    for old_item in removed:
        plan.changes.append(Change(old_item.number, "删除事项", old_item.name))

    _plan_subitems(plan, new_items, matches, old_items)
    return plan


def _plan_subitems(plan, new_items, matches, old_items):
    # Sub-items of matched items: by name, then by position.
    claimed = set()  # (old item number, old index)
    added_rows = []  # (new item, index, row)
    for new_item in new_items:
        old_item = matches.get(id(new_item))
        old_rows = list(enumerate(old_item.subitems)) if old_item else []
        for index, row in enumerate(new_item.subitems):
            found = next(
                (i for i, old_row in old_rows if old_row.name == row.name and (old_item.number, i) not in claimed), None
            )
            if found is None:
                found = next(
                    (
                        i
                        for i, old_row in old_rows
                        if i == index
                        and (old_item.number, i) not in claimed
                        and old_row.name not in {r.name for r in new_item.subitems}
                    ),
                    None,
                )
            if found is None:
                added_rows.append((new_item, index, row))
                continue
            claimed.add((old_item.number, found))
            plan.subitem_matches[id(row)] = (old_item.number, found)
            old_row = old_item.subitems[found]
            if old_row.name != row.name:
                plan.changes.append(Change(new_item.number, "子项更名", f"{old_row.name} → {row.name}"))
            for kind, text in _row_changes(f"子项“{row.name}”", old_row, row):
                plan.changes.append(Change(new_item.number, kind, text))
    removed_rows = [
        (item, index, row)
        for item in old_items
        for index, row in enumerate(item.subitems)
        if (item.number, index) not in claimed
    ]
    # A sub-item that left one item and turns up under another has moved.
    for new_item, _index, row in added_rows:
        moved_from = next((entry for entry in removed_rows if entry[2].name == row.name), None)
        if moved_from is None:
            plan.changes.append(Change(new_item.number, "新增子项", row.name))
            continue
        removed_rows.remove(moved_from)
        old_item, old_index, _old_row = moved_from
        plan.subitem_matches[id(row)] = (old_item.number, old_index)
        plan.changes.append(
            Change(new_item.number, "子项移动", f"“{row.name}”从事项 {old_item.number} 移至事项 {new_item.number}")
        )
    for old_item, _index, row in removed_rows:
        matched_new = next((n for n in plan.new.items() if plan.item_matches.get(id(n)) == old_item.number), None)
        number = matched_new.number if matched_new else old_item.number
        plan.changes.append(Change(number, "删除子项", row.name))


def current_list(jurisdiction, kind):
    """The lifecycle as it is in the database, as a ParsedList, or None."""
    lifecycle = lifecycles_for_export(jurisdiction=jurisdiction.name, kind=kind).first()
    return lifecycle_as_parsed(lifecycle) if lifecycle else None


@transaction.atomic
def catalog_import(*, jurisdiction, parsed, dry_run=False, source_name="", user=None, user_name=""):
    """Compare `parsed` with the database and, unless dry_run, apply it and record an edition.

    Returns the plan. Runs in one transaction: any failure leaves the database as it was.
    """
    plan = plan_import(current_list(jurisdiction, parsed.kind), parsed)
    if not dry_run:
        lifecycle = _apply(jurisdiction, plan)
        edition_create(
            jurisdiction=jurisdiction,
            lifecycle=lifecycle,
            plan=plan,
            source_name=source_name or parsed.source,
            user=user,
            user_name=user_name,
        )
        # The public pages show the new list from the next request on (once this commits).
        catalog_version_bump()
    return plan


def _apply(jurisdiction, plan):
    """Write the imported list; returns its lifecycle."""
    parsed = plan.new
    lifecycle, _created = Lifecycle.objects.get_or_create(
        jurisdiction=jurisdiction,
        kind=parsed.kind,
        defaults={"name": LIFECYCLE_NAMES[parsed.kind], "source": parsed.source},
    )
    if parsed.source and lifecycle.source != parsed.source:
        lifecycle.source = parsed.source
        lifecycle.save(update_fields=["source"])
    departments = _departments(jurisdiction, parsed)
    items_by_number = {item.number: item for item in Item.objects.filter(lifecycle=lifecycle)}
    subitems_by_key = {
        (sub.item.number, sub.position - 1): sub
        for sub in SubItem.objects.filter(item__lifecycle=lifecycle).select_related("item")
    }
    _step_aside(plan, items_by_number, subitems_by_key)

    stages = {stage.number: stage for stage in Stage.objects.filter(lifecycle=lifecycle)}
    scenarios = {
        (s.stage.number, s.number): s
        for s in Scenario.objects.filter(stage__lifecycle=lifecycle).select_related("stage")
    }
    kept_items, kept_subitems, kept_stages, kept_scenarios = set(), set(), set(), set()
    for parsed_stage in parsed.stages:
        stage = stages.get(parsed_stage.number) or Stage(lifecycle=lifecycle, number=parsed_stage.number)
        if stage.pk is None or stage.name != parsed_stage.name:
            stage.name = parsed_stage.name
            stage.full_clean()
            stage.save()
        kept_stages.add(stage.pk)
        for parsed_scenario in parsed_stage.scenarios:
            key = (parsed_stage.number, parsed_scenario.number)
            scenario = scenarios.get(key) or Scenario(stage=stage, number=parsed_scenario.number)
            if scenario.pk is None or scenario.name != parsed_scenario.name:
                scenario.name = parsed_scenario.name
                scenario.full_clean()
                scenario.save()
            kept_scenarios.add(scenario.pk)
            for parsed_item in parsed_scenario.items:
                old_number = plan.item_matches.get(id(parsed_item))
                item = items_by_number.get(old_number) if old_number is not None else None
                item = item or Item(lifecycle=lifecycle)
                _save_if_changed(
                    item,
                    scenario=scenario,
                    number=parsed_item.number,
                    name=parsed_item.name,
                    item_type=parsed_item.item_type,
                    level_note=parsed_item.level_note,
                )
                kept_items.add(item.pk)
                _set_roles(item, None, parsed_item, departments)
                for position, parsed_row in enumerate(parsed_item.subitems, start=1):
                    old_key = plan.subitem_matches.get(id(parsed_row))
                    sub = subitems_by_key.get(old_key) if old_key is not None else None
                    sub = sub or SubItem()
                    _save_if_changed(
                        sub,
                        item=item,
                        position=position,
                        name=parsed_row.name,
                        item_type=parsed_row.item_type,
                        level_note=parsed_row.level_note,
                    )
                    kept_subitems.add(sub.pk)
                    _set_roles(item, sub, parsed_row, departments)
    SubItem.objects.filter(item__lifecycle=lifecycle).exclude(pk__in=kept_subitems).delete()
    Item.objects.filter(lifecycle=lifecycle).exclude(pk__in=kept_items).delete()
    Scenario.objects.filter(stage__lifecycle=lifecycle).exclude(pk__in=kept_scenarios).delete()
    Stage.objects.filter(lifecycle=lifecycle).exclude(pk__in=kept_stages).delete()
    rebuild_search_index()
    return lifecycle


def _step_aside(plan, items_by_number, subitems_by_key):
    """Move the rows whose 序号 or position changes, or that leave the list, out of the way.

    Adding an offset first means two items can swap numbers (and a new item can take the
    number of one that leaves) without tripping the unique constraints half-way. Rows that
    keep their place are not touched, so an unchanged row gets no new version in its history.
    """
    new_number = {}  # old 序号 -> new 序号
    new_place = {}  # (old 序号, old index) -> (old 序号 of the new parent, new index)
    for item in plan.new.items():
        old_number = plan.item_matches.get(id(item))
        if old_number is not None:
            new_number[old_number] = item.number
        for index, row in enumerate(item.subitems):
            old_key = plan.subitem_matches.get(id(row))
            if old_key is not None:
                new_place[old_key] = (old_number, index)
    moving_items = [item.pk for number, item in items_by_number.items() if new_number.get(number) != number]
    Item.objects.filter(pk__in=moving_items).update(number=F("number") + RENUMBER_OFFSET)
    moving_subitems = [sub.pk for key, sub in subitems_by_key.items() if new_place.get(key) != key]
    SubItem.objects.filter(pk__in=moving_subitems).update(position=F("position") + SUBITEM_OFFSET)


def _save_if_changed(instance, **values):
    """Set the values and save (validated) only if one differs: unchanged rows keep their history."""
    changed = instance.pk is None or any(getattr(instance, name) != value for name, value in values.items())
    if not changed:
        return
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean(validate_unique=False, validate_constraints=False)
    instance.save()


def _departments(jurisdiction, parsed):
    """Departments by name, creating the ones the list names for the first time."""
    existing = {department.name: department for department in Department.objects.filter(jurisdiction=jurisdiction)}
    next_position = max((d.position for d in existing.values()), default=0) + 1
    for item in parsed.items():
        for row in [item, *item.subitems]:
            for name in [*row.lead, *row.cooperating]:
                if name not in existing:
                    department = Department(jurisdiction=jurisdiction, name=name, position=next_position)
                    department.full_clean()
                    department.save()
                    existing[name] = department
                    next_position += 1
    return existing


def _set_roles(item, subitem, row, departments):
    """Make the row's responsibilities match the list, touching them only when they differ."""
    wanted = [(Role.LEAD.value, position, name) for position, name in enumerate(row.lead)] + [
        (Role.COOPERATING.value, position, name) for position, name in enumerate(row.cooperating)
    ]
    if subitem is None:
        current = Responsibility.objects.filter(item=item, subitem__isnull=True)
    else:
        # By sub-item alone: a sub-item moved to another item brings its old rows along.
        current = Responsibility.objects.filter(subitem=subitem)
    current = current.select_related("department")
    have = sorted((r.role, r.position, r.department.name) for r in current)
    if have == sorted(wanted) and all(r.item_id == item.pk for r in current):
        return
    current.delete()
    for role, position, name in wanted:
        Responsibility.objects.create(
            item=item, subitem=subitem, department=departments[name], role=role, position=position
        )
