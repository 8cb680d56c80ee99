from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, register_converter

from catalog.converters import DepartmentNameConverter
from lifecycle.converters import LifecycleKindConverter, ScenarioCodeConverter

from . import views

register_converter(LifecycleKindConverter, "kind")
register_converter(ScenarioCodeConverter, "scenario_code")
register_converter(DepartmentNameConverter, "department_name")

admin.site.site_header = "威海市“双全双百”政务服务事项管理"
admin.site.site_title = "事项管理"
admin.site.index_title = "事项清单维护"

# The admin and the display switch are in Chinese only; LocaleMiddleware serves every path
# without a language prefix in LANGUAGE_CODE, whatever the browser asks for.
urlpatterns = [
    path("admin/", admin.site.urls),
    path("elderly-mode/", views.elderly_mode, name="elderly_mode"),
    # For load balancers and monitoring; no language prefix, no trailing slash, never cached.
    path("healthz", views.healthz, name="healthz"),
    # Open data, the same in every language (/api/search/ is in catalog/urls.py, below).
    path("api/", include("catalog.api.urls")),
]

# The public pages: Chinese at /, English under /en/.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("", include("catalog.urls")),
    path("", include("lifecycle.urls")),
    prefix_default_language=False,
)

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
