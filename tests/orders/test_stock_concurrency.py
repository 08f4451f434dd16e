"""Stock under real concurrency, on PostgreSQL: buyers racing for the last units, some with carts
spanning several cooperatives, and a checkout submitted twice at once."""
import threading
import uuid
from collections import Counter

import pytest
from django.db import connection

from catalog.models import Product
from orders.models import Order, OrderLine, Shipment
from orders.services import IdempotencyConflict, SoldOut, order_place
from tests.factories import ProductFactory

from .factories import ADDRESS_VN, SellerFactory, ShippingMethodFactory, cart_with, choices_for, contact_for

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite", reason="row locks need PostgreSQL: set DATABASE_URL"),
]

BUYERS = 50
LAST_UNITS = 10


def run_together(jobs):
    """Start every job at the same moment (a barrier) in its own thread and database connection;
    return what each returned, or the exception it raised."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait(timeout=60)
            results[index] = job()
        except Exception as error:  # collected and asserted on by the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert not any(thread.is_alive() for thread in threads), "a checkout hung (deadlock?)"
    return results


def test_fifty_buyers_racing_for_the_last_ten_units_buy_exactly_ten():
    method = ShippingMethodFactory()
    vase = ProductFactory(cooperative=SellerFactory(), stock=LAST_UNITS, name="Last blue vase")
    plenty = ProductFactory(cooperative=SellerFactory(), stock=1000, name="Everyday cup")
    carts = []
    for n in range(BUYERS):
        # One buyer in three also buys from a second cooperative, in the same order.
        carts.append(cart_with([vase, (plenty, 2)] if n % 3 == 0 else [vase]))

    def checkout(cart):
        return lambda: order_place(cart=cart, buyer=None, contact=contact_for(), address=ADDRESS_VN,
                                   choices=choices_for(cart, method=method), idempotency_key=uuid.uuid4().hex,
                                   language="en")

    results = run_together([checkout(cart) for cart in carts])

    outcomes = Counter(type(result).__name__ for result in results)
    assert outcomes == {"Order": LAST_UNITS, "SoldOut": BUYERS - LAST_UNITS}, outcomes
    assert all(result.products == [vase] for result in results if isinstance(result, SoldOut))
    assert Product.objects.get(pk=vase.pk).stock == 0
    assert sum(OrderLine.objects.filter(product=vase).values_list("quantity", flat=True)) == LAST_UNITS
    assert Order.objects.count() == LAST_UNITS
    # No partial order: every winning multi-cooperative cart got both shipments, and only they took cups.
    winners = [result for result in results if isinstance(result, Order)]
    multi = [order for order in winners if order.shipments.count() == 2]
    assert all(order.shipments.count() in (1, 2) for order in winners)
    assert Product.objects.get(pk=plenty.pk).stock == 1000 - 2 * len(multi)
    assert OrderLine.objects.filter(product=plenty).count() == len(multi)
    assert Shipment.objects.count() == LAST_UNITS + len(multi)


def test_a_checkout_submitted_twice_at_once_makes_one_order():
    method = ShippingMethodFactory()
    # Exactly the stock the order needs: the replay must find the order, not a sold-out product.
    jar = ProductFactory(cooperative=SellerFactory(), stock=2)
    cup = ProductFactory(cooperative=SellerFactory(), stock=3)
    cart = cart_with([(jar, 2), cup])
    choices = choices_for(cart, method=method)

    def submit():
        return order_place(cart=cart, buyer=None, contact=contact_for(), address=ADDRESS_VN, choices=choices,
                           idempotency_key="double-click", language="en")

    first, second = run_together([submit, submit])
    assert isinstance(first, Order) and isinstance(second, Order), (first, second)
    assert first.pk == second.pk
    assert Order.objects.count() == 1
    assert Product.objects.get(pk=jar.pk).stock == 0 and Product.objects.get(pk=cup.pk).stock == 2

    with pytest.raises(IdempotencyConflict):
        order_place(cart=cart, buyer=None, contact={**contact_for(), "full_name": "Someone Else"},
                    address=ADDRESS_VN, choices=choices, idempotency_key="double-click", language="en")
    assert Order.objects.count() == 1
