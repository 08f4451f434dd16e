"""A Redis cache that degrades to "no cache" when Redis is unreachable, and the storefront's
page cache built on it.

The cache only ever holds copies of database data, so a Redis outage should make pages slower,
not fail them. Django's RedisCache raises on a lost connection; this one logs and carries on.
"""
import hashlib
import logging
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from django.http import HttpResponse
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (ConnectionError, TimeoutError)


class ResilientRedisCache(RedisCache):
    def _tolerate(self, operation, default, *args, **kwargs):
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except UNREACHABLE as error:
            logger.warning("cache %s skipped, Redis unreachable: %s", operation, error)
            return default

    def get(self, key, default=None, version=None):
        return self._tolerate("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._tolerate("get_many", {}, keys, version)

    def set(self, key, value, timeout=None, version=None):
        return self._tolerate("set", None, key, value, timeout, version)

    def add(self, key, value, timeout=None, version=None):
        return self._tolerate("add", False, key, value, timeout, version)

    def set_many(self, data, timeout=None, version=None):
        return self._tolerate("set_many", list(data), data, timeout, version)

    def delete(self, key, version=None):
        return self._tolerate("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._tolerate("delete_many", None, keys, version)


# --- Anonymous catalog pages ---------------------------------------------------------------------
# A whole storefront page, as an anonymous visitor gets it, is kept in the cache under the
# catalog's current *generation*. Any change to what pages show (a product, its price, photos,
# grades, reviews, its producer, the taxonomy) moves the generation on, so every page cached
# before is simply never asked for again and expires on its own: one counter to bump instead of
# a list of keys to find. The generation moves at once (a later read in the same transaction
# sees the change) and again after the commit (a page rendered by another request while the
# change was in flight is not kept). Writes that bypass ``save()`` call ``catalog_pages_changed``
# themselves (an order's stock moves, orders.services.stock); any other bulk ``update()`` shows
# within ``CATALOG_PAGE_CACHE_SECONDS``. Checkout reads prices and stock from the database.
CATALOG_GENERATION_KEY = "catalog:generation"
# What an anonymous catalog page shows, and the models whose changes alter it.
CATALOG_MODELS = (
    "catalog.Product", "catalog.ProductImage", "catalog.Grade", "catalog.GradeLevel", "catalog.Programme",
    "catalog.Category", "catalog.Region", "catalog.RegionImage", "sellers.Cooperative", "sellers.Maker",
    "orders.Review",
)


def catalog_generation() -> int:
    generation = cache.get(CATALOG_GENERATION_KEY)
    if generation is None:
        # A fresh start (or an evicted counter) must not meet pages cached under an old number.
        cache.add(CATALOG_GENERATION_KEY, time.time_ns() // 1000, None)
        generation = cache.get(CATALOG_GENERATION_KEY, 0)
    return generation


def catalog_pages_changed() -> None:
    """Every cached catalog page is out of date: now, and again once the transaction commits."""
    _generation_bump()
    transaction.on_commit(_generation_bump)


def _generation_bump() -> None:
    try:
        cache.incr(CATALOG_GENERATION_KEY)
    except ValueError:  # no counter yet: the next read starts one
        pass
    except UNREACHABLE as error:
        logger.warning("cache generation not moved, Redis unreachable: %s", error)


def catalog_pages_connect() -> None:
    """Move the generation whenever a row that catalog pages show is saved or deleted."""
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_save

    def changed(sender, **kwargs):
        catalog_pages_changed()

    for label in CATALOG_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        post_save.connect(changed, sender=model, dispatch_uid=f"catalog-pages-{label}-save", weak=False)
        post_delete.connect(changed, sender=model, dispatch_uid=f"catalog-pages-{label}-delete", weak=False)
    makers = apps.get_model("catalog.Product").makers.through
    m2m_changed.connect(changed, sender=makers, dispatch_uid="catalog-pages-makers", weak=False)


def _cacheable(request) -> bool:
    """An anonymous GET: no session (so no account, no cart, no messages) and no query too long."""
    return (
        settings.CATALOG_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and len(request.get_full_path()) <= 1000
    )


def anonymous_page_cache(view):
    """Serve ``view``'s page to anonymous visitors from the cache, keyed by language and URL."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        # Pages carry absolute links (social cards, structured data): the host is part of the key.
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        path = hashlib.sha1(address.encode(), usedforsecurity=False).hexdigest()
        key = f"page:{catalog_generation()}:{getattr(request, 'LANGUAGE_CODE', '')}:{path}"
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if getattr(response, "is_rendered", True) is False:  # an API answer renders after the view
            response.render()
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, (response.content, response["Content-Type"]), settings.CATALOG_PAGE_CACHE_SECONDS)
        return response

    return cached_view


def catalog_count(queryset) -> int:
    """``queryset.count()``, kept under the catalog's generation like the pages: counting a
    national catalog (or a common search word) is the slowest part of a listing, and the same
    count serves every page number of the same filters. Off with the page cache."""
    if settings.CATALOG_PAGE_CACHE_SECONDS <= 0:
        return queryset.count()
    sql, params = queryset.query.sql_with_params()
    digest = hashlib.sha1(f"{sql}|{params!r}".encode(), usedforsecurity=False).hexdigest()
    key = f"count:{catalog_generation()}:{digest}"
    count = cache.get(key)
    if count is None:
        count = queryset.count()
        cache.set(key, count, settings.CATALOG_PAGE_CACHE_SECONDS * 10)
    return count
