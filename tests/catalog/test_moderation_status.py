"""Product status changes go through one transition table and are recorded."""
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from catalog.models import Product, ProductStatusChange
from catalog.services import product_approve, product_create, product_set_status, product_submit
from tests.factories import CategoryFactory, CooperativeFactory, ProductFactory, UserFactory, jpeg_file

pytestmark = pytest.mark.django_db
Status = Product.Status


def test_new_product_is_a_draft_with_the_cooperatives_village_as_origin():
    cooperative = CooperativeFactory()
    product = product_create(
        cooperative=cooperative, by=None, category=CategoryFactory(), name="Lotus silk scarf",
        slug="lotus-silk-scarf", price="42.00", images=[(jpeg_file(), "A folded lotus silk scarf")],
    )
    assert product.status == Status.DRAFT
    assert product.origin == cooperative.village
    assert product.images.get().alt_text == "A folded lotus silk scarf"
    product.refresh_from_db()
    assert "lotus" in product.search_text


def test_submit_then_approve_records_who_and_when():
    officer = UserFactory(is_staff=True)
    artisan = UserFactory()
    product = ProductFactory(status=Status.DRAFT, approved_at=None)
    product_submit(product=product, by=artisan)
    product_approve(product=product, by=officer, reason="Clear photos, complete story.")
    product.refresh_from_db()
    assert product.status == Status.APPROVED
    assert product.approved_at is not None
    history = list(ProductStatusChange.objects.filter(product=product).order_by("pk"))
    assert [(h.from_status, h.to_status, h.by) for h in history] == [
        (Status.DRAFT, Status.SUBMITTED, artisan),
        (Status.SUBMITTED, Status.APPROVED, officer),
    ]
    assert history[1].reason == "Clear photos, complete story."


@pytest.mark.parametrize(
    "start, target",
    [
        (Status.DRAFT, Status.APPROVED),
        (Status.REJECTED, Status.APPROVED),
        (Status.ARCHIVED, Status.SUBMITTED),
        (Status.APPROVED, Status.DRAFT),
    ],
)
def test_transitions_outside_the_table_are_refused_and_leave_no_trace(start, target):
    product = ProductFactory(status=start)
    with pytest.raises(ValidationError):
        product_set_status(product=product, to=target, by=None)
    product.refresh_from_db()
    assert product.status == start
    assert not ProductStatusChange.objects.filter(product=product).exists()


def test_database_refuses_negative_price():
    product = ProductFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Product.objects.filter(pk=product.pk).update(price=-1)


def test_database_refuses_made_to_order_without_lead_time():
    product = ProductFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Product.objects.filter(pk=product.pk).update(made_to_order=True, lead_time_days=None)


def test_a_product_of_a_cooperative_not_yet_verified_cannot_be_published():
    from sellers.models import Cooperative

    pending = CooperativeFactory(verification_status=Cooperative.Verification.PENDING, verified_at=None)
    product = ProductFactory(cooperative=pending, status=Status.SUBMITTED, approved_at=None)
    with pytest.raises(ValidationError) as refused:
        product_approve(product=product, by=UserFactory(is_staff=True))
    assert "not verified yet" in str(refused.value)
    product.refresh_from_db()
    assert product.status == Status.SUBMITTED
