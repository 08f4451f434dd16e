import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from orders import urls as orders_urls

from . import views

handler400 = views.bad_request
handler404 = views.page_not_found
handler500 = views.server_error

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("api/seller/", include("sellers.api_urls")),
    path("api/accounts/", include("ovop_market.accounts.api_urls")),
    path("api/", include("orders.api_urls")),
    path("api/", include("catalog.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/reports/", include("ovop_market.report_views")),  # officers' reports, behind admin's login
    path("admin/", admin.site.urls),
    # Payment providers' servers call one address, whatever their language (orders.urls).
    path("payments/webhooks/", include((orders_urls.webhook_urlpatterns, "payments"))),
]

urlpatterns += i18n_patterns(
    # Before "accounts/": /accounts/orders/ is the buyer's order history (orders:history).
    path("", include("orders.urls")),
    path("accounts/", include("ovop_market.accounts.urls")),
    path("seller/", include("sellers.urls")),
    path("notifications/", include("ovop_market.notification_urls")),
    path("", include("catalog.urls")),
    prefix_default_language=False,
)

if settings.SERVE_MEDIA and settings.MEDIA_URL.startswith("/"):
    # The embedded run serves media itself; production leaves it to the web server or object storage.
    from catalog.views import media

    urlpatterns += [re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$", media, name="media")]
