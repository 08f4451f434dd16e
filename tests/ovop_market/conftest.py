"""Fixtures for the platform's notification and outbox tests."""
import pytest

from tests.workers import start_worker  # noqa: F401  (fixture)


@pytest.fixture
def eager_tasks():
    """Run tasks in this process (the embedded default), even when REDIS_URL points at a broker,
    so nothing is left in a shared Redis for later tests' workers."""
    from ovop_market.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous

