"""The outbox: nothing is lost when the broker is down, the relay publishes what is pending or
lost, a delivery that keeps failing stops after bounded tries and staff can see and retry it."""
import time
from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ovop_market.celery import app
from ovop_market.models import Notification, OutboxMessage
from ovop_market.outbox import outbox_enqueue
from ovop_market.services import notification_send
from ovop_market.tasks import notification_deliver_email, outbox_relay
from tests.factories import UserFactory
from tests.workers import _free_port, broker_for_this_process

pytestmark = pytest.mark.django_db
Status = OutboxMessage.Status
EmailStatus = Notification.EmailStatus
MAX_RUNS = notification_deliver_email.max_retries + 1


def notify(**fields) -> Notification:
    return notification_send(
        kind=Notification.Kind.COOPERATIVE_CHANGES_REQUESTED, user=fields.pop("user", None) or UserFactory(),
        context={"cooperative": "Bat Trang Ceramics", "reason": "Add the licence."}, **fields,
    )


@pytest.fixture
def broker_down():
    """This process publishes to a Redis port nobody listens on, for real (not in-process)."""
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    with broker_for_this_process(f"redis://127.0.0.1:{_free_port()}/0") as url:
        yield url
    app.conf.task_always_eager = previous


def test_enqueue_refuses_a_task_that_does_not_exist():
    with pytest.raises(ValueError, match="No Celery task"):
        outbox_enqueue(task="ovop_market.no_such_task", kwargs={}, queue="default")


# --- Broker down -------------------------------------------------------------------------------


def test_commit_while_the_broker_is_down_returns_at_once_and_keeps_the_message(
    broker_down, django_capture_on_commit_callbacks
):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify()
    elapsed = time.monotonic() - started

    assert elapsed < 1.0
    message = OutboxMessage.objects.get()
    assert message.status == Status.PENDING
    assert message.publish_attempts == 1 and message.available_at <= timezone.now()  # due for the relay
    assert message.last_error.startswith("broker unavailable")
    assert Notification.objects.get(pk=notification.pk).email_status == EmailStatus.PENDING


def test_after_a_failure_requests_leave_new_messages_to_the_relay(broker_down, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify()
    with django_capture_on_commit_callbacks(execute=True):
        second = notify()

    message = OutboxMessage.objects.get(kwargs__notification_id=second.pk)
    assert (message.status, message.publish_attempts) == (Status.PENDING, 0)  # not even tried

    assert outbox_relay() == 0  # the relay always tries; the broker is still down
    message.refresh_from_db()
    assert message.publish_attempts == 1


def test_relay_publishes_what_is_pending(eager_tasks, mailoutbox):
    with transaction.atomic():
        notification = notify()  # never published: no commit hook ran

    assert outbox_relay() == 1

    assert len(mailoutbox) == 1
    assert OutboxMessage.objects.get().status == Status.DONE
    assert Notification.objects.get(pk=notification.pk).email_status == EmailStatus.SENT
    assert outbox_relay() == 0


def test_relay_publishes_again_a_message_the_broker_lost_and_sends_once(eager_tasks, mailoutbox, settings):
    settings.OUTBOX_REDELIVER_AFTER = 60
    lost, recent = notify(), notify()
    OutboxMessage.objects.filter(kwargs__notification_id=lost.pk).update(
        status=Status.PUBLISHED, published_at=timezone.now() - timedelta(seconds=61)
    )
    OutboxMessage.objects.filter(kwargs__notification_id=recent.pk).update(
        status=Status.PUBLISHED, published_at=timezone.now()
    )

    assert outbox_relay() == 1

    assert [m.to for m in mailoutbox] == [[lost.email]]
    assert OutboxMessage.objects.get(kwargs__notification_id=lost.pk).status == Status.DONE


def test_a_late_copy_of_a_finished_message_does_nothing(eager_tasks, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify()
    message = OutboxMessage.objects.get()

    result = notification_deliver_email.apply(kwargs={"notification_id": notification.pk, "outbox_id": message.pk})

    assert result.state == "IGNORED"
    assert len(mailoutbox) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.DONE, 1)


def test_a_sent_notification_is_not_sent_again_by_a_new_message(eager_tasks, mailoutbox,
                                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify()
        outbox_enqueue(task="ovop_market.notification_deliver_email", kwargs={"notification_id": notification.pk},
                       queue="notifications")

    assert len(mailoutbox) == 1
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {Status.DONE}


def test_relay_works_through_a_backlog_in_batches(eager_tasks, mailoutbox, monkeypatch):
    monkeypatch.setattr("ovop_market.tasks.PUBLISH_BATCH", 2)
    monkeypatch.setattr("ovop_market.outbox.PUBLISH_BATCH", 2)
    for _ in range(5):
        notify()

    assert outbox_relay() == 5

    assert len(mailoutbox) == 5
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {Status.DONE}


def test_a_message_that_cannot_be_published_fails_without_holding_up_the_rest(eager_tasks, mailoutbox):
    OutboxMessage.objects.create(task_name="ovop_market.renamed_long_ago", kwargs={}, queue="default")
    notify()

    assert outbox_relay() == 1

    assert len(mailoutbox) == 1
    stranded = OutboxMessage.objects.get(task_name="ovop_market.renamed_long_ago")
    assert stranded.status == Status.FAILED and "No Celery task" in stranded.last_error


# --- Failing deliveries ------------------------------------------------------------------------


def test_mail_server_down_is_retried_then_marked_failed_for_staff(
    eager_tasks, settings, admin_client, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.ovop_market.mail_backends.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify()

    notification.refresh_from_db()
    assert notification.email_status == EmailStatus.FAILED
    assert notification.email_attempts == MAX_RUNS
    assert "ConnectionRefusedError" in notification.email_last_error
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == (Status.FAILED, MAX_RUNS)
    assert "EmailDeliveryDeferred" in message.last_error

    failed_outbox = admin_client.get(reverse("admin:ovop_market_outboxmessage_changelist"), {"attention": "failed"})
    assert failed_outbox.context["cl"].result_count == 1
    failed_notifications = admin_client.get(reverse("admin:ovop_market_notification_changelist"),
                                            {"email_status__exact": "failed"})
    assert failed_notifications.context["cl"].result_count == 1


def test_an_address_the_mail_server_rejects_fails_at_once(eager_tasks, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.ovop_market.mail_backends.RejectingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify()

    notification.refresh_from_db()
    assert (notification.email_status, notification.email_attempts) == (EmailStatus.FAILED, 1)
    assert "SMTPRecipientsRefused" in notification.email_last_error
    assert OutboxMessage.objects.get().status == Status.FAILED


def test_a_message_that_keeps_losing_its_worker_stops(eager_tasks, mailoutbox, django_capture_on_commit_callbacks):
    notification = notify()
    message = OutboxMessage.objects.get()
    # Each run that killed its worker was counted before it started.
    runs_allowed = MAX_RUNS + notification_deliver_email.lost_worker_allowance
    OutboxMessage.objects.filter(pk=message.pk).update(status=Status.PUBLISHED, attempts=runs_allowed)

    notification_deliver_email.apply(kwargs={"notification_id": notification.pk, "outbox_id": message.pk})

    message.refresh_from_db()
    notification.refresh_from_db()
    assert message.status == Status.FAILED and "OutboxGaveUp" in message.last_error
    assert notification.email_status == EmailStatus.FAILED
    assert mailoutbox == []


def test_staff_send_a_failed_email_again(eager_tasks, settings, admin_client, mailoutbox,
                                         django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.ovop_market.mail_backends.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:ovop_market_notification_changelist"), {
            "action": "resend_failed", "_selected_action": [notification.pk],
        })

    assert response.status_code == 302
    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert notification.email_status == EmailStatus.SENT


def test_staff_send_a_failed_task_to_a_worker_again(eager_tasks, settings, admin_client, mailoutbox,
                                                    django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.ovop_market.mail_backends.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    message = OutboxMessage.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("admin:ovop_market_outboxmessage_changelist"), {
            "action": "send_again", "_selected_action": [message.pk],
        })

    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.DONE, 1)
    assert len(mailoutbox) == 1
    assert Notification.objects.get(pk=notification.pk).email_status == EmailStatus.SENT


def test_outbox_and_notifications_are_read_only_in_admin(admin_client):
    notification = notify()
    message = OutboxMessage.objects.get()

    assert admin_client.get(reverse("admin:ovop_market_outboxmessage_changelist")).status_code == 200
    change = admin_client.get(reverse("admin:ovop_market_outboxmessage_change", args=[message.pk]))
    assert change.status_code == 200 and b'name="_save"' not in change.content
    assert admin_client.get(reverse("admin:ovop_market_outboxmessage_add")).status_code == 403
    assert admin_client.get(reverse("admin:ovop_market_notification_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:ovop_market_notification_change", args=[notification.pk])).status_code == 200


# --- Health ------------------------------------------------------------------------------------


def test_healthz_reports_stuck_and_failed_messages_without_failing(client, settings):
    settings.REDIS_URL = ""  # only the outbox report is under test here
    notify(), notify(), notify()
    old = timezone.now() - timedelta(seconds=settings.OUTBOX_STUCK_AFTER + 1)
    first, second, _ = OutboxMessage.objects.order_by("pk")
    OutboxMessage.objects.filter(pk=first.pk).update(created_at=old)
    OutboxMessage.objects.filter(pk=second.pk).update(status=Status.FAILED)

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["outbox"] == {"failed": 1, "stuck": 1}
