"""Notification e-mail through a real Celery worker process, with faults injected: Redis stopped,
Redis losing what it held, a worker killed mid-task, a mail server that never answers, and a
transaction that rolls back. Each case ends with exactly one e-mail (or none, or a failure staff
can see). PostgreSQL and Redis only: skipped on SQLite, never in CI."""
import signal
import time

import pytest
from django.db import transaction

from ovop_market.models import Notification, OutboxMessage
from ovop_market.services import notification_send
from ovop_market.tasks import outbox_relay
from sellers.models import Cooperative
from sellers.services import cooperative_set_status
from tests.factories import CooperativeFactory, UserFactory
from tests.workers import _free_port, broker_for_this_process

Status = OutboxMessage.Status
EmailStatus = Notification.EmailStatus
Verification = Cooperative.Verification
# A short wait after the expected e-mail arrived, in which a duplicate would show up.
SETTLE_SECONDS = 1.5


def verify_cooperative(email="coop@example.com") -> Cooperative:
    """An officer verifies a cooperative: the change and its notification commit together."""
    cooperative = CooperativeFactory(verification_status=Verification.PENDING, contact_email=email)
    cooperative_set_status(cooperative=cooperative, to=Verification.VERIFIED, by=UserFactory(is_staff=True),
                           reason="All documents are valid.")
    return cooperative


def wait_for_mail(worker, count: int = 1) -> list:
    worker.wait_for(lambda: len(worker.sent_mail()) >= count, what=f"{count} e-mail(s)")
    time.sleep(SETTLE_SECONDS)
    return worker.sent_mail()


def test_a_decision_is_emailed_exactly_once_by_the_worker(celery_worker):
    cooperative = verify_cooperative()

    (mail,) = wait_for_mail(celery_worker)

    notification = Notification.objects.get()
    assert mail["To"] == "coop@example.com"
    assert mail["Message-ID"] == f"<notification-{notification.pk}@ovop.market>"
    assert cooperative.name in mail["Subject"]
    assert notification.email_status == EmailStatus.SENT
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == (Status.DONE, 1)


def test_a_task_queued_in_a_rolled_back_transaction_never_runs(celery_worker):
    with pytest.raises(RuntimeError), transaction.atomic():
        notification_send(kind=Notification.Kind.ORDER_CONFIRMATION, email="ghost@example.com",
                          context={"order_number": "OV-404", "lines": [], "total": "0"})
        raise RuntimeError("payment declined: the order is rolled back")
    # A committed notification afterwards: once it arrives, the first would have arrived before it.
    verify_cooperative(email="real@example.com")

    mails = wait_for_mail(celery_worker)

    assert [mail["To"] for mail in mails] == ["real@example.com"]
    assert not Notification.objects.filter(email="ghost@example.com").exists()
    assert OutboxMessage.objects.count() == 1


def test_with_redis_stopped_the_change_commits_and_the_email_goes_once_redis_is_back(private_redis, start_worker):
    worker = start_worker(broker_url=private_redis.url)
    with broker_for_this_process(private_redis.url):
        private_redis.stop()

        started = time.monotonic()
        cooperative = verify_cooperative()
        elapsed = time.monotonic() - started

        assert elapsed < 1.0, f"the officer waited {elapsed:.2f}s for a broker that is down"
        cooperative.refresh_from_db()
        assert cooperative.verification_status == Verification.VERIFIED
        message = OutboxMessage.objects.get()
        assert message.status == Status.PENDING and message.last_error.startswith("broker unavailable")

        private_redis.start()
        assert outbox_relay() == 1  # what beat runs every OUTBOX_RELAY_SECONDS

        (mail,) = wait_for_mail(worker)

    assert mail["To"] == "coop@example.com"
    assert Notification.objects.get().email_status == EmailStatus.SENT
    assert OutboxMessage.objects.get().status == Status.DONE


def test_a_message_redis_lost_is_published_again_and_sent_once(private_redis, start_worker, settings):
    with broker_for_this_process(private_redis.url):
        verify_cooperative()
        assert OutboxMessage.objects.get().status == Status.PUBLISHED
        private_redis.stop()  # no persistence: the queued message is gone
        private_redis.start()
        worker = start_worker(broker_url=private_redis.url)

        settings.OUTBOX_REDELIVER_AFTER = 0  # "published but never finished" is due at once
        assert outbox_relay() == 1

        (mail,) = wait_for_mail(worker)

    assert mail["To"] == "coop@example.com"
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == (Status.DONE, 1)


def test_a_worker_killed_mid_task_leads_to_exactly_one_email(start_worker):
    worker = start_worker(NOTIFICATION_DELIVERY_TEST_DELAY=2)
    verify_cooperative()
    message = OutboxMessage.objects.get()
    # The run is counted before the task takes its lock and pauses: kill it during the pause, once
    # the main process has seen the child accept the job (a child killed in the very instant it
    # picks a job up leaves it to Redis's visibility timeout instead; see the README).
    worker.wait_for(lambda: OutboxMessage.objects.get(pk=message.pk).attempts == 1, what="the task to start")
    time.sleep(0.5)
    killed = worker.kill_pool_child()

    (mail,) = wait_for_mail(worker)

    assert mail["To"] == "coop@example.com"
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.DONE, 2)  # redelivered once, sent once
    notification = Notification.objects.get()
    assert (notification.email_status, notification.email_attempts) == (EmailStatus.SENT, 1)
    assert killed not in worker.child_pids()
    assert "WorkerLostError" in worker.log_text() or "signal 9" in worker.log_text()


def test_a_whole_worker_killed_mid_task_is_replaced_and_the_email_sent_once(private_redis, start_worker):
    # The task is unacknowledged in Redis; after the visibility timeout a worker takes it back.
    settings = {"NOTIFICATION_DELIVERY_TEST_DELAY": 2, "CELERY_VISIBILITY_TIMEOUT": 3}
    first = start_worker(broker_url=private_redis.url, **settings)
    with broker_for_this_process(private_redis.url):
        verify_cooperative()
    message = OutboxMessage.objects.get()
    first.wait_for(lambda: OutboxMessage.objects.get(pk=message.pk).attempts == 1, what="the task to start")
    first.stop(signal.SIGKILL)  # the main process and its pool: nothing is acknowledged or given back
    time.sleep(3)  # past the visibility timeout: the next worker restores the message when it starts

    second = start_worker(broker_url=private_redis.url, **settings)
    (mail,) = wait_for_mail(second)

    assert mail["To"] == "coop@example.com"
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.DONE, 2)
    assert Notification.objects.get().email_status == EmailStatus.SENT


def test_a_mail_server_that_never_answers_stops_after_bounded_tries_and_staff_see_it(start_worker):
    worker = start_worker(
        EMAIL_URL=f"smtp://127.0.0.1:{_free_port()}", EMAIL_TIMEOUT=2,
        NOTIFICATION_EMAIL_MAX_RETRIES=2, NOTIFICATION_EMAIL_RETRY_BACKOFF=1,
    )
    verify_cooperative()

    worker.wait_for(lambda: OutboxMessage.objects.get().status == Status.FAILED, timeout=30,
                    what="the task to give up")

    notification = Notification.objects.get()
    assert notification.email_status == EmailStatus.FAILED
    assert notification.email_attempts == 3
    assert "ConnectionRefusedError" in notification.email_last_error
    message = OutboxMessage.objects.get()
    assert message.attempts == 3 and "EmailDeliveryDeferred" in message.last_error
