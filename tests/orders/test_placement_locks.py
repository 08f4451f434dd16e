"""Placing an order works out its totals before taking the product locks and checks again under
them, on PostgreSQL: a price changed or a product withdrawn while the buyer waited for the lock
is what the order gets, never the values read before it."""
import threading
import uuid
from decimal import Decimal

import pytest
from django.db import connection, transaction

from catalog.models import Product
from orders.models import Order
from orders.services import CheckoutError, order_place
from tests.factories import ProductFactory

from .factories import ADDRESS_VN, SellerFactory, ShippingMethodFactory, cart_with, choices_for, contact_for

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite", reason="row locks need PostgreSQL: set DATABASE_URL"),
]


def place_while_an_officer_holds_the_product(product, change: dict):
    """The officer locks ``product`` and changes it; the buyer places an order for it meanwhile (and
    has read it before the change commits); then the officer commits. Returns the buyer's result."""
    method = ShippingMethodFactory()
    cart = cart_with([(product, 2)])
    choices = choices_for(cart, method=method)
    locked, buyer_started = threading.Event(), threading.Event()

    def officer():
        try:
            with transaction.atomic():
                Product.objects.select_for_update().get(pk=product.pk)
                Product.objects.filter(pk=product.pk).update(**change)
                locked.set()
                buyer_started.wait(timeout=30)
                threading.Event().wait(1.0)  # the buyer reads the product and queues for its lock
        finally:
            connection.close()

    thread = threading.Thread(target=officer)
    thread.start()
    assert locked.wait(timeout=30)
    buyer_started.set()
    try:
        result = order_place(cart=cart, buyer=None, contact=contact_for(), address=ADDRESS_VN, choices=choices,
                             idempotency_key=uuid.uuid4().hex, language="en")
    except CheckoutError as error:
        result = error
    thread.join(timeout=60)
    assert not thread.is_alive()
    return result


def test_a_price_changed_while_the_buyer_waited_for_the_lock_is_the_price_charged():
    vase = ProductFactory(cooperative=SellerFactory(), stock=5, price=Decimal("10.00"))

    order = place_while_an_officer_holds_the_product(vase, {"price": Decimal("15.00")})

    assert isinstance(order, Order), order
    shipment = order.shipments.get()
    line = shipment.lines.get()
    assert (line.unit_price, line.line_total, shipment.subtotal, order.subtotal) == (
        Decimal("15.00"), Decimal("30.00"), Decimal("30.00"), Decimal("30.00"))
    assert shipment.payment.amount == shipment.total == Decimal("30.00") + shipment.shipping_price
    assert Product.objects.get(pk=vase.pk).stock == 3


def test_a_product_withdrawn_while_the_buyer_waited_for_the_lock_is_not_sold():
    vase = ProductFactory(cooperative=SellerFactory(), stock=5, name="Blue vase")

    error = place_while_an_officer_holds_the_product(vase, {"status": Product.Status.ARCHIVED})

    assert isinstance(error, CheckoutError) and error.code == "unavailable", error
    assert "Blue vase" in str(error.messages)
    assert not Order.objects.exists()
    assert Product.objects.get(pk=vase.pk).stock == 5
