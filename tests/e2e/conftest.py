"""Browser journeys in Debian's Chromium, driven by Playwright (no browser is downloaded)."""
import os

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def tasks_in_this_process(settings):
    """Background tasks (e-mails, renditions) run in the test's process, with or without REDIS_URL,
    so nothing is left for a CI worker that serves another database."""
    from ovop_market.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = True
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def second_page(browser):
    """A second person's phone, beside ``page`` (the seller who ships, the officer who decides)."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()
