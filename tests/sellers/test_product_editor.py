"""The seller centre's product editor: drafts with photos, review, and who may reach it."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog.models import Product, ProductStatusChange
from catalog.services import product_set_status, product_update
from sellers.models import Membership
from tests.conftest import login_officer
from tests.factories import (
    CategoryFactory,
    CooperativeFactory,
    ProductFactory,
    ProductImageFactory,
    UserFactory,
)
from tests.sellers.helpers import upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def seller(client, member):
    client.force_login(member)
    return client


def form_data(category, **extra):
    data = {
        "name": "Indigo scarf", "category": category.pk, "summary": "", "story_makers": "Mai and her sisters.",
        "story_materials": "", "story_process": "", "story_place": "", "story_use": "", "story_care": "",
        "price": "25.00", "stock": "3", "lead_time_days": "", "season_note": "", "weight_grams": "200",
        "length_cm": "", "width_cm": "", "height_cm": "", "video_url": "",
    }
    data.update(extra)
    return data


def test_member_creates_a_draft_with_photos_and_a_refused_file_is_reported(seller, cooperative):
    category = CategoryFactory()
    response = seller.post(reverse("sellers:product_create"), {
        **form_data(category), "photo_alt": "Folded indigo scarf",
        "photos": [upload("a.jpg"), SimpleUploadedFile("notes.jpg", b"not an image", content_type="image/jpeg"),
                   upload("b.jpg")],
    }, follow=True)
    product = Product.objects.get(cooperative=cooperative)
    assert product.status == Product.Status.DRAFT
    assert product.slug == "indigo-scarf"
    assert product.images.count() == 2
    assert list(product.images.values_list("position", flat=True)) == [0, 1]
    assert "notes.jpg" in response.content.decode()


def test_photos_need_a_description(seller, cooperative):
    product = ProductFactory(cooperative=cooperative, status=Product.Status.DRAFT)
    response = seller.post(reverse("sellers:product_edit", args=[product.pk]), {
        **form_data(product.category), "photos": [upload()], "photo_alt": "",
    }, follow=True)
    assert product.images.count() == 0
    assert "describe what they show" in response.content.decode()


def test_photos_reorder_cover_and_remove_without_javascript(seller, cooperative):
    product = ProductFactory(cooperative=cooperative, status=Product.Status.DRAFT)
    first, second, third = (ProductImageFactory(product=product, position=i) for i in range(3))
    url = reverse("sellers:product_edit", args=[product.pk])
    seller.post(url, {**form_data(product.category), "photo_action": f"cover:{third.pk}"})
    assert list(product.images.values_list("pk", flat=True)) == [third.pk, first.pk, second.pk]
    seller.post(url, {**form_data(product.category), "photo_action": f"down:{third.pk}"})
    assert list(product.images.values_list("pk", flat=True)) == [first.pk, third.pk, second.pk]
    seller.post(url, {**form_data(product.category), "photo_action": f"up:{second.pk}"})
    assert list(product.images.values_list("pk", flat=True)) == [first.pk, second.pk, third.pk]
    seller.post(url, {**form_data(product.category), "photo_action": f"remove:{first.pk}"})
    assert list(product.images.values_list("pk", flat=True)) == [second.pk, third.pk]
    assert list(product.images.values_list("position", flat=True)) == [0, 1]


def test_preview_shows_a_draft_to_its_cooperative_only(seller, client, cooperative):
    product = ProductFactory(cooperative=cooperative, status=Product.Status.DRAFT, name="Secret bowl")
    response = seller.get(reverse("sellers:product_preview", args=[product.pk]))
    assert response.status_code == 200
    assert "Preview" in response.content.decode() and "Secret bowl" in response.content.decode()
    assert seller.get(product.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(reverse("sellers:product_preview", args=[product.pk])).status_code in (302, 404)


def test_submit_and_see_the_officers_reason(seller, member, cooperative):
    product = ProductFactory(cooperative=cooperative, status=Product.Status.DRAFT)
    url = reverse("sellers:product_edit", args=[product.pk])
    seller.post(url, {**form_data(product.category), "submit": "1"})
    product.refresh_from_db()
    assert product.status == Product.Status.SUBMITTED
    assert ProductStatusChange.objects.filter(product=product, to_status="submitted", by=member).exists()
    product_set_status(product=product, to=Product.Status.CHANGES_REQUESTED, by=UserFactory(is_staff=True),
                       reason="Please show the bottom of the bowl.")
    assert "Please show the bottom of the bowl." in seller.get(url).content.decode()


def test_bad_input_is_refused_and_the_form_keeps_what_was_typed(seller, cooperative):
    category = CategoryFactory()
    response = seller.post(reverse("sellers:product_create"), form_data(category, price="-5", name="x" * 10_000,
                                                                         story_makers="Kept <b>text</b>"))
    assert response.status_code == 200
    assert not Product.objects.exists()
    body = response.content.decode()
    assert "Kept &lt;b&gt;text&lt;/b&gt;" in body


def test_script_in_the_story_is_stored_and_shown_escaped(seller, cooperative):
    category = CategoryFactory()
    seller.post(reverse("sellers:product_create"), form_data(category, story_makers="<script>alert(1)</script>"))
    product = Product.objects.get()
    assert product.story_makers == "<script>alert(1)</script>"
    body = seller.get(reverse("sellers:product_preview", args=[product.pk])).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_dashboard_counts_listings_and_sends_users_without_a_cooperative_to_onboarding(seller, client, cooperative):
    ProductFactory(cooperative=cooperative, status=Product.Status.DRAFT, stock=1, name="Nearly gone")
    body = seller.get(reverse("sellers:dashboard")).content.decode()
    assert "Nearly gone" in body and "No order is waiting for you." in body
    client.force_login(UserFactory())
    response = client.get(reverse("sellers:dashboard"))
    assert response.status_code == 302 and "/seller/onboarding/" in response["Location"]


def test_officer_creates_a_listing_on_behalf_of_a_cooperative(client, cooperative):
    officer = UserFactory(is_staff=True, is_superuser=True)
    login_officer(client, officer)
    client.post(reverse("sellers:act_for"), {"cooperative": cooperative.pk})
    client.post(reverse("sellers:product_create"), form_data(CategoryFactory(), name="Officer listing"))
    product = Product.objects.get(cooperative=cooperative)
    row = ProductStatusChange.objects.get(product=product)
    assert row.by == officer and cooperative.name in row.reason


# --- who reaches A's products ------------------------------------------------------------------------

@pytest.fixture
def product_a(cooperative):
    product = ProductFactory(cooperative=cooperative, status=Product.Status.DRAFT, name="A's bowl")
    ProductImageFactory(product=product)
    return product


@pytest.mark.parametrize("who, allowed", [
    ("member_a", True), ("member_b", False), ("anonymous", False), ("buyer", False), ("officer", True),
])
def test_access_matrix_for_pages(client, product_a, who, allowed):
    if who != "anonymous":
        user = UserFactory(is_staff=who == "officer", is_superuser=who == "officer")
        if who == "member_a":
            Membership.objects.create(cooperative=product_a.cooperative, user=user)
        if who == "member_b":
            Membership.objects.create(cooperative=CooperativeFactory(), user=user)
        client.force_login(user)
        if who == "officer":
            login_officer(client, user)
            client.post(reverse("sellers:act_for"), {"cooperative": product_a.cooperative.pk})
    edit = reverse("sellers:product_edit", args=[product_a.pk])
    image = product_a.images.get()
    responses = {
        "list": client.get(reverse("sellers:product_list")),
        "read": client.get(edit),
        "preview": client.get(reverse("sellers:product_preview", args=[product_a.pk])),
        "edit": client.post(edit, form_data(product_a.category, name="Changed")),
        "delete": client.post(
            edit, {**form_data(product_a.category, name="Changed"), "photo_action": f"remove:{image.pk}"}
        ),
        "submit": client.post(reverse("sellers:product_submit", args=[product_a.pk])),
    }
    product_a.refresh_from_db()
    if allowed:
        assert responses["read"].status_code == 200 and responses["preview"].status_code == 200
        assert "A&#x27;s bowl" in responses["list"].content.decode()
        assert product_a.name == "Changed" and not product_a.images.exists()
        assert product_a.status == Product.Status.SUBMITTED
    else:
        for name in ("read", "preview", "edit", "delete", "submit"):
            assert responses[name].status_code in (302, 403, 404), name
        if who in ("member_b",):
            assert all(responses[n].status_code == 404 for n in ("read", "preview", "edit", "delete", "submit"))
        assert "A&#x27;s bowl" not in responses["list"].content.decode()
        assert product_a.name == "A's bowl" and product_a.images.exists()
        assert product_a.status == Product.Status.DRAFT


def test_officer_chooses_a_cooperative_and_sees_its_seller_centre(client, cooperative):
    login_officer(client, UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse("sellers:dashboard"))["Location"] == reverse("sellers:act_for")
    assert cooperative.name in client.get(reverse("sellers:act_for")).content.decode()
    client.post(reverse("sellers:act_for"), {"cooperative": cooperative.pk})
    for name in ("sellers:dashboard", "sellers:product_list", "sellers:product_create"):
        response = client.get(reverse(name))
        assert response.status_code == 200 and cooperative.name in response.content.decode()


def test_a_member_cannot_choose_another_cooperative(seller):
    other = CooperativeFactory()
    assert seller.post(reverse("sellers:act_for"), {"cooperative": other.pk}).status_code == 404


def test_officer_approves_a_revision_in_admin(client):
    product = ProductFactory(story_makers="Old.")
    member = UserFactory()
    Membership.objects.create(cooperative=product.cooperative, user=member)
    product_update(product=product, by=member, story_makers="New.")
    revision = product.revisions.get()
    login_officer(client, UserFactory(is_staff=True, is_superuser=True))
    client.post(reverse("admin:catalog_productrevision_changelist"),
                {"action": "approve", "_selected_action": [revision.pk]})
    product.refresh_from_db()
    assert product.story_makers == "New."
