"""The seller centre's orders: a cooperative sees its own shipments, moves them along the allowed
steps only, prints packing slips and answers reviews; another cooperative's are a 404."""
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from orders.models import Payment, Review, ShipmentStatusChange
from ovop_market.models import Notification
from sellers.models import Membership
from tests.factories import UserFactory
from tests.orders.placing import order_placed, product_on_sale, vietnamese_cooperative

pytestmark = pytest.mark.django_db

LIST_BUDGET = 12


@pytest.fixture
def coop():
    return vietnamese_cooperative(name="Bat Trang Ceramics")


@pytest.fixture
def seller(coop):
    user = UserFactory(full_name="Tran Van Minh")
    Membership.objects.create(cooperative=coop, user=user, role=Membership.Role.OWNER)
    return user


@pytest.fixture
def seller_client(client, seller):
    client.force_login(seller)
    return client


@pytest.fixture
def vase(coop):
    return product_on_sale(coop, name="Crackle-glaze vase", stock=5, price=30)


@pytest.fixture
def buyer():
    return UserFactory(email="lan@example.com", full_name="Nguyen Thi Lan")


@pytest.fixture
def shipment(vase, buyer):
    """The cooperative's part of a two-cooperative order."""
    other = product_on_sale(name="Silk scarf")
    order = order_placed(buyer=buyer, products=[vase, other], quantity=2)
    return order.shipments.get(cooperative=vase.cooperative)


def detail_url(shipment):
    return reverse("sellers:order_detail", args=[shipment.pk])


def action_url(shipment, action):
    return reverse("sellers:order_action", args=[shipment.pk, action])


def move(shipment, *statuses, by):
    """Walk ``shipment`` through ``statuses`` as its seller would."""
    from orders import services

    steps = {"confirmed": services.shipment_confirm, "packed": services.shipment_pack,
             "delivered": services.shipment_mark_delivered}
    for status in statuses:
        if status == "shipped":
            services.shipment_mark_shipped(shipment=shipment, by=by, carrier="VNPost", tracking_number="EE123VN")
        else:
            steps[status](shipment=shipment, by=by)
    shipment.refresh_from_db()
    return shipment


# --- the list -------------------------------------------------------------------------------------

def test_order_list_shows_the_cooperatives_shipments_newest_first(seller_client, coop, vase, buyer):
    first = order_placed(buyer=buyer, products=[vase])
    second = order_placed(buyer=buyer, products=[vase])
    order_placed(buyer=buyer, products=[product_on_sale(name="Someone else's basket")])

    page = seller_client.get(reverse("sellers:order_list")).content.decode()

    assert page.index(second.number) < page.index(first.number)
    assert "Someone else&#x27;s basket" not in page and "Crackle-glaze vase" in page
    assert "Nguyen Thi Lan" in page


def test_order_list_filters_by_status(seller_client, seller, vase, buyer):
    from orders import services

    vase.stock = 20
    vase.save(update_fields=["stock"])
    walks = {"placed": [], "confirmed": ["confirmed"], "packed": ["confirmed", "packed"],
             "shipped": ["confirmed", "packed", "shipped"],
             "delivered": ["confirmed", "packed", "shipped", "delivered"]}
    numbers = {}
    for status, steps in walks.items():
        order = order_placed(buyer=buyer, products=[vase])
        move(order.shipments.get(), *steps, by=seller)
        numbers[status] = order.number
    cancelled = order_placed(buyer=buyer, products=[vase])
    services.shipment_cancel(shipment=cancelled.shipments.get(), by=seller, reason="Broken in the kiln")
    numbers["cancelled"] = cancelled.number

    for tab, shown in (("to-confirm", "placed"), ("to-pack", "confirmed"), ("to-ship", "packed"),
                       ("shipped", "shipped"), ("done", "delivered"), ("cancelled", "cancelled")):
        page = seller_client.get(reverse("sellers:order_list"), {"status": tab}).content.decode()
        assert [status for status, number in numbers.items() if number in page] == [shown], tab
    page = seller_client.get(reverse("sellers:order_list")).content.decode()
    assert all(number in page for number in numbers.values())


def test_order_list_runs_the_same_queries_for_3_or_30_shipments(seller_client, vase, buyer):
    vase.stock = 100
    vase.save(update_fields=["stock"])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = seller_client.get(reverse("sellers:order_list"))
        assert response.status_code == 200
        return len(captured.captured_queries)

    for _ in range(3):
        order_placed(buyer=buyer, products=[vase])
    with_three = queries()
    for _ in range(27):
        order_placed(buyer=buyer, products=[vase])
    with_thirty = queries()

    assert with_three == with_thirty <= LIST_BUDGET


def test_detail_runs_the_same_queries_for_1_or_10_lines(seller_client, coop, buyer):
    def queries(shipment):
        with CaptureQueriesContext(connection) as captured:
            response = seller_client.get(detail_url(shipment))
        assert response.status_code == 200
        return len(captured.captured_queries)

    one = order_placed(buyer=buyer, products=[product_on_sale(coop)]).shipments.get()
    ten = order_placed(buyer=buyer, products=[product_on_sale(coop) for _ in range(10)]).shipments.get()
    assert queries(one) == queries(ten)


def test_orders_need_a_seller(client, shipment):
    response = client.get(reverse("sellers:order_list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(UserFactory())
    assert client.get(detail_url(shipment)).status_code == 302  # no cooperative: onboarding


# --- the detail page and its steps ------------------------------------------------------------------

def test_detail_shows_lines_buyer_contact_address_payment_and_history(seller_client, shipment):
    page = seller_client.get(detail_url(shipment)).content.decode()

    assert "Crackle-glaze vase" in page and "Silk scarf" not in page  # only this cooperative's part
    for shown in ("Nguyen Thi Lan", "+84 912 345 678", "lan@example.com", "12 Hang Bac", "Hoan Kiem", "100000",
                  "Viet Nam", "Cash on delivery", "Waiting for payment", shipment.payment.reference, "Placed"):
        assert shown in page, shown
    assert "<script" not in page and "style=" not in page


def test_detail_offers_only_the_allowed_steps(seller_client, seller, shipment):
    def offered():
        page = seller_client.get(detail_url(shipment)).content.decode()
        return set(re.findall(r"/seller/orders/\d+/([a-z-]+)/", page)) - {"slip"}

    assert offered() == {"confirm", "cancel", "confirm-payment"}
    move(shipment, "confirmed", by=seller)
    assert offered() == {"pack", "cancel", "confirm-payment"}
    move(shipment, "packed", by=seller)
    assert offered() == {"ship", "cancel", "confirm-payment"}
    move(shipment, "shipped", by=seller)
    assert offered() == {"deliver", "return", "confirm-payment"}


def test_seller_confirms_packs_ships_and_delivers_from_the_pages(seller_client, seller, shipment, buyer):
    for action, status in (("confirm", "confirmed"), ("pack", "packed")):
        response = seller_client.post(action_url(shipment, action))
        assert response.status_code == 302 and response["Location"] == detail_url(shipment)
        shipment.refresh_from_db()
        assert shipment.status == status

    response = seller_client.post(action_url(shipment, "ship"), {"carrier": "VNPost", "tracking_number": "EE123VN"},
                                  follow=True)
    shipment.refresh_from_db()
    assert shipment.status == "shipped" and shipment.tracking_number == "EE123VN"
    assert "Marked shipped" in response.content.decode() and "EE123VN" in response.content.decode()
    seller_client.post(action_url(shipment, "deliver"))
    shipment.refresh_from_db()

    assert shipment.status == "delivered"
    history = list(ShipmentStatusChange.objects.filter(shipment=shipment).order_by("pk")
                   .values_list("to_status", "by"))
    assert history == [("placed", buyer.pk), ("confirmed", seller.pk), ("packed", seller.pk),
                       ("shipped", seller.pk), ("delivered", seller.pk)]
    assert Notification.objects.filter(user=buyer, kind=Notification.Kind.ORDER_STATUS_CHANGED).count() >= 3


def test_mark_shipped_needs_carrier_and_tracking_number(seller_client, seller, shipment):
    move(shipment, "confirmed", "packed", by=seller)

    response = seller_client.post(action_url(shipment, "ship"), {"carrier": "VNPost", "tracking_number": "  "})

    assert response.status_code == 200
    page = response.content.decode()
    assert "This field is required." in page and 'value="VNPost"' in page
    shipment.refresh_from_db()
    assert shipment.status == "packed"


def test_a_step_the_table_does_not_allow_is_refused_with_a_message(seller_client, shipment):
    response = seller_client.post(action_url(shipment, "deliver"), follow=True)

    shipment.refresh_from_db()
    assert shipment.status == "placed"
    assert response.status_code == 200 and 'class="messages"' in response.content.decode()
    assert seller_client.post(action_url(shipment, "teleport")).status_code == 404
    assert seller_client.get(action_url(shipment, "confirm")).status_code == 405


def test_cancel_needs_a_reason_and_returns_the_stock_once(seller_client, shipment, vase):
    vase.refresh_from_db()
    assert vase.stock == 3
    response = seller_client.post(action_url(shipment, "cancel"), {"reason": ""})
    assert response.status_code == 200 and "This field is required." in response.content.decode()

    seller_client.post(action_url(shipment, "cancel"), {"reason": "The kiln cracked it"})
    seller_client.post(action_url(shipment, "cancel"), {"reason": "Again"})

    shipment.refresh_from_db()
    vase.refresh_from_db()
    assert shipment.status == "cancelled" and vase.stock == 5
    assert ShipmentStatusChange.objects.get(shipment=shipment, to_status="cancelled").reason == "The kiln cracked it"


@pytest.mark.parametrize("method", ["cod", "bank_transfer"])
def test_seller_confirms_a_payment_received(seller_client, seller, vase, buyer, method):
    shipment = order_placed(buyer=buyer, products=[vase], payment_method=method).shipments.get()

    seller_client.post(action_url(shipment, "confirm-payment"))

    payment = Payment.objects.get(shipment=shipment)
    assert payment.status == "paid" and payment.confirmed_by == seller
    assert "Confirm payment received" not in seller_client.get(detail_url(shipment)).content.decode()


def test_a_card_payment_cannot_be_confirmed_by_the_seller(seller_client, vase, buyer):
    shipment = order_placed(buyer=buyer, products=[vase], payment_method="card").shipments.get()

    assert "Confirm payment received" not in seller_client.get(detail_url(shipment)).content.decode()
    seller_client.post(action_url(shipment, "confirm-payment"))

    assert Payment.objects.get(shipment=shipment).status == "pending"


def test_another_cooperatives_shipment_is_not_found(client, shipment):
    outsider = UserFactory()
    Membership.objects.create(cooperative=vietnamese_cooperative(), user=outsider, role=Membership.Role.OWNER)
    client.force_login(outsider)

    for url in (detail_url(shipment), reverse("sellers:packing_slip", args=[shipment.pk])):
        assert client.get(url).status_code == 404
    for action in ("confirm", "cancel", "confirm-payment"):
        assert client.post(action_url(shipment, action), {"reason": "mine now"}).status_code == 404
    shipment.refresh_from_db()
    assert shipment.status == "placed" and shipment.payment.status == "pending"


def test_packing_slip_lists_what_is_in_the_parcel_and_where_it_goes(seller_client, shipment):
    response = seller_client.get(reverse("sellers:packing_slip", args=[shipment.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert shipment.order.number in page and "Crackle-glaze vase" in page and "Silk scarf" not in page
    assert "12 Hang Bac" in page and "Bat Trang Ceramics" in page
    assert "Cash on delivery: collect" in page
    assert "<script" not in page and "style=" not in page


def test_dashboard_and_navigation_link_the_orders_to_act_on(seller_client, seller, vase, buyer):
    order_placed(buyer=buyer, products=[vase])
    shipped = order_placed(buyer=buyer, products=[vase]).shipments.get()
    move(shipped, "confirmed", "packed", "shipped", by=seller)

    page = seller_client.get(reverse("sellers:dashboard")).content.decode()

    assert reverse("sellers:order_list") in page
    assert "1 order needs you" in page


# --- reviews --------------------------------------------------------------------------------------

def delivered_review(seller, buyer, vase, **fields) -> Review:
    shipment = order_placed(buyer=buyer, products=[vase]).shipments.get()
    move(shipment, "confirmed", "packed", "shipped", "delivered", by=seller)
    line = shipment.lines.get()
    return Review.objects.create(line=line, product=vase, author=buyer, author_name="Lan", rating=4,
                                 text="Lovely glaze, well packed.", **fields)


def test_seller_reads_reviews_and_replies(seller_client, seller, buyer, vase):
    review = delivered_review(seller, buyer, vase)
    other_product = product_on_sale(name="Silk scarf")
    other_seller = UserFactory()
    Membership.objects.create(cooperative=other_product.cooperative, user=other_seller)
    delivered_review(other_seller, buyer, other_product)

    page = seller_client.get(reverse("sellers:reviews")).content.decode()
    assert "Lovely glaze" in page and "Silk scarf" not in page

    response = seller_client.post(reverse("sellers:reviews"), {"review": review.pk, "text": "Thank you, Lan!"},
                                  follow=True)

    review.refresh_from_db()
    assert review.reply == "Thank you, Lan!" and review.replied_by == seller
    assert "Thank you, Lan!" in response.content.decode()


def test_reply_to_another_cooperatives_review_is_not_found_and_empty_reply_is_reshown(
        seller_client, seller, buyer, vase):
    other_product = product_on_sale(name="Silk scarf")
    other_seller = UserFactory()
    Membership.objects.create(cooperative=other_product.cooperative, user=other_seller)
    theirs = delivered_review(other_seller, buyer, other_product)
    ours = delivered_review(seller, buyer, vase)

    assert seller_client.post(reverse("sellers:reviews"), {"review": theirs.pk, "text": "Hi"}).status_code == 404
    response = seller_client.post(reverse("sellers:reviews"), {"review": ours.pk, "text": ""})

    assert response.status_code == 200 and "This field is required." in response.content.decode()
    theirs.refresh_from_db()
    ours.refresh_from_db()
    assert theirs.reply == "" and ours.reply == ""

