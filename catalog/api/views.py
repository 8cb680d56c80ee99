"""Read-only lists and details. Each list runs a fixed number of queries, whatever the page size."""

from django.db.models import F, Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.reverse import reverse

from lifecycle.models import Lifecycle, Scenario, Stage

from ..filters import DepartmentFilter, ItemFilter, LifecycleFilter, ScenarioFilter, StageFilter
from ..models import Department, Item, Responsibility
from .serializers import (
    DepartmentSerializer,
    ItemSerializer,
    LifecycleSerializer,
    ScenarioSerializer,
    StageSerializer,
)

# Document order across jurisdictions; each ends on a unique key, so pages never overlap.
JURISDICTION_ORDER = ("jurisdiction__position", "jurisdiction__name")


def _under(path, fields):
    return [f"{path}__{field}" for field in fields]


class CatalogViewSet(viewsets.ReadOnlyModelViewSet):
    # Ids only: /api/items/abc/ matches no route at all, rather than a lookup that fails.
    lookup_value_regex = "[0-9]+"


@extend_schema(exclude=True)
@api_view(["GET"])
def api_root(request):
    """What the API offers, with links."""
    links = {
        name: reverse(f"api:{name}-list", request=request)
        for name in ("lifecycle", "stage", "scenario", "item", "department")
    }
    return Response(
        {
            "lifecycles": links["lifecycle"],
            "stages": links["stage"],
            "scenarios": links["scenario"],
            "items": links["item"],
            "departments": links["department"],
            "search": reverse("catalog:search_api", request=request),
            "schema": reverse("api:schema", request=request),
        }
    )


@extend_schema_view(
    list=extend_schema(summary="生命周期列表", description="每个行政区域的企业、个人全生命周期，附阶段。"),
    retrieve=extend_schema(summary="一个生命周期"),
)
class LifecycleViewSet(CatalogViewSet):
    # Queries: the count, the page (jurisdiction joined, item count and update date
    # annotated), the stages.
    queryset = (
        Lifecycle.objects.select_related("jurisdiction")
        .with_update_date()
        .prefetch_related(Prefetch("stages", queryset=Stage.objects.order_by("number")))
        .order_by(*JURISDICTION_ORDER, "kind")
    )
    serializer_class = LifecycleSerializer
    filterset_class = LifecycleFilter


@extend_schema_view(
    list=extend_schema(summary="阶段列表", description="按清单顺序，附各阶段的场景。"),
    retrieve=extend_schema(summary="一个阶段"),
)
class StageViewSet(CatalogViewSet):
    # Queries: the count, the page (lifecycle and jurisdiction joined), the scenarios.
    queryset = (
        Stage.objects.select_related("lifecycle__jurisdiction")
        .prefetch_related(Prefetch("scenarios", queryset=Scenario.objects.order_by("number")))
        .order_by(*_under("lifecycle", JURISDICTION_ORDER), "lifecycle__kind", "number")
    )
    serializer_class = StageSerializer
    filterset_class = StageFilter


@extend_schema_view(
    list=extend_schema(summary="场景列表", description="按清单顺序，附各场景的事项（一链办理的步骤）。"),
    retrieve=extend_schema(summary="一个场景"),
)
class ScenarioViewSet(CatalogViewSet):
    # Queries: the count, the page (stage, lifecycle and jurisdiction joined), the items
    # (with the lifecycle and jurisdiction their addresses need).
    queryset = (
        Scenario.objects.select_related("stage__lifecycle__jurisdiction")
        .prefetch_related(Prefetch("items", queryset=Item.objects.with_url().order_by("number")))
        .order_by(*_under("stage__lifecycle", JURISDICTION_ORDER), "stage__lifecycle__kind", "stage__number", "number")
    )
    serializer_class = ScenarioSerializer
    filterset_class = ScenarioFilter


@extend_schema_view(
    list=extend_schema(
        summary="事项列表",
        description=(
            "事项及其子项、牵头和协同部门，按清单顺序。筛选与搜索页相同：子项的事项类型、层级说明和部门职责"
            "也算作其事项的。按关键词查找请用 /api/search/。"
        ),
    ),
    retrieve=extend_schema(summary="一个事项"),
)
class ItemViewSet(CatalogViewSet):
    # Queries: the count, the page (scenario, stage, lifecycle and jurisdiction joined), the
    # sub-items, the sub-items' responsibilities with departments, the items' own
    # responsibilities with departments.
    queryset = (
        Item.objects.with_location()
        .with_url()
        .with_details()
        .order_by(*_under("lifecycle", JURISDICTION_ORDER), "lifecycle__kind", "number")
    )
    serializer_class = ItemSerializer
    filterset_class = ItemFilter


def _responsibilities_for_api():
    """A department's roles with their items and sub-items, in document order."""
    return Responsibility.objects.select_related("item__lifecycle__jurisdiction", "subitem").order_by(
        "item__lifecycle__kind", "item__number", F("subitem__position").asc(nulls_first=True)
    )


@extend_schema_view(
    list=extend_schema(
        summary="部门列表",
        description="各部门牵头和协同的事项；职责只在部分子项上时，subitems 列出这些子项。",
    ),
    retrieve=extend_schema(summary="一个部门"),
)
class DepartmentViewSet(CatalogViewSet):
    # Queries: the count, the page (jurisdiction and counterpart joined), the
    # responsibilities with their items, lifecycles, jurisdictions and sub-items.
    queryset = (
        Department.objects.select_related("jurisdiction", "counterpart")
        .prefetch_related(
            Prefetch("responsibilities", queryset=_responsibilities_for_api(), to_attr="api_responsibilities")
        )
        .order_by(*JURISDICTION_ORDER, "position", "name")
    )
    serializer_class = DepartmentSerializer
    filterset_class = DepartmentFilter
