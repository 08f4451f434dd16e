"""Payment writes. A payment becomes paid only by a provider's verified webhook (card) or by a
member of the selling cooperative or an officer confirming the money arrived (bank transfer,
cash on delivery) — never by the buyer. Each provider event is handled once, however many times
it is delivered."""
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ovop_market.models import Notification
from ovop_market.services import notification_send
from sellers.selectors import may_act_for

from .. import payments as providers  # a module: orders.payments imports our errors
from ..models import Order, Payment, PaymentEvent, PaymentMethod, Shipment
from .errors import PaymentError

PaymentStatus = Payment.Status

PAYMENT_TRANSITIONS = {
    PaymentStatus.PENDING: {PaymentStatus.PAID, PaymentStatus.FAILED, PaymentStatus.CANCELLED},
    # A declined card may be tried again and succeed.
    PaymentStatus.FAILED: {PaymentStatus.PAID, PaymentStatus.FAILED, PaymentStatus.CANCELLED},
    PaymentStatus.PAID: {PaymentStatus.REFUNDED},
    PaymentStatus.CANCELLED: set(),
    PaymentStatus.REFUNDED: set(),
}


def _card_payments(order: Order):
    return (Payment.objects.filter(shipment__order=order, method=PaymentMethod.CARD,
                                   status__in=(PaymentStatus.PENDING, PaymentStatus.FAILED))
            .exclude(shipment__status=Shipment.Status.CANCELLED).order_by("pk"))


@transaction.atomic
def payment_start(*, order: Order) -> str | None:
    """Where to send the buyer to pay the order's card shipments (one intent for all of them), or
    None when nothing is to be paid by card. Asking again reuses the intent still open."""
    payments = list(_card_payments(order).select_for_update())
    if not payments:
        return None
    provider = providers.payment_provider(settings.PAYMENT_CARD_PROVIDER)
    intents = {(p.provider, p.provider_reference) for p in payments}
    if len(intents) == 1 and all(p.status == PaymentStatus.PENDING and p.provider_reference for p in payments):
        return provider.redirect_url(intent=payments[0].provider_reference)
    amount = sum(p.amount for p in payments)
    intent = provider.intent_create(amount=amount, currency=order.currency,
                                    description=_("OVOP Market order %(number)s") % {"number": order.number})
    Payment.objects.filter(pk__in=[p.pk for p in payments]).update(
        provider=provider.name, provider_reference=intent.id, status=PaymentStatus.PENDING)
    return intent.redirect_url


def payment_intent_payments(*, provider: str, intent: str):
    """The payments an intent collects, with their order (for the gateway's page)."""
    return (Payment.objects.filter(provider=provider, provider_reference=intent)
            .select_related("shipment__order", "shipment__cooperative").order_by("pk"))


def payment_webhook_handle(*, provider: str, body: bytes, headers) -> None:
    """Handle a provider's webhook: verify it (``PaymentError`` and nothing changes if it is not
    genuine), record the event once (a redelivery is a no-op), and mark the intent's payments paid
    or failed. The amount must match what the intent was for."""
    gateway = providers.payment_provider(provider)
    event = gateway.webhook_event(body=body, headers=headers)
    try:
        with transaction.atomic():
            PaymentEvent.objects.create(provider=gateway.name, event_id=event.id, kind=event.kind,
                                        payload=event.payload)
            _apply_event(gateway.name, event)
    except IntegrityError:
        if PaymentEvent.objects.filter(provider=gateway.name, event_id=event.id).exists():
            return  # delivered before: already handled
        raise


def _apply_event(provider: str, event) -> None:
    payments = list(Payment.objects.select_for_update().filter(provider=provider, provider_reference=event.intent)
                    .order_by("pk"))
    if not payments:
        raise PaymentError(_("The payment notification is for an unknown payment."), code="unknown_intent")
    open_payments = [p for p in payments if p.status in (PaymentStatus.PENDING, PaymentStatus.FAILED)]
    if not open_payments:
        return  # already settled by an earlier event
    if event.amount != sum(p.amount for p in open_payments):
        raise PaymentError(_("The amount paid does not match the order."), code="amount_mismatch")
    if event.kind == "succeeded":
        for payment in open_payments:
            _set_paid(payment, by=None)
    else:
        Payment.objects.filter(pk__in=[p.pk for p in open_payments], status=PaymentStatus.PENDING).update(
            status=PaymentStatus.FAILED)


def _set_paid(payment: Payment, *, by) -> None:
    if PaymentStatus.PAID not in PAYMENT_TRANSITIONS[payment.status]:
        raise PaymentError(_("This payment cannot be marked paid (it is %(status)s).")
                           % {"status": payment.get_status_display()}, code="invalid_transition")
    payment.status, payment.paid_at, payment.confirmed_by = PaymentStatus.PAID, timezone.now(), by
    payment.save(update_fields=["status", "paid_at", "confirmed_by"])
    _notify_paid(payment)


def _notify_paid(payment: Payment) -> None:
    from .checkout import order_link_context

    shipment = Shipment.objects.select_related("order", "cooperative").get(pk=payment.shipment_id)
    order = shipment.order
    notification_send(
        kind=Notification.Kind.ORDER_PAID, user=order.user, email=order.email, language=order.language,
        context={"order_number": order.number, "amount": payment.amount, "method": payment.method,
                 "cooperative": shipment.cooperative.name, **order_link_context(order)},
    )


@transaction.atomic
def payment_confirm_received(*, payment: Payment, by) -> Payment:
    """A member of the selling cooperative, or an officer, confirms the bank transfer arrived or
    the courier handed over the cash. Never the buyer, whatever else they are."""
    locked = Payment.objects.select_for_update().select_related("shipment__order", "shipment__cooperative").get(
        pk=payment.pk)
    shipment = locked.shipment
    if by is None or not by.is_authenticated or shipment.order.user_id == by.pk:
        raise PermissionDenied
    if not may_act_for(user=by, cooperative=shipment.cooperative):
        raise PermissionDenied
    if locked.method not in (PaymentMethod.BANK_TRANSFER, PaymentMethod.CASH_ON_DELIVERY):
        raise PaymentError(_("Card payments are confirmed by the card gateway."), code="wrong_method")
    if locked.status == PaymentStatus.PAID:
        raise PaymentError(_("This payment is already recorded as received."), code="already_paid")
    _set_paid(locked, by=by)
    payment.status, payment.paid_at, payment.confirmed_by = locked.status, locked.paid_at, locked.confirmed_by
    return payment


def test_gateway_complete(*, intent: str, succeeded: bool) -> Order:
    """What the test gateway does when the buyer presses pay or decline on its page: send its
    signed webhook (straight to our handler: the same code path as over HTTP). Returns the order."""
    gateway = providers.TestCardGateway()
    payments = list(payment_intent_payments(provider=gateway.name, intent=intent))
    if not payments:
        raise PaymentError(_("This payment link is not valid."), code="unknown_intent")
    order = payments[0].shipment.order
    open_amount = sum(p.amount for p in payments if p.status in (PaymentStatus.PENDING, PaymentStatus.FAILED))
    if open_amount:
        body, headers = gateway.event_body(intent=intent, succeeded=succeeded, amount=open_amount,
                                           currency=order.currency)
        payment_webhook_handle(provider=gateway.name, body=body, headers=headers)
    return order


test_gateway_complete.__test__ = False  # a service, not a pytest test
