from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError


class CatalogFilterBackend(DjangoFilterBackend):
    """django-filter's backend, answering a value it does not understand as /api/search/ does: 400 with `errors`."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            errors = {name: list(messages) for name, messages in filterset.errors.items()}
            raise ValidationError({"errors": errors})
        return filterset.qs
