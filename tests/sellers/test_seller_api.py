"""The seller API: a member's cooperatives and products, by token or session; nobody else's."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from catalog.models import Product, ProductStatusChange
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
def api(member):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=member).key}")
    return client


def new_product(category, cooperative, **extra):
    return {"cooperative": cooperative.pk, "name": "Bamboo basket", "category": category.pk, "price": "12.50",
            "stock": 4, **extra}


def test_member_lists_cooperatives_creates_uploads_reorders_and_submits(api, cooperative, member):
    assert [c["id"] for c in api.get(reverse("sellers_api:cooperative_list")).json()["results"]] == [cooperative.pk]
    response = api.post(reverse("sellers_api:product_list"), new_product(CategoryFactory(), cooperative), format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["status"] == "draft" and response.json()["slug"] == "bamboo-basket"
    images_url = reverse("sellers_api:product_image_create", args=[pk])
    first = api.post(images_url, {"image": upload(), "alt_text": "A basket"}, format="multipart").json()["id"]
    second = api.post(images_url, {"image": upload(), "alt_text": "Its lid"}, format="multipart").json()["id"]
    refused = api.post(images_url, {"image": SimpleUploadedFile("x.jpg", b"nope"), "alt_text": "x"},
                       format="multipart")
    assert refused.status_code == 400 and "image" in refused.json()
    response = api.post(reverse("sellers_api:product_images_order", args=[pk]), {"order": [second, first]},
                        format="json")
    assert [i["id"] for i in response.json()] == [second, first]
    response = api.patch(reverse("sellers_api:product_detail", args=[pk]), {"stock": 9}, format="json")
    assert response.json()["stock"] == 9
    response = api.post(reverse("sellers_api:product_submit", args=[pk]))
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    assert ProductStatusChange.objects.get(product_id=pk).by == member
    assert [p["id"] for p in api.get(reverse("sellers_api:product_list")).json()["results"]] == [pk]


@pytest.mark.parametrize("body, field", [
    ({"price": "-1"}, "price"),
    ({"name": "x" * 10_000}, "name"),
    ({"made_to_order": True, "lead_time_days": None}, "lead_time_days"),
])
def test_bad_input_is_a_400_naming_the_field(api, cooperative, body, field):
    product = ProductFactory(cooperative=cooperative, status=Product.Status.DRAFT)
    response = api.patch(reverse("sellers_api:product_detail", args=[product.pk]), body, format="json")
    assert response.status_code == 400 and field in response.json()


def test_html_in_the_story_is_stored_as_text(api, cooperative):
    product = ProductFactory(cooperative=cooperative, status=Product.Status.DRAFT)
    story = "<script>alert('x')</script><b>bold</b>"
    response = api.patch(reverse("sellers_api:product_detail", args=[product.pk]), {"story_care": story},
                         format="json")
    assert response.json()["story_care"] == story


def test_session_authentication_needs_csrf(member, cooperative):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.get(reverse("sellers_api:cooperative_list")).status_code == 200
    response = client.post(reverse("sellers_api:product_list"), new_product(CategoryFactory(), cooperative),
                           format="json")
    assert response.status_code == 403


@pytest.mark.parametrize("who, allowed", [
    # An officer who is not a member: a token carries no second factor (tests/sellers/test_officer_acting.py).
    ("member_a", True), ("member_b", False), ("anonymous", False), ("buyer", False), ("officer", False),
])
def test_access_matrix_for_the_api(who, allowed, cooperative):
    product = ProductFactory(cooperative=cooperative, status=Product.Status.DRAFT, name="A's bowl")
    image = ProductImageFactory(product=product)
    client = APIClient()
    if who != "anonymous":
        user = UserFactory(is_staff=who == "officer")
        if who == "member_a":
            Membership.objects.create(cooperative=cooperative, user=user)
        if who == "member_b":
            Membership.objects.create(cooperative=CooperativeFactory(), user=user)
        client.force_authenticate(user)
    detail = reverse("sellers_api:product_detail", args=[product.pk])
    responses = {
        "list": client.get(reverse("sellers_api:product_list")),
        "read": client.get(detail),
        "edit": client.patch(detail, {"name": "Changed"}, format="json"),
        "upload": client.post(reverse("sellers_api:product_image_create", args=[product.pk]),
                              {"image": upload(), "alt_text": "More"}, format="multipart"),
        "delete": client.delete(reverse("sellers_api:product_image_delete", args=[product.pk, image.pk])),
        "submit": client.post(reverse("sellers_api:product_submit", args=[product.pk])),
    }
    product.refresh_from_db()
    if allowed:
        assert [r.status_code for r in responses.values()] == [200, 200, 200, 201, 204, 200]
        assert product.pk in [p["id"] for p in responses["list"].json()["results"]]
        assert product.name == "Changed" and product.status == Product.Status.SUBMITTED
    else:
        expected = {"anonymous": (401, 403), "officer": (403,)}.get(who, (404,))
        for name in ("read", "edit", "upload", "delete", "submit"):
            assert responses[name].status_code in expected, name
        if who != "anonymous":
            assert responses["list"].json()["results"] == []
        assert product.name == "A's bowl" and product.status == Product.Status.DRAFT
        assert list(product.images.all()) == [image]


@pytest.mark.parametrize("who, allowed", [
    ("member_a", True), ("member_b", False), ("anonymous", False), ("buyer", False), ("officer", True),
])
def test_only_the_cooperative_or_an_officer_archives_its_product(client, who, allowed, cooperative):
    """"Delete" of a product is archiving: by page and by API."""
    by_page = ProductFactory(cooperative=cooperative, status=Product.Status.DRAFT)
    by_api = ProductFactory(cooperative=cooperative, status=Product.Status.DRAFT)
    api = APIClient()
    if who != "anonymous":
        user = UserFactory(is_staff=who == "officer", is_superuser=who == "officer")
        if who == "member_a":
            Membership.objects.create(cooperative=cooperative, user=user)
        if who == "member_b":
            Membership.objects.create(cooperative=CooperativeFactory(), user=user)
        client.force_login(user)
        api.force_authenticate(user)
        if who == "officer":
            login_officer(client, user)
            client.post(reverse("sellers:act_for"), {"cooperative": cooperative.pk})
    page = client.post(reverse("sellers:product_archive", args=[by_page.pk]))
    response = api.delete(reverse("sellers_api:product_detail", args=[by_api.pk]))
    by_page.refresh_from_db()
    by_api.refresh_from_db()
    expected = Product.Status.ARCHIVED if allowed else Product.Status.DRAFT
    if who == "officer":  # in the seller centre after the second factor; never by token (403)
        assert (by_page.status, by_api.status, response.status_code) == (expected, Product.Status.DRAFT, 403)
        return
    assert (by_page.status, by_api.status) == (expected, expected)
    if allowed:
        assert response.status_code == 204
    else:
        assert response.status_code in ((401, 403) if who == "anonymous" else (404,))
        assert page.status_code in ((302,) if who in ("anonymous", "buyer") else (404,))


def test_listing_products_costs_the_same_for_one_or_many(api, cooperative, django_assert_max_num_queries):
    for _ in range(5):
        ProductImageFactory(product=ProductFactory(cooperative=cooperative))
    with django_assert_max_num_queries(10):
        response = api.get(reverse("sellers_api:product_list"))
    assert len(response.json()["results"]) == 5
