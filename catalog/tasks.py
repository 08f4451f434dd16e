"""Catalog background work: photo renditions. Requested through the outbox, never called directly."""
from celery.exceptions import SoftTimeLimitExceeded

from ovop_market.celery import app
from ovop_market.outbox import OutboxTask

from . import renditions


@app.task(
    name="catalog.photo_render",
    base=OutboxTask,
    ignore_result=True,
    # A 12-megapixel photo takes well under a second; a pathological one must not hold the worker.
    soft_time_limit=60,
    time_limit=90,
    # Storage trouble (disk full, object storage unreachable) is transient and retried; a damaged
    # photo is not an exception here: the service marks it failed.
    autoretry_for=(OSError,),
    retry_backoff=5,
    retry_backoff_max=300,
    max_retries=5,
)
def photo_render(*, model: str, photo_id: int, force: bool = False, outbox_id: int | None = None) -> str:
    try:
        return renditions.photo_render(model=model, photo_id=photo_id, force=force)
    except SoftTimeLimitExceeded:
        renditions.photo_mark_failed(model=model, photo_id=photo_id, reason="Rendering took too long.")
        raise


@app.task(name="catalog.grades_daily", ignore_result=True, soft_time_limit=600, time_limit=660)
def grades_daily() -> dict:
    """Once a day (celery beat): tell cooperatives of grades that expired and warn of those that
    expire within 30 days. Safe to run twice: each grade is told about once."""
    from .grading import grades_expire_due, grades_warn_expiring

    return {"expired": grades_expire_due(), "warned": grades_warn_expiring()}
