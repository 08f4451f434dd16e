"""The national-scale benchmark in small: every storefront page and public API endpoint stays
within its SQL query budget, and home, listing and product page within the page-weight budget,
on a catalog of a few thousand products built by the same code as the 220,000-product one
(``ovop_market.demo.scale``). ``tests/perf/bench_pages.py`` measures the timings at full scale.
"""
import os

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext, override_settings

from catalog import selectors
from catalog.models import Category, Product, Programme, Region, SearchTerm
from catalog.selectors import products_public
from ovop_market.demo.scale import SLUG_PREFIX, scale_reset, scale_seed
from sellers.models import Cooperative
from tests.perf.lib.pageweight import BUDGET_JS, BUDGET_TOTAL, page_weight

# Playwright's sync API runs an event loop in this thread; the ORM calls around it are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PRODUCTS, PRODUCERS, ORDERS = 2000, 800, 200
PRODUCT_PAGE, LISTING, API_LIST, API_DETAIL = 8, 10, 10, 8


def _quiet(*args, **kwargs):
    pass


@pytest.fixture(scope="module")
def scale_catalog(django_db_setup, django_db_blocker, tmp_path_factory):
    """The small national catalog, committed once for this module and removed after it."""
    media = tmp_path_factory.mktemp("scale-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        scale_reset(log=_quiet)
        programmes_before = set(Programme.objects.values_list("pk", flat=True))
        last_term = SearchTerm.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        scale_seed(products=PRODUCTS, producers=PRODUCERS, orders=ORDERS, pictures=3, log=_quiet)
        public = products_public().filter(slug__startswith=SLUG_PREFIX)
        regions = Region.objects.filter(slug__startswith=SLUG_PREFIX)
        categories = Category.objects.filter(slug__startswith=SLUG_PREFIX)
        big = (Cooperative.objects.filter(slug__startswith=SLUG_PREFIX, verification_status="verified")
               .order_by("-members_count").first())
        facts = {
            "media": media,
            "product": public.order_by("pk").values_list("slug", flat=True).first(),
            "graded": public.filter(grades__isnull=False).values_list("slug", flat=True).first(),
            "producer": public.values_list("cooperative__slug", flat=True).order_by("cooperative__pk").first(),
            "big_producer": big.slug,
            "village": public.values_list("origin__slug", flat=True).first(),
            "province": regions.filter(kind="province").values_list("slug", flat=True).first(),
            "category": categories.filter(depth=0).values_list("slug", flat=True).first(),
            "leaf": categories.filter(depth=1).values_list("slug", flat=True).first(),
        }
    yield facts
    with django_db_blocker.unblock():
        scale_reset(log=_quiet)
        # The seed adds the programmes it grades under when missing; later tests expect none.
        Programme.objects.exclude(pk__in=programmes_before).delete()
        SearchTerm.objects.filter(pk__gt=last_term).delete()


def _pages(facts) -> list[tuple[str, str, int]]:
    every_filter = (f"?q=silk&category={facts['category']}&region={facts['province']}&programme=otop-thailand"
                    f"&grade=otop-thailand-4&min_price=1&max_price=500&availability=in_stock&sort=price&page=2")
    return [
        ("home", "/", LISTING),
        ("listing", "/products/", LISTING),
        ("listing, page 2 by price", "/products/?sort=price&page=2", LISTING),
        ("listing, deep page", "/products/?page=500", LISTING),
        ("filtered listing", f"/products/?category={facts['leaf']}&region={facts['province']}&sort=-price", LISTING),
        ("every filter and a search", f"/products/{every_filter}", LISTING),
        ("search, accents", "/products/?q=gốm men lam", LISTING),
        ("search, no accents", "/products/?q=gom men lam", LISTING),
        ("search, typo", "/products/?q=celadn bowl", LISTING),
        ("search, Thai", "/products/?q=ผ้าไหม", LISTING),
        ("search, common short word", "/products/?q=hand", LISTING),
        ("product page", f"/products/{facts['product']}/", PRODUCT_PAGE),
        ("graded product page", f"/products/{facts['graded']}/", PRODUCT_PAGE),
        ("producer page", f"/producers/{facts['producer']}/", PRODUCT_PAGE),
        ("big producer page", f"/producers/{facts['big_producer']}/", PRODUCT_PAGE),
        ("village page", f"/villages/{facts['village']}/", LISTING),
        ("province page", f"/villages/{facts['province']}/", LISTING),
        ("Vietnamese listing", "/vi/products/", LISTING),
        ("API product list", "/api/products/?page_size=100", API_LIST),
        ("API search with every filter", f"/api/products/{every_filter.replace('page=2', 'page=1')}", API_LIST),
        ("API product detail", f"/api/products/{facts['graded']}/", API_DETAIL),
        ("API producers", "/api/producers/?page_size=100", API_LIST),
        ("API producer", f"/api/producers/{facts['big_producer']}/", API_DETAIL),
        ("API regions", "/api/regions/?page_size=100", API_LIST),
        ("API region", f"/api/regions/{facts['province']}/", API_DETAIL),
        ("API categories", "/api/categories/", API_LIST),
        ("API programmes", "/api/programmes/", API_LIST),
        ("API programme", "/api/programmes/otop-thailand/", API_DETAIL),
    ]


@pytest.mark.django_db
def test_every_storefront_page_and_api_endpoint_stays_within_its_query_budget(client, scale_catalog):
    over = []
    for name, url, budget in _pages(scale_catalog):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        if len(captured) > budget:
            over.append(f"{name} ({url}): {len(captured)} queries > {budget}")
    assert not over, "\n".join(over)


@pytest.mark.django_db
@pytest.mark.parametrize("ordering", [("-approved_at", "-pk"), ("price", "-pk"), ("-price", "-pk")])
def test_a_deep_page_lists_the_same_products_as_a_plain_slice(scale_catalog, ordering):
    listing = selectors.product_list_public().filter(slug__startswith=SLUG_PREFIX).order_by(*ordering)
    number = selectors.CatalogPaginator.DEEP_FROM + 5
    page = selectors.CatalogPaginator(listing, 24).page(number)

    assert [p.pk for p in page.object_list] == [p.pk for p in Paginator(listing, 24).page(number).object_list]
    assert len(page.object_list) == 24


@pytest.mark.django_db
def test_the_small_national_catalog_has_the_shape_of_the_real_one(scale_catalog):
    public = products_public().filter(slug__startswith=SLUG_PREFIX)
    sizes = sorted(Product.objects.filter(slug__startswith=SLUG_PREFIX).values("cooperative")
                   .annotate(n=Count("id")).values_list("n", flat=True), reverse=True)

    assert Product.objects.filter(slug__startswith=SLUG_PREFIX).count() == PRODUCTS
    assert public.count() > PRODUCTS * 0.8
    assert sizes[0] > 20 * sizes[len(sizes) // 2]  # a few huge cooperatives, many small ones
    assert public.filter(name__regex=r"[\u0e00-\u0e7f]").exists()  # Thai
    assert public.filter(name__regex=r"[\u3040-\u30ff\u4e00-\u9fff]").exists()  # Japanese
    assert public.filter(name__regex=r"[ăâđêôơư]").exists()  # Vietnamese


@pytest.mark.e2e
@pytest.mark.django_db  # the catalog is committed by the fixture, so the live server sees it
def test_home_listing_and_product_page_stay_within_the_page_weight_budget(live_server, scale_catalog, settings,
                                                                         browser):
    settings.MEDIA_ROOT = scale_catalog["media"]
    pages = {"home": "/", "listing": "/products/", "product page": f"/products/{scale_catalog['graded']}/"}
    weights = {name: page_weight(browser, live_server.url + path) for name, path in pages.items()}

    for name, weight in weights.items():
        assert weight["status"] == 200, name
        assert weight["images"] > 0, f"{name}: no photo was loaded"
        assert weight["total"] <= BUDGET_TOTAL, f"{name}: {weight['total'] / 1024:.0f} KB > 150 KB ({weight})"
        assert weight["js"] <= BUDGET_JS, f"{name}: {weight['js'] / 1024:.0f} KB of JavaScript > 30 KB"
