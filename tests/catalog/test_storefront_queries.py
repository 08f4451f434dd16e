"""Storefront pages cost a fixed number of SQL queries, however many products they show."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Region, RegionImage
from catalog.selectors import taxonomy_cache_clear
from tests.factories import (
    CategoryFactory,
    CooperativeFactory,
    GradeFactory,
    GradeLevelFactory,
    ProductFactory,
    ProductImageFactory,
    RegionFactory,
    jpeg_file,
    region_chain,
)

pytestmark = pytest.mark.django_db

LISTING_BUDGET = 10
HOME_BUDGET = 10
PRODUCT_PAGE_BUDGET = 8
PRODUCER_PAGE_BUDGET = 8
REGION_PAGE_BUDGET = 10


def queries_for(client, url, params=None) -> list[str]:
    """The SQL run to answer an anonymous GET of ``url``."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def add_products(count: int, **fields) -> list:
    """Public products with what cards show: a photo and an active grade each."""
    products = []
    for _ in range(count):
        product = ProductFactory(**fields)
        ProductImageFactory(product=product)
        GradeFactory(product=product, level=GradeLevelFactory())
        products.append(product)
    return products


@pytest.fixture
def catalog_filters():
    """A category, a region chain and a grade level a listing can be filtered by."""
    category = CategoryFactory(slug="ceramics")
    village = region_chain()
    level = GradeLevelFactory(slug="ocop-4-stars")
    return {"category": category, "village": village, "level": level}


def filtered_products(count, catalog_filters):
    products = add_products(count, category=catalog_filters["category"],
                            cooperative=CooperativeFactory(village=catalog_filters["village"]))
    for product in products:
        GradeFactory(product=product, level=catalog_filters["level"])
    return products


ALL_FILTERS = {
    "q": "hand made", "category": "ceramics", "region": "ha-noi", "programme": "", "grade": "ocop-4-stars",
    "min_price": "1", "max_price": "1000", "availability": "in_stock", "sort": "price",
}


def test_listing_runs_the_same_queries_for_5_or_50_products(client):
    add_products(5)
    client.get("/products/")  # warms the filter menus' cache
    with_five = queries_for(client, "/products/")
    add_products(45)
    with_fifty = queries_for(client, "/products/")

    assert len(with_five) == len(with_fifty) <= LISTING_BUDGET


def test_filtered_search_listing_stays_within_budget_and_does_not_grow(client, catalog_filters):
    params = {**ALL_FILTERS, "programme": catalog_filters["level"].programme.slug}
    filtered_products(5, catalog_filters)
    client.get("/products/", params)
    with_five = queries_for(client, "/products/", params)
    filtered_products(45, catalog_filters)
    with_fifty = queries_for(client, "/products/", params)

    assert len(with_five) == len(with_fifty) <= LISTING_BUDGET


def test_listing_with_every_filter_and_a_cold_filter_menu_cache_stays_within_budget(client, catalog_filters):
    filtered_products(30, catalog_filters)
    taxonomy_cache_clear()
    params = {**ALL_FILTERS, "programme": catalog_filters["level"].programme.slug, "page": "2"}

    cold = queries_for(client, "/products/", params)

    assert len(cold) <= LISTING_BUDGET


def test_home_runs_the_same_queries_for_5_or_50_featured_products(client):
    for _ in range(3):
        village = RegionFactory(featured=True)
        RegionImage.objects.create(region=village, image=jpeg_file(), alt_text="The village square")
    add_products(5, featured=True)
    with_five = queries_for(client, "/")
    add_products(45, featured=True)
    with_fifty = queries_for(client, "/")

    assert len(with_five) == len(with_fifty) <= HOME_BUDGET


def test_product_page_stays_within_budget_with_many_photos_grades_and_related_products(client):
    village = region_chain()
    cooperative = CooperativeFactory(village=village)
    product = ProductFactory(cooperative=cooperative)
    for _ in range(8):
        ProductImageFactory(product=product)
    for _ in range(3):
        GradeFactory(product=product, level=GradeLevelFactory())
    add_products(10, cooperative=cooperative)

    assert len(queries_for(client, product.get_absolute_url())) <= PRODUCT_PAGE_BUDGET


def test_producer_page_runs_the_same_queries_for_5_or_50_products(client):
    cooperative = CooperativeFactory(village=region_chain())
    add_products(5, cooperative=cooperative)
    with_five = queries_for(client, cooperative.get_absolute_url())
    add_products(45, cooperative=cooperative)
    with_fifty = queries_for(client, cooperative.get_absolute_url())

    assert len(with_five) == len(with_fifty) <= PRODUCER_PAGE_BUDGET


def test_region_page_runs_the_same_queries_for_5_or_50_products_and_villages(client):
    province = region_chain().parent.parent

    def add_villages_with_products(villages, products_each):
        for _ in range(villages):
            district = RegionFactory(kind=Region.Kind.DISTRICT, parent=province)
            village = RegionFactory(parent=district)
            RegionImage.objects.create(region=province, image=jpeg_file(), alt_text="Rice fields")
            add_products(products_each, cooperative=CooperativeFactory(village=village))

    add_villages_with_products(1, 5)
    small = queries_for(client, province.get_absolute_url())
    add_villages_with_products(9, 5)
    large = queries_for(client, province.get_absolute_url())

    assert len(small) == len(large) <= REGION_PAGE_BUDGET


def test_anonymous_pages_do_not_touch_the_session_table(client):
    product = add_products(1, featured=True)[0]
    urls = ["/", "/products/", "/vi/products/", product.get_absolute_url(),
            product.cooperative.get_absolute_url(), product.origin.get_absolute_url()]

    for url in urls:
        assert not [sql for sql in queries_for(client, url) if "django_session" in sql], url
