"""What each kind of notification says, and how it is rendered for its recipient.

A kind names its subject (a translated line with ``%(name)s`` placeholders filled from the
context), the pair of e-mail templates under ``templates/notifications/email/`` and the context
keys it needs. Everything is rendered in the notification's language, never the sender's.

Links are stored as a URL name and arguments (``context["link"]``) and reversed at render time,
so the Vietnamese recipient gets the ``/vi/`` page. A link that carries a secret (password reset,
e-mail confirmation) is passed as ``action_url`` and listed in the kind's ``secret`` keys: it is
hidden in admin and removed from the stored context once the e-mail has gone.
"""
from collections import defaultdict
from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import Notification

Kind = Notification.Kind


@dataclass(frozen=True)
class NotificationKind:
    subject: str
    template: str
    required: tuple[str, ...] = ()
    in_app: bool = True
    secret: tuple[str, ...] = ()


_COOPERATIVE = ("cooperative",)
_LISTING = ("product", "cooperative")
_ORDER = ("order_number",)
_GRADE = ("product", "cooperative", "programme", "level")

KINDS: dict[str, NotificationKind] = {
    Kind.ACCOUNT_WELCOME: NotificationKind(
        _("Welcome to OVOP Market"), "account_welcome", in_app=False),
    Kind.ACCOUNT_CONFIRM_EMAIL: NotificationKind(
        _("Confirm your e-mail address"), "account_confirm_email", ("action_url",), in_app=False,
        secret=("action_url",)),
    Kind.ACCOUNT_PASSWORD_RESET: NotificationKind(
        _("Reset your OVOP Market password"), "account_password_reset", ("action_url",), in_app=False,
        secret=("action_url",)),
    Kind.ACCOUNT_EMAIL_CHANGED: NotificationKind(
        _("Your OVOP Market e-mail address was changed"), "account_email_changed", ("new_email",), in_app=False),
    Kind.COOPERATIVE_SUBMITTED: NotificationKind(
        _("%(cooperative)s: application received"), "cooperative_submitted", _COOPERATIVE),
    Kind.COOPERATIVE_VERIFIED: NotificationKind(
        _("%(cooperative)s is verified"), "cooperative_decision", _COOPERATIVE),
    Kind.COOPERATIVE_CHANGES_REQUESTED: NotificationKind(
        _("%(cooperative)s: changes requested before verification"), "cooperative_decision", _COOPERATIVE),
    Kind.COOPERATIVE_REJECTED: NotificationKind(
        _("%(cooperative)s was not verified"), "cooperative_decision", _COOPERATIVE),
    Kind.MEMBERSHIP_INVITATION: NotificationKind(
        _("You are invited to join %(cooperative)s on OVOP Market"), "membership_invitation",
        ("cooperative", "action_url"), in_app=False, secret=("action_url",)),
    Kind.LISTING_APPROVED: NotificationKind(
        _("“%(product)s” is approved and on sale"), "listing_decision", _LISTING),
    Kind.LISTING_CHANGES_REQUESTED: NotificationKind(
        _("“%(product)s”: changes requested"), "listing_decision", _LISTING),
    Kind.LISTING_REJECTED: NotificationKind(
        _("“%(product)s” was not approved"), "listing_decision", _LISTING),
    Kind.ORDER_NEW_FOR_SELLER: NotificationKind(
        _("New order %(order_number)s"), "order_new_for_seller", (*_ORDER, "lines", "total")),
    # A guest's order e-mails carry the order's signed link as ``action_url``.
    Kind.ORDER_CONFIRMATION: NotificationKind(
        _("Thank you for your order %(order_number)s"), "order_confirmation", (*_ORDER, "lines", "total"),
        secret=("action_url",)),
    Kind.ORDER_STATUS_CHANGED: NotificationKind(
        _("Your order %(order_number)s: %(status_label)s"), "order_status_changed", (*_ORDER, "status"),
        secret=("action_url",)),
    Kind.ORDER_PAID: NotificationKind(
        _("Payment received for your order %(order_number)s"), "order_paid", (*_ORDER, "amount"),
        secret=("action_url",)),
    Kind.SHIPMENT_CANCELLED_FOR_SELLER: NotificationKind(
        _("Order %(order_number)s was cancelled"), "shipment_cancelled_for_seller", (*_ORDER, "cooperative")),
    Kind.REVIEW_NEW_FOR_SELLER: NotificationKind(
        _("New review of “%(product)s”"), "review_new_for_seller", ("product", "rating")),
    Kind.REVIEW_REPLIED: NotificationKind(
        _("%(cooperative)s replied to your review of “%(product)s”"), "review_replied", ("cooperative", "product")),
    Kind.GRADE_RECORDED: NotificationKind(
        _("“%(product)s” graded %(programme)s %(level)s"), "grade_notice", _GRADE),
    Kind.GRADE_EXPIRING: NotificationKind(
        _("“%(product)s”: the %(programme)s grade expires soon"), "grade_notice", _GRADE),
    Kind.GRADE_EXPIRED: NotificationKind(
        _("“%(product)s”: the %(programme)s grade has expired"), "grade_notice", _GRADE),
}

# Shipment statuses a buyer is told about, translated at render time (the orders issue adds the model).
ORDER_STATUS_LABELS = {
    "packed": _("packed"),
    "shipped": _("shipped"),
    "delivered": _("delivered"),
    "cancelled": _("cancelled"),
    "returned": _("returned"),
}

IN_APP_KINDS = tuple(kind for kind, spec in KINDS.items() if spec.in_app)


def notification_kind(kind: str) -> NotificationKind:
    try:
        return KINDS[kind]
    except KeyError:
        raise ValueError(f"Unknown notification kind {kind!r}.") from None


def notification_context_check(*, kind: str, context: dict) -> None:
    """Refuse a context that lacks what the kind's subject and templates need."""
    missing = [key for key in notification_kind(kind).required if context.get(key) in (None, "")]
    if missing:
        raise ValueError(f"A {kind} notification needs {', '.join(missing)} in its context.")


def _display_context(notification: Notification) -> dict:
    context = dict(notification.context)
    status = context.get("status")
    if status is not None:
        context["status_label"] = str(ORDER_STATUS_LABELS.get(status, status))
    return context


def notification_subject(notification: Notification) -> str:
    """The subject line in the active language, on one line whatever the context holds."""
    spec = notification_kind(notification.kind)
    subject = str(spec.subject) % defaultdict(str, _display_context(notification))
    return " ".join(subject.split())


def notification_link(notification: Notification) -> str:
    """The path ``context["link"]`` names, reversed in the active language; "" when it names nothing."""
    link = notification.context.get("link")
    if not link:
        return ""
    try:
        return reverse(link["name"], kwargs=link.get("kwargs") or {})
    except (NoReverseMatch, KeyError, TypeError):
        return ""


def notification_message_id(notification: Notification) -> str:
    """The same Message-ID for every attempt, so a mail system that sees a repeat can drop it."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "ovop.market"
    return f"<notification-{notification.pk}@{domain}>"


def notification_email(notification: Notification) -> EmailMultiAlternatives:
    """The e-mail for ``notification``: plain text with an HTML alternative, in its language."""
    spec = notification_kind(notification.kind)
    with translation.override(notification.language):
        path = notification_link(notification)
        context = {
            **_display_context(notification),
            "kind": notification.kind,
            "notification": notification,
            "site_url": settings.SITE_URL,
            "action_url": notification.context.get("action_url") or (f"{settings.SITE_URL}{path}" if path else ""),
        }
        context["subject"] = subject = notification_subject(notification)
        text = render_to_string(f"notifications/email/{spec.template}.txt", context)
        html = render_to_string(f"notifications/email/{spec.template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, to=[notification.email],
        headers={"Message-ID": notification_message_id(notification)},
    )
    message.attach_alternative(html, "text/html")
    return message
