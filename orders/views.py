"""Buyer pages: the cart, checkout, order pages, cancellation, reviews, and the test card gateway.

Server-rendered and usable without JavaScript. Views check the shape of the request, call one
service from ``orders.services`` and render; prices, totals, stock and permissions are the
services' business, and nothing the client sends about money, sellers or status is read.
"""
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from catalog.models import Product

from . import selectors, services
from .countries import COUNTRIES
from .forms import (
    CartAddForm,
    CartLineForm,
    CartRemoveForm,
    CheckoutForm,
    ReviewForm,
    ShipmentChoiceForm,
    new_idempotency_key,
)
from .models import MAX_LINE_QUANTITY, CartLine, Order, OrderLine, Payment, PaymentMethod, Shipment

ORDERS_PER_PAGE = 20
# The orders this browser session placed, as [idempotency key, order number] pairs (the last few):
# a replayed checkout POST, or a stale second tab once the cart is empty, shows that order again.
PLACED_SESSION_KEY = "orders_placed"
PLACED_REMEMBERED = 10


def _messages_of(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


# --- cart ---------------------------------------------------------------------------------------

@never_cache
def cart(request):
    return _cart_page(request, selectors.cart_of(request))


def _cart_page(request, cart, *, line_errors=None, typed=None, status=200):
    """The cart grouped by producer; ``line_errors``/``typed`` (by product id) re-show a refused
    quantity change beside its line, with what the buyer typed."""
    summary = selectors.cart_summary(cart=cart)
    line_errors, typed = line_errors or {}, typed or {}
    for group in summary.groups:
        for view in group.lines:
            view.errors = line_errors.get(view.product.pk, [])
            view.typed = typed.get(view.product.pk, view.quantity)
    any_price_changed = any(view.price_changed and not view.unavailable
                            for group in summary.groups for view in group.lines)
    return render(request, "orders/cart.html", {
        "summary": summary, "any_price_changed": any_price_changed, "max_quantity": MAX_LINE_QUANTITY,
        "cart_items": summary.count,
    }, status=status)


def _from_this_site(request) -> bool:
    """Whether the browser says the POST comes from one of our pages. Browsers send Origin on
    every cross-site POST (Referer as a fallback); a request with neither (an old browser, a
    privacy tool) is let through: see ``cart_add``."""
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if not source:
        return True
    if source == "null":  # a sandboxed frame or a data: URL
        return False
    return urlsplit(source).netloc == request.get_host()


# The product page's "Add to cart" carries no CSRF token: anonymous storefront pages must set no
# cookie (they are cached and cost no session query). That is safe here because
#  - the session cookie is SameSite=Lax: a POST from another site arrives without it, so a forged
#    request cannot reach the victim's cart or account; at most it would start a new anonymous cart;
#  - Origin (or Referer) is checked when the browser sends it, which every current browser does on
#    a cross-site POST, so even that new-cart case is refused;
#  - adding to a cart buys nothing: the buyer sees the cart, and checkout is CSRF-protected.
@csrf_exempt
@require_POST
def cart_add(request):
    if not _from_this_site(request):
        return HttpResponseForbidden(_("This form must be sent from our own pages."))
    form = CartAddForm(request.POST)
    product_id = str(form.data.get("product", ""))
    product = (Product.objects.select_related("cooperative").filter(pk=int(product_id)).first()
               if product_id.isdigit() else None)
    if product is None:
        messages.error(request, _("That product could not be found."))
        return redirect("orders:cart")
    back = product.get_absolute_url() if selectors.product_is_public(product) else reverse("orders:cart")
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(back)
    try:
        services.cart_add(cart=selectors.cart_of(request, create=True), product=product,
                          quantity=form.cleaned_data["quantity"])
    except ValidationError as error:
        for message in _messages_of(error):
            messages.error(request, message)
        return redirect(back)
    messages.success(request, _("“%(name)s” is in your cart.") % {"name": product.name})
    return redirect("orders:cart")


def _cart_line_product(cart, product_id) -> Product | None:
    if cart is None:
        return None
    line = CartLine.objects.filter(cart=cart, product_id=product_id).select_related("product").first()
    return line.product if line else None


@require_POST
def cart_update(request):
    cart = selectors.cart_of(request)
    if "acknowledge" in request.POST:
        if cart is not None:
            services.cart_acknowledge_changes(cart=cart)
        return redirect("orders:cart")
    form = CartLineForm(request.POST)
    product_id = form.data.get("product", "")
    product_id = int(product_id) if str(product_id).isdigit() else None
    if not form.is_valid():
        if product_id is None or _cart_line_product(cart, product_id) is None:
            messages.error(request, _("That product is not in your cart."))
            return redirect("orders:cart")
        errors = [str(error) for error in form.errors.get("quantity", [])] or [_("Enter a whole number of items.")]
        return _cart_page(request, cart, line_errors={product_id: errors},
                          typed={product_id: form.data.get("quantity", "")})
    product = _cart_line_product(cart, form.cleaned_data["product"])
    if product is None:
        messages.error(request, _("That product is not in your cart."))
        return redirect("orders:cart")
    try:
        services.cart_set_quantity(cart=cart, product=product, quantity=form.cleaned_data["quantity"])
    except ValidationError as error:
        return _cart_page(request, cart, line_errors={product.pk: _messages_of(error)},
                          typed={product.pk: form.cleaned_data["quantity"]})
    messages.success(request, _("Quantity updated."))
    return redirect("orders:cart")


@require_POST
def cart_remove(request):
    cart = selectors.cart_of(request)
    form = CartRemoveForm(request.POST)
    product = _cart_line_product(cart, form.cleaned_data["product"]) if form.is_valid() else None
    if product is None:
        messages.error(request, _("That product is not in your cart."))
        return redirect("orders:cart")
    services.cart_remove(cart=cart, product=product)
    messages.success(request, _("“%(name)s” is removed from your cart.") % {"name": product.name})
    return redirect("orders:cart")


# --- checkout -----------------------------------------------------------------------------------

def _order_url(request, order: Order) -> str:
    """Where the buyer sees ``order``: its page for the account holder, the signed link for a guest."""
    if request.user.is_authenticated and order.user_id == request.user.pk:
        return order.get_absolute_url()
    return selectors.order_signed_url(order=order)


def _remember_placed(request, *, key: str, order: Order) -> None:
    placed = [pair for pair in request.session.get(PLACED_SESSION_KEY, []) if pair[0] != key]
    request.session[PLACED_SESSION_KEY] = [*placed, [key, order.number]][-PLACED_REMEMBERED:]


def _placed_order(request, *, key: str | None = None) -> Order | None:
    """The order this session placed with ``key``, or (no key) the last one it placed."""
    placed = request.session.get(PLACED_SESSION_KEY, [])
    numbers = [number for placed_key, number in placed if placed_key == key] if key else [
        number for _key, number in placed[-1:]]
    return Order.objects.filter(number=numbers[0]).first() if numbers else None


def _replayed_order(request, *, cart, key: str) -> Order | None:
    """The order placed with ``key`` by this account or this cart: a retried POST whose first
    answer was lost finds it although its cart is now empty."""
    buyer = request.user if request.user.is_authenticated else None
    return selectors.order_placed_with(placed_by_key=selectors.order_placed_by_key(cart=cart, buyer=buyer),
                                       idempotency_key=key)


def _checkout_initial(request) -> dict:
    """Prefill: a signed-in buyer's contact and address from their last order, else their name."""
    user = request.user
    if not user.is_authenticated:
        return {}
    last = Order.objects.filter(user=user).order_by("-placed_at", "-pk").first()
    if last is None:
        return {"email": user.email, "full_name": user.full_name}
    fields = (*CheckoutForm.CONTACT_FIELDS, *CheckoutForm.ADDRESS_FIELDS)
    return {name: getattr(last, name) for name in fields}


def _default_country(summary) -> str:
    """Before an address is given, quotes are for the producers' country when they share one (a
    domestic buyer is the common case)."""
    countries = {selectors.cooperative_country(cooperative=group.cooperative) for group in summary.groups}
    country = countries.pop() if len(countries) == 1 else ""
    return country if country in COUNTRIES else ""


class CheckoutGroup:
    """One producer's part of the checkout page: its lines, its shipping and payment choice."""

    def __init__(self, group, choice_form: ShipmentChoiceForm):
        self.group, self.form = group, choice_form
        self.cooperative = group.cooperative
        self.quote = choice_form.quote_chosen()

    @property
    def shipping_price(self):
        return self.quote.price if self.quote else None


def _checkout_groups(summary, *, country: str, bound_data=None, initial_data=None) -> list[CheckoutGroup]:
    groups = []
    for group in summary.groups:
        cooperative = group.cooperative
        quotes = selectors.shipping_quotes(
            cooperative=cooperative, country=country, weight_grams=group.weight_grams, fragile=group.fragile,
            lead_time_days=group.max_lead_time_days,
        ) if country else []
        payment_methods = selectors.payment_methods_for(cooperative=cooperative, country=country) if country else []
        prefix = f"c{cooperative.pk}"
        initial = {}
        if initial_data is not None:
            initial = {name: initial_data.get(f"{prefix}-{name}") for name in ("shipping_method", "payment_method")}
            initial = {name: value for name, value in initial.items() if value}
            if str(initial.get("shipping_method")) not in {str(q.method.pk) for q in quotes}:
                initial.pop("shipping_method", None)
            if initial.get("payment_method") not in payment_methods:
                initial.pop("payment_method", None)
        form = ShipmentChoiceForm(bound_data, prefix=prefix, quotes=quotes, payment_methods=payment_methods,
                                  initial=initial)
        groups.append(CheckoutGroup(group, form))
    return groups


@never_cache
@require_http_methods(["GET", "POST"])
def checkout(request):
    """One page: contact, address, each producer's shipping and payment, the totals, "Place order".

    Without JavaScript, "Update shipping options" redraws the page for the country and choices
    given (nothing is placed); "Place order" places it if the totals the buyer saw are still right.
    """
    posted = request.method == "POST"
    key = request.POST.get("idempotency_key", "") if posted else ""
    if posted and key:
        # A replayed POST (double tap, retry, back button) of a checkout this session placed.
        placed = _placed_order(request, key=key)
        if placed is not None:
            messages.info(request, _("Your order %(number)s is placed: here it is.") % {"number": placed.number})
            return redirect(_order_url(request, placed))

    cart = selectors.cart_of(request)
    summary = selectors.cart_summary(cart=cart)
    if not summary.groups:
        placed = (_replayed_order(request, cart=cart, key=key) or _placed_order(request)) if posted else None
        if placed is not None:
            # A stale second tab: the cart went into the order this session just placed.
            messages.info(request, _("This order was already placed as %(number)s: here it is.")
                          % {"number": placed.number})
            return redirect(_order_url(request, placed))
        messages.info(request, _("Your cart is empty."))
        return redirect("orders:cart")

    action = request.POST.get("action") if posted else None
    if action == "place":
        form = CheckoutForm(request.POST)
        country = form.country_code()
        groups = _checkout_groups(summary, country=country, bound_data=request.POST)
    else:
        initial = {**_checkout_initial(request)}
        if posted:  # "Update shipping options": redraw with what was typed, no error yet
            initial.update({name: request.POST.get(name, "") for name in CheckoutForm.base_fields})
        form = CheckoutForm(initial=initial)
        if not form.country_code():
            form = CheckoutForm(initial={**initial, "country": _default_country(summary)})
        country = form.country_code()
        groups = _checkout_groups(summary, country=country, initial_data=request.POST if posted else None)

    problems: list[str] = []
    if action == "place":
        response = _checkout_place(request, cart=cart, summary=summary, form=form, groups=groups, problems=problems)
        if response is not None:
            return response
    return _checkout_page(request, summary=summary, form=form, groups=groups, country=country, problems=problems)


def _totals(summary, groups) -> dict:
    shipping = [g.shipping_price for g in groups]
    if not groups or any(price is None for price in shipping):
        return {"subtotal": summary.subtotal, "shipping": None, "total": None}
    shipping_total = sum(shipping, start=Decimal("0.00"))
    return {"subtotal": summary.subtotal, "shipping": shipping_total, "total": summary.subtotal + shipping_total}


def _checkout_place(request, *, cart, summary, form, groups, problems):
    """Validate the page and place the order; a redirect when placed, else None with ``problems``
    (and the forms' errors) to re-show."""
    valid = form.is_valid()
    valid = all([g.form.is_valid() for g in groups]) and valid
    if not summary.can_check_out:
        problems.append(_("Some products in your cart have changed; please check them in your cart."))
    country = form.country_code()
    for group in groups if country else ():
        if not group.form.quotes:
            problems.append(_("%(cooperative)s cannot ship to %(country)s. Please remove its products from your "
                              "cart or choose another address.")
                            % {"cooperative": group.cooperative.name, "country": COUNTRIES[country].name})
    totals = _totals(summary, groups)
    try:
        total_seen = Decimal(request.POST.get("total_seen", ""))
    except (InvalidOperation, ValueError):
        total_seen = None
    if valid and not problems and totals["total"] is not None and total_seen != totals["total"]:
        # The buyer changed a choice (or a price changed) after the totals were drawn: show the
        # new total before taking the order. The figure sent is compared, never charged.
        problems.append(_("The total is now %(total)s. Please check it and place the order again.")
                        % {"total": _money(totals["total"])})
    if not valid or problems:
        return None
    choices = {g.cooperative.pk: {"shipping_method": g.form.cleaned_data["shipping_method"],
                                  "payment_method": g.form.cleaned_data["payment_method"]} for g in groups}
    key = form.cleaned_data["idempotency_key"]
    try:
        order = services.order_place(
            cart=cart, buyer=request.user if request.user.is_authenticated else None,
            contact=form.contact(), address=form.address(), choices=choices, idempotency_key=key,
            language=get_language(),
        )
    except services.IdempotencyConflict as error:
        problems.extend(_messages_of(error))
        # The key is spent on another request; a new one lets the buyer place this one knowingly.
        form.data = form.data.copy()
        form.data["idempotency_key"] = new_idempotency_key()
        return None
    except services.CheckoutError as error:
        if getattr(error, "code", None) == "empty":
            placed = _placed_order(request)
            if placed is not None:
                messages.info(request, _("This order was already placed as %(number)s: here it is.")
                              % {"number": placed.number})
                return redirect(_order_url(request, placed))
        if hasattr(error, "error_dict"):
            for field, field_errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, field_errors)
        else:
            problems.extend(_messages_of(error))
        return None
    except PermissionDenied:
        problems.append(_("This cart belongs to another account. Please reload the page."))
        return None
    _remember_placed(request, key=key, order=order)
    messages.success(request, _("Thank you! Your order %(number)s is placed.") % {"number": order.number})
    payment_url = services.payment_start(order=order)
    return redirect(payment_url or _order_url(request, order))


def _money(amount) -> str:
    from catalog.templatetags.storefront import money

    return money(amount)


def _checkout_page(request, *, summary, form, groups, country, problems, status=200):
    totals = _totals(summary, groups)
    return render(request, "orders/checkout.html", {
        "summary": summary, "form": form, "groups": groups, "country": country,
        "country_name": COUNTRIES[country].name if country else "", "problems": problems, "totals": totals,
        "cart_items": summary.count,
    }, status=status)


# --- order pages --------------------------------------------------------------------------------

def _viewer_order(request, number) -> tuple[Order, bool, str]:
    """The order for this viewer (404 for anybody else), whether the viewer is its buyer (the
    account holder or the holder of the signed link), and the link token to carry along."""
    token = request.POST.get("t") or request.GET.get("t") or ""
    order = selectors.order_for_viewer(number=number, user=request.user, token=token or None)
    own_account = request.user.is_authenticated and order.user_id == request.user.pk
    signed = bool(token) and selectors.order_token_valid(order=order, token=token)
    return order, own_account or signed, token if signed else ""


def _with_token(url: str, token: str) -> str:
    return f"{url}?t={token}" if token else url


@never_cache
@require_http_methods(["GET", "POST"])
def order_detail(request, number):
    order, is_buyer, token = _viewer_order(request, number)
    if request.method == "POST":
        # "Pay by card" (again, after a decline): to the card gateway's page.
        if not is_buyer:
            raise Http404
        try:
            payment_url = services.payment_start(order=order)
        except ValidationError as error:
            messages.error(request, " ".join(_messages_of(error)))
            payment_url = None
        return redirect(payment_url or _with_token(order.get_absolute_url(), token))
    shipments = list(order.shipments.all())
    cancellable = set(services.CANCELLABLE)
    for shipment in shipments:
        shipment.lines_shown = list(shipment.lines.all())
        payment = getattr(shipment, "payment", None)
        shipment.awaiting_transfer = (payment is not None and payment.method == PaymentMethod.BANK_TRANSFER
                                      and payment.status == Payment.Status.PENDING
                                      and shipment.status != Shipment.Status.CANCELLED)
        shipment.awaiting_card = (payment is not None and payment.method == PaymentMethod.CARD
                                  and payment.status in {Payment.Status.PENDING, Payment.Status.FAILED}
                                  and shipment.status != Shipment.Status.CANCELLED)
        for line in shipment.lines_shown:
            line.reviewable = (is_buyer and request.user.is_authenticated and order.user_id == request.user.pk
                               and shipment.status == Shipment.Status.DELIVERED
                               and not _has_review(line))
            line.review_shown = _review_of(line)
    return render(request, "orders/order_detail.html", {
        "order": order, "shipments": shipments, "is_buyer": is_buyer, "token": token,
        "country_name": COUNTRIES[order.country].name if order.country in COUNTRIES else order.country,
        "can_cancel": is_buyer and any(s.status in cancellable for s in shipments),
        "partly_sent": any(s.status not in cancellable and s.status != Shipment.Status.CANCELLED for s in shipments),
        "pay_by_card": is_buyer and any(s.awaiting_card for s in shipments),
        "cancel_url": _with_token(reverse("orders:cancel", kwargs={"number": order.number}), token),
    })


def _review_of(line: OrderLine):
    try:
        return line.review
    except OrderLine.review.RelatedObjectDoesNotExist:
        return None


def _has_review(line: OrderLine) -> bool:
    return _review_of(line) is not None


@login_required
@never_cache
def order_history(request):
    page = Paginator(selectors.orders_of(user=request.user), ORDERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "orders/history.html", {"page_obj": page, "orders": page.object_list})


@never_cache
@require_http_methods(["GET", "POST"])
def order_cancel(request, number):
    order, is_buyer, token = _viewer_order(request, number)
    if not is_buyer:
        raise Http404
    order_url = _with_token(order.get_absolute_url(), token)
    if request.method == "POST":
        try:
            services.order_cancel(order=order, by=request.user if request.user.is_authenticated else None,
                                  reason=request.POST.get("reason", "")[:500], token=token or None)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(_messages_of(error)) if isinstance(error, ValidationError)
                           else _("You may not cancel this order."))
        else:
            messages.success(request, _("Your order is cancelled. Nothing more will be sent or charged."))
        return redirect(order_url)
    return render(request, "orders/cancel.html", {"order": order, "token": token, "order_url": order_url,
                                                  "shipments": list(order.shipments.all())})


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def line_review(request, number, line_pk):
    order, is_buyer, token = _viewer_order(request, number)
    if order.user_id != request.user.pk:
        raise Http404
    line = next((line for shipment in order.shipments.all() for line in shipment.lines.all()
                 if line.pk == line_pk), None)
    if line is None:
        raise Http404
    order_url = order.get_absolute_url()
    if _has_review(line):
        messages.info(request, _("You have already reviewed this product. Thank you!"))
        return redirect(order_url)
    form = ReviewForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_create(line=line, by=request.user, rating=form.cleaned_data["rating"],
                                   text=form.cleaned_data["text"], photo=form.cleaned_data["photo"])
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied:
            form.add_error(None, _("This product can be reviewed once it has been delivered."))
        else:
            messages.success(request, _("Thank you for your review!"))
            return redirect(order_url)
    return render(request, "orders/review.html", {"order": order, "line": line, "form": form})


# --- payments -----------------------------------------------------------------------------------

TEST_GATEWAY = "test-card"


@never_cache
@require_http_methods(["GET", "POST"])
def test_gateway(request, intent):
    """Stands in for a card gateway's hosted page: the buyer pays or declines; the gateway then
    sends its signed webhook (``services.test_gateway_complete``, through the same handler as the
    webhook URL) and the buyer goes back to the order page. The intent id is the secret here, as
    on a real gateway's page."""
    payments = list(services.payment_intent_payments(provider=TEST_GATEWAY, intent=intent))
    if not payments:
        raise Http404
    order = payments[0].shipment.order
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ("pay", "decline"):
            messages.error(request, _("Please choose to pay or to decline."))
            return redirect("orders:test_gateway", intent=intent)
        succeeded = action == "pay"
        try:
            services.test_gateway_complete(intent=intent, succeeded=succeeded)
        except ValidationError as error:
            messages.error(request, " ".join(_messages_of(error)))
        else:
            if succeeded:
                messages.success(request, _("Thank you: your card payment is received."))
            else:
                messages.error(request, _("The card payment was declined. You can try again from your order page."))
        return redirect(_order_url(request, order))
    open_payments = [p for p in payments if p.status in (Payment.Status.PENDING, Payment.Status.FAILED)]
    return render(request, "orders/test_gateway.html", {
        "order": order, "payments": payments, "amount": sum((p.amount for p in open_payments), start=Decimal("0")),
        "open": bool(open_payments), "order_url": _order_url(request, order), "intent": intent,
    })


@csrf_exempt
@require_POST
def payment_webhook(request, provider):
    """A payment provider's server-to-server call: 400 on a bad signature, 200 once handled
    (a redelivered event included)."""
    try:
        services.payment_webhook_handle(provider=provider, body=request.body, headers=request.headers)
    except services.PaymentError as error:
        return HttpResponseBadRequest(" ".join(_messages_of(error)), content_type="text/plain; charset=utf-8")
    return HttpResponse("ok", content_type="text/plain")
