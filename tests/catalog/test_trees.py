"""Regions and categories are trees whose subtrees are one prefix query away."""
import pytest

from catalog.models import Category, Region
from tests.factories import region_chain

pytestmark = pytest.mark.django_db


def test_region_path_runs_from_economy_to_village():
    village = region_chain(economy="Viet Nam", province="Ha Noi", district="Gia Lam", village="Bat Trang")
    assert village.path == "viet-nam/ha-noi/gia-lam/bat-trang/"
    assert village.depth == 3
    assert [r.name for r in village.ancestors()] == ["Viet Nam", "Ha Noi", "Gia Lam"]


def test_subtree_query_finds_every_descendant_and_nothing_else():
    bat_trang = region_chain(village="Bat Trang")
    van_phuc = region_chain(province="Ha Noi", district="Ha Dong", village="Van Phuc")
    region_chain(economy="Thailand", province="Surin", district="Mueang Surin", village="Ban Tha Sawang")
    hanoi = Region.objects.get(slug="ha-noi")
    under_hanoi = set(Region.objects.filter(path__startswith=hanoi.path).values_list("slug", flat=True))
    assert under_hanoi == {"ha-noi", "gia-lam", "ha-dong", bat_trang.slug, van_phuc.slug}


def test_moving_a_category_moves_its_descendants():
    crafts = Category.objects.create(name="Crafts", slug="crafts")
    textiles = Category.objects.create(name="Textiles", slug="textiles")
    weaving = Category.objects.create(name="Weaving", slug="weaving", parent=crafts)
    silk = Category.objects.create(name="Silk", slug="silk", parent=weaving)
    weaving.parent = textiles
    weaving.save()
    silk.refresh_from_db()
    assert silk.path == "textiles/weaving/silk/"
    assert silk.depth == 2
