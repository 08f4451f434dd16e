"""The seller centre's orders: the cooperative's shipments, their fulfilment steps, packing slips
and the buyers' reviews.

A shipment is reached only through the cooperatives the user acts for (another's is a 404). Every
step goes through ``orders.services``; which buttons show comes from its transition table, and a
step the table refuses is refused by the service, not by the page.
"""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from orders import services
from orders.countries import COUNTRIES
from orders.models import OrderLine, Payment, PaymentMethod, Review, Shipment, ShipmentStatusChange
from orders.selectors import SHIPMENT_STATUSES_TO_ACT_ON
from sellers.order_forms import CancelForm, ReplyForm, ShipForm
from sellers.selectors import cooperatives_acted_for

from .access import seller_required

PAGE_SIZE = 20
Status = Shipment.Status

# The list's tabs, in the order a parcel moves through them: slug → (label, statuses).
STATUS_FILTERS = {
    "to-confirm": (gettext_lazy("To confirm"), (Status.PLACED,)),
    "to-pack": (gettext_lazy("To pack"), (Status.CONFIRMED,)),
    "to-ship": (gettext_lazy("To ship"), (Status.PACKED,)),
    "shipped": (gettext_lazy("Shipped"), (Status.SHIPPED,)),
    "done": (gettext_lazy("Done"), (Status.DELIVERED, Status.RETURNED)),
    "cancelled": (gettext_lazy("Cancelled"), (Status.CANCELLED,)),
}

# The seller's steps: URL action → (status it leads to, button label, form asking for details).
ACTIONS = {
    "confirm": (Status.CONFIRMED, gettext_lazy("Confirm order"), None),
    "pack": (Status.PACKED, gettext_lazy("Mark packed"), None),
    "ship": (Status.SHIPPED, gettext_lazy("Mark shipped"), ShipForm),
    "deliver": (Status.DELIVERED, gettext_lazy("Mark delivered"), None),
    "cancel": (Status.CANCELLED, gettext_lazy("Cancel shipment"), CancelForm),
    "return": (Status.RETURNED, gettext_lazy("Record return"), CancelForm),
}
CONFIRM_PAYMENT = "confirm-payment"
# Paid outside the site: the seller (or an officer) says the money arrived.
CONFIRMABLE_PAYMENTS = (PaymentMethod.BANK_TRANSFER, PaymentMethod.CASH_ON_DELIVERY)


def _shipment_for(request, pk, *, detail: bool = False) -> Shipment:
    """A shipment of a cooperative the user acts for, else 404 (never saying it exists)."""
    queryset = Shipment.objects.select_related("order", "cooperative", "cooperative__village", "payment")
    if detail:
        queryset = queryset.prefetch_related(
            Prefetch("lines", queryset=OrderLine.objects.select_related("product").order_by("pk")),
            Prefetch("status_changes", queryset=ShipmentStatusChange.objects.select_related("by")
                     .order_by("created_at", "pk")),
        )
    return get_object_or_404(queryset, pk=pk, cooperative__in=cooperatives_acted_for(user=request.user))


def _country_name(order) -> str:
    country = COUNTRIES.get(order.country)
    return str(country.name) if country else order.country


def _payment_of(shipment) -> Payment | None:
    try:
        return shipment.payment
    except Payment.DoesNotExist:
        return None


@seller_required
def order_list(request):
    cooperative = request.cooperative
    chosen = request.GET.get("status", "")
    if chosen not in STATUS_FILTERS:
        chosen = ""
    counts = dict(
        Shipment.objects.filter(cooperative=cooperative).values_list("status").annotate(n=Count("pk")).order_by()
    )
    tabs = [
        {"slug": slug, "label": label, "count": sum(counts.get(s, 0) for s in statuses), "current": slug == chosen}
        for slug, (label, statuses) in STATUS_FILTERS.items()
    ]
    shipments = (
        Shipment.objects.filter(cooperative=cooperative)
        .select_related("order", "payment")
        .prefetch_related(Prefetch("lines", queryset=OrderLine.objects.only(
            "pk", "shipment_id", "product_name", "quantity").order_by("pk")))
        .order_by("-created_at", "-pk")
    )
    if chosen:
        shipments = shipments.filter(status__in=STATUS_FILTERS[chosen][1])
    page = Paginator(shipments, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "sellers/orders/list.html", {
        "tabs": tabs, "chosen": chosen, "page_obj": page, "shipments": page.object_list,
        "total": sum(counts.values()), "orders_to_act_on": sum(counts.get(s, 0) for s in SHIPMENT_STATUSES_TO_ACT_ON),
    })


def _detail_context(shipment, forms=None) -> dict:
    allowed = services.SHIPMENT_TRANSITIONS.get(shipment.status, set())
    forms = forms or {}
    # The carrier of the method the buyer chose is the likely one: offer it.
    initial = {"carrier": shipment.carrier}
    actions = [
        {"name": name, "label": label,
         "form": forms.get(name) or (form_class(initial=initial) if form_class else None)}
        for name, (to, label, form_class) in ACTIONS.items() if to in allowed
    ]
    payment = _payment_of(shipment)
    return {
        "shipment": shipment, "order": shipment.order, "lines": list(shipment.lines.all()),
        "country_name": _country_name(shipment.order),
        "history": list(shipment.status_changes.all()), "payment": payment, "actions": actions,
        "may_confirm_payment": (payment is not None and payment.method in CONFIRMABLE_PAYMENTS
                                and payment.status == Payment.Status.PENDING
                                and shipment.status not in (Status.CANCELLED, Status.RETURNED)),
    }


@seller_required
def order_detail(request, pk):
    shipment = _shipment_for(request, pk, detail=True)
    return render(request, "sellers/orders/detail.html", _detail_context(shipment))


@seller_required
def order_action(request, pk, action):
    """One fulfilment step, posted from the detail page's buttons and forms."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    shipment = _shipment_for(request, pk)
    if action == CONFIRM_PAYMENT:
        payment = _payment_of(shipment)
        if payment is None:
            messages.error(request, _("This shipment has no payment to confirm."))
            return redirect("sellers:order_detail", pk=shipment.pk)
        return _run(request, shipment, lambda: services.payment_confirm_received(payment=payment, by=request.user),
                    _("Payment recorded as received. The buyer has been told."))
    if action not in ACTIONS:
        raise Http404
    form_class = ACTIONS[action][2]
    details = {}
    if form_class is not None:
        form = form_class(request.POST)
        if not form.is_valid():
            shipment = _shipment_for(request, pk, detail=True)
            messages.error(request, _("Please correct the fields below."))
            return render(request, "sellers/orders/detail.html", _detail_context(shipment, {action: form}))
        details = form.cleaned_data
    steps = {
        "confirm": (lambda: services.shipment_confirm(shipment=shipment, by=request.user),
                    _("Order confirmed. The buyer has been told.")),
        "pack": (lambda: services.shipment_pack(shipment=shipment, by=request.user), _("Marked packed.")),
        "ship": (lambda: services.shipment_mark_shipped(shipment=shipment, by=request.user, **details),
                 _("Marked shipped. The buyer has been sent the tracking number.")),
        "deliver": (lambda: services.shipment_mark_delivered(shipment=shipment, by=request.user),
                    _("Marked delivered.")),
        "cancel": (lambda: services.shipment_cancel(shipment=shipment, by=request.user, **details),
                   _("Shipment cancelled. Its stock is back on sale and the buyer has been told.")),
        "return": (lambda: services.shipment_return(shipment=shipment, by=request.user, **details),
                   _("Return recorded.")),
    }
    call, done = steps[action]
    return _run(request, shipment, call, done)


def _run(request, shipment, call, done):
    try:
        call()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("sellers:order_detail", pk=shipment.pk)


@seller_required
def packing_slip(request, pk):
    """A page to print and put in the parcel: sender, recipient and what is inside (no prices)."""
    shipment = _shipment_for(request, pk, detail=True)
    return render(request, "sellers/orders/slip.html", {
        "shipment": shipment, "order": shipment.order, "lines": list(shipment.lines.all()),
        "country_name": _country_name(shipment.order),
        "payment": _payment_of(shipment), "cod": PaymentMethod.CASH_ON_DELIVERY,
    })


@seller_required
def reviews(request):
    """Buyers' reviews of the cooperative's products, newest first, each with a reply form."""
    cooperative = request.cooperative
    reply_form = None
    if request.method == "POST":
        reply_form = ReplyForm(request.POST)
        if reply_form.is_valid():
            review = get_object_or_404(
                Review.objects.select_related("product"),
                pk=reply_form.cleaned_data["review"], product__cooperative=cooperative,
            )
            try:
                services.review_reply(review=review, by=request.user, text=reply_form.cleaned_data["text"])
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Your reply is published."))
                return redirect(request.get_full_path())
        else:
            messages.error(request, _("Please write a reply."))
    queryset = (
        Review.objects.filter(product__cooperative=cooperative)
        .select_related("product", "line__shipment")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    failed_pk = reply_form.data.get("review") if reply_form is not None and not reply_form.is_valid() else None
    rows = [
        {"review": review,
         "form": reply_form if str(review.pk) == failed_pk else ReplyForm(
             initial={"review": review.pk}, auto_id=f"id_reply_{review.pk}_%s")}
        for review in page.object_list
    ]
    return render(request, "sellers/reviews/list.html", {"rows": rows, "page_obj": page})
