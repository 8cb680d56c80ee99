"""The life-event taxonomy: jurisdiction → lifecycle → stage (阶段) → scenario (场景)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.reversing import cached_reverse


class Jurisdiction(models.Model):
    """A government whose catalog the portal publishes (威海市 now; 区市 lists later)."""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    slug = models.SlugField(_("网址标识"), max_length=50, unique=True)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("行政区域")
        verbose_name_plural = _("行政区域")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return cached_reverse("lifecycle:jurisdiction", self.slug)


class LifecycleQuerySet(models.QuerySet):
    def with_stages(self):
        """Preload stages and their scenarios (2 extra queries)."""
        return self.select_related("jurisdiction").prefetch_related("stages__scenarios")

    def with_update_date(self):
        """Count items and add `updated_at`, the date of the latest edition (no extra query).

        distinct=True: joining the editions repeats each item row once per edition.
        """
        return self.annotate(
            item_count=models.Count("items", distinct=True),
            updated_at=models.Max("editions__created_at"),
        )

    def for_overview(self):
        """Count each lifecycle's items and preload its stages with their item counts (1 extra query).

        Counting groups the rows, and Django drops Meta.ordering from grouped queries:
        the order_by() calls keep document order.
        """
        stages = Stage.objects.annotate(item_count=models.Count("scenarios__items")).order_by("number")
        return (
            self.select_related("jurisdiction")
            .with_update_date()
            .order_by("jurisdiction__position", "kind")
            .prefetch_related(models.Prefetch("stages", queryset=stages))
        )

    def for_lifecycle_page(self):
        """Count items, and preload stages and scenarios, each with its item count (2 extra queries).

        Ordered explicitly, as in for_overview().
        """
        scenarios = Scenario.objects.annotate(item_count=models.Count("items")).order_by("number")
        stages = (
            Stage.objects.annotate(item_count=models.Count("scenarios__items"))
            .order_by("number")
            .prefetch_related(models.Prefetch("scenarios", queryset=scenarios))
        )
        return (
            self.select_related("jurisdiction")
            .with_update_date()
            .order_by("jurisdiction__position", "kind")
            .prefetch_related(models.Prefetch("stages", queryset=stages))
        )


class Lifecycle(models.Model):
    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", _("企业全生命周期")
        PERSONAL = "personal", _("个人全生命周期")

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="lifecycles", verbose_name=_("行政区域")
    )
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=50)
    source = models.CharField(_("来源文件"), max_length=200, blank=True)

    objects = LifecycleQuerySet.as_manager()

    class Meta:
        ordering = ["jurisdiction__position", "kind"]
        verbose_name = _("生命周期")
        verbose_name_plural = _("生命周期")
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "kind"], name="lifecycle_lifecycle_one_kind_per_jurisdiction"
            ),
        ]

    def __str__(self):
        return f"{self.jurisdiction.name} · {self.name}"

    def get_absolute_url(self):
        return cached_reverse("lifecycle:lifecycle", self.jurisdiction.slug, self.kind)


class Stage(models.Model):
    lifecycle = models.ForeignKey(
        Lifecycle, on_delete=models.CASCADE, related_name="stages", verbose_name=_("生命周期")
    )
    number = models.PositiveSmallIntegerField(_("阶段序号"))
    name = models.CharField(_("阶段名称"), max_length=50)

    class Meta:
        ordering = ["lifecycle", "number"]
        verbose_name = _("阶段")
        verbose_name_plural = _("阶段")
        constraints = [
            models.UniqueConstraint(fields=["lifecycle", "number"], name="lifecycle_stage_unique_number"),
        ]

    def __str__(self):
        return f"{self.number} {self.name}"

    def get_absolute_url(self):
        lifecycle = self.lifecycle
        return cached_reverse("lifecycle:stage", lifecycle.jurisdiction.slug, lifecycle.kind, self.number)


class Scenario(models.Model):
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="scenarios", verbose_name=_("阶段"))
    # The part after the dot in the document's code: 2 in “10.2”. Stored as a number so
    # that 10.2 sorts after 9.1 and 1.10 after 1.9.
    number = models.PositiveSmallIntegerField(_("场景序号"))
    name = models.CharField(_("场景名称"), max_length=50)

    class Meta:
        ordering = ["stage__lifecycle", "stage__number", "number"]
        verbose_name = _("场景")
        verbose_name_plural = _("场景")
        constraints = [
            models.UniqueConstraint(fields=["stage", "number"], name="lifecycle_scenario_unique_number"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        lifecycle = self.stage.lifecycle
        return cached_reverse("lifecycle:scenario", lifecycle.jurisdiction.slug, lifecycle.kind, self.code)

    @property
    def code(self):
        """The document's scenario code, e.g. “1.1”. Reads self.stage (select_related it)."""
        return f"{self.stage.number}.{self.number}"
