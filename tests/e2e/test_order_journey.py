"""A buyer on a phone puts a vase from Bat Trang and a scarf from Van Phuc in the cart, checks out
as a guest (cash on delivery for one, bank transfer for the other), sees the confirmation with the
transfer instructions; a member of the pottery cooperative marks the parcel shipped in the seller
centre, and the buyer's signed link shows it shipped with its tracking number — as issue 6 asks."""
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from orders.models import Order, Payment, Shipment
from sellers.models import Membership
from tests.e2e.conftest import PHONE
from tests.factories import ProductFactory, UserFactory
from tests.orders.factories import SellerFactory, ShippingMethodFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("tasks_in_this_process")]

SELLER_EMAIL = "hoa@battrang.example"
SELLER_PASSWORD = "blue-glaze-kiln-2026"
TRACKING = "EE123456789VN"


def test_guest_buys_from_two_villages_and_follows_the_parcel_the_seller_ships(page, second_page, live_server,
                                                                               settings):
    settings.SITE_URL = url = live_server.url
    ShippingMethodFactory(name="Vietnam Post", carrier="VNPost")
    pottery = SellerFactory(name="Bat Trang Pottery", accepts_bank_transfer=False)
    silk = SellerFactory(name="Van Phuc Silk", payout_account_holder="HTX Lua Van Phuc",
                         payout_bank_name="Agribank", payout_account_number="1500 2000 3000 44")
    vase = ProductFactory(cooperative=pottery, name="Blue glazed vase", price=Decimal("20.00"), stock=3)
    scarf = ProductFactory(cooperative=silk, name="Silk scarf", price=Decimal("15.00"), stock=4)
    member = UserFactory(email=SELLER_EMAIL, full_name="Le Thi Hoa", password=SELLER_PASSWORD)
    Membership.objects.create(cooperative=pottery, user=member, role=Membership.Role.OWNER)

    # --- Two products from two villages into the cart ----------------------------------------------
    page.goto(f"{url}{vase.get_absolute_url()}")
    assert not page.context.cookies()  # browsing sets no cookie
    page.get_by_role("button", name="Add to cart").click()
    page.wait_for_url(f"{url}/cart/")
    expect(page.get_by_text("“Blue glazed vase” is in your cart.")).to_be_visible()

    page.goto(f"{url}{scarf.get_absolute_url()}")
    page.get_by_label("Quantity").fill("2")
    page.get_by_role("button", name="Add to cart").click()
    page.wait_for_url(f"{url}/cart/")
    expect(page.get_by_role("heading", name="From Bat Trang Pottery")).to_be_visible()
    expect(page.get_by_role("heading", name="From Van Phuc Silk")).to_be_visible()
    expect(page.locator(".cart-link")).to_contain_text("3")

    # --- Guest checkout: contact, address, one choice per producer ---------------------------------
    page.get_by_role("link", name="Check out").click()
    page.wait_for_url(f"{url}/checkout/")
    page.get_by_label("E-mail address").fill("mai@example.com")
    page.get_by_label("Full name").fill("Nguyen Thi Mai")
    page.get_by_label("Phone").fill("0912 345 678")
    expect(page.get_by_label("Country")).to_have_value("VN")  # the producers' country, to start with
    page.get_by_label("Address", exact=True).fill("12 Hang Bac")
    page.get_by_label("City or district").fill("Hoan Kiem")
    page.get_by_label("Province or city").fill("Ha Noi")
    page.get_by_label("Postal code").fill("100000")

    pottery_parcel = page.locator(".checkout-parcel", has_text="Parcel from Bat Trang Pottery")
    silk_parcel = page.locator(".checkout-parcel", has_text="Parcel from Van Phuc Silk")
    expect(pottery_parcel.get_by_text("Bank transfer")).to_have_count(0)  # this producer does not take it
    pottery_parcel.get_by_text("Cash on delivery").click()
    silk_parcel.get_by_text("Bank transfer").click()
    # 20.00 + 30.00 of goods, 3.00 domestic shipping per parcel, computed by the server.
    expect(page.locator("#checkout-total")).to_have_text("US$56.00")
    page.get_by_role("button", name="Place order").click()

    # --- The confirmation page: the signed guest link, with the transfer instructions --------------
    page.wait_for_url(re.compile(r"/orders/[A-Z0-9]{10}/\?t="))
    order = Order.objects.get()
    guest_link = page.url
    expect(page.get_by_text(f"Thank you! Your order {order.number} is placed.")).to_be_visible()
    transfer = page.locator(".transfer")
    reference = Payment.objects.get(method="bank_transfer").reference
    expect(transfer).to_contain_text(reference)
    expect(transfer).to_contain_text("1500 2000 3000 44")
    expect(transfer).to_contain_text("US$33.00")
    expect(page.get_by_text("Pay US$23.00 in cash to the courier when the parcel arrives.")).to_be_visible()
    assert Shipment.objects.filter(order=order, status="placed").count() == 2

    # --- The pottery cooperative confirms, packs and ships it from the seller centre ---------------
    second_page.goto(f"{url}/seller/orders/")
    second_page.wait_for_url(re.compile(r"/accounts/login/\?next="))
    second_page.get_by_label("E-mail address").fill(SELLER_EMAIL)
    second_page.get_by_label("Password").fill(SELLER_PASSWORD)
    second_page.get_by_role("button", name="Log in").click()
    second_page.wait_for_url(f"{url}/seller/orders/")
    second_page.get_by_role("link", name=re.compile(order.number)).first.click()
    second_page.wait_for_url(re.compile(r"/seller/orders/\d+/$"))
    expect(second_page.get_by_text("Silk scarf")).to_have_count(0)  # only its own part of the order
    second_page.get_by_role("button", name="Confirm order").click()
    second_page.get_by_role("button", name="Mark packed").click()
    second_page.get_by_label("Carrier").fill("VNPost")
    second_page.get_by_label("Tracking number").fill(TRACKING)
    second_page.get_by_role("button", name="Mark shipped").click()
    expect(second_page.get_by_text(TRACKING)).to_be_visible()

    # --- The buyer's link shows the parcel on its way, with its tracking number --------------------
    page.goto(guest_link)
    pottery_shipment = page.locator(".shipment", has_text="Parcel from Bat Trang Pottery")
    expect(pottery_shipment.locator(".shipment__status .status")).to_have_text("Shipped")
    expect(pottery_shipment).to_contain_text(f"VNPost, tracking number {TRACKING}")
    silk_shipment = page.locator(".shipment", has_text="Parcel from Van Phuc Silk")
    expect(silk_shipment.locator(".shipment__status .status")).to_have_text("Placed")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing wider than the phone
