"""Keeping the page cache in step with what staff change in the admin."""

from .caching import catalog_version_bump


class InvalidatesPageCache:
    """ModelAdmin mixin: start a new catalog version after staff add, change, revert or delete.

    save_related() runs after the object and its inlines are saved (the change form, the
    history revert form and list editing all call it); the new version starts when the
    transaction commits, so the next request for any page shows the edit.
    """

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        catalog_version_bump()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        catalog_version_bump()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        catalog_version_bump()
