"""The seller centre's dashboard shows what needs the cooperative's attention."""
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from sellers.models import CooperativeDocument, Membership
from tests.factories import CooperativeFactory, GradeFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def owner_client(client):
    cooperative = CooperativeFactory(name="Ban Phanom Weavers")
    user = UserFactory()
    Membership.objects.create(user=user, cooperative=cooperative, role=Membership.Role.OWNER)
    client.force_login(user)
    client.cooperative = cooperative
    return client


def test_dashboard_lists_low_stock_expiring_grades_and_documents(owner_client):
    cooperative = owner_client.cooperative
    today = timezone.localdate()
    scarf = ProductFactory(cooperative=cooperative, name="Indigo scarf", stock=1)
    ProductFactory(cooperative=cooperative, name="Silk sinh", stock=40)
    GradeFactory(product=scarf, expires_on=today + timedelta(days=20))
    CooperativeDocument.objects.create(
        cooperative=cooperative, kind=CooperativeDocument.Kind.FOOD_SAFETY, number="FS-2231",
        file=SimpleUploadedFile("licence.pdf", PDF), content_type="application/pdf",
        expires_on=today + timedelta(days=30),
    )
    CooperativeDocument.objects.create(
        cooperative=cooperative, kind=CooperativeDocument.Kind.REGISTRATION, number="REG-1",
        file=SimpleUploadedFile("registration.pdf", PDF), content_type="application/pdf",
        expires_on=today + timedelta(days=400),
    )

    page = owner_client.get("/seller/").content.decode()

    def section(heading, next_heading):
        return page[page.index(f'id="{heading}"'):page.index(f'id="{next_heading}"')]

    assert "Ban Phanom Weavers" in page
    low_stock = section("stock-heading", "grades-heading")
    assert "Indigo scarf" in low_stock and "Silk sinh" not in low_stock
    assert "Indigo scarf" in section("grades-heading", "documents-heading")
    documents = section("documents-heading", "notifications-heading")
    assert "FS-2231" in documents and "REG-1" not in documents


def test_another_cooperatives_member_sees_only_their_own_dashboard(owner_client):
    other = CooperativeFactory(name="Someone Else's Cooperative")
    ProductFactory(cooperative=other, name="Not yours", stock=0)

    page = owner_client.get("/seller/").content.decode()

    assert "Not yours" not in page
