from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("<slug:jurisdiction>/<kind:kind>/items/<int:number>/", views.item_detail, name="item"),
    path("<slug:jurisdiction>/departments/", views.department_index, name="departments"),
    path("<slug:jurisdiction>/departments/<str:name>/", views.department_detail, name="department"),
]
