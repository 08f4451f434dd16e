"""Officers in admin: shipping methods with their rates, shipments moved only through the
services' actions, payments confirmed, reviews hidden and shown; out-of-scope orders unseen."""
import pytest
from django.urls import reverse

from orders.models import Payment, Review, Shipment, ShippingMethod
from orders.services import review_create, shipment_set_status
from tests.conftest import login_officer, second_factor_passed
from tests.factories import ProductFactory, UserFactory

from .factories import SellerFactory, ShippingMethodFactory, order_placed

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    login_officer(client, user)
    return second_factor_passed(user)  # also passed as ``by`` to services


@pytest.fixture
def order():
    return order_placed(products=[ProductFactory(cooperative=SellerFactory(), stock=3)], buyer=UserFactory(),
                        method=ShippingMethodFactory())


def action(client, model, name, pks):
    return client.post(reverse(f"admin:orders_{model}_changelist"),
                       {"action": name, "_selected_action": [str(pk) for pk in pks]}, follow=True)


def test_admin_pages_open(client, officer, order):
    shipment = order.shipments.get()
    method = ShippingMethod.objects.get()
    for url in (reverse("admin:orders_order_changelist"), reverse("admin:orders_order_change", args=[order.pk]),
                reverse("admin:orders_shipment_changelist"),
                reverse("admin:orders_shipment_change", args=[shipment.pk]),
                reverse("admin:orders_payment_changelist"), reverse("admin:orders_shippingmethod_changelist"),
                reverse("admin:orders_shippingmethod_change", args=[method.pk]),
                reverse("admin:orders_review_changelist")):
        assert client.get(url).status_code == 200, url


def test_shipment_status_changes_only_through_the_actions(client, officer, order):
    shipment = order.shipments.get()
    url = reverse("admin:orders_shipment_change", args=[shipment.pk])
    client.post(url, {"status": "delivered", "carrier": "EMS", "tracking_number": "EE1",
                      "shipmentstatuschange_set-TOTAL_FORMS": "0"})
    shipment.refresh_from_db()
    assert shipment.status == Shipment.Status.PLACED
    action(client, "shipment", "confirm", [shipment.pk])
    action(client, "shipment", "pack", [shipment.pk])
    response = action(client, "shipment", "mark_shipped", [shipment.pk])
    assert Shipment.objects.get(pk=shipment.pk).status == Shipment.Status.PACKED  # no tracking number yet
    assert "tracking" in response.content.decode().lower()
    Shipment.objects.filter(pk=shipment.pk).update(carrier="EMS", tracking_number="EE123VN")
    action(client, "shipment", "mark_shipped", [shipment.pk])
    shipment.refresh_from_db()
    assert shipment.status == Shipment.Status.SHIPPED
    assert shipment.status_changes.first().by == officer
    response = action(client, "shipment", "cancel", [shipment.pk])
    assert Shipment.objects.get(pk=shipment.pk).status == Shipment.Status.SHIPPED
    assert "Cannot change status" in response.content.decode()


def test_an_officer_confirms_a_payment_received(client, officer, order):
    payment = Payment.objects.get(shipment__order=order)
    action(client, "payment", "confirm_received", [payment.pk])
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID and payment.confirmed_by == officer


def test_an_officer_hides_and_shows_a_review(client, officer, order):
    shipment = order.shipments.get()
    for status in ("confirmed", "packed"):
        shipment_set_status(shipment=shipment, to=status, by=officer)
    shipment_set_status(shipment=shipment, to="shipped", by=officer, carrier="EMS", tracking_number="E1")
    shipment_set_status(shipment=shipment, to="delivered", by=officer)
    review = review_create(line=shipment.lines.get(), by=order.user, rating=2, text="My phone number is …")
    action(client, "review", "hide", [review.pk])
    assert not Review.objects.get(pk=review.pk).published
    action(client, "review", "show", [review.pk])
    assert Review.objects.get(pk=review.pk).published


def test_an_officer_without_a_scope_sees_no_orders(client, order):
    login_officer(client, UserFactory(is_staff=True, is_superuser=False))
    from django.contrib.auth.models import Permission

    user = UserFactory._meta.model.objects.filter(is_staff=True).get()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="orders"))
    response = client.get(reverse("admin:orders_shipment_changelist"))
    assert response.status_code == 200
    assert order.number not in response.content.decode()
    assert client.get(reverse("admin:orders_order_change", args=[order.pk])).status_code in (302, 404)
