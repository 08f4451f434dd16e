"""Admin is the officers' tool: members, buyers and visitors never reach a cooperative's data there."""
import pytest
from django.urls import reverse

from sellers.models import CooperativeDocument, Membership
from tests.conftest import login_officer
from tests.factories import CooperativeFactory, ProductFactory, ProductImageFactory, UserFactory
from tests.sellers.helpers import pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def cooperative_a_objects():
    cooperative = CooperativeFactory()
    product = ProductFactory(cooperative=cooperative)
    image = ProductImageFactory(product=product)
    document = CooperativeDocument.objects.create(
        cooperative=cooperative, kind=CooperativeDocument.Kind.REGISTRATION, file=pdf_upload(),
        content_type="application/pdf",
    )
    return {"cooperative": cooperative, "product": product, "image": image, "document": document}


def admin_urls(objects):
    return [
        reverse("admin:catalog_product_changelist"),
        reverse("admin:catalog_product_change", args=[objects["product"].pk]),
        reverse("admin:catalog_product_delete", args=[objects["product"].pk]),
        reverse("admin:catalog_productimage_change", args=[objects["image"].pk]),
        reverse("admin:sellers_cooperative_change", args=[objects["cooperative"].pk]),
    ]


@pytest.mark.parametrize("who", ["member_of_a", "member_of_b", "buyer", "anonymous"])
def test_only_staff_reach_a_cooperatives_objects_in_admin(client, cooperative_a_objects, who):
    if who != "anonymous":
        user = UserFactory()
        if who == "member_of_a":
            Membership.objects.create(user=user, cooperative=cooperative_a_objects["cooperative"],
                                      role=Membership.Role.OWNER)
        elif who == "member_of_b":
            Membership.objects.create(user=user, cooperative=CooperativeFactory(), role=Membership.Role.OWNER)
        client.force_login(user)

    for url in admin_urls(cooperative_a_objects):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
        assert client.post(url, {"post": "yes"}).status_code == 302, url
    cooperative_a_objects["product"].refresh_from_db()  # not deleted


def test_an_officer_reaches_them(client, cooperative_a_objects):
    login_officer(client, UserFactory(is_staff=True, is_superuser=True))
    for url in admin_urls(cooperative_a_objects):
        assert client.get(url).status_code == 200, url
