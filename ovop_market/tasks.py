"""Platform tasks: the outbox relay."""
from .celery import app
from .outbox import outbox_publish


@app.task(name="ovop_market.outbox_relay", ignore_result=True, soft_time_limit=50, time_limit=60)
def outbox_relay() -> int:
    """Publish outbox messages that are due: never sent, postponed, or lost on the way."""
    return outbox_publish()
