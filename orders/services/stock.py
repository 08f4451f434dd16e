"""Stock moves under row locks. Every path that changes a product's stock for an order (placing
it, cancelling a shipment) locks the products here, in primary-key order, so two paths can never
wait on each other in opposite orders (a deadlock). The database's CHECK (stock >= 0) is the
last line of defence; the checks here make running out a clear ``SoldOut`` instead."""
from django.db import connection
from django.db.models import F

from catalog.models import Product
from ovop_market.cache import catalog_pages_changed

from .errors import SoldOut


def stock_lock(*, product_ids) -> dict[int, Product]:
    """Lock the products (only their own rows) in primary-key order; the caller holds the
    transaction. Returns them by pk with their current, committed values."""
    products = Product.objects.filter(pk__in=set(product_ids)).order_by("pk")
    if connection.features.has_select_for_update_of:
        products = products.select_for_update(of=("self",))
    else:
        products = products.select_for_update()
    return {product.pk: product for product in products}


def stock_check(*, wanted: dict[int, int], products: dict[int, Product]) -> None:
    """Raise ``SoldOut`` naming every product with less stock than ``wanted`` (product pk ->
    quantity); made-to-order products are never short. Before the locks it lets a buyer who is too
    late fail without queueing for a sold-out product's lock; under them it is the real check."""
    short = [products[pk] for pk, quantity in sorted(wanted.items())
             if not products[pk].made_to_order and products[pk].stock < quantity]
    if short:
        raise SoldOut(short)


def stock_take(*, wanted: dict[int, int], locked: dict[int, Product]) -> None:
    """Take ``wanted`` (product pk -> quantity) from the locked products' stock, all or nothing.
    Made-to-order products take no stock. Raises ``SoldOut`` naming every product that is short,
    before anything is written."""
    stock_check(wanted=wanted, products=locked)
    taken = False
    for pk, quantity in sorted(wanted.items()):
        product = locked[pk]
        if product.made_to_order:
            continue
        Product.objects.filter(pk=pk).update(stock=F("stock") - quantity)
        product.stock -= quantity
        taken = True
    if taken:
        _stock_shown_changed()


def stock_return(*, returned: dict[int, int]) -> None:
    """Put ``returned`` (product pk -> quantity) back, under the same locks as taking it. Products
    made to order (now or when sold) are skipped by the caller; deleted products are gone."""
    locked = stock_lock(product_ids=returned)
    back = False
    for pk, quantity in sorted(returned.items()):
        if pk in locked and quantity > 0:
            Product.objects.filter(pk=pk).update(stock=F("stock") + quantity)
            back = True
    if back:
        _stock_shown_changed()


def _stock_shown_changed() -> None:
    # ``update()`` sends no save signal: the cached pages showing the stock (sold out or not, how
    # many may be bought) are dropped here, now and on commit.
    catalog_pages_changed()
