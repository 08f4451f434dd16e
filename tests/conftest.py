"""Suite-wide fixtures: media in a temporary folder, a fast password hasher, an isolated cache."""
import os
import uuid

import django.test
import pytest
from django.db import connection
from django.test import RequestFactory
from django.utils import translation

from tests.workers import celery_worker, private_redis, real_broker  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def _english_between_tests():
    """A request under /vi/ leaves Vietnamese active in this thread; each test starts in English."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # A fresh key prefix isolates each test's cache entries without flushing a shared Redis.
    settings.CACHES = {
        name: {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"} for name, config in settings.CACHES.items()
    }


class Client(django.test.Client):
    """The test client, whose ``login()`` passes a request as every real login does: django-axes
    (login rate limiting, on in tests too) refuses an ``authenticate()`` without one."""

    def login(self, **credentials):
        credentials.setdefault("request", RequestFactory().post("/accounts/login/"))
        return super().login(**credentials)


@pytest.fixture
def client():
    return Client()


@pytest.fixture
def postgres_only(db):
    """For behaviour that only PostgreSQL has (full-text and trigram search)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL")


def pytest_sessionfinish(session, exitstatus):
    """In CI every test must run: a skipped test fails the run (PostgreSQL-only tests included)."""
    if os.environ.get("CI") != "true":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped:
        reporter.write_line(f"CI: {skipped} test(s) skipped; every test must run here.", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED

