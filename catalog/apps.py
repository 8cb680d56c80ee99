from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "catalog"
    verbose_name = _("事项清单")

    def ready(self):
        from . import checks  # noqa: F401 - registers the synonym-file check
