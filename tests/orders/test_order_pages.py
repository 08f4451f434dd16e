"""The buyer's order pages: the confirmation with bank transfer instructions, /orders/<number>/ for
its buyer or through the signed link (a 404 for anybody else), the order history, cancelling
before shipping, and reviews after delivery shown on the product page."""
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from catalog.models import Product
from orders import services
from orders.models import Order, Review, ReviewPhoto, Shipment
from orders.selectors import order_signed_token, order_signed_url
from sellers.models import Membership
from tests.catalog.test_storefront_queries import PRODUCT_PAGE_BUDGET
from tests.conftest import second_factor_passed
from tests.factories import ProductFactory, ProductImageFactory, UserFactory

from .factories import SellerFactory, order_placed
from .html import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer():
    return UserFactory(email="lan@example.com", full_name="Tran Thi Lan")


@pytest.fixture
def officer():
    # Past the second factor, as services acting for a cooperative require of an officer.
    return second_factor_passed(UserFactory(email="officer@example.org", is_staff=True, is_superuser=True))


@pytest.fixture
def seller():
    return SellerFactory(name="Bat Trang Pottery", payout_account_number="0011 0023 4567 89")


@pytest.fixture
def member(seller):
    """A member of the pottery cooperative: the one who fulfils its parcels."""
    user = UserFactory(email="hoa@battrang.example")
    Membership.objects.create(cooperative=seller, user=user, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def vase(seller):
    return ProductFactory(cooperative=seller, name="Blue vase", price=Decimal("20.00"), stock=5)


def text_of(response) -> str:
    return " ".join(parse(response.content).get_text(" ").split())


def deliver(shipment, by):
    services.shipment_confirm(shipment=shipment, by=by)
    services.shipment_pack(shipment=shipment, by=by)
    services.shipment_mark_shipped(shipment=shipment, by=by, carrier="VNPost", tracking_number="EE123456789VN")
    services.shipment_mark_delivered(shipment=shipment, by=by)


# --- who sees an order --------------------------------------------------------------------------

def test_the_buyer_sees_their_order_with_bank_transfer_instructions_and_the_full_account(client, buyer, vase):
    order = order_placed(products=[vase], buyer=buyer, payment="bank_transfer")
    client.force_login(buyer)
    response = client.get(f"/orders/{order.number}/")

    text = text_of(response)
    payment = order.shipments.get().payment
    assert response.status_code == 200
    assert f"Order {order.number}" in text and "How to pay by bank transfer" in text
    assert payment.reference in text and "0011 0023 4567 89" in text and "Vietcombank" in text
    assert "US$23.00" in text  # the vase and domestic shipping


def test_an_officer_sees_the_order_with_the_account_number_masked(client, buyer, officer, vase):
    order = order_placed(products=[vase], buyer=buyer, payment="bank_transfer")
    client.force_login(officer)
    text = text_of(client.get(f"/orders/{order.number}/"))
    assert "•••• 6789" in text and "0011 0023 4567 89" not in text
    assert "12 Hang Bac" not in text  # the buyer's address stays on the buyer's page


def test_a_guest_opens_their_order_with_the_signed_link_only(client, vase):
    order = order_placed(products=[vase], payment="bank_transfer")
    response = client.get(order_signed_url(order=order))
    assert response.status_code == 200 and "0011 0023 4567 89" in text_of(response)
    assert client.get(f"/orders/{order.number}/").status_code == 404


@pytest.mark.parametrize("mangle", [
    lambda order, token: f"/orders/{order.number}/?t={token[:-1]}x",
    lambda order, token: f"/orders/{order.number}/?t=",
    lambda order, token: f"/orders/{order.number}/?t=abc",
    lambda order, token: f"/orders/{order.number[:-1]}A/?t={token}",
    lambda order, token: f"/orders/{order.number.lower()}/?t={token}",
])
def test_a_guessed_or_altered_link_is_a_404(client, vase, mangle):
    order = order_placed(products=[vase])
    assert client.get(mangle(order, order_signed_token(order=order))).status_code == 404


def test_another_orders_link_does_not_open_this_one(client, vase):
    mine, theirs = order_placed(products=[vase]), order_placed(products=[vase])
    url = f"/orders/{theirs.number}/?t={order_signed_token(order=mine)}"
    assert client.get(url).status_code == 404


def test_another_buyers_order_is_a_404_like_a_number_that_does_not_exist(client, buyer, vase):
    theirs = order_placed(products=[vase], buyer=UserFactory())
    client.force_login(buyer)
    assert client.get(f"/orders/{theirs.number}/").status_code == 404
    assert client.get("/orders/ZZZZZZZZZZ/").status_code == 404
    assert client.get(f"/orders/{theirs.number}/cancel/").status_code == 404
    assert client.post(f"/orders/{theirs.number}/cancel/").status_code == 404
    line = theirs.shipments.get().lines.get()
    assert client.get(f"/orders/{theirs.number}/lines/{line.pk}/review/").status_code == 404


def test_the_order_page_costs_the_same_queries_for_1_or_10_lines(client, buyer):
    seller = SellerFactory()

    def queries(products):
        order = order_placed(products=products, buyer=buyer)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/orders/{order.number}/").status_code == 200
        return len(captured)

    client.force_login(buyer)
    one = queries([ProductFactory(cooperative=seller)])
    ten = queries([ProductFactory(cooperative=SellerFactory() if n % 2 else seller) for n in range(10)])
    assert one == ten


# --- history ------------------------------------------------------------------------------------

def test_the_history_lists_the_buyers_own_orders_newest_first(client, buyer, vase):
    first = order_placed(products=[vase], buyer=buyer)
    second = order_placed(products=[vase], buyer=buyer)
    someone_elses = order_placed(products=[vase], buyer=UserFactory())
    client.force_login(buyer)
    page = parse(client.get("/accounts/orders/").content)

    titles = [a.get_text(strip=True) for a in page.find_all("p", {"class": "order-card__title"})]
    assert titles == [f"Order {second.number}", f"Order {first.number}"]
    assert someone_elses.number not in page.get_text()


def test_the_history_costs_the_same_queries_for_2_or_12_orders(client, buyer):
    seller = SellerFactory()

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/accounts/orders/").status_code == 200
        return len(captured)

    client.force_login(buyer)
    for _n in range(2):
        order_placed(products=[ProductFactory(cooperative=seller)], buyer=buyer)
    few = queries()
    for _n in range(10):
        products = [ProductFactory(cooperative=seller), ProductFactory(cooperative=SellerFactory())]
        order_placed(products=products, buyer=buyer)
    assert queries() == few


def test_the_history_needs_an_account_and_the_account_page_links_to_it(client, buyer):
    assert client.get("/accounts/orders/")["Location"].startswith("/accounts/login/")
    client.force_login(buyer)
    page = parse(client.get("/accounts/").content)
    assert page.find("a", {"href": "/accounts/orders/"}) is not None


# --- cancelling ---------------------------------------------------------------------------------

def test_the_buyer_cancels_before_shipping_after_a_confirmation_page(client, buyer, vase):
    order = order_placed(products=[vase], buyer=buyer)
    client.force_login(buyer)
    confirm = client.get(f"/orders/{order.number}/cancel/")
    assert confirm.status_code == 200 and f"Cancel order {order.number}?" in text_of(confirm)
    assert Shipment.objects.get().status == "placed"

    response = client.post(f"/orders/{order.number}/cancel/", {"reason": "Ordered twice"}, follow=True)

    assert Shipment.objects.get().status == "cancelled"
    assert Product.objects.get(pk=vase.pk).stock == 5
    assert "Your order is cancelled" in text_of(response)


def test_a_guest_cancels_through_the_signed_link(client, vase):
    order = order_placed(products=[vase])
    token = order_signed_token(order=order)
    page = parse(client.get(f"/orders/{order.number}/cancel/?t={token}").content)
    assert page.find("input", {"name": "t"})["value"] == token

    response = client.post(f"/orders/{order.number}/cancel/", {"t": token})

    assert response.status_code == 302 and response["Location"] == f"/orders/{order.number}/?t={token}"
    assert Shipment.objects.get().status == "cancelled"
    assert client.post(f"/orders/{order.number}/cancel/", {"t": token + "x"}).status_code == 404


def test_a_shipped_order_cannot_be_cancelled_and_the_page_says_so(client, buyer, member, vase):
    order = order_placed(products=[vase], buyer=buyer)
    shipment = order.shipments.get()
    services.shipment_confirm(shipment=shipment, by=member)
    services.shipment_pack(shipment=shipment, by=member)
    services.shipment_mark_shipped(shipment=shipment, by=member, carrier="VNPost", tracking_number="EE1VN")
    client.force_login(buyer)

    page = client.get(f"/orders/{order.number}/")
    assert "Cancel this order" not in text_of(page)
    assert "VNPost, tracking number EE1VN" in text_of(page)
    response = client.post(f"/orders/{order.number}/cancel/", follow=True)
    assert "can no longer be cancelled" in text_of(response)
    assert Shipment.objects.get().status == "shipped"


def test_cancelling_takes_get_and_post_only(client, buyer, vase):
    order = order_placed(products=[vase], buyer=buyer)
    client.force_login(buyer)
    assert client.put(f"/orders/{order.number}/cancel/").status_code == 405


# --- reviews ------------------------------------------------------------------------------------

def jpeg_upload(name="review.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (120, 80, 40)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def delivered(buyer, member, vase):
    order = order_placed(products=[vase], buyer=buyer)
    shipment = order.shipments.get()
    deliver(shipment, member)
    return order, shipment.lines.get()


def test_after_delivery_the_buyer_reviews_a_line_and_the_product_page_shows_it(client, buyer, member, delivered,
                                                                                vase):
    order, line = delivered
    client.force_login(buyer)
    order_page = parse(client.get(f"/orders/{order.number}/").content)
    review_url = f"/orders/{order.number}/lines/{line.pk}/review/"
    assert order_page.find("a", {"href": review_url}) is not None

    response = client.post(review_url, {"rating": "5", "text": "The glaze is even bluer than in the photos.",
                                        "photo": jpeg_upload()})

    assert response.status_code == 302 and response["Location"] == f"/orders/{order.number}/"
    review = Review.objects.get()
    assert (review.rating, review.author, review.author_name) == (5, buyer, "Tran L.")
    assert ReviewPhoto.objects.filter(review=review).count() == 1
    assert "You rated it 5 of 5" in text_of(client.get(f"/orders/{order.number}/"))
    services.review_reply(review=review, by=member, text="Thank you, come to the village!")

    client.logout()
    product_page = client.get(vase.get_absolute_url())
    text = text_of(product_page)
    assert "5.0 of 5 from 1 review" in text
    assert "The glaze is even bluer than in the photos." in text and "Tran L." in text
    assert "Bat Trang Pottery replied: Thank you, come to the village!" in text


@pytest.mark.parametrize("data, message", [
    ({"rating": "", "text": "Nice"}, "Please choose from 1 to 5 stars."),
    ({"rating": "0"}, "Select a valid choice."),
    ({"rating": "6"}, "Select a valid choice."),
    ({"rating": "five"}, "Select a valid choice."),
    ({"rating": "4", "text": "x" * 4001}, "at most 4000 characters"),
])
def test_a_bad_review_is_shown_again_with_a_message(client, buyer, delivered, data, message):
    order, line = delivered
    client.force_login(buyer)
    response = client.post(f"/orders/{order.number}/lines/{line.pk}/review/", data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Review.objects.exists()


def test_a_photo_that_is_not_an_image_is_refused_with_the_text_kept(client, buyer, delivered):
    order, line = delivered
    client.force_login(buyer)
    fake = SimpleUploadedFile("photo.jpg", b"this is not a photo at all", content_type="image/jpeg")
    response = client.post(f"/orders/{order.number}/lines/{line.pk}/review/",
                           {"rating": "4", "text": "Lovely", "photo": fake})
    page = parse(response.content)
    assert response.status_code == 200 and page.find("div", {"class": "form-errors"}) is not None
    assert page.find("textarea", {"name": "text"}).get_text().strip() == "Lovely"
    assert not Review.objects.exists()


def test_no_review_before_delivery_and_only_one_per_line(client, buyer, member, vase):
    order = order_placed(products=[vase], buyer=buyer)
    shipment = order.shipments.get()
    line = shipment.lines.get()
    url = f"/orders/{order.number}/lines/{line.pk}/review/"
    client.force_login(buyer)
    response = client.post(url, {"rating": "5"})
    assert response.status_code == 200 and "once it has been delivered" in text_of(response)
    assert not Review.objects.exists()

    deliver(shipment, member)
    client.post(url, {"rating": "5"})
    again = client.post(url, {"rating": "1"}, follow=True)
    assert Review.objects.get().rating == 5
    assert "already reviewed" in text_of(again)


def test_guests_and_officers_do_not_review(client, officer, vase):
    order = order_placed(products=[vase])
    line = order.shipments.get().lines.get()
    url = f"/orders/{order.number}/lines/{line.pk}/review/?t={order_signed_token(order=order)}"
    assert client.get(url)["Location"].startswith("/accounts/login/")
    client.force_login(officer)
    assert client.get(url).status_code == 404


def test_the_product_page_with_reviews_stays_within_its_query_budget(client, buyer, member, seller):
    vase = ProductFactory(cooperative=seller)
    for _n in range(4):
        ProductImageFactory(product=vase)
    for _n in range(3):
        order = order_placed(products=[vase], buyer=buyer)
        shipment = order.shipments.get()
        deliver(shipment, member)
        services.review_create(line=shipment.lines.get(), by=buyer, rating=4, text="Good", photo=jpeg_upload())
    for _n in range(4):
        ProductFactory(cooperative=seller)

    with CaptureQueriesContext(connection) as captured:
        response = client.get(vase.get_absolute_url())
    assert response.status_code == 200 and "4.0 of 5 from 3 reviews" in text_of(response)
    assert len(captured) <= PRODUCT_PAGE_BUDGET
    assert not response.cookies


def test_unpublished_reviews_are_not_shown(client, buyer, delivered, vase):
    _order, line = delivered
    review = services.review_create(line=line, by=buyer, rating=1, text="Spam spam")
    Review.objects.filter(pk=review.pk).update(published=False)
    text = text_of(client.get(vase.get_absolute_url()))
    assert "Spam spam" not in text and "of 5 from" not in text


def test_an_order_placed_in_vietnamese_links_in_vietnamese(vase):
    order = order_placed(products=[vase])
    Order.objects.filter(pk=order.pk).update(language="vi")
    order.refresh_from_db()
    assert order_signed_url(order=order).startswith(f"/vi/orders/{order.number}/?t=")
