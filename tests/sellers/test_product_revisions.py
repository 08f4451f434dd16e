"""Editing an approved product: price and stock at once; story and photos wait for an officer
while buyers keep seeing the approved version."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from catalog.models import Product, ProductRevision, ProductStatusChange
from catalog.services import product_revision_approve, product_revision_reject
from sellers.models import Membership
from tests.factories import CooperativeFactory, ProductFactory, ProductImageFactory, UserFactory, jpeg_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def product():
    product = ProductFactory(cooperative=CooperativeFactory(), story_makers="The old story.", price=10, stock=3)
    ProductImageFactory(product=product, alt_text="Old photo")
    return product


@pytest.fixture
def seller(client, product):
    user = UserFactory()
    Membership.objects.create(cooperative=product.cooperative, user=user)
    client.force_login(user)
    return client


def edit(seller, product, **changes):
    return seller.post(reverse("sellers:product_edit", args=[product.pk]), {**_form(product), **changes})


def test_price_and_stock_apply_at_once_and_publicly(seller, product):
    edit(seller, product, price="14.00", stock="7")
    product.refresh_from_db()
    assert (product.price, product.stock, product.status) == (14, 7, Product.Status.APPROVED)
    assert not ProductRevision.objects.exists()
    assert "14" in seller.get(product.get_absolute_url()).content.decode()


def test_story_change_waits_for_review_then_approval_applies_it(seller, product, client):
    edit(seller, product, story_makers="The new story.")
    product.refresh_from_db()
    assert product.story_makers == "The old story." and product.status == Product.Status.APPROVED
    revision = ProductRevision.objects.get(product=product, status=ProductRevision.Status.PENDING)
    assert revision.data == {"story_makers": "The new story."}
    public = client.get(product.get_absolute_url()).content.decode()
    assert "The old story." in public and "The new story." not in public
    assert "waiting for review" in seller.get(reverse("sellers:product_edit", args=[product.pk])).content.decode()
    assert "The new story." in seller.get(reverse("sellers:product_preview", args=[product.pk])).content.decode()

    officer = UserFactory(is_staff=True)
    product_revision_approve(revision=revision, by=officer)
    product.refresh_from_db()
    assert product.story_makers == "The new story."
    assert "The new story." in client.get(product.get_absolute_url()).content.decode()
    assert ProductStatusChange.objects.filter(product=product, by=officer).exists()


def test_new_photos_stay_hidden_until_the_revision_is_approved(seller, product, client):
    upload = SimpleUploadedFile("new.jpg", jpeg_file().read(), content_type="image/jpeg")
    seller.post(reverse("sellers:product_edit", args=[product.pk]), {
        **_form(product), "photos": [upload], "photo_alt": "A new angle",
    })
    new = product.images.get(alt_text="A new angle")
    assert not new.published
    assert "A new angle" not in client.get(product.get_absolute_url()).content.decode()
    api_images = client.get(reverse("catalog_api:product_detail", args=[product.slug])).json()["images"]
    assert [image["alt"] for image in api_images] == ["Old photo"]
    old = product.images.get(alt_text="Old photo")
    edit(seller, product, photo_action=f"remove:{old.pk}")
    assert product.images.filter(pk=old.pk).exists()
    revision = ProductRevision.objects.get(product=product)
    product_revision_approve(revision=revision, by=UserFactory(is_staff=True))
    assert list(product.images.values_list("alt_text", flat=True)) == ["A new angle"]
    assert "A new angle" in client.get(product.get_absolute_url()).content.decode()


def test_a_rejected_revision_leaves_the_approved_version(seller, product):
    edit(seller, product, story_makers="Something wrong.")
    revision = ProductRevision.objects.get(product=product)
    product_revision_reject(revision=revision, by=UserFactory(is_staff=True), reason="Not accurate.")
    product.refresh_from_db()
    assert product.story_makers == "The old story."
    revision.refresh_from_db()
    assert revision.status == ProductRevision.Status.REJECTED


def _form(product):
    return {
        "name": product.name, "category": product.category_id, "summary": product.summary,
        "story_makers": product.story_makers, "story_materials": product.story_materials,
        "story_process": product.story_process, "story_place": "", "story_use": "", "story_care": "",
        "price": str(product.price), "stock": str(product.stock), "lead_time_days": "", "season_note": "",
        "weight_grams": str(product.weight_grams), "length_cm": "", "width_cm": "", "height_cm": "", "video_url": "",
    }


def test_putting_the_story_back_withdraws_the_revision(seller, product):
    edit(seller, product, story_makers="A change.")
    assert ProductRevision.objects.filter(product=product).exists()
    edit(seller, product, story_makers="The old story.")
    assert not ProductRevision.objects.filter(product=product).exists()


def test_api_story_change_on_an_approved_product_waits_for_review(product):
    user = UserFactory()
    Membership.objects.create(cooperative=product.cooperative, user=user)
    api = APIClient()
    api.force_authenticate(user)
    response = api.patch(reverse("sellers_api:product_detail", args=[product.pk]),
                         {"story_makers": "Via the API.", "price": "11.00"}, format="json")
    assert response.status_code == 200
    assert response.json()["story_makers"] == "The old story." and response.json()["price"] == "11.00"
    assert response.json()["pending_revision"] == {"story_makers": "Via the API."}
