"""Filters over the catalog: the search page's (over the search index, SearchEntry) and the API's lists."""

import django_filters
from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from lifecycle.models import Jurisdiction, Lifecycle, Scenario, Stage
from portal.widgets import PlainSelect

from .models import (
    Department,
    Item,
    ItemType,
    LevelNote,
    Responsibility,
    Role,
    SearchEntry,
    SearchEntryKind,
    SubItem,
)

ITEM_KINDS = [SearchEntryKind.ITEM, SearchEntryKind.SUBITEM]
# Filters that only items and sub-items can meet: scenarios, stages and departments are not
# shown as results while one is set.
ITEM_FILTERS = ("item_type", "level_note", "department")


class OfferedChoices(BaseChoiceIterator):
    """A filter's choices as plain rows: the empty choice, then (value, label) per row of `rows`.

    `rows` is a values_list queryset of the value and the label's columns, read when the widget
    renders (1 query; the API, which renders no form, never reads it). ModelChoiceIterator, the
    default, builds a model instance per option (two or three with their lifecycle), and on
    PostgreSQL reads them through a server-side cursor, three round trips a list: for the
    ~110 options of every search page that was most of the page's time.
    """

    def __init__(self, empty_label, rows, label):
        self.empty_label = empty_label
        self.rows = rows
        self.label = label

    def __iter__(self):
        yield ("", self.empty_label)
        for value, *columns in self.rows:
            yield (value, self.label.format(*columns))


# What each filter offers: the rows, the path from them to the jurisdiction and lifecycle, the
# value and label columns, and how a choice reads: the model's __str__, and for stages and
# scenarios their list's name first (“1 出生” alone is ambiguous between the two lifecycles).
# tests/catalog/test_search_page.py checks the labels against the models' __str__.
OFFERS = {
    "jurisdiction": (Jurisdiction.objects.all(), None, ("slug", "name"), "{}"),
    "stage": (Stage.objects.all(), "lifecycle__", ("pk", "lifecycle__name", "number", "name"), "{} · {} {}"),
    "scenario": (
        Scenario.objects.all(),
        "stage__lifecycle__",
        ("pk", "stage__lifecycle__name", "stage__number", "number", "name"),
        "{} · {}.{} {}",
    ),
    "department": (Department.objects.all(), "", ("pk", "name"), "{}"),
}


def _on_items(queryset, condition):
    """Keep the items and sub-items that meet the condition, and every other kind of entry."""
    return queryset.filter((Q(kind__in=ITEM_KINDS) & condition) | ~Q(kind__in=ITEM_KINDS))


class SearchFilter(django_filters.FilterSet):
    jurisdiction = django_filters.ModelChoiceFilter(
        queryset=Jurisdiction.objects.all(),
        to_field_name="slug",
        label=_("行政区域"),
        empty_label=_("全部"),
        widget=PlainSelect,
    )
    lifecycle = django_filters.ChoiceFilter(
        field_name="lifecycle__kind",
        choices=Lifecycle.Kind.choices,
        label=_("生命周期"),
        empty_label=_("全部"),
        widget=PlainSelect,
    )
    stage = django_filters.ModelChoiceFilter(
        queryset=Stage.objects.select_related("lifecycle__jurisdiction"),
        label=_("阶段"),
        empty_label=_("全部"),
        widget=PlainSelect,
    )
    scenario = django_filters.ModelChoiceFilter(
        queryset=Scenario.objects.select_related("stage__lifecycle__jurisdiction"),
        label=_("场景"),
        empty_label=_("全部"),
        widget=PlainSelect,
    )
    item_type = django_filters.ChoiceFilter(
        choices=ItemType.choices,
        method="filter_item_type",
        label=_("事项类型"),
        empty_label=_("全部"),
        widget=PlainSelect,
    )
    level_note = django_filters.ChoiceFilter(
        choices=LevelNote.choices,
        method="filter_level_note",
        label=_("层级说明"),
        empty_label=_("全部"),
        widget=PlainSelect,
    )
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.select_related("jurisdiction"),
        method="filter_department",
        label=_("部门"),
        empty_label=_("全部"),
        widget=PlainSelect,
    )
    role = django_filters.ChoiceFilter(
        choices=Role.choices, method="filter_role", label=_("部门职责"), empty_label=_("牵头或协同"), widget=PlainSelect
    )

    class Meta:
        model = SearchEntry
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            field.widget.attrs["class"] = "app-search-filters__select"

    def offer_choices(self):
        """Offer the stages, scenarios and departments of one jurisdiction (and lifecycle) only.

        The chosen jurisdiction's, else the portal's default one: a list of every stage and
        scenario of every jurisdiction would be too long to choose from (and to render). Any
        valid value is still accepted, and a chosen one is always offered. Call after
        is_valid(); adds no query (the lists are read when the form is rendered, one query each).
        """
        data = getattr(self.form, "cleaned_data", {})
        jurisdiction = data.get("jurisdiction")
        if jurisdiction:
            where = {"jurisdiction": jurisdiction}
        else:
            where = {"jurisdiction__slug": settings.PORTAL_DEFAULT_JURISDICTION}
        kind = data.get("lifecycle")
        for name, (queryset, path, columns, label) in OFFERS.items():
            if path is not None:
                offered = Q(**{f"{path}{key}": value for key, value in where.items()})
                if kind and name != "department":
                    offered &= Q(**{f"{path}kind": kind})
                chosen = data.get(name)
                if chosen:
                    offered |= Q(pk=chosen.pk)
                queryset = queryset.filter(offered)
            field = self.form.fields[name]
            field.widget.choices = OfferedChoices(field.empty_label, queryset.values_list(*columns), label)

    @property
    def item_filters_active(self):
        data = self.form.cleaned_data if self.is_bound and hasattr(self.form, "cleaned_data") else {}
        return any(data.get(name) for name in ITEM_FILTERS)

    @property
    def active_count(self):
        """How many filters have a valid value."""
        data = self.form.cleaned_data if self.is_bound and hasattr(self.form, "cleaned_data") else {}
        return sum(1 for value in data.values() if value not in (None, ""))

    @property
    def any_active(self):
        return bool(self.active_count)

    def filter_item_type(self, queryset, name, value):
        # An item without a type of its own (it has sub-items) has the types of its sub-items.
        typed_subitem = SubItem.objects.filter(item=OuterRef("item"), item_type=value)
        item = Q(kind=SearchEntryKind.ITEM) & (Q(item__item_type=value) | Exists(typed_subitem))
        subitem = Q(kind=SearchEntryKind.SUBITEM, subitem__item_type=value)
        return _on_items(queryset, item | subitem)

    def filter_level_note(self, queryset, name, value):
        noted_subitem = SubItem.objects.filter(item=OuterRef("item"), level_note=value)
        item = Q(kind=SearchEntryKind.ITEM) & (Q(item__level_note=value) | Exists(noted_subitem))
        subitem = Q(kind=SearchEntryKind.SUBITEM, subitem__level_note=value)
        return _on_items(queryset, item | subitem)

    def filter_department(self, queryset, name, value):
        # A role on the item or on any of its sub-items counts, as on the department's page.
        roles = Responsibility.objects.filter(item=OuterRef("item"), department=value)
        role = self.form.cleaned_data.get("role")
        if role:
            roles = roles.filter(role=role)
        return _on_items(queryset, Exists(roles))

    def filter_role(self, queryset, name, value):
        # Read by filter_department: a role alone, without a department, filters nothing.
        return queryset


# -- The open-data API's filters (catalog/api/) ---------------------------------------------
# The same parameters, values and meanings as the search page's: `jurisdiction` (slug),
# `lifecycle` (kind), `stage`, `scenario` and `department` (ids), `item_type`, `level_note`,
# `role`, each over the rows one API list returns.


def _jurisdiction_filter(field_name):
    return django_filters.ModelChoiceFilter(
        field_name=field_name, queryset=Jurisdiction.objects.all(), to_field_name="slug", label=_("行政区域")
    )


def _lifecycle_filter(field_name):
    return django_filters.ChoiceFilter(field_name=field_name, choices=Lifecycle.Kind.choices, label=_("生命周期"))


def _stage_filter(field_name):
    return django_filters.ModelChoiceFilter(field_name=field_name, queryset=Stage.objects.all(), label=_("阶段"))


class LifecycleFilter(django_filters.FilterSet):
    jurisdiction = _jurisdiction_filter("jurisdiction")
    lifecycle = _lifecycle_filter("kind")

    class Meta:
        model = Lifecycle
        fields = []


class StageFilter(django_filters.FilterSet):
    jurisdiction = _jurisdiction_filter("lifecycle__jurisdiction")
    lifecycle = _lifecycle_filter("lifecycle__kind")

    class Meta:
        model = Stage
        fields = []


class ScenarioFilter(django_filters.FilterSet):
    jurisdiction = _jurisdiction_filter("stage__lifecycle__jurisdiction")
    lifecycle = _lifecycle_filter("stage__lifecycle__kind")
    stage = _stage_filter("stage")

    class Meta:
        model = Scenario
        fields = []


class ItemFilter(django_filters.FilterSet):
    """The search page's filters over items: a sub-item's type, level note or role counts for its item."""

    jurisdiction = _jurisdiction_filter("lifecycle__jurisdiction")
    lifecycle = _lifecycle_filter("lifecycle__kind")
    stage = _stage_filter("scenario__stage")
    scenario = django_filters.ModelChoiceFilter(queryset=Scenario.objects.all(), label=_("场景"))
    item_type = django_filters.ChoiceFilter(choices=ItemType.choices, method="filter_item_type", label=_("事项类型"))
    level_note = django_filters.ChoiceFilter(choices=LevelNote.choices, method="filter_level_note", label=_("层级说明"))
    # An id in the schema: drf-spectacular cannot tell through the filter method.
    department = extend_schema_field(OpenApiTypes.INT)(
        django_filters.ModelChoiceFilter(queryset=Department.objects.all(), method="filter_department", label=_("部门"))
    )
    role = django_filters.ChoiceFilter(choices=Role.choices, method="filter_role", label=_("部门职责"))

    class Meta:
        model = Item
        fields = []

    def filter_item_type(self, queryset, name, value):
        typed_subitem = SubItem.objects.filter(item=OuterRef("pk"), item_type=value)
        return queryset.filter(Q(item_type=value) | Exists(typed_subitem))

    def filter_level_note(self, queryset, name, value):
        noted_subitem = SubItem.objects.filter(item=OuterRef("pk"), level_note=value)
        return queryset.filter(Q(level_note=value) | Exists(noted_subitem))

    def filter_department(self, queryset, name, value):
        roles = Responsibility.objects.filter(item=OuterRef("pk"), department=value)
        role = self.form.cleaned_data.get("role")
        if role:
            roles = roles.filter(role=role)
        return queryset.filter(Exists(roles))

    def filter_role(self, queryset, name, value):
        # Read by filter_department: a role alone, without a department, filters nothing.
        return queryset


class DepartmentFilter(django_filters.FilterSet):
    jurisdiction = _jurisdiction_filter("jurisdiction")

    class Meta:
        model = Department
        fields = []
