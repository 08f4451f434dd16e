"""Card payments through the test gateway: checkout sends the buyer to the gateway's page, paying
or declining there sends the signed webhook and brings the buyer back to the order page; the
webhook URL refuses bad signatures (400), takes a redelivery calmly (200) and never needs CSRF."""
import re
from decimal import Decimal

import pytest

from orders.models import Order, Payment, PaymentEvent
from orders.payments import TestCardGateway
from orders.selectors import order_signed_url
from orders.services import payment_start
from tests.conftest import Client
from tests.factories import ProductFactory, UserFactory

from .factories import SellerFactory, order_placed
from .html import parse
from .test_checkout_views import place_data, ready_page

pytestmark = pytest.mark.django_db

WEBHOOK = "/payments/webhooks/test-card/"


@pytest.fixture
def method():
    from .factories import ShippingMethodFactory

    return ShippingMethodFactory(name="Vietnam Post")


@pytest.fixture
def shop(method):
    bat_trang, van_phuc = SellerFactory(name="Bat Trang Pottery"), SellerFactory(name="Van Phuc Silk")
    return {"bat_trang": bat_trang, "van_phuc": van_phuc, "method": method,
            "vase": ProductFactory(cooperative=bat_trang, name="Blue vase", price=Decimal("20.00"), stock=5),
            "scarf": ProductFactory(cooperative=van_phuc, name="Silk scarf", price=Decimal("15.00"), stock=3)}


def text_of(response) -> str:
    return " ".join(parse(response.content).get_text(" ").split())


def card_checkout(client, shop):
    """A guest pays the pottery by card and the silk cash on delivery; returns the gateway URL."""
    _response, soup = ready_page(client, shop)
    response = client.post("/checkout/", place_data(soup, shop, payments={shop["bat_trang"].pk: "card"}))
    assert response.status_code == 302
    assert re.fullmatch(r"/payments/test-gateway/tc_[\w-]+/", response["Location"]), response["Location"]
    return response["Location"]


def test_paying_on_the_gateway_marks_the_card_part_paid_and_returns_to_the_order(client, shop):
    gateway = card_checkout(client, shop)
    page = client.get(gateway)
    assert page.status_code == 200 and "US$23.00" in text_of(page)  # the vase and its shipping only

    response = client.post(gateway, {"action": "pay"})

    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == order_signed_url(order=order)
    payments = {p.shipment.cooperative.name: p.status for p in Payment.objects.select_related("shipment__cooperative")}
    assert payments == {"Bat Trang Pottery": "paid", "Van Phuc Silk": "pending"}
    assert PaymentEvent.objects.count() == 1
    assert "your card payment is received" in text_of(client.get(response["Location"]))


def test_a_declined_card_can_be_paid_again_from_the_order_page(client, shop):
    gateway = card_checkout(client, shop)
    order_url = client.post(gateway, {"action": "decline"})["Location"]
    assert Payment.objects.get(method="card").status == "failed"
    page = client.get(order_url)
    assert "The card payment was declined" in text_of(page)
    assert parse(page.content).find("button", {"value": "pay"}) is not None

    again = client.post(order_url, {"action": "pay"})
    assert again.status_code == 302 and again["Location"].startswith("/payments/test-gateway/")
    client.post(again["Location"], {"action": "pay"})
    assert Payment.objects.get(method="card").status == "paid"
    assert parse(client.get(order_url).content).find("button", {"value": "pay"}) is None


def test_a_paid_intent_has_nothing_left_to_pay(client, shop):
    gateway = card_checkout(client, shop)
    client.post(gateway, {"action": "pay"})
    assert "There is nothing left to pay here." in text_of(client.get(gateway))
    client.post(gateway, {"action": "pay"})
    assert PaymentEvent.objects.count() == 1


def test_the_gateway_page_asks_again_when_neither_button_was_pressed(client, shop):
    gateway = card_checkout(client, shop)
    response = client.post(gateway, {"action": "refund"}, follow=True)
    assert response.redirect_chain[-1][0] == gateway
    assert "Please choose to pay or to decline." in text_of(response)
    assert Payment.objects.get(method="card").status == "pending"


def test_an_unknown_intent_is_a_404(client):
    assert client.get("/payments/test-gateway/tc_nothing/").status_code == 404
    assert client.post("/payments/test-gateway/tc_nothing/", {"action": "pay"}).status_code == 404


def test_only_the_buyer_may_start_a_card_payment_from_the_order_page(client, shop):
    order = order_placed(products=[shop["vase"]], payment="card", buyer=UserFactory())
    client.force_login(UserFactory())
    assert client.post(f"/orders/{order.number}/", {"action": "pay"}).status_code == 404


# --- the webhook --------------------------------------------------------------------------------

@pytest.fixture
def intent(shop):
    order = order_placed(products=[shop["vase"]], payment="card")
    return payment_start(order=order).rstrip("/").rsplit("/", 1)[-1]


def webhook(client, body: bytes, headers: dict, **extra):
    return client.post(WEBHOOK, body, content_type="application/json",
                       **{f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}, **extra)


def test_a_signed_webhook_marks_the_payment_paid_once_however_often_it_comes(intent):
    client = Client(enforce_csrf_checks=True)
    body, headers = TestCardGateway().event_body(intent=intent, succeeded=True, amount=Decimal("23.00"),
                                                 currency="USD", event_id="evt_1")
    first = webhook(client, body, headers)
    second = webhook(client, body, headers)
    assert (first.status_code, second.status_code) == (200, 200)
    assert Payment.objects.get().status == "paid" and PaymentEvent.objects.count() == 1


@pytest.mark.parametrize("tamper", [
    lambda body, headers: (body, {}),
    lambda body, headers: (body, {"X-Test-Gateway-Signature": "0" * 64}),
    lambda body, headers: (body.replace(b"23.00", b"0.01"), headers),
    lambda body, headers: (b"not json", {"X-Test-Gateway-Signature": "x"}),
])
def test_a_webhook_with_a_bad_signature_is_a_400_and_changes_nothing(client, intent, tamper):
    body, headers = TestCardGateway().event_body(intent=intent, succeeded=True, amount=Decimal("23.00"),
                                                 currency="USD")
    response = webhook(client, *tamper(body, headers))
    assert response.status_code == 400
    assert Payment.objects.get().status == "pending" and not PaymentEvent.objects.exists()


def test_a_genuine_webhook_for_the_wrong_amount_or_intent_is_a_400(client, intent):
    gateway = TestCardGateway()
    for body, headers in (gateway.event_body(intent=intent, succeeded=True, amount=Decimal("1.00"), currency="USD"),
                          gateway.event_body(intent="tc_unknown", succeeded=True, amount=Decimal("23.00"),
                                             currency="USD")):
        assert webhook(client, body, headers).status_code == 400
    assert Payment.objects.get().status == "pending"


def test_the_webhook_takes_post_only_has_one_unprefixed_address_and_knows_its_providers(client, intent):
    body, headers = TestCardGateway().event_body(intent=intent, succeeded=True, amount=Decimal("23.00"),
                                                 currency="USD")
    assert client.get(WEBHOOK).status_code == 405
    assert webhook(client, body, headers, HTTP_ACCEPT_LANGUAGE="vi").status_code == 200
    assert client.post("/vi/payments/webhooks/test-card/", body, content_type="application/json").status_code == 404
    assert client.post("/payments/webhooks/other-gateway/", body, content_type="application/json").status_code == 400
