"""Carts, shipping methods, orders split into one shipment per cooperative, payments and reviews.

Money is Decimal in the marketplace currency (``settings.MARKETPLACE_CURRENCY``), copied onto the
order when it is placed. Order lines keep the product's name and price at the time of sale.
"""
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalog.models import Photo
from ovop_market.models import StatusChange

# The most of one product a buyer may put in a cart: village stock is small, and a larger number
# is a typo or an attack.
MAX_LINE_QUANTITY = 99


class Zone(models.TextChoices):
    """Where a parcel goes, seen from the cooperative's country."""

    DOMESTIC = "domestic", _("Domestic")
    REGIONAL = "regional", _("Regional (same region of the world)")
    INTERNATIONAL = "international", _("International")


class PaymentMethod(models.TextChoices):
    CASH_ON_DELIVERY = "cod", _("Cash on delivery")
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    CARD = "card", _("Card")


class Cart(models.Model):
    """A buyer's cart: a signed-in user's (one each), or an anonymous one found by its token,
    which the session keeps. An anonymous cart is merged into the account's at login."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("buyer"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="cart",
    )
    token = models.CharField(max_length=43, unique=True, default=secrets.token_urlsafe, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("cart")
        verbose_name_plural = _("carts")

    def __str__(self) -> str:
        return f"cart {self.pk}"


class CartLine(models.Model):
    """One product in a cart. ``price_seen`` is the price the buyer last saw, so the cart can say
    when it has changed; the price charged is always the product's current one."""

    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey("catalog.Product", verbose_name=_("product"), on_delete=models.CASCADE,
                                related_name="+")
    quantity = models.PositiveIntegerField(
        _("quantity"), validators=[MinValueValidator(1), MaxValueValidator(MAX_LINE_QUANTITY)]
    )
    price_seen = models.DecimalField(_("price when added"), max_digits=10, decimal_places=2)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("cart line")
        verbose_name_plural = _("cart lines")
        ordering = ("added_at", "pk")
        constraints = [
            models.UniqueConstraint(fields=["cart", "product"], name="cartline_unique_product"),
            models.CheckConstraint(
                condition=Q(quantity__gte=1, quantity__lte=MAX_LINE_QUANTITY), name="cartline_quantity_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.product_id}"


class ShippingMethod(models.Model):
    """A way a cooperative can send a parcel (a postal service, a courier), priced by zone and
    weight band. A method may be limited to cooperatives in some countries."""

    name = models.CharField(_("name"), max_length=120)
    carrier = models.CharField(_("carrier"), max_length=80, blank=True)
    origin_countries = models.CharField(
        _("ships from"), max_length=200, blank=True,
        help_text=_("ISO country codes separated by spaces (e.g. “VN TH”); empty for everywhere."),
    )
    fragile_surcharge = models.DecimalField(
        _("surcharge for fragile goods"), max_digits=10, decimal_places=2, default=0,
        validators=[MinValueValidator(0)],
    )
    active = models.BooleanField(_("offered"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("shipping method")
        verbose_name_plural = _("shipping methods")
        ordering = ("position", "name")
        constraints = [
            models.CheckConstraint(condition=Q(fragile_surcharge__gte=0), name="shippingmethod_surcharge_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name


class ShippingRate(models.Model):
    """The price of one parcel up to ``max_weight_grams`` to one zone, and how long it takes."""

    method = models.ForeignKey(ShippingMethod, on_delete=models.CASCADE, related_name="rates")
    zone = models.CharField(_("zone"), max_length=15, choices=Zone.choices)
    max_weight_grams = models.PositiveIntegerField(_("up to (g)"))
    price = models.DecimalField(_("price"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)])
    min_days = models.PositiveSmallIntegerField(_("delivery from (days)"))
    max_days = models.PositiveSmallIntegerField(_("delivery up to (days)"))

    class Meta:
        verbose_name = _("shipping rate")
        verbose_name_plural = _("shipping rates")
        ordering = ("method", "zone", "max_weight_grams")
        constraints = [
            models.UniqueConstraint(fields=["method", "zone", "max_weight_grams"], name="shippingrate_unique_band"),
            models.CheckConstraint(condition=Q(price__gte=0), name="shippingrate_price_not_negative"),
            models.CheckConstraint(condition=Q(min_days__lte=F("max_days")), name="shippingrate_days_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.method} · {self.get_zone_display()} ≤ {self.max_weight_grams} g"


class Order(models.Model):
    """What a buyer placed, once: contact, address and totals. The goods are in its shipments.

    ``idempotency_key`` with ``placed_by_key`` (the account or the cart that placed it) makes a
    replayed placement find this order instead of making another; ``request_fingerprint`` tells
    a replay of the same request from a different one with the same key.
    """

    number = models.CharField(_("order number"), max_length=20, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("buyer"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="orders",
    )
    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("full name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=30)
    country = models.CharField(_("country"), max_length=2)
    province = models.CharField(_("province or state"), max_length=100, blank=True)
    city = models.CharField(_("city or district"), max_length=100)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    address_line1 = models.CharField(_("address"), max_length=200)
    address_line2 = models.CharField(_("address (line 2)"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    currency = models.CharField(_("currency"), max_length=3)
    subtotal = models.DecimalField(_("goods"), max_digits=12, decimal_places=2)
    shipping_total = models.DecimalField(_("shipping"), max_digits=12, decimal_places=2)
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    placed_by_key = models.CharField(max_length=60, editable=False)
    idempotency_key = models.CharField(max_length=100, editable=False)
    request_fingerprint = models.CharField(max_length=64, editable=False)
    placed_at = models.DateTimeField(_("placed"), auto_now_add=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ("-placed_at", "-pk")
        constraints = [
            models.UniqueConstraint(fields=["placed_by_key", "idempotency_key"], name="order_unique_idempotency"),
            models.CheckConstraint(condition=Q(total=F("subtotal") + F("shipping_total")), name="order_total_adds_up"),
            models.CheckConstraint(condition=Q(subtotal__gte=0, shipping_total__gte=0),
                                   name="order_amounts_not_negative"),
        ]
        indexes = [models.Index(fields=["user", "-placed_at"], name="order_user_placed_idx")]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("orders:detail", kwargs={"number": self.number})


class Shipment(models.Model):
    """One cooperative's part of an order: its lines, its shipping, its payment, its fulfilment.

    ``status`` changes only through ``orders.services.shipment_set_status`` and its table.
    """

    class Status(models.TextChoices):
        PLACED = "placed", _("Placed")
        CONFIRMED = "confirmed", _("Confirmed")
        PACKED = "packed", _("Packed")
        SHIPPED = "shipped", _("Shipped")
        DELIVERED = "delivered", _("Delivered")
        CANCELLED = "cancelled", _("Cancelled")
        RETURNED = "returned", _("Returned")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="shipments")
    cooperative = models.ForeignKey(
        "sellers.Cooperative", verbose_name=_("producer"), on_delete=models.PROTECT, related_name="shipments"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLACED, editable=False
    )
    shipping_method = models.ForeignKey(
        ShippingMethod, verbose_name=_("shipping method"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    shipping_method_name = models.CharField(_("shipping method"), max_length=120)
    zone = models.CharField(_("zone"), max_length=15, choices=Zone.choices)
    weight_grams = models.PositiveIntegerField(_("weight (g)"))
    subtotal = models.DecimalField(_("goods"), max_digits=12, decimal_places=2)
    shipping_price = models.DecimalField(_("shipping"), max_digits=10, decimal_places=2)
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    delivery_min_days = models.PositiveSmallIntegerField(_("delivery from (days)"))
    delivery_max_days = models.PositiveSmallIntegerField(
        _("delivery up to (days)"), help_text=_("Including the longest made-to-order lead time.")
    )
    carrier = models.CharField(_("carrier"), max_length=80, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=80, blank=True)
    stock_returned = models.BooleanField(_("stock returned"), default=False, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("shipment")
        verbose_name_plural = _("shipments")
        ordering = ("order", "pk")
        constraints = [
            models.UniqueConstraint(fields=["order", "cooperative"], name="shipment_one_per_cooperative"),
            models.CheckConstraint(condition=Q(total=F("subtotal") + F("shipping_price")),
                                   name="shipment_total_adds_up"),
        ]
        indexes = [models.Index(fields=["cooperative", "status", "-created_at"], name="shipment_coop_status_idx")]

    def __str__(self) -> str:
        return f"{self.order.number}-{self.pk}"


class ShipmentStatusChange(StatusChange):
    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=12, choices=Shipment.Status.choices)
    to_status = models.CharField(_("to"), max_length=12, choices=Shipment.Status.choices)

    class Meta(StatusChange.Meta):
        verbose_name = _("shipment status change")
        verbose_name_plural = _("shipment status changes")


class OrderLine(models.Model):
    """A product sold in a shipment, with its name and price as they were at the time."""

    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        "catalog.Product", verbose_name=_("product"), null=True, on_delete=models.SET_NULL, related_name="order_lines"
    )
    product_name = models.CharField(_("product"), max_length=200)
    unit_price = models.DecimalField(_("unit price"), max_digits=10, decimal_places=2)
    quantity = models.PositiveIntegerField(_("quantity"))
    line_total = models.DecimalField(_("line total"), max_digits=12, decimal_places=2)
    made_to_order = models.BooleanField(_("made to order"), default=False)
    lead_time_days = models.PositiveSmallIntegerField(_("lead time (days)"), null=True, blank=True)

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ("shipment", "pk")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="orderline_quantity_positive"),
            models.CheckConstraint(condition=Q(line_total=F("unit_price") * F("quantity")),
                                   name="orderline_total_adds_up"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.product_name}"


class Payment(models.Model):
    """How one shipment is paid. Only a provider's verified webhook, a seller member or an
    officer marks it paid (``orders.services`` payments), never the buyer.

    ``reference`` is unique and short: the buyer writes it on a bank transfer. ``provider_reference``
    is the card gateway's id; card payments for several shipments of one order share it.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for payment")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")
        REFUNDED = "refunded", _("Refunded")

    shipment = models.OneToOneField(Shipment, on_delete=models.CASCADE, related_name="payment")
    method = models.CharField(_("method"), max_length=15, choices=PaymentMethod.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING,
                              editable=False)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    reference = models.CharField(_("payment reference"), max_length=20, unique=True, editable=False)
    provider = models.CharField(_("provider"), max_length=30, blank=True, editable=False)
    provider_reference = models.CharField(_("provider reference"), max_length=100, blank=True, editable=False,
                                          db_index=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="payment_amount_not_negative")]

    def __str__(self) -> str:
        return self.reference


class PaymentEvent(models.Model):
    """A webhook call from a payment provider, kept once by its event id so a redelivery is a no-op."""

    provider = models.CharField(_("provider"), max_length=30)
    event_id = models.CharField(_("event id"), max_length=100)
    kind = models.CharField(_("kind"), max_length=60)
    payload = models.JSONField(_("payload"), default=dict)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment event")
        verbose_name_plural = _("payment events")
        ordering = ("-received_at",)
        constraints = [models.UniqueConstraint(fields=["provider", "event_id"], name="paymentevent_unique")]

    def __str__(self) -> str:
        return f"{self.provider} {self.event_id}"


class Review(models.Model):
    """A buyer's review of one delivered order line; the cooperative may reply once."""

    line = models.OneToOneField(OrderLine, on_delete=models.CASCADE, related_name="review")
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="reviews")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="reviews",
    )
    author_name = models.CharField(_("shown as"), max_length=80)
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(_("review"), max_length=4000, blank=True)
    reply = models.TextField(_("producer's reply"), max_length=2000, blank=True)
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published = models.BooleanField(_("shown to buyers"), default=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ("-created_at", "-pk")
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="review_rating_range"),
        ]
        indexes = [models.Index(fields=["product", "published", "-created_at"], name="review_product_idx")]

    def __str__(self) -> str:
        return f"{self.rating}★ {self.product_id}"


class ReviewPhoto(Photo):
    """A buyer's photo on a review, rendered by the same pipeline as product photos."""

    MEDIA_FOLDER = "reviews"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="photos")

    class Meta(Photo.Meta):
        verbose_name = _("review photo")
        verbose_name_plural = _("review photos")
