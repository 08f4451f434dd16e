"""The order e-mails render in the recipient's language with what they need: the lines and
totals, bank transfer details with the reference, the guest's signed link, tracking numbers."""
import pytest

from orders.selectors import order_signed_token
from orders.services import (
    order_cancel,
    payment_confirm_received,
    review_create,
    review_reply,
    shipment_set_status,
)
from ovop_market.models import Notification
from ovop_market.notifications import notification_email
from sellers.models import Membership
from tests.factories import ProductFactory, UserFactory

from .factories import ADDRESS_JP, SellerFactory, ShippingMethodFactory, order_placed

pytestmark = pytest.mark.django_db


def email_of(kind, **filters):
    notification = Notification.objects.filter(kind=kind, **filters).latest("pk")
    message = notification_email(notification)
    return message.subject, message.body, message.alternatives[0][0]


def test_a_guest_confirmation_has_the_bank_details_reference_and_signed_link():
    seller = SellerFactory(name="Bat Trang Blue")
    order = order_placed(products=[ProductFactory(cooperative=seller, name="Tea set")], method=ShippingMethodFactory(),
                         payment="bank_transfer", address=ADDRESS_JP)
    subject, text, html = email_of(Notification.Kind.ORDER_CONFIRMATION)
    assert order.number in subject
    for body in (text, html):
        assert "Tea set" in body
        assert f"{order.number}-1" in body
        assert seller.payout_account_number in body
        assert order_signed_token(order=order) in body
    subject, text, _html = email_of(Notification.Kind.ORDER_NEW_FOR_SELLER)
    assert order.number in subject and "Yufu" in text


def test_status_payment_cancellation_and_review_e_mails_render():
    seller = SellerFactory()
    member = UserFactory()
    Membership.objects.create(cooperative=seller, user=member)
    buyer = UserFactory(language="vi")
    order = order_placed(products=[ProductFactory(cooperative=seller, name="Vase")], buyer=buyer,
                         method=ShippingMethodFactory())
    shipment = order.shipments.get()
    for status in ("confirmed", "packed"):
        shipment_set_status(shipment=shipment, to=status, by=member)
    shipment_set_status(shipment=shipment, to="shipped", by=member, carrier="EMS", tracking_number="EE123VN")
    _subject, text, _html = email_of(Notification.Kind.ORDER_STATUS_CHANGED, context__status="shipped")
    assert "EE123VN" in text and f"/orders/{order.number}/" in text
    payment_confirm_received(payment=shipment.payment, by=member)
    _subject, text, html = email_of(Notification.Kind.ORDER_PAID)
    assert order.number in text
    shipment_set_status(shipment=shipment, to="delivered", by=member)
    review = review_create(line=shipment.lines.get(), by=buyer, rating=4, text="Lovely.")
    subject, text, html = email_of(Notification.Kind.REVIEW_NEW_FOR_SELLER)
    assert "Vase" in subject and "Lovely." in text
    review_reply(review=review, by=member, text="Thank you!")
    _subject, text, html = email_of(Notification.Kind.REVIEW_REPLIED)
    assert "Thank you!" in text and "Thank you!" in html

    other = order_placed(products=[ProductFactory(cooperative=seller)], buyer=buyer, method=ShippingMethodFactory())
    order_cancel(order=other, by=buyer, reason="Changed my mind")
    subject, text, html = email_of(Notification.Kind.SHIPMENT_CANCELLED_FOR_SELLER)
    assert other.number in subject and "Changed my mind" in text
