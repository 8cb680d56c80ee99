from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response


class CatalogPagination(PageNumberPagination):
    """`page` and `page_size` (at most 200); the answer says the page and the number of pages, as /api/search/ does."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.page.paginator.count,
                "page": self.page.number,
                "pages": self.page.paginator.num_pages,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        described = super().get_paginated_response_schema(schema)
        described["required"] = ["count", "page", "pages", "next", "previous", "results"]
        described["properties"]["page"] = {"type": "integer", "example": 1}
        described["properties"]["pages"] = {"type": "integer", "example": 3}
        return described
