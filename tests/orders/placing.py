"""Orders placed the way a buyer places them, several per buyer, for the API and seller centre
tests (built on ``tests.orders.factories``)."""
import itertools

from orders import services
from orders.models import Cart, Order, ShippingMethod
from tests.factories import ProductFactory

from .factories import ADDRESS_VN, SellerFactory, ShippingMethodFactory

_keys = itertools.count()
CONTACT = {"email": "lan@example.com", "full_name": "Nguyen Thi Lan", "phone": "+84 912 345 678"}


def vietnamese_cooperative(**fields):
    """A verified cooperative in a Vietnamese village, with payout details and a contact address."""
    return SellerFactory(**fields)


def postal_service() -> ShippingMethod:
    """The one shipping method of these tests (rates in every zone)."""
    return ShippingMethod.objects.filter(name="Vietnam Post").first() or ShippingMethodFactory(name="Vietnam Post")


def product_on_sale(cooperative=None, **fields):
    postal_service()
    return ProductFactory(cooperative=cooperative or vietnamese_cooperative(), **fields)


def order_placed(*, buyer=None, products, quantity=1, payment_method="cod", key=None) -> Order:
    """``buyer`` (None for a guest) orders ``quantity`` of each product by the postal service,
    paying each cooperative by ``payment_method``; the buyer's cart is reused order after order."""
    method = postal_service()
    cart = Cart.objects.get_or_create(user=buyer)[0] if buyer is not None else Cart.objects.create()
    for product in products:
        services.cart_add(cart=cart, product=product, quantity=quantity)
    choices = {product.cooperative_id: {"shipping_method": method.pk, "payment_method": payment_method}
               for product in products}
    contact = {**CONTACT, **({"email": buyer.email} if buyer is not None else {})}
    return services.order_place(cart=cart, buyer=buyer, contact=contact, address=ADDRESS_VN, choices=choices,
                                idempotency_key=key or f"key-{next(_keys)}", language="en")
