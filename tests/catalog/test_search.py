"""Search finds what a buyer means: without accents, with a typo, in Thai, best match first."""
import pytest

from catalog.models import Product
from catalog.search import product_search, search_fold, search_words
from catalog.selectors import products_public
from tests.factories import CategoryFactory, CooperativeFactory, ProductFactory, region_chain

pytestmark = pytest.mark.django_db


def search(query):
    return list(product_search(products_public(), query).order_by("-rank", "pk"))


def test_folding_removes_vietnamese_accents_and_reads_d_stroke_as_d():
    assert search_fold("Gốm Bát Tràng") == "gom bat trang"
    assert search_fold("Đông Hồ") == "dong ho"


def test_thai_text_is_cut_into_words():
    assert search_words("ผ้าไหมมัดหมี่") == ["ผ้าไหม", "มัดหมี่"]


def test_query_without_accents_finds_vietnamese_name():
    pot = ProductFactory(name="Gốm Bát Tràng men lam")
    ProductFactory(name="Woven bamboo basket")
    assert search("gom bat trang") == [pot]


def test_a_thai_word_inside_a_thai_name_finds_it():
    silk = ProductFactory(name="ผ้าไหมมัดหมี่บ้านเขวา")
    ProductFactory(name="เครื่องจักสานไม้ไผ่")
    assert search("มัดหมี่") == [silk]


def test_name_match_ranks_above_story_match():
    in_story = ProductFactory(name="Tea bowl", story_materials="Glazed with indigo from the hills")
    in_name = ProductFactory(name="Indigo scarf", story_materials="Cotton")
    assert search("indigo") == [in_name, in_story]


def test_village_and_category_are_searchable():
    village = region_chain(village="Vạn Phúc", district="Hà Đông")
    scarf = ProductFactory(name="Silk scarf", cooperative=CooperativeFactory(village=village),
                           category=CategoryFactory(name="Textiles"))
    ProductFactory(name="Clay pot")
    assert search("van phuc") == [scarf]
    assert search("textiles") == [scarf]


def test_words_must_all_match():
    ProductFactory(name="Silk scarf")
    both = ProductFactory(name="Silk indigo scarf")
    assert search("indigo silk") == [both]


def test_private_products_are_not_found():
    ProductFactory(name="Unreleased vase", status=Product.Status.DRAFT)
    assert search("vase") == []


def test_empty_and_punctuation_queries_filter_nothing():
    ProductFactory()
    assert len(search("  !!! ")) == 1


def test_very_long_query_is_answered():
    ProductFactory(name="Silk scarf")
    assert search("silk " * 400) != []


@pytest.mark.usefixtures("postgres_only")
def test_one_wrong_letter_still_finds_the_product():
    basket = ProductFactory(name="Rattan basket")
    ProductFactory(name="Clay teapot")
    assert search("rattan baskot") == [basket]
    assert search("rattam") == [basket]


@pytest.mark.usefixtures("postgres_only")
def test_known_word_is_not_widened_to_similar_words():
    silk = ProductFactory(name="Silk scarf")
    ProductFactory(name="Silky tofu press", story_materials="")
    results = search("silk")
    assert results[0] == silk


def test_a_word_most_products_hold_lists_them_newest_first_instead_of_ranking_them(settings):
    in_name = ProductFactory(name="Indigo scarf", story_materials="Cotton")
    newer = [ProductFactory(name=f"Tea bowl {n}", story_materials="Glazed with indigo") for n in range(3)]
    listing = products_public().order_by("-approved_at", "-pk")
    newest_first = [p for p in listing if p in [in_name, *newer]]

    settings.CATALOG_SEARCH_RANK_LIMIT = 3
    matches = list(product_search(products_public(), "indigo").order_by("-rank", "-approved_at", "-pk"))
    assert matches == newest_first

    settings.CATALOG_SEARCH_RANK_LIMIT = 4
    assert search("indigo")[0] == in_name
