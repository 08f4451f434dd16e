"""The cart as a buyer sees it: "Add to cart" on the product page (no cookie until then), the cart
grouped by producer, quantities changed and lines removed, what changed since (price, sold out,
fewer left, withdrawn) said on the page, the header's count, and the cart kept at login."""
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Product
from orders.models import Cart, CartLine
from orders.selectors import CART_SESSION_KEY
from sellers.models import Cooperative
from tests.conftest import Client
from tests.factories import ProductFactory, UserFactory

from .factories import SellerFactory
from .html import parse

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


@pytest.fixture
def csrf_client():
    """A browser as strict as a real one about CSRF (the test client is not, by default)."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def vase():
    return ProductFactory(cooperative=SellerFactory(name="Bat Trang Pottery"), name="Blue vase",
                          price=Decimal("20.00"), stock=5)


@pytest.fixture
def scarf():
    return ProductFactory(cooperative=SellerFactory(name="Van Phuc Silk"), name="Silk scarf",
                          price=Decimal("15.00"), stock=3)


def lines_of(client) -> dict:
    token = client.session.get(CART_SESSION_KEY)
    return {line.product.name: line.quantity for line in CartLine.objects.filter(cart__token=token)}


def text_of(response) -> str:
    return " ".join(parse(response.content).get_text(" ").split())


# --- adding from the product page ---------------------------------------------------------------

def test_the_product_page_form_adds_to_the_cart_without_a_csrf_token_or_any_cookie_before(csrf_client, vase):
    product_page = csrf_client.get(vase.get_absolute_url())
    form = parse(product_page.content).find("form", {"class": "add-to-cart"})
    assert not product_page.cookies
    assert form is not None and form["action"] == "/cart/add/"
    assert form.find("input", {"name": "csrfmiddlewaretoken"}) is None

    response = csrf_client.post("/cart/add/", {"product": vase.pk, "quantity": 2},
                                HTTP_ORIGIN="http://testserver", HTTP_REFERER=f"http://testserver{vase.get_absolute_url()}")

    assert response.status_code == 302 and response["Location"] == "/cart/"
    assert lines_of(csrf_client) == {"Blue vase": 2}
    cart = csrf_client.get("/cart/")
    assert "“Blue vase” is in your cart." in text_of(cart)


def test_adding_again_adds_to_the_same_line(client, vase):
    client.post("/cart/add/", {"product": vase.pk, "quantity": 1})
    client.post("/cart/add/", {"product": vase.pk, "quantity": 2})
    assert lines_of(client) == {"Blue vase": 3}


@pytest.mark.parametrize("headers", [
    {"HTTP_ORIGIN": "https://evil.example"},
    {"HTTP_ORIGIN": "null"},
    {"HTTP_REFERER": "https://evil.example/page"},
    {"HTTP_ORIGIN": "https://evil.example", "HTTP_REFERER": "http://testserver/products/"},
])
def test_a_post_from_another_site_is_refused(csrf_client, vase, headers):
    response = csrf_client.post("/cart/add/", {"product": vase.pk, "quantity": 1}, **headers)
    assert response.status_code == 403
    assert not CartLine.objects.exists() and not response.cookies.get("sessionid")


def test_adding_takes_post_only(client, vase):
    assert client.get("/cart/add/", {"product": vase.pk}).status_code == 405
    assert not Cart.objects.exists()


@pytest.mark.parametrize("quantity, message", [
    ("0", "Ensure this value is greater than or equal to 1."),
    ("-3", "Ensure this value is greater than or equal to 1."),
    ("100", "Ensure this value is less than or equal to 99."),
    ("many", "Enter a whole number."),
    ("6", "Only 5 of “Blue vase” left."),
])
def test_a_bad_quantity_goes_back_to_the_product_page_with_a_message(client, vase, quantity, message):
    response = client.post("/cart/add/", {"product": vase.pk, "quantity": quantity}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == vase.get_absolute_url()
    assert message in text_of(response)
    assert not CartLine.objects.exists()


@pytest.mark.parametrize("product", ["", "abc", "999999", "-1"])
def test_an_unknown_product_is_a_message_not_an_error(client, product):
    response = client.post("/cart/add/", {"product": product, "quantity": 1}, follow=True)
    assert response.status_code == 200
    assert "That product could not be found." in text_of(response)


def test_a_withdrawn_or_sold_out_product_cannot_be_added(client, vase, scarf):
    Product.objects.filter(pk=vase.pk).update(status=Product.Status.ARCHIVED)
    Product.objects.filter(pk=scarf.pk).update(stock=0)
    withdrawn = client.post("/cart/add/", {"product": vase.pk, "quantity": 1}, follow=True)
    sold_out = client.post("/cart/add/", {"product": scarf.pk, "quantity": 1}, follow=True)
    assert "“Blue vase” is not on sale." in text_of(withdrawn)
    assert "“Silk scarf” has sold out." in text_of(sold_out)
    assert not CartLine.objects.exists()


def test_a_sold_out_product_page_offers_no_add_to_cart_and_made_to_order_offers_it(client, vase):
    Product.objects.filter(pk=vase.pk).update(stock=0)
    assert parse(client.get(vase.get_absolute_url()).content).find("form", {"class": "add-to-cart"}) is None
    bowl = ProductFactory(cooperative=vase.cooperative, stock=0, made_to_order=True, lead_time_days=14)
    form = parse(client.get(bowl.get_absolute_url()).content).find("form", {"class": "add-to-cart"})
    assert form.find("input", {"name": "quantity"})["max"] == "99"


# --- the cart page ------------------------------------------------------------------------------

def test_the_cart_groups_lines_by_producer_with_server_prices(client, vase, scarf):
    client.post("/cart/add/", {"product": vase.pk, "quantity": 2})
    client.post("/cart/add/", {"product": scarf.pk, "quantity": 1})
    page = parse(client.get("/cart/").content)

    groups = page.find_all("section", {"class": "cart-group"})
    assert [g.find("h2").get_text(strip=True) for g in groups] == ["From Bat Trang Pottery", "From Van Phuc Silk"]
    assert "US$40.00" in groups[0].get_text() and "US$15.00" in groups[1].get_text()
    assert "3 items" in page.get_text() and "US$55.00" in page.get_text()
    assert page.find("a", {"class": "cart-link"}).get_text(" ", strip=True).startswith("Cart 3")


def test_changing_a_quantity_and_removing_a_line(client, vase, scarf):
    client.post("/cart/add/", {"product": vase.pk})
    client.post("/cart/add/", {"product": scarf.pk})

    response = client.post("/cart/update/", {"product": vase.pk, "quantity": 4})
    assert response.status_code == 302 and lines_of(client) == {"Blue vase": 4, "Silk scarf": 1}
    response = client.post("/cart/remove/", {"product": scarf.pk}, follow=True)
    assert lines_of(client) == {"Blue vase": 4}
    assert "“Silk scarf” is removed from your cart." in text_of(response)


@pytest.mark.parametrize("quantity, message", [
    ("0", "Choose at least 1, or remove the product from your cart."),
    ("-1", "Choose at least 1, or remove the product from your cart."),
    ("1000", "At most 99 of one product per order."),
    ("two", "Enter a whole number."),
    ("6", "Only 5 of “Blue vase” left."),
])
def test_a_bad_quantity_shows_the_cart_again_with_the_message_beside_the_line(client, vase, quantity, message):
    client.post("/cart/add/", {"product": vase.pk, "quantity": 2})
    response = client.post("/cart/update/", {"product": vase.pk, "quantity": quantity})

    assert response.status_code == 200
    page = parse(response.content)
    field = page.find("input", {"id": f"quantity-{vase.pk}"})
    assert field["value"] == quantity and field["aria-invalid"] == "true"
    assert message in page.find("p", {"id": f"quantity-{vase.pk}-error"}).get_text()
    assert lines_of(client) == {"Blue vase": 2}


@pytest.mark.parametrize("data", [{}, {"product": "x"}, {"product": "999999", "quantity": "1"}])
def test_changing_or_removing_a_product_not_in_the_cart_is_a_message(client, vase, scarf, data):
    client.post("/cart/add/", {"product": vase.pk})
    for url in ("/cart/update/", "/cart/remove/"):
        response = client.post(url, data, follow=True)
        assert response.status_code == 200
        assert "That product is not in your cart." in text_of(response)
    response = client.post("/cart/remove/", {"product": scarf.pk}, follow=True)
    assert "That product is not in your cart." in text_of(response)
    assert lines_of(client) == {"Blue vase": 1}


def test_the_cart_forms_need_the_csrf_token_they_carry(csrf_client, vase):
    csrf_client.post("/cart/add/", {"product": vase.pk, "quantity": 2})
    assert csrf_client.post("/cart/update/", {"product": vase.pk, "quantity": 1}).status_code == 403
    page = parse(csrf_client.get("/cart/").content)
    token = page.find("input", {"name": "csrfmiddlewaretoken"})["value"]
    response = csrf_client.post("/cart/update/", {"product": vase.pk, "quantity": 1, "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and lines_of(csrf_client) == {"Blue vase": 1}


def test_what_changed_since_adding_is_said_on_the_cart_page_not_at_checkout(client, vase, scarf):
    cup = ProductFactory(cooperative=vase.cooperative, name="Tea cup", stock=4)
    bag = ProductFactory(cooperative=scarf.cooperative, name="Woven bag", stock=2)
    for product, quantity in ((vase, 1), (scarf, 1), (cup, 3), (bag, 1)):
        client.post("/cart/add/", {"product": product.pk, "quantity": quantity})
    Product.objects.filter(pk=vase.pk).update(price=Decimal("22.00"))
    Product.objects.filter(pk=scarf.pk).update(stock=0)
    Product.objects.filter(pk=cup.pk).update(stock=2)
    Product.objects.filter(pk=bag.pk).update(status=Product.Status.ARCHIVED)

    response = client.get("/cart/")
    text = text_of(response)
    assert "The price of “Blue vase” changed from 20.00 to 22.00." in text
    assert "was US$20.00" in text
    assert "“Silk scarf” has sold out; please remove it." in text
    assert "Only 2 of “Tea cup” left; please lower the quantity." in text
    assert "“Woven bag” is no longer on sale; please remove it." in text
    assert parse(response.content).find("a", {"href": "/checkout/"}) is None
    checkout = client.get("/checkout/")
    assert checkout.status_code == 200 and "Some things changed" not in text_of(checkout)

    client.post("/cart/update/", {"acknowledge": "1"})
    assert "changed from" not in text_of(client.get("/cart/"))


def test_a_cooperative_no_longer_verified_makes_its_products_unavailable(client, vase):
    client.post("/cart/add/", {"product": vase.pk})
    Cooperative.objects.filter(pk=vase.cooperative_id).update(verification_status=Cooperative.Verification.SUSPENDED)
    text = text_of(client.get("/cart/"))
    assert "“Blue vase” is no longer on sale" in text and "No longer on sale." in text


def test_an_empty_cart_says_so(client):
    response = client.get("/cart/")
    assert response.status_code == 200 and "Your cart is empty." in text_of(response)


def cart_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/cart/").status_code == 200
    return len(captured)


def test_the_cart_page_costs_the_same_queries_for_2_or_20_lines(client):
    sellers = [SellerFactory(), SellerFactory()]
    for n in range(2):
        client.post("/cart/add/", {"product": ProductFactory(cooperative=sellers[n % 2]).pk})
    few = cart_queries(client)
    for n in range(18):
        client.post("/cart/add/", {"product": ProductFactory(cooperative=sellers[n % 2]).pk})
    many = cart_queries(client)
    assert few == many <= 6


# --- the header's cart link ---------------------------------------------------------------------

def test_the_header_links_to_the_cart_without_a_query_for_visitors_who_never_added(client, vase):
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/")
    assert not [q for q in captured if "orders_cart" in q["sql"]]
    assert parse(response.content).find("a", {"class": "cart-link"}).get_text(strip=True) == "Cart"


def test_the_header_counts_the_items_of_a_signed_in_buyer(client, vase):
    buyer = UserFactory()
    client.force_login(buyer)
    client.post("/cart/add/", {"product": vase.pk, "quantity": 2})
    link = parse(client.get("/products/").content).find("a", {"class": "cart-link"})
    assert link.get_text(" ", strip=True) == "Cart 2 items"


# --- login keeps the cart -----------------------------------------------------------------------

def test_logging_in_merges_the_visitors_cart_into_the_accounts(client, vase, scarf):
    buyer = UserFactory(email="lan@example.com")
    own = Cart.objects.create(user=buyer)
    CartLine.objects.create(cart=own, product=vase, quantity=1, price_seen=vase.price)
    client.post("/cart/add/", {"product": vase.pk, "quantity": 2})
    client.post("/cart/add/", {"product": scarf.pk, "quantity": 1})

    response = client.post("/accounts/login/", {"username": "lan@example.com", "password": PASSWORD})

    assert response.status_code == 302
    assert {line.product.name: line.quantity for line in own.lines.all()} == {"Blue vase": 3, "Silk scarf": 1}
    assert Cart.objects.count() == 1
    assert "4 items" in text_of(client.get("/cart/"))


def test_logging_in_with_no_account_cart_makes_the_visitors_cart_the_accounts(client, vase):
    buyer = UserFactory(email="lan@example.com")
    client.post("/cart/add/", {"product": vase.pk, "quantity": 2})
    client.post("/accounts/login/", {"username": "lan@example.com", "password": PASSWORD})
    assert Cart.objects.get().user == buyer and lines_of_user(buyer) == {"Blue vase": 2}


def test_signing_up_keeps_the_visitors_cart(client, vase):
    client.post("/cart/add/", {"product": vase.pk, "quantity": 1})
    response = client.post("/accounts/signup/", {
        "email": "new@example.com", "full_name": "Dewi Lestari", "language": "en",
        "password1": "batik-from-yogya-2026", "password2": "batik-from-yogya-2026",
    })
    assert response.status_code == 302
    buyer = Cart.objects.get().user
    assert buyer.email == "new@example.com" and lines_of_user(buyer) == {"Blue vase": 1}


def test_a_failed_login_leaves_the_cart_with_the_visitor(client, vase):
    UserFactory(email="lan@example.com")
    client.post("/cart/add/", {"product": vase.pk, "quantity": 1})
    client.post("/accounts/login/", {"username": "lan@example.com", "password": "wrong"})
    assert Cart.objects.get().user is None and lines_of(client) == {"Blue vase": 1}


def lines_of_user(user) -> dict:
    return {line.product.name: line.quantity for line in CartLine.objects.filter(cart__user=user)}


def test_a_vietnamese_visitor_stays_in_vietnamese_through_the_cart(client, vase):
    form = parse(client.get(f"/vi{vase.get_absolute_url()}").content).find("form", {"class": "add-to-cart"})
    assert form["action"] == "/vi/cart/add/"
    response = client.post("/vi/cart/add/", {"product": vase.pk, "quantity": 1})
    assert response["Location"] == "/vi/cart/"
    page = client.get("/vi/cart/")
    assert page.status_code == 200 and page["Content-Language"] == "vi"
    assert parse(page.content).find("a", {"class": "button", "href": "/vi/checkout/"}) is not None
    checkout = client.get("/vi/checkout/")
    assert checkout.status_code == 200 and checkout["Content-Language"] == "vi"
    assert parse(checkout.content).find("form", {"class": "checkout-form"})["action"] == "/vi/checkout/"
