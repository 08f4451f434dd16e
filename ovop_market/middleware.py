"""Platform middleware: the content security policy header and language selection."""
from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation


class ContentSecurityPolicyMiddleware:
    """Sets the CSP header, which Django 5.2's SecurityMiddleware does not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.CONTENT_SECURITY_POLICY:
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Storefront pages take their language from the URL prefix (``/vi/``, ``/th/``, none for
    English). The API and admin have no prefix: they follow the caller's Accept-Language (or
    language cookie), so a Thai client's 400 errors come back in Thai."""

    UNPREFIXED_PATHS = ("/api/", "/admin/")

    def process_request(self, request):
        if request.path_info.startswith(self.UNPREFIXED_PATHS):
            translation.activate(translation.get_language_from_request(request, check_path=False))
            request.LANGUAGE_CODE = translation.get_language()
            return
        super().process_request(request)
