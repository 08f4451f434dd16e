"""Platform writes: recording notifications and delivering their e-mail exactly once.

``notification_send`` records the notification and an outbox message for its e-mail in the
caller's transaction: both exist or neither does, and the e-mail goes out only after commit.

``notification_email_deliver`` (run by a worker) sends under a row lock and marks the
notification sent in the same database transaction, so a second run of the task (the broker
redelivered it, a worker was killed and the message came back, the relay republished it) finds
it sent and does nothing. The one window left is a worker killed after the mail server accepted
the message but before the database commit: that run is repeated and the e-mail goes twice,
with the same Message-ID. It is milliseconds wide; no mail protocol lets us close it.
"""
import smtplib
import time

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from .models import Notification
from .notifications import notification_context_check, notification_email, notification_kind
from .outbox import outbox_enqueue

EmailStatus = Notification.EmailStatus
DELIVER_TASK = "ovop_market.notification_deliver_email"


class EmailDeliveryDeferred(Exception):
    """The mail system failed in a way that may pass (connection refused, timeout, 4xx reply)."""


@transaction.atomic
def notification_send(*, kind: str, context: dict, user=None, email: str | None = None,
                      language: str | None = None) -> Notification:
    """Record a notification for ``user`` (or a guest's ``email``) and schedule its e-mail.

    The address defaults to the user's, the language to the user's preferred one (else the
    site's). The e-mail is handed to a worker only when the caller's transaction commits.
    """
    notification_context_check(kind=kind, context=context)
    address = email or (user.email if user is not None else "")
    if not address:
        raise ValueError("A notification needs a user or an e-mail address.")
    language = language or (user.language if user is not None else settings.LANGUAGE_CODE)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    notification = Notification.objects.create(
        user=user, email=address, kind=kind, context=context, language=language
    )
    outbox_enqueue(task=DELIVER_TASK, kwargs={"notification_id": notification.pk}, queue="notifications")
    return notification


def notification_email_deliver(*, notification_id: int) -> bool:
    """Send a notification's e-mail unless it has been sent; return whether this call sent it.

    Raises ``EmailDeliveryDeferred`` for a failure worth retrying; any other exception is a
    failure for good. Either way the attempt and its error are recorded.
    """
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.email_status == EmailStatus.SENT:
            return False
        notification.email_attempts += 1
        if settings.NOTIFICATION_DELIVERY_TEST_DELAY:
            time.sleep(settings.NOTIFICATION_DELIVERY_TEST_DELAY)
        try:
            with get_connection(fail_silently=False) as connection:
                connection.send_messages([notification_email(notification)])
        except Exception as error:  # recorded here, classified and re-raised below
            failure = error
            notification.email_last_error = f"{error.__class__.__name__}: {error}"[:2000]
            notification.save(update_fields=["email_attempts", "email_last_error"])
        else:
            notification.email_status, notification.email_sent_at = EmailStatus.SENT, timezone.now()
            notification.email_last_error = ""
            # A secret link (password reset) is not kept once it has been delivered.
            for key in notification_kind(notification.kind).secret:
                notification.context.pop(key, None)
            notification.save(
                update_fields=["email_status", "email_sent_at", "email_attempts", "email_last_error", "context"]
            )
            return True
    if _is_transient(failure):
        raise EmailDeliveryDeferred(notification.email_last_error) from failure
    raise failure


def _is_transient(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return True
    if isinstance(error, smtplib.SMTPException):
        return False
    return isinstance(error, (OSError, SoftTimeLimitExceeded))  # refused, unreachable, timed out


def notification_email_failed(*, notification_id: int, error: str) -> None:
    """Mark a notification's e-mail failed for good (unless it was sent meanwhile): staff see it in admin."""
    Notification.objects.filter(pk=notification_id).exclude(email_status=EmailStatus.SENT).update(
        email_status=EmailStatus.FAILED, email_last_error=error[:2000]
    )


@transaction.atomic
def notification_email_resend(*, notification: Notification) -> bool:
    """Try a failed e-mail again with a fresh set of tries (a staff action); sent ones are left alone."""
    updated = Notification.objects.filter(pk=notification.pk, email_status=EmailStatus.FAILED).update(
        email_status=EmailStatus.PENDING
    )
    if updated:
        outbox_enqueue(task=DELIVER_TASK, kwargs={"notification_id": notification.pk}, queue="notifications")
    return bool(updated)


def notification_mark_read(*, notification: Notification, by) -> None:
    """Mark one of ``by``'s own notifications read (the first time counts)."""
    if notification.user_id != by.pk:
        raise PermissionDenied("Only the recipient can mark a notification read.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)


def notification_mark_all_read(*, user) -> int:
    """Mark every unread notification of ``user`` read; return how many."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
