"""Card payment providers behind one small interface.

A provider creates a payment intent for an amount (the buyer is redirected to the provider's page
to pay) and later tells us the outcome with a signed webhook. ``orders.services`` does the rest:
it verifies the webhook through the provider, records each event once, and marks payments paid.

``TestCardGateway`` ("test-card") behaves like a real gateway without leaving the site: its
"hosted page" is ``orders:test_gateway`` (pay or decline), and its webhook is an HMAC-SHA256 of
the body with ``settings.PAYMENT_TEST_WEBHOOK_SECRET`` in the ``X-Test-Gateway-Signature`` header,
delivered to ``payments:webhook`` (/payments/webhooks/<provider>/). A real provider (Stripe, 2C2P,
VNPay…) is one more class with the same three methods, registered in ``PROVIDERS``.
"""
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from .services.errors import PaymentError


@dataclass(frozen=True)
class PaymentIntent:
    id: str
    redirect_url: str


@dataclass(frozen=True)
class PaymentWebhookEvent:
    """A provider's event, verified: its id (for exactly-once handling), what happened, to which
    intent, for how much."""

    id: str
    kind: str  # "succeeded" or "failed"
    intent: str
    amount: Decimal
    currency: str
    payload: dict


class PaymentProvider(Protocol):
    name: str

    def intent_create(self, *, amount: Decimal, currency: str, description: str) -> PaymentIntent:
        """Ask the provider to collect ``amount``; returns its id and where to send the buyer."""

    def redirect_url(self, *, intent: str) -> str:
        """Where to send the buyer to pay an intent made before (coming back to pay later)."""

    def webhook_event(self, *, body: bytes, headers) -> PaymentWebhookEvent:
        """Verify a webhook call and read its event; raises ``PaymentError`` if it is not genuine."""


TEST_GATEWAY_SIGNATURE_HEADER = "X-Test-Gateway-Signature"
TEST_GATEWAY_SUCCEEDED = "payment_intent.succeeded"
TEST_GATEWAY_FAILED = "payment_intent.payment_failed"


def test_gateway_signature(body: bytes) -> str:
    secret = settings.PAYMENT_TEST_WEBHOOK_SECRET.encode()
    return hmac.new(secret, body, hashlib.sha256).hexdigest()


class TestCardGateway:
    """A card gateway that runs inside the site, for development, demos and tests."""

    name = "test-card"
    __test__ = False  # not a pytest test class, whatever its name says

    def intent_create(self, *, amount: Decimal, currency: str, description: str) -> PaymentIntent:
        intent = "tc_" + secrets.token_urlsafe(18)
        return PaymentIntent(id=intent, redirect_url=self.redirect_url(intent=intent))

    def redirect_url(self, *, intent: str) -> str:
        return reverse("orders:test_gateway", kwargs={"intent": intent})

    def webhook_event(self, *, body: bytes, headers) -> PaymentWebhookEvent:
        signature = headers.get(TEST_GATEWAY_SIGNATURE_HEADER) or ""
        if not hmac.compare_digest(signature.encode(), test_gateway_signature(body).encode()):
            raise PaymentError(_("The payment notification's signature is not valid."), code="bad_signature")
        try:
            payload = json.loads(body)
            kind = {TEST_GATEWAY_SUCCEEDED: "succeeded", TEST_GATEWAY_FAILED: "failed"}[payload["type"]]
            data = payload["data"]
            return PaymentWebhookEvent(id=str(payload["id"]), kind=kind, intent=str(data["intent"]),
                                       amount=Decimal(str(data["amount"])), currency=str(data["currency"]),
                                       payload=payload)
        except (ValueError, KeyError, TypeError, ArithmeticError):
            raise PaymentError(_("The payment notification could not be read."), code="bad_payload") from None

    # What the gateway's own servers would do once the buyer pays or declines on its page.
    def event_body(self, *, intent: str, succeeded: bool, amount: Decimal, currency: str,
                   event_id: str | None = None) -> tuple[bytes, dict]:
        """The webhook the gateway sends: (body, headers) signed with the shared secret."""
        body = json.dumps({
            "id": event_id or "evt_" + secrets.token_urlsafe(18),
            "type": TEST_GATEWAY_SUCCEEDED if succeeded else TEST_GATEWAY_FAILED,
            "data": {"intent": intent, "amount": str(amount), "currency": currency},
        }, separators=(",", ":")).encode()
        return body, {TEST_GATEWAY_SIGNATURE_HEADER: test_gateway_signature(body)}


PROVIDERS: dict[str, PaymentProvider] = {TestCardGateway.name: TestCardGateway()}


def payment_provider(name: str) -> PaymentProvider:
    try:
        return PROVIDERS[name]
    except KeyError:
        raise PaymentError(_("Unknown payment provider."), code="unknown_provider") from None
