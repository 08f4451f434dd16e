"""The storefront a buyer browses: home, listing with filters and search, product, producer, village."""
import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from catalog.models import Product, Region, RegionImage
from catalog.renditions import photo_render
from sellers.models import Cooperative
from tests.factories import (
    CategoryFactory,
    CooperativeFactory,
    GradeFactory,
    GradeLevelFactory,
    ProductFactory,
    ProductImageFactory,
    ProgrammeFactory,
    RegionFactory,
    jpeg_file,
    region_chain,
)

pytestmark = pytest.mark.django_db

LISTING = "/products/"


def listed_names(response) -> list[str]:
    """Product names in the order the page lists them."""
    return [product.name for product in response.context["products"]]


def expired_grade(product, **kwargs):
    today = timezone.localdate()
    return GradeFactory(
        product=product, issued_on=today - timedelta(days=1200), expires_on=today - timedelta(days=1), **kwargs
    )


def json_ld(response) -> dict:
    match = re.search(rb'<script type="application/ld\+json">(.*?)</script>', response.content, re.S)
    assert match, "the page has no JSON-LD block"
    return json.loads(match.group(1))


def meta_property(response, name: str) -> str:
    match = re.search(rf'<meta property="{re.escape(name)}" content="([^"]*)">', response.content.decode())
    assert match, f"no {name} meta tag"
    return match.group(1)


# --- Home ------------------------------------------------------------------------------------


def test_home_shows_featured_products_villages_and_programmes(client):
    village = region_chain()
    village.featured = True
    village.save()
    photo = RegionImage.objects.create(region=village, image=jpeg_file("bat-trang.jpg"), alt_text="Kilns by the river")
    photo_render(model="regionimage", photo_id=photo.pk)
    level = GradeLevelFactory(name="5 stars", programme=ProgrammeFactory(name="One Commune One Product", code="OCOP"))
    ProductFactory(name="Blue glaze vase", featured=True)
    ProductFactory(name="Everyday cup")

    response = client.get("/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Blue glaze vase" in page
    assert "Everyday cup" not in page
    assert "Bat Trang" in page and "/media/renditions/regions/" in page
    assert "One Commune One Product" in page and "5 stars" in page
    assert f"?grade={level.slug}" in page


def test_home_leaves_out_featured_products_that_are_not_public(client):
    ProductFactory(name="Unreviewed teapot", featured=True, status=Product.Status.SUBMITTED)
    ProductFactory(
        name="Unverified basket", featured=True,
        cooperative=CooperativeFactory(verification_status=Cooperative.Verification.PENDING),
    )

    page = client.get("/").content.decode()

    assert "Unreviewed teapot" not in page
    assert "Unverified basket" not in page


# --- Listing ---------------------------------------------------------------------------------


def test_listing_shows_only_public_products_and_their_count(client):
    ProductFactory(name="Silk scarf")
    ProductFactory(name="Draft scarf", status=Product.Status.DRAFT)
    ProductFactory(name="Pending coop scarf", cooperative=CooperativeFactory(verification_status="pending"))

    response = client.get(LISTING)

    assert listed_names(response) == ["Silk scarf"]
    assert "1 product found" in response.content.decode()


def test_category_filter_includes_child_categories(client):
    ceramics = CategoryFactory(name="Ceramics", slug="ceramics")
    teaware = CategoryFactory(name="Teaware", slug="teaware", parent=ceramics)
    ProductFactory(name="Vase", category=ceramics)
    ProductFactory(name="Teapot", category=teaware)
    ProductFactory(name="Scarf", category=CategoryFactory(slug="textiles"))

    response = client.get(LISTING, {"category": "ceramics"})

    assert sorted(listed_names(response)) == ["Teapot", "Vase"]
    assert '<option value="ceramics" selected>' in response.content.decode()


def test_region_filter_includes_everything_beneath_the_region(client):
    bat_trang = region_chain(village="Bat Trang")
    phu_lang = region_chain(province="Bac Ninh", district="Que Vo", village="Phu Lang")
    ProductFactory(name="Hanoi bowl", cooperative=CooperativeFactory(village=bat_trang))
    ProductFactory(name="Bac Ninh jar", cooperative=CooperativeFactory(village=phu_lang))
    ProductFactory(name="Elsewhere mat")

    assert listed_names(client.get(LISTING, {"region": "ha-noi"})) == ["Hanoi bowl"]
    assert sorted(listed_names(client.get(LISTING, {"region": "viet-nam"}))) == ["Bac Ninh jar", "Hanoi bowl"]


def test_region_filter_for_a_village_keeps_it_selected_in_the_menu(client):
    village = region_chain()
    ProductFactory(cooperative=CooperativeFactory(village=village))

    page = client.get(LISTING, {"region": village.slug}).content.decode()

    assert f'<option value="{village.slug}" selected>' in page


def test_programme_filter_counts_only_unexpired_grades(client):
    ocop = ProgrammeFactory(slug="ocop")
    level = GradeLevelFactory(programme=ocop)
    GradeFactory(product=ProductFactory(name="Certified"), level=level)
    expired_grade(ProductFactory(name="Lapsed"), level=level)
    ProductFactory(name="Never graded")

    assert listed_names(client.get(LISTING, {"programme": "ocop"})) == ["Certified"]


def test_grade_filter_ignores_expired_grades(client):
    five_stars = GradeLevelFactory(slug="ocop-5-stars")
    GradeFactory(product=ProductFactory(name="Five stars now"), level=five_stars)
    expired_grade(ProductFactory(name="Five stars once"), level=five_stars)
    GradeFactory(product=ProductFactory(name="Three stars"), level=GradeLevelFactory(slug="ocop-3-stars"))

    assert listed_names(client.get(LISTING, {"grade": "ocop-5-stars"})) == ["Five stars now"]


def test_price_range_keeps_products_between_the_two_prices(client):
    for price in (5, 15, 25):
        ProductFactory(name=f"Costs {price}", price=price)

    assert listed_names(client.get(LISTING, {"min_price": "10", "max_price": "20"})) == ["Costs 15"]
    assert sorted(listed_names(client.get(LISTING, {"min_price": "10"}))) == ["Costs 15", "Costs 25"]
    assert listed_names(client.get(LISTING, {"max_price": "10"})) == ["Costs 5"]


def test_upside_down_price_range_is_read_the_right_way_round(client):
    for price in (5, 15, 25):
        ProductFactory(name=f"Costs {price}", price=price)

    response = client.get(LISTING, {"min_price": "20", "max_price": "10"})

    assert response.status_code == 200
    assert listed_names(response) == ["Costs 15"]


def test_availability_filter_separates_in_stock_from_made_to_order(client):
    ProductFactory(name="On the shelf", stock=3)
    ProductFactory(name="Sold out", stock=0)
    ProductFactory(name="Woven for you", stock=0, made_to_order=True, lead_time_days=14)

    assert listed_names(client.get(LISTING, {"availability": "in_stock"})) == ["On the shelf"]
    assert listed_names(client.get(LISTING, {"availability": "made_to_order"})) == ["Woven for you"]


def test_sort_by_price_both_ways(client):
    for price in (20, 5, 12):
        ProductFactory(name=f"Costs {price}", price=price)

    assert listed_names(client.get(LISTING, {"sort": "price"})) == ["Costs 5", "Costs 12", "Costs 20"]
    assert listed_names(client.get(LISTING, {"sort": "-price"})) == ["Costs 20", "Costs 12", "Costs 5"]


def test_sort_by_newest_puts_the_latest_approved_first(client):
    now = timezone.now()
    ProductFactory(name="Last year", approved_at=now - timedelta(days=365))
    ProductFactory(name="Yesterday", approved_at=now - timedelta(days=1))
    ProductFactory(name="Last month", approved_at=now - timedelta(days=30))

    assert listed_names(client.get(LISTING, {"sort": "newest"})) == ["Yesterday", "Last month", "Last year"]


def test_search_without_accents_finds_the_product_and_ranks_name_matches_first(client):
    in_story = ProductFactory(name="Tea bowl", story_materials="Glazed with indigo from the hills")
    in_name = ProductFactory(name="Indigo scarf", story_materials="Cotton")
    ProductFactory(name="Gốm Bát Tràng men lam")
    in_story.approved_at = timezone.now()  # newer, so only relevance can put the scarf first
    in_story.save()

    assert listed_names(client.get(LISTING, {"q": "indigo"})) == [in_name.name, in_story.name]
    assert listed_names(client.get(LISTING, {"q": "gom bat trang"})) == ["Gốm Bát Tràng men lam"]


def test_search_query_is_kept_in_the_search_box(client):
    page = client.get(LISTING, {"q": "silk <b>"}).content.decode()

    assert 'value="silk &lt;b&gt;"' in page
    assert "<b>" not in page


def test_pagination_shows_24_per_page_and_its_links_keep_the_filters(client):
    category = CategoryFactory(slug="textiles")
    for _ in range(30):
        ProductFactory(category=category, price=15)

    response = client.get(LISTING, {"category": "textiles", "min_price": "10", "sort": "price", "q": ""})

    assert len(response.context["products"]) == 24
    assert "30 products found" in response.content.decode()
    assert 'href="?category=textiles&amp;min_price=10&amp;sort=price&amp;page=2"' in response.content.decode()
    second = client.get(LISTING, {"category": "textiles", "min_price": "10", "sort": "price", "page": "2"})
    assert len(second.context["products"]) == 6
    assert 'href="?category=textiles&amp;min_price=10&amp;sort=price"' in second.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"category": "no-such-category"},
        {"region": "atlantis"},
        {"programme": "nope"},
        {"grade": "eleven-stars"},
        {"page": "abc"},
        {"page": "9999"},
        {"page": "-1"},
        {"min_price": "abc"},
        {"min_price": "-5", "max_price": "NaN"},
        {"min_price": "1e40", "max_price": "99999999999999"},
        {"availability": "tomorrow"},
        {"sort": "random"},
        {"q": "gốm " * 500},
        {"q": "\x00<script>'\""},
        {"category": "\x00", "region": "ha\x00noi", "grade": "\x00", "page": "\x00"},
        {"category": ["pottery", "no-such"], "page": ["1", "2"]},
    ],
    ids=lambda params: ",".join(params),
)
def test_bad_listing_input_gets_a_normal_page(client, params):
    ProductFactory(name="Silk scarf")

    response = client.get(LISTING, params)

    assert response.status_code == 200
    assert response.context["page_obj"].number == 1


def test_unknown_filter_value_is_named_and_the_other_filters_still_apply(client):
    ProductFactory(name="Cheap", price=5)
    ProductFactory(name="Dear", price=50)

    response = client.get(LISTING, {"category": "no-such-category", "max_price": "10"})

    page = response.content.decode()
    assert "could not be understood" in page
    assert "Category" in page.split("could not be understood")[1].split("</p>")[0]
    assert listed_names(response) == ["Cheap"]


def test_out_of_range_page_shows_the_last_page(client):
    for _ in range(30):
        ProductFactory()

    response = client.get(LISTING, {"page": "9999"})

    assert response.context["page_obj"].number == 2


def test_vietnamese_listing_is_served_under_its_prefix_with_the_language_on_html(client):
    ProductFactory(name="Gốm Bát Tràng")

    response = client.get("/vi/products/")

    assert response.status_code == 200
    assert '<html lang="vi"' in response.content.decode()
    assert listed_names(response) == ["Gốm Bát Tràng"]


def test_language_switcher_links_to_the_same_page_in_each_language(client):
    page = client.get("/vi/products/", {"q": "lụa"}).content.decode()

    assert '<a href="/products/?q=l%E1%BB%A5a" hreflang="en"' in page
    assert '<a href="/th/products/?q=l%E1%BB%A5a" hreflang="th"' in page
    assert 'rel="alternate" hreflang="vi" href="http://testserver/vi/products/?q=l%E1%BB%A5a"' in page


def test_anonymous_pages_set_no_cookies(client):
    product = ProductFactory()

    for url in ("/", LISTING, product.get_absolute_url(), "/vi/products/"):
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies, url


def test_pages_carry_no_inline_script_or_style(client):
    product = ProductFactory()
    ProductImageFactory(product=product)

    for url in ("/", LISTING, product.get_absolute_url(), product.cooperative.get_absolute_url()):
        page = client.get(url).content.decode()
        assert " style=" not in page and "<style" not in page
        assert re.findall(r"<script[^>]*>", page) in ([], ['<script type="application/ld+json">'])


# --- Product page ----------------------------------------------------------------------------


def test_product_page_shows_story_grades_producer_price_and_availability(client):
    village = region_chain()
    cooperative = CooperativeFactory(name="Bat Trang Ceramics Group", village=village, members_count=20,
                                     women_members_count=14, founded_year=1998)
    product = ProductFactory(
        name="Blue glaze vase", cooperative=cooperative, price=Decimal("24.50"), stock=3, fragile=True,
        weight_grams=1200, season_note="Fired after the rains", video_url="https://video.example/kiln",
        story_care="Wash by hand.",
    )
    GradeFactory(product=product, level=GradeLevelFactory(name="4 stars", programme=ProgrammeFactory(code="OCOP")))

    response = client.get(product.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    for text in ("Blue glaze vase", "Who makes it", "Women of the cooperative.", "How it is made", "Care",
                 "Wash by hand.", "OCOP", "4 stars", "valid until", "US$24.50", "In stock: 3 left",
                 "1200 g", "Fragile", "Fired after the rains", 'href="https://video.example/kiln"',
                 "Bat Trang Ceramics Group", 'href="/producers/', "20", "14", "1998"):
        assert text in page, text
    for place in ("Viet Nam", "Ha Noi", "Gia Lam", "Bat Trang"):
        assert f'href="/villages/{place.lower().replace(" ", "-")}/">{place}</a>' in page


def test_made_to_order_product_says_when_it_ships(client):
    product = ProductFactory(stock=0, made_to_order=True, lead_time_days=21)

    assert "Made to order, ships in 21 days" in client.get(product.get_absolute_url()).content.decode()


def test_sold_out_product_says_so(client):
    product = ProductFactory(stock=0)

    assert "Sold out" in client.get(product.get_absolute_url()).content.decode()


def test_gallery_shows_every_photo_with_alt_text_and_size_loading_the_first_eagerly(client):
    product = ProductFactory()
    for alt in ("Front of the vase", "The glaze up close", "The potter at the wheel"):
        ProductImageFactory(product=product, alt_text=alt)

    page = client.get(product.get_absolute_url()).content.decode()

    images = re.findall(r"<img [^>]*>", page)
    assert len(images) == 3
    assert all('width="64" height="48"' in image for image in images)
    assert 'alt="Front of the vase"' in images[0] and 'loading="eager"' in images[0]
    assert all('loading="lazy"' in image for image in images[1:])


def test_expired_grade_is_not_shown_as_a_badge(client):
    product = ProductFactory()
    expired_grade(product, level=GradeLevelFactory(name="Class A", programme=ProgrammeFactory(code="OTOP")))

    page = client.get(product.get_absolute_url()).content.decode()

    assert "Class A" not in page
    assert "grade-badge" not in page


def test_product_json_ld_describes_the_offer(client, settings):
    settings.MARKETPLACE_CURRENCY = "USD"
    product = ProductFactory(name="Silk scarf", price=Decimal("38.00"), stock=2)
    ProductImageFactory(product=product, rendered=True)

    data = json_ld(client.get(product.get_absolute_url()))

    assert data["@type"] == "Product"
    assert data["name"] == "Silk scarf"
    assert data["sku"] == product.slug
    assert data["url"] == f"http://testserver/products/{product.slug}/"
    assert data["image"][0].startswith("http://testserver/media/renditions/products/")
    assert data["brand"]["name"] == data["manufacturer"]["name"] == product.cooperative.name
    assert data["offers"]["price"] == "38.00"
    assert data["offers"]["priceCurrency"] == "USD"
    assert data["offers"]["availability"] == "https://schema.org/InStock"


@pytest.mark.parametrize(
    "fields, availability",
    [
        ({"stock": 0, "made_to_order": True, "lead_time_days": 10}, "https://schema.org/MadeToOrder"),
        ({"stock": 0}, "https://schema.org/OutOfStock"),
    ],
)
def test_product_json_ld_availability_follows_stock(client, fields, availability):
    product = ProductFactory(**fields)

    assert json_ld(client.get(product.get_absolute_url()))["offers"]["availability"] == availability


def test_a_product_name_cannot_break_out_of_the_json_ld_block(client):
    product = ProductFactory(name='Vase </script><script>alert("x")</script>')

    response = client.get(product.get_absolute_url())

    assert b"<script>alert" not in response.content
    assert json_ld(response)["name"] == product.name


def test_product_page_has_open_graph_tags_and_a_canonical_link(client):
    product = ProductFactory(name="Silk scarf", summary="Hand-woven mulberry silk.")
    ProductImageFactory(product=product, rendered=True)
    url = f"http://testserver/products/{product.slug}/"

    response = client.get(product.get_absolute_url())

    assert f'<link rel="canonical" href="{url}">' in response.content.decode()
    assert meta_property(response, "og:type") == "product"
    assert meta_property(response, "og:title") == "Silk scarf"
    assert meta_property(response, "og:description") == "Hand-woven mulberry silk."
    assert meta_property(response, "og:url") == url
    assert meta_property(response, "og:image").startswith("http://testserver/media/renditions/products/")
    assert meta_property(response, "og:image").endswith(".jpg")


def test_price_is_shown_in_the_marketplace_currency(client, settings):
    settings.MARKETPLACE_CURRENCY = "VND"
    product = ProductFactory(price=Decimal("250000"))

    response = client.get(product.get_absolute_url())

    assert "₫250,000" in response.content.decode()
    assert json_ld(response)["offers"]["priceCurrency"] == "VND"


def test_product_page_suggests_other_products_from_the_same_village_or_producer(client):
    cooperative = CooperativeFactory()
    product = ProductFactory(cooperative=cooperative)
    ProductFactory(name="Same producer", cooperative=cooperative)
    ProductFactory(name="Same village", cooperative=CooperativeFactory(village=cooperative.village))
    ProductFactory(name="Far away")

    page = client.get(product.get_absolute_url()).content.decode()

    assert "Same producer" in page and "Same village" in page
    assert "Far away" not in page


@pytest.mark.parametrize(
    "status",
    [Product.Status.DRAFT, Product.Status.SUBMITTED, Product.Status.CHANGES_REQUESTED,
     Product.Status.REJECTED, Product.Status.ARCHIVED],
)
def test_product_that_is_not_approved_is_not_found(client, status):
    product = ProductFactory(status=status)

    response = client.get(product.get_absolute_url())

    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


@pytest.mark.parametrize(
    "verification",
    [Cooperative.Verification.PENDING, Cooperative.Verification.SUSPENDED, Cooperative.Verification.REJECTED],
)
def test_product_of_an_unverified_cooperative_is_not_found(client, verification):
    product = ProductFactory(cooperative=CooperativeFactory(verification_status=verification))

    assert client.get(product.get_absolute_url()).status_code == 404


# --- Producer and village pages -------------------------------------------------------------


def test_producer_page_shows_story_village_members_and_public_products(client):
    cooperative = CooperativeFactory(
        name="Van Phuc Silk Weavers", village=region_chain(village="Van Phuc"), story="We weave on wooden looms.",
        members_count=40, women_members_count=31, founded_year=2005,
    )
    ProductFactory(name="Silk scarf", cooperative=cooperative)
    ProductFactory(name="Draft shawl", cooperative=cooperative, status=Product.Status.DRAFT)

    response = client.get(cooperative.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    for text in ("Van Phuc Silk Weavers", "We weave on wooden looms.", "Van Phuc", "40", "31", "2005", "Women-led"):
        assert text in page, text
    assert listed_names(response) == ["Silk scarf"]


def test_producer_page_of_an_unverified_cooperative_is_not_found(client):
    cooperative = CooperativeFactory(verification_status=Cooperative.Verification.PENDING)

    assert client.get(cooperative.get_absolute_url()).status_code == 404


def test_province_page_shows_products_from_villages_beneath_it(client):
    bat_trang = region_chain(village="Bat Trang")
    van_phuc = region_chain(district="Ha Dong", village="Van Phuc")
    ProductFactory(name="Vase", cooperative=CooperativeFactory(name="Potters", village=bat_trang))
    ProductFactory(name="Scarf", cooperative=CooperativeFactory(name="Weavers", village=van_phuc))
    ProductFactory(name="Basket")

    response = client.get("/villages/ha-noi/")

    page = response.content.decode()
    assert response.status_code == 200
    assert sorted(listed_names(response)) == ["Scarf", "Vase"]
    assert "Potters" in page and "Weavers" in page
    assert 'href="/villages/gia-lam/">Gia Lam</a>' in page and 'href="/villages/ha-dong/">Ha Dong</a>' in page
    assert 'href="/villages/viet-nam/">Viet Nam</a>' in page


def test_village_page_shows_its_story_photos_and_breadcrumbs(client):
    village = region_chain()
    village.story = "Potters have worked the river clay here for five centuries."
    village.save()
    RegionImage.objects.create(region=village, image=jpeg_file(), alt_text="A kiln at dusk")

    page = client.get(village.get_absolute_url()).content.decode()

    assert "five centuries" in page
    assert 'alt="A kiln at dusk"' in page
    assert re.search(r"Viet Nam</a>.*Ha Noi</a>.*Gia Lam</a>.*Bat Trang", page, re.S)


def test_unknown_village_is_not_found(client):
    assert client.get("/villages/atlantis/").status_code == 404


def test_village_page_leaves_out_unverified_producers(client):
    village = RegionFactory(kind=Region.Kind.VILLAGE)
    CooperativeFactory(name="Verified group", village=village)
    CooperativeFactory(name="Pending group", village=village, verification_status="pending")

    page = client.get(village.get_absolute_url()).content.decode()

    assert "Verified group" in page
    assert "Pending group" not in page


# --- Error pages -----------------------------------------------------------------------------


def test_request_for_an_unknown_host_gets_the_bad_request_page(client):
    response = client.get("/", HTTP_HOST="attacker.example")

    assert response.status_code == 400
    assert "We could not understand that request" in response.content.decode()


def test_server_error_page_renders_without_a_request_or_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        page = render_to_string("500.html")

    assert "Something went wrong" in page
    assert reverse("catalog:home") in page


def test_product_page_credits_its_makers(client):
    from sellers.models import Maker

    product = ProductFactory()
    product.makers.add(Maker.objects.create(cooperative=product.cooperative, name="Mrs Bounmy"),
                       Maker.objects.create(cooperative=product.cooperative, name="Noy"))

    page = client.get(product.get_absolute_url()).content.decode()

    assert "Mrs Bounmy, Noy" in page and "The makers:" in page
