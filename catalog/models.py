"""Items (事项), sub-items (子项), departments (部门) and who is responsible for what."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lifecycle.models import Jurisdiction, Lifecycle, Scenario
from portal.reversing import cached_reverse


class ItemType(models.TextChoices):
    """事项类型: exactly the six values the plan uses. Stored as the Chinese term itself."""

    LICENSING = "行政许可", _("行政许可")
    CONFIRMATION = "行政确认", _("行政确认")
    PAYMENT = "行政给付", _("行政给付")
    PUBLIC_SERVICE = "公共服务", _("公共服务")
    OTHER_POWER = "其他行政权力", _("其他行政权力")
    OTHER = "其他", _("其他")


class LevelNote(models.TextChoices):
    """The level notes printed in the 协同部门 column: who actually exercises the item."""

    PROVINCIAL = "省级事项", _("省级事项")
    COUNTY = "县级事项", _("县级事项")
    WEIHAI_CITY = "威海市级事项", _("威海市级事项")


class Role(models.TextChoices):
    LEAD = "lead", _("牵头部门")
    COOPERATING = "cooperating", _("协同部门")


class DepartmentQuerySet(models.QuerySet):
    def with_item_counts(self):
        """Annotate how many items each department leads, cooperates on, and touches at all.

        A role on a sub-item counts for its item; an item counts once per department.
        Ordered explicitly: Django drops Meta.ordering from grouped queries.
        """
        lead = Q(responsibilities__role=Role.LEAD)
        cooperating = Q(responsibilities__role=Role.COOPERATING)
        return self.annotate(
            item_count=models.Count("responsibilities__item", distinct=True),
            lead_count=models.Count("responsibilities__item", filter=lead, distinct=True),
            cooperating_count=models.Count("responsibilities__item", filter=cooperating, distinct=True),
        ).order_by("jurisdiction__position", "position", "name")


class Department(models.Model):
    """A department or organisation named in a jurisdiction's list (部门/单位)."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="departments", verbose_name=_("行政区域")
    )
    name = models.CharField(_("名称"), max_length=100)
    # Order of first appearance in the source document, so lists read like the document.
    position = models.PositiveIntegerField(_("排序"), default=0)
    # A county's local office and the city department it corresponds to (its 市卫健局 and the
    # city's 市卫生健康委), so that lists of two jurisdictions can be compared.
    counterpart = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="local_offices",
        verbose_name=_("对应的市级部门"),
    )
    # Members of this group may edit the items and sub-items this department leads.
    editor_group = models.ForeignKey(
        "auth.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="departments",
        verbose_name=_("编辑组"),
        help_text=_("该组成员可以编辑本部门牵头的事项和子项"),
    )

    objects = DepartmentQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["jurisdiction__position", "position", "name"]
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "name"], name="catalog_department_unique_name"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return cached_reverse("catalog:department", self.jurisdiction.slug, self.name)


def responsibilities_in_order():
    """Prefetch for a row's responsibilities with their departments, in document order."""
    return Responsibility.objects.select_related("department").order_by("role", "position")


class ResponsibleMixin:
    """Lead and cooperating departments of a row, in document order.

    Reads the prefetched responsibilities (see ItemQuerySet.with_details); without the
    prefetch each call queries.
    """

    def _own_responsibilities(self):
        raise NotImplementedError

    def _departments(self, role):
        ordered = sorted(self._own_responsibilities(), key=lambda r: r.position)
        return [r.department for r in ordered if r.role == role]

    @property
    def lead_departments(self):
        return self._departments(Role.LEAD)

    @property
    def cooperating_departments(self):
        return self._departments(Role.COOPERATING)


class ItemQuerySet(models.QuerySet):
    def with_details(self):
        """Preload what an item row shows: sub-items and every responsibility (3 extra queries)."""
        return self.prefetch_related(
            Prefetch(
                "subitems",
                queryset=SubItem.objects.prefetch_related(
                    Prefetch("responsibilities", queryset=responsibilities_in_order())
                ),
            ),
            Prefetch(
                "responsibilities",
                queryset=responsibilities_in_order().filter(subitem__isnull=True),
                to_attr="item_responsibilities",
            ),
        )

    def with_location(self):
        """Join the scenario, stage, lifecycle and jurisdiction (no extra query)."""
        return self.select_related("scenario__stage__lifecycle__jurisdiction")

    def with_url(self):
        """Join the lifecycle and jurisdiction that get_absolute_url reads (no extra query)."""
        return self.select_related("lifecycle__jurisdiction")


class Item(ResponsibleMixin, models.Model):
    # Denormalised from scenario.stage.lifecycle so that the 序号 can be unique per list
    # (a database constraint cannot reach through the scenario). clean() keeps them agreeing.
    lifecycle = models.ForeignKey(Lifecycle, on_delete=models.CASCADE, related_name="items", verbose_name=_("生命周期"))
    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="items", verbose_name=_("场景"))
    number = models.PositiveIntegerField(_("序号"))
    name = models.CharField(_("事项名称"), max_length=200)
    item_type = models.CharField(_("事项类型"), max_length=10, choices=ItemType.choices, blank=True)
    level_note = models.CharField(_("层级说明"), max_length=10, choices=LevelNote.choices, blank=True)

    objects = ItemQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["lifecycle", "number"]
        verbose_name = _("事项")
        verbose_name_plural = _("事项")
        constraints = [
            models.UniqueConstraint(fields=["lifecycle", "number"], name="catalog_item_unique_number"),
            models.CheckConstraint(condition=Q(item_type__in=[""] + ItemType.values), name="catalog_item_type_valid"),
            models.CheckConstraint(
                condition=Q(level_note__in=[""] + LevelNote.values), name="catalog_item_level_note_valid"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"

    def get_absolute_url(self):
        lifecycle = self.lifecycle
        return cached_reverse("catalog:item", lifecycle.jurisdiction.slug, lifecycle.kind, self.number)

    def _own_responsibilities(self):
        if hasattr(self, "item_responsibilities"):
            return self.item_responsibilities
        return [r for r in self.responsibilities.select_related("department") if r.subitem_id is None]

    def clean(self):
        if self.scenario_id and self.lifecycle_id and self.scenario.stage.lifecycle_id != self.lifecycle_id:
            raise ValidationError({"scenario": _("场景必须属于该事项所在的生命周期。")})


class SubItem(ResponsibleMixin, models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="subitems", verbose_name=_("事项"))
    position = models.PositiveSmallIntegerField(_("排序"))
    name = models.CharField(_("子项名称"), max_length=200)
    item_type = models.CharField(_("事项类型"), max_length=10, choices=ItemType.choices)
    level_note = models.CharField(_("层级说明"), max_length=10, choices=LevelNote.choices, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "position"]
        verbose_name = _("子项")
        verbose_name_plural = _("子项")
        constraints = [
            models.UniqueConstraint(fields=["item", "position"], name="catalog_subitem_unique_position"),
            models.CheckConstraint(condition=Q(item_type__in=ItemType.values), name="catalog_subitem_type_valid"),
            models.CheckConstraint(
                condition=Q(level_note__in=[""] + LevelNote.values), name="catalog_subitem_level_note_valid"
            ),
        ]

    def __str__(self):
        return self.name

    def _own_responsibilities(self):
        return self.responsibilities.all()


class Responsibility(models.Model):
    """A department's role (牵头 or 协同) on an item, or on one of its sub-items.

    One table for both levels, so a department page reads all its roles in one query.
    """

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="responsibilities", verbose_name=_("事项"))
    subitem = models.ForeignKey(
        SubItem,
        on_delete=models.CASCADE,
        related_name="responsibilities",
        null=True,
        blank=True,
        verbose_name=_("子项"),
        help_text=_("留空表示整个事项"),
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="responsibilities", verbose_name=_("部门")
    )
    role = models.CharField(_("职责"), max_length=12, choices=Role.choices)
    # Order within the cell as the document prints it (“市市场监管局、市行政审批服务局”).
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "subitem__position", "role", "position"]
        verbose_name = _("责任分工")
        verbose_name_plural = _("责任分工")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "department", "role"],
                condition=Q(subitem__isnull=True),
                name="catalog_responsibility_unique_on_item",
            ),
            models.UniqueConstraint(
                fields=["subitem", "department", "role"],
                condition=Q(subitem__isnull=False),
                name="catalog_responsibility_unique_on_subitem",
            ),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="catalog_responsibility_role_valid"),
        ]

    def __str__(self):
        return f"{self.department} · {self.get_role_display()}"

    def clean(self):
        if self.subitem_id and self.item_id and self.subitem.item_id != self.item_id:
            raise ValidationError({"subitem": _("子项必须属于所选事项。")})
        if self.department_id and self.item_id:
            if self.department.jurisdiction_id != self.item.lifecycle.jurisdiction_id:
                raise ValidationError({"department": _("部门必须属于该事项所在的行政区域。")})


class Edition(models.Model):
    """One import of a list: who, when, from which file, and what it changed."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="editions", verbose_name=_("行政区域")
    )
    kind = models.CharField(_("生命周期"), max_length=20, choices=Lifecycle.Kind.choices)
    # Kept when the lifecycle is deleted, so the record of what was imported survives.
    lifecycle = models.ForeignKey(
        Lifecycle, on_delete=models.SET_NULL, null=True, blank=True, related_name="editions", verbose_name=_("清单")
    )
    created_at = models.DateTimeField(_("导入时间"), auto_now_add=True)
    created_by = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("导入人")
    )
    # For imports from the shell, where there is no signed-in user: the operating-system account.
    created_by_name = models.CharField(_("导入人（命令行）"), max_length=150, blank=True)
    source_name = models.CharField(_("源文件"), max_length=255)
    change_count = models.PositiveIntegerField(_("变化数"), default=0)
    report = models.TextField(_("差异报告"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("清单版本")
        verbose_name_plural = _("清单版本")
        permissions = [("import_catalog", _("可以导入事项清单"))]

    def __str__(self):
        return f"{self.jurisdiction} · {self.get_kind_display()} · {self.created_at:%Y-%m-%d %H:%M}"


class SearchEntryKind(models.TextChoices):
    ITEM = "item", _("事项")
    SUBITEM = "subitem", _("子项")
    SCENARIO = "scenario", _("场景")
    STAGE = "stage", _("阶段")
    DEPARTMENT = "department", _("部门")


class SearchEntryQuerySet(models.QuerySet):
    def for_ranking(self):
        """The columns the ranking reads, as tuples in document order (1 query when evaluated)."""
        return self.order_by("position").values_list(*SEARCH_ENTRY_RANKING_FIELDS, named=True)

    def for_vocabulary(self):
        """Each distinct name with its context and pinyin, as tuples (1 query when evaluated).

        Copies of a list (the same names in another jurisdiction) come back once.
        """
        return (
            self.order_by()
            .values_list("kind", "name", "text", "pinyin", "initials", "context", "context_pinyin", named=True)
            .distinct()
        )


SEARCH_ENTRY_RANKING_FIELDS = [
    "pk",
    "kind",
    "position",
    "jurisdiction_id",
    "item_id",
    "subitem_id",
    "scenario_id",
    "stage_id",
    "department_id",
    "name",
    "text",
    "pinyin",
    "syllables",
    "initials",
    "context",
    "context_pinyin",
]


class SearchEntry(models.Model):
    """One searchable name (an item, sub-item, scenario, stage or department), ready to match.

    Derived data, never edited: catalog.search.rebuild_search_index() rewrites the table from
    the catalog after every load, import and admin change. The foreign keys say where the name
    sits, for the search filters; the text columns are computed once here, not per request.
    """

    Kind = SearchEntryKind

    kind = models.CharField(_("类别"), max_length=12, choices=SearchEntryKind.choices)
    # Document order across the whole index: jurisdiction, lifecycle, 序号, sub-item position.
    position = models.PositiveIntegerField(_("排序"))
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="+")
    lifecycle = models.ForeignKey(Lifecycle, on_delete=models.CASCADE, null=True, related_name="+")
    stage = models.ForeignKey("lifecycle.Stage", on_delete=models.CASCADE, null=True, related_name="+")
    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, null=True, related_name="+")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, null=True, related_name="+")
    subitem = models.ForeignKey(SubItem, on_delete=models.CASCADE, null=True, related_name="+")
    department = models.ForeignKey(Department, on_delete=models.CASCADE, null=True, related_name="+")
    name = models.CharField(_("名称"), max_length=200)
    # The name folded to compact text (catalog.search.text.compact).
    text = models.CharField(_("规范化名称"), max_length=200)
    # One pinyin syllable per character of `text`: run together (for matching), separated by
    # spaces (to map a match back to characters), and their first letters.
    pinyin = models.TextField(_("拼音"))
    syllables = models.TextField(_("拼音音节"))
    initials = models.CharField(_("拼音首字母"), max_length=200)
    # For items and sub-items: the scenario, stage and department names, compact, “|”-separated,
    # and the pinyin of the scenario and stage names without spaces.
    context = models.TextField(_("所在场景、阶段和部门"), blank=True)
    context_pinyin = models.TextField(_("场景、阶段拼音"), blank=True)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        ordering = ["position"]
        verbose_name = _("搜索索引条目")
        verbose_name_plural = _("搜索索引条目")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SearchEntryKind.values),
                name="catalog_searchentry_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.name}"
