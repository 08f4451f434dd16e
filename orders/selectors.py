"""Reads for carts, shipping, orders and reviews, shaped for the pages that show them."""
from dataclasses import dataclass, field
from decimal import Decimal

from django.core import signing
from django.db.models import Avg, Count, Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from catalog.models import Product, Region
from sellers.models import Cooperative

from .countries import COUNTRIES
from .models import Cart, CartLine, Order, OrderLine, PaymentMethod, Review, Shipment, ShippingRate, Zone

# The session key holding an anonymous buyer's cart token.
CART_SESSION_KEY = "orders_cart_token"
GUEST_LINK_SALT = "orders.guest-link"


# --- carts --------------------------------------------------------------------------------------

def cart_of(request, *, create: bool = False) -> Cart | None:
    """The signed-in user's cart, or the anonymous cart whose token the session keeps.

    With ``create`` a missing cart is made (and an anonymous one remembered in the session).
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        if create:
            cart, _created = Cart.objects.get_or_create(user=user)
            return cart
        return Cart.objects.filter(user=user).first()
    token = request.session.get(CART_SESSION_KEY)
    cart = Cart.objects.filter(token=token, user__isnull=True).first() if token else None
    if cart is None and create:
        cart = Cart.objects.create()
        request.session[CART_SESSION_KEY] = cart.token
    return cart


def product_is_public(product: Product) -> bool:
    """On sale: approved, from a verified cooperative (the storefront's rule)."""
    return (product.status == Product.Status.APPROVED
            and product.cooperative.verification_status == Cooperative.Verification.VERIFIED)


@dataclass
class CartLineView:
    line: CartLine
    product: Product
    unit_price: Decimal
    price_seen: Decimal
    line_total: Decimal
    price_changed: bool
    sold_out: bool
    available: int | None  # how many can be bought; None for made to order
    unavailable: bool  # withdrawn, or its cooperative is no longer verified

    @property
    def quantity(self) -> int:
        return self.line.quantity

    @property
    def too_many(self) -> bool:
        return self.available is not None and self.line.quantity > self.available


@dataclass
class CartGroup:
    cooperative: Cooperative
    lines: list[CartLineView] = field(default_factory=list)
    subtotal: Decimal = Decimal("0.00")
    weight_grams: int = 0
    fragile: bool = False
    max_lead_time_days: int | None = None


@dataclass
class CartSummary:
    groups: list[CartGroup]
    subtotal: Decimal
    count: int
    issues: list[str]
    can_check_out: bool


def cart_lines(*, cart: Cart) -> QuerySet:
    return (CartLine.objects.filter(cart=cart)
            .select_related("product", "product__cooperative", "product__cooperative__village")
            .order_by("added_at", "pk"))


def cart_summary(*, cart: Cart | None) -> CartSummary:
    """The cart grouped by cooperative with current prices, and what changed since the buyer added
    things (price, sold out, fewer left, withdrawn). One query, whatever the number of lines.

    A price change is listed in ``issues`` but does not block checkout (the checkout shows and
    charges the current price); a withdrawn, sold-out or short line does.
    """
    groups: dict[int, CartGroup] = {}
    issues: list[str] = []
    blocked = False
    subtotal, count = Decimal("0.00"), 0
    for line in cart_lines(cart=cart) if cart is not None and cart.pk else ():
        product = line.product
        unavailable = not product_is_public(product)
        available = None if product.made_to_order else product.stock
        sold_out = not unavailable and available == 0
        view = CartLineView(
            line=line, product=product, unit_price=product.price, price_seen=line.price_seen,
            line_total=product.price * line.quantity, price_changed=product.price != line.price_seen,
            sold_out=sold_out, available=available, unavailable=unavailable,
        )
        if unavailable:
            issues.append(_("“%(name)s” is no longer on sale; please remove it.") % {"name": product.name})
            blocked = True
        elif sold_out:
            issues.append(_("“%(name)s” has sold out; please remove it.") % {"name": product.name})
            blocked = True
        elif view.too_many:
            issues.append(_("Only %(count)d of “%(name)s” left; please lower the quantity.")
                          % {"count": available, "name": product.name})
            blocked = True
        if view.price_changed and not unavailable:
            issues.append(_("The price of “%(name)s” changed from %(old)s to %(new)s.")
                          % {"name": product.name, "old": line.price_seen, "new": product.price})
        group = groups.setdefault(product.cooperative_id, CartGroup(cooperative=product.cooperative))
        group.lines.append(view)
        group.subtotal += view.line_total
        group.weight_grams += product.weight_grams * line.quantity
        group.fragile = group.fragile or product.fragile
        if product.made_to_order and product.lead_time_days:
            group.max_lead_time_days = max(group.max_lead_time_days or 0, product.lead_time_days)
        subtotal += view.line_total
        count += line.quantity
    ordered = sorted(groups.values(), key=lambda g: (g.cooperative.name, g.cooperative.pk))
    return CartSummary(groups=ordered, subtotal=subtotal, count=count, issues=issues,
                       can_check_out=bool(ordered) and not blocked)


# --- shipping -----------------------------------------------------------------------------------

def cooperative_country(*, cooperative: Cooperative) -> str:
    """The ISO code of the country a cooperative ships from (its village's economy), or ""."""
    village = cooperative.village
    if village is None:
        return ""
    economy_slug = village.path.split("/", 1)[0]
    economy = Region.objects.filter(slug=economy_slug, kind=Region.Kind.ECONOMY).only("country_code").first()
    return economy.country_code.upper() if economy else ""


def shipping_zone(*, origin: str, destination: str) -> str | None:
    """Domestic, regional (same region of the world) or international; None if either is unknown."""
    if origin not in COUNTRIES or destination not in COUNTRIES:
        return None
    if origin == destination:
        return Zone.DOMESTIC
    if COUNTRIES[origin].region == COUNTRIES[destination].region:
        return Zone.REGIONAL
    return Zone.INTERNATIONAL


@dataclass
class ShippingQuote:
    method: object  # ShippingMethod
    zone: str
    price: Decimal
    min_days: int
    max_days: int

    @property
    def zone_label(self) -> str:
        return Zone(self.zone).label


def shipping_quotes(*, cooperative: Cooperative, country: str, weight_grams: int, fragile: bool,
                    lead_time_days: int | None) -> list:
    """What each active method shipping from the cooperative's country charges for one parcel of
    ``weight_grams`` to ``country`` (the smallest weight band that holds it), cheapest first.
    The fragile surcharge is in the price and the made-to-order lead time in the days. An empty
    list means the cooperative cannot ship there."""
    origin = cooperative_country(cooperative=cooperative)
    zone = shipping_zone(origin=origin, destination=(country or "").upper())
    if zone is None:
        return []
    rates = (ShippingRate.objects.filter(method__active=True, zone=zone, max_weight_grams__gte=weight_grams)
             .select_related("method").order_by("method_id", "max_weight_grams"))
    quotes, seen = [], set()
    extra_days = lead_time_days or 0
    for rate in rates:
        method = rate.method
        if method.pk in seen:
            continue
        seen.add(method.pk)
        origins = method.origin_countries.upper().split()
        if origins and origin not in origins:
            continue
        price = rate.price + (method.fragile_surcharge if fragile else Decimal("0"))
        quotes.append(ShippingQuote(method=method, zone=zone, price=price,
                                    min_days=rate.min_days + extra_days, max_days=rate.max_days + extra_days))
    quotes.sort(key=lambda q: (q.price, q.max_days, q.method.position, q.method.name))
    return quotes


def payment_methods_for(*, cooperative: Cooperative, country: str) -> list[str]:
    """The payment methods a buyer in ``country`` may use for this cooperative's part: cash on
    delivery within the cooperative's own country when it accepts it, bank transfer when it accepts
    it and has payout details, card always."""
    methods = []
    if cooperative.accepts_cash_on_delivery and (country or "").upper() == cooperative_country(cooperative=cooperative):
        methods.append(PaymentMethod.CASH_ON_DELIVERY.value)
    if (cooperative.accepts_bank_transfer and cooperative.payout_account_number.strip()
            and cooperative.payout_bank_name.strip()):
        methods.append(PaymentMethod.BANK_TRANSFER.value)
    methods.append(PaymentMethod.CARD.value)
    return methods


# --- orders -------------------------------------------------------------------------------------

def _order_detail_queryset() -> QuerySet:
    return Order.objects.prefetch_related(
        Prefetch("shipments", queryset=Shipment.objects.select_related("cooperative", "payment").order_by("pk")),
        Prefetch("shipments__lines", queryset=OrderLine.objects.select_related("product", "review").order_by("pk")),
    )


def order_placed_by_key(*, cart: Cart | None, buyer) -> str | None:
    """Who placed an order, for its idempotency key: the account, else the (anonymous) cart; None
    when there is neither."""
    if buyer is not None:
        return f"user:{buyer.pk}"
    return f"cart:{cart.token}" if cart is not None else None


def order_placed_with(*, placed_by_key: str | None, idempotency_key: str) -> Order | None:
    """The order placed by ``placed_by_key`` (``order_placed_by_key``) with ``idempotency_key``, if any."""
    if not (placed_by_key and idempotency_key):
        return None
    return Order.objects.filter(placed_by_key=placed_by_key, idempotency_key=idempotency_key).first()


def orders_of(*, user) -> QuerySet:
    """A buyer's orders, newest first, with their shipments and lines."""
    if not user.is_authenticated:
        return Order.objects.none()
    return _order_detail_queryset().filter(user=user)


def order_signed_token(*, order: Order) -> str:
    """The secret that lets a guest open their order page: a signature of its number."""
    return signing.Signer(salt=GUEST_LINK_SALT).signature(order.number)


def order_signed_url(*, order: Order) -> str:
    """The order page's path with the guest token, in the order's language."""
    with translation.override(order.language):
        path = reverse("orders:detail", kwargs={"number": order.number})
    return f"{path}?t={order_signed_token(order=order)}"


def order_token_valid(*, order: Order, token: str | None) -> bool:
    return bool(token) and constant_time_compare(token, order_signed_token(order=order))


def order_for_viewer(*, number: str, user, token: str | None = None) -> Order:
    """The order ``number`` for its buyer, an officer, or whoever holds its signed link; a 404 for
    anybody else (the same 404 as for a number that does not exist)."""
    order = _order_detail_queryset().filter(number=number).first()
    if order is None:
        raise Http404
    if user is not None and user.is_authenticated and user.is_active:
        if order.user_id == user.pk or user.is_staff:
            return order
    if order_token_valid(order=order, token=token):
        return order
    raise Http404


def shipments_of_cooperative(*, cooperative: Cooperative, status: str | None = None) -> QuerySet:
    """A cooperative's shipments, newest first, with their order and payment (for the seller centre)."""
    shipments = (Shipment.objects.filter(cooperative=cooperative)
                 .select_related("order", "payment", "cooperative")
                 .order_by("-created_at", "-pk"))
    if status:
        shipments = shipments.filter(status=status)
    return shipments


# --- reviews ------------------------------------------------------------------------------------

def reviews_of_product(*, product: Product) -> QuerySet:
    """The published reviews shown on a product page, newest first, with their photos."""
    return (Review.objects.filter(product=product, published=True)
            .prefetch_related("photos").order_by("-created_at", "-pk"))


def product_rating(*, product: Product) -> tuple[Decimal | None, int]:
    """(average rating to one decimal or None, number of published reviews)."""
    row = Review.objects.filter(product=product, published=True).aggregate(average=Avg("rating"), count=Count("pk"))
    average = row["average"]
    return (Decimal(str(round(average, 1))) if average is not None else None), row["count"]


# A seller still has something to do for these: confirm, pack or ship.
SHIPMENT_STATUSES_TO_ACT_ON = (Shipment.Status.PLACED, Shipment.Status.CONFIRMED, Shipment.Status.PACKED)


def shipments_to_act_on(*, cooperative: Cooperative) -> int:
    """How many of the cooperative's shipments wait for the seller (the seller centre's count)."""
    return Shipment.objects.filter(cooperative=cooperative, status__in=SHIPMENT_STATUSES_TO_ACT_ON).count()
