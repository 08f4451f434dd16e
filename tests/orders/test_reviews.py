"""Reviews: one per delivered line by its buyer, with an optional photo; the cooperative replies
once; officers hide or show; the product shows the average of what is published."""
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from orders.models import Review, ReviewPhoto, Shipment
from orders.selectors import product_rating, reviews_of_product
from orders.services import (
    review_create,
    review_may_write,
    review_reply,
    review_set_published,
    shipment_set_status,
)
from ovop_market.models import Notification, User
from sellers.models import Membership
from tests.factories import ProductFactory, UserFactory, jpeg_file

from .factories import SellerFactory, ShippingMethodFactory, order_placed

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    seller = SellerFactory()
    member = UserFactory()
    Membership.objects.create(cooperative=seller, user=member)
    buyer = UserFactory(full_name="Mai Nguyen Thi")
    product = ProductFactory(cooperative=seller)
    order = order_placed(products=[product], buyer=buyer, method=ShippingMethodFactory())
    shipment = order.shipments.get()
    return {"seller": seller, "member": member, "buyer": buyer, "product": product, "shipment": shipment,
            "line": shipment.lines.get()}


def deliver(shipment, by):
    for status in ("confirmed", "packed"):
        shipment_set_status(shipment=shipment, to=status, by=by)
    shipment_set_status(shipment=shipment, to="shipped", by=by, carrier="EMS", tracking_number="E1")
    shipment_set_status(shipment=shipment, to="delivered", by=by)


def test_only_a_delivered_line_can_be_reviewed_by_its_buyer(world):
    line, buyer = world["line"], world["buyer"]
    assert not review_may_write(line=line, user=buyer)
    with pytest.raises(ValidationError):
        review_create(line=line, by=buyer, rating=5)
    deliver(world["shipment"], world["member"])
    for someone in (UserFactory(), world["member"], None):
        with pytest.raises(PermissionDenied):
            review_create(line=line, by=someone, rating=1)
    assert review_may_write(line=line, user=buyer)
    review = review_create(line=line, by=buyer, rating="4", text="  Beautiful glaze. ")
    assert (review.rating, review.text, review.author_name, review.product) == (
        4, "Beautiful glaze.", "Mai T.", world["product"])
    told = Notification.objects.get(kind=Notification.Kind.REVIEW_NEW_FOR_SELLER)
    assert told.email == world["seller"].contact_email


def test_one_review_per_line(world):
    deliver(world["shipment"], world["member"])
    review_create(line=world["line"], by=world["buyer"], rating=5)
    assert not review_may_write(line=world["line"], user=world["buyer"])
    with pytest.raises(ValidationError):
        review_create(line=world["line"], by=world["buyer"], rating=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(line=world["line"], product=world["product"], author_name="x", rating=3)


@pytest.mark.parametrize("rating", [0, 6, "x", None, -1])
def test_a_rating_outside_one_to_five_is_refused(world, rating):
    deliver(world["shipment"], world["member"])
    with pytest.raises(ValidationError):
        review_create(line=world["line"], by=world["buyer"], rating=rating)
    assert not Review.objects.exists()


def test_the_database_refuses_a_rating_outside_one_to_five(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(line=world["line"], product=world["product"], author_name="x", rating=9)


def test_a_review_photo_goes_through_the_image_pipeline(world):
    deliver(world["shipment"], world["member"])
    review = review_create(line=world["line"], by=world["buyer"], rating=5, photo=jpeg_file())
    photo = ReviewPhoto.objects.get(review=review)
    assert photo.width == 64 and photo.rendition_status in ("pending", "ready")


def test_a_file_that_is_not_an_image_is_refused_and_no_review_is_kept(world):
    from django.core.files.base import ContentFile

    deliver(world["shipment"], world["member"])
    with pytest.raises(ValidationError):
        review_create(line=world["line"], by=world["buyer"], rating=5, photo=ContentFile(b"%PDF-1.4", name="x.jpg"))
    assert not Review.objects.exists()


def test_the_cooperative_replies_once_and_the_reviewer_is_told(world):
    deliver(world["shipment"], world["member"])
    review = review_create(line=world["line"], by=world["buyer"], rating=5)
    with pytest.raises(PermissionDenied):
        review_reply(review=review, by=world["buyer"], text="Thanks to me")
    with pytest.raises(ValidationError):
        review_reply(review=review, by=world["member"], text="   ")
    review_reply(review=review, by=world["member"], text="Thank you, Mai!")
    review.refresh_from_db()
    assert review.reply == "Thank you, Mai!" and review.replied_by == world["member"] and review.replied_at
    assert Notification.objects.get(kind=Notification.Kind.REVIEW_REPLIED).user == world["buyer"]
    with pytest.raises(ValidationError):
        review_reply(review=review, by=world["member"], text="Again")


def test_officers_hide_a_review_and_the_average_counts_only_published_ones(world):
    product, member = world["product"], world["member"]
    deliver(world["shipment"], member)
    hidden = review_create(line=world["line"], by=world["buyer"], rating=1)
    other_buyer = UserFactory()
    order = order_placed(products=[product], buyer=other_buyer, method=ShippingMethodFactory())
    shipment = order.shipments.get()
    deliver(shipment, member)
    review_create(line=shipment.lines.get(), by=other_buyer, rating=4)
    assert product_rating(product=product) == (Decimal("2.5"), 2)
    with pytest.raises(PermissionDenied):
        review_set_published(review=hidden, by=member, published=False)
    officer = User.objects.create_user("officer@example.com", "pw", is_staff=True)
    review_set_published(review=hidden, by=officer, published=False)
    assert product_rating(product=product) == (Decimal("4.0"), 1)
    assert list(reviews_of_product(product=product).values_list("rating", flat=True)) == [4]
    assert product_rating(product=ProductFactory()) == (None, 0)
    assert Shipment.objects.filter(status="delivered").count() == 2
