from django.urls import path, re_path

from . import views

app_name = "catalog"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("api/search/", views.search_api, name="search_api"),
    path("downloads/", views.downloads, name="downloads"),
    re_path(r"^downloads/catalog\.(?P<format>json|xlsx|csv)$", views.catalog_download, name="download"),
    path("<slug:jurisdiction>/<kind:kind>/items/<int:number>/", views.item_detail, name="item"),
    path("<slug:jurisdiction>/<kind:kind>/compare/<slug:other>/", views.lifecycle_comparison, name="compare"),
    path("<slug:jurisdiction>/departments/", views.department_index, name="departments"),
    path("<slug:jurisdiction>/departments/<department_name:name>/", views.department_detail, name="department"),
]
