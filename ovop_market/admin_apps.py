"""Django admin, served by ``ovop_market.second_factor.OfficerAdminSite`` (listed in INSTALLED_APPS
in place of ``django.contrib.admin``): ``admin.site`` and ``@admin.register`` keep working."""
from django.contrib.admin.apps import AdminConfig


class OfficerAdminConfig(AdminConfig):
    default_site = "ovop_market.second_factor.OfficerAdminSite"
