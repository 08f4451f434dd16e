"""A shipment's life: every transition the table allows works and records who made it; every
other one is refused; only the cooperative's members and officers move it along; the buyer may
only cancel before shipping; a cancelled shipment returns its stock once."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from catalog.models import Product
from orders.models import Shipment
from orders.services import (
    SHIPMENT_TRANSITIONS,
    shipment_cancel,
    shipment_confirm,
    shipment_mark_delivered,
    shipment_mark_shipped,
    shipment_pack,
    shipment_return,
    shipment_set_status,
)
from ovop_market.models import Notification, User
from sellers.models import Membership
from tests.conftest import second_factor_passed
from tests.factories import ProductFactory, UserFactory

from .factories import SellerFactory, ShippingMethodFactory, order_placed

pytestmark = pytest.mark.django_db
Status = Shipment.Status
# How to reach each status from placed, through the table.
PATH = {
    Status.PLACED: [],
    Status.CONFIRMED: [Status.CONFIRMED],
    Status.PACKED: [Status.CONFIRMED, Status.PACKED],
    Status.SHIPPED: [Status.CONFIRMED, Status.PACKED, Status.SHIPPED],
    Status.DELIVERED: [Status.CONFIRMED, Status.PACKED, Status.SHIPPED, Status.DELIVERED],
    Status.CANCELLED: [Status.CANCELLED],
    Status.RETURNED: [Status.CONFIRMED, Status.PACKED, Status.SHIPPED, Status.RETURNED],
}


@pytest.fixture
def setup():
    seller = SellerFactory()
    member = UserFactory()
    Membership.objects.create(cooperative=seller, user=member, role=Membership.Role.MEMBER)
    buyer = UserFactory()
    product = ProductFactory(cooperative=seller, stock=5)
    order = order_placed(products=[(product, 2)], buyer=buyer, method=ShippingMethodFactory())
    return {"shipment": order.shipments.get(), "member": member, "buyer": buyer, "product": product}


def walk(shipment, to, by):
    for status in PATH[to]:
        fields = {"carrier": "EMS", "tracking_number": "EE123"} if status == Status.SHIPPED else {}
        shipment_set_status(shipment=shipment, to=status, by=by, **fields)
    return shipment


ALLOWED = [(a, b) for a, targets in SHIPMENT_TRANSITIONS.items() for b in targets]
REFUSED = [(a, b) for a in Status.values for b in Status.values if b not in SHIPMENT_TRANSITIONS[a]]


@pytest.mark.parametrize("start, to", ALLOWED)
def test_every_allowed_transition_is_made_and_recorded(setup, start, to):
    shipment, member = setup["shipment"], setup["member"]
    walk(shipment, start, member)
    shipment_set_status(shipment=shipment, to=to, by=member, reason="ok")
    shipment.refresh_from_db()
    assert shipment.status == to
    change = shipment.status_changes.order_by("-pk").first()
    assert (change.from_status, change.to_status, change.by) == (start, to, member)


@pytest.mark.parametrize("start, to", REFUSED)
def test_every_other_transition_is_refused(setup, start, to):
    shipment, member = setup["shipment"], setup["member"]
    walk(shipment, start, member)
    with pytest.raises(ValidationError):
        shipment_set_status(shipment=shipment, to=to, by=member)
    shipment.refresh_from_db()
    assert shipment.status == start


def test_the_seller_walks_it_to_delivered_and_the_buyer_hears_each_step(setup):
    shipment, member = setup["shipment"], setup["member"]
    shipment_confirm(shipment=shipment, by=member)
    shipment_pack(shipment=shipment, by=member)
    shipment_mark_shipped(shipment=shipment, by=member, carrier=" Vietnam  Post ", tracking_number="RR 123 VN")
    shipment.refresh_from_db()
    assert (shipment.carrier, shipment.tracking_number) == ("Vietnam Post", "RR123VN")
    shipment_mark_delivered(shipment=shipment, by=member)
    assert shipment.status == Status.DELIVERED
    told = Notification.objects.filter(kind=Notification.Kind.ORDER_STATUS_CHANGED, user=setup["buyer"])
    assert sorted(n.context["status"] for n in told) == ["delivered", "packed", "shipped"]
    shipped = told.get(context__status="shipped")
    assert shipped.context["tracking"] == "RR123VN"


def test_shipping_needs_a_carrier_and_a_tracking_number(setup):
    shipment, member = setup["shipment"], setup["member"]
    walk(shipment, Status.PACKED, member)
    with pytest.raises(ValidationError) as refused:
        shipment_mark_shipped(shipment=shipment, by=member, carrier="", tracking_number=" ")
    assert set(refused.value.message_dict) == {"carrier", "tracking_number"}


def test_outsiders_and_the_buyer_cannot_move_it_along(setup):
    shipment = setup["shipment"]
    other_seller = UserFactory()
    Membership.objects.create(cooperative=SellerFactory(), user=other_seller)
    for user in (other_seller, setup["buyer"], None):
        with pytest.raises(PermissionDenied):
            shipment_confirm(shipment=shipment, by=user)
        with pytest.raises(PermissionDenied):
            shipment_set_status(shipment=shipment, to=Status.CONFIRMED, by=user)
    assert Shipment.objects.get(pk=shipment.pk).status == Status.PLACED


def test_an_officer_may_act_for_the_cooperative_which_is_told_of_a_cancellation(setup):
    officer = User.objects.create_user("officer@example.com", "pw", is_staff=True, is_superuser=True)
    second_factor_passed(officer)
    shipment_cancel(shipment=setup["shipment"], by=officer, reason="Fraud check failed")
    assert Notification.objects.filter(kind=Notification.Kind.SHIPMENT_CANCELLED_FOR_SELLER).count() == 1


def test_the_buyer_may_cancel_only_before_shipping(setup):
    shipment, member, buyer = setup["shipment"], setup["member"], setup["buyer"]
    walk(shipment, Status.SHIPPED, member)
    with pytest.raises(ValidationError):
        shipment_cancel(shipment=shipment, by=buyer)
    with pytest.raises(PermissionDenied):
        shipment_return(shipment=shipment, by=buyer, reason="")


def test_a_cancelled_shipment_returns_its_stock_once(setup):
    shipment, member, product = setup["shipment"], setup["member"], setup["product"]
    assert Product.objects.get(pk=product.pk).stock == 3
    shipment_cancel(shipment=shipment, by=member, reason="Broken in the kiln")
    assert Product.objects.get(pk=product.pk).stock == 5
    with pytest.raises(ValidationError):
        shipment_cancel(shipment=shipment, by=member)
    assert Product.objects.get(pk=product.pk).stock == 5
    assert Shipment.objects.get(pk=shipment.pk).stock_returned
    # The seller cancelled it themselves: no "cancelled" e-mail to the seller.
    assert not Notification.objects.filter(kind=Notification.Kind.SHIPMENT_CANCELLED_FOR_SELLER).exists()


def test_a_returned_parcel_moves_no_stock(setup):
    shipment, member, product = setup["shipment"], setup["member"], setup["product"]
    walk(shipment, Status.DELIVERED, member)
    shipment_return(shipment=shipment, by=member, reason="Refused at the door")
    assert Product.objects.get(pk=product.pk).stock == 3
    assert Shipment.objects.get(pk=shipment.pk).status == Status.RETURNED
