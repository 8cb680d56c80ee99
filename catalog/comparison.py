"""A county's list beside the city's, item by item.

Items are paired as imports pair them (序号 plus name, see catalog.importing). The county's
departments are its own local offices; they are compared through Department.counterpart,
the city department each corresponds to, so 市卫健局 and 市卫生健康委 count as the same office.
"""

from dataclasses import dataclass, field

from .exporting import lifecycle_as_parsed
from .importing import match_items
from .models import Department

SAME = "same"


@dataclass
class ComparedRow:
    """One row (an item, or a sub-item) of either list, with what differs."""

    number: int | None
    base: object  # ParsedItem / ParsedRow of the city's list, or None
    other: object  # of the county's list, or None
    differences: list[str] = field(default_factory=list)
    is_subitem: bool = False

    @property
    def status(self):
        if self.base is None:
            return "added"
        if self.other is None:
            return "dropped"
        return "changed" if self.differences else SAME


def _department_differences(base, other, to_city):
    differences = []
    other_lead = [to_city.get(name, name) for name in other.lead]
    other_cooperating = [to_city.get(name, name) for name in other.cooperating]
    if other_lead != base.lead:
        differences.append(f"牵头部门：{'、'.join(base.lead) or '无'} → {'、'.join(other.lead) or '无'}")
    if other_cooperating != base.cooperating:
        differences.append(f"协同部门：{'、'.join(base.cooperating) or '无'} → {'、'.join(other.cooperating) or '无'}")
    return differences


def _row_differences(base, other, to_city):
    differences = []
    if base.name != other.name:
        differences.append(f"名称：{base.name} → {other.name}")
    if base.item_type != other.item_type:
        differences.append(f"事项类型：{base.item_type or '无'} → {other.item_type or '无'}")
    differences += _department_differences(base, other, to_city)
    if base.level_note != other.level_note:
        differences.append(f"层级：{base.level_note or '无'} → {other.level_note or '无'}")
    return differences


def counterpart_names(jurisdiction):
    """{local office name: the city department's name} for a jurisdiction (one query)."""
    offices = Department.objects.filter(jurisdiction=jurisdiction, counterpart__isnull=False)
    return dict(offices.values_list("name", "counterpart__name"))


def compare_lifecycles(base_lifecycle, other_lifecycle):
    """Rows in the city's order, the county's additions after the item they follow."""
    base, other = lifecycle_as_parsed(base_lifecycle), lifecycle_as_parsed(other_lifecycle)
    to_city = counterpart_names(other_lifecycle.jurisdiction)
    # match_items pairs each item of its second list with one of its first: id(other) -> base.
    matches, _added, _removed = match_items(base.items(), other.items())
    by_base = {id(matches[id(item)]): item for item in other.items() if id(item) in matches}
    rows = []
    for base_item in base.items():
        other_item = by_base.get(id(base_item))
        rows.append(_item_row(base_item, other_item, to_city))
    # The county's items with no partner in the city's list, in the county's order.
    matched_other = {id(item) for item in by_base.values()}
    for other_item in other.items():
        if id(other_item) not in matched_other:
            rows.append(_item_row(None, other_item, to_city))
    return rows


def _item_row(base_item, other_item, to_city):
    number = (other_item or base_item).number
    row = ComparedRow(number, base_item, other_item)
    if base_item is None or other_item is None:
        return row
    if base_item.number != other_item.number:
        row.differences.append(f"序号：{base_item.number} → {other_item.number}")
    if base_item.subitems or other_item.subitems:
        if base_item.name != other_item.name:
            row.differences.append(f"名称：{base_item.name} → {other_item.name}")
        row.differences += _subitem_differences(base_item, other_item, to_city)
    else:
        row.differences += _row_differences(base_item, other_item, to_city)
    return row


def _subitem_differences(base_item, other_item, to_city):
    """Sub-items paired by name, then by position among the unpaired ones."""
    differences = []
    unpaired = list(other_item.subitems)
    pairs = []
    for base_sub in base_item.subitems:
        partner = next((sub for sub in unpaired if sub.name == base_sub.name), None)
        if partner is not None:
            unpaired.remove(partner)
        pairs.append([base_sub, partner])
    other_names = {sub.name for sub in other_item.subitems}
    for pair in pairs:
        if pair[1] is None and unpaired and pair[0].name not in other_names:
            pair[1] = unpaired.pop(0)
    for base_sub, other_sub in pairs:
        if other_sub is None:
            differences.append(f"少了子项：{base_sub.name}")
        else:
            differences += [f"子项“{base_sub.name}”{text}" for text in _row_differences(base_sub, other_sub, to_city)]
    differences += [f"多了子项：{sub.name}" for sub in unpaired]
    return differences
