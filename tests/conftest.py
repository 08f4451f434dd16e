"""Suite-wide fixtures: media in a temporary folder, a fast password hasher, an isolated cache."""
import os
import shutil
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
    # Pages are rendered afresh (and their queries counted); tests/catalog/test_page_cache.py turns the cache on.
    settings.CATALOG_PAGE_CACHE_SECONDS = 0


class Client(django.test.Client):
    """The test client, whose ``login()`` passes a request as every real login does: django-axes
    (login rate limiting, on in tests too) refuses an ``authenticate()`` without one."""

    def login(self, **credentials):
        credentials.setdefault("request", RequestFactory().post("/accounts/login/"))
        return super().login(**credentials)


@pytest.fixture
def client():
    return Client()


def login_officer(client, user):
    """Log staff ``user`` in to admin the way an officer does, second factor included: enrol an
    authenticator device on the setup page if they have none (else use theirs) and post the code
    it shows now. Use this, not ``force_login`` alone, for any test that opens /admin/ (admin
    sends staff without a verified device to the code page). Returns ``client``."""
    from django.urls import reverse
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from ovop_market.second_factor import totp_device_code

    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        url = reverse("admin:second_factor_setup")
        assert client.get(url).status_code == 200
        device = TOTPDevice.objects.get(user=user, confirmed=False)
    else:
        url = reverse("admin:second_factor")
        # A code is accepted once per 30-second step; a test logging the same officer in twice may reuse it.
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
        device.refresh_from_db()
    response = client.post(url, {"token": totp_device_code(device)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client


def second_factor_passed(user):
    """Mark ``user``, an object a test passes as ``by`` to a service, as past the second factor, the way
    django-otp's ``OTPMiddleware`` marks the request's user after ``login_officer``: an officer acts for
    a cooperative they are not a member of only then (``ovop_market.officers.officer_may_act_for``).
    Returns ``user``."""
    import functools

    from django_otp.middleware import is_verified
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user.otp_device = (TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
                       or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True))
    user.is_verified = functools.partial(is_verified, user)
    return user


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's ``admin_client`` (a superuser), past the second factor."""
    return login_officer(Client(), admin_user)


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



@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright's sync API: one per test run, shared by the browser
    journeys (tests/e2e) and the page-weight budget (tests/perf), since a second sync Playwright
    cannot start while one is running in the same thread."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(chromium):
        pytest.skip("needs Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # The sync API keeps an event loop running in this thread; the ORM calls the tests make between
    # browser steps are ordinary synchronous ones.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()
