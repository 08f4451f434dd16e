"""Placing an order: one transaction that turns a cart into an order split into one shipment per
cooperative, takes the stock and records the payments, or does nothing at all.

Everything about money, sellers and status is computed here from the database; the request only
chooses among what the database offers (a shipping method quoted for that cooperative, a payment
method it accepts). A replayed request with the same idempotency key returns the first order.
"""
import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _

from catalog.models import Product
from ovop_market.models import Notification
from ovop_market.services import notification_send
from sellers.models import Cooperative
from sellers.services import cooperative_notify

from ..countries import COUNTRIES, postal_code_valid
from ..models import Cart, CartLine, Order, OrderLine, Payment, Shipment, ShipmentStatusChange
from ..selectors import (
    order_placed_by_key,
    order_placed_with,
    order_signed_url,
    payment_methods_for,
    product_is_public,
    shipping_quotes,
)
from .errors import CheckoutError, IdempotencyConflict
from .stock import stock_check, stock_lock, stock_take

# Order numbers: short enough to read over the phone, from letters and digits nobody confuses
# (no 0/O, 1/I/L), and random so that a number says nothing about the others (about 50 bits).
ORDER_NUMBER_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
ORDER_NUMBER_LENGTH = 10
IDEMPOTENCY_KEY_MAX = 100
_PHONE = re.compile(r"\+?[0-9][0-9 ().-]{5,28}")

CONTACT_FIELDS = ("email", "full_name", "phone")
ADDRESS_FIELDS = ("country", "province", "city", "postal_code", "address_line1", "address_line2")


def order_number_new() -> str:
    while True:
        number = "".join(secrets.choice(ORDER_NUMBER_ALPHABET) for _i in range(ORDER_NUMBER_LENGTH))
        if not Order.objects.filter(number=number).exists():
            return number


def _clean_text(data: dict, names) -> dict:
    return {name: " ".join(str(data.get(name) or "").split()) for name in names}


def _clean_contact_and_address(contact: dict, address: dict) -> tuple[dict, dict]:
    contact = _clean_text(contact or {}, CONTACT_FIELDS)
    address = _clean_text(address or {}, ADDRESS_FIELDS)
    address["country"] = address["country"].upper()
    address["postal_code"] = address["postal_code"].upper()
    contact["email"] = contact["email"].lower()
    errors = {}
    try:
        validate_email(contact["email"])
    except ValidationError:
        errors["email"] = _("Enter a valid e-mail address.")
    if not contact["full_name"]:
        errors["full_name"] = _("Enter the name to deliver to.")
    if not _PHONE.fullmatch(contact["phone"]):
        errors["phone"] = _("Enter a phone number the courier can call (digits, spaces and + only).")
    if address["country"] not in COUNTRIES:
        errors["country"] = _("We cannot deliver to that country yet.")
    elif not postal_code_valid(country=address["country"], postal_code=address["postal_code"]):
        errors["postal_code"] = _("Enter a postal code as it is written in %(country)s.") % {
            "country": COUNTRIES[address["country"]].name}
    if not address["city"]:
        errors["city"] = _("Enter the city or district.")
    if not address["address_line1"]:
        errors["address_line1"] = _("Enter the street address.")
    limits = {"email": 254, "full_name": 150, "phone": 30, "province": 100, "city": 100, "postal_code": 20,
              "address_line1": 200, "address_line2": 200}
    for name, limit in limits.items():
        value = contact.get(name, address.get(name, ""))
        if len(value) > limit:
            errors[name] = _("This is too long (at most %(limit)d characters).") % {"limit": limit}
    if errors:
        raise CheckoutError(errors)
    return contact, address


def _clean_choices(choices: dict) -> dict[int, dict]:
    cleaned = {}
    for key, choice in (choices or {}).items():
        try:
            cooperative_id = int(key)
            method_id = int((choice or {}).get("shipping_method"))
        except (TypeError, ValueError, AttributeError):
            raise CheckoutError(_("Choose a shipping method for each producer."), code="choice_invalid") from None
        cleaned[cooperative_id] = {"shipping_method": method_id,
                                   "payment_method": str((choice or {}).get("payment_method") or "")}
    return cleaned


def order_request_fingerprint(*, contact: dict, address: dict, choices: dict[int, dict]) -> str:
    """What the buyer asked for, hashed: a replay with the same key must ask the same. (The cart is
    emptied by the first placement, so its lines cannot be part of it; the choices name its sellers.)"""
    canonical = json.dumps(
        {"contact": contact, "address": address, "choices": {str(k): v for k, v in sorted(choices.items())}},
        sort_keys=True, separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replay(*, placed_by_key: str, idempotency_key: str, fingerprint: str) -> Order | None:
    order = order_placed_with(placed_by_key=placed_by_key, idempotency_key=idempotency_key)
    if order is not None and order.request_fingerprint != fingerprint:
        raise IdempotencyConflict()
    return order


def order_place(*, cart: Cart, buyer, contact: dict, address: dict, choices: dict, idempotency_key: str,
                language: str) -> Order:
    """Place the cart as an order, all or nothing: one shipment per cooperative with the shipping
    method and payment method chosen for it, order lines with today's names and prices, the stock
    taken under row locks (``SoldOut`` and nothing written if any line is short), the cart emptied,
    the buyer and each cooperative notified once it commits.

    The same ``idempotency_key`` from the same buyer (or guest cart) returns the first order when
    the request is the same and raises ``IdempotencyConflict`` when it differs.
    """
    if buyer is not None and cart.user_id not in (None, buyer.pk):
        raise PermissionDenied
    idempotency_key = str(idempotency_key or "").strip()
    if not idempotency_key or len(idempotency_key) > IDEMPOTENCY_KEY_MAX:
        raise CheckoutError(_("This checkout form is out of date; please reload the page."), code="idempotency_key")
    contact, address = _clean_contact_and_address(contact, address)
    choices = _clean_choices(choices)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    placed_by_key = order_placed_by_key(cart=cart, buyer=buyer)
    fingerprint = order_request_fingerprint(contact=contact, address=address, choices=choices)
    try:
        with transaction.atomic():
            return _place(cart=cart, buyer=buyer, contact=contact, address=address, choices=choices,
                          idempotency_key=idempotency_key, language=language, placed_by_key=placed_by_key,
                          fingerprint=fingerprint)
    except IntegrityError:
        # Another placement with the same key won the race past the cart lock (a cart that was
        # replaced meanwhile); the unique constraint kept it to one order: answer with that one.
        order = _replay(placed_by_key=placed_by_key, idempotency_key=idempotency_key, fingerprint=fingerprint)
        if order is None:
            raise
        return order


# What the plan of an order is made of: if none of these changed between the unlocked read and
# the lock, the plan made from the read stands. (Stock is checked under the lock in any case.)
_PLANNED_FIELDS = ("cooperative_id", "status", "name", "price", "weight_grams", "fragile", "made_to_order",
                   "lead_time_days")


@dataclass
class _Draft:
    """An order as it will be written: the rows, unsaved, and the notifications' contexts."""
    order: Order
    shipments: list[Shipment]
    lines: list[list[OrderLine]]  # per shipment
    payments: list[Payment]
    buyer_context: dict
    seller_contexts: list[dict]  # per shipment


def _place(*, cart, buyer, contact, address, choices, idempotency_key, language, placed_by_key, fingerprint):
    # The cart row lock makes placements of one cart (a double click, a retry) wait for each other,
    # so the second one finds the first one's order below.
    cart = Cart.objects.select_for_update().filter(pk=cart.pk).first()
    order = _replay(placed_by_key=placed_by_key, idempotency_key=idempotency_key, fingerprint=fingerprint)
    if order is not None:
        return order
    if cart is None:
        raise CheckoutError(_("Your cart is empty."), code="empty")
    lines = list(CartLine.objects.filter(cart=cart).order_by("pk"))
    if not lines:
        raise CheckoutError(_("Your cart is empty."), code="empty")
    wanted: dict[int, int] = {}
    for line in lines:
        wanted[line.product_id] = wanted.get(line.product_id, 0) + line.quantity

    # Everything that does not need the product locks is worked out first, from the committed rows
    # read without them (quotes, payment methods, totals, the notifications), so that a popular
    # product's lock is held only for the stock and the writes; what may have changed meanwhile
    # (stock, price, approval...) is checked again under the locks.
    products = Product.objects.select_related("cooperative__village").in_bulk(wanted)
    order_fields = {"number": order_number_new(), "user": buyer, "language": language,
                    "placed_by_key": placed_by_key, "idempotency_key": idempotency_key,
                    "request_fingerprint": fingerprint, **contact, **address}
    draft = _draft(lines=lines, products=products, choices=choices, address=address, order_fields=order_fields)
    stock_check(wanted=wanted, products=products)

    locked = stock_lock(product_ids=wanted)
    if any(_planned(locked.get(pk)) != _planned(products[pk]) for pk in wanted):
        # Changed in between (a new price, a withdrawal): plan again from the locked rows.
        cooperatives = Cooperative.objects.select_related("village").in_bulk(
            {product.cooperative_id for product in locked.values()})
        for product in locked.values():
            product.cooperative = cooperatives[product.cooperative_id]
        draft = _draft(lines=lines, products=locked, choices=choices, address=address, order_fields=order_fields)
    stock_take(wanted=wanted, locked=locked)

    order = draft.order
    order.save(force_insert=True)
    for shipment in draft.shipments:
        shipment.order = order
    Shipment.objects.bulk_create(draft.shipments)
    for shipment, group, payment in zip(draft.shipments, draft.lines, draft.payments, strict=True):
        payment.shipment = shipment
        for line in group:
            line.shipment = shipment
    OrderLine.objects.bulk_create([line for group in draft.lines for line in group])
    Payment.objects.bulk_create(draft.payments)
    ShipmentStatusChange.objects.bulk_create([
        ShipmentStatusChange(shipment=shipment, from_status="", to_status=Shipment.Status.PLACED, by=buyer)
        for shipment in draft.shipments])
    CartLine.objects.filter(cart=cart).delete()
    notification_send(kind=Notification.Kind.ORDER_CONFIRMATION, user=order.user, email=order.email,
                      language=order.language, context=draft.buyer_context)
    for shipment, context in zip(draft.shipments, draft.seller_contexts, strict=True):
        context["link"] = {"name": "sellers:order_detail", "kwargs": {"pk": shipment.pk}}
        cooperative_notify(cooperative=shipment.cooperative, kind=Notification.Kind.ORDER_NEW_FOR_SELLER,
                           context=context)
    return order


def _planned(product) -> tuple | None:
    return None if product is None else tuple(getattr(product, name) for name in _PLANNED_FIELDS)


def _draft(*, lines, products, choices, address, order_fields) -> _Draft:
    """The order ``lines`` make with ``products`` (each with its cooperative), or the
    ``CheckoutError`` that stops it: a product no longer on sale, a shipping method the cooperative
    cannot use for the address, a payment method it does not accept."""
    withdrawn = [products[line.product_id] for line in lines
                 if line.product_id in products and not product_is_public(products[line.product_id])]
    if withdrawn or any(line.product_id not in products for line in lines):
        raise CheckoutError(
            _("%(names)s is no longer on sale; please remove it from your cart.")
            % {"names": ", ".join(f"“{p.name}”" for p in withdrawn) or _("A product")}, code="unavailable")
    by_cooperative: dict[int, list[CartLine]] = {}
    for line in lines:
        by_cooperative.setdefault(products[line.product_id].cooperative_id, []).append(line)

    currency = settings.MARKETPLACE_CURRENCY
    order = Order(currency=currency, **order_fields)
    shipments, shipment_lines, payments = [], [], []
    for index, cooperative_id in enumerate(sorted(by_cooperative), start=1):
        group = by_cooperative[cooperative_id]
        sold = [products[line.product_id] for line in group]
        cooperative = sold[0].cooperative
        choice = choices.get(cooperative_id)
        if choice is None:
            raise CheckoutError(_("Choose how %(cooperative)s should ship your order.")
                                % {"cooperative": cooperative.name}, code="choice_missing")
        weight = sum(p.weight_grams * line.quantity for p, line in zip(sold, group, strict=True))
        lead_times = [p.lead_time_days or 0 for p in sold if p.made_to_order]
        quotes = shipping_quotes(cooperative=cooperative, country=address["country"], weight_grams=weight,
                                 fragile=any(p.fragile for p in sold),
                                 lead_time_days=max(lead_times) if lead_times else None)
        quote = next((q for q in quotes if q.method.pk == choice["shipping_method"]), None)
        if quote is None:
            raise CheckoutError(_("%(cooperative)s cannot ship with that method to %(country)s; please choose "
                                  "another.") % {"cooperative": cooperative.name,
                                                 "country": COUNTRIES[address["country"]].name},
                                code="shipping_method")
        if choice["payment_method"] not in payment_methods_for(cooperative=cooperative, country=address["country"]):
            raise CheckoutError(_("%(cooperative)s does not accept that payment method for this address.")
                                % {"cooperative": cooperative.name}, code="payment_method")
        shipment_lines.append([
            OrderLine(product=product, product_name=product.name, unit_price=product.price, quantity=line.quantity,
                      line_total=product.price * line.quantity, made_to_order=product.made_to_order,
                      lead_time_days=product.lead_time_days if product.made_to_order else None)
            for product, line in zip(sold, group, strict=True)
        ])
        goods = sum((line.line_total for line in shipment_lines[-1]), start=_zero())
        shipment = Shipment(
            cooperative=cooperative, shipping_method=quote.method, shipping_method_name=quote.method.name,
            carrier=quote.method.carrier, zone=quote.zone, weight_grams=weight, subtotal=goods,
            shipping_price=quote.price, total=goods + quote.price, delivery_min_days=quote.min_days,
            delivery_max_days=quote.max_days,
        )
        shipments.append(shipment)
        payments.append(Payment(method=choice["payment_method"], amount=shipment.total,
                                reference=f"{order.number}-{index}"))
    order.subtotal = sum((shipment.subtotal for shipment in shipments), start=_zero())
    order.shipping_total = sum((shipment.shipping_price for shipment in shipments), start=_zero())
    order.total = order.subtotal + order.shipping_total
    buyer_context, seller_contexts = _placed_contexts(order=order, shipments=shipments, lines=shipment_lines,
                                                      payments=payments)
    return _Draft(order=order, shipments=shipments, lines=shipment_lines, payments=payments,
                  buyer_context=buyer_context, seller_contexts=seller_contexts)


def _zero() -> Decimal:
    return Decimal("0.00")


def order_link_context(order: Order) -> dict:
    """How a notification about ``order`` links to it: the page for an account holder, the signed
    link (a secret, dropped once sent) for a guest."""
    if order.user_id is not None:
        return {"link": {"name": "orders:detail", "kwargs": {"number": order.number}}}
    try:
        return {"action_url": f"{settings.SITE_URL}{order_signed_url(order=order)}"}
    except NoReverseMatch:  # the buyer pages are not mounted (a project without them)
        return {}


def _lines_context(lines) -> list[dict]:
    return [{"name": line.product_name, "quantity": line.quantity, "price": line.line_total} for line in lines]


def _placed_contexts(*, order, shipments, lines, payments) -> tuple[dict, list[dict]]:
    """What the buyer's confirmation and each cooperative's new-order notice say (each
    cooperative's link to its shipment is added once the shipment has a number)."""
    paying = []
    for shipment, payment in zip(shipments, payments, strict=True):
        cooperative = shipment.cooperative
        entry = {"cooperative": cooperative.name, "method": payment.method, "amount": payment.amount,
                 "reference": payment.reference, "shipping": shipment.shipping_price,
                 "shipping_method": shipment.shipping_method_name,
                 "delivery_min_days": shipment.delivery_min_days, "delivery_max_days": shipment.delivery_max_days}
        if payment.method == "bank_transfer":
            entry.update(account_holder=cooperative.payout_account_holder, bank=cooperative.payout_bank_name,
                         account_number=cooperative.payout_account_number)
        paying.append(entry)
    buyer = {"order_number": order.number, "lines": _lines_context(line for group in lines for line in group),
             "shipping_total": order.shipping_total, "total": order.total, "payments": paying,
             **order_link_context(order)}
    address = "\n".join(part for part in (
        order.full_name, order.phone, order.address_line1, order.address_line2,
        " ".join(p for p in (order.postal_code, order.city) if p), order.province,
        str(COUNTRIES[order.country].name) if order.country in COUNTRIES else order.country) if part)
    sellers = [{
        "order_number": order.number, "lines": _lines_context(group), "total": shipment.total,
        "payment_method": payment.method, "shipping_method": shipment.shipping_method_name,
        "shipping_address": address, "cooperative": shipment.cooperative.name,
    } for shipment, group, payment in zip(shipments, lines, payments, strict=True)]
    return buyer, sellers


def order_cancel(*, order: Order, by, reason: str = "", token: str | None = None) -> Order:
    """Cancel every shipment of ``order`` that may still be cancelled (not shipped yet). The buyer
    (signed in, or a guest holding the order's signed link ``token``), or an officer; each shipment
    returns its stock once."""
    from ..selectors import order_token_valid
    from .fulfilment import CANCELLABLE, shipment_cancel

    is_buyer = by is not None and by.is_authenticated and order.user_id == by.pk
    is_officer = by is not None and by.is_authenticated and by.is_active and by.is_staff
    holds_link = order_token_valid(order=order, token=token)
    if not (is_buyer or is_officer or holds_link):
        raise PermissionDenied
    with transaction.atomic():
        # Every shipment locked first, in pk order, before any product: the same order of locks
        # as a single shipment's cancellation, so the two cannot deadlock.
        shipments = list(Shipment.objects.select_for_update().filter(order=order).order_by("pk"))
        cancellable = [shipment for shipment in shipments if shipment.status in CANCELLABLE]
        if not cancellable:
            raise CheckoutError(_("This order can no longer be cancelled: it has been shipped."),
                                code="not_cancellable")
        for shipment in cancellable:
            shipment_cancel(shipment=shipment, by=by if not holds_link or is_buyer else None, reason=reason,
                            _buyer_link=holds_link or is_buyer)
    return order
