"""Payments: cash on delivery and bank transfers confirmed by the seller or an officer (never the
buyer), card payments through the test gateway's signed webhook, each event handled once."""
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from orders.models import Payment, PaymentEvent
from orders.payments import TEST_GATEWAY_SIGNATURE_HEADER, TestCardGateway, payment_provider
from orders.services import (
    PaymentError,
    payment_confirm_received,
    payment_start,
    payment_webhook_handle,
    test_gateway_complete,
)
from ovop_market.models import Notification, User
from sellers.models import Membership
from tests.conftest import second_factor_passed
from tests.factories import ProductFactory, UserFactory

from .factories import ADDRESS_JP, SellerFactory, ShippingMethodFactory, order_placed

pytestmark = pytest.mark.django_db
gateway = TestCardGateway()


@pytest.fixture
def seller():
    return SellerFactory()


@pytest.fixture
def member(seller):
    user = UserFactory()
    Membership.objects.create(cooperative=seller, user=user, role=Membership.Role.OWNER)
    return user


@pytest.fixture
def buyer():
    return UserFactory()


def place(seller, buyer, payment, **kwargs):
    product = ProductFactory(cooperative=seller, price=Decimal("20.00"))
    return order_placed(products=[product], buyer=buyer, method=ShippingMethodFactory(), payment=payment, **kwargs)


def paid_notifications():
    return Notification.objects.filter(kind=Notification.Kind.ORDER_PAID)


def test_the_seller_confirms_cash_on_delivery_and_the_buyer_is_told(seller, member, buyer):
    payment = Payment.objects.get(shipment__order=place(seller, buyer, "cod"))
    payment_confirm_received(payment=payment, by=member)
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID and payment.confirmed_by == member and payment.paid_at
    assert paid_notifications().get().user == buyer
    with pytest.raises(PaymentError):
        payment_confirm_received(payment=payment, by=member)


def test_an_officer_confirms_a_bank_transfer_with_its_reference(seller, buyer):
    order = place(seller, buyer, "bank_transfer", address=ADDRESS_JP)
    payment = Payment.objects.get(shipment__order=order)
    assert payment.reference == f"{order.number}-1"
    confirmation = Notification.objects.get(kind=Notification.Kind.ORDER_CONFIRMATION)
    assert confirmation.context["payments"][0]["reference"] == payment.reference
    assert confirmation.context["payments"][0]["account_number"] == seller.payout_account_number
    officer = User.objects.create_user("officer@example.com", "pw", is_staff=True, is_superuser=True)
    payment_confirm_received(payment=payment, by=second_factor_passed(officer))
    assert Payment.objects.get(pk=payment.pk).status == Payment.Status.PAID


def test_a_buyer_can_never_mark_their_order_paid(seller, member, buyer):
    payment = Payment.objects.get(shipment__order=place(seller, buyer, "cod"))
    stranger = UserFactory()
    for user in (buyer, stranger, None):
        with pytest.raises(PermissionDenied):
            payment_confirm_received(payment=payment, by=user)
    # Not even a buyer who is an officer, or a member of the selling cooperative.
    buyer.is_staff = True
    buyer.save()
    Membership.objects.create(cooperative=seller, user=buyer)
    with pytest.raises(PermissionDenied):
        payment_confirm_received(payment=payment, by=buyer)
    assert Payment.objects.get(pk=payment.pk).status == Payment.Status.PENDING
    assert not paid_notifications().exists()


def test_card_payments_are_not_confirmed_by_hand(seller, member, buyer):
    payment = Payment.objects.get(shipment__order=place(seller, buyer, "card"))
    with pytest.raises(PaymentError):
        payment_confirm_received(payment=payment, by=member)


def test_nothing_to_pay_by_card_means_no_redirect(seller, buyer):
    assert payment_start(order=place(seller, buyer, "cod")) is None


def test_the_card_gateway_redirects_and_its_signed_webhook_marks_every_card_shipment_paid(seller, buyer):
    other = SellerFactory()
    order = order_placed(products=[ProductFactory(cooperative=seller), ProductFactory(cooperative=other)],
                         buyer=buyer, method=ShippingMethodFactory(), payment="card")
    url = payment_start(order=order)
    payments = list(Payment.objects.filter(shipment__order=order))
    intent = payments[0].provider_reference
    assert url == f"/payments/test-gateway/{intent}/"
    assert {(p.provider, p.provider_reference) for p in payments} == {("test-card", intent)}
    assert payment_start(order=order) == url  # coming back reuses the open intent

    body, headers = gateway.event_body(intent=intent, succeeded=True, amount=order.total, currency="USD")
    payment_webhook_handle(provider="test-card", body=body, headers=headers)
    assert set(Payment.objects.filter(shipment__order=order).values_list("status", flat=True)) == {"paid"}
    assert paid_notifications().count() == 2
    assert payment_start(order=order) is None


def test_a_redelivered_event_is_a_no_op(seller, buyer):
    order = place(seller, buyer, "card")
    intent = payment_start(order=order).rstrip("/").rsplit("/", 1)[1]
    body, headers = gateway.event_body(intent=intent, succeeded=True, amount=order.total, currency="USD",
                                       event_id="evt_1")
    payment_webhook_handle(provider="test-card", body=body, headers=headers)
    paid_at = Payment.objects.get(shipment__order=order).paid_at
    payment_webhook_handle(provider="test-card", body=body, headers=headers)
    assert PaymentEvent.objects.count() == 1
    assert paid_notifications().count() == 1
    assert Payment.objects.get(shipment__order=order).paid_at == paid_at


@pytest.mark.parametrize("tamper", ["signature", "body", "missing"])
def test_a_webhook_with_a_bad_signature_changes_nothing(seller, buyer, tamper):
    order = place(seller, buyer, "card")
    intent = payment_start(order=order).rstrip("/").rsplit("/", 1)[1]
    body, headers = gateway.event_body(intent=intent, succeeded=True, amount=order.total, currency="USD")
    if tamper == "signature":
        headers = {TEST_GATEWAY_SIGNATURE_HEADER: "0" * 64}
    elif tamper == "body":
        body = body.replace(b"succeeded", b"succeeded ")
    else:
        headers = {}
    with pytest.raises(PaymentError):
        payment_webhook_handle(provider="test-card", body=body, headers=headers)
    assert Payment.objects.get(shipment__order=order).status == Payment.Status.PENDING
    assert not PaymentEvent.objects.exists()


def test_a_signed_event_for_the_wrong_amount_or_an_unknown_intent_is_refused(seller, buyer):
    order = place(seller, buyer, "card")
    intent = payment_start(order=order).rstrip("/").rsplit("/", 1)[1]
    for event_intent, amount in ((intent, Decimal("0.01")), ("tc_unknown", order.total)):
        body, headers = gateway.event_body(intent=event_intent, succeeded=True, amount=amount, currency="USD")
        with pytest.raises(PaymentError):
            payment_webhook_handle(provider="test-card", body=body, headers=headers)
    assert Payment.objects.get(shipment__order=order).status == Payment.Status.PENDING


def test_an_unreadable_body_or_unknown_provider_is_refused():
    body = b"not json"
    with pytest.raises(PaymentError):
        payment_webhook_handle(provider="test-card", body=body,
                               headers={TEST_GATEWAY_SIGNATURE_HEADER: gateway_signature(body)})
    with pytest.raises(PaymentError):
        payment_provider("nope")


def gateway_signature(body):
    from orders.payments import test_gateway_signature

    return test_gateway_signature(body)


def test_a_declined_card_can_be_tried_again(seller, buyer):
    order = place(seller, buyer, "card")
    first_intent = payment_start(order=order).rstrip("/").rsplit("/", 1)[1]
    test_gateway_complete(intent=first_intent, succeeded=False)
    assert Payment.objects.get(shipment__order=order).status == Payment.Status.FAILED
    second_intent = payment_start(order=order).rstrip("/").rsplit("/", 1)[1]
    assert second_intent != first_intent
    assert test_gateway_complete(intent=second_intent, succeeded=True) == order
    assert Payment.objects.get(shipment__order=order).status == Payment.Status.PAID
    # A late event about the first intent finds nothing open.
    with pytest.raises(PaymentError):
        test_gateway_complete(intent=first_intent, succeeded=True)


def test_the_webhook_payload_names_the_intent_and_amount(seller, buyer):
    body, headers = gateway.event_body(intent="tc_x", succeeded=False, amount=Decimal("5.00"), currency="USD")
    payload = json.loads(body)
    assert payload["type"] == "payment_intent.payment_failed" and payload["data"]["amount"] == "5.00"


def test_production_refuses_the_embedded_webhook_secret():
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PAYMENT_"))}
    environment.update(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="k" * 60, ALLOWED_HOSTS="shop.example.org")
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=Path(__file__).resolve().parents[2],
                            env=environment, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "PAYMENT_TEST_WEBHOOK_SECRET" in result.stderr
