from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from catalog.search.admin_mixins import RebuildsSearchIndex
from portal.admin_mixins import InvalidatesPageCache

from .models import Jurisdiction, Lifecycle, Scenario, Stage


class LifecycleListFilter(admin.RelatedFieldListFilter):
    """Lifecycle choices named with their jurisdiction, read in one query."""

    def field_choices(self, field, request, model_admin):
        lifecycles = Lifecycle.objects.select_related("jurisdiction")
        return [(lifecycle.pk, str(lifecycle)) for lifecycle in lifecycles]


class StageListFilter(admin.RelatedFieldListFilter):
    """Stage choices named with their lifecycle: “1 企业开办” alone is ambiguous across lists."""

    def field_choices(self, field, request, model_admin):
        stages = Stage.objects.select_related("lifecycle__jurisdiction")
        return [(stage.pk, f"{stage.lifecycle} · {stage}") for stage in stages]


@admin.register(Jurisdiction)
class JurisdictionAdmin(InvalidatesPageCache, admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = ["name", "slug"]


@admin.register(Lifecycle)
class LifecycleAdmin(InvalidatesPageCache, admin.ModelAdmin):
    list_display = ["name", "jurisdiction", "kind", "source"]
    list_filter = ["jurisdiction", "kind"]
    list_select_related = ["jurisdiction"]


class ScenarioInline(admin.TabularInline):
    model = Scenario
    fields = ["number", "name"]
    extra = 0


@admin.register(Stage)
class StageAdmin(InvalidatesPageCache, RebuildsSearchIndex, admin.ModelAdmin):
    list_display = ["__str__", "lifecycle"]
    list_filter = [("lifecycle", LifecycleListFilter)]
    list_select_related = ["lifecycle__jurisdiction"]
    search_fields = ["name"]
    inlines = [ScenarioInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "lifecycle":
            kwargs["queryset"] = Lifecycle.objects.select_related("jurisdiction")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Scenario)
class ScenarioAdmin(InvalidatesPageCache, RebuildsSearchIndex, admin.ModelAdmin):
    list_display = ["code", "name", "stage", "lifecycle"]
    list_filter = [("stage__lifecycle", LifecycleListFilter)]
    list_select_related = ["stage__lifecycle__jurisdiction"]
    search_fields = ["name"]

    @admin.display(description=_("场景编号"), ordering="stage__number")
    def code(self, scenario):
        return scenario.code

    @admin.display(description=_("生命周期"), ordering="stage__lifecycle")
    def lifecycle(self, scenario):
        return scenario.stage.lifecycle

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "stage":
            kwargs["queryset"] = Stage.objects.select_related("lifecycle__jurisdiction")
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "stage":
            field.label_from_instance = lambda stage: f"{stage.lifecycle} · {stage}"
        return field
