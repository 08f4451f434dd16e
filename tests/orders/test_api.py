"""The orders API: a signed-in buyer's cart, checkout (with an idempotency key) and orders; a
seller's shipments and fulfilment steps. Money, sellers and status come from the server only;
anything not the caller's is a 404; bad input is a JSON 4xx, never a 500."""
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from drf_spectacular.validation import validate_schema
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from catalog.models import Product
from orders.models import CartLine, Order, Payment, Shipment
from sellers.models import Membership
from tests.factories import ProductFactory, UserFactory

from .placing import order_placed, postal_service, product_on_sale, vietnamese_cooperative

pytestmark = pytest.mark.django_db


def api_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def buyer():
    return UserFactory(email="lan@example.com", full_name="Nguyen Thi Lan")


@pytest.fixture
def api(buyer):
    return api_for(buyer)


@pytest.fixture
def method():
    return postal_service()


@pytest.fixture
def vase(method):
    return product_on_sale(vietnamese_cooperative(name="Bat Trang Ceramics"), name="Crackle-glaze vase",
                           price=Decimal("30.00"), stock=5)


@pytest.fixture
def scarf(method):
    return product_on_sale(vietnamese_cooperative(name="Van Phuc Silk"), name="Silk scarf", price=Decimal("18.00"),
                           stock=3)


def checkout_body(method, *products, payment="cod", **changes):
    body = {"phone": "0912 345 678", "country": "VN", "province": "Ha Noi", "city": "Hoan Kiem",
            "postal_code": "100000", "address_line1": "12 Hang Bac",
            "shipments": [{"cooperative": c, "shipping_method": method.pk, "payment_method": payment}
                          for c in sorted({p.cooperative_id for p in products})]}
    body.update(changes)
    return body


def add(api, product, quantity=1, **extra):
    return api.post(reverse("orders_api:cart_line_create"), {"product": product.slug, "quantity": quantity, **extra},
                    format="json")


def checkout(api, body, key="key-1"):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return api.post(reverse("orders_api:checkout"), body, format="json", **headers)


# --- the cart -------------------------------------------------------------------------------------

def test_buyer_fills_changes_and_empties_the_cart(api, vase, scarf):
    assert api.get(reverse("orders_api:cart")).json()["count"] == 0

    response = add(api, vase, 2)
    assert response.status_code == 201
    response = api.post(reverse("orders_api:cart_line_create"), {"product": str(scarf.pk)}, format="json")
    cart = response.json()
    assert cart["count"] == 3 and cart["subtotal"] == "78.00" and cart["can_check_out"] is True
    assert [g["cooperative"]["name"] for g in cart["groups"]] == ["Bat Trang Ceramics", "Van Phuc Silk"]
    line = cart["groups"][0]["lines"][0]
    assert line["product"]["slug"] == vase.slug and line["unit_price"] == "30.00" and line["line_total"] == "60.00"

    response = api.patch(reverse("orders_api:cart_line", args=[line["id"]]), {"quantity": 1}, format="json")
    assert response.status_code == 200 and response.json()["subtotal"] == "48.00"
    assert api.delete(reverse("orders_api:cart_line", args=[line["id"]])).status_code == 204
    assert api.get(reverse("orders_api:cart")).json()["count"] == 1
    assert api.delete(reverse("orders_api:cart")).status_code == 204
    assert api.get(reverse("orders_api:cart")).json()["groups"] == []


@pytest.mark.parametrize("body, field", [
    ({"quantity": 0}, "quantity"),
    ({"quantity": -3}, "quantity"),
    ({"quantity": 100}, "quantity"),
    ({"quantity": "lots"}, "quantity"),
    ({"product": "no-such-thing"}, "product"),
    ({"product": ""}, "product"),
])
def test_bad_cart_input_is_a_400_naming_the_field(api, vase, body, field):
    response = api.post(reverse("orders_api:cart_line_create"), {"product": vase.slug, "quantity": 1, **body},
                        format="json")

    assert response.status_code == 400 and field in response.json()
    assert not CartLine.objects.exists()


def test_products_not_on_sale_or_beyond_stock_are_refused(api, vase):
    draft = ProductFactory(cooperative=vase.cooperative, status=Product.Status.DRAFT)

    assert add(api, draft).status_code == 400
    response = add(api, vase, 6)
    assert response.status_code == 400 and "Only 5" in " ".join(response.json()["detail"])


def test_a_client_sent_price_is_ignored(api, vase):
    response = add(api, vase, 1, price="0.01", unit_price="0.01", line_total="0.01")

    assert response.json()["subtotal"] == "30.00"
    assert CartLine.objects.get().price_seen == Decimal("30.00")


def test_another_buyers_cart_line_is_not_found(api, vase):
    other = api_for(UserFactory())
    line_id = add(other, vase).json()["groups"][0]["lines"][0]["id"]

    assert api.patch(reverse("orders_api:cart_line", args=[line_id]), {"quantity": 3}, format="json").status_code == 404
    assert api.delete(reverse("orders_api:cart_line", args=[line_id])).status_code == 404
    assert CartLine.objects.get(pk=line_id).quantity == 1


def test_the_api_needs_a_signed_in_buyer(vase):
    anonymous = APIClient()
    for response in (anonymous.get(reverse("orders_api:cart")), add(anonymous, vase),
                     anonymous.get(reverse("orders_api:order_list")),
                     anonymous.get(reverse("sellers_api:shipment_list"))):
        assert response.status_code in (401, 403) and "detail" in response.json()


def test_errors_come_in_the_callers_language(api, vase):
    english = api.post(reverse("orders_api:cart_line_create"), {}, format="json").json()["product"][0]
    vietnamese = api.post(reverse("orders_api:cart_line_create"), {}, format="json",
                          HTTP_ACCEPT_LANGUAGE="vi").json()["product"][0]

    assert english == "This field is required." and vietnamese != english


# --- checkout -------------------------------------------------------------------------------------

def test_checkout_options_list_shipping_and_payment_per_cooperative(api, vase, scarf, method):
    add(api, vase)
    add(api, scarf)

    response = api.get(reverse("orders_api:checkout_options"), {"country": "vn"})

    assert response.status_code == 200
    groups = response.json()["groups"]
    assert [g["cooperative"]["id"] for g in groups] == sorted([vase.cooperative_id, scarf.cooperative_id])
    assert groups[0]["shipping"][0]["shipping_method"] == method.pk and groups[0]["shipping"][0]["zone"] == "domestic"
    assert set(groups[0]["payment_methods"]) == {"cod", "bank_transfer", "card"}
    abroad = api.get(reverse("orders_api:checkout_options"), {"country": "JP"}).json()["groups"][0]
    assert "cod" not in abroad["payment_methods"] and abroad["shipping"][0]["zone"] == "international"
    assert api.get(reverse("orders_api:checkout_options"), {"country": "XX"}).status_code == 400
    assert api.get(reverse("orders_api:checkout_options")).status_code == 400


def test_checkout_places_one_order_split_per_cooperative_priced_by_the_server(api, buyer, vase, scarf, method):
    add(api, vase, 2)
    add(api, scarf)
    body = checkout_body(method, vase, scarf, total="1.00", subtotal="1.00", shipping_total="0.00",
                         status="delivered", user=999, number="MINE")
    body["shipments"][0].update(price="0.01", shipping_price="0.00", status="paid")

    response = checkout(api, body)

    assert response.status_code == 201, response.json()
    order = response.json()
    assert order["subtotal"] == "78.00" and Decimal(order["total"]) > Decimal("78.00")
    assert order["email"] == "lan@example.com" and order["full_name"] == "Nguyen Thi Lan"
    assert order["phone"] == "+84 912345678"
    assert {s["status"] for s in order["shipments"]} == {"placed"}
    assert {s["payment"]["status"] for s in order["shipments"]} == {"pending"}
    assert order["payment_url"] is None
    saved = Order.objects.get()
    assert saved.number == order["number"] != "MINE" and saved.user == buyer and saved.total == Decimal(order["total"])
    assert Product.objects.get(pk=vase.pk).stock == 3
    assert api.get(reverse("orders_api:cart")).json()["count"] == 0


def test_a_card_checkout_answers_where_to_pay(api, vase, method):
    add(api, vase)

    response = checkout(api, checkout_body(method, vase, payment="card"))

    assert response.status_code == 201
    assert response.json()["payment_url"].startswith("http://testserver/payments/test-gateway/")
    replay = checkout(api, checkout_body(method, vase, payment="card"))
    assert replay.json()["payment_url"] == response.json()["payment_url"]


def test_checkout_needs_an_idempotency_key(api, vase, method):
    add(api, vase)

    response = checkout(api, checkout_body(method, vase), key=None)

    assert response.status_code == 400 and response.json()["code"] == "idempotency_key_missing"
    assert checkout(api, checkout_body(method, vase), key="x" * 101).status_code == 400
    assert not Order.objects.exists()


def test_a_replayed_checkout_returns_the_same_order_and_a_changed_one_is_a_conflict(api, vase, method):
    add(api, vase)
    body = checkout_body(method, vase)

    first = checkout(api, body, key="retry-me")
    again = checkout(api, body, key="retry-me")
    changed = checkout(api, {**body, "address_line1": "99 Hang Gai"}, key="retry-me")

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert changed.status_code == 409 and changed.json()["code"] == "idempotency_conflict"
    assert Order.objects.count() == 1 and Product.objects.get(pk=vase.pk).stock == 4


def test_sold_out_is_a_409_naming_the_products_and_orders_nothing(api, vase, scarf, method):
    add(api, vase, 2)
    add(api, scarf)
    Product.objects.filter(pk=vase.pk).update(stock=1)  # another buyer was quicker

    response = checkout(api, checkout_body(method, vase, scarf))

    assert response.status_code == 409
    assert response.json()["code"] == "sold_out" and [p["slug"] for p in response.json()["products"]] == [vase.slug]
    assert not Order.objects.exists() and Product.objects.get(pk=scarf.pk).stock == 3


@pytest.mark.parametrize("changes, field", [
    ({"postal_code": "ABC"}, "postal_code"),
    ({"phone": "12"}, "phone"),
    ({"country": "XX"}, "country"),
    ({"city": ""}, "city"),
    ({"email": "not-an-address"}, "email"),
    ({"shipments": []}, "shipments"),
    ({"shipments": [{"cooperative": 1, "shipping_method": 1, "payment_method": "bitcoin"}]}, "shipments"),
])
def test_bad_checkout_input_is_a_400_naming_the_field(api, vase, method, changes, field):
    add(api, vase)

    response = checkout(api, checkout_body(method, vase, **changes))

    assert response.status_code == 400 and field in response.json(), response.json()
    assert not Order.objects.exists()


def test_a_choice_the_server_does_not_offer_is_refused(api, vase, scarf, method):
    add(api, vase)
    add(api, scarf)
    abroad = checkout_body(method, vase, scarf, country="JP", province="Oita", city="Yufu", postal_code="879-5102",
                           phone="+81 90 1234 5678")  # cash on delivery only at home
    missing = checkout_body(method, vase)  # no choice for the scarf's cooperative

    for body in (abroad, missing):
        response = checkout(api, body, key=f"k-{body['country']}-{len(body['shipments'])}")
        assert response.status_code == 400 and response.json()["detail"]
    assert not Order.objects.exists()


def test_checkout_of_an_empty_cart_is_a_400(api, vase, method):
    response = checkout(api, checkout_body(method, vase))

    assert response.status_code == 400 and response.json()["code"] == "empty"


# --- the buyer's orders -------------------------------------------------------------------------

def test_buyer_lists_and_reads_their_own_orders_only(api, buyer, vase, scarf):
    mine = order_placed(buyer=buyer, products=[vase, scarf])
    theirs = order_placed(buyer=UserFactory(), products=[vase])

    listed = api.get(reverse("orders_api:order_list")).json()["results"]
    assert [o["number"] for o in listed] == [mine.number]
    detail = api.get(reverse("orders_api:order_detail", args=[mine.number])).json()
    assert len(detail["shipments"]) == 2 and detail["shipments"][0]["lines"][0]["product_name"]

    assert api.get(reverse("orders_api:order_detail", args=[theirs.number])).status_code == 404
    assert api.get(reverse("orders_api:order_detail", args=["NOSUCHORDER"])).status_code == 404


# --- the seller's shipments -----------------------------------------------------------------------

@pytest.fixture
def seller(vase):
    user = UserFactory()
    Membership.objects.create(cooperative=vase.cooperative, user=user, role=Membership.Role.OWNER)
    return user


@pytest.fixture
def seller_api(seller):
    return api_for(seller)


def step(client, shipment, action, body=None):
    return client.post(reverse(f"sellers_api:shipment_{action}", args=[shipment.pk]), body or {}, format="json")


def test_seller_lists_their_shipments_and_filters_by_status(seller_api, seller, buyer, vase, scarf):
    first = order_placed(buyer=buyer, products=[vase, scarf]).shipments.get(cooperative=vase.cooperative)
    second = order_placed(buyer=buyer, products=[vase]).shipments.get()
    step(seller_api, second, "confirm")

    listed = seller_api.get(reverse("sellers_api:shipment_list")).json()["results"]
    assert [s["id"] for s in listed] == [second.pk, first.pk]
    assert listed[1]["buyer"]["full_name"] == "Nguyen Thi Lan"
    assert [line["product_name"] for line in listed[1]["lines"]] == ["Crackle-glaze vase"]
    placed = seller_api.get(reverse("sellers_api:shipment_list"), {"status": "placed"}).json()["results"]
    assert [s["id"] for s in placed] == [first.pk]
    assert seller_api.get(reverse("sellers_api:shipment_list"), {"status": "lost"}).status_code == 400


def test_shipment_and_order_lists_run_the_same_queries_for_2_or_12(seller_api, api, buyer, vase):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Product.objects.filter(pk=vase.pk).update(stock=50)

    def queries(client, url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    counts = []
    for orders in (2, 10):
        for _ in range(orders):
            order_placed(buyer=buyer, products=[vase])
        counts.append((queries(seller_api, reverse("sellers_api:shipment_list")),
                       queries(api, reverse("orders_api:order_list"))))
    assert counts[0] == counts[1]


def test_seller_moves_a_shipment_through_its_steps(seller_api, seller, buyer, vase):
    shipment = order_placed(buyer=buyer, products=[vase]).shipments.get()

    assert step(seller_api, shipment, "confirm").json()["status"] == "confirmed"
    assert step(seller_api, shipment, "pack").json()["status"] == "packed"
    refused = step(seller_api, shipment, "ship", {"carrier": "VNPost"})
    assert refused.status_code == 400 and "tracking_number" in refused.json()
    shipped = step(seller_api, shipment, "ship", {"carrier": "VNPost", "tracking_number": "EE123VN",
                                                  "status": "delivered"})
    assert shipped.status_code == 200 and shipped.json()["status"] == "shipped"
    assert shipped.json()["tracking_number"] == "EE123VN"
    delivered = step(seller_api, shipment, "deliver").json()
    assert delivered["status"] == "delivered"
    assert [h["to_status"] for h in delivered["history"]] == ["placed", "confirmed", "packed", "shipped", "delivered"]


def test_a_step_the_table_does_not_allow_is_a_400(seller_api, buyer, vase):
    shipment = order_placed(buyer=buyer, products=[vase]).shipments.get()

    for action in ("pack", "deliver"):
        response = step(seller_api, shipment, action)
        assert response.status_code == 400 and response.json()["detail"]
    assert Shipment.objects.get(pk=shipment.pk).status == "placed"


def test_seller_cancels_with_a_reason_and_the_stock_comes_back_once(seller_api, buyer, vase):
    shipment = order_placed(buyer=buyer, products=[vase], quantity=2).shipments.get()

    assert step(seller_api, shipment, "cancel").status_code == 400  # a reason is required
    assert step(seller_api, shipment, "cancel", {"reason": "Cracked in the kiln"}).json()["status"] == "cancelled"
    assert step(seller_api, shipment, "cancel", {"reason": "Again"}).status_code == 400

    assert Product.objects.get(pk=vase.pk).stock == 5


def test_seller_confirms_cash_or_transfer_received_but_not_a_card(seller_api, seller, buyer, vase):
    cash = order_placed(buyer=buyer, products=[vase]).shipments.get()
    card = order_placed(buyer=buyer, products=[vase], payment_method="card").shipments.get()

    response = step(seller_api, cash, "payment_confirm")
    assert response.status_code == 200 and response.json()["payment"]["status"] == "paid"
    assert Payment.objects.get(shipment=cash).confirmed_by == seller
    assert step(seller_api, card, "payment_confirm").status_code == 400
    assert Payment.objects.get(shipment=card).status == "pending"


def test_buyer_cannot_mark_their_own_order_paid_or_shipped(api, buyer, vase):
    shipment = order_placed(buyer=buyer, products=[vase]).shipments.get()

    for action in ("payment_confirm", "confirm"):
        assert step(api, shipment, action).status_code == 404
    assert api.get(reverse("sellers_api:shipment_list")).json()["results"] == []
    assert Payment.objects.get(shipment=shipment).status == "pending"


def test_another_sellers_shipment_is_not_found(buyer, vase, scarf):
    shipment = order_placed(buyer=buyer, products=[vase, scarf]).shipments.get(cooperative=vase.cooperative)
    outsider = UserFactory()
    Membership.objects.create(cooperative=scarf.cooperative, user=outsider, role=Membership.Role.OWNER)
    client = api_for(outsider)

    assert client.get(reverse("sellers_api:shipment_detail", args=[shipment.pk])).status_code == 404
    for action in ("confirm", "cancel", "payment_confirm"):
        assert step(client, shipment, action, {"reason": "mine"}).status_code == 404
    assert [s["id"] for s in client.get(reverse("sellers_api:shipment_list")).json()["results"]] != [shipment.pk]
    assert Shipment.objects.get(pk=shipment.pk).status == "placed"


# --- the schema -----------------------------------------------------------------------------------

def test_the_schema_describes_the_orders_api_and_validates(client, tmp_path):
    schema = json.loads(client.get("/api/schema/", {"format": "json"}).content)
    validate_schema(schema)
    for path, verbs in {
        "/api/cart/": {"get", "delete"}, "/api/cart/lines/": {"post"}, "/api/cart/lines/{id}/": {"patch", "delete"},
        "/api/checkout/options/": {"get"}, "/api/checkout/": {"post"}, "/api/orders/": {"get"},
        "/api/orders/{number}/": {"get"}, "/api/seller/shipments/": {"get"}, "/api/seller/shipments/{id}/": {"get"},
        "/api/seller/shipments/{id}/ship/": {"post"}, "/api/seller/shipments/{id}/confirm-payment/": {"post"},
    }.items():
        assert verbs <= set(schema["paths"][path]), path
    headers = {p["name"] for p in schema["paths"]["/api/checkout/"]["post"]["parameters"] if p["in"] == "header"}
    assert headers == {"Idempotency-Key"}
    # The project's check: no warnings either.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
