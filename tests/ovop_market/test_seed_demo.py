"""``manage.py seed_demo`` builds a believable catalog, through the real workflows, and can run twice.

The catalog is seeded once for the module, inside a transaction rolled back at the end; each test
runs in its own savepoint within it, as usual.
"""
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from PIL import Image

from catalog.models import (
    Category,
    Grade,
    GradeLevel,
    Product,
    ProductImage,
    ProductStatusChange,
    Programme,
    Region,
    RegionImage,
)
from catalog.search import product_search
from catalog.selectors import products_public
from ovop_market.demo.data import DEMO_PASSWORD
from ovop_market.demo.seed import _add_months
from ovop_market.models import User
from sellers.models import Cooperative, CooperativeStatusChange

pytestmark = pytest.mark.django_db

MODELS = [User, Programme, GradeLevel, Region, RegionImage, Category, Cooperative, CooperativeStatusChange,
          Product, ProductImage, ProductStatusChange, Grade]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Run the command once; yield its output and the media folder it wrote to."""
    media = tmp_path_factory.mktemp("seed-media")
    out = io.StringIO()
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=hashers):
        with transaction.atomic():
            call_command("seed_demo", stdout=out)
            yield {"output": out.getvalue(), "media": media}
            transaction.set_rollback(True)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_programmes_come_with_their_real_grade_scales(seeded):
    assert Programme.objects.count() >= 6
    assert not Programme.objects.filter(levels__isnull=True).exists()

    ocop = Programme.objects.get(code="OCOP")
    assert ocop.validity_months == 36
    assert {c["key"]: c["max"] for c in ocop.rubric} == {"community": 40, "marketing": 25, "quality": 35}
    assert list(ocop.levels.order_by("rank").values_list("min_score", flat=True)) == [0, 30, 50, 70, 90]

    classes = GradeLevel.objects.filter(programme__slug="otop-product-champion").order_by("-rank")
    assert [level.code for level in classes] == ["A", "B", "C", "D"]


def test_cooperatives_are_in_real_villages_and_verified_through_the_workflow(seeded):
    cooperatives = Cooperative.objects.select_related("village")
    assert cooperatives.count() >= 20
    assert {c.kind for c in cooperatives} == set(Cooperative.Kind.values)
    assert all(c.village.kind == Region.Kind.VILLAGE and c.village.depth == 3 for c in cooperatives)
    assert sum(c.women_led for c in cooperatives) >= 5

    verified = cooperatives.filter(verification_status=Cooperative.Verification.VERIFIED)
    assert verified.count() >= 20
    officer = User.objects.get(email="officer@ovop.market")
    for cooperative in verified:
        history = list(cooperative.status_changes.order_by("pk").values_list("from_status", "to_status", "by"))
        assert history == [("draft", "pending", None), ("pending", "verified", officer.pk)]
    assert cooperatives.filter(verification_status=Cooperative.Verification.PENDING).exists()


def test_every_product_has_a_full_story_and_described_photos(seeded):
    products = Product.objects.prefetch_related("images")
    assert products.count() >= 60
    for product in products:
        product.full_clean()
        assert product.summary
        assert len(product.story_sections()) == 6, product.slug
        photos = list(product.images.all())
        assert len(photos) >= 2, product.slug
        assert all(photo.alt_text.endswith("(illustration)") for photo in photos)
        assert (photos[0].width, photos[0].height) == (1200, 900)


def test_generated_photos_are_real_jpegs_on_disk(seeded):
    photo = ProductImage.objects.get(product__slug="bat-trang-blue-glaze-tea-set", position=0)
    with Image.open(seeded["media"] / photo.image.name) as image:
        assert image.format == "JPEG" and image.size == (1200, 900)
    assert Region.objects.filter(featured=True).count() >= 5
    assert not Region.objects.filter(featured=True, images__isnull=True).exists()


def test_the_catalog_mixes_stock_made_to_order_sold_out_fragile_and_seasonal(seeded):
    public = products_public()
    assert public.filter(made_to_order=True, lead_time_days__gt=0).count() >= 5
    assert public.filter(made_to_order=False, stock=0).exists()
    assert public.filter(category__parent__slug="ceramics", fragile=False).count() == 0
    assert public.exclude(season_note="").count() >= 5
    assert 8 <= public.filter(featured=True).count() <= 14


def test_grades_are_consistent_with_their_scale_and_some_have_expired(seeded):
    grades = Grade.objects.select_related("level", "programme")
    assert grades.count() >= 40
    for grade in grades.filter(programme__code="OCOP"):
        assert sum(grade.scores.values()) == grade.total_score
        higher = GradeLevel.objects.filter(programme=grade.programme, rank=grade.level.rank + 1).first()
        assert grade.level.min_score <= grade.total_score < (higher.min_score if higher else 101)
        assert grade.expires_on == _add_months(grade.issued_on, 36)
    assert any(not grade.is_active for grade in grades)
    for grade in grades.select_related("product__origin"):
        economy = grade.product.origin.ancestors()[0]
        assert grade.programme.economy_id == economy.pk, grade.certificate_number


def test_only_approved_products_of_verified_cooperatives_are_public(seeded):
    public = products_public()
    assert public.count() >= 55
    assert set(Product.objects.exclude(status=Product.Status.APPROVED).values_list("status", flat=True)) == {
        "draft", "submitted", "changes_requested"
    }
    assert not public.exclude(status=Product.Status.APPROVED).exists()

    waiting = Product.objects.filter(cooperative__verification_status=Cooperative.Verification.PENDING)
    assert waiting.filter(status=Product.Status.SUBMITTED).exists()
    assert not waiting.filter(status=Product.Status.APPROVED).exists()
    assert not public.filter(pk__in=waiting).exists()

    feedback = ProductStatusChange.objects.get(to_status="changes_requested")
    assert feedback.reason and feedback.by.email == "officer@ovop.market"


def test_running_the_command_again_changes_nothing(seeded):
    before = counts()
    files_before = sorted(p for p in seeded["media"].rglob("*") if p.is_file())
    out = io.StringIO()

    with override_settings(MEDIA_ROOT=seeded["media"]):
        call_command("seed_demo", stdout=out)

    assert counts() == before
    assert sorted(p for p in seeded["media"].rglob("*") if p.is_file()) == files_before
    assert "nothing to add" in out.getvalue()


def test_demo_accounts_can_log_in_and_are_printed(seeded, client):
    officer = User.objects.get(email="officer@ovop.market")
    assert officer.is_staff and officer.is_superuser and officer.full_name
    assert User.objects.get(email="artisan@ovop.market").language == "vi"
    for email in ("officer@ovop.market", "buyer@ovop.market", "artisan@ovop.market"):
        assert client.login(email=email, password=DEMO_PASSWORD), email
        assert email in seeded["output"]
    assert DEMO_PASSWORD in seeded["output"]
    # The provincial officer too, and how officers get past the second factor.
    assert "province-officer@ovop.market" in seeded["output"]
    assert "python manage.py totp_code <email>" in seeded["output"]


def test_search_without_accents_finds_bat_trang_pottery(seeded):
    found = list(product_search(products_public(), "gom bat trang").order_by("-rank", "pk"))
    assert "bat-trang-blue-glaze-tea-set" in {p.slug for p in found}
    assert all(p.cooperative.village.slug == "bat-trang" for p in found)


def test_thai_and_japanese_products_are_found_by_their_own_words(seeded):
    assert product_search(products_public(), "มัดหมี่").filter(slug="chonnabot-mudmee-silk-length").exists()
    assert product_search(products_public(), "kabosu").filter(slug="nozu-kabosu-juice").exists()


def test_the_demo_artisan_owns_a_cooperative_and_reaches_its_seller_centre(seeded, client):
    artisan = User.objects.get(email="artisan@ovop.market")
    client.force_login(artisan)
    page = client.get("/seller/")
    assert page.status_code == 200
    assert "Gốm Men Lam Bát Tràng" in page.content.decode()
