from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ovop_market"
    verbose_name = _("Accounts and platform")
    default_auto_field = "django.db.models.BigAutoField"
