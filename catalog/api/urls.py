"""/api/: outside i18n_patterns (portal/urls.py), as the data is the same in every language."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter()
router.register("lifecycles", views.LifecycleViewSet, basename="lifecycle")
router.register("stages", views.StageViewSet, basename="stage")
router.register("scenarios", views.ScenarioViewSet, basename="scenario")
router.register("items", views.ItemViewSet, basename="item")
router.register("departments", views.DepartmentViewSet, basename="department")

urlpatterns = [
    path("", views.api_root, name="root"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("", include(router.urls)),
]
