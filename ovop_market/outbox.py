"""The transactional outbox: how a service asks for background work without losing it.

``outbox_enqueue`` writes an ``OutboxMessage`` inside the caller's transaction and, once that
commits, tries to hand it to the broker straight away. If the broker is down the message stays
pending and the relay (``ovop_market.tasks.outbox_relay``, run by Celery beat) publishes it
later. A message that was published but never finished (Redis lost it, a worker died) is
published again after ``OUTBOX_REDELIVER_AFTER``. Delivery is therefore at least once; every
task run through here is idempotent and takes an ``outbox_id`` so it can report back.
"""
import logging
from datetime import timedelta

from celery import Task
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from kombu.exceptions import OperationalError

from .celery import app
from .models import OutboxMessage

logger = logging.getLogger(__name__)
Status = OutboxMessage.Status
PUBLISH_BATCH = 200


def outbox_enqueue(*, task: str, kwargs: dict, queue: str) -> OutboxMessage:
    """Record ``task(**kwargs)`` for a worker; it is published when the transaction commits."""
    message = OutboxMessage.objects.create(task_name=task, kwargs=kwargs, queue=queue)
    transaction.on_commit(lambda: outbox_publish(message_ids=[message.pk]))
    return message


def outbox_publish(*, message_ids=None) -> int:
    """Hand due messages to the broker and return how many went. Never raises for a broker outage:
    what cannot be sent stays pending with a later ``available_at``."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.OUTBOX_REDELIVER_AFTER)
    due = Q(status=Status.PENDING, available_at__lte=now) | Q(status=Status.PUBLISHED, published_at__lt=stale)
    published = 0
    with transaction.atomic():
        messages = OutboxMessage.objects.select_for_update(skip_locked=True).filter(due).order_by("pk")
        if message_ids is not None:
            messages = messages.filter(pk__in=message_ids)
        for message in messages[:PUBLISH_BATCH]:
            try:
                _send(message)
            except OperationalError as error:
                _postpone(message, error, now)
                break  # the broker is down: the rest waits for the next relay run
            published += 1
    return published


def _send(message: OutboxMessage) -> None:
    task = app.tasks[message.task_name]
    message.status, message.published_at = Status.PUBLISHED, timezone.now()
    message.save(update_fields=["status", "published_at"])
    task.apply_async(kwargs={**message.kwargs, "outbox_id": message.pk}, queue=message.queue, retry=False)


def _postpone(message: OutboxMessage, error: Exception, now) -> None:
    delay = min(settings.OUTBOX_MAX_BACKOFF, 2 ** min(message.publish_attempts, 10))
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=Status.PENDING,
        publish_attempts=message.publish_attempts + 1,
        available_at=now + timedelta(seconds=delay),
        last_error=f"broker unavailable: {error}"[:2000],
        published_at=None,
    )
    logger.warning("Outbox message %s not published, retrying in %ss: %s", message.pk, delay, error)


def outbox_finish(*, outbox_id: int | None, error: str = "") -> None:
    """Record that the worker finished a message: done, or failed for good with ``error``."""
    if outbox_id is None:
        return
    OutboxMessage.objects.filter(pk=outbox_id).update(
        status=Status.FAILED if error else Status.DONE, finished_at=timezone.now(), last_error=error[:2000]
    )


def outbox_retry(*, message: OutboxMessage) -> None:
    """Send a failed message to a worker again (a staff action)."""
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=Status.PENDING, available_at=timezone.now(), finished_at=None
    )
    transaction.on_commit(lambda: outbox_publish(message_ids=[message.pk]))


class OutboxTask(Task):
    """Base for tasks run from the outbox: reports success or final failure back to the message.

    Retries with exponential backoff on the errors a task lists in ``autoretry_for``; after
    ``max_retries`` the failure is recorded and visible to staff in admin. Late acknowledgement
    with ``reject_on_worker_lost`` means a worker killed mid-task gives the message back, which
    is safe because these tasks are idempotent.
    """

    abstract = True
    acks_late = True
    reject_on_worker_lost = True
    retry_backoff = True
    retry_backoff_max = 600
    retry_jitter = True
    max_retries = 5

    def on_success(self, retval, task_id, args, kwargs):
        outbox_finish(outbox_id=kwargs.get("outbox_id"))

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        outbox_finish(outbox_id=kwargs.get("outbox_id"), error=f"{exc.__class__.__name__}: {exc}")
