"""One transaction's messages are published together by one on-commit step; what a rolled-back
savepoint enqueued is never published, and what follows it still is."""
import pytest
from django.db import transaction

from ovop_market.models import OutboxMessage
from ovop_market.outbox import outbox_enqueue
from tests.workers import broker_for_this_process

Status = OutboxMessage.Status
TASK = "ovop_market.notification_deliver_email"


@pytest.fixture
def broker_in_memory():
    """Publish for real, to an in-memory broker nobody consumes (as a web process does)."""
    from ovop_market.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    with broker_for_this_process("memory://localhost/"):
        yield
    app.conf.task_always_eager = previous


def enqueue(number: int) -> OutboxMessage:
    return outbox_enqueue(task=TASK, kwargs={"notification_id": number}, queue="notifications")


@pytest.mark.django_db
def test_messages_of_nested_blocks_are_published_by_one_step(broker_in_memory, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        enqueue(1)
        with transaction.atomic():
            enqueue(2)
            with transaction.atomic():
                enqueue(3)
        enqueue(4)

    assert len(callbacks) == 1
    assert sorted(OutboxMessage.objects.values_list("kwargs__notification_id", "status")) == [
        (1, Status.PUBLISHED), (2, Status.PUBLISHED), (3, Status.PUBLISHED), (4, Status.PUBLISHED)]


@pytest.mark.django_db
def test_a_message_of_a_rolled_back_savepoint_is_not_published_and_the_rest_are(
    broker_in_memory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        enqueue(1)
        with pytest.raises(RuntimeError), transaction.atomic():
            enqueue(2)
            raise RuntimeError("changed my mind")
        enqueue(3)

    assert sorted(OutboxMessage.objects.values_list("kwargs__notification_id", "status")) == [
        (1, Status.PUBLISHED), (3, Status.PUBLISHED)]


@pytest.mark.django_db
def test_messages_after_a_rolled_back_first_message_are_still_published(
    broker_in_memory, django_capture_on_commit_callbacks
):
    # The savepoint that registered the transaction's publishing step rolls back, step and all.
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            enqueue(1)
            raise RuntimeError("changed my mind")
        enqueue(2)
        enqueue(3)

    assert len(callbacks) == 1
    assert sorted(OutboxMessage.objects.values_list("kwargs__notification_id", "status")) == [
        (2, Status.PUBLISHED), (3, Status.PUBLISHED)]


@pytest.mark.django_db
def test_a_rolled_back_transaction_publishes_nothing(broker_in_memory, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            enqueue(1)
            enqueue(2)
            raise RuntimeError("changed my mind")

    assert callbacks == []
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_a_message_is_published_at_once(broker_in_memory):
    enqueue(1)
    assert OutboxMessage.objects.get().status == Status.PUBLISHED


@pytest.mark.django_db(transaction=True)
def test_each_real_transaction_publishes_its_own_messages_on_commit(broker_in_memory):
    for batch in ((1, 2), (3,)):
        with transaction.atomic():
            for number in batch:
                enqueue(number)
            assert set(OutboxMessage.objects.filter(kwargs__notification_id__in=batch)
                       .values_list("status", flat=True)) == {Status.PENDING}  # not before the commit

    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
