"""Fixtures for the account tests: a person with a known password, and links read from e-mails."""
import re

import pytest
from django.conf import settings

from tests.factories import UserFactory

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _eager_tasks():
    """E-mails are sent in this process (into ``mailoutbox``) even when REDIS_URL names a broker,
    so nothing is left in a shared Redis for another test's worker."""
    from ovop_market.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def mai(db):
    return UserFactory(email="mai@example.com", full_name="Mai Nguyen", password=PASSWORD)


@pytest.fixture
def somchai(db):
    return UserFactory(email="somchai@example.com", full_name="Somchai Chaiyo", password=PASSWORD)


def link_in(message) -> str:
    """The site path of the action link in an e-mail (plain-text body)."""
    match = re.search(re.escape(settings.SITE_URL) + r"(/\S+)", message.body)
    assert match, message.body
    return match.group(1)
