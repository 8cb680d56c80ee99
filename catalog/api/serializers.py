"""The API's JSON shapes. Nothing here queries: the views' querysets preload what each reads."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lifecycle.models import Jurisdiction, Lifecycle, Scenario, Stage

from ..models import Department, Item, ItemType, LevelNote, Role, SubItem


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The absolute address of the object's page on the portal."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return self.context["request"].build_absolute_uri(value.get_absolute_url())


class BlankAsNullChoiceField(serializers.ChoiceField):
    """A choice stored as "" when absent (an item whose types are its sub-items'), written as null."""

    def __init__(self, **kwargs):
        super().__init__(allow_null=True, read_only=True, **kwargs)

    def to_representation(self, value):
        return value or None


# -- References: the few fields that name an object inside another ---------------------------


class JurisdictionRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Jurisdiction
        fields = ["name", "slug"]


class LifecycleRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Lifecycle
        fields = ["id", "kind", "name"]


class StageRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Stage
        fields = ["id", "number", "name"]


class ScenarioRefSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True, help_text="场景编号，如“1.1”")

    class Meta:
        model = Scenario
        fields = ["id", "code", "name"]


class ItemRefSerializer(serializers.ModelSerializer):
    url = PageUrlField()

    class Meta:
        model = Item
        fields = ["id", "number", "name", "url"]


class DepartmentRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "name"]


# -- The lists -------------------------------------------------------------------------------


class LifecycleSerializer(serializers.ModelSerializer):
    jurisdiction = JurisdictionRefSerializer()
    item_count = serializers.IntegerField(help_text="事项数")
    updated_at = serializers.DateTimeField(allow_null=True, help_text="最近一次导入清单的时间")
    url = PageUrlField()
    stages = StageRefSerializer(many=True)

    class Meta:
        model = Lifecycle
        fields = ["id", "jurisdiction", "kind", "name", "item_count", "updated_at", "url", "stages"]


class StageSerializer(serializers.ModelSerializer):
    jurisdiction = JurisdictionRefSerializer(source="lifecycle.jurisdiction")
    lifecycle = LifecycleRefSerializer()
    url = PageUrlField()
    scenarios = ScenarioRefSerializer(many=True)

    class Meta:
        model = Stage
        fields = ["id", "number", "name", "jurisdiction", "lifecycle", "url", "scenarios"]


class ScenarioSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True, help_text="场景编号，如“1.1”")
    jurisdiction = JurisdictionRefSerializer(source="stage.lifecycle.jurisdiction")
    lifecycle = LifecycleRefSerializer(source="stage.lifecycle")
    stage = StageRefSerializer()
    url = PageUrlField()
    items = ItemRefSerializer(many=True)

    class Meta:
        model = Scenario
        fields = ["id", "code", "name", "jurisdiction", "lifecycle", "stage", "url", "items"]


class ResponsibleSerializer(serializers.ModelSerializer):
    """Type, level note and departments: what an item and a sub-item both have."""

    type = BlankAsNullChoiceField(source="item_type", choices=ItemType.choices, help_text="事项类型")
    level_note = BlankAsNullChoiceField(choices=LevelNote.choices, help_text="层级说明")
    lead = DepartmentRefSerializer(source="lead_departments", many=True, help_text="牵头部门，按清单顺序")
    cooperating = DepartmentRefSerializer(source="cooperating_departments", many=True, help_text="协同部门")


class SubItemSerializer(ResponsibleSerializer):
    class Meta:
        model = SubItem
        fields = ["position", "name", "type", "level_note", "lead", "cooperating"]


class ItemSerializer(ResponsibleSerializer):
    jurisdiction = JurisdictionRefSerializer(source="lifecycle.jurisdiction")
    lifecycle = LifecycleRefSerializer()
    stage = StageRefSerializer(source="scenario.stage")
    scenario = ScenarioRefSerializer()
    url = PageUrlField()
    subitems = SubItemSerializer(many=True)

    class Meta:
        model = Item
        fields = [
            "id",
            "number",
            "name",
            "type",
            "level_note",
            "lead",
            "cooperating",
            "subitems",
            "jurisdiction",
            "lifecycle",
            "stage",
            "scenario",
            "url",
        ]


class DepartmentItemSerializer(serializers.Serializer):
    """An item a department has a role on: the whole item, or some of its sub-items (named)."""

    id = serializers.IntegerField(source="item.id")
    number = serializers.IntegerField(source="item.number")
    name = serializers.CharField(source="item.name")
    lifecycle = LifecycleRefSerializer(source="item.lifecycle")
    url = PageUrlField(source="item")
    whole_item = serializers.BooleanField(help_text="职责是否针对整个事项；否则见 subitems")
    subitems = serializers.ListField(
        child=serializers.CharField(), source="subitem_names", help_text="职责所在的子项名称"
    )


class DepartmentSerializer(serializers.ModelSerializer):
    jurisdiction = JurisdictionRefSerializer()
    counterpart = DepartmentRefSerializer(allow_null=True, help_text="区市部门对应的市级部门")
    url = PageUrlField()
    lead = serializers.SerializerMethodField(help_text="牵头的事项")
    cooperating = serializers.SerializerMethodField(help_text="协同的事项")

    class Meta:
        model = Department
        fields = ["id", "name", "jurisdiction", "counterpart", "url", "lead", "cooperating"]

    @extend_schema_field(DepartmentItemSerializer(many=True))
    def get_lead(self, department):
        return self._items(department, Role.LEAD)

    @extend_schema_field(DepartmentItemSerializer(many=True))
    def get_cooperating(self, department):
        return self._items(department, Role.COOPERATING)

    def _items(self, department, role):
        entries = department_items(department.api_responsibilities, role=role)
        return DepartmentItemSerializer(entries, many=True, context=self.context).data


class _DepartmentItem:
    def __init__(self, item):
        self.item = item
        self.whole_item = False
        self.subitem_names = []


def department_items(responsibilities, *, role):
    """The items among `responsibilities` (in document order) that have `role`, one entry per item."""
    entries = {}
    for responsibility in responsibilities:
        if responsibility.role != role:
            continue
        entry = entries.setdefault(responsibility.item_id, _DepartmentItem(responsibility.item))
        if responsibility.subitem is None:
            entry.whole_item = True
        else:
            entry.subitem_names.append(responsibility.subitem.name)
    return list(entries.values())
