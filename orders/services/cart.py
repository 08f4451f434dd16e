"""Cart writes. Prices are always the product's current ones; ``price_seen`` only remembers what
the buyer was shown, so the cart can tell them when it changed. Writes to one cart are
serialised by a lock on the cart row."""
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from catalog.models import Product

from ..models import MAX_LINE_QUANTITY, Cart, CartLine
from ..selectors import CART_SESSION_KEY, product_is_public
from .errors import CartError


def _quantity(value) -> int:
    try:
        quantity = int(value)
    except (TypeError, ValueError):
        raise CartError(_("Enter a whole number of items."), code="quantity_invalid") from None
    if quantity < 1:
        raise CartError(_("The quantity must be at least 1."), code="quantity_too_small")
    if quantity > MAX_LINE_QUANTITY:
        raise CartError(_("You can buy at most %(max)d of one product at a time.") % {"max": MAX_LINE_QUANTITY},
                        code="quantity_too_large")
    return quantity


def _check_product(product: Product, quantity: int) -> None:
    if not product_is_public(product):
        raise CartError(_("“%(name)s” is not on sale.") % {"name": product.name}, code="unavailable")
    if not product.made_to_order:
        if product.stock == 0:
            raise CartError(_("“%(name)s” has sold out.") % {"name": product.name}, code="sold_out")
        if quantity > product.stock:
            raise CartError(
                _("Only %(count)d of “%(name)s” left.") % {"count": product.stock, "name": product.name},
                code="not_enough_stock",
            )


def _locked(cart: Cart) -> Cart:
    return Cart.objects.select_for_update().get(pk=cart.pk)


def _fresh_product(product: Product) -> Product:
    return Product.objects.select_related("cooperative").get(pk=product.pk)


@transaction.atomic
def cart_add(*, cart: Cart, product: Product, quantity=1) -> CartLine:
    """Add ``quantity`` of a product on sale, to its line if there is one. Refuses a quantity
    below 1, above ``MAX_LINE_QUANTITY`` in total, or above the stock of a stocked product."""
    quantity = _quantity(quantity)
    _locked(cart)
    product = _fresh_product(product)
    line = CartLine.objects.filter(cart=cart, product=product).first()
    total = quantity + (line.quantity if line else 0)
    if total > MAX_LINE_QUANTITY:
        raise CartError(_("You can buy at most %(max)d of one product at a time.") % {"max": MAX_LINE_QUANTITY},
                        code="quantity_too_large")
    _check_product(product, total)
    if line is None:
        line = CartLine.objects.create(cart=cart, product=product, quantity=total, price_seen=product.price)
    else:
        line.quantity, line.price_seen = total, product.price
        line.save(update_fields=["quantity", "price_seen"])
    cart.save(update_fields=["updated_at"])
    return line


@transaction.atomic
def cart_set_quantity(*, cart: Cart, product: Product, quantity) -> CartLine:
    """Set a line's quantity (1 to ``MAX_LINE_QUANTITY``, within stock); remove it with ``cart_remove``."""
    quantity = _quantity(quantity)
    _locked(cart)
    product = _fresh_product(product)
    line = CartLine.objects.filter(cart=cart, product=product).first()
    if line is None:
        raise CartError(_("“%(name)s” is not in your cart.") % {"name": product.name}, code="not_in_cart")
    _check_product(product, quantity)
    line.quantity = quantity
    line.save(update_fields=["quantity"])
    cart.save(update_fields=["updated_at"])
    return line


@transaction.atomic
def cart_remove(*, cart: Cart, product: Product) -> None:
    _locked(cart)
    CartLine.objects.filter(cart=cart, product=product).delete()
    cart.save(update_fields=["updated_at"])


@transaction.atomic
def cart_acknowledge_changes(*, cart: Cart) -> None:
    """The buyer has seen the changed prices: remember the current ones as seen."""
    _locked(cart)
    for line in CartLine.objects.filter(cart=cart).select_related("product"):
        if line.price_seen != line.product.price:
            line.price_seen = line.product.price
            line.save(update_fields=["price_seen"])


@transaction.atomic
def cart_merge(*, source: Cart, into: Cart) -> Cart:
    """Move an anonymous cart's lines into the account's cart (at login) and delete it. Quantities
    of a product in both add up, kept within ``MAX_LINE_QUANTITY`` and the stock; lines that are
    no longer on sale stay for the cart page to point out."""
    if source.pk == into.pk:
        return into
    # Both carts locked in primary-key order, like every other multi-row lock.
    list(Cart.objects.select_for_update().filter(pk__in=[source.pk, into.pk]).order_by("pk"))
    existing = {line.product_id: line for line in CartLine.objects.filter(cart=into)}
    for line in CartLine.objects.filter(cart=source).select_related("product"):
        product = line.product
        limit = MAX_LINE_QUANTITY if product.made_to_order else min(MAX_LINE_QUANTITY, max(product.stock, 1))
        target = existing.get(line.product_id)
        if target is None:
            CartLine.objects.create(cart=into, product=product, quantity=min(line.quantity, limit),
                                    price_seen=line.price_seen)
        else:
            target.quantity = max(1, min(target.quantity + line.quantity, limit))
            target.save(update_fields=["quantity"])
    source.delete()
    into.save(update_fields=["updated_at"])
    return into


def cart_attach_on_login(*, request, user) -> Cart | None:
    """After a login: the session's anonymous cart becomes (or merges into) the user's cart.
    Called by the login view; API token logins have no session cart and do nothing."""
    session = getattr(request, "session", None)
    token = session.pop(CART_SESSION_KEY, None) if session is not None else None
    if not token:
        return None
    anonymous = Cart.objects.filter(token=token, user__isnull=True).first()
    if anonymous is None:
        return None
    with transaction.atomic():
        own = Cart.objects.filter(user=user).first()
        if own is None:
            try:
                with transaction.atomic():
                    updated = Cart.objects.filter(pk=anonymous.pk, user__isnull=True).update(user=user)
            except IntegrityError:  # the user's cart was made meanwhile
                updated = 0
            if updated:
                anonymous.user = user
                return anonymous
            own = Cart.objects.get(user=user)
        return cart_merge(source=anonymous, into=own)
