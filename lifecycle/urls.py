from django.urls import path

from . import views

app_name = "lifecycle"

urlpatterns = [
    path("<slug:jurisdiction>/", views.jurisdiction_detail, name="jurisdiction"),
    path("<slug:jurisdiction>/<kind:kind>/", views.lifecycle_detail, name="lifecycle"),
    path("<slug:jurisdiction>/<kind:kind>/stages/<int:number>/", views.stage_detail, name="stage"),
    path("<slug:jurisdiction>/<kind:kind>/scenarios/<scenario_code:code>/", views.scenario_detail, name="scenario"),
]
