"""The header's cart link: how many items the visitor's cart holds."""
from django import template
from django.db.models import Sum

from orders.models import CartLine
from orders.selectors import CART_SESSION_KEY

register = template.Library()


@register.simple_tag(takes_context=True)
def cart_item_count(context) -> int:
    """Items in the visitor's cart: one SUM query for a signed-in user or a session holding a cart
    token, none for an anonymous visitor who never added anything (most storefront views)."""
    if context.get("cart_items") is not None:  # the cart and checkout pages have counted already
        return context["cart_items"]
    request = context.get("request")
    if request is None:
        return 0
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        lines = CartLine.objects.filter(cart__user=user)
    else:
        session = getattr(request, "session", None)
        # A visitor without a session cookie has an empty session: reading it costs no query.
        token = session.get(CART_SESSION_KEY) if session is not None else None
        if not token:
            return 0
        lines = CartLine.objects.filter(cart__token=token, cart__user__isnull=True)
    return lines.aggregate(items=Sum("quantity"))["items"] or 0
