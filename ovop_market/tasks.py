"""Platform tasks: the outbox relay and notification e-mail delivery."""
import time

from django.conf import settings

from .celery import app
from .outbox import PUBLISH_BATCH, OutboxTask, outbox_publish
from .services import EmailDeliveryDeferred, notification_email_deliver, notification_email_failed


@app.task(name="ovop_market.outbox_relay", ignore_result=True, soft_time_limit=50, time_limit=60)
def outbox_relay() -> int:
    """Publish outbox messages that are due: never sent, left behind while the broker was down,
    or lost on the way. Works through a backlog batch by batch for up to 40 seconds."""
    deadline = time.monotonic() + 40
    total = 0
    while True:
        published = outbox_publish()
        total += published
        if published < PUBLISH_BATCH or time.monotonic() > deadline:
            return total


class NotificationEmailTask(OutboxTask):
    """Marks the notification failed, as well as its outbox message, when delivery gives up."""

    abstract = True

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        error = f"{exc.__class__.__name__}: {exc}"
        notification_email_failed(notification_id=kwargs["notification_id"], error=error)
        super().on_failure(exc, task_id, args, kwargs, einfo)


@app.task(
    base=NotificationEmailTask,
    name="ovop_market.notification_deliver_email",
    ignore_result=True,
    autoretry_for=(EmailDeliveryDeferred,),
    max_retries=settings.NOTIFICATION_EMAIL_MAX_RETRIES,
    retry_backoff=settings.NOTIFICATION_EMAIL_RETRY_BACKOFF,
    # Below the broker's visibility timeout, so a waiting retry is not redelivered as well.
    retry_backoff_max=300,
    soft_time_limit=settings.EMAIL_TIMEOUT * 3,
    time_limit=settings.EMAIL_TIMEOUT * 3 + 15,
)
def notification_deliver_email(*, notification_id: int, outbox_id: int | None = None) -> bool:
    """Send one notification's e-mail; safe to run any number of times (sends at most once)."""
    return notification_email_deliver(notification_id=notification_id)
