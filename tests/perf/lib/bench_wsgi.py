"""The product's WSGI application plus one benchmark-only URL, ``/bench/bare``: a Django view
that does nothing, behind the same middleware and settings. Its throughput is the ceiling for
this stack on this machine, measured in the same run as the real pages. Only gunicorn started
by ``tests/perf/bench_pages.py`` loads this module; the product's URLs never include it.
"""
import os

from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ovop_market.settings")
application = get_wsgi_application()


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


def _mount() -> None:
    from django.conf import settings
    from django.urls import clear_url_caches
    from django.utils.module_loading import import_string

    urls = import_string(settings.ROOT_URLCONF + ".urlpatterns")
    urls.insert(0, path("bench/bare", bare, name="bench-bare"))
    clear_url_caches()


_mount()
