"""The read-only open-data API at /api/ (Django REST framework, documented by drf-spectacular).

Lifecycles, stages, scenarios, items (with sub-items and departments) and departments (with
their items), paginated and filtered like the search page. /api/search/ is the search page's
own JSON view (catalog.views.search_api), listed here in the schema.
"""
