"""The public catalog API: what partners and mobile clients can read, and how bad input is answered."""
import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from drf_spectacular.validation import validate_schema

from catalog.api.views import CatalogPagination
from catalog.models import Product, Region
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
    region_chain,
)

pytestmark = pytest.mark.django_db

PRODUCTS = "/api/products/"


def get_json(client, path, status=200, **params):
    response = client.get(path, params)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def listed_slugs(client, **params):
    return [item["slug"] for item in get_json(client, PRODUCTS, **params)["results"]]


def days(n):
    return timezone.localdate() + timezone.timedelta(days=n)


# --- Product list -----------------------------------------------------------------------------


def test_product_list_shows_only_approved_products_of_verified_producers(client):
    public = ProductFactory()
    for status in (Product.Status.DRAFT, Product.Status.SUBMITTED, Product.Status.REJECTED, Product.Status.ARCHIVED):
        ProductFactory(status=status)
    ProductFactory(cooperative=CooperativeFactory(verification_status=Cooperative.Verification.PENDING))
    ProductFactory(cooperative=CooperativeFactory(verification_status=Cooperative.Verification.SUSPENDED))

    body = get_json(client, PRODUCTS)

    assert body["count"] == 1
    assert [item["slug"] for item in body["results"]] == [public.slug]


def test_product_card_carries_price_links_references_cover_photo_and_active_grades(client, settings):
    settings.MARKETPLACE_CURRENCY = "VND"
    village = region_chain()
    coop = CooperativeFactory(name="Bat Trang Ceramics Cooperative", village=village)
    product = ProductFactory(
        name="Blue glazed tea set", slug="blue-glazed-tea-set", summary="Six cups and a pot.",
        cooperative=coop, category=CategoryFactory(name="Pottery", slug="pottery"), price=Decimal("42.5"),
    )
    ProductImageFactory(product=product, position=2, alt_text="The pot from above")
    ProductImageFactory(product=product, position=1, alt_text="The whole set on a tray", rendered=True)
    level = GradeLevelFactory(programme=ProgrammeFactory(code="OCOP", slug="ocop"), code="4", name="4 stars",
                              slug="ocop-4-stars")
    GradeFactory(product=product, level=level, expires_on=days(300))
    GradeFactory(product=product, expires_on=days(-1), issued_on=days(-800))

    [card] = get_json(client, PRODUCTS)["results"]

    assert card["name"] == "Blue glazed tea set"
    assert card["summary"] == "Six cups and a pot."
    assert card["url"] == "http://testserver/products/blue-glazed-tea-set/"
    assert card["api_url"] == "http://testserver/api/products/blue-glazed-tea-set/"
    assert (card["price"], card["currency"]) == ("42.50", "VND")
    assert card["availability"] == {"status": "in_stock", "stock": 5, "lead_time_days": None}
    assert card["category"] == {"slug": "pottery", "name": "Pottery"}
    assert card["origin"] == {"slug": "bat-trang", "name": "Bat Trang", "kind": "village"}
    assert card["producer"] == {"slug": coop.slug, "name": "Bat Trang Ceramics Cooperative"}
    cover = card["cover_image"]
    assert cover["alt"] == "The whole set on a tray"
    assert cover["url"].startswith("http://testserver/media/renditions/products/")
    assert cover["url"].endswith("-64w.jpg")  # the largest JPEG rendition, never the original
    assert (cover["width"], cover["height"]) == (64, 48)
    assert {(r["format"], r["kind"]) for r in cover["renditions"]} == {
        ("webp", "width"), ("jpeg", "width"), ("webp", "card"), ("jpeg", "card")}
    assert card["grades"] == [
        {
            "programme": {"slug": "ocop", "code": "OCOP", "name": level.programme.name},
            "level": {"slug": "ocop-4-stars", "code": "4", "name": "4 stars", "rank": 4},
            "issuing_level": "province",
            "expires_on": days(300).isoformat(),
        }
    ]


def test_product_without_photos_has_no_cover_image(client):
    ProductFactory()
    [card] = get_json(client, PRODUCTS)["results"]
    assert card["cover_image"] is None


@pytest.mark.parametrize(
    ("stock", "made_to_order", "lead_time_days", "status"),
    [(3, False, None, "in_stock"), (0, False, None, "sold_out"), (0, True, 14, "made_to_order")],
)
def test_availability_says_in_stock_sold_out_or_made_to_order(client, stock, made_to_order, lead_time_days, status):
    ProductFactory(stock=stock, made_to_order=made_to_order, lead_time_days=lead_time_days)
    [card] = get_json(client, PRODUCTS)["results"]
    assert card["availability"] == {"status": status, "stock": stock, "lead_time_days": lead_time_days}


# --- Filters, search, sort --------------------------------------------------------------------


def test_category_filter_includes_its_subcategories(client):
    textiles = CategoryFactory(slug="textiles")
    silk = CategoryFactory(slug="silk", parent=textiles)
    scarf = ProductFactory(category=silk)
    ProductFactory(category=CategoryFactory(slug="pottery"))

    assert listed_slugs(client, category="textiles") == [scarf.slug]
    assert listed_slugs(client, category="silk") == [scarf.slug]


def test_region_filter_includes_everything_under_the_region(client):
    bat_trang = region_chain(village="Bat Trang")
    luang_prabang = region_chain(economy="Laos", province="Luang Prabang", district="Luang Prabang Town",
                                 village="Ban Xang Khong")
    bowl = ProductFactory(cooperative=CooperativeFactory(village=bat_trang))
    ProductFactory(cooperative=CooperativeFactory(village=luang_prabang))

    assert listed_slugs(client, region="ha-noi") == [bowl.slug]
    assert listed_slugs(client, region="viet-nam") == [bowl.slug]


def test_programme_filter_counts_only_unexpired_grades(client):
    ocop = ProgrammeFactory(slug="ocop")
    level = GradeLevelFactory(programme=ocop)
    graded = ProductFactory()
    GradeFactory(product=graded, level=level)
    lapsed = ProductFactory()
    GradeFactory(product=lapsed, level=level, issued_on=days(-1000), expires_on=days(-10))
    ProductFactory()

    assert listed_slugs(client, programme="ocop") == [graded.slug]


def test_grade_filter_finds_products_holding_that_level(client):
    ocop = ProgrammeFactory()
    five = GradeLevelFactory(programme=ocop, slug="ocop-5-stars", rank=5)
    three = GradeLevelFactory(programme=ocop, slug="ocop-3-stars", rank=3)
    best = ProductFactory()
    GradeFactory(product=best, level=five)
    GradeFactory(product=ProductFactory(), level=three)

    assert listed_slugs(client, grade="ocop-5-stars") == [best.slug]


def test_price_range_filter_and_an_upside_down_range_is_read_the_right_way_up(client):
    cheap, middle, dear = (ProductFactory(price=p) for p in (5, 20, 80))

    assert set(listed_slugs(client, min_price="10")) == {middle.slug, dear.slug}
    assert set(listed_slugs(client, max_price="20")) == {cheap.slug, middle.slug}
    assert listed_slugs(client, min_price="10", max_price="50") == [middle.slug]
    assert listed_slugs(client, min_price="50", max_price="10") == [middle.slug]


def test_availability_filter(client):
    in_stock = ProductFactory(stock=4)
    ProductFactory(stock=0)
    to_order = ProductFactory(stock=0, made_to_order=True, lead_time_days=20)

    assert listed_slugs(client, availability="in_stock") == [in_stock.slug]
    assert listed_slugs(client, availability="made_to_order") == [to_order.slug]


def test_search_without_accents_finds_a_vietnamese_name(client):
    pot = ProductFactory(name="Gốm Bát Tràng men lam")
    ProductFactory(name="Woven bamboo basket")

    assert listed_slugs(client, q="gom bat trang") == [pot.slug]


def test_search_puts_a_name_match_above_a_story_match(client):
    in_story = ProductFactory(name="Tea bowl", story_materials="Glazed with indigo from the hills")
    in_name = ProductFactory(name="Indigo scarf", story_materials="Cotton")

    assert listed_slugs(client, q="indigo") == [in_name.slug, in_story.slug]


def test_filters_combine_with_search(client):
    silk = CategoryFactory(slug="silk")
    scarf = ProductFactory(name="Indigo scarf", category=silk)
    ProductFactory(name="Indigo bowl")

    assert listed_slugs(client, q="indigo", category="silk") == [scarf.slug]


def test_sorting_by_price_and_by_newest(client):
    now = timezone.now()
    older = ProductFactory(price=30, approved_at=now - timezone.timedelta(days=3))
    newest = ProductFactory(price=50, approved_at=now)
    oldest = ProductFactory(price=10, approved_at=now - timezone.timedelta(days=9))

    assert listed_slugs(client, sort="price") == [oldest.slug, older.slug, newest.slug]
    assert listed_slugs(client, sort="-price") == [newest.slug, older.slug, oldest.slug]
    assert listed_slugs(client, sort="newest") == [newest.slug, older.slug, oldest.slug]
    assert listed_slugs(client) == [newest.slug, older.slug, oldest.slug]


# --- Pagination -------------------------------------------------------------------------------


def test_products_are_paginated_by_page_number(client):
    products = [ProductFactory(price=p) for p in (1, 2, 3, 4, 5)]

    first = get_json(client, PRODUCTS, sort="price", page_size=2)
    last = get_json(client, PRODUCTS, sort="price", page_size=2, page=3)

    assert first["count"] == 5
    assert [item["slug"] for item in first["results"]] == [products[0].slug, products[1].slug]
    assert first["previous"] is None
    assert "page=2" in first["next"] and "page_size=2" in first["next"] and "sort=price" in first["next"]
    assert [item["slug"] for item in last["results"]] == [products[4].slug]
    assert last["next"] is None


def test_page_size_is_capped(client, monkeypatch):
    monkeypatch.setattr(CatalogPagination, "max_page_size", 2)
    for _ in range(3):
        ProductFactory()

    assert len(get_json(client, PRODUCTS, page_size=50)["results"]) == 2


@pytest.mark.parametrize("page", ["abc", "0", "99", "-1"])
def test_a_page_that_does_not_exist_is_a_json_404(client, page):
    ProductFactory()
    body = get_json(client, PRODUCTS, status=404, page=page)
    assert body["detail"]


@pytest.mark.parametrize("page_size", ["abc", "0", "-3"])
def test_a_meaningless_page_size_falls_back_to_the_default(client, page_size):
    ProductFactory()
    assert get_json(client, PRODUCTS, page_size=page_size)["count"] == 1


# --- Bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("category", "no-such-category"),
        ("region", "atlantis"),
        ("programme", "no-such-programme"),
        ("grade", "seven-stars"),
        ("min_price", "cheap"),
        ("max_price", "-5"),
        ("min_price", "NaN"),
        ("min_price", "1e400"),
        ("availability", "tomorrow"),
        ("sort", "cheapest"),
        ("category", "pot\x00tery"),
        ("q", "bowl\x00"),
    ],
)
def test_an_invalid_filter_value_is_a_400_naming_the_field(client, field, value):
    ProductFactory()
    body = get_json(client, PRODUCTS, status=400, **{field: value})
    assert list(body) == [field]
    assert all(isinstance(message, str) and message for message in body[field])


def test_every_invalid_filter_is_named_at_once(client):
    body = get_json(client, PRODUCTS, status=400, category="nope", min_price="abc", sort="random")
    assert set(body) == {"category", "min_price", "sort"}


@pytest.mark.parametrize("query", ["bát " * 700, "x" * 2000, "'\"&|!:*()<>\\%_", "   ", "ผ้าไหม" * 300])
def test_odd_or_very_long_searches_are_answered_normally(client, query):
    ProductFactory(name="Bát tràng bowl")
    body = get_json(client, PRODUCTS, q=query)
    assert "results" in body


def test_a_price_beyond_any_product_is_answered_normally(client):
    ProductFactory(price=10)
    assert get_json(client, PRODUCTS, min_price="99999999999999999999")["count"] == 0
    assert get_json(client, PRODUCTS, max_price="99999999999999999999.999")["count"] == 1


def test_an_unknown_api_path_is_a_json_404(client):
    body = get_json(client, "/api/no-such-thing/", status=404)
    assert body == {"detail": "Not found."}


def test_a_browser_gets_json_too(client):
    ProductFactory(slug="bowl")
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    for path, status in ((f"{PRODUCTS}bowl/", 200), (f"{PRODUCTS}nope/", 404), (f"{PRODUCTS}?sort=x", 400)):
        response = client.get(path, HTTP_ACCEPT=browser)
        assert response.status_code == status
        assert response["Content-Type"] == "application/json"


def test_the_api_is_read_only(client):
    product = ProductFactory()
    response = client.post(PRODUCTS, {"name": "Spam"})
    assert response.status_code == 405
    assert response.json()["detail"]
    response = client.delete(f"{PRODUCTS}{product.slug}/")
    assert response.status_code == 405


# --- Product detail ---------------------------------------------------------------------------


def test_product_detail_has_the_story_photos_shipping_facts_and_related_products(client):
    village = region_chain()
    coop = CooperativeFactory(village=village)
    product = ProductFactory(
        slug="tea-set", cooperative=coop,
        story_makers="Mrs Lan and her daughters.", story_materials="White clay from the river bank.",
        story_process="Thrown, glazed with cobalt, fired at 1,250 °C.", story_place="", story_use="Green tea.",
        story_care="Hand wash.", weight_grams=1800, length_cm=Decimal("30.5"), width_cm=Decimal("20"),
        height_cm=None, fragile=True, season_note="All year", video_url="https://video.example.org/tea-set",
    )
    ProductImageFactory(product=product, position=0, alt_text="The set", rendered=True)
    ProductImageFactory(product=product, position=1, alt_text="A cup in a hand")
    GradeFactory(product=product)
    same_coop = ProductFactory(cooperative=coop, slug="vase")
    ProductImageFactory(product=same_coop, alt_text="A tall vase")
    same_village = ProductFactory(cooperative=CooperativeFactory(village=village), slug="plate")
    ProductFactory(slug="elsewhere")
    ProductFactory(cooperative=coop, slug="draft-jug", status=Product.Status.DRAFT)

    body = get_json(client, f"{PRODUCTS}tea-set/")

    assert body["slug"] == "tea-set"
    assert body["story"] == {
        "makers": "Mrs Lan and her daughters.",
        "materials": "White clay from the river bank.",
        "process": "Thrown, glazed with cobalt, fired at 1,250 °C.",
        "place": "",
        "use": "Green tea.",
        "care": "Hand wash.",
    }
    assert [image["alt"] for image in body["images"]] == ["The set", "A cup in a hand"]
    assert body["images"][0]["url"].startswith("http://testserver/media/renditions/products/")
    assert body["images"][1]["url"] is None and body["images"][1]["renditions"] == []  # still being made
    assert body["cover_image"]["alt"] == "The set"
    assert body["weight_grams"] == 1800
    assert body["dimensions"] == {"length_cm": "30.5", "width_cm": "20.0", "height_cm": None}
    assert body["fragile"] is True
    assert body["season_note"] == "All year"
    assert body["video_url"] == "https://video.example.org/tea-set"
    assert len(body["grades"]) == 1
    assert body["price"] and body["currency"] and body["producer"]["slug"] == coop.slug
    related = {item["slug"]: item for item in body["related"]}
    assert set(related) == {same_coop.slug, same_village.slug}
    assert related["vase"]["api_url"] == "http://testserver/api/products/vase/"
    assert related["vase"]["url"] == "http://testserver/products/vase/"
    assert related["vase"]["cover_image"]["alt"] == "A tall vase"
    assert related["plate"]["cover_image"] is None


def test_product_detail_without_a_video_says_null(client):
    ProductFactory(slug="bowl", video_url="")
    assert get_json(client, f"{PRODUCTS}bowl/")["video_url"] is None


@pytest.mark.parametrize(
    "make",
    [
        lambda: ProductFactory(slug="hidden", status=Product.Status.DRAFT),
        lambda: ProductFactory(slug="hidden", status=Product.Status.SUBMITTED),
        lambda: ProductFactory(
            slug="hidden", cooperative=CooperativeFactory(verification_status=Cooperative.Verification.PENDING)
        ),
        lambda: None,
    ],
    ids=["draft", "submitted", "unverified-producer", "unknown"],
)
def test_a_product_that_is_not_public_is_a_json_404(client, make):
    make()
    assert get_json(client, f"{PRODUCTS}hidden/", status=404) == {"detail": "Not found."}


# --- Taxonomies and producers -----------------------------------------------------------------


def test_categories_come_as_a_tree_in_order(client):
    crafts = CategoryFactory(name="Crafts", slug="crafts")
    CategoryFactory(name="Pottery", slug="pottery", parent=crafts)
    CategoryFactory(name="Food", slug="food")

    body = get_json(client, "/api/categories/")

    assert [(c["slug"], c["parent"], c["depth"]) for c in body] == [
        ("crafts", None, 0), ("pottery", "crafts", 1), ("food", None, 0)
    ]
    pottery = next(c for c in body if c["slug"] == "pottery")
    assert pottery["name"] == "Pottery"
    assert pottery["url"] == "http://testserver/products/?category=pottery"


def test_regions_are_paginated_and_filtered_by_kind_and_parent(client):
    region_chain()  # viet-nam > ha-noi > gia-lam > bat-trang
    region_chain(economy="Viet Nam", province="Ha Noi", district="Ha Dong", village="Van Phuc")
    region_chain(economy="Thailand", province="Khon Kaen", district="Chonnabot", village="Ban Khwao")

    body = get_json(client, "/api/regions/")
    assert body["count"] == 10
    first = body["results"][0]
    assert first["slug"] == "thailand"
    assert first["api_url"] == "http://testserver/api/regions/thailand/"
    assert first["url"] == "http://testserver/villages/thailand/"

    economies = get_json(client, "/api/regions/", kind="economy")["results"]
    assert [r["slug"] for r in economies] == ["thailand", "viet-nam"]
    districts = get_json(client, "/api/regions/", parent="ha-noi")["results"]
    assert [(r["slug"], r["kind"], r["parent"], r["depth"]) for r in districts] == [
        ("gia-lam", "district", "ha-noi", 2), ("ha-dong", "district", "ha-noi", 2)
    ]
    villages = get_json(client, "/api/regions/", kind="village", parent="ha-dong")["results"]
    assert [r["slug"] for r in villages] == ["van-phuc"]


@pytest.mark.parametrize(("field", "value"), [("kind", "planet"), ("parent", "atlantis")])
def test_an_invalid_region_filter_is_a_400_naming_the_field(client, field, value):
    assert list(get_json(client, "/api/regions/", status=400, **{field: value})) == [field]


def test_region_detail_has_its_story_and_its_place_in_the_tree(client):
    village = region_chain()
    Region.objects.filter(pk=village.pk).update(story="Potters since the 14th century.")

    body = get_json(client, "/api/regions/bat-trang/")

    assert body["name"] == "Bat Trang"
    assert body["kind"] == "village"
    assert body["parent"] == "gia-lam"
    assert body["story"] == "Potters since the 14th century."
    assert [a["slug"] for a in body["ancestors"]] == ["viet-nam", "ha-noi", "gia-lam"]
    assert body["images"] == []


def test_an_unknown_region_is_a_json_404(client):
    assert get_json(client, "/api/regions/atlantis/", status=404) == {"detail": "Not found."}


def test_programmes_come_with_their_grade_scale_best_first(client):
    rubric = [{"key": "community", "label": "Community", "max": 40}, {"key": "quality", "label": "Quality", "max": 35}]
    ocop = ProgrammeFactory(name="One Commune One Product", code="OCOP", slug="ocop", validity_months=36,
                            rubric=rubric, economy=region_chain().parent.parent.parent)
    for stars in (3, 5, 4):
        GradeLevelFactory(programme=ocop, code=str(stars), name=f"{stars} stars", slug=f"ocop-{stars}",
                          rank=stars, min_score=50 + stars * 10)
    ProgrammeFactory(slug="otop")

    body = get_json(client, "/api/programmes/")

    assert {p["slug"] for p in body} == {"ocop", "otop"}
    programme = get_json(client, "/api/programmes/ocop/")
    assert programme["code"] == "OCOP"
    assert programme["validity_months"] == 36
    assert programme["rubric"] == rubric
    assert programme["economy"] == {"slug": "viet-nam", "name": "Viet Nam", "kind": "economy"}
    assert [(lv["code"], lv["slug"], lv["rank"], lv["min_score"]) for lv in programme["levels"]] == [
        ("5", "ocop-5", 5, 100), ("4", "ocop-4", 4, 90), ("3", "ocop-3", 3, 80)
    ]
    assert programme == next(p for p in body if p["slug"] == "ocop")


def test_an_unknown_programme_is_a_json_404(client):
    assert get_json(client, "/api/programmes/nope/", status=404) == {"detail": "Not found."}


def test_producers_lists_only_verified_cooperatives_with_their_facts(client):
    village = region_chain()
    CooperativeFactory(
        name="Bat Trang Women's Pottery Group", slug="bat-trang-women", village=village, members_count=12,
        women_members_count=9, founded_year=1998, story="Twelve families.",
    )
    for status in (Cooperative.Verification.DRAFT, Cooperative.Verification.PENDING,
                   Cooperative.Verification.REJECTED, Cooperative.Verification.SUSPENDED):
        CooperativeFactory(verification_status=status)

    body = get_json(client, "/api/producers/")

    assert body["count"] == 1
    [producer] = body["results"]
    assert producer == {
        "slug": "bat-trang-women",
        "name": "Bat Trang Women's Pottery Group",
        "kind": "community_group",
        "url": "http://testserver/producers/bat-trang-women/",
        "api_url": "http://testserver/api/producers/bat-trang-women/",
        "village": {"slug": "bat-trang", "name": "Bat Trang", "kind": "village"},
        "members_count": 12,
        "women_members_count": 9,
        "women_led": True,
        "founded_year": 1998,
        "story": "Twelve families.",
    }
    assert get_json(client, "/api/producers/bat-trang-women/") == producer


@pytest.mark.parametrize("status", [Cooperative.Verification.PENDING, Cooperative.Verification.SUSPENDED])
def test_an_unverified_producer_is_a_json_404(client, status):
    CooperativeFactory(slug="not-yet", verification_status=status)
    assert get_json(client, "/api/producers/not-yet/", status=404) == {"detail": "Not found."}


# --- Queries ----------------------------------------------------------------------------------


def _catalog_of(count):
    level = GradeLevelFactory()
    for _ in range(count):
        product = ProductFactory(cooperative=CooperativeFactory(village=RegionFactory()))
        ProductImageFactory(product=product)
        ProductImageFactory(product=product)
        GradeFactory(product=product, level=level)


def _queries_for(client, path, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200
    return len(queries)


def test_product_list_query_count_does_not_grow_with_the_page(client):
    _catalog_of(5)
    five = _queries_for(client, PRODUCTS, page_size=50)
    _catalog_of(45)
    fifty = _queries_for(client, PRODUCTS, page_size=50)

    assert len(get_json(client, PRODUCTS, page_size=50)["results"]) == 50
    assert five == fifty
    assert fifty <= 10


def test_product_list_stays_within_ten_queries_with_every_filter_and_a_search(client):
    _catalog_of(5)
    product = Product.objects.first()
    grade = product.grades.select_related("level", "programme").get()
    params = {
        "q": "hand made", "category": product.category.slug, "region": product.origin.slug,
        "programme": grade.programme.slug, "grade": grade.level.slug, "min_price": "1", "max_price": "1000",
        "availability": "in_stock", "sort": "relevance", "page_size": 50,
    }
    assert get_json(client, PRODUCTS, **params)["count"] == 1
    assert _queries_for(client, PRODUCTS, **params) <= 10


def test_product_detail_with_photos_grades_and_related_products_stays_within_eight_queries(client):
    coop = CooperativeFactory()
    products = [ProductFactory(cooperative=coop) for _ in range(6)]
    for product in products:
        ProductImageFactory(product=product)
        GradeFactory(product=product)

    assert len(get_json(client, f"{PRODUCTS}{products[0].slug}/")["related"]) == 4
    assert _queries_for(client, f"{PRODUCTS}{products[0].slug}/") <= 8


def test_region_and_producer_lists_do_not_grow_with_the_page(client):
    _catalog_of(3)
    counts = [_queries_for(client, "/api/regions/"), _queries_for(client, "/api/producers/")]
    _catalog_of(12)
    assert [_queries_for(client, "/api/regions/"), _queries_for(client, "/api/producers/")] == counts


# --- Schema and docs --------------------------------------------------------------------------


def test_the_schema_is_valid_openapi_3_describing_the_catalog(client):
    response = client.get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    schema = json.loads(response.content)
    validate_schema(schema)
    assert schema["openapi"].startswith("3")
    for path in ("/api/products/", "/api/products/{slug}/", "/api/categories/", "/api/regions/",
                 "/api/regions/{slug}/", "/api/programmes/", "/api/programmes/{slug}/", "/api/producers/",
                 "/api/producers/{slug}/"):
        assert "get" in schema["paths"][path]
    parameters = {p["name"] for p in schema["paths"]["/api/products/"]["get"]["parameters"]}
    assert {"q", "category", "region", "programme", "grade", "min_price", "max_price", "availability", "sort",
            "page", "page_size"} <= parameters


def test_the_schema_is_served_as_yaml_by_default(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert response.content.startswith(b"openapi: 3")


def test_the_docs_page_loads_its_scripts_from_files_so_the_content_security_policy_allows_them(client):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts and all("src=" in attributes for attributes in scripts)
    assert "cdn" not in html.lower()
    assert "script-src 'self'" in response["Content-Security-Policy"]
    init_url = re.findall(r'<script src="([^"]*script[^"]*)"', html)[-1].replace("&amp;", "&")
    init = client.get(init_url)
    assert init.status_code == 200
    assert init["Content-Type"].startswith("application/javascript")


def test_api_errors_follow_the_callers_accept_language(client):
    english = client.get("/api/products/", {"min_price": "abc"}).json()
    vietnamese = client.get("/api/products/", {"min_price": "abc"}, HTTP_ACCEPT_LANGUAGE="vi").json()

    assert english["min_price"] == ["Enter a number."]
    assert vietnamese["min_price"] and vietnamese["min_price"] != english["min_price"]
