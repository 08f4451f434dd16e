"""Orders test data: cooperatives in a real country, shipping methods with rates, and orders
placed through the real checkout service (so they hold what a real order holds)."""
import itertools
import uuid
from decimal import Decimal

import factory

from catalog.models import Region
from orders.models import Cart, ShippingMethod, ShippingRate, Zone
from orders.services import cart_add, order_place
from tests.factories import CooperativeFactory, ProductFactory, UserFactory

_villages = itertools.count(1)

ECONOMIES = {"VN": "Viet Nam", "TH": "Thailand", "JP": "Japan", "LA": "Laos", "PE": "Peru"}


def village_in(country: str = "VN") -> Region:
    """A new village under the economy of ``country`` (made once, with its ISO code)."""
    economy, _created = Region.objects.get_or_create(
        slug=f"economy-{country.lower()}",
        defaults={"name": ECONOMIES.get(country, country), "kind": Region.Kind.ECONOMY, "country_code": country},
    )
    n = next(_villages)
    province = Region.objects.create(name=f"Province {n}", slug=f"province-{country.lower()}-{n}",
                                     kind=Region.Kind.PROVINCE, parent=economy)
    district = Region.objects.create(name=f"District {n}", slug=f"district-{country.lower()}-{n}",
                                     kind=Region.Kind.DISTRICT, parent=province)
    return Region.objects.create(name=f"Village {n}", slug=f"orders-village-{country.lower()}-{n}",
                                 kind=Region.Kind.VILLAGE, parent=district)


class SellerFactory(CooperativeFactory):
    """A verified cooperative in Viet Nam (``country=``), with payout details for bank transfers."""

    class Params:
        country = "VN"

    village = factory.LazyAttribute(lambda o: village_in(o.country))
    contact_email = factory.Sequence(lambda n: f"seller{n}@example.com")
    payout_account_holder = "HTX Gom Bat Trang"
    payout_bank_name = "Vietcombank"
    payout_account_number = "0011 0023 4567 89"


class ShippingMethodFactory(factory.django.DjangoModelFactory):
    """A method with three weight bands in each zone (``rates=False`` for none)."""

    class Meta:
        model = ShippingMethod
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Post {n}")
    carrier = factory.LazyAttribute(lambda o: o.name)
    fragile_surcharge = Decimal("2.00")

    @factory.post_generation
    def rates(method, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        base = {Zone.DOMESTIC: (Decimal("3.00"), 2, 4), Zone.REGIONAL: (Decimal("12.00"), 5, 9),
                Zone.INTERNATIONAL: (Decimal("25.00"), 8, 15)}
        for zone, (price, min_days, max_days) in base.items():
            for band, factor in ((1000, 1), (5000, 2), (20000, 4)):
                ShippingRate.objects.create(method=method, zone=zone, max_weight_grams=band, price=price * factor,
                                            min_days=min_days, max_days=max_days)


ADDRESS_VN = {"country": "VN", "province": "Ha Noi", "city": "Hoan Kiem", "postal_code": "100000",
              "address_line1": "12 Hang Bac", "address_line2": ""}
ADDRESS_JP = {"country": "JP", "province": "Oita", "city": "Yufu", "postal_code": "879-5102",
              "address_line1": "1-2-3 Yufuin", "address_line2": ""}


def contact_for(user=None) -> dict:
    return {"email": user.email if user else "guest@example.com", "full_name": "Nguyen Thi Mai",
            "phone": "+84 912 345 678"}


def cart_with(items, *, user=None) -> Cart:
    """A cart holding ``items``: products, or (product, quantity) pairs."""
    cart = Cart.objects.get_or_create(user=user)[0] if user is not None else Cart.objects.create()
    for item in items:
        product, quantity = item if isinstance(item, tuple) else (item, 1)
        cart_add(cart=cart, product=product, quantity=quantity)
    return cart


def choices_for(cart: Cart, *, method: ShippingMethod, payment: str = "cod") -> dict:
    cooperative_ids = {line.product.cooperative_id for line in cart.lines.select_related("product")}
    return {cid: {"shipping_method": method.pk, "payment_method": payment} for cid in cooperative_ids}


def order_placed(*, products=None, buyer=None, method=None, payment: str = "cod", address=None, key=None):
    """An order placed through ``order_place`` (COD within Viet Nam by default)."""
    if products is None:
        products = [ProductFactory(cooperative=SellerFactory())]
    method = method or ShippingMethodFactory()
    cart = cart_with(products, user=buyer)
    return order_place(cart=cart, buyer=buyer, contact=contact_for(buyer), address=address or ADDRESS_VN,
                       choices=choices_for(cart, method=method, payment=payment),
                       idempotency_key=key or uuid.uuid4().hex, language="en")


__all__ = ["ProductFactory", "UserFactory"]
