from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = _("Catalog")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Cached anonymous pages go out of date whenever a row they show is saved or deleted.
        from ovop_market.cache import catalog_pages_connect

        catalog_pages_connect()
