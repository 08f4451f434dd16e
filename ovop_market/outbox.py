"""The transactional outbox: how a service asks for background work without losing it.

``outbox_enqueue`` writes an ``OutboxMessage`` inside the caller's transaction and, once that
commits, tries to hand it to the broker straight away. If the broker is down the message stays
pending and the relay (``ovop_market.tasks.outbox_relay``, run by Celery beat) publishes it
later. A message that was published but never finished (Redis lost it, a worker died) is
published again after ``OUTBOX_REDELIVER_AFTER``. Delivery is therefore at least once; every
task run through here is idempotent and takes an ``outbox_id`` so it can report back.

All the messages one transaction enqueues are published together, by one on-commit step and in
one short transaction of the outbox's own, however deeply nested the atomic blocks that enqueued
them; a message whose savepoint rolled back is simply not found then. Outside a transaction
(autocommit) a message is published at once.

Publishing never makes a request wait on a broken broker: it uses its own connection pool with
short socket timeouts and no reconnection loop, and after a failure the publish-on-commit step
leaves new messages to the relay for ``OUTBOX_PUBLISH_COOLDOWN`` seconds instead of trying again.
"""
import logging
import time
from datetime import timedelta

from celery import Task
from celery.exceptions import Ignore
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from kombu import pools
from kombu.exceptions import EncodeError, LimitExceeded, OperationalError

from .celery import app
from .models import OutboxMessage

logger = logging.getLogger(__name__)
Status = OutboxMessage.Status
PUBLISH_BATCH = 200

# Monotonic time until which publish-on-commit does not try the broker (per process).
_broker_down_until = 0.0


class OutboxGaveUp(Exception):
    """A message ran more often than its task allows (worker lost again and again, or republished)."""


def outbox_enqueue(*, task: str, kwargs: dict, queue: str) -> OutboxMessage:
    """Record ``task(**kwargs)`` for a worker; it is published when the transaction commits.

    Nothing is published if the transaction rolls back: the message row goes with it.
    """
    if task not in app.tasks:
        raise ValueError(f"No Celery task named {task!r}.")
    message = OutboxMessage.objects.create(task_name=task, kwargs=kwargs, queue=queue)
    _publish_on_commit(message.pk)
    return message


class _PublishOnCommit:
    """The on-commit step of one transaction: publishes every message it enqueued."""

    def __init__(self):
        self.message_ids: list[int] = []
        self.ran = False

    def __call__(self):
        self.ran = True
        for start in range(0, len(self.message_ids), PUBLISH_BATCH):
            outbox_publish(message_ids=self.message_ids[start:start + PUBLISH_BATCH])


def _publish_on_commit(message_id: int) -> None:
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        transaction.on_commit(lambda: outbox_publish(message_ids=[message_id]), robust=True)  # runs now
        return
    # Join the step already registered in this transaction (connections are per thread). It is
    # gone from the hooks when the savepoint that registered it rolled back, and spent once run:
    # then this message starts a new one.
    step = getattr(connection, "_outbox_publish_step", None)
    if step is None or step.ran or not any(hook is step for _sids, hook, _robust in connection.run_on_commit):
        step = connection._outbox_publish_step = _PublishOnCommit()
        transaction.on_commit(step, robust=True)
    step.message_ids.append(message_id)


def outbox_publish(*, message_ids=None) -> int:
    """Hand due messages to the broker and return how many went. Never raises for a broker outage:
    what cannot be sent stays pending with a later ``available_at``.

    With ``message_ids`` (the publish-on-commit step) it gives up at once while the broker is
    known to be down; without (the relay) it always tries.
    """
    global _broker_down_until
    if message_ids is not None and time.monotonic() < _broker_down_until:
        return 0
    now = timezone.now()
    stale = now - timedelta(seconds=settings.OUTBOX_REDELIVER_AFTER)
    due = Q(status=Status.PENDING, available_at__lte=now) | Q(status=Status.PUBLISHED, published_at__lt=stale)
    published = 0
    with transaction.atomic():
        messages = OutboxMessage.objects.select_for_update(skip_locked=True).filter(due).order_by("pk")
        if message_ids is not None:
            messages = messages.filter(pk__in=message_ids)
        waiting = list(messages[:PUBLISH_BATCH])
        if not waiting:
            return 0
        # Marked published together (one statement); a message that then cannot be sent is set
        # back below, all in this transaction.
        now = timezone.now()
        OutboxMessage.objects.filter(pk__in=[message.pk for message in waiting]).update(
            status=Status.PUBLISHED, published_at=now)
        for message in waiting:
            message.status, message.published_at = Status.PUBLISHED, now
        try:
            with _producer_connection() as connection:
                while waiting:
                    published += _send(waiting[0], connection)
                    waiting.pop(0)
        except (OperationalError, LimitExceeded, OSError) as error:
            # The broker is down or went away mid-batch. The rest stays due: the relay tries again
            # on its next run (one connection attempt per run, so no backoff is needed).
            _broker_down_until = time.monotonic() + settings.OUTBOX_PUBLISH_COOLDOWN
            OutboxMessage.objects.filter(pk__in=[message.pk for message in waiting]).update(
                status=Status.PENDING, published_at=None, publish_attempts=F("publish_attempts") + 1,
                last_error=f"broker unavailable: {error}"[:2000],
            )
            logger.warning("%s outbox message(s) left for the relay, the broker is unavailable: %s",
                           len(waiting), error)
        else:
            _broker_down_until = 0.0
    return published


def _producer_connection():
    """A pooled broker connection that fails fast instead of retrying (see module docstring)."""
    timeout = settings.OUTBOX_PUBLISH_TIMEOUT
    connection = app.connection_for_write(
        connect_timeout=timeout,
        transport_options={"max_retries": 0, "socket_connect_timeout": timeout, "socket_timeout": timeout},
    )
    return pools.connections[connection].acquire(block=True, timeout=timeout)


def _send(message: OutboxMessage, connection) -> bool:
    """Publish one message (already marked published); a message that can never be published is
    failed, not retried."""
    task = app.tasks.get(message.task_name)
    if task is None:  # renamed or removed since the message was recorded: staff must look at it
        _fail(message, f"No Celery task named {message.task_name!r}.")
        return False
    try:
        task.apply_async(
            kwargs={**message.kwargs, "outbox_id": message.pk}, queue=message.queue, retry=False,
            connection=connection,
        )
    except EncodeError as error:
        _fail(message, f"cannot be encoded: {error}")
        return False
    return True


def _fail(message: OutboxMessage, error: str) -> None:
    message.status, message.finished_at, message.last_error = Status.FAILED, timezone.now(), error[:2000]
    message.save(update_fields=["status", "finished_at", "last_error"])


def outbox_start(*, outbox_id: int) -> int | None:
    """Count one more run of a message; ``None`` if it is already done or failed (a stale copy)."""
    started = OutboxMessage.objects.filter(pk=outbox_id, status__in=[Status.PENDING, Status.PUBLISHED]).update(
        attempts=F("attempts") + 1, published_at=timezone.now()
    )
    if not started:
        return None
    return OutboxMessage.objects.values_list("attempts", flat=True).get(pk=outbox_id)


def outbox_finish(*, outbox_id: int | None, error: str = "") -> None:
    """Record that the worker finished a message: done, or failed for good with ``error``."""
    if outbox_id is None:
        return
    OutboxMessage.objects.filter(pk=outbox_id).update(
        status=Status.FAILED if error else Status.DONE, finished_at=timezone.now(), last_error=error[:2000]
    )


def outbox_note_retry(*, outbox_id: int | None, error: str) -> None:
    """Show staff why a message is being retried while it still is."""
    if outbox_id is None:
        return
    OutboxMessage.objects.filter(pk=outbox_id).update(last_error=f"retrying after: {error}"[:2000])


def outbox_retry(*, message: OutboxMessage) -> None:
    """Send a failed message to a worker again with a fresh set of tries (a staff action)."""
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=Status.PENDING, available_at=timezone.now(), finished_at=None, attempts=0, publish_attempts=0
    )
    _publish_on_commit(message.pk)


class OutboxTask(Task):
    """Base for tasks run from the outbox: counts each run and reports the outcome to the message.

    Retries with exponential backoff on the errors a task lists in ``autoretry_for``; after
    ``max_retries`` the failure is recorded and visible to staff in admin. Late acknowledgement
    with ``reject_on_worker_lost`` means a worker killed mid-task gives the message back, which
    is safe because these tasks are idempotent. Runs are also counted in the database, so a
    message that keeps killing its worker (or keeps being republished) stops after
    ``max_retries + 1 + lost_worker_allowance`` runs instead of looping forever.
    """

    abstract = True
    acks_late = True
    reject_on_worker_lost = True
    retry_backoff = True
    retry_backoff_max = 600
    retry_jitter = True
    max_retries = 5
    lost_worker_allowance = 2

    def __call__(self, *args, **kwargs):
        outbox_id = kwargs.get("outbox_id")
        if outbox_id is not None:
            runs = outbox_start(outbox_id=outbox_id)
            if runs is None:
                logger.info("Outbox message %s is already finished; dropping a stale copy.", outbox_id)
                raise Ignore()
            limit = (self.max_retries or 0) + 1 + self.lost_worker_allowance
            if runs > limit:
                raise OutboxGaveUp(f"gave up after {runs - 1} runs")
        return super().__call__(*args, **kwargs)

    def on_success(self, retval, task_id, args, kwargs):
        outbox_finish(outbox_id=kwargs.get("outbox_id"))

    def on_retry(self, exc, task_id, args, kwargs, einfo):
        outbox_note_retry(outbox_id=kwargs.get("outbox_id"), error=f"{exc.__class__.__name__}: {exc}")

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        outbox_finish(outbox_id=kwargs.get("outbox_id"), error=f"{exc.__class__.__name__}: {exc}")
