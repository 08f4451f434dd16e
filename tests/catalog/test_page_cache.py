"""Anonymous storefront pages come from the cache, and never outlive a change to what they show."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.grading import grade_delete, grade_record
from catalog.models import Product
from catalog.services import product_set_status, product_update
from orders.services import order_cancel
from tests.factories import (
    CooperativeFactory,
    GradeFactory,
    GradeLevelFactory,
    ProductFactory,
    ProductImageFactory,
    UserFactory,
    region_chain,
)
from tests.orders.placing import order_placed, product_on_sale

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.CATALOG_PAGE_CACHE_SECONDS = 60


@pytest.fixture
def product():
    product = ProductFactory(name="Blue-glaze tea set", price="48.00",
                             cooperative=CooperativeFactory(village=region_chain()), featured=True)
    ProductImageFactory(product=product)
    return product


def fetch(client, url) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(captured)


def pages_of(product) -> list[str]:
    return ["/", "/products/", "/products/?q=tea", product.get_absolute_url(),
            product.cooperative.get_absolute_url(), product.origin.get_absolute_url()]


def test_a_second_anonymous_visit_is_served_from_the_cache_without_a_query(client, product):
    for url in pages_of(product):
        first, _queries = fetch(client, url)
        again, queries = fetch(client, url)

        assert again == first, url
        assert queries == 0, url


def test_a_new_price_shows_on_every_cached_page_at_once(client, product):
    for url in pages_of(product):
        assert "48.00" in fetch(client, url)[0], url

    product_update(product=product, by=None, price="52.50")

    for url in pages_of(product):
        page = fetch(client, url)[0]
        assert "52.50" in page and "48.00" not in page, url


def test_a_grade_recorded_or_removed_shows_on_the_cached_product_page(client, product):
    level = GradeLevelFactory(name="4 stars")
    url = product.get_absolute_url()
    assert "4 stars" not in fetch(client, url)[0]

    grade = grade_record(product=product, programme=level.programme, level=level, scores=None,
                         issuing_level="province", certificate_number="HN-0142",
                         issued_on=timezone.localdate() - datetime.timedelta(days=10), by=None)
    assert "4 stars" in fetch(client, url)[0]

    grade_delete(grade=grade, by=None, reason="Recorded on the wrong product.")
    assert "4 stars" not in fetch(client, url)[0]


def test_a_product_taken_down_leaves_the_cached_listing_and_its_page(client, product):
    other = ProductFactory(name="Crackle-glaze vase", featured=True)
    assert product.name in fetch(client, "/products/")[0]

    product_set_status(product=product, to=Product.Status.ARCHIVED, by=None, reason="Discontinued.")

    assert product.name not in fetch(client, "/products/")[0]
    assert other.name in fetch(client, "/products/")[0]
    assert client.get(product.get_absolute_url()).status_code == 404


def test_each_language_has_its_own_cached_page(client, product):
    english = fetch(client, "/products/")[0]
    vietnamese = fetch(client, "/vi/products/")[0]

    assert 'lang="en"' in english and 'lang="vi"' in vietnamese


def test_a_signed_in_buyer_never_gets_the_anonymous_copy(client, product):
    fetch(client, "/")
    client.force_login(UserFactory(full_name="Aiko Mori"))

    page, queries = fetch(client, "/")

    assert queries > 0
    assert "Aiko Mori" in page or "Log out" in page


def test_a_changed_photo_or_grade_made_with_a_factory_save_also_invalidates(client, product):
    url = product.get_absolute_url()
    fetch(client, url)
    GradeFactory(product=product, level=GradeLevelFactory(name="Class A"))

    assert "Class A" in fetch(client, url)[0]


def test_a_product_sold_out_by_an_order_shows_sold_out_on_its_cached_page_at_once(client):
    product = product_on_sale(name="Lotus silk scarf", stock=1, made_to_order=False)
    buyer = UserFactory()
    url = product.get_absolute_url()
    assert "In stock: 1 left" in fetch(client, url)[0]

    order = order_placed(buyer=buyer, products=[product])
    page = fetch(client, url)[0]
    assert "Sold out" in page and "In stock: 1 left" not in page

    order_cancel(order=order, by=buyer)
    assert "In stock: 1 left" in fetch(client, url)[0]


def api_urls_of(product) -> list[str]:
    return ["/api/products/", "/api/products/?q=tea&page_size=5", f"/api/products/{product.slug}/"]


def test_the_public_api_is_served_from_the_cache_and_follows_changes(client, product):
    for url in api_urls_of(product):
        first, _queries = fetch(client, url)
        again, queries = fetch(client, url)
        assert again == first and queries == 0, url
        assert "48.00" in first, url

    product_update(product=product, by=None, price="52.50")

    for url in api_urls_of(product):
        answer = fetch(client, url)[0]
        assert "52.50" in answer and "48.00" not in answer, url


def test_the_cached_api_answer_depends_on_the_query_string_and_the_language(client, product):
    ProductFactory(name="Crackle-glaze vase")
    fetch(client, "/api/products/?page_size=1")

    assert fetch(client, "/api/products/?page_size=2")[1] > 0
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/api/products/?page_size=1", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200 and len(captured) > 0
    assert response.headers["Content-Type"].startswith("application/json")
