"""A shipment's life, from placed to delivered: one transition table, one function that applies a
change (``shipment_set_status``) and the named steps the seller centre, admin and API call.

Sellers (members of the shipment's cooperative) and officers move a shipment along; the buyer may
only cancel it before it is shipped. Cancelling returns the stock once. Every change is recorded
with who made it, and the buyer hears about the ones they care about.
"""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ovop_market.models import Notification
from ovop_market.notifications import ORDER_STATUS_LABELS
from ovop_market.services import notification_send
from ovop_market.workflow import status_transition
from sellers.selectors import may_act_for
from sellers.services import cooperative_notify

from ..models import OrderLine, Payment, Shipment, ShipmentStatusChange
from .stock import stock_return

Status = Shipment.Status

SHIPMENT_TRANSITIONS = {
    Status.PLACED: {Status.CONFIRMED, Status.CANCELLED},
    Status.CONFIRMED: {Status.PACKED, Status.CANCELLED},
    Status.PACKED: {Status.SHIPPED, Status.CANCELLED},
    Status.SHIPPED: {Status.DELIVERED, Status.RETURNED},
    Status.DELIVERED: {Status.RETURNED},
    Status.CANCELLED: set(),
    Status.RETURNED: set(),
}
# Before it leaves the village, a shipment may still be cancelled (by the buyer too).
CANCELLABLE = (Status.PLACED, Status.CONFIRMED, Status.PACKED)


def shipment_may_act(*, shipment: Shipment, by) -> bool:
    """A member of the shipment's cooperative, or an officer."""
    return by is not None and may_act_for(user=by, cooperative=shipment.cooperative)


def shipment_is_buyer(*, shipment: Shipment, by) -> bool:
    return (by is not None and by.is_authenticated and shipment.order.user_id is not None
            and shipment.order.user_id == by.pk)


def _check_may(shipment: Shipment, to: str, by, *, buyer_link: bool) -> None:
    if shipment_may_act(shipment=shipment, by=by):
        return
    if to == Status.CANCELLED and (buyer_link or shipment_is_buyer(shipment=shipment, by=by)):
        if shipment.status not in CANCELLABLE:
            raise ValidationError(_("This part of the order has been shipped and can no longer be cancelled."),
                                  code="not_cancellable")
        return
    raise PermissionDenied


@transaction.atomic
def shipment_set_status(*, shipment: Shipment, to: str, by, reason: str = "", _buyer_link: bool = False,
                        **fields) -> Shipment:
    """Move ``shipment`` to ``to`` if the table allows it and ``by`` may, under a row lock; record
    the change, return the stock of a cancelled shipment once, and tell the buyer (and the
    cooperative, when someone else cancelled). ``fields`` are saved with the change (carrier,
    tracking number). Raises ``PermissionDenied`` or ``ValidationError``."""
    locked = (Shipment.objects.select_for_update(of=("self",)) if _has_for_update_of()
              else Shipment.objects.select_for_update())
    locked = locked.select_related("order", "cooperative").get(pk=shipment.pk)
    _check_may(locked, to, by, buyer_link=_buyer_link)
    for name, value in fields.items():
        setattr(locked, name, value)
    status_transition(
        instance=locked, field="status", to=to, allowed=SHIPMENT_TRANSITIONS, history=ShipmentStatusChange,
        by=by if by is not None and by.is_authenticated else None, reason=reason, shipment=locked,
        update_fields=[*fields, "updated_at"],
    )
    if to == Status.CANCELLED:
        _return_stock(locked)
        Payment.objects.filter(shipment=locked, status=Payment.Status.PENDING).update(status=Payment.Status.CANCELLED)
        if not shipment_may_act(shipment=locked, by=by) or _is_officer_not_member(locked, by):
            _notify_cooperative_cancelled(locked, reason)
    if to in ORDER_STATUS_LABELS:
        _notify_buyer(locked, reason)
    for name in ("status", "stock_returned", "updated_at", *fields):
        setattr(shipment, name, getattr(locked, name))
    return shipment


def _has_for_update_of() -> bool:
    from django.db import connection

    return connection.features.has_select_for_update_of


def _is_officer_not_member(shipment: Shipment, by) -> bool:
    from sellers.services import acts_on_behalf

    return acts_on_behalf(cooperative=shipment.cooperative, by=by)


def _return_stock(shipment: Shipment) -> None:
    """Put the shipment's stocked goods back, once (``stock_returned`` under the shipment's lock)."""
    if shipment.stock_returned:
        return
    returned: dict[int, int] = {}
    for line in OrderLine.objects.filter(shipment=shipment, made_to_order=False, product__isnull=False):
        returned[line.product_id] = returned.get(line.product_id, 0) + line.quantity
    stock_return(returned=returned)
    Shipment.objects.filter(pk=shipment.pk).update(stock_returned=True)
    shipment.stock_returned = True


def _notify_buyer(shipment: Shipment, reason: str) -> None:
    from .checkout import order_link_context

    order = shipment.order
    context = {"order_number": order.number, "status": shipment.status, "cooperative": shipment.cooperative.name,
               "reason": reason, **order_link_context(order)}
    if shipment.status == Status.SHIPPED:
        context.update(carrier=shipment.carrier, tracking=shipment.tracking_number)
    notification_send(kind=Notification.Kind.ORDER_STATUS_CHANGED, context=context, user=order.user,
                      email=order.email, language=order.language)


def _notify_cooperative_cancelled(shipment: Shipment, reason: str) -> None:
    cooperative_notify(cooperative=shipment.cooperative, kind=Notification.Kind.SHIPMENT_CANCELLED_FOR_SELLER,
                       context={"order_number": shipment.order.number, "cooperative": shipment.cooperative.name,
                                "reason": reason,
                                "link": {"name": "sellers:order_detail", "kwargs": {"pk": shipment.pk}}})


def _seller_step(shipment: Shipment, by) -> None:
    if not shipment_may_act(shipment=shipment, by=by):
        raise PermissionDenied


def shipment_confirm(*, shipment: Shipment, by) -> Shipment:
    """The cooperative has seen the order and will make or pack it."""
    _seller_step(shipment, by)
    return shipment_set_status(shipment=shipment, to=Status.CONFIRMED, by=by)


def shipment_pack(*, shipment: Shipment, by) -> Shipment:
    _seller_step(shipment, by)
    return shipment_set_status(shipment=shipment, to=Status.PACKED, by=by)


def shipment_mark_shipped(*, shipment: Shipment, by, carrier: str, tracking_number: str) -> Shipment:
    """Handed to the carrier; the buyer gets the carrier and tracking number."""
    _seller_step(shipment, by)
    carrier, tracking_number = " ".join((carrier or "").split()), "".join((tracking_number or "").split())
    errors = {}
    if not carrier:
        errors["carrier"] = _("Enter the carrier.")
    elif len(carrier) > 80:
        errors["carrier"] = _("This is too long (at most %(limit)d characters).") % {"limit": 80}
    if not tracking_number:
        errors["tracking_number"] = _("Enter the tracking number.")
    elif len(tracking_number) > 80:
        errors["tracking_number"] = _("This is too long (at most %(limit)d characters).") % {"limit": 80}
    if errors:
        raise ValidationError(errors)
    return shipment_set_status(shipment=shipment, to=Status.SHIPPED, by=by, carrier=carrier,
                               tracking_number=tracking_number)


def shipment_mark_delivered(*, shipment: Shipment, by) -> Shipment:
    _seller_step(shipment, by)
    return shipment_set_status(shipment=shipment, to=Status.DELIVERED, by=by)


def shipment_cancel(*, shipment: Shipment, by, reason: str = "", _buyer_link: bool = False) -> Shipment:
    """Cancel before shipping (seller, officer, or the buyer); the stock goes back once."""
    return shipment_set_status(shipment=shipment, to=Status.CANCELLED, by=by, reason=reason,
                               _buyer_link=_buyer_link)


def shipment_return(*, shipment: Shipment, by, reason: str) -> Shipment:
    """The parcel came back (refused, undeliverable, returned by the buyer). Goods that come back
    are checked by the cooperative before they are put on sale again, so no stock moves here."""
    _seller_step(shipment, by)
    return shipment_set_status(shipment=shipment, to=Status.RETURNED, by=by, reason=reason)
