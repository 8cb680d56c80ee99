"""Keeping the search index in step with what staff change in the admin."""

from .index import rebuild_search_index


class RebuildsSearchIndex:
    """ModelAdmin mixin: rebuild the search index after staff add, change, revert or delete.

    save_related() runs after the object and its inlines are saved (the change form, the
    history revert form and list editing all call it), inside the same transaction.
    """

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        rebuild_search_index()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        rebuild_search_index()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        rebuild_search_index()
