from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from lifecycle.admin import LifecycleListFilter, StageListFilter
from lifecycle.models import Lifecycle, Scenario
from portal.admin_mixins import InvalidatesPageCache

from .admin_import import CatalogImportView
from .models import Department, Edition, Item, Responsibility, SubItem
from .permissions import item_editable_by
from .search.admin_mixins import RebuildsSearchIndex


class LeadDepartmentEditingMixin:
    """Department editors change only what their department leads; others as their permissions say."""

    def item_of(self, obj):
        return obj

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        return item_editable_by(request.user, self.item_of(obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        return item_editable_by(request.user, self.item_of(obj))


class SubItemInline(admin.TabularInline):
    model = SubItem
    fields = ["position", "name", "item_type", "level_note"]
    extra = 0


class ResponsibilityInline(admin.TabularInline):
    model = Responsibility
    fk_name = "item"
    fields = ["subitem", "department", "role", "position"]
    autocomplete_fields = ["department"]
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "subitem":
            # Only this item's sub-items; on the add page the item has none yet.
            item_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = SubItem.objects.filter(item_id=item_id) if item_id else SubItem.objects.none()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SubItemResponsibilityFormSet(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        # A sub-item's responsibility also belongs to its item; set it before validation
        # so Responsibility.clean() can check the department's jurisdiction.
        form.instance.item_id = self.instance.item_id


class SubItemResponsibilityInline(admin.TabularInline):
    model = Responsibility
    fk_name = "subitem"
    formset = SubItemResponsibilityFormSet
    fields = ["department", "role", "position"]
    autocomplete_fields = ["department"]
    extra = 0


@admin.register(Item)
class ItemAdmin(InvalidatesPageCache, RebuildsSearchIndex, LeadDepartmentEditingMixin, SimpleHistoryAdmin):
    list_display = ["number", "name", "scenario", "item_type", "level_note"]
    list_display_links = ["number", "name"]
    list_filter = [
        ("lifecycle", LifecycleListFilter),
        ("scenario__stage", StageListFilter),
        "item_type",
        "level_note",
        "responsibilities__department",
    ]
    list_select_related = ["scenario__stage"]
    search_fields = ["name", "subitems__name"]
    inlines = [SubItemInline, ResponsibilityInline]
    list_per_page = 50

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Name the choices with their list, and read them in one query each.
        if db_field.name == "lifecycle":
            kwargs["queryset"] = Lifecycle.objects.select_related("jurisdiction")
        if db_field.name == "scenario":
            kwargs["queryset"] = Scenario.objects.select_related("stage__lifecycle__jurisdiction")
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "scenario":
            field.label_from_instance = lambda scenario: f"{scenario.stage.lifecycle} · {scenario}"
        return field


@admin.register(SubItem)
class SubItemAdmin(InvalidatesPageCache, RebuildsSearchIndex, LeadDepartmentEditingMixin, SimpleHistoryAdmin):
    list_display = ["name", "item", "item_type", "level_note"]
    list_filter = ["item_type", "level_note"]
    list_select_related = ["item"]
    search_fields = ["name", "item__name"]
    autocomplete_fields = ["item"]
    inlines = [SubItemResponsibilityInline]

    def item_of(self, obj):
        return obj.item


@admin.register(Department)
class DepartmentAdmin(InvalidatesPageCache, RebuildsSearchIndex, SimpleHistoryAdmin):
    list_display = ["name", "jurisdiction", "item_count", "lead_count", "cooperating_count", "position"]
    list_filter = ["jurisdiction"]
    list_select_related = ["jurisdiction"]
    search_fields = ["name"]
    autocomplete_fields = ["editor_group"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_item_counts()

    @admin.display(description=_("事项数"), ordering="item_count")
    def item_count(self, department):
        return department.item_count

    @admin.display(description=_("牵头事项数"), ordering="lead_count")
    def lead_count(self, department):
        return department.lead_count

    @admin.display(description=_("协同事项数"), ordering="cooperating_count")
    def cooperating_count(self, department):
        return department.cooperating_count


@admin.register(Responsibility)
class ResponsibilityAdmin(InvalidatesPageCache, RebuildsSearchIndex, LeadDepartmentEditingMixin, SimpleHistoryAdmin):
    """Mainly for the history of roles; roles are edited inline on items and sub-items."""

    list_display = ["item", "subitem", "department", "role", "position"]
    list_filter = ["role", "department__jurisdiction"]
    list_select_related = ["item", "subitem", "department"]
    search_fields = ["item__name", "subitem__name", "department__name"]
    autocomplete_fields = ["item", "subitem", "department"]

    def item_of(self, obj):
        return obj.item


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    """Imports are recorded, never edited: staff read the list of editions and each report."""

    list_display = ["created_at", "jurisdiction", "kind", "source_name", "change_count", "imported_by"]
    list_filter = ["jurisdiction", "kind"]
    list_select_related = ["jurisdiction", "created_by"]
    fields = ["jurisdiction", "kind", "lifecycle", "created_at", "imported_by", "source_name", "change_count", "report"]
    readonly_fields = fields
    change_list_template = "admin/catalog/edition/change_list.html"

    @admin.display(description=_("导入人"))
    def imported_by(self, edition):
        return edition.created_by or edition.created_by_name or "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        from django.urls import path

        view = self.admin_site.admin_view(CatalogImportView.as_view(model_admin=self))
        return [path("import/", view, name="catalog_edition_import"), *super().get_urls()]
