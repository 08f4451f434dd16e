"""The cart: adding, changing and removing lines with validated quantities, grouping by
cooperative, showing what changed since, and following the buyer from anonymous to signed in."""
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.db import IntegrityError, connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from catalog.models import Product
from orders.models import MAX_LINE_QUANTITY, Cart, CartLine
from orders.selectors import CART_SESSION_KEY, cart_of, cart_summary
from orders.services import (
    CartError,
    cart_acknowledge_changes,
    cart_add,
    cart_attach_on_login,
    cart_merge,
    cart_remove,
    cart_set_quantity,
)
from sellers.models import Cooperative
from tests.factories import ProductFactory, UserFactory

from .factories import SellerFactory

pytestmark = pytest.mark.django_db


def request_for(user=None):
    request = RequestFactory().get("/cart/")
    request.session = SessionStore()
    request.user = user or AnonymousUser()
    return request


def test_adding_a_product_twice_adds_to_its_line_at_the_current_price():
    cart = Cart.objects.create()
    product = ProductFactory(price=Decimal("12.50"), stock=5)
    cart_add(cart=cart, product=product, quantity=2)
    line = cart_add(cart=cart, product=product, quantity="1")
    assert cart.lines.count() == 1
    assert line.quantity == 3
    assert line.price_seen == Decimal("12.50")


@pytest.mark.parametrize("quantity", [0, -1, MAX_LINE_QUANTITY + 1, "abc", None, "2.5"])
def test_absurd_quantities_are_refused_with_a_message(quantity):
    cart = Cart.objects.create()
    product = ProductFactory(made_to_order=True, lead_time_days=10, stock=0)
    with pytest.raises(CartError) as refused:
        cart_add(cart=cart, product=product, quantity=quantity)
    assert refused.value.messages
    assert not cart.lines.exists()


def test_a_line_cannot_grow_past_the_maximum():
    cart = Cart.objects.create()
    product = ProductFactory(made_to_order=True, lead_time_days=10)
    cart_add(cart=cart, product=product, quantity=MAX_LINE_QUANTITY)
    with pytest.raises(CartError):
        cart_add(cart=cart, product=product, quantity=1)


def test_more_than_the_stock_is_refused_but_made_to_order_has_no_limit_but_the_maximum():
    cart = Cart.objects.create()
    stocked = ProductFactory(stock=3)
    with pytest.raises(CartError) as refused:
        cart_add(cart=cart, product=stocked, quantity=4)
    assert "Only 3" in refused.value.messages[0]
    cart_add(cart=cart, product=stocked, quantity=3)
    made = ProductFactory(stock=0, made_to_order=True, lead_time_days=14)
    assert cart_add(cart=cart, product=made, quantity=20).quantity == 20


def test_products_not_on_sale_cannot_be_added():
    cart = Cart.objects.create()
    draft = ProductFactory(status=Product.Status.DRAFT)
    suspended = ProductFactory(cooperative=SellerFactory(verification_status=Cooperative.Verification.SUSPENDED))
    sold_out = ProductFactory(stock=0)
    for product in (draft, suspended, sold_out):
        with pytest.raises(CartError):
            cart_add(cart=cart, product=product)
    assert not cart.lines.exists()


def test_setting_a_quantity_and_removing_a_line():
    cart = Cart.objects.create()
    product = ProductFactory(stock=10)
    cart_add(cart=cart, product=product)
    assert cart_set_quantity(cart=cart, product=product, quantity=7).quantity == 7
    with pytest.raises(CartError):
        cart_set_quantity(cart=cart, product=product, quantity=11)
    with pytest.raises(CartError):
        cart_set_quantity(cart=cart, product=product, quantity=0)
    cart_remove(cart=cart, product=product)
    assert not cart.lines.exists()


def test_the_database_refuses_a_zero_quantity_line():
    cart = Cart.objects.create()
    product = ProductFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CartLine.objects.create(cart=cart, product=product, quantity=0, price_seen=1)


def test_the_summary_groups_lines_by_cooperative_with_weight_fragility_and_lead_time():
    bat_trang, oita = SellerFactory(name="Bat Trang"), SellerFactory(name="Oita", country="JP")
    vase = ProductFactory(cooperative=bat_trang, price=Decimal("20.00"), weight_grams=800, fragile=True)
    bowl = ProductFactory(cooperative=bat_trang, price=Decimal("5.00"), weight_grams=300, stock=0,
                          made_to_order=True, lead_time_days=21)
    shochu = ProductFactory(cooperative=oita, price=Decimal("30.00"), weight_grams=1200)
    cart = Cart.objects.create()
    cart_add(cart=cart, product=vase, quantity=2)
    cart_add(cart=cart, product=bowl, quantity=3)
    cart_add(cart=cart, product=shochu)
    summary = cart_summary(cart=cart)
    assert [group.cooperative for group in summary.groups] == [bat_trang, oita]
    first = summary.groups[0]
    assert first.subtotal == Decimal("55.00")
    assert first.weight_grams == 2 * 800 + 3 * 300
    assert first.fragile is True
    assert first.max_lead_time_days == 21
    assert summary.groups[1].fragile is False and summary.groups[1].max_lead_time_days is None
    assert summary.subtotal == Decimal("85.00")
    assert summary.count == 6
    assert summary.can_check_out and summary.issues == []
    assert first.lines[1].available is None


def test_the_summary_points_out_what_changed_since_the_buyer_added_it():
    cart = Cart.objects.create()
    repriced, sold_out, withdrawn, short = (ProductFactory(price=Decimal("10.00"), stock=5) for _i in range(4))
    for product in (repriced, sold_out, withdrawn, short):
        cart_add(cart=cart, product=product, quantity=2)
    Product.objects.filter(pk=repriced.pk).update(price=Decimal("12.00"))
    Product.objects.filter(pk=sold_out.pk).update(stock=0)
    Product.objects.filter(pk=withdrawn.pk).update(status=Product.Status.ARCHIVED)
    Product.objects.filter(pk=short.pk).update(stock=1)
    summary = cart_summary(cart=cart)
    views = {view.product.pk: view for group in summary.groups for view in group.lines}
    assert views[repriced.pk].price_changed and views[repriced.pk].unit_price == Decimal("12.00")
    assert views[repriced.pk].line_total == Decimal("24.00")
    assert views[sold_out.pk].sold_out
    assert views[withdrawn.pk].unavailable
    assert views[short.pk].too_many and views[short.pk].available == 1
    assert len(summary.issues) == 4
    assert not summary.can_check_out


def test_a_price_change_alone_does_not_block_checkout_and_can_be_acknowledged():
    cart = Cart.objects.create()
    product = ProductFactory(price=Decimal("10.00"))
    cart_add(cart=cart, product=product)
    Product.objects.filter(pk=product.pk).update(price=Decimal("9.00"))
    summary = cart_summary(cart=cart)
    assert summary.can_check_out and len(summary.issues) == 1
    cart_acknowledge_changes(cart=cart)
    assert cart_summary(cart=cart).issues == []


def test_the_summary_takes_one_query_whatever_the_number_of_lines():
    cart = Cart.objects.create()
    for _i in range(6):
        cart_add(cart=cart, product=ProductFactory(cooperative=SellerFactory()))
    with CaptureQueriesContext(connection) as queries:
        summary = cart_summary(cart=cart)
    assert len(summary.groups) == 6
    assert len(queries) == 1


def test_an_anonymous_cart_lives_in_the_session_and_a_users_cart_is_their_own():
    request = request_for()
    assert cart_of(request) is None
    cart = cart_of(request, create=True)
    assert request.session[CART_SESSION_KEY] == cart.token
    assert cart_of(request) == cart
    user = UserFactory()
    own = cart_of(request_for(user), create=True)
    assert own.user == user and own != cart
    assert cart_of(request_for(user)) == own


def test_logging_in_merges_the_anonymous_cart_into_the_accounts_within_the_stock():
    user = UserFactory()
    shared, only_anonymous = ProductFactory(stock=4), ProductFactory(stock=5)
    own = Cart.objects.create(user=user)
    cart_add(cart=own, product=shared, quantity=3)
    request = request_for()
    anonymous = cart_of(request, create=True)
    cart_add(cart=anonymous, product=shared, quantity=2)
    cart_add(cart=anonymous, product=only_anonymous, quantity=1)
    merged = cart_attach_on_login(request=request, user=user)
    assert merged == own
    assert not Cart.objects.filter(pk=anonymous.pk).exists()
    quantities = dict(own.lines.values_list("product_id", "quantity"))
    assert quantities == {shared.pk: 4, only_anonymous.pk: 1}
    assert CART_SESSION_KEY not in request.session


def test_logging_in_without_a_cart_of_ones_own_keeps_the_anonymous_one():
    user = UserFactory()
    request = request_for()
    anonymous = cart_of(request, create=True)
    cart_add(cart=anonymous, product=ProductFactory())
    assert cart_attach_on_login(request=request, user=user) == anonymous
    assert Cart.objects.get(user=user) == anonymous


def test_merging_a_cart_into_itself_changes_nothing():
    cart = Cart.objects.create()
    cart_add(cart=cart, product=ProductFactory(), quantity=2)
    cart_merge(source=cart, into=cart)
    assert cart.lines.get().quantity == 2
