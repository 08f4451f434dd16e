"""A buyer on a phone browses in a real browser: home → listing → filter → search → product."""
import json
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from catalog.models import Category
from tests.factories import CooperativeFactory, GradeFactory, ProductFactory, ProductImageFactory, region_chain

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def village_catalog():
    ceramics = Category.objects.create(name="Ceramics", slug="ceramics")
    pottery = Category.objects.create(name="Pottery", slug="pottery", parent=ceramics)
    textiles = Category.objects.create(name="Textiles", slug="textiles")
    bat_trang = CooperativeFactory(name="Bát Tràng Glaze Cooperative", village=region_chain(village="Bát Tràng"))
    van_phuc = CooperativeFactory(
        name="Vạn Phúc Silk Weavers", village=region_chain(district="Hà Đông", village="Vạn Phúc")
    )
    tea_set = ProductFactory(
        name="Gốm Bát Tràng men lam tea set", category=pottery, cooperative=bat_trang, price="48.00",
        featured=True, story_makers="Mrs Lan and her daughters glaze each cup by hand.",
    )
    ProductImageFactory(product=tea_set, alt_text="Blue-glazed tea set on a bamboo tray")
    GradeFactory(product=tea_set)
    vase = ProductFactory(name="Crackle-glaze vase", category=pottery, cooperative=bat_trang, featured=True)
    ProductImageFactory(product=vase)
    scarf = ProductFactory(name="Vạn Phúc silk scarf", category=textiles, cooperative=van_phuc, featured=True)
    ProductImageFactory(product=scarf)
    return {"tea_set": tea_set}


def product_titles(page) -> list[str]:
    return page.locator(".card__title").all_inner_texts()


def browse(page, base_url: str, language: str):
    prefix = "" if language == "en" else f"/{language}"
    with translation.override(language):
        all_products = gettext("All products")
    page.goto(f"{base_url}{prefix}/")
    assert page.locator("html").get_attribute("lang") == language
    assert "Gốm Bát Tràng men lam tea set" in product_titles(page)

    page.get_by_role("link", name=all_products, exact=True).click()
    page.wait_for_url(re.compile(rf"{prefix}/products/$"))
    assert len(product_titles(page)) == 3

    page.locator(".filters summary").click()
    page.select_option("#filter-category", "ceramics")
    page.locator(".filters__actions button[type=submit]").click()
    page.wait_for_url(re.compile(r"category=ceramics"))
    assert sorted(product_titles(page)) == ["Crackle-glaze vase", "Gốm Bát Tràng men lam tea set"]

    page.fill("#site-search-q", "gom bat trang")
    page.press("#site-search-q", "Enter")
    page.wait_for_url(re.compile(r"q=gom\+bat\+trang"))
    assert product_titles(page) == ["Gốm Bát Tràng men lam tea set"]

    page.locator(".card__link").first.click()
    page.wait_for_url(re.compile(rf"{prefix}/products/[\w-]+/$"))
    assert page.locator("h1").inner_text() == "Gốm Bát Tràng men lam tea set"
    assert page.get_by_alt_text("Blue-glazed tea set on a bamboo tray").is_visible()
    offer = json.loads(page.locator('script[type="application/ld+json"]').inner_text())
    assert offer["offers"]["price"] == "48.00"


def test_buyer_browses_filters_searches_and_opens_a_product_in_english(page, live_server, village_catalog):
    browse(page, live_server.url, "en")


def test_buyer_browses_filters_searches_and_opens_a_product_in_vietnamese(page, live_server, village_catalog):
    with translation.override("vi"):
        assert gettext("All products") != "All products", "the Vietnamese catalogue is not compiled"
    browse(page, live_server.url, "vi")


def test_language_switcher_keeps_the_page(page, live_server, village_catalog):
    page.goto(f"{live_server.url}/products/?q=silk")
    page.locator('.language-switcher a[hreflang="vi"]').click()
    page.wait_for_url(re.compile(r"/vi/products/\?q=silk$"))
    assert page.locator("html").get_attribute("lang") == "vi"
    assert product_titles(page) == ["Vạn Phúc silk scarf"]
