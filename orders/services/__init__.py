"""Order writes, split by capability (cart, checkout, payments, fulfilment, reviews); every
public name is re-exported here so callers write ``from orders.services import order_place``."""
from .errors import CartError, CheckoutError, IdempotencyConflict, PaymentError, SoldOut  # noqa: I001  (first)
from .cart import (
    cart_acknowledge_changes,
    cart_add,
    cart_attach_on_login,
    cart_merge,
    cart_remove,
    cart_set_quantity,
)
from .checkout import order_cancel, order_link_context, order_place
from .fulfilment import (
    CANCELLABLE,
    SHIPMENT_TRANSITIONS,
    shipment_cancel,
    shipment_confirm,
    shipment_mark_delivered,
    shipment_mark_shipped,
    shipment_pack,
    shipment_return,
    shipment_set_status,
)
from .payments import (
    PAYMENT_TRANSITIONS,
    payment_confirm_received,
    payment_intent_payments,
    payment_start,
    payment_webhook_handle,
    test_gateway_complete,
)
from .reviews import review_create, review_may_write, review_reply, review_set_published
from .stock import stock_lock, stock_return, stock_take

__all__ = [
    "CANCELLABLE",
    "PAYMENT_TRANSITIONS",
    "SHIPMENT_TRANSITIONS",
    "CartError",
    "CheckoutError",
    "IdempotencyConflict",
    "PaymentError",
    "SoldOut",
    "cart_acknowledge_changes",
    "cart_add",
    "cart_attach_on_login",
    "cart_merge",
    "cart_remove",
    "cart_set_quantity",
    "order_cancel",
    "order_link_context",
    "order_place",
    "payment_confirm_received",
    "payment_intent_payments",
    "payment_start",
    "payment_webhook_handle",
    "review_create",
    "review_may_write",
    "review_reply",
    "review_set_published",
    "shipment_cancel",
    "shipment_confirm",
    "shipment_mark_delivered",
    "shipment_mark_shipped",
    "shipment_pack",
    "shipment_return",
    "shipment_set_status",
    "stock_lock",
    "stock_return",
    "stock_take",
    "test_gateway_complete",
]
