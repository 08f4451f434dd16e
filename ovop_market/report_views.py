"""The officers' reports page in admin and each table's export (``ovop_market.reports``)."""
from django.contrib import admin
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from .reports import REPORTS, report_tables
from .spreadsheets import FORMATS, spreadsheet_response


def reports_index(request):
    return TemplateResponse(request, "admin/reports/index.html", {
        **admin.site.each_context(request),
        "title": _("Reports"),
        "sections": report_tables(user=request.user),
        "formats": FORMATS,
    })


def report_export(request, key: str, fmt: str):
    if key not in REPORTS or fmt not in FORMATS:
        raise Http404
    table = REPORTS[key](user=request.user)
    return spreadsheet_response(fmt=fmt, filename=f"{key}-{timezone.localdate():%Y-%m-%d}", header=table.columns,
                                rows=table.rows, sheet_title=key)


app_name = "admin_reports"
# Mounted before admin's own URLs (ovop_market/urls.py), behind admin's login and second factor.
urlpatterns = [
    path("", admin.site.admin_view(reports_index), name="index"),
    path("<slug:key>/<str:fmt>/", admin.site.admin_view(report_export), name="export"),
]
