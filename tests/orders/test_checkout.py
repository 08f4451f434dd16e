"""Placing an order: split per cooperative, priced from the database only, stock taken all or
nothing, idempotent per key, viewable only by its buyer, an officer or its signed link."""
import re
import uuid
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404

from catalog.models import Product
from orders.models import Order, OrderLine, Payment, Shipment, ShippingRate
from orders.selectors import order_for_viewer, order_signed_token, order_signed_url
from orders.services import (
    CheckoutError,
    IdempotencyConflict,
    SoldOut,
    order_cancel,
    order_place,
)
from orders.services.checkout import ORDER_NUMBER_ALPHABET
from ovop_market.models import Notification, User
from tests.factories import ProductFactory, UserFactory

from .factories import (
    ADDRESS_JP,
    ADDRESS_VN,
    SellerFactory,
    ShippingMethodFactory,
    cart_with,
    choices_for,
    contact_for,
    order_placed,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def method():
    return ShippingMethodFactory(name="Vietnam Post", carrier="VNPost")


@pytest.fixture
def buyer():
    return UserFactory(email="buyer@example.com")


def place(cart, *, buyer=None, method, payment="cod", address=ADDRESS_VN, key=None, **overrides):
    arguments = dict(cart=cart, buyer=buyer, contact=contact_for(buyer), address=address,
                     choices=choices_for(cart, method=method, payment=payment),
                     idempotency_key=key or uuid.uuid4().hex, language="en")
    arguments.update(overrides)
    return order_place(**arguments)


def test_an_order_is_split_into_one_shipment_per_cooperative_priced_from_the_database(method, buyer):
    bat_trang, phu_lang = SellerFactory(name="Bat Trang"), SellerFactory(name="Phu Lang")
    vase = ProductFactory(cooperative=bat_trang, name="Blue vase", price=Decimal("20.00"), stock=5, weight_grams=700,
                          fragile=True)
    jar = ProductFactory(cooperative=phu_lang, name="Brown jar", price=Decimal("15.00"), stock=3, weight_grams=400)
    cart = cart_with([(vase, 2), jar], user=buyer)
    order = place(cart, buyer=buyer, method=method)

    assert re.fullmatch(f"[{ORDER_NUMBER_ALPHABET}]{{10}}", order.number)
    assert order.user == buyer and order.email == "buyer@example.com" and order.currency == "USD"
    shipments = {s.cooperative: s for s in order.shipments.all()}
    first, second = shipments[bat_trang], shipments[phu_lang]
    assert first.subtotal == Decimal("40.00")
    assert first.shipping_price == Decimal("8.00")  # 1.4 kg: the 5 kg band (6.00) + fragile (2.00)
    assert second.shipping_price == Decimal("3.00")
    assert first.total == first.subtotal + first.shipping_price
    assert order.subtotal == Decimal("55.00")
    assert order.shipping_total == Decimal("11.00")
    assert order.total == Decimal("66.00")
    assert first.shipping_method_name == "Vietnam Post" and first.carrier == "VNPost"
    line = OrderLine.objects.get(shipment=first)
    assert (line.product_name, line.unit_price, line.quantity, line.line_total) == (
        "Blue vase", Decimal("20.00"), 2, Decimal("40.00"))
    assert Product.objects.get(pk=vase.pk).stock == 3
    assert Product.objects.get(pk=jar.pk).stock == 2
    assert not cart.lines.exists()
    assert {p.method for p in Payment.objects.filter(shipment__order=order)} == {"cod"}
    assert sorted(Payment.objects.filter(shipment__order=order).values_list("reference", flat=True)) == [
        f"{order.number}-1", f"{order.number}-2"]
    assert all(s.status == Shipment.Status.PLACED and s.status_changes.count() == 1 for s in order.shipments.all())


def test_the_fragile_surcharge_is_added_to_that_cooperatives_shipping(buyer):
    method = ShippingMethodFactory(fragile_surcharge=Decimal("2.50"))
    order = order_placed(products=[ProductFactory(cooperative=SellerFactory(), fragile=True, weight_grams=100)],
                         buyer=buyer, method=method)
    assert order.shipments.get().shipping_price == Decimal("5.50")


def test_the_buyer_and_each_cooperative_are_told(method, buyer):
    one, two = SellerFactory(), SellerFactory()
    order = order_placed(products=[ProductFactory(cooperative=one), ProductFactory(cooperative=two)], buyer=buyer,
                         method=method)
    confirmation = Notification.objects.get(kind=Notification.Kind.ORDER_CONFIRMATION)
    assert confirmation.user == buyer and confirmation.context["order_number"] == order.number
    sellers = Notification.objects.filter(kind=Notification.Kind.ORDER_NEW_FOR_SELLER)
    assert sorted(n.email for n in sellers) == sorted([one.contact_email, two.contact_email])


def test_made_to_order_takes_no_stock_and_adds_its_lead_time(method, buyer):
    seller = SellerFactory()
    bowl = ProductFactory(cooperative=seller, stock=0, made_to_order=True, lead_time_days=21)
    plate = ProductFactory(cooperative=seller, stock=2)
    order = order_placed(products=[(bowl, 4), plate], buyer=buyer, method=method)
    shipment = order.shipments.get()
    assert (shipment.delivery_min_days, shipment.delivery_max_days) == (2 + 21, 4 + 21)
    assert Product.objects.get(pk=bowl.pk).stock == 0
    made = shipment.lines.get(product=bowl)
    assert made.made_to_order and made.lead_time_days == 21


def test_client_sent_prices_totals_sellers_and_status_are_ignored(method, buyer):
    product = ProductFactory(cooperative=SellerFactory(), price=Decimal("10.00"))
    cart = cart_with([product], user=buyer)
    other_seller = SellerFactory()
    choices = choices_for(cart, method=method)
    choices[other_seller.pk] = {"shipping_method": method.pk, "payment_method": "cod"}
    contact = {**contact_for(buyer), "total": "0.01", "status": "delivered"}
    address = {**ADDRESS_VN, "price": "0", "cooperative": other_seller.pk}
    order = order_place(cart=cart, buyer=buyer, contact=contact, address=address, choices=choices,
                        idempotency_key="k1", language="en")
    assert order.subtotal == Decimal("10.00")
    assert [s.cooperative_id for s in order.shipments.all()] == [product.cooperative_id]
    assert order.shipments.get().status == Shipment.Status.PLACED
    assert Payment.objects.get(shipment__order=order).status == Payment.Status.PENDING


def test_a_shipping_method_the_cooperative_does_not_offer_is_refused(buyer):
    seller = SellerFactory()
    thai_only = ShippingMethodFactory(origin_countries="TH")
    cart = cart_with([ProductFactory(cooperative=seller)], user=buyer)
    with pytest.raises(CheckoutError):
        place(cart, buyer=buyer, method=thai_only)
    assert not Order.objects.exists() and cart.lines.exists()


def test_cash_on_delivery_abroad_and_a_missing_choice_are_refused(method, buyer):
    cart = cart_with([ProductFactory(cooperative=SellerFactory())], user=buyer)
    with pytest.raises(CheckoutError):
        place(cart, buyer=buyer, method=method, address=ADDRESS_JP, payment="cod")
    with pytest.raises(CheckoutError):
        place(cart, buyer=buyer, method=method, choices={})
    with pytest.raises(CheckoutError):
        place(cart, buyer=buyer, method=method, choices={"x": {"shipping_method": "?"}})
    assert not Order.objects.exists()
    order = place(cart, buyer=buyer, method=method, address=ADDRESS_JP, payment="bank_transfer")
    assert order.shipments.get().zone == "international"


@pytest.mark.parametrize("field, value", [
    ("email", "not-an-address"), ("phone", "call me"), ("country", "XX"), ("postal_code", "ABC"),
    ("city", ""), ("address_line1", "  "), ("full_name", ""),
])
def test_a_bad_contact_or_address_is_refused_field_by_field(method, buyer, field, value):
    cart = cart_with([ProductFactory(cooperative=SellerFactory())], user=buyer)
    contact, address = contact_for(buyer), {**ADDRESS_JP}
    (contact if field in contact else address)[field] = value
    with pytest.raises(CheckoutError) as refused:
        order_place(cart=cart, buyer=buyer, contact=contact, address=address,
                    choices=choices_for(cart, method=method, payment="card"), idempotency_key="k", language="en")
    assert field in refused.value.message_dict


def test_an_empty_cart_or_a_missing_idempotency_key_is_refused(method, buyer):
    from orders.models import Cart

    with pytest.raises(CheckoutError):
        place(Cart.objects.create(user=buyer), buyer=buyer, method=method)
    Cart.objects.filter(user=buyer).delete()
    cart = cart_with([ProductFactory(cooperative=SellerFactory())], user=buyer)
    with pytest.raises(CheckoutError):
        place(cart, buyer=buyer, method=method, idempotency_key="")


def test_a_product_withdrawn_since_it_was_added_stops_the_whole_order(method, buyer):
    kept, withdrawn = ProductFactory(cooperative=SellerFactory()), ProductFactory(cooperative=SellerFactory())
    cart = cart_with([kept, withdrawn], user=buyer)
    Product.objects.filter(pk=withdrawn.pk).update(status=Product.Status.ARCHIVED)
    with pytest.raises(CheckoutError):
        place(cart, buyer=buyer, method=method)
    assert not Order.objects.exists()
    assert Product.objects.get(pk=kept.pk).stock == kept.stock


def test_sold_out_in_one_cooperative_takes_nothing_from_the_other(method, buyer):
    plenty = ProductFactory(cooperative=SellerFactory(), stock=10)
    last = ProductFactory(cooperative=SellerFactory(), stock=2)
    cart = cart_with([(plenty, 3), (last, 2)], user=buyer)
    Product.objects.filter(pk=last.pk).update(stock=1)
    with pytest.raises(SoldOut) as refused:
        place(cart, buyer=buyer, method=method)
    assert [p.pk for p in refused.value.products] == [last.pk]
    assert "sold out" in refused.value.messages[0]
    assert Product.objects.get(pk=plenty.pk).stock == 10
    assert not Order.objects.exists() and not Shipment.objects.exists()
    assert cart.lines.count() == 2


def test_the_same_key_and_request_returns_the_same_order_without_taking_stock_again(method, buyer):
    product = ProductFactory(cooperative=SellerFactory(), stock=5)
    cart = cart_with([(product, 2)], user=buyer)
    first = place(cart, buyer=buyer, method=method, key="same", choices=choices_for(cart, method=method))
    choices = {str(product.cooperative_id): {"shipping_method": str(method.pk), "payment_method": "cod"}}
    again = place(cart, buyer=buyer, method=method, key="same", choices=choices)
    assert again == first
    assert Order.objects.count() == 1
    assert Product.objects.get(pk=product.pk).stock == 3


def test_the_same_key_with_a_different_request_is_refused(method, buyer):
    product = ProductFactory(cooperative=SellerFactory())
    cart = cart_with([product], user=buyer)
    place(cart, buyer=buyer, method=method, key="same")
    cart_with([product], user=None)  # an unrelated cart
    cart.lines.create(product=product, quantity=1, price_seen=product.price)
    with pytest.raises(IdempotencyConflict):
        place(cart, buyer=buyer, method=method, key="same", address={**ADDRESS_VN, "address_line1": "1 Other St"})
    assert Order.objects.count() == 1


def test_keys_are_per_buyer(method):
    product = ProductFactory(cooperative=SellerFactory())
    one, two = UserFactory(), UserFactory()
    first = order_placed(products=[product], buyer=one, method=method, key="k")
    second = order_placed(products=[product], buyer=two, method=method, key="k")
    assert first != second


def test_the_database_keeps_one_order_per_buyer_and_key(method, buyer):
    order = order_placed(buyer=buyer, method=method, key="k")
    with pytest.raises(IntegrityError), transaction.atomic():
        Order.objects.create(number="OTHER", email="x@example.com", full_name="x", phone="1", country="VN",
                             city="x", address_line1="x", language="en", currency="USD", subtotal=0,
                             shipping_total=0, total=0, placed_by_key=order.placed_by_key, idempotency_key="k",
                             request_fingerprint="x")


def test_stock_can_never_go_negative_in_the_database():
    product = ProductFactory(stock=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Product.objects.filter(pk=product.pk).update(stock=-1)


def test_a_guest_order_is_reached_through_its_signed_link_only(method):
    order = order_placed(method=method)
    assert order.user is None and order.placed_by_key.startswith("cart:")
    token = order_signed_token(order=order)
    assert order_signed_url(order=order) == f"/orders/{order.number}/?t={token}"
    assert order_for_viewer(number=order.number, user=AnonymousUser(), token=token) == order
    for bad in (None, "", "x" * len(token), token[:-1] + ("A" if token[-1] != "A" else "B")):
        with pytest.raises(Http404):
            order_for_viewer(number=order.number, user=AnonymousUser(), token=bad)
    confirmation = Notification.objects.get(kind=Notification.Kind.ORDER_CONFIRMATION)
    assert confirmation.user is None and token in confirmation.context["action_url"]


def test_another_buyers_order_is_a_404_but_an_officer_may_look(method, buyer):
    order = order_placed(buyer=buyer, method=method)
    assert order_for_viewer(number=order.number, user=buyer, token=None) == order
    with pytest.raises(Http404):
        order_for_viewer(number=order.number, user=UserFactory(), token=None)
    with pytest.raises(Http404):
        order_for_viewer(number="NOSUCHORDR", user=buyer, token=None)
    with pytest.raises(Http404):  # another order's link does not open this one
        other = order_placed(method=method)
        order_for_viewer(number=order.number, user=AnonymousUser(), token=order_signed_token(order=other))
    officer = User.objects.create_user("officer@example.com", "pw", is_staff=True)
    assert order_for_viewer(number=order.number, user=officer, token=None) == order


def test_the_buyer_cancels_before_shipping_and_gets_the_stock_back_once(method, buyer):
    product = ProductFactory(cooperative=SellerFactory(), stock=4)
    order = order_placed(products=[(product, 3)], buyer=buyer, method=method)
    with pytest.raises(PermissionDenied):
        order_cancel(order=order, by=UserFactory())
    order_cancel(order=order, by=buyer, reason="Ordered twice")
    assert Product.objects.get(pk=product.pk).stock == 4
    shipment = order.shipments.get()
    assert shipment.status == Shipment.Status.CANCELLED and shipment.stock_returned
    assert shipment.payment.status == Payment.Status.CANCELLED
    with pytest.raises(CheckoutError):
        order_cancel(order=order, by=buyer)
    assert Product.objects.get(pk=product.pk).stock == 4


def test_a_guest_cancels_with_the_signed_link(method):
    order = order_placed(method=method)
    with pytest.raises(PermissionDenied):
        order_cancel(order=order, by=AnonymousUser(), token="nope")
    order_cancel(order=order, by=AnonymousUser(), token=order_signed_token(order=order))
    assert order.shipments.get().status == Shipment.Status.CANCELLED
    assert Notification.objects.filter(kind=Notification.Kind.SHIPMENT_CANCELLED_FOR_SELLER).count() == 1


def test_a_buyer_cannot_place_an_order_from_someone_elses_cart(method, buyer):
    cart = cart_with([ProductFactory(cooperative=SellerFactory())], user=UserFactory())
    with pytest.raises(PermissionDenied):
        place(cart, buyer=buyer, method=method)


def test_rates_changed_after_the_quote_are_charged_as_they_are_now(method, buyer):
    cart = cart_with([ProductFactory(cooperative=SellerFactory(), weight_grams=100)], user=buyer)
    ShippingRate.objects.filter(method=method).update(price=Decimal("4.00"))
    order = place(cart, buyer=buyer, method=method)
    assert order.shipping_total == Decimal("4.00")
