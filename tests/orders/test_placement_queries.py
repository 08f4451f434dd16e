"""Placing an order stays cheap: a bounded number of SQL statements, and the e-mails it queues
are handed to the broker together, by one step after the commit, not one transaction each."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from orders import services
from orders.models import Cart
from ovop_market.models import OutboxMessage
from tests.workers import broker_for_this_process

from .factories import ADDRESS_VN
from .placing import CONTACT, postal_service, product_on_sale, vietnamese_cooperative

pytestmark = pytest.mark.django_db

# Two cooperatives, one product each: the cart, the locks and stock, two shipments with their
# lines, payments and history (one INSERT each for both shipments), three notifications (buyer,
# two sellers) with their outbox messages, and one short transaction publishing the three.
# (54 before the messages were published together and the rows inserted in bulk.)
PLACEMENT_QUERIES = 40


@pytest.fixture
def broker_in_memory():
    """Publish for real, to an in-memory broker nobody consumes (as a web process does)."""
    from ovop_market.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    with broker_for_this_process("memory://localhost/"):
        yield
    app.conf.task_always_eager = previous


def test_an_order_from_two_cooperatives_publishes_its_emails_with_one_hook(
    broker_in_memory, django_capture_on_commit_callbacks
):
    products = [product_on_sale(cooperative=vietnamese_cooperative()) for _ in range(2)]
    cart = Cart.objects.create()
    for product in products:
        services.cart_add(cart=cart, product=product, quantity=1)
    choices = {product.cooperative_id: {"shipping_method": postal_service().pk, "payment_method": "cod"}
               for product in products}

    with CaptureQueriesContext(connection) as queries, \
            django_capture_on_commit_callbacks(execute=True) as callbacks:
        order = services.order_place(cart=cart, buyer=None, contact=CONTACT, address=ADDRESS_VN, choices=choices,
                                     idempotency_key="one", language="en")

    assert order.shipments.count() == 2
    messages = OutboxMessage.objects.all()
    assert len(messages) == 3  # the buyer's confirmation and one for each cooperative
    assert {message.status for message in messages} == {OutboxMessage.Status.PUBLISHED}
    # One hook publishes every message (the other on-commit hook drops cached pages showing the stock).
    publishing = [callback for callback in callbacks if type(callback).__module__ == "ovop_market.outbox"]
    assert len(publishing) == 1
    assert len(queries) <= PLACEMENT_QUERIES
