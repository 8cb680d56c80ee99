from django.contrib import admin
from django.urls import include, path, register_converter

from lifecycle.converters import LifecycleKindConverter, ScenarioCodeConverter

from . import views

register_converter(LifecycleKindConverter, "kind")
register_converter(ScenarioCodeConverter, "scenario_code")

admin.site.site_header = "威海市“双全双百”政务服务事项管理"
admin.site.site_title = "事项管理"
admin.site.index_title = "事项清单维护"

urlpatterns = [
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("", include("catalog.urls")),
    path("", include("lifecycle.urls")),
]

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
