"""Demo shipping methods and a few orders, made through the same services as a real checkout.

Shipping: each country's postal service (with its EMS), and a regional courier, priced by zone
and weight band in the marketplace currency, with a surcharge for fragile goods. Orders: the demo
buyer's orders from the demo artisan's cooperative in several states (placed, confirmed, shipped,
delivered and reviewed, cancelled), so the buyer's pages, the seller centre and admin have
something to show. Each order has a fixed idempotency key: a second run finds it and does nothing.
"""
from collections import Counter
from decimal import Decimal

from django.utils.translation import gettext as _

from catalog.models import Product
from orders.models import Cart, Order, Payment, ShippingMethod, ShippingRate, Zone
from orders.selectors import payment_methods_for, shipping_quotes
from orders.services import (
    cart_add,
    order_cancel,
    order_place,
    payment_confirm_received,
    review_create,
    review_reply,
    shipment_set_status,
)
from ovop_market.models import User
from sellers.models import Cooperative

D, R, X = Zone.DOMESTIC, Zone.REGIONAL, Zone.INTERNATIONAL

# (name, carrier, ships from, fragile surcharge, {zone: [(up to grams, price, min days, max days)]})
SHIPPING_METHODS = [
    ("Vietnam Post — standard parcel", "Vietnam Post", "VN", "1.50", {
        D: [(1000, "1.60", 2, 4), (5000, "3.20", 2, 5), (20000, "7.50", 3, 6)],
        R: [(1000, "9.00", 6, 10), (5000, "21.00", 6, 12), (20000, "58.00", 8, 14)],
        X: [(1000, "14.00", 10, 18), (5000, "36.00", 10, 20), (20000, "105.00", 12, 24)],
    }),
    ("EMS Viet Nam — express", "EMS", "VN", "2.50", {
        D: [(1000, "3.00", 1, 2), (5000, "5.50", 1, 3), (20000, "12.00", 2, 3)],
        R: [(1000, "16.00", 3, 5), (5000, "34.00", 3, 6), (20000, "88.00", 4, 7)],
        X: [(1000, "24.00", 4, 7), (5000, "55.00", 4, 8), (20000, "150.00", 5, 9)],
    }),
    ("Thailand Post — EMS", "Thailand Post", "TH", "2.00", {
        D: [(1000, "1.80", 1, 3), (5000, "3.60", 1, 3), (20000, "8.00", 2, 4)],
        R: [(1000, "11.00", 4, 8), (5000, "25.00", 4, 9), (20000, "64.00", 5, 10)],
        X: [(1000, "18.00", 6, 12), (5000, "42.00", 6, 14), (20000, "120.00", 8, 16)],
    }),
    ("Japan Post — Yu-Pack and EMS", "Japan Post", "JP", "3.00", {
        D: [(1000, "6.00", 1, 2), (5000, "9.00", 1, 3), (20000, "16.00", 2, 3)],
        R: [(1000, "15.00", 3, 6), (5000, "32.00", 3, 7), (20000, "80.00", 4, 8)],
        X: [(1000, "22.00", 4, 8), (5000, "48.00", 4, 9), (20000, "130.00", 5, 10)],
    }),
    ("Lao Post — parcel", "Lao Post", "LA", "1.50", {
        D: [(1000, "1.50", 2, 5), (5000, "3.00", 3, 6), (20000, "7.00", 3, 7)],
        R: [(1000, "10.00", 7, 12), (5000, "24.00", 7, 14), (20000, "62.00", 9, 16)],
        X: [(1000, "16.00", 12, 21), (5000, "40.00", 12, 24), (20000, "115.00", 14, 28)],
    }),
    ("Pos Indonesia — Paket", "Pos Indonesia", "ID", "1.50", {
        D: [(1000, "1.40", 2, 5), (5000, "2.80", 2, 6), (20000, "6.50", 3, 7)],
        R: [(1000, "10.00", 6, 11), (5000, "23.00", 6, 13), (20000, "60.00", 8, 15)],
        X: [(1000, "15.00", 10, 20), (5000, "38.00", 10, 22), (20000, "110.00", 12, 25)],
    }),
    ("Pos Malaysia — Poslaju", "Pos Malaysia", "MY", "2.00", {
        D: [(1000, "2.00", 1, 3), (5000, "4.00", 1, 3), (20000, "9.00", 2, 4)],
        R: [(1000, "10.00", 4, 8), (5000, "23.00", 4, 9), (20000, "60.00", 5, 10)],
        X: [(1000, "17.00", 6, 12), (5000, "40.00", 6, 14), (20000, "115.00", 8, 16)],
    }),
    ("Serpost — Perú", "Serpost", "PE", "2.00", {
        D: [(1000, "3.00", 2, 6), (5000, "5.50", 3, 7), (20000, "11.00", 3, 8)],
        R: [(1000, "14.00", 6, 12), (5000, "30.00", 6, 14), (20000, "80.00", 8, 16)],
        X: [(1000, "22.00", 10, 20), (5000, "52.00", 10, 22), (20000, "140.00", 12, 25)],
    }),
    # A regional courier: door to door within South-East Asia, no further.
    ("Ninja Van — regional courier", "Ninja Van", "VN TH MY ID", "1.00", {
        D: [(1000, "2.20", 1, 3), (5000, "3.90", 1, 3), (20000, "8.50", 2, 4)],
        R: [(1000, "8.50", 3, 6), (5000, "18.00", 3, 7), (20000, "49.00", 4, 8)],
    }),
]

BUYER = "buyer@ovop.market"
ARTISAN = "artisan@ovop.market"
COOPERATIVE = "bat-trang-blue-glaze-cooperative"
HANOI = {"country": "VN", "province": "Hà Nội", "city": "Ba Đình", "postal_code": "118000",
         "address_line1": "24 Phan Đình Phùng", "address_line2": "Apartment 5B"}
OITA = {"country": "JP", "province": "Ōita", "city": "Yufu", "postal_code": "879-5102",
        "address_line1": "1-2-3 Yufuin-chō Kawakami", "address_line2": ""}

# (idempotency key, [(product slug, quantity)], address, payment method, what happens next)
ORDERS = [
    ("demo-order-delivered", [("bat-trang-blue-glaze-tea-set", 1)], HANOI, "cod", "delivered"),
    ("demo-order-shipped", [("bat-trang-rice-bowls-set-of-four", 2)], OITA, "bank_transfer", "shipped"),
    ("demo-order-confirmed", [("bat-trang-rice-bowls-set-of-four", 1)], HANOI, "bank_transfer", "confirmed"),
    ("demo-order-placed", [("bat-trang-blue-and-white-vase", 1)], HANOI, "cod", "placed"),
    ("demo-order-cancelled", [("bat-trang-blue-glaze-tea-set", 2)], HANOI, "cod", "cancelled"),
]


def demo_orders_seed(*, created: Counter) -> None:
    """Create the shipping methods and demo orders that are missing (inside the seed's transaction)."""
    _seed_shipping(created)
    _seed_orders(created)


def _seed_shipping(created: Counter) -> None:
    for position, (name, carrier, origins, surcharge, zones) in enumerate(SHIPPING_METHODS):
        if ShippingMethod.objects.filter(name=name).exists():
            continue
        method = ShippingMethod.objects.create(name=name, carrier=carrier, origin_countries=origins,
                                               fragile_surcharge=Decimal(surcharge), position=position)
        ShippingRate.objects.bulk_create([
            ShippingRate(method=method, zone=zone, max_weight_grams=grams, price=Decimal(price), min_days=low,
                         max_days=high)
            for zone, bands in zones.items() for grams, price, low, high in bands
        ])
        created["shipping methods"] += 1


def _seed_orders(created: Counter) -> None:
    buyer = User.objects.filter(email=BUYER).first()
    artisan = User.objects.filter(email=ARTISAN).first()
    cooperative = Cooperative.objects.filter(slug=COOPERATIVE).first()
    if buyer is None or artisan is None or cooperative is None:
        return
    if cooperative.verification_status != Cooperative.Verification.VERIFIED:
        return
    pending = [spec for spec in ORDERS
               if not Order.objects.filter(placed_by_key=f"user:{buyer.pk}", idempotency_key=spec[0]).exists()]
    if not pending:
        return
    if not (cooperative.payout_account_number or cooperative.payout_bank_name):
        # The demo cooperative takes bank transfers; its payout details were never set.
        cooperative.payout_account_holder = "HTX Gom Men Lam Bat Trang"
        cooperative.payout_bank_name = "Agribank — Gia Lâm branch"
        cooperative.payout_account_number = "1500 2051 8842 17"
        cooperative.save(update_fields=["payout_account_holder", "payout_bank_name", "payout_account_number"])
    for key, items, address, payment, outcome in pending:
        products = [(Product.objects.filter(slug=slug, cooperative=cooperative).first(), n) for slug, n in items]
        if any(product is None or (not product.made_to_order and product.stock < n) for product, n in products):
            continue
        order = _place(buyer, cooperative, key, products, address, payment)
        if order is None:
            continue
        _advance(order, outcome, buyer=buyer, artisan=artisan)
        created["orders"] += 1


def _place(buyer, cooperative, key, products, address, payment) -> Order | None:
    # A cart of its own, so nothing the demo buyer has in their real cart is ordered.
    cart = Cart.objects.create()
    for product, quantity in products:
        cart_add(cart=cart, product=product, quantity=quantity)
    weight = sum(product.weight_grams * quantity for product, quantity in products)
    quotes = shipping_quotes(cooperative=cooperative, country=address["country"], weight_grams=weight,
                             fragile=any(product.fragile for product, _n in products), lead_time_days=None)
    if not quotes or payment not in payment_methods_for(cooperative=cooperative, country=address["country"]):
        cart.delete()
        return None
    contact = {"email": buyer.email, "full_name": buyer.full_name, "phone": "+84 912 555 014"}
    choices = {cooperative.pk: {"shipping_method": quotes[0].method.pk, "payment_method": payment}}
    order = order_place(cart=cart, buyer=buyer, contact=contact, address=address, choices=choices,
                        idempotency_key=key, language=buyer.language)
    cart.delete()
    return order


def _advance(order: Order, outcome: str, *, buyer, artisan) -> None:
    shipment = order.shipments.get()
    if outcome == "cancelled":
        order_cancel(order=order, by=buyer, reason=_("Ordered twice by mistake."))
        return
    steps = {"placed": [], "confirmed": ["confirmed"], "shipped": ["confirmed", "packed", "shipped"],
             "delivered": ["confirmed", "packed", "shipped", "delivered"]}[outcome]
    for status in steps:
        extra = {"carrier": shipment.carrier or "Vietnam Post",
                 "tracking_number": f"RR{order.number[:8]}VN"} if status == "shipped" else {}
        shipment_set_status(shipment=shipment, to=status, by=artisan, **extra)
    payment = Payment.objects.get(shipment=shipment)
    if outcome in ("shipped", "delivered"):
        payment_confirm_received(payment=payment, by=artisan)
    if outcome == "delivered":
        review = review_create(
            line=shipment.lines.get(), by=buyer, rating=5,
            text=("The tea set arrived wrapped in rice straw and not a chip on it. The blue is deeper than in the "
                  "photos, and the pot pours without dripping."),
        )
        review_reply(review=review, by=artisan,
                     text="Cảm ơn chị! Thank you — the straw is from our own fields. Enjoy your tea.")
