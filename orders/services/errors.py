"""What the order services refuse, as ``ValidationError`` subclasses with translated messages.

Views show ``error.messages``; the API turns them into a 4xx JSON body. ``SoldOut`` names the
products that ran out so the cart can point at them.
"""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class CartError(ValidationError):
    """A cart change that cannot be made (unavailable product, bad quantity, not enough stock)."""


class CheckoutError(ValidationError):
    """An order that cannot be placed as asked (empty cart, no shipping there, bad choice)."""


class SoldOut(CheckoutError):
    """Some products in the cart no longer have the stock asked for; nothing was ordered."""

    def __init__(self, products):
        self.products = list(products)
        names = ", ".join(f"“{product.name}”" for product in self.products)
        super().__init__(
            ngettext(
                "Sorry, %(names)s has just sold out (or has fewer left than you asked for). Nothing was ordered; "
                "please check your cart.",
                "Sorry, %(names)s have just sold out (or have fewer left than you asked for). Nothing was "
                "ordered; please check your cart.",
                len(self.products),
            ) % {"names": names},
            code="sold_out",
        )


class IdempotencyConflict(CheckoutError):
    """The idempotency key was already used for a different order request."""

    def __init__(self, message=None, code="idempotency_conflict", params=None):
        super().__init__(
            message or _("This checkout was already submitted with different details. Please reload the page "
                         "and check your order."),
            code=code, params=params,
        )


class PaymentError(ValidationError):
    """A payment step refused: bad webhook signature, unknown payment, wrong method or state."""
